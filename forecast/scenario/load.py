"""Reading scenario files (``models/*.toml``) into validated :class:`Scenario` values."""

from __future__ import annotations

import stat
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from forecast.errors import InputError
from forecast.scenario.events import Event, MatchRule, Scenario
from forecast.scenario.validate import check_date, check_name, suggest

TOP_KEYS = ("name", "title", "as_of", "articles", "actors", "events")
EVENT_KEYS = (
    "question",
    "resolution",
    "deadline",
    "base_rate",
    "base_spread",
    "requires",
    "given",
    "expr",
    "match",
)
MATCH_KEYS = ("all_of", "none_of", "condition", "condition_negated", "against")
_DERIVED_KEYS = ("question", "resolution", "deadline", "expr")

DEFAULT_SCENARIO = "us_japan_2018.toml"
MAX_TOML_DEPTH = 16
"""Deepest nesting of tables and arrays in a scenario file (the shape needs 6)."""


def nesting_depth(value: Any) -> int:
    """How deeply dicts and lists nest in ``value`` (a scalar is 0), found without recursion.

    Examples
    --------
    >>> nesting_depth({"events": {"a": {"match": {"all_of": [["x"]]}}}})
    6
    """
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        )
        if children is not None:
            deepest = max(deepest, depth + 1)
            stack.extend((child, depth + 1) for child in children)
    return deepest


def default_scenario_path() -> Path:
    """The shipped example scenario (``models/us_japan_2018.toml``), installed or checked out.

    ``forecast/data/models`` links to the repository's ``models/`` folder, and the wheel
    carries its files as package data, so the same path works in both layouts.
    """
    return Path(str(resources.files("forecast.data").joinpath("models", DEFAULT_SCENARIO)))


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate one scenario file.

    Parameters
    ----------
    path : str or Path
        A TOML file in the shape documented in ``models/README.md``.

    Raises
    ------
    InputError
        If the file is missing or is not TOML (the message gives the line), has an
        unknown key (with the nearest valid key), a value of the wrong type or range,
        an unknown event reference, an expression that does not parse, a cycle, or an
        article file that does not exist. Messages start with the path.
    """
    path = Path(path)
    where = str(path)
    if problem := not_a_file(path):
        raise InputError(f"{where}: {problem.replace('file', 'scenario file', 1)}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{where}: cannot read scenario file: {error}") from None
    scenario = loads_scenario(text, name_for_errors=where, path=where)
    for article, article_path in zip(scenario.articles, scenario.article_paths(), strict=True):
        if problem := not_a_file(article_path):
            raise InputError(
                f"{where}: key 'articles': {problem} {article!r} "
                f"(paths are relative to the scenario file; looked for {article_path})"
            )
    return scenario


def not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file ("no such file", "not a regular file"), or None.

    Checked before opening, so a FIFO is named for what it is instead of blocking the read.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as error:
        return f"cannot read file ({error.strerror})"
    return None if stat.S_ISREG(mode) else "not a regular file"


def loads_scenario(
    text: str, *, name_for_errors: str = "<scenario>", path: str | None = None
) -> Scenario:
    """Parse and validate scenario TOML held in memory (the text half of :func:`load_scenario`).

    Parameters
    ----------
    text : str
        TOML in the shape documented in ``models/README.md``.
    name_for_errors : str
        What messages start with: a file name, or e.g. ``"store.sqlite: scenario 'x'"``.
    path : str, optional
        The file the text came from, kept as ``Scenario.path`` so that ``articles``
        resolve against its folder. The files are not opened here.

    Raises
    ------
    InputError
        As :func:`load_scenario`, except for article files, which are not checked.

    Examples
    --------
    >>> text = '''name = "talks"
    ... title = "Talks"
    ... [events.meet]
    ... question = "Will they meet?"
    ... resolution = "A meeting is reported."
    ... '''
    >>> loads_scenario(text).names
    ('meet',)
    """
    where = name_for_errors
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{where}: not valid TOML: {error}") from None
    except RecursionError:
        raise InputError(f"{where}: TOML nested too deeply to read") from None
    if (depth := nesting_depth(raw)) > MAX_TOML_DEPTH:
        raise InputError(
            f"{where}: tables and arrays nested {depth} deep; scenario files allow {MAX_TOML_DEPTH}"
        )
    _check_keys(raw, TOP_KEYS, where)
    for key in ("name", "title", "events"):
        if key not in raw:
            raise InputError(f"{where}: key '{key}' is missing")
    as_of = raw.get("as_of")
    if as_of is not None and (problem := check_date(as_of)):
        raise InputError(f"{where}: key 'as_of': {problem}")
    articles = _strings(raw.get("articles", []), f"{where}: key 'articles'")
    actors = _actors(raw.get("actors", {}), f"{where}: key 'actors'")
    tables = raw["events"]
    if not isinstance(tables, dict):
        raise InputError(f"{where}: key 'events': must be a table of events; got {tables!r}")
    events = tuple(
        _event(name, table, f"{where}: event '{name}'") for name, table in tables.items()
    )
    return Scenario(
        name=raw["name"],
        title=raw["title"],
        events=events,
        articles=articles,
        path=path,
        as_of=as_of,
        actors=actors,
    )


def _check_keys(table: dict[str, Any], valid: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in valid:
            raise InputError(f"{where}: unknown key '{key}'{suggest(key, valid)}")


def _event(name: str, table: Any, where: str) -> Event:
    if problem := check_name(name):
        raise InputError(f"{where}: event name {problem}")
    if not isinstance(table, dict):
        raise InputError(f"{where}: must be a table of keys; got {table!r}")
    _check_keys(table, EVENT_KEYS, where)
    for key in ("question", "resolution"):
        if key not in table:
            raise InputError(f"{where}: key '{key}' is missing")
    if "expr" in table:
        for key in table:
            if key not in _DERIVED_KEYS:
                raise InputError(
                    f"{where}: key '{key}': not allowed on a derived event (one with 'expr'), "
                    "whose probability follows from its expression"
                )
    deadline = table.get("deadline")
    if deadline is not None and (problem := check_date(deadline)):
        raise InputError(f"{where}: key 'deadline': {problem}")
    fields = {key: table[key] for key in ("base_rate", "base_spread") if key in table}
    for key in ("question", "resolution", "given", "expr"):
        if key in table and not isinstance(table[key], str):
            raise InputError(f"{where}: key '{key}': must be text; got {table[key]!r}")
    return Event(
        name=name,
        question=table["question"],
        resolution=table["resolution"],
        deadline=deadline,
        requires=_strings(table.get("requires", []), f"{where}: key 'requires'"),
        given=table.get("given"),
        expr=table.get("expr"),
        match=_match(table["match"], f"{where}: key 'match'") if "match" in table else None,
        **fields,
    )


def _match(table: Any, where: str) -> MatchRule:
    if not isinstance(table, dict):
        raise InputError(f"{where}: must be a table with 'all_of'; got {table!r}")
    _check_keys(table, MATCH_KEYS, where)
    if "all_of" not in table:
        raise InputError(f"{where}: key 'all_of' is missing")
    return MatchRule(
        all_of=_groups(table["all_of"], f"{where}.all_of"),
        none_of=_strings(table.get("none_of", []), f"{where}.none_of"),
        condition=_groups(table.get("condition", []), f"{where}.condition"),
        condition_negated=table.get("condition_negated", False),
        against=_groups(table.get("against", []), f"{where}.against"),
    )


def _groups(value: Any, where: str) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list) or not all(isinstance(group, list) for group in value):
        raise InputError(
            f'{where}: must be a list of groups of phrases, e.g. [["visit", "stop"], '
            f'["japan"]]; got {value!r}'
        )
    return tuple(_strings(group, where) for group in value)


def _actors(value: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``[actors]``: each named actor with the phrases that also name it."""
    if not isinstance(value, dict):
        raise InputError(
            f'{where}: must be a table of names and aliases, e.g. Trump = ["the president"]; '
            f"got {value!r}"
        )
    return tuple((name, _strings(aliases, f"{where}: '{name}'")) for name, aliases in value.items())


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InputError(f"{where}: must be a list of text; got {value!r}")
    return tuple(value)
