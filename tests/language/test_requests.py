"""Traps written for this suite: asking, encouraging or inviting someone to act is an appeal
(:mod:`forecast.language.requests`); asking with no one asked, or asking for a thing, is not."""

from __future__ import annotations

import pytest

from forecast.language.lexicon import load_lexicon
from tests.language.extract_helpers import forward_claims

LEXICON = load_lexicon()


def appealed(text: str) -> list[tuple[str, bool]]:
    """The predicates read as appeals, each with whether the appeal is against the act."""
    claims = forward_claims(text, LEXICON)
    return [(c.predicate, c.negated) for c in claims if c.construction == "appeal"]


@pytest.mark.parametrize(
    ("text", "act", "against"),
    [
        ("The nurses asked the hospital board not to close the maternity ward.", "close", True),
        ("The coach is encouraging young players to join the summer camp.", "join", False),
        ("Local residents have begun asking the council to rebuild the bridge.", "rebuild", False),
        ("The museum invited schools to visit the new wing.", "visit", False),
        ("The farmers signed a letter, asking the ministry to lower the fuel tax.", "low", False),
        ("The doctors are encouraging patients not to skip their check-ups.", "skip", True),
    ],
)
def test_a_request_to_someone_calls_for_the_act(nlp, text, act, against):
    del nlp
    assert any(act in predicate and negated == against for predicate, negated in appealed(text))


@pytest.mark.parametrize(
    "text",
    [
        "The reporter asked a question to clarify the timetable.",  # what the asking was for
        "The driver asked to see the receipt.",  # nobody asked: the asker's own wish
        "The guest was asked to leave the party.",  # a passive: whoever asked is not said
        "She asked whether the shop would open.",  # a question, no infinitive
    ],
)
def test_asking_with_no_addressee_is_no_appeal(nlp, text):
    del nlp
    assert appealed(text) == []
