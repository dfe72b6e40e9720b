"""What the first lines of a story say about it: dateline date, outlet and headline.

News copy opens with a dateline (``WASHINGTON, June 10, 2018 (Reuters) -``) and often a
headline line. These functions read them from plain text; they never guess: a month and
day without a year gives no date.
"""

from __future__ import annotations

import datetime as dt
import re

DATE_RANGE = (dt.date(1900, 1, 1), dt.date(2199, 12, 31))
"""Dates a user may give (publication, as-of, resolution, deadlines): far enough either
way for any news, and clear of the calendar's end, which date arithmetic would overflow."""


def date_out_of_range(day: dt.date) -> str | None:
    """Why ``day`` is outside :data:`DATE_RANGE`, or None when inside it."""
    low, high = DATE_RANGE
    return None if low <= day <= high else f"must be between {low} and {high}; got {day}"


DATELINE_CHARS = 300
"""How far into an article's text a dateline is looked for."""

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Capitalised or upper-case month names ("May", "MAY"), so the modal "may" never matches.
_MONTH = (
    r"(?=[A-Z])(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = re.compile(
    r"(?<!\d)(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?!\d)"
    rf"|\b(?P<am>{_MONTH})\.?\s+(?P<ad>{_DAY}),?\s+(?P<ay>\d{{4}})\b"
    rf"|\b(?P<bd>{_DAY})\s+(?P<bm>{_MONTH})\.?,?\s+(?P<by>\d{{4}})\b"
)
_CAPS = r"[A-Z][A-Z.'&\-]{1,24}"
_NAME = r"[A-Z][A-Za-z.'\-]{0,24}"
_REGION = rf",[ ]{_NAME}(?:[ ]{_NAME}){{0,2}}"
_WHEN = rf",[ ](?:{_MONTH}\.?[ ]{_DAY}(?:,[ ]\d{{4}})?|{_DAY}[ ]{_MONTH}\.?(?:[ ]\d{{4}})?)"
# Every repeat is bounded, so a match attempt costs at most a few hundred steps however
# long a run of capitals the line holds.
_DATELINE = re.compile(
    rf"[ \t]*(?:{_CAPS}(?:[ ]{_CAPS}){{0,3}}(?:{_REGION})?(?:{_WHEN})?"
    rf"|{_NAME}(?:[ ]{_NAME}){{0,2}}(?:{_REGION}(?:{_WHEN})?|{_WHEN}))"
    r"(?:[ ]\([A-Za-z][^()\n\d]{0,39}\))?"
    r"(?:[ ]+(?:--?|[\u2013\u2014\u2015])[ ]+|[ ]*(?:--|[\u2013\u2014\u2015])[ ]*|:[ ]+)"
    r"(?=[\"'\u201c\u2018(]?[A-Z0-9])"
)
"""A dateline opening a line: a place in capitals ("NEW DELHI"), or a named place with a
region or date ("Washington, DC"), then optionally a region, a day and an outlet, then a
dash of any kind or a colon before a capitalised word."""
_LABEL = re.compile(r"(?i:published|posted)(?:\s+on)?\W*$")
_OUTLET = re.compile(r"\((?P<outlet>[A-Za-z][^()\n\d]{0,39})\)\s*[-\u2013\u2014]+\s")


def find_date(text: str) -> dt.date | None:
    """The first full calendar date written in ``text``, preferring one labelled published.

    Recognises ``2018-05-13`` (also as the start of a timestamp), ``May 13, 2018``,
    ``13 May 2018`` and abbreviated months; dates that do not exist are skipped.

    Examples
    --------
    >>> find_date("WASHINGTON, June 10, 2018 (Reuters) - ...")
    datetime.date(2018, 6, 10)
    >>> find_date("On May 13, Japanese sources said") is None
    True
    """
    dates: list[tuple[bool, dt.date]] = []
    for match in _DATE.finditer(text):
        date = _to_date(match)
        if date is not None:
            labelled = bool(_LABEL.search(text[max(0, match.start() - 20) : match.start()]))
            dates.append((labelled, date))
    labelled = [date for is_labelled, date in dates if is_labelled]
    return (labelled or [date for _, date in dates] or [None])[0]


def _to_date(match: re.Match[str]) -> dt.date | None:
    """The date a :data:`_DATE` match spells, or None if no such day exists."""
    if match.group("iy"):
        parts = (match.group("iy"), match.group("im"), match.group("id"))
    else:
        tag = "a" if match.group("am") else "b"
        month = str(_MONTHS[match.group(f"{tag}m")[:3].lower()])
        parts = (match.group(f"{tag}y"), month, match.group(f"{tag}d").rstrip("stndrh"))
    try:
        return dt.date(*(int(part) for part in parts))
    except ValueError:
        return None


def dateline_end(text: str, start: int = 0, end: int | None = None) -> int:
    """Where a dateline opening ``text[start:end]`` ends (``start`` when there is none).

    Examples
    --------
    >>> line = "BEIJING, Oct. 5 (Xinhua) -- China will hold talks."
    >>> line[dateline_end(line):]
    'China will hold talks.'
    >>> dateline_end("US officials said -- without details -- that talks would resume.")
    0
    """
    match = _DATELINE.match(text, start, len(text) if end is None else end)
    return match.end() if match else start


def find_outlet(text: str) -> str | None:
    """The outlet named in a dateline such as ``(Reuters) -`` or ``(Baonghean.vn) - ``.

    Examples
    --------
    >>> find_outlet("(Baonghean.vn) - On May 13, ...")
    'Baonghean.vn'
    """
    match = _OUTLET.search(text)
    return match.group("outlet").strip() if match else None


def headline(text: str, *, max_chars: int = 150, max_words: int = 25) -> str | None:
    """The first line of ``text`` when it reads as a headline, else None.

    A headline is short, does not end like a sentence (``.``, ``,``, ``;``, ``:``),
    is not itself a dateline, and has more text after it.

    Examples
    --------
    >>> headline("Leaders will meet\\nTOKYO (Kyodo) - Leaders will meet.")
    'Leaders will meet'
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return None
    first = lines[0]
    if (
        len(first) > max_chars
        or len(first.split()) > max_words
        or first.endswith((".", ",", ";", ":"))
        or _OUTLET.search(first)
    ):
        return None
    return first
