"""Rendering tables for people (aligned text, fit to the terminal) and pipelines (JSON, CSV).

Every command prints its human tables through :func:`fit_table`: numbers right-aligned,
text left-aligned, and, when the table is wider than the terminal, long free text cut
(ending in ``...``) and other text wrapped until it fits; ``--wide`` keeps every cell whole.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import sys
import textwrap
from collections.abc import Collection, Sequence
from typing import Any, TextIO

FORMATS = ("table", "json", "csv")
GAP = "  "
MIN_TEXT = 12
"""Narrowest the long free-text columns are cut to before the other text columns are."""
MIN_CELL = len("...") + 1
"""Narrowest any text column is cut to, so that a table fits even a narrow terminal."""
ELLIPSIS = "..."
_NUMBER = re.compile(r"^(?:[-+]?\d[\d.,e+-]*%?|nan|)$")
"""A cell of a number, a range such as ``0.61-0.95``, or a blank: right-aligned, never cut."""


def add_format_option(parser, default: str = "table") -> None:
    """Add the shared ``--format table|json|csv`` option to a command parser."""
    parser.add_argument(
        "--format", choices=FORMATS, default=default, help=f"output format (default: {default})"
    )


def add_wide_option(parser) -> None:
    """Add ``--wide`` to a command that prints tables for people."""
    parser.add_argument(
        "--wide", action="store_true", help="table: show every cell whole, however wide"
    )


def terminal_width() -> int:
    """Columns to fit: the terminal's, else ``$COLUMNS``, else 80."""
    return shutil.get_terminal_size().columns


def print_json(payload: Any, stream: TextIO | None = None) -> None:
    """Write ``payload`` as indented JSON with a trailing newline."""
    stream = stream or sys.stdout
    json.dump(payload, stream, indent=2, ensure_ascii=False, default=str)
    stream.write("\n")


def print_frame(
    frame: Any,
    fmt: str,
    stream: TextIO | None = None,
    *,
    wide: bool = False,
    wrap: Collection[str] = (),
    cut: Collection[str] = (),
) -> None:
    """Write a DataFrame as a table fit to the terminal (see :func:`fit_table`), CSV or JSON."""
    stream = stream or sys.stdout
    if fmt == "csv":
        frame.to_csv(stream, index=False)
    elif fmt == "json":
        print_json(json.loads(frame.to_json(orient="records", force_ascii=False)), stream)
    else:
        table = fit_table(frame, terminal_width(), wide=wide, wrap=wrap, cut=cut)
        stream.write(table + "\n")


def fit_table(
    frame: Any,
    width: int,
    *,
    wide: bool = False,
    wrap: Collection[str] = (),
    cut: Collection[str] = (),
) -> str:
    """``frame`` as aligned text no wider than ``width`` columns where its text allows.

    The long free-text columns named in ``cut`` (quotes, rationales) are narrowed first,
    then, if that is not enough, every text column (numbers and ranges of numbers are
    never narrowed), the first group no narrower than :data:`MIN_TEXT`. Narrowed ``cut``
    columns are cut and end in ``...``; cells of other narrowed columns, and of those
    named in ``wrap``, continue on the next lines. With ``wide`` nothing is narrowed.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"cue": ["may", "is expected to"], "prob": [0.5, 0.75]})
    >>> print(fit_table(table, 80))
    cue             prob
    may              0.5
    is expected to  0.75
    """
    headers = [str(column) for column in frame.columns]
    cells = [[_cell(value) for value in frame[column]] for column in frame.columns]
    numeric = [all(_NUMBER.match(cell) for cell in column) for column in cells]
    natural = [
        max([len(header), *(len(cell) for cell in column)])
        for header, column in zip(headers, cells, strict=True)
    ]
    text = [i for i, is_number in enumerate(numeric) if not is_number]
    first = [i for i in text if headers[i] in cut]
    budget = width - len(GAP) * (len(headers) - 1)
    widths = natural if wide else _fit(natural, ((first, MIN_TEXT), (text, MIN_CELL)), budget)
    # Quotes and rationales lose their tail; short text (names, labels) wraps instead.
    wrapped = {i for i in text if headers[i] in wrap or (i not in first and widths[i] < natural[i])}
    lines = [_line([_clip(h, w) for h, w in zip(headers, widths, strict=True)], widths, numeric)]
    for row in zip(*cells, strict=True) if cells else ():
        pieces = [
            textwrap.wrap(cell, w) or [""] if i in wrapped and len(cell) > w else [_clip(cell, w)]
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        for k in range(max(len(piece) for piece in pieces)):
            shown = [piece[k] if k < len(piece) else "" for piece in pieces]
            lines.append(_line(shown, widths, numeric))
    return "\n".join(lines)


def _fit(
    natural: Sequence[int], groups: Sequence[tuple[Sequence[int], int]], budget: int
) -> list[int]:
    """Column widths within ``budget``, narrowing one group of columns after another.

    Each group is ``(columns, floor)``: its columns are capped at one common width, the
    largest at which the table fits but not below ``floor`` (a narrower column keeps its
    own width).
    """
    widths = list(natural)
    for group, floor in groups:
        if sum(widths) <= budget or not group:
            continue
        cap = max(widths[i] for i in group)
        others = sum(w for i, w in enumerate(widths) if i not in group)
        while cap > floor and others + sum(min(widths[i], cap) for i in group) > budget:
            cap -= 1
        for i in group:
            widths[i] = min(widths[i], cap)
    return widths


def _line(cells: Sequence[str], widths: Sequence[int], numeric: Sequence[bool]) -> str:
    padded = (
        cell.rjust(w) if is_number else cell.ljust(w)
        for cell, w, is_number in zip(cells, widths, numeric, strict=True)
    )
    return GAP.join(padded).rstrip()


def _clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, ending in ``...`` when cut."""
    return text if len(text) <= width else text[: width - len(ELLIPSIS)].rstrip() + ELLIPSIS


def _cell(value: Any) -> str:
    """A cell as one line of text: missing values blank, line breaks as spaces."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return " ".join(str(value).split())
