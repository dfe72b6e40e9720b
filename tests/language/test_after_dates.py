"""An event that comes after a dated happening is due after that date, not by it."""

from __future__ import annotations

import datetime as dt

import pytest

from forecast.language.extract import extract_claims
from forecast.reading.article import Article
from forecast.scenario import draft_scenario

PUBLISHED = dt.date(2024, 3, 4)

CASES = [
    ("The capsule will go on display at the museum following the June 28 flight.", "display",
     dt.date(2025, 6, 28)),
    ("The two leaders will meet after the March 20 election.", "meet", dt.date(2025, 3, 20)),
    ("The rover will be shipped home after its last drive ends on May 30.", "ship",
     dt.date(2025, 5, 30)),
    ("The port could reopen before the June 28 deadline.", "reopen", dt.date(2024, 6, 28)),
    ("After the vote, the party will pick a leader by June 28.", "pick", dt.date(2024, 6, 28)),
    ("The navy would respond within 72 hours if the drills continue.", "respond",
     dt.date(2024, 3, 7)),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "word", "due"), CASES)
def test_the_deadline_is_after_what_the_event_follows(nlp, sentence, word, due):
    del nlp  # extract_claims parses with the same model; skip when there is none
    claims = extract_claims(Article(f"Probe\n\n{sentence}\n", published=PUBLISHED))
    scenario = draft_scenario(claims, name="probe", title="Probe", as_of=PUBLISHED)
    events = [event for event in scenario.events if word in event.question]
    assert [event.deadline for event in events] == [due]
