"""The rules every scenario obeys, checked in one place.

Each message names where (the file, or the scenario when it has no file), the event, the
key, the rule and the value received: ``models/x.toml: event 'visit': key 'base_rate':
must be in (0, 1); got 1.4``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from forecast.errors import InputError
from forecast.graph import KEYWORDS, CycleError, ExprError, parse_expr, topological_order
from forecast.reading.dateline import date_out_of_range
from forecast.scenario.words import tokens

if TYPE_CHECKING:
    from forecast.scenario.events import Event, MatchRule, Scenario

DEFAULT_BASE_RATE = 0.5
DEFAULT_BASE_SPREAD = 1.5
BASE_SPREAD_RANGE = (0.01, 10.0)
"""Allowed prior sd of an event's log-odds: narrower is a fixed number, wider puts all
the prior's mass at probabilities 0 and 1 (and overflows the sampler far beyond)."""

NAME_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def where(scenario: Scenario) -> str:
    """How messages name a scenario: its file, else its name."""
    return scenario.path or f"scenario '{scenario.name}'"


def suggest(key: str, valid: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` hint for a misspelt ``key``, or ``""``."""
    close = difflib.get_close_matches(key, list(valid), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_name(name: Any) -> str | None:
    """Why ``name`` cannot name a scenario or an event, or None when it can."""
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        return f"must be a name of letters, digits and '_' not starting with a digit; got {name!r}"
    if name in KEYWORDS:
        return f"must not be one of the expression words {sorted(KEYWORDS)}; got {name!r}"
    return None


def check_date(value: Any) -> str | None:
    """Why ``value`` is not a calendar date, or None when it is one."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return date_out_of_range(value)
    return f"must be a date such as 2018-06-16 (unquoted in TOML); got {value!r}"


def check_scenario(scenario: Scenario) -> None:
    """Raise :class:`InputError` unless ``scenario`` obeys every rule.

    Rules: valid and unique names; non-empty question and resolution; dates are dates;
    ``base_rate`` in (0, 1); ``base_spread`` > 0; references name known events;
    expressions parse; derived events carry no prior, match rule or relations; match
    rules have phrases with words; no cycles among ``requires``, ``given`` and ``expr``.
    """
    here = where(scenario)
    problem = check_name(scenario.name)
    if problem:
        raise InputError(f"{here}: key 'name': {problem}")
    if not isinstance(scenario.title, str) or not scenario.title.strip():
        raise InputError(f"{here}: key 'title': must be non-empty text; got {scenario.title!r}")
    if scenario.as_of is not None and (problem := check_date(scenario.as_of)):
        raise InputError(f"{here}: key 'as_of': {problem}")
    if not scenario.events:
        raise InputError(f"{here}: key 'events': must define at least one event; got none")
    names: list[str] = []
    for event in scenario.events:
        if problem := check_name(event.name):
            raise InputError(f"{here}: event name {problem}")
        if event.name in names:
            raise InputError(f"{here}: event '{event.name}': defined twice")
        names.append(event.name)
    for event in scenario.events:
        _check_event(event, names, f"{here}: event '{event.name}'")
    try:
        topological_order({event.name: event.parents for event in scenario.events})
    except CycleError as error:
        raise InputError(f"{here}: events depend on each other in a {error}") from None


def _check_event(event: Event, names: list[str], here: str) -> None:
    for key in ("question", "resolution"):
        text = getattr(event, key)
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{here}: key '{key}': must be non-empty text; got {text!r}")
    if event.deadline is not None and (problem := check_date(event.deadline)):
        raise InputError(f"{here}: key 'deadline': {problem}")
    rate = event.base_rate
    if not _real(rate) or not 0 < rate < 1:
        raise InputError(f"{here}: key 'base_rate': must be in (0, 1); got {rate!r}")
    spread = event.base_spread
    low, high = BASE_SPREAD_RANGE
    if not _real(spread) or not low <= spread <= high:
        raise InputError(
            f"{here}: key 'base_spread': must be a number in [{low:g}, {high:g}]; got {spread!r}"
        )
    for parent in event.requires:
        if parent == event.name:
            raise InputError(f"{here}: key 'requires': an event cannot require itself")
        if parent not in names:
            raise InputError(
                f"{here}: key 'requires': unknown event '{parent}'{suggest(parent, names)}"
            )
    for key in ("given", "expr"):
        text = getattr(event, key)
        if text is not None:
            _check_expr(text, names, f"{here}: key '{key}'")
    if event.derived:
        _check_derived(event, here)
    if event.match is not None:
        _check_match(event.match, event.given, f"{here}: key 'match'")


def _check_expr(text: Any, names: list[str], here: str) -> None:
    shown = repr(text) if len(repr(text)) <= 80 else repr(text)[:76] + "...'"
    try:
        expr = parse_expr(text)
    except ExprError as error:
        raise InputError(f"{here}: expression {shown} does not parse: {error}") from None
    for name in sorted(expr.names):
        if name not in names:
            raise InputError(f"{here}: unknown event '{name}'{suggest(name, names)} in {shown}")


def _check_derived(event: Event, here: str) -> None:
    extras = {
        "base_rate": event.base_rate != DEFAULT_BASE_RATE,
        "base_spread": event.base_spread != DEFAULT_BASE_SPREAD,
        "requires": bool(event.requires),
        "given": event.given is not None,
        "match": event.match is not None,
    }
    for key, present in extras.items():
        if present:
            raise InputError(
                f"{here}: key '{key}': not allowed on a derived event (one with 'expr'), "
                "whose probability follows from its expression"
            )


def _check_match(rule: MatchRule, given: str | None, here: str) -> None:
    if not rule.all_of:
        raise InputError(f"{here}.all_of: must have at least one group of phrases; got []")
    for key in ("all_of", "condition", "against"):
        for group in getattr(rule, key):
            if not group:
                raise InputError(f"{here}.{key}: a group must hold at least one phrase; got []")
            for phrase in group:
                _check_phrase(phrase, f"{here}.{key}")
    for phrase in rule.none_of:
        _check_phrase(phrase, f"{here}.none_of")
    if not isinstance(rule.condition_negated, bool):
        raise InputError(
            f"{here}.condition_negated: must be true or false; got {rule.condition_negated!r}"
        )
    if rule.condition_negated and not rule.condition:
        raise InputError(
            f"{here}.condition_negated: needs 'condition' (without it the polarity comes "
            "from 'given')"
        )
    if rule.condition and given is None:
        raise InputError(
            f"{here}.condition: only a conditional event (one with 'given') can match "
            "claims' conditions"
        )


def _check_phrase(phrase: Any, here: str) -> None:
    if not isinstance(phrase, str) or not tokens(phrase):
        raise InputError(f"{here}: a phrase must be text with at least one word; got {phrase!r}")


def _real(value: Any) -> bool:
    """True for a finite int or float (not a bool)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
