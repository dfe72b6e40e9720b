"""A date the parse hangs from a claim's predicate is the claim's, wherever it sits in the
sentence; a date hanging from another verb or noun never is."""

from __future__ import annotations

import datetime as dt

import pytest

from forecast.language.extract import extract_claims
from forecast.reading.article import Article
from forecast.scenario import draft_scenario
from tests.language.extract_helpers import only

PUBLISHED = dt.date(2024, 3, 4)

ATTACHED = [
    ("The navy would respond, forcefully, within 72 hours if the drills continue.", "respond",
     "within 72 hours"),
    ("The airline could, as early as next month, cut its routes to the islands.", "cut",
     "next month"),
    ("Within two weeks, the company will announce the winner.", "announce", "Within two weeks"),
]  # fmt: skip

ELSEWHERE = [
    ("The army said on Monday that it would attack the depot.", "attack"),
    ("After the vote on Tuesday, the party may split.", "split"),
    ("The mayor, speaking on Monday, said the bridge would reopen.", "reopen"),
    ("Talks will resume, both sides agreed on Wednesday.", "resume"),
]


def _claims(sentence: str):
    return extract_claims(Article(f"Probe\n\n{sentence}\n", published=PUBLISHED))


@pytest.mark.parametrize(("sentence", "predicate", "date"), ATTACHED)
def test_a_date_hanging_from_the_predicate_is_the_claims(nlp, sentence, predicate, date):
    del nlp  # extract_claims parses with the same model; skip when there is none
    claim = only(_claims(sentence), event=predicate)
    assert [mention.text for mention in claim.dates] == [date]


@pytest.mark.parametrize(("sentence", "predicate"), ELSEWHERE)
def test_a_date_hanging_from_another_word_is_not(nlp, sentence, predicate):
    del nlp
    claim = only(_claims(sentence), event=predicate)
    assert claim.dates == ()


def test_the_drafted_event_is_due_by_the_attached_date(nlp):
    del nlp
    claims = _claims(ATTACHED[0][0])
    scenario = draft_scenario(claims, name="probe", title="Probe", as_of=PUBLISHED)
    respond = next(event for event in scenario.events if "respond" in event.question)
    assert respond.deadline == PUBLISHED + dt.timedelta(days=3)
