"""Recorded outcomes read from a file, so a backtest of archived news needs no store.

A resolutions file is CSV text (UTF-8) whose header row names the columns ``scenario``,
``event``, ``outcome`` and ``date``, in any order (other columns, such as a note or a
source, are ignored), then one row per resolved event::

    scenario,event,outcome,date
    us_japan_2018,visit,no,2018-06-16
    us_japan_2018,g7_meeting,yes,2018-06-08

``outcome`` is ``yes`` or ``no`` (as for ``forecast resolve``) and ``date`` the day the
event resolved (``YYYY-MM-DD``). Every scenario and event must be one being backtested,
and each event is resolved once. Blank lines are skipped. A row that breaks a rule is
reported with the file, its line and the field.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from forecast.errors import InputError
from forecast.reading.article import parse_published
from forecast.scenario import Scenario
from forecast.scenario.load import not_a_file
from forecast.scenario.validate import suggest

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "OUTCOMES", "parse_resolutions", "read_resolutions"]

COLUMNS = ("scenario", "event", "outcome", "date")
"""The columns a resolutions file must name in its header."""
OUTCOMES = {"yes": True, "no": False}
"""How an outcome is written, and what it means (here and for ``forecast resolve``)."""


def read_resolutions(path: str | Path, scenarios: Iterable[Scenario]) -> pd.DataFrame:
    """The outcomes in the resolutions file ``path`` for events of ``scenarios``.

    Returns
    -------
    DataFrame
        Columns ``scenario, event, outcome, resolved_on`` (as ``Store.resolutions()``),
        in the file's order.

    Raises
    ------
    InputError
        The file is missing or not UTF-8 text, or a row breaks a rule of
        :func:`parse_resolutions`; the message starts with the path.
    """
    where = str(path)
    if problem := not_a_file(Path(path)):
        raise InputError(f"{where}: {problem.replace('file', 'resolutions file', 1)}")
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{where}: not UTF-8 text (byte {error.start}); expected CSV") from None
    except OSError as error:
        raise InputError(f"{where}: cannot read resolutions file: {error.strerror}") from None
    return parse_resolutions(text, scenarios, where=where)


def parse_resolutions(
    text: str, scenarios: Iterable[Scenario], *, where: str = "<resolutions>"
) -> pd.DataFrame:
    """The outcomes in resolutions CSV ``text`` (the text half of :func:`read_resolutions`).

    Raises
    ------
    InputError
        No header or one without the columns :data:`COLUMNS`; a row with more or fewer
        fields than the header; an unknown scenario or event (with the nearest name); an
        outcome other than yes/no; a date that is not ``YYYY-MM-DD``; an event resolved
        twice. Messages read ``WHERE: line N: FIELD: ...``.
    """
    import pandas as pd  # here, so the command line can read OUTCOMES without pandas

    events = {scenario.name: scenario.names for scenario in scenarios}
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header, width = _header(_next_row(reader, where), where)
    rows, seen = [], {}
    while (fields := _next_row(reader, where)) is not None:
        line = f"{where}: line {reader.line_num}"
        if not any(field.strip() for field in fields):
            continue
        if len(fields) != width:
            raise InputError(
                f"{line}: expected {width} fields, as the header has; got {len(fields)}"
            )
        values = {name: fields[header[name]].strip() for name in COLUMNS}
        row = _row(values, events, line)
        if row[:2] in seen:
            raise InputError(f"{line}: event: {row[0]}.{row[1]} is already resolved on line "
                             f"{seen[row[:2]]}")  # fmt: skip
        seen[row[:2]] = reader.line_num
        rows.append(row)
    table = pd.DataFrame(rows, columns=["scenario", "event", "outcome", "resolved_on"])
    table["outcome"] = table["outcome"].astype(bool)
    return table


def _next_row(reader, where: str) -> list[str] | None:
    """The reader's next row, None at the end; CSV that cannot be split is an InputError."""
    try:
        return next(reader, None)
    except csv.Error as error:
        raise InputError(f"{where}: line {reader.line_num}: not CSV ({error})") from None


def _header(fields: list[str] | None, where: str) -> tuple[dict[str, int], int]:
    """The position of each of COLUMNS in the header, which must name them all; its width."""
    expected = ", ".join(COLUMNS)
    if fields is None:
        raise InputError(f"{where}: empty; expected a header row naming {expected}")
    names = [field.strip().lower() for field in fields]
    missing = [name for name in COLUMNS if name not in names]
    if missing:
        raise InputError(f"{where}: line 1: header: must name the columns {expected}; "
                         f"missing {', '.join(missing)} (got {fields!r})")  # fmt: skip
    twice = sorted({name for name in COLUMNS if names.count(name) > 1})
    if twice:
        raise InputError(f"{where}: line 1: header: names {', '.join(twice)} more than once")
    return {name: names.index(name) for name in COLUMNS}, len(names)


def _row(
    values: Mapping[str, str], events: Mapping[str, tuple[str, ...]], line: str
) -> tuple[str, str, bool, dt.date]:
    """One row's ``(scenario, event, outcome, date)``, each field checked."""
    scenario, event, outcome = values["scenario"], values["event"], values["outcome"].lower()
    if scenario not in events:
        raise InputError(f"{line}: scenario: no scenario {scenario!r} is backtested"
                         f"{suggest(scenario, events)}")  # fmt: skip
    if event not in events[scenario]:
        raise InputError(f"{line}: event: no event {event!r} in scenario {scenario!r}"
                         f"{suggest(event, events[scenario])}")  # fmt: skip
    if outcome not in OUTCOMES:
        raise InputError(f"{line}: outcome: must be yes or no; got {values['outcome']!r}")
    day = parse_published(values["date"], field=f"{line}: date")
    return scenario, event, OUTCOMES[outcome], day
