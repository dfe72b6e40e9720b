"""Date mentions: what each phrase means, resolved against the article date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forecast.language.dates import find_dates

PUBLISHED = dt.date(2018, 5, 13)  # a Sunday
D = dt.date

CASES = [
    ("the summit on June 12 in Singapore", "June 12", D(2018, 6, 12), D(2018, 6, 12)),
    ("in Canada for two days (June 8-9).", "June 8-9", D(2018, 6, 8), D(2018, 6, 9)),
    ("from June 8 \u2013 9", "June 8 \u2013 9", D(2018, 6, 8), D(2018, 6, 9)),
    ("on 12 June 2019", "12 June 2019", D(2019, 6, 12), D(2019, 6, 12)),
    ("on Sept. 3", "Sept. 3", D(2018, 9, 3), D(2018, 9, 3)),
    ("the summit next month", "next month", D(2018, 6, 1), D(2018, 6, 30)),
    ("talks next week", "next week", D(2018, 5, 14), D(2018, 5, 20)),
    ("earlier this week", "this week", D(2018, 5, 7), D(2018, 5, 13)),
    ("within one week", "within one week", PUBLISHED, D(2018, 5, 20)),
    ("within just one week", "within just one week", PUBLISHED, D(2018, 5, 20)),
    ("within 3 days", "within 3 days", PUBLISHED, D(2018, 5, 16)),
    ("within two months", "within two months", PUBLISHED, D(2018, 7, 13)),
    ("within 48 hours", "within 48 hours", PUBLISHED, D(2018, 5, 15)),
    ("within a few hours", "within a few hours", PUBLISHED, D(2018, 5, 14)),
    ("within 12 hours", "within 12 hours", PUBLISHED, D(2018, 5, 14)),
    ("by the end of the year", "by the end of the year", PUBLISHED, D(2018, 12, 31)),
    ("by the end of the month", "by the end of the month", PUBLISHED, D(2018, 5, 31)),
    ("on Monday", "on Monday", D(2018, 5, 14), D(2018, 5, 14)),
    ("on Sunday", "on Sunday", PUBLISHED, PUBLISHED),
    ("next Sunday", "next Sunday", D(2018, 5, 20), D(2018, 5, 20)),
    # "last" points back, whatever the clause's tense; said on a Sunday, a week back.
    ("was opened last Friday", "last Friday", D(2018, 5, 11), D(2018, 5, 11)),
    ("will reopen after last Sunday", "last Sunday", D(2018, 5, 6), D(2018, 5, 6)),
    ("tomorrow", "tomorrow", D(2018, 5, 14), D(2018, 5, 14)),
    ("in June", "June", D(2018, 6, 1), D(2018, 6, 30)),
    ("elections in 2019", "2019", D(2019, 1, 1), D(2019, 12, 31)),
    ("since the summit on April 27", "April 27", D(2018, 4, 27), D(2018, 4, 27)),
]


@pytest.mark.parametrize(("text", "words", "start", "end"), CASES)
def test_mentions_resolve_to_the_period_meant(text, words, start, end):
    (mention,) = find_dates(text, PUBLISHED)
    assert mention.text == words
    assert text[slice(*mention.span)] == words
    assert (mention.start, mention.end) == (start, end)


def test_year_is_the_one_nearest_the_article_date():
    (mention,) = find_dates("on January 5", dt.date(2018, 12, 20))
    assert mention.start == dt.date(2019, 1, 5)
    (mention,) = find_dates("on December 28", dt.date(2019, 1, 3))
    assert mention.start == dt.date(2018, 12, 28)


def test_without_article_date_relative_bounds_are_none_but_explicit_years_resolve():
    mentions = find_dates("June 12, next month and June 12, 2019", None)
    assert [(m.text, m.start, m.end) for m in mentions] == [
        ("June 12", None, None),
        ("next month", None, None),
        ("June 12, 2019", dt.date(2019, 6, 12), dt.date(2019, 6, 12)),
    ]


@pytest.mark.parametrize("text", ["Trump may stop in Japan", "June 31", "in the 1970s", "May"])
def test_words_that_are_not_dates(text):
    assert find_dates(text, PUBLISHED) == ()


def test_offset_shifts_spans_into_the_article():
    (mention,) = find_dates("on June 12", PUBLISHED, offset=100)
    assert mention.span == (103, 110)


@given(st.text(max_size=120), st.one_of(st.none(), st.dates()))
def test_never_raises_and_bounds_are_ordered(text, published):
    for mention in find_dates(text, published):
        assert text[slice(*mention.span)] == mention.text
        if mention.start is not None:
            assert mention.start <= mention.end
