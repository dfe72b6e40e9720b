"""Issue 10, point 5, on sentences written for this suite: journalists speak for their outlet,
"sources close to X" are anonymous and on X's side, and a bare weekday takes the time of
its clause (the last one in a past-tense clause, the next one in a future-tense clause)."""

from __future__ import annotations

import datetime as dt

import pytest

from forecast.language.claim import SourceKind
from forecast.language.extract import extract_claims
from forecast.language.lexicon import load_lexicon
from forecast.language.records import claim_from_dict, claim_to_dict
from forecast.reading.article import Article

SUNDAY = dt.date(2018, 5, 13)
LEXICON = load_lexicon()


def claim_of(text: str, published: dt.date = SUNDAY):
    (claim,) = extract_claims(Article(text, published=published, source="Daily Planet"), LEXICON)
    return claim


@pytest.mark.parametrize(
    "text",
    [
        "Our correspondent in Cairo said the army will step in.",
        "A journalist travelling with the delegation said the talks may collapse.",
        "The trip may be cut short, reporters on the plane were told by the editor.",
        "Political editor Ann Lee said the vote could be held early.",
    ],
)
def test_journalists_speak_for_the_outlet(text):
    assert claim_of(text).source.kind is SourceKind.OUTLET


def test_another_outlets_journalist_is_hearsay():
    claim = claim_of("BBC correspondent Jon Smith said the vote may be held early.")
    assert claim.source.kind is SourceKind.HEARSAY


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Sources close to the president said he may step down.", "the president"),
        ("People close to the club said the coach may leave.", "the club"),
        (
            "According to people familiar with the prime minister's thinking, the election "
            "may be called early.",
            "the prime minister",
        ),
        (
            "Officials within the defence ministry said the drill may be expanded.",
            "the defence ministry",
        ),
    ],
)  # fmt: skip
def test_sources_close_to_someone_are_anonymous_on_their_side(text, side):
    claim = claim_of(text)
    assert claim.source.kind is SourceKind.ANONYMOUS and claim.source.side == side
    assert claim_from_dict(claim_to_dict(claim)) == claim


def test_anonymous_source_placed_nowhere_has_no_side():
    assert claim_of("Officials in Washington said the drill may be expanded.").source.side == ""


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The minister resigned on Tuesday.", dt.date(2018, 5, 8)),
        ("Kim may have met Xi on Tuesday.", dt.date(2018, 5, 8)),
        ("The talks could not take place on Friday.", dt.date(2018, 5, 11)),
        ("Kim has visited the border on Thursday.", dt.date(2018, 5, 10)),
    ],
)
def test_weekday_in_a_past_clause_is_the_last_one(text, day):
    assert [date.start for date in claim_of(text).dates] == [day]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The minister will resign on Tuesday.", dt.date(2018, 5, 15)),
        ("Kim said he would visit Seoul on Tuesday.", dt.date(2018, 5, 15)),
        ("The talks may resume on Friday.", dt.date(2018, 5, 18)),
    ],
)
def test_weekday_in_a_future_clause_is_the_next_one(text, day):
    assert [date.start for date in claim_of(text).dates] == [day]
