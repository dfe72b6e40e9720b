"""Extraction traps written for this suite: negation, stacked hedges, conditions, quotes,
reported speech, hedges about the past, background, attribution kinds; plus properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forecast.language.claim import SourceKind, Tense
from forecast.language.extract import claim_to_dict, claims_to_frame, extract_claims
from forecast.language.lexicon import load_lexicon
from forecast.reading.article import Article
from tests.language.extract_helpers import check_spans, cue_names

PUBLISHED = dt.date(2018, 5, 13)
LEXICON = load_lexicon()


def claims_of(text: str, published: dt.date | None = PUBLISHED):
    article = Article(text, published=published)
    claims = extract_claims(article, LEXICON)
    check_spans(article, claims, LEXICON)
    return claims


def logit(cue: str) -> float:
    return LEXICON[cue].logit_mean


# sentence, event, cues, negated, expected logit_mean (from lexicon values)
NEGATION_CASES = [
    ("Trump will not visit Japan.", "Trump visit Japan", ["will"], True, -logit("will")),
    ("Trump won't stop in Tokyo.", "Trump stop in Tokyo", ["will"], True, -logit("will")),
    (
        "Abe is not expected to attend the G7 summit.",
        "Abe attend the G7 summit",
        ["is expected to"],
        True,
        -logit("is expected to"),
    ),
    ("Abe isn't likely to attend.", "Abe attend", ["likely"], True, -logit("likely")),
    ("Trump may not visit Japan.", "Trump visit Japan", ["may"], True, -logit("may")),
    ("Trump does not plan to visit Seoul.", "Trump visit Seoul", ["plans to"], True,
     -logit("plans to")),
    # A cue negative in itself is not flipped: "unlikely" says the event is improbable.
    ("Trump is unlikely to visit Japan.", "Trump visit Japan", ["unlikely"], False,
     logit("unlikely")),
    (
        "Japan has not yet decided whether to send a team to Singapore.",
        "Japan send a team to Singapore",
        ["no decision has been made"],
        False,
        logit("no decision has been made"),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "cues", "negated", "expected"), NEGATION_CASES)
def test_negation_is_read_not_dropped(text, event, cues, negated, expected):
    (claim,) = claims_of(text)
    assert claim.event == event
    assert cue_names(claim) == cues
    assert claim.negated is negated
    assert claim.logit_mean == pytest.approx(expected)
    assert claim.tense is Tense.FORWARD


def test_not_yet_on_a_plan_means_undecided_not_refused():
    (claim,) = claims_of("Trump does not yet plan to visit Japan.")
    assert claim.event == "Trump visit Japan"
    assert cue_names(claim) == ["no decision has been made"]
    assert not claim.negated
    (refused,) = claims_of("Trump does not plan to visit Japan.")
    assert claim.prob > refused.prob


def test_denied_possibility_is_all_but_ruled_out():
    (claim,) = claims_of("There is no possibility of a visit.")
    assert claim.negated
    assert claim.prob < LEXICON["the possibility of"].median
    assert claim.prob < 0.5


def test_double_hedge_is_no_more_confident_than_either_cue():
    (claim,) = claims_of("Trump may be expected to visit Seoul.")
    assert claim.event == "Trump visit Seoul"
    assert cue_names(claim) == ["may", "is expected to"]
    assert claim.logit_mean <= min(logit("may"), logit("is expected to"))
    (alone,) = claims_of("Trump is expected to visit Seoul.")
    assert claim.prob < alone.prob


def test_attitude_governs_the_later_cue():
    (claim,) = claims_of("It is unlikely that Trump will visit Japan.")
    assert claim.event == "Trump visit Japan"
    assert cue_names(claim) == ["unlikely", "will"]
    assert claim.logit_mean == pytest.approx(min(logit("unlikely"), logit("will")))


def test_belief_after_the_statement_is_attribution_not_a_second_cue():
    (claim,) = claims_of("Kim is unlikely to give up his weapons, U.S. officials believe.")
    assert claim.event == "Kim give up his weapons"
    assert cue_names(claim) == ["unlikely"]
    assert claim.source.name == "U.S. officials"


def test_possibility_that_reads_the_clause():
    (claim,) = claims_of("There is a realistic possibility that talks collapse.")
    assert claim.event == "talks collapse"
    assert claim.predicate == "collapse"


def test_opening_participle_borrows_the_main_subject():
    hope, send = claims_of("Hoping to ease tensions, Seoul will send an envoy to Pyongyang.")
    assert (hope.event, cue_names(hope)) == ("Seoul ease tensions", ["hopes to"])
    assert (send.event, cue_names(send)) == ("Seoul send an envoy to Pyongyang", ["will"])


def test_cue_inside_an_embedded_question_is_not_a_hedge():
    (claim,) = claims_of("No decision has been made on whether Trump will visit Japan.")
    assert claim.event == "Trump visit Japan"
    assert cue_names(claim) == ["no decision has been made"]


@pytest.mark.parametrize(
    ("text", "event", "condition", "negated_condition", "negated_claim"),
    [
        ("Trump will not visit Japan unless Kim agrees to talks.", "Trump visit Japan",
         "Kim agrees to talks", True, True),
        ("If Kim agrees to talks, Trump will visit Japan.", "Trump visit Japan",
         "Kim agrees to talks", False, False),
        ("If Kim doesn't come, Abe may stay home.", "Abe stay home", "Kim come", True, False),
        ("Abe will go to Seoul if the summit is cancelled.", "Abe go to Seoul",
         "the summit is cancelled", False, False),
    ],
)  # fmt: skip
def test_conditions_are_stated_positively(text, event, condition, negated_condition, negated_claim):
    (claim,) = claims_of(text)
    assert claim.event == event
    assert claim.condition is not None
    assert claim.condition.event == condition
    assert claim.condition.negated is negated_condition
    assert claim.negated is negated_claim
    assert claim.tense is Tense.FORWARD


def test_embedded_if_is_not_a_condition():
    (claim,) = claims_of("Japan has not decided if it will send a team.")
    assert claim.condition is None


def test_quoted_hedge_is_attributed_to_the_speaker():
    (claim,) = claims_of('"We may visit Japan next month," Trump said.')
    assert claim.event == "We visit Japan"
    assert claim.source.name == "Trump"
    assert claim.source.kind is SourceKind.OFFICIAL
    assert [(d.start, d.end) for d in claim.dates] == [(dt.date(2018, 6, 1), dt.date(2018, 6, 30))]


def test_reported_speech():
    (claim,) = claims_of("Trump said Abe would visit Washington next week.")
    assert claim.event == "Abe visit Washington"
    assert cue_names(claim) == ["would"]
    assert claim.source.kind is SourceKind.OFFICIAL
    assert [(d.start, d.end) for d in claim.dates] == [(dt.date(2018, 5, 14), dt.date(2018, 5, 20))]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("A White House spokesperson said the trip would go ahead.", SourceKind.OFFICIAL),
        ("Chief Cabinet Secretary Yoshihide Suga said Abe would attend.", SourceKind.OFFICIAL),
        ("The trip may happen, said a senior US official.", SourceKind.ANONYMOUS),
        ("According to sources, Abe may attend.", SourceKind.ANONYMOUS),
        ("Abe may attend, officials said.", SourceKind.ANONYMOUS),
        ("Trump will reportedly visit Japan.", SourceKind.HEARSAY),
        ("It is rumoured that Kim will travel to Beijing.", SourceKind.HEARSAY),
        ("Abe may attend the summit.", SourceKind.OUTLET),
        ("Kim is unlikely to give up his weapons, U.S. officials believe.", SourceKind.ANONYMOUS),
    ],
)
def test_attribution_kinds(text, kind):
    claims = claims_of(text)
    assert claims
    assert {claim.source.kind for claim in claims} == {kind}


def test_attribution_by_reference_inherits_the_source():
    text = (
        "Government sources said Abe may travel to Seoul. "
        "According to the same sources, the trip is to start on Monday. "
        "The trip could be cut short."
    )
    first, second, third = claims_of(text)
    assert first.source.name == second.source.name == "Government sources"
    assert second.source.kind is SourceKind.ANONYMOUS
    assert third.source.kind is SourceKind.OUTLET
    assert [(d.start, d.end) for d in second.dates] == [(dt.date(2018, 5, 14),) * 2]


@pytest.mark.parametrize(
    "text",
    [
        "Kim may have met Xi in Beijing last week.",
        "Trump might have known about the letter.",
        "At the meeting, Kim and Moon agreed to pursue denuclearization.",
        "Trump met Kim in Singapore.",
        "Recent weeks have seen a flurry of diplomatic action.",
        "Abe was expected to attend the April summit.",
    ],
)
def test_past_events_and_background_are_marked_past(text):
    claims = claims_of(text)
    assert claims
    assert all(claim.tense is Tense.PAST and not claim.forward for claim in claims)


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # a commitment's act lies ahead of it, whenever it was made
        ("The two unions agreed to end the strike.", True),
        ("The council agreed to rebuild the old pier.", True),
        # unless the act is keeping a course: a stance, no happening
        ("The party promised to stick with its tax plan.", False),
        ("The mayor vowed to maintain the curfew.", False),
    ],
)
def test_a_past_commitment_is_ahead_unless_it_keeps_a_course(text, forward):
    assert [claim.forward for claim in claims_of(text)] == [forward]


def test_a_plan_announced_is_live_though_the_announcing_word_is_past():
    """The plan's own clause has no tense of its own: the parse's reading outranks the past
    form of "announced"."""
    (claim,) = claims_of("The county has also announced plans to build a new ferry port.")
    assert claim.forward


def test_a_date_before_the_event_dates_the_report_not_the_event():
    claims = claims_of("The club announced last week that it would not sell the stadium.")
    assert [claim.forward for claim in claims if claim.predicate == "sell"] == [True]


def test_agreement_about_a_future_date_is_not_past():
    (claim,) = claims_of("Trump agreed to meet Kim on June 12.")
    assert claim.tense is not Tense.PAST


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("The summit will take place on June 12.", Tense.FACT),
        ("The summit is scheduled to take place in Singapore.", Tense.FACT),
        ("The summit will take place.", Tense.FORWARD),
        ("Trump will not attend the summit on June 12.", Tense.FORWARD),
        ("The summit may take place on June 12.", Tense.FORWARD),
    ],
)
def test_settled_arrangements_are_facts(text, tense):
    (claim,) = claims_of(text)
    assert claim.tense is tense


def test_month_may_is_not_the_modal():
    claims = claims_of("On May 13, officials met in Tokyo.")
    assert all("may" not in cue_names(claim) for claim in claims)


def test_bare_undecided_sentence_speaks_of_the_previous_event():
    first, second = claims_of("Trump may visit Japan. No date has been set.")
    assert second.event == first.event == "Trump visit Japan"
    assert cue_names(second) == ["no schedule has been set yet"]
    assert second.predicate_span == first.predicate_span  # the word "visit", one sentence back


def test_relative_dates_stay_open_without_an_article_date():
    (claim,) = claims_of("Abe will visit Seoul next month.", published=None)
    assert [(d.start, d.end) for d in claim.dates] == [(None, None)]


def test_records_carry_stable_fields():
    claims = claims_of("If Kim agrees, Trump will visit Japan on June 12, officials said.")
    record = claim_to_dict(claims[0])
    assert set(record) >= {
        "article_id", "sentence", "sentence_span", "event", "predicate", "predicate_span",
        "cues", "polarity", "condition", "source", "tense", "dates", "prob", "low", "high",
        "logit_mean", "logit_sd",
    }  # fmt: skip
    assert record["condition"]["event"] == "Kim agrees"
    assert record["dates"][0]["start"] == "2018-06-12"
    assert record["low"] < record["prob"] < record["high"]
    frame = claims_to_frame(claims)
    assert list(frame["cues"]) == ["will"]
    assert list(frame["source_kind"]) == ["anonymous"]


PHRASES = st.sampled_from(
    [
        "Trump", "may", "will not", "is expected to", "if", "unless", "said", "sources",
        "visit", "Japan", "on June 12", "next month", "no schedule has been set yet", ",",
        ".", "\n", '"', "the possibility of", "not yet", "Mr.", "U.S.", "whether", "According to",
        "the plan is for", "to", "taking place", "May", "have met", "reportedly", "(", ")",
    ]
)  # fmt: skip
TEXTS = st.one_of(
    st.lists(PHRASES, min_size=1, max_size=30).map(" ".join),
    st.text(min_size=1, max_size=200),
).filter(str.strip)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))))
def test_extraction_is_total_and_well_formed(text, published):
    article = Article(text, published=published)
    claims = extract_claims(article, LEXICON)
    for claim in claims:
        for start, end in (
            claim.sentence_span,
            claim.predicate_span,
            *(m.span for m in claim.cues),
            *(d.span for d in claim.dates),
        ):
            assert 0 <= start <= end <= len(text)
        assert text[slice(*claim.sentence_span)] == claim.sentence
        low, high = claim.interval(0.9)
        assert 0.0 <= low <= claim.prob <= high <= 1.0
        assert claim.event


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Figures to be published today show that exports fell last year.", "publish"),
        ("A report to be released tomorrow says prices rose sharply in 2017.", "release"),
        ("The list to be unveiled today names the ten towns flooded last winter.", "unveile"),
    ],
)
def test_a_past_date_in_a_later_clause_leaves_a_plan_ahead(text, predicate):
    """ "figures to be published today show that exports fell last year": the past date is
    the fall's, not the publishing's. (No span check: the cue's words, "to be", are no
    lexicon form of "is to", as "was to" is none.)"""
    claims = extract_claims(Article(text, published=PUBLISHED), LEXICON)
    (claim,) = [claim for claim in claims if claim.predicate == predicate]
    assert claim.tense is Tense.FORWARD
    assert cue_names(claim) == ["is to"]
