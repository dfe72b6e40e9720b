"""Acceptance: the seed article's claims, one test per claim the analyst needs."""

from __future__ import annotations

import datetime as dt

import pytest
from scipy.special import expit

from forecast.language.claim import SourceKind, Tense
from forecast.language.extract import extract_claims
from forecast.language.lexicon import load_lexicon
from forecast.reading.article import read_article
from tests.language.extract_helpers import check_spans, cue_names, only

PUBLISHED = dt.date(2018, 5, 13)
GOVERNMENT_SOURCES = "Japanese government sources"


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.fixture
def seed(seed_article_path, lexicon):
    article = read_article(seed_article_path, published=PUBLISHED)
    return article, extract_claims(article, lexicon)


def test_every_span_indexes_its_words(seed, lexicon):
    article, claims = seed
    check_spans(article, claims, lexicon)


def test_trump_may_stop_in_japan(seed, lexicon):
    article, claims = seed
    claim = only(claims, event="stop in Japan")
    assert claim.event == "President Trump stop in Japan on his way back to the United States"
    assert cue_names(claim) == ["may"]
    assert article.text[slice(*claim.cues[0].span)] == "may"
    assert claim.predicate == "stop"
    assert article.text[slice(*claim.predicate_span)] == "stop"
    assert not claim.negated and claim.condition is None
    assert claim.tense is Tense.FORWARD
    assert claim.source.kind is SourceKind.OUTLET
    assert claim.prob == pytest.approx(float(expit(lexicon["may"].logit_mean)))


def test_visit_possibility_with_no_schedule_set(seed, lexicon):
    _, claims = seed
    claim = only(claims, event="President Trump visit Japan")
    assert claim.event == "President Trump visit Japan"
    assert cue_names(claim) == ["the possibility of", "no schedule has been set yet"]
    assert not claim.negated, "'no schedule' is negative in itself: it must not flip the claim"
    # Double hedge, weaker wins: no more confident than either cue, as vague as the vaguest.
    cues = [lexicon["the possibility of"], lexicon["no schedule has been set yet"]]
    assert claim.logit_mean == pytest.approx(min(cue.logit_mean for cue in cues))
    assert claim.cue_sd == pytest.approx(max(cue.logit_sd for cue in cues))
    assert claim.prob < 0.5
    # "One of the sources said" points back to the sources named in the lead.
    assert claim.source.name == GOVERNMENT_SOURCES
    assert claim.source.kind is SourceKind.ANONYMOUS
    coordinate = only(claims, event="Tokyo coordinate with Washington")
    assert cue_names(coordinate) == ["will"]
    assert coordinate.prob > claim.prob


def test_plan_to_meet_before_and_after_the_summit(seed, lexicon):
    _, claims = seed
    claim = only(claims, event="meet before and after", cue="the plan is for")
    assert claim.event.startswith(
        "Japanese Prime Minister Shinzo Abe and US President Donald Trump meet before and "
        "after the US-North Korea summit"
    )
    assert claim.predicate == "meet"
    assert claim.source.name == GOVERNMENT_SOURCES  # "According to the above sources"
    assert claim.source.kind is SourceKind.ANONYMOUS
    assert claim.tense is Tense.FORWARD and not claim.negated
    assert claim.logit_mean == pytest.approx(lexicon["the plan is for"].logit_mean)
    assert claim.logit_sd > claim.cue_sd  # attribution widens the spread


def test_expected_first_meeting_at_the_g7(seed, lexicon):
    article, claims = seed
    claim = only(claims, event="G7 Summit")
    assert cue_names(claim) == ["is expected to"]
    assert article.text[slice(*claim.cues[0].span)] == "are expected to"
    assert claim.event.startswith("Prime Minister Abe and President Trump meet for the first time")
    assert claim.predicate == "meet"
    (date,) = claim.dates
    assert date.text == "June 8-9"
    assert (date.start, date.end) == (dt.date(2018, 6, 8), dt.date(2018, 6, 9))
    assert claim.tense is Tense.FORWARD
    assert claim.prob > only(claims, event="stop in Japan").prob


def test_summit_on_june_12_in_singapore(seed, lexicon):
    _, claims = seed
    # The date is kept in ``dates``, not repeated in the event phrase.
    claim = only(claims, event="summit take place in Singapore")
    assert claim.event == "the US-North Korea summit take place in Singapore"
    assert cue_names(claim) == ["stated as fact"]
    assert claim.tense is Tense.FACT
    assert [(d.start, d.end) for d in claim.dates] == [(dt.date(2018, 6, 12),) * 2]
    scheduled = only(claims, event="historic US-North Korea summit take place")
    assert scheduled.event == "the historic US-North Korea summit take place"
    assert cue_names(scheduled) == ["is scheduled to"]
    assert scheduled.tense is Tense.FACT
    assert [(d.start, d.end) for d in scheduled.dates] == [
        (dt.date(2018, 6, 1), dt.date(2018, 6, 30))
    ]
    assert min(claim.prob, scheduled.prob) > only(claims, event="G7 Summit").prob


def test_conditional_hope_to_be_briefed(seed, lexicon):
    article, claims = seed
    claim = only(claims, event="be briefed")
    # "the group" resolved to the group named just before: the liaison team.
    assert claim.event == "the liaison team be briefed on the US-North Korea summit"
    assert cue_names(claim) == ["hopes to"]
    assert claim.predicate == "be briefed"
    assert not claim.negated, "the 'not' of the condition must not negate the hope"
    condition = claim.condition
    assert condition is not None
    assert condition.event == "President Trump visit Japan afterward"
    assert condition.negated
    assert article.text[slice(*condition.span)] == "President Trump does not visit Japan afterward"
    assert claim.source.kind is SourceKind.ANONYMOUS  # "..., sources said."


def test_liaison_team_sent_to_singapore(seed, lexicon):
    _, claims = seed
    claim = only(claims, event="send a liaison team")
    # The purpose clause "to collect information about the meeting" is trimmed.
    assert claim.event == "Japan send a liaison team to Singapore"
    assert cue_names(claim) == ["will"]
    assert claim.predicate == "send"
    assert claim.tense is Tense.FORWARD
    assert claim.source.kind is SourceKind.OUTLET


def test_abe_expected_to_raise_the_abductees(seed, lexicon):
    _, claims = seed
    claim = only(claims, event="abducted")
    assert claim.event.startswith("Prime Minister Abe ask President Trump to urge")
    assert cue_names(claim) == ["is expected to"]
    assert claim.predicate == "ask"
    assert claim.tense is Tense.FORWARD and not claim.negated


def test_abe_hopes_to_reaffirm_pressure(seed, lexicon):
    _, claims = seed
    claim = only(claims, event="pressure on Pyongyang")
    assert claim.event.startswith("Mr. Abe reaffirm the importance of putting pressure")
    assert cue_names(claim) == ["hopes to"]
    assert claim.source.kind is SourceKind.ANONYMOUS  # "According to sources"
    assert claim.tense is Tense.FORWARD


def test_arranged_meetings_within_one_week(seed):
    _, claims = seed
    claim = only(claims, event="continuous meetings")
    assert cue_names(claim) == ["is arranging"]
    assert claim.source.name == GOVERNMENT_SOURCES
    week = [d for d in claim.dates if d.text == "within just one week"]
    assert [(d.start, d.end) for d in week] == [(PUBLISHED, dt.date(2018, 5, 20))]


def test_background_is_past_not_forward(seed):
    _, claims = seed
    background = [claim for claim in claims if claim.tense is Tense.PAST]
    assert {claim.predicate for claim in background} == {"see", "pursue"}
    assert all(not claim.forward for claim in background)
    assert not any("May 13" in claim.event for claim in claims)
    assert all("may" not in cue_names(c) or "stop" in c.event for c in claims)
