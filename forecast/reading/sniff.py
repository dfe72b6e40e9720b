"""Telling news text from data and code, so commands refuse a file that is not an article.

A scenario file, a table or a script read as an article yields nonsense claims ("value = 0.2"
is not a hedged statement). Two general signals decide: the file's suffix, and the share of
its lines that look like settings (``key = value``, ``[section]``), delimited rows or code.
News text is mostly sentences; a file whose lines are mostly one of those kinds is not.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

__all__ = ["non_article_reason"]

DATA_SUFFIXES = {
    ".toml": "a TOML file (a scenario file goes to --model)",
    ".ini": "a settings file", ".cfg": "a settings file", ".yaml": "a YAML file",
    ".yml": "a YAML file", ".csv": "a CSV table", ".tsv": "a TSV table",
    ".parquet": "a data table", ".xlsx": "a spreadsheet", ".sqlite": "a database",
    ".db": "a database", ".ipynb": "a notebook", ".py": "source code", ".r": "source code",
    ".js": "source code", ".ts": "source code", ".c": "source code", ".h": "source code",
    ".cpp": "source code", ".java": "source code", ".go": "source code", ".rs": "source code",
    ".rb": "source code", ".sh": "a shell script", ".sql": "source code",
}  # fmt: skip
"""File suffixes that name a data or code format, never an article."""

STRUCTURED_SHARE = 0.5
"""A text whose lines are at least this share of one structured kind is not an article."""
MIN_LINES = 3
"""Fewer content lines than this are judged by suffix alone (too few to count)."""

_COMMENT = re.compile(r"^\s*(?:#|//|--|;|/\*|\*)")
_SETTING = re.compile(r"""^\s*(?:\[{1,2}[\w."' -]+\]{1,2}|[\w."'-]+\s*[=:]\s*[\[{"'\d\w-]\S*.*)$""")
_CODE = re.compile(
    r"^\s*(?:def |class |import |from [\w.]+ import |return\b|raise\b|with |try:|except\b|"
    r"elif\b|else\b|@\w|#include|function\b|const |let |var |public |private |package |fn |"
    r"if\s*\(|for\s*\(|while\s*\(|[{}\])])|[{(\[,;]\s*$|\)\s*:\s*$|[=!<>]=|=>|->|&&|\|\|"
)
_SENTENCE_END = re.compile(r"""[.!?]["'”’)]*$""")
_DELIMITERS = (",", "\t", ";", "|")


def non_article_reason(path: str | Path, text: str) -> str | None:
    """Why ``text`` read from ``path`` is not a news article, or None when it may be one.

    Examples
    --------
    >>> non_article_reason("story.txt", "Trump may visit Japan.\\nNo date is set yet.")
    >>> non_article_reason("models/x.toml", "name = 'x'")
    'a TOML file (a scenario file goes to --model)'
    >>> non_article_reason("a.txt", "id,prob,date\\n1,0.2,2018\\n2,0.4,2018\\n3,0.1,2019")
    'delimited rows (4 of 4 lines split by ",")'
    """
    kind = DATA_SUFFIXES.get(Path(path).suffix.lower())
    if kind is not None:
        return kind
    lines = [line for line in text.splitlines() if line.strip() and not _COMMENT.match(line)]
    if len(lines) < MIN_LINES:
        return None
    structured = sum(_is_setting(line) or bool(_CODE.search(line)) for line in lines)
    rows, delimiter = _delimited_rows(lines)
    shown = f"of {len(lines)} lines"
    if structured >= max(rows, STRUCTURED_SHARE * len(lines)):
        return f"key = value settings or code ({structured} {shown})"
    if rows >= STRUCTURED_SHARE * len(lines):
        return f'delimited rows ({rows} {shown} split by "{delimiter}")'
    return None


def _is_setting(line: str) -> bool:
    """``key = value``, ``key: value`` or ``[section]``, and not a sentence."""
    return bool(_SETTING.match(line)) and not _SENTENCE_END.search(line.rstrip())


def _delimited_rows(lines: list[str]) -> tuple[int, str]:
    """The most lines that split into the same number of fields by one delimiter.

    A row is a line without a sentence ending that holds the delimiter as many times as
    the most common count among such lines; prose sentences end with a full stop and
    vary in their commas.
    """
    best, best_delimiter = 0, ","
    candidates = [line for line in lines if not _SENTENCE_END.search(line.rstrip())]
    for delimiter in _DELIMITERS:
        counts = Counter(line.count(delimiter) for line in candidates)
        counts.pop(0, None)
        if counts and (top := counts.most_common(1)[0][1]) > best:
            best, best_delimiter = top, delimiter
    return best, best_delimiter
