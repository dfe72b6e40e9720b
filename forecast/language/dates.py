"""Date and deadline mentions, resolved to a period against the article date.

Absolute dates ("June 12", "June 8-9", "12 June 2018") take the year nearest the
article date when they name none; relative ones ("next month", "within one week", "within 48 hours",
"by the end of the year", "on Monday") need the article date and keep ``None`` bounds
without it. Weekdays mean the next such day on or after the article date (the last one
on or before it in a past-tense clause, or after "last").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from forecast.language.claim import DateMention

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
WEEKDAYS = {calendar.day_name[number].lower(): number for number in range(7)}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3, "a couple of": 2,
}  # fmt: skip

_MONTH = (
    r"(?P<month>"
    + "|".join(sorted((name.capitalize() for name in MONTHS), key=len, reverse=True))
    + r")\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DAY2 = r"(?:\s*[-\u2013]\s*(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
_COUNT = r"(?P<count>\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, flags))
    for kind, pattern, flags in (
        ("month_day", rf"\b{_MONTH}\s+{_DAY}{_DAY2}\b{_YEAR}", 0),
        ("day_month", rf"\b{_DAY}{_DAY2}\s+{_MONTH}\b{_YEAR}", 0),
        (
            "month",
            rf"\b(?:in|by|until|before|after|since|early|late|mid)\s+(?P<text>{_MONTH}\b"
            rf"{_YEAR})",
            0,
        ),
        ("relative", r"\b(?P<which>next|this|last|coming)\s+(?P<unit>week|month|year)\b", re.I),
        (
            "within",
            rf"\bwithin\s+(?:just\s+|the\s+next\s+|about\s+)?{_COUNT}\s+"
            r"(?P<unit>hour|day|week|month|year)s?\b",
            re.I,
        ),
        (
            "end_of",
            r"\bby\s+the\s+end\s+of\s+(?P<which>the|this|next)\s+(?P<unit>week|month|year)\b",
            re.I,
        ),
        (
            "weekday",
            r"\b(?:on\s+|this\s+|next\s+|last\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|"
            r"Friday|Saturday|Sunday)\b",
            0,
        ),
        ("day_word", r"\b(?P<word>today|tomorrow|yesterday)\b", re.I),
        (
            "year",
            r"\b(?:in|by|until|before|after|since|during)\s+(?P<text>(?P<year>(?:19|20)\d{2}))"
            r"\b(?!s)",
            0,
        ),
    )
)


def find_dates(
    text: str, published: dt.date | None = None, offset: int = 0, past: bool = False
) -> tuple[DateMention, ...]:
    """Every date mention in ``text``, spans shifted by ``offset``, earliest first.

    ``past`` reads ``text`` as a past-tense clause: a bare weekday ("was mild on
    Tuesday") then means the last such day on or before the article date.

    Examples
    --------
    >>> [d.start.isoformat() for d in find_dates("on June 12", dt.date(2018, 5, 13))]
    ['2018-06-12']
    """
    taken: list[tuple[int, int]] = []
    mentions: list[DateMention] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            bounds = RESOLVERS[kind](match, published)
            if kind == "weekday" and bounds[0] is not None and _before(match, past):
                bounds = _weekday_before(match, published)
            if bounds is None:
                continue
            group = "text" if "text" in pattern.groupindex else 0
            taken.append(match.span(group))
            span = (match.start(group) + offset, match.end(group) + offset)
            mentions.append(DateMention(match.group(group), span, *bounds))
    return tuple(sorted(mentions, key=lambda mention: mention.span))


Bounds = tuple[dt.date | None, dt.date | None]


def _month_day(match: re.Match[str], published: dt.date | None) -> Bounds | None:
    month = MONTHS[match.group("month").lower()]
    first = int(match.group("day"))
    last = int(match.group("day2") or first)
    year = _year(match, published, month, first)
    if year is None:
        return (None, None)
    try:
        return (dt.date(year, month, first), dt.date(year, month, last))
    except ValueError:
        return None  # "June 31" is not a date; leave the words alone


def _month(match: re.Match[str], published: dt.date | None) -> Bounds:
    month = MONTHS[match.group("month").lower()]
    year = _year(match, published, month, 15)
    if year is None:
        return (None, None)
    return (dt.date(year, month, 1), _month_end(year, month))


def _year(match: re.Match[str], published: dt.date | None, month: int, day: int) -> int | None:
    """The year written, else the one putting the date nearest the article date."""
    if match.group("year"):
        return int(match.group("year"))
    if published is None:
        return None

    def distance(year: int) -> int:
        return abs((dt.date(year, month, min(day, 28)) - published).days)

    return min((published.year - 1, published.year, published.year + 1), key=distance)


def _relative(match: re.Match[str], published: dt.date | None) -> Bounds:
    if published is None:
        return (None, None)
    step = {"next": 1, "coming": 1, "this": 0, "last": -1}[match.group("which").lower()]
    return _period(published, match.group("unit").lower(), step)


def _period(published: dt.date, unit: str, step: int) -> tuple[dt.date, dt.date]:
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
        return (monday, monday + dt.timedelta(days=6))
    if unit == "month":
        index = published.year * 12 + published.month - 1 + step
        year, month = divmod(index, 12)
        return (dt.date(year, month + 1, 1), _month_end(year, month + 1))
    year = published.year + step
    return (dt.date(year, 1, 1), dt.date(year, 12, 31))


def _within(match: re.Match[str], published: dt.date | None) -> Bounds:
    if published is None:
        return (None, None)
    count_word = match.group("count").lower()
    count = int(count_word) if count_word.isdigit() else NUMBERS[count_word]
    unit = match.group("unit").lower()
    if unit == "year":
        return (published, _shift_months(published, 12 * count))
    if unit == "month":
        return (published, _shift_months(published, count))
    if unit == "hour":
        return (published, published + dt.timedelta(days=-(-count // 24)))  # whole days
    days = count * (7 if unit == "week" else 1)
    return (published, published + dt.timedelta(days=days))


def _end_of(match: re.Match[str], published: dt.date | None) -> Bounds:
    if published is None:
        return (None, None)
    step = 1 if match.group("which").lower() == "next" else 0
    return (published, _period(published, match.group("unit").lower(), step)[1])


def _weekday(match: re.Match[str], published: dt.date | None) -> Bounds:
    if published is None:
        return (None, None)
    ahead = (WEEKDAYS[match.group("weekday").lower()] - published.weekday()) % 7
    if match.group(0).lower().startswith("next") and ahead == 0:
        ahead = 7
    day = published + dt.timedelta(days=ahead)
    return (day, day)


def _before(match: re.Match[str], past: bool) -> bool:
    """A weekday meaning the last such day: "last Monday", or a bare one in a past clause."""
    words = match.group(0).lower()
    return words.startswith("last") or (past and not words.startswith(("next", "this")))


def _weekday_before(match: re.Match[str], published: dt.date) -> Bounds:
    back = (published.weekday() - WEEKDAYS[match.group("weekday").lower()]) % 7
    if back == 0 and match.group(0).lower().startswith("last"):
        back = 7  # "last Monday", said on a Monday, is a week ago
    day = published - dt.timedelta(days=back)
    return (day, day)


def _day_word(match: re.Match[str], published: dt.date | None) -> Bounds:
    if published is None:
        return (None, None)
    shift = {"today": 0, "tomorrow": 1, "yesterday": -1}[match.group("word").lower()]
    day = published + dt.timedelta(days=shift)
    return (day, day)


def _year_only(match: re.Match[str], published: dt.date | None) -> Bounds:
    year = int(match.group("year"))
    return (dt.date(year, 1, 1), dt.date(year, 12, 31))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


RESOLVERS = {
    "month_day": _month_day,
    "day_month": _month_day,
    "month": _month,
    "relative": _relative,
    "within": _within,
    "end_of": _end_of,
    "weekday": _weekday,
    "day_word": _day_word,
    "year": _year_only,
}
