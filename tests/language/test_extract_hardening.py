"""Regression tests: past background, news agencies, trimmed event phrases, resolved subjects."""

from __future__ import annotations

import datetime as dt

import pytest

from forecast.language.attribution import find_attribution, resolve_source
from forecast.language.claim import SourceKind, Tense
from forecast.language.coref import recent_group, recent_leaders, resolve_subject
from forecast.language.dates import find_dates
from forecast.language.extract import extract_claims
from forecast.language.lexicon import load_lexicon
from forecast.language.trim import trim_event
from forecast.reading.article import Article
from tests.language.extract_helpers import check_spans, cue_names

PUBLISHED = dt.date(2018, 5, 13)  # a Sunday
LEXICON = load_lexicon()


def claims_of(text: str, published: dt.date | None = PUBLISHED, source: str | None = None):
    article = Article(text, published=published, source=source)
    claims = extract_claims(article, LEXICON)
    check_spans(article, claims, LEXICON)
    return claims


@pytest.mark.parametrize(
    "text",
    [
        "Trump met Abe in 2017.",
        "The weather was mild on Tuesday.",
        "Trump took questions at the White House.",
        "Abe flew to Washington on Friday.",
        "Officials had talks in April.",
        "Kim went to Beijing and spoke with Xi.",
    ],
)
@pytest.mark.parametrize("published", [PUBLISHED, None])
def test_unhedged_past_statement_is_background(text, published):
    claims = claims_of(text, published)
    assert claims, "past background is kept (marked past), not dropped"
    assert all(claim.tense is Tense.PAST for claim in claims), [c.tense for c in claims]
    assert not any(claim.forward for claim in claims)


def test_past_verb_with_a_future_date_is_a_settled_arrangement():
    (claim,) = claims_of("The leaders agreed on a summit in Singapore on June 12.")
    assert claim.tense is Tense.FACT


def test_bare_weekday_in_a_past_clause_means_the_last_one():
    (date,) = find_dates("was mild on Tuesday", PUBLISHED, past=True)
    assert date.start == dt.date(2018, 5, 8)
    (ahead,) = find_dates("on Tuesday", PUBLISHED)
    assert ahead.start == dt.date(2018, 5, 15)
    (named,) = find_dates("next Tuesday", PUBLISHED, past=True)
    assert named.start == dt.date(2018, 5, 15)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Abe will visit Washington, according to Yonhap.", "Yonhap", SourceKind.HEARSAY),
        ("Reuters reported that Trump may visit Japan.", "Reuters", SourceKind.HEARSAY),
        ("Kyodo News said Trump may visit Japan.", "Kyodo News", SourceKind.HEARSAY),
        ("Trump may visit Japan (AP).", "AP", SourceKind.OUTLET),
        (
            "Chief Cabinet Secretary Yoshihide Suga said Trump may visit Japan.",
            "Chief Cabinet Secretary Yoshihide Suga",
            SourceKind.OFFICIAL,
        ),
        ("A White House spokesperson said Trump may visit Japan.", None, SourceKind.OFFICIAL),
        ("Officials said Trump may visit Japan.", "Officials", SourceKind.ANONYMOUS),
        ("Trump may visit Japan, sources said.", "sources", SourceKind.ANONYMOUS),
    ],
)
def test_news_agencies_are_not_officials(text, name, kind):
    (claim,) = claims_of(text, source="Baonghean.vn")
    assert claim.source.kind is kind
    if name is not None:
        assert claim.source.name == name
    assert "visit" in claim.event and "Reuters" not in claim.event


def test_agency_reporting_in_its_own_voice_is_the_outlet():
    (claim,) = claims_of("Kyodo News said Trump may visit Japan.", source="Kyodo")
    assert claim.source.kind is SourceKind.OUTLET
    attribution = find_attribution("Reuters reported that Trump may visit Japan.")
    assert resolve_source(attribution, None, "Reuters").kind is SourceKind.OUTLET
    assert resolve_source(attribution, None, "Baonghean.vn").kind is SourceKind.HEARSAY


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "Japan and the US are arranging for continuous meetings between the two countries' "
            "leaders within just one week surrounding the historic summit scheduled next month.",
            "Japan and the US arrange for continuous meetings between the two countries' leaders",
        ),
        (
            "Japan will send a liaison team to Singapore to collect information about the meeting.",
            "Japan send a liaison team to Singapore",
        ),
        ("Abe will meet Trump in Washington on June 7.", "Abe meet Trump in Washington"),
        ("The summit will be held on June 12 in Singapore.", "The summit be held in Singapore"),
        # Complements of control verbs are kept: they are the event.
        ("Abe is expected to ask Trump to raise the abductions.", "Abe ask Trump to raise"),
        ("Trump may stop in Japan on his way back to the US.", "on his way back to the US"),
    ],
)
def test_event_phrase_is_trimmed_to_its_core(text, event):
    (claim,) = claims_of(text)
    assert event in claim.event
    assert not any(d.text in claim.event for d in claim.dates), "dates live in claim.dates"


def test_trimmed_dates_stay_on_the_claim():
    (claim,) = claims_of("Abe will meet Trump in Washington on June 7.")
    assert [d.start for d in claim.dates] == [dt.date(2018, 6, 7)]


def test_trim_keeps_a_phrase_that_would_lose_its_core():
    assert trim_event("visit on June 12", "visit", find_dates("on June 12", PUBLISHED)) == (
        "visit on June 12"
    )


SEED_LIKE = (
    "Japanese Prime Minister Shinzo Abe and US President Donald Trump will meet in June. "
    "Japan will send a liaison team to Singapore. "
    "On both occasions, the two leaders will reaffirm their cooperation. "
    "If Trump does not visit Japan, the group hopes to be briefed on the summit."
)


def test_two_leaders_and_the_group_are_resolved():
    claims = claims_of(SEED_LIKE)
    events = [claim.event for claim in claims]
    assert "Abe and Trump reaffirm their cooperation" in events
    briefed = [claim for claim in claims if "briefed" in claim.event]
    assert [claim.event for claim in briefed] == ["the liaison team be briefed on the summit"]
    assert cue_names(briefed[0]) == ["hopes to"]


@pytest.mark.parametrize(
    ("event", "before"),
    [
        ("the two leaders meet", "President Trump spoke."),  # one leader named
        ("the two leaders meet", "It rained."),
        ("the group meets", "A liaison team and a security team left."),  # two groups
        ("the group meets", "Nothing was said."),
    ],
)
def test_ambiguous_subjects_stay_as_written(event, before):
    assert resolve_subject(event, before) == event


def test_recent_leaders_are_the_last_two_named_in_first_mention_order():
    text = (
        "North Korean leader Kim Jong-un met President Moon. Later President Trump called Mr. Moon."
    )
    assert recent_leaders(text) == ("Moon", "Trump")
    assert recent_group("Japan sent a liaison team. The team left.") == "the liaison team"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "White House press secretary Sarah Sanders said the president will not stop in Japan.",
            "White House press secretary Sarah Sanders",
            SourceKind.OFFICIAL,
        ),
        ("The press reported that Trump may visit Japan.", "The press", SourceKind.HEARSAY),
    ],
)
def test_press_office_is_on_record_and_the_press_is_hearsay(text, name, kind):
    (claim,) = claims_of(text)
    assert (claim.source.name, claim.source.kind) == (name, kind)
    # The attribution clause is masked out of the event phrase, whoever the source is.
    assert not claim.event.lower().startswith(name.lower())
    assert "visit japan" in claim.event.lower() or "stop in japan" in claim.event.lower()


def test_hearsay_word_inside_the_statement_stays_a_cue():
    (claim,) = claims_of("Trump will reportedly visit Japan.")
    assert claim.source.kind is SourceKind.HEARSAY
    assert "reportedly" in cue_names(claim)


def test_a_sentence_costs_its_own_readings_not_the_rest_of_the_article():
    """Each sentence's parse readings are looked up by index from its first one; a slice
    of all the readings after it, per sentence, made long articles quadratic."""
    from types import SimpleNamespace

    from forecast.language.extract import _within

    class Counted(tuple):
        touched = 0

        def __getitem__(self, key):
            found = super().__getitem__(key)
            Counted.touched += len(found) if isinstance(key, slice) else 1
            return found

    readings = Counted(SimpleNamespace(span=(i, i + 1)) for i in range(10_000))
    assert [reading.span[0] for reading in _within(readings, 5000, 5002)] == [5000, 5001]
    assert Counted.touched <= 10
