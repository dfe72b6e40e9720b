"""Reading questions back: the body a question asks about and the faults of its wording."""

from __future__ import annotations

import pytest

from forecast.language.question_form import FAULTS, question_faults
from forecast.language.questions import question_body


def test_the_body_is_the_clause_after_will_without_its_deadline():
    assert question_body("Given not a_b: will Lima ban cars by 2030-01-01?") == "Lima ban cars"


@pytest.mark.parametrize(
    "question",
    [
        "Will the city council approve the new budget by 2030-01-01?",
        "Will Peru and Chile sign a fishing treaty by 2030-01-01?",
        "Will the old bridge be closed to lorries by 2030-01-01?",
        "Will the mayor be declared the winner by 2030-01-01?",
        "Will the satellite be positioned over Africa by 2030-01-01?",
        "Will the team play in The Hague by 2030-01-01?",
    ],
)
def test_a_question_that_says_who_does_what_has_no_fault(question):
    assert question_faults(question) == ()


@pytest.mark.parametrize(
    ("question", "fault"),
    [
        ("Will be given a new house in the suburbs by 2030-01-01?", "no subject"),
        ("Will the plan the union's leader by 2030-01-01?", "no verb"),
        ("Will the rule Labour's new candidate by 2030-01-01?", "no subject"),
        ("Will they close the border by 2030-01-01?", "pronoun subject"),
        ("Will this reform reduce waiting lists by 2030-01-01?", "pronoun subject"),
        ("Will those talks resume by 2030-01-01?", "pronoun subject"),
        ("Will the mayor be declared by 2030-01-01?", "missing complement"),
        ("Will the new satellite be positioned by 2030-01-01?", "missing complement"),
        ("Given lima_ban_cars: will Quito ban cars by 2030-01-01?", "slug"),
        ("Will Peru build what the biggest dam in Asia by 2030-01-01?", "wh-word"),
        ("Will the currency fall Without support by 2030-01-01?", "capitalised function word"),
    ],
)
def test_a_question_an_analyst_would_have_to_repair_has_its_fault(question, fault):
    assert fault in FAULTS
    assert fault in question_faults(question)
