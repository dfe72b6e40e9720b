"""Traps written for this suite: "have to" under a future or modal is an obligation whose
infinitive is the event ahead (:mod:`forecast.language.semi_modals`); "have to" on a state,
or negated, is not."""

from __future__ import annotations

import pytest

from forecast.language.lexicon import load_lexicon
from tests.language.extract_helpers import forward_claims

LEXICON = load_lexicon()


def forward_predicates(text: str) -> list[str]:
    return [claim.predicate for claim in forward_claims(text, LEXICON)]


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("The council will have to find new money for the library.", "find"),
        ("Voters in the district will have to choose a new mayor.", "choose"),
        ("Under the plan, the club would have to sell its stadium.", "sell"),
    ],
)
def test_have_to_under_a_future_puts_the_act_ahead(nlp, text, act):
    del nlp
    assert act in forward_predicates(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("For the theory to hold, the old measurements would have to be wrong.", "wrong"),
        ("The council had to find new money for the library.", "find"),
        ("Tenants will not have to pay the new fee.", "pay"),
    ],
)
def test_have_to_on_a_state_past_or_negated_puts_no_act_ahead(nlp, text, word):
    del nlp
    assert word not in forward_predicates(text)
