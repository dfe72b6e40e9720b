"""Event phrases cut from the sentence's words (traps written for this suite)."""

from __future__ import annotations

import datetime as dt

import pytest

from forecast.language.extract import extract_claims
from forecast.language.lexicon import load_lexicon
from forecast.language.phrases import LEFT_BREAK, RIGHT_BREAK
from forecast.reading.article import Article

LEXICON = load_lexicon()


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("A convoy for 2,500 flood victims may be sent by the army next week.", "2,500"),
        ("The fund for 12,000 farmers could be frozen by the ministry.", "12,000"),
        ("About 1,200 workers are likely to lose their jobs.", "1,200"),
    ],
)
def test_a_comma_inside_a_number_breaks_no_phrase(text, number):
    article = Article(text, published=dt.date(2018, 5, 13))
    (claim,) = extract_claims(article, LEXICON)
    assert number in claim.event


@pytest.mark.parametrize("pattern", [LEFT_BREAK, RIGHT_BREAK])
def test_a_comma_between_words_still_breaks(pattern):
    assert pattern.search("In May, 3 ships") and pattern.search("ships 3, then")
    assert not pattern.search("for 3,000 ships")


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # a time or place phrase between a report and its "that" is the report's
        ("The council confirmed on Tuesday that the ferry will stop.", "the ferry stop"),
        ("The ministry announced on Monday that it may close the mine.", "close the mine"),
        ("The club confirmed in a letter that the coach would leave.", "the coach leave"),
    ],
)
def test_a_phrase_before_that_belongs_to_the_report(text, event):
    article = Article(text, published=dt.date(2018, 5, 13))
    (claim,) = extract_claims(article, LEXICON)
    assert claim.event.endswith(event)
    assert "that" not in claim.event.split()
