"""The scenario values: match rules, events, scenarios, and a claim linked to an event.

A :class:`Scenario` checks its invariants when it is built (see
:mod:`forecast.scenario.validate`), so every scenario in memory is a valid one, whether
it was read from a file, drafted from claims, or written by hand in a notebook.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from forecast.graph import parse_expr, topological_order
from forecast.language.actors import alias_key
from forecast.language.claim import Claim
from forecast.scenario.validate import check_scenario

DEFAULT_BASE_RATE = 0.5
DEFAULT_BASE_SPREAD = 1.5


@dataclass(frozen=True, slots=True)
class MatchRule:
    """How claims are linked to an event.

    A claim matches when every group in ``all_of`` has at least one phrase found in the
    claim's event phrase (case-insensitive, word-boundary, simple inflections), and no
    phrase of ``none_of`` is found. ``condition`` (for conditional events) must match the
    claim's condition the same way, with ``condition_negated`` its required polarity.
    When ``condition`` is empty and the event's ``given`` is one event or its negation
    (``"not visit"``), that event's own ``all_of`` plays the part of ``condition``.
    ``against`` (groups, like ``all_of``) matches claims about an outcome that rules the
    event out ("the president will fly directly back to Washington" against a stop in
    Japan): such a claim is evidence that the event does not happen.
    """

    all_of: tuple[tuple[str, ...], ...]
    none_of: tuple[str, ...] = ()
    condition: tuple[tuple[str, ...], ...] = ()
    condition_negated: bool = False
    against: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """One binary event of a scenario.

    ``base_rate`` is the prior median probability and ``base_spread`` the prior sd of
    its log-odds. ``requires`` names events that must happen for this one to be possible
    (its latent probability is then conditional on them); ``given`` is a boolean
    expression over other events under which the event is defined (a conditional
    event, e.g. ``"not visit"``); ``expr`` makes the event derived (``"visit or call"``),
    with no latent probability of its own.
    """

    name: str
    question: str
    resolution: str
    deadline: dt.date | None = None
    base_rate: float = DEFAULT_BASE_RATE
    base_spread: float = DEFAULT_BASE_SPREAD
    requires: tuple[str, ...] = ()
    given: str | None = None
    expr: str | None = None
    match: MatchRule | None = None

    @property
    def derived(self) -> bool:
        """True when the event is a boolean expression of other events."""
        return self.expr is not None

    @property
    def parents(self) -> tuple[str, ...]:
        """Events this one depends on: its ``requires``, then names in ``given`` and ``expr``."""
        names = list(self.requires)
        for text in (self.given, self.expr):
            if text is not None:
                names.extend(sorted(parse_expr(text).names))
        return tuple(dict.fromkeys(names))


@dataclass(frozen=True, slots=True)
class Scenario:
    """A set of events with their relations, as read from one scenario file.

    ``articles`` are the evidence files, relative to the scenario file (``path``);
    ``as_of`` is the date the scenario speaks for, when it is fixed. ``actors`` lists
    named actors with the phrases that also name them (``("Trump", ("the president",))``):
    claim and question frames read those phrases as the name.
    """

    name: str
    title: str
    events: tuple[Event, ...]
    articles: tuple[str, ...] = ()
    path: str | None = None
    as_of: dt.date | None = None
    actors: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self) -> None:
        check_scenario(self)

    def __getitem__(self, name: str) -> Event:
        for event in self.events:
            if event.name == name:
                return event
        raise KeyError(name)

    @property
    def aliases(self) -> dict[str, str]:
        """Each alias phrase, lower case and without a leading article, -> its name."""
        return {
            alias_key(alias): name for name, aliases in self.actors for alias in (*aliases, name)
        }

    @property
    def names(self) -> tuple[str, ...]:
        """Event names in file order."""
        return tuple(event.name for event in self.events)

    def topological_order(self) -> tuple[str, ...]:
        """Event names ordered so that every event follows the events it depends on."""
        return topological_order({event.name: event.parents for event in self.events})

    def article_paths(self) -> tuple[Path, ...]:
        """The evidence files, resolved against the scenario file's folder."""
        base = Path(self.path).parent if self.path else Path()
        return tuple(base / article for article in self.articles)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One claim linked to the event it informs (see :func:`forecast.scenario.link_claims`)."""

    event: str
    claim: Claim
    against: bool = False  # matched the event's ``against`` rule: evidence it does not happen
    # Why it links ("match: all_of", "frame: actor+action+target"): a note, not identity.
    reason: str = field(default="", compare=False)

    @property
    def logit(self) -> float:
        """The claim's log-odds for the event: negated when the claim rules the event out."""
        return -self.claim.logit_mean if self.against else self.claim.logit_mean
