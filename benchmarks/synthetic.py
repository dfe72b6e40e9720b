"""Synthetic scenarios and claims of any size, for the scaling benchmarks.

Event ``k`` is asked about by claims whose event phrase holds the word ``topic<k>``; every
third event requires the one before it (ancestries of at most three latent events, as in
the shipped scenarios). Claims come from a pool of sources of every kind across articles,
so the model has several sources per kind and repeated wordings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import numpy as np

from forecast.language.claim import Claim, CueMatch, Source, SourceKind, Tense
from forecast.scenario import Event, MatchRule, Scenario

PUBLISHED = dt.date(2018, 5, 13)


def scenario(n_events: int) -> Scenario:
    """``n_events`` latent events ``e0 ..``, each linked by its own topic word."""
    events = tuple(
        Event(
            name=f"e{k}",
            question=f"Will topic{k} happen?",
            resolution="reported by a wire service",
            requires=(f"e{k - 1}",) if k % 3 else (),
            match=MatchRule(all_of=((f"topic{k}",),)),
        )
        for k in range(n_events)
    )
    return Scenario(name=f"synthetic{n_events}", title="synthetic", events=events)


def claims(n_claims: int, n_events: int, *, seed: int = 0, first: int = 0) -> list[Claim]:
    """``n_claims`` forward claims spread over the events, about five per source.

    ``first`` numbers the claims (their articles and sources) from there, so a later
    batch adds new claims rather than repeating earlier ones.
    """
    rng = np.random.default_rng([seed, first])
    kinds = tuple(SourceKind)
    out = []
    for i in range(first, first + n_claims):
        event = int(rng.integers(n_events))
        source = i // 5
        sentence = f"Officials said topic{event} may happen."
        out.append(
            Claim(
                article_id=f"{source // 4:016x}",
                sentence=sentence,
                sentence_span=(0, len(sentence)),
                event=f"topic{event} happen",
                predicate="happen",
                predicate_span=(0, 0),
                cues=(CueMatch("may", (0, 3)),),
                negated=False,
                source=Source(f"source{source}", kinds[source % len(kinds)]),
                tense=Tense.FORWARD,
                logit_mean=float(rng.normal(0.0, 1.2)),
                cue_sd=1.0,
                published=PUBLISHED - dt.timedelta(days=int(rng.integers(30))),
            )
        )
    return out


FOLLOW_UP = "Officials said topic3 may happen next month."
"""One more article for a synthetic store: one claim, linked to event ``e3``."""


def write_store(path: Path, n_claims: int, n_events: int, *, seed: int = 1) -> None:
    """A store at ``path`` holding ``scenario(n_events)``, ``claims(n_claims, n_events)``
    (one article per four sources) and one full forecast with its posterior."""
    from forecast.article import Article
    from forecast.reforecast import reforecast_scenario
    from forecast.store import open_store

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
