"""Synthetic scenarios and claims of any size, for the scaling benchmarks.

Event ``k`` is asked about by claims whose event phrase holds the word ``topic<k>``; every
third event requires the one before it (ancestries of at most three latent events, as in
the shipped scenarios). Claims come from a pool of sources of every kind across articles,
so the model has several sources per kind and repeated wordings.

:func:`desk` builds a whole desk for the backtest benchmarks: many such scenarios, each
with its own topic words, dated articles carrying claims about them, and resolutions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.special import expit

from forecast.language.claim import Claim, CueMatch, Source, SourceKind, Tense
from forecast.reading.article import Article
from forecast.scenario import Event, MatchRule, Scenario

PUBLISHED = dt.date(2018, 5, 13)
KINDS = tuple(SourceKind)


def scenario(n_events: int, *, topic: str = "topic", name: str | None = None) -> Scenario:
    """``n_events`` latent events ``e0 ..``, each linked by its own word ``<topic><k>``."""
    events = tuple(
        Event(
            name=f"e{k}",
            question=f"Will {topic}{k} happen?",
            resolution="reported by a wire service",
            requires=(f"e{k - 1}",) if k % 3 else (),
            match=MatchRule(all_of=((f"{topic}{k}",),)),
        )
        for k in range(n_events)
    )
    return Scenario(name=name or f"synthetic{n_events}", title="synthetic", events=events)


def claim(
    article_id: str, word: str, logit_mean: float, source: Source, published: dt.date
) -> Claim:
    """A forward claim that ``word`` may happen, conveying ``logit_mean``."""
    sentence = f"Officials said {word} may happen."
    return Claim(
        article_id=article_id,
        sentence=sentence,
        sentence_span=(0, len(sentence)),
        event=f"{word} happen",
        predicate="happen",
        predicate_span=(0, 0),
        cues=(CueMatch("may", (0, 3)),),
        negated=False,
        source=source,
        tense=Tense.FORWARD,
        logit_mean=logit_mean,
        cue_sd=1.0,
        published=published,
    )


def claims(n_claims: int, n_events: int, *, seed: int = 0, first: int = 0) -> list[Claim]:
    """``n_claims`` forward claims spread over the events, about five per source.

    ``first`` numbers the claims (their articles and sources) from there, so a later
    batch adds new claims rather than repeating earlier ones.
    """
    rng = np.random.default_rng([seed, first])
    out = []
    for i in range(first, first + n_claims):
        event = int(rng.integers(n_events))
        source = i // 5
        out.append(
            claim(
                f"{source // 4:016x}",
                f"topic{event}",
                float(rng.normal(0.0, 1.2)),
                Source(f"source{source}", KINDS[source % len(KINDS)]),
                PUBLISHED - dt.timedelta(days=int(rng.integers(30))),
            )
        )
    return out


FOLLOW_UP = "Officials said topic3 may happen next month."
"""One more article for a synthetic store: one claim, linked to event ``e3``."""


def write_store(path: Path, n_claims: int, n_events: int, *, seed: int = 1) -> None:
    """A store at ``path`` holding ``scenario(n_events)``, ``claims(n_claims, n_events)``
    (one article per four sources) and one full forecast with its posterior."""
    from forecast.loop.reforecast import reforecast_scenario
    from forecast.reading.article import Article
    from forecast.store.store import open_store

    by_article: dict[str, list[Claim]] = {}
    for claim in claims(n_claims, n_events):
        by_article.setdefault(claim.article_id, []).append(claim)
    with open_store(path) as store:
        model = scenario(n_events)
        store.save_scenario(model)
        for key, group in by_article.items():
            article = Article(f"Synthetic article {key}.", published=PUBLISHED, source=key)
            store.add_article(
                article, [dataclasses.replace(claim, article_id=article.id) for claim in group]
            )
        reforecast_scenario(store, model, trigger="run", n_draws=1000, seed=seed)


@dataclass(frozen=True)
class Desk:
    """Scenarios, their dated articles with claims, and the events' resolutions."""

    scenarios: tuple[Scenario, ...]
    articles: tuple[tuple[Article, tuple[Claim, ...]], ...]
    resolutions: pd.DataFrame

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim, article by article."""
        return tuple(c for _, article_claims in self.articles for c in article_claims)

    def fill(self, store) -> None:
        """Save the scenarios, articles (with claims) and resolutions in ``store``."""
        for item in self.scenarios:
            store.save_scenario(item)
        for article, article_claims in self.articles:
            store.add_article(article, article_claims)
        for row in self.resolutions.itertuples():
            store.resolve(row.scenario, row.event, row.outcome, row.resolved_on)


def desk(
    n_scenarios: int,
    n_articles: int,
    *,
    n_events: int = 8,
    claims_per_article: int = 1,
    seed: int = 0,
) -> Desk:
    """A desk of ``n_scenarios`` scenarios of ``n_events`` events, ``n_articles`` each.

    Each event has a true log-odds ~ Normal(0, 1.5) and resolves Bernoulli(its
    probability) the day after its scenario's last article. Articles of scenario ``j``
    come out one a day, and each carries ``claims_per_article`` claims about random events
    of that scenario, conveying the truth plus Normal(0, 1) noise, from four sources of
    different kinds per scenario. Seeded: the same arguments give the same desk.
    """
    rng = np.random.default_rng(seed)
    scenarios, articles, resolved = [], [], []
    for j in range(n_scenarios):
        item = scenario(n_events, topic=f"desk{j}x", name=f"desk{j:04d}")
        truth = rng.normal(0.0, 1.5, n_events)
        start = PUBLISHED + dt.timedelta(days=j % 7)
        for a in range(n_articles):
            day = start + dt.timedelta(days=a)
            article = Article(f"Desk story {j}-{a}.", published=day, title=f"desk {j}-{a}",
                              source=f"outlet{a % 3}")  # fmt: skip
            events = rng.integers(n_events, size=claims_per_article)
            noise = rng.normal(0.0, 1.0, claims_per_article)
            article_claims = tuple(
                claim(article.id, f"desk{j}x{k}", float(truth[k] + e),
                      Source(f"desk{j}source{a % 4}", KINDS[a % 4]), day)
                for k, e in zip(events, noise, strict=True)
            )  # fmt: skip
            articles.append((article, article_claims))
        outcomes = rng.random(n_events) < expit(truth)
        end = start + dt.timedelta(days=n_articles)
        resolved += [(item.name, f"e{k}", bool(outcomes[k]), end) for k in range(n_events)]
        scenarios.append(item)
    frame = pd.DataFrame(resolved, columns=["scenario", "event", "outcome", "resolved_on"])
    return Desk(tuple(scenarios), tuple(articles), frame)
