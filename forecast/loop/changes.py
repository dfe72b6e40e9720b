"""What a reforecast changed: per event, the old and new probability and the new claim behind it.

:class:`Change` values, their one-sentence :func:`describe_change`, and the reports an
ingest returns (:class:`IngestReport` of :class:`ArticleOutcome` and
:class:`ScenarioUpdate`), each with a ``to_dict`` for ``--format json``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from forecast.engine.inputs import related_events
from forecast.engine.result import Driver, Forecast
from forecast.language.claim import Claim, SourceKind
from forecast.scenario import Scenario, link_claims
from forecast.simulate.network import build_graph

__all__ = [
    "CHANGE_COLUMNS",
    "KIND_WORDS",
    "ArticleOutcome",
    "Change",
    "IngestReport",
    "ScenarioUpdate",
    "describe_change",
    "forecast_changes",
]


KIND_WORDS = {
    SourceKind.OFFICIAL.value: "on-record officials",
    SourceKind.ANONYMOUS.value: "anonymous officials",
    SourceKind.OUTLET.value: "the outlet itself",
    SourceKind.HEARSAY.value: "hearsay",
}
"""Each source kind in words, for the change sentences."""

CHANGE_COLUMNS = ("scenario", "event", "old_prob", "new_prob", "mcse", "as_of", "trigger",
                  "quote", "kind", "published", "summary")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Change:
    """One event's probability before and after a reforecast, and the new claim behind it.

    ``old_prob`` is None for a scenario's first forecast; ``driver`` is the strongest of
    the *new* claims among the event's drivers, None when no new claim is among them (or
    the reforecast had no new claims: staleness alone moved it).
    """

    scenario: str
    event: str
    question: str
    old_prob: float | None
    new_prob: float
    mcse: float
    as_of: dt.date | None
    trigger: str
    driver: Driver | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping, columns :data:`CHANGE_COLUMNS`."""
        driver = self.driver
        published = None if driver is None else driver.published
        return {
            "scenario": self.scenario,
            "event": self.event,
            "old_prob": self.old_prob,
            "new_prob": self.new_prob,
            "mcse": self.mcse,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "trigger": self.trigger,
            "quote": None if driver is None else driver.quote,
            "kind": None if driver is None else driver.kind,
            "published": None if published is None else published.isoformat(),
            "summary": describe_change(self),
        }


@dataclass(frozen=True, slots=True)
class ScenarioUpdate:
    """A scenario forecast again: the stored forecast's id, the forecast, what changed."""

    scenario: str
    forecast_id: int
    forecast: Forecast
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class ArticleOutcome:
    """What ingesting one article did: stored or already there, claims, scenarios updated."""

    article_id: str
    name: str
    added: bool
    n_claims: int
    updates: tuple[ScenarioUpdate, ...] = ()

    @property
    def status(self) -> str:
        """``"stored"`` or ``"already stored"``."""
        return "stored" if self.added else "already stored"


@dataclass(frozen=True, slots=True)
class IngestReport:
    """Per article what happened, the scenario activated because none was active, and the
    reforecasts an earlier, interrupted ingest left owed and this one completed."""

    articles: tuple[ArticleOutcome, ...]
    activated: str | None = None
    resumed: tuple[ScenarioUpdate, ...] = ()

    @property
    def updates(self) -> tuple[ScenarioUpdate, ...]:
        """Every reforecast, in the order made: resumed ones first, then article by article."""
        return (*self.resumed, *(u for a in self.articles for u in a.updates))

    @property
    def changes(self) -> tuple[Change, ...]:
        """Every change, in the order of :attr:`updates`."""
        return tuple(c for u in self.updates for c in u.changes)

    @property
    def forecasts(self) -> dict[str, Forecast]:
        """The latest forecast of each scenario this ingest updated."""
        return {u.scenario: u.forecast for u in self.updates}

    def changes_frame(self) -> pd.DataFrame:
        """Every change as a table with columns :data:`CHANGE_COLUMNS`."""
        rows = [change.to_dict() for change in self.changes]
        return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping: ``activated`` and per article its status and changes."""
        return {
            "activated": self.activated,
            "resumed": [
                {"scenario": u.scenario, "changes": [c.to_dict() for c in u.changes]}
                for u in self.resumed
            ],
            "articles": [
                {
                    "id": a.article_id,
                    "name": a.name,
                    "status": a.status,
                    "n_claims": a.n_claims,
                    "scenarios": [u.scenario for u in a.updates],
                    "changes": [c.to_dict() for u in a.updates for c in u.changes],
                }
                for a in self.articles
            ],
        }


def describe_change(change: Change) -> str:
    """One sentence: ``P(question) 41% → 12% (driven by: 'quote', kind, date)``.

    Examples
    --------
    >>> c = Change("s", "visit", "Will Trump visit Japan?", 0.41, 0.12, 0.01, None, "r")
    >>> describe_change(c)
    'P(Trump visit Japan) 41% → 12% (no new claim among its drivers)'
    """
    subject = _subject(change.question or "", change.event)
    old = "new" if change.old_prob is None else f"{change.old_prob:.0%}"
    driver = change.driver
    if driver is not None:
        when = "undated" if driver.published is None else driver.published.isoformat()
        kind = KIND_WORDS.get(driver.kind, driver.kind)
        why = f"driven by: '{driver.quote}', {kind}, {when}"
    elif change.trigger == "reforecast":
        as_of = "undated" if change.as_of is None else change.as_of.isoformat()
        why = f"reforecast as of {as_of}"
    else:
        why = "no new claim among its drivers"
    return f"P({subject}) {old} → {change.new_prob:.0%} ({why})"


def _subject(question: str, event: str) -> str:
    """A question as what ``P(...)`` is of, never the question itself in the brackets.

    "Will X?" gives "X"; "If A, will B?" gives "B | A"; any other wording gives the
    event's name.

    Examples
    --------
    >>> _subject("If Trump does not stop, will Japan be briefed?", "phone_briefing")
    'Japan be briefed | Trump does not stop'
    >>> _subject("Does the summit happen?", "summit")
    'summit'
    """
    text = " ".join(question.split()).rstrip("?").strip()
    conditional = re.fullmatch(r"if (.+?), will (.+)", text, flags=re.IGNORECASE)
    if conditional:
        return f"{conditional[2]} | {conditional[1]}"
    head, _, rest = text.partition(" ")
    return rest if head.lower() == "will" and rest else event


def forecast_changes(
    scenario: Scenario,
    forecast: Forecast,
    old: Mapping[str, Any] | None,
    new_claims: Sequence[Claim],
    trigger: str,
) -> tuple[Change, ...]:
    """Per event bearing on the new claims (every event when none): old -> new, top new driver."""
    old_probs = {item["event"]: item["prob"] for item in (old or {}).get("events", [])}
    linked = {link.event for link in link_claims(scenario, new_claims)}
    quotes = {claim.sentence for claim in new_claims}
    related = related_events(build_graph(scenario))
    changes = []
    for event in forecast.events:
        if new_claims and not related[event.event] & linked:
            continue
        driver = next((d for d in event.drivers if d.quote in quotes), None)
        changes.append(
            Change(
                scenario=scenario.name,
                event=event.event,
                question=event.question,
                old_prob=old_probs.get(event.event),
                new_prob=event.prob,
                mcse=event.mcse,
                as_of=forecast.as_of,
                trigger=trigger,
                driver=driver,
            )
        )
    return tuple(changes)
