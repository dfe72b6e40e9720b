"""Writing a :class:`Scenario` back as TOML that :func:`load_scenario` reads to an equal value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from forecast.scenario.events import Event, MatchRule, Scenario

_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string, with quotes, backslashes and controls escaped.

    Examples
    --------
    >>> print(toml_string('say "hi"\\n'))
    "say \\"hi\\"\\n"
    """
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_value(value: object) -> str:
    """One TOML value: text, number, boolean, date, or (nested) list of those."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}: {value!r}")


def scenario_to_toml(scenario: Scenario, notes: Mapping[str, Sequence[str]] | None = None) -> str:
    """The scenario as TOML text in the ``models/`` shape.

    Parameters
    ----------
    scenario : Scenario
        The scenario to write; ``path`` is not written (it is where the text goes).
    notes : mapping of event name to lines, optional
        Comment lines written above each event's table (for a draft: the quotes it
        came from).
    """
    notes = notes or {}
    lines = [f"name = {toml_string(scenario.name)}", f"title = {toml_string(scenario.title)}"]
    if scenario.as_of is not None:
        lines.append(f"as_of = {toml_value(scenario.as_of)}")
    lines.append(f"articles = {toml_value(scenario.articles)}")
    if scenario.actors:
        lines += ["", "[actors]"]
        lines += [
            f"{toml_string(name)} = {toml_value(aliases)}" for name, aliases in scenario.actors
        ]
    for event in scenario.events:
        lines.append("")
        for note in notes.get(event.name, ()):
            lines.extend(f"# {line}" for line in note.splitlines())
        lines.extend(_event_lines(event))
    return "\n".join(lines) + "\n"


def _event_lines(event: Event) -> list[str]:
    lines = [
        f"[events.{event.name}]",
        f"question = {toml_string(event.question)}",
        f"resolution = {toml_string(event.resolution)}",
    ]
    if event.deadline is not None:
        lines.append(f"deadline = {toml_value(event.deadline)}")
    if event.derived:
        lines.append(f"expr = {toml_string(event.expr)}")
        return lines
    lines.append(f"base_rate = {toml_value(event.base_rate)}")
    lines.append(f"base_spread = {toml_value(event.base_spread)}")
    if event.requires:
        lines.append(f"requires = {toml_value(event.requires)}")
    if event.given is not None:
        lines.append(f"given = {toml_string(event.given)}")
    if event.match is not None:
        lines.extend(_match_lines(event.name, event.match))
    return lines


def _match_lines(name: str, rule: MatchRule) -> list[str]:
    lines = [f"[events.{name}.match]", f"all_of = {toml_value(rule.all_of)}"]
    if rule.none_of:
        lines.append(f"none_of = {toml_value(rule.none_of)}")
    if rule.condition:
        lines.append(f"condition = {toml_value(rule.condition)}")
        lines.append(f"condition_negated = {toml_value(rule.condition_negated)}")
    if rule.against:
        lines.append(f"against = {toml_value(rule.against)}")
    return lines
