"""Scenarios: named binary events, their relations, and the rules linking claims to them.

Analysts write scenarios as TOML files in ``models/``; :func:`load_scenario` reads and
validates one (messages name the file, the event and the key); :func:`draft_scenario`
writes a starting scenario from an article's claims.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MatchRule:
    """How claims are linked to an event.

    A claim matches when every group in ``all_of`` has at least one phrase found in the
    claim's event phrase (case-insensitive, word-boundary, simple inflections), and no
    phrase of ``none_of`` is found. ``condition`` (for conditional events) must match the
    claim's condition the same way, with ``condition_negated`` its required polarity.
    """

    all_of: tuple[tuple[str, ...], ...]
    none_of: tuple[str, ...] = ()


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
    base_rate: float = 0.5
    base_spread: float = 1.5
    requires: tuple[str, ...] = ()
    given: str | None = None
    expr: str | None = None
    match: MatchRule | None = None

    @property
    def derived(self) -> bool:
        """True when the event is a boolean expression of other events."""
        return self.expr is not None


@dataclass(frozen=True, slots=True)
class Scenario:
    """A set of events with their relations, as read from one scenario file."""

    name: str
    title: str
    events: tuple[Event, ...]
    articles: tuple[str, ...] = ()
    path: str | None = None

    def __getitem__(self, name: str) -> Event:
        for event in self.events:
            if event.name == name:
                return event
        raise KeyError(name)
