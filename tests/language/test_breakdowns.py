"""Cancellations worded as a breakdown or a retreat: the reader, the claims, the links.

The sentences are written for these tests. The reader's family on each construction is in
``trap_cases.py``; here: who ends what (:func:`~forecast.language.breakdowns.ender`), the
claims extraction makes of them, and the direction they link to a question.
"""

from __future__ import annotations

import datetime as dt

import pytest

from forecast.language.breakdowns import ender
from forecast.language.extract import extract_claims
from forecast.language.lexicon import load_lexicon
from forecast.reading.article import Article
from forecast.scenario import Event, Scenario
from forecast.scenario.link import link_all
from tests.language.test_predicates import reading

PUBLISHED = dt.date(2026, 12, 1)
DEADLINE = dt.date(2027, 6, 30)


def word(doc, text: str):
    return next(token for token in doc if token.text == text)


@pytest.mark.parametrize(
    ("sentence", "noun", "verb"),
    [
        ("The talks broke down in March.", "talks", "broke"),
        ("The quarrel scuttled the merger.", "merger", "scuttled"),
        ("The buyers walked away from the deal.", "deal", "walked"),
        ("The town shelved its proposal for a parade.", "proposal", "shelved"),
    ],
)
def test_the_verb_that_ends_an_event_or_plan(nlp, sentence, noun, verb):
    doc = nlp(sentence)
    assert ender(word(doc, noun)).i == word(doc, verb).i


@pytest.mark.parametrize(
    ("sentence", "noun"),
    [
        ("The bridge collapsed after the flood.", "bridge"),  # no happening
        ("The quarrel scuttled the merger.", "quarrel"),  # the doer, not what is ended
        ("The strike scuttled the merger.", "strike"),  # an eventive doer too
        ("The town announced its proposal for a parade.", "proposal"),  # no cancel verb
        ("The troops withdrew from the city.", "city"),  # no plan to withdraw
    ],
)
def test_nothing_ends_what_is_no_event_or_no_plan_called_off(nlp, sentence, noun):
    assert ender(word(nlp(sentence), noun)) is None


def test_a_hedged_cancel_verb_keeps_its_hedge_on_the_plan(nlp):
    found = reading(nlp, "The senator may drop her bid to run for governor.", "run")
    assert (found.construction, found.cues, found.forward) == ("cancellation", ("may",), True)


def test_a_doubled_past_the_lemmatizer_cut_short_still_cancels(nlp):
    found = reading(nlp, "The company has cancelled plans to build the plant.", "build")
    assert found.construction == "cancellation"  # "cancelled" read as "cancelle"


def test_a_postponed_plan_is_still_ahead_and_against(nlp):
    found = reading(nlp, "The council postponed its plan to close the library until May.", "close")
    assert (found.construction, found.forward) == ("cancellation", True)
    assert found.logit_mean < 0


def claims_of(text: str):
    return extract_claims(Article(text, published=PUBLISHED), load_lexicon())


@pytest.mark.parametrize(
    ("text", "question", "against"),
    [
        (
            "Acme abandoned plans to build a plant in Ohio.",
            "Will Acme build a plant in Ohio by 2027-06-30?",
            True,
        ),
        ("Kim's visit to Seoul fell through.", "Will Kim visit Seoul by 2027-06-30?", True),
        (
            "The government pulled back from its plan to sell the airline.",
            "Will the government sell the airline by 2027-06-30?",
            True,
        ),
        (
            "Acme did not abandon plans to build a plant in Ohio.",
            "Will Acme build a plant in Ohio by 2027-06-30?",
            False,
        ),
    ],
)
def test_a_cancellation_links_against_the_question_of_its_event(text, question, against):
    claims = claims_of(text)
    event = Event("e", question, "R", DEADLINE)
    links = [link for link in link_all(Scenario("s", "s", (event,)), claims) if link]
    assert len(links) == 1 and links[0].claim.forward
    assert (links[0].logit < 0) is against


def test_an_act_stopped_short_of_is_no_forward_claim_for_it():
    claims = claims_of("The mayor stopped short of calling for a recount.")
    assert not [claim for claim in claims if claim.forward and claim.logit_mean > 0]


def test_a_claim_stopped_short_of_is_left_open_not_denied(nlp):
    found = reading(nlp, "The mayor stopped short of saying the mill will shut.", "shut")
    assert (found.construction, found.forward) == ("open_question", True)
