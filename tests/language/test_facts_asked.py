"""Traps written for this suite: an open question about a past event or a present state is no
forecast (:mod:`forecast.language.facts_asked`); one about an event still ahead is."""

from __future__ import annotations

import pytest

from forecast.language.lexicon import load_lexicon
from tests.language.extract_helpers import forward_claims

LEXICON = load_lexicon()


def forward_predicates(text: str) -> list[str]:
    return [claim.predicate for claim in forward_claims(text, LEXICON)]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Inspectors are checking whether the driver is actually a resident.", "resident"),
        ("Police are trying to establish whether she used a knife.", "use"),
        ("Nobody knows whether the minister has resigned.", "resign"),
        ("The lawyer wanted to know if the judge is under investigation.", "investigation"),
        ("It is unclear whether the bridge was damaged in the storm.", "damage"),
    ],
)
def test_a_question_of_fact_is_not_forward(nlp, text, asked):
    del nlp
    assert not any(asked in predicate for predicate in forward_predicates(text))


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Nobody knows whether the talks will resume.", "resume"),
        ("The board is deciding whether to hold a vote.", "hold"),
        ("It is unclear whether the firm appeals the ruling.", "appeal"),
        ("It is unclear if the minister could resign over the affair.", "resign"),
    ],
)
def test_a_question_of_an_event_ahead_stays_forward(nlp, text, asked):
    del nlp
    assert any(asked in predicate for predicate in forward_predicates(text))
