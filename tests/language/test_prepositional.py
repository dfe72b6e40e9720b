"""Traps written for this suite: hedges taken through a preposition, a noun or an idiom
(:mod:`forecast.language.prepositional`), and the look-alikes they must leave alone."""

from __future__ import annotations

import pytest

from forecast.language.lexicon import load_lexicon
from forecast.language.predicates import read_doc
from tests.language.test_predicates import reading


@pytest.mark.parametrize(
    ("sentence", "lemma", "cue"),
    [
        # near at hand
        ("The two unions are close to calling a general strike.", "call", "likely"),
        ("Negotiators were near to signing a trade pact on Friday.", "sign", "likely"),
        ("The country is on the verge of holding fresh elections.", "hold", "likely"),
        ("The club is on track to open its new stadium in August.", "open", "likely"),
        ("The city is on track for a referendum next year.", "referendum", "likely"),
        ("The two leaders are headed for a summit in Seoul.", "summit", "likely"),
        ("The rebels are poised for an attack on the port.", "attack", "is preparing to"),
        # committed, intent, aiming, negotiating, set
        ("The government is committed to building two new reactors.", "build", "confirmed"),
        ("The firm intends upon moving its headquarters to Dublin.", "move", "intends to"),
        ("The league is aiming at expanding the season.", "expand", "aims to"),
        ("The opposition is bent on blocking the budget.", "block", "intends to"),
        ("The regulator raised fees with a view to reducing demand.", "reduce", "aims to"),
        ("The bank is in talks to acquire the insurer.", "acquire", "the possibility of"),
        ("The mayor is set for a visit to Lagos next week.", "visit", "is set to"),
        # a gerund the parser hangs on its own object, as if it described it
        ("The group is committed to reducing emissions.", "reduce", "confirmed"),
        ("The army is bent on crushing dissent.", "crush", "intends to"),
    ],
)
def test_a_governor_through_a_preposition_lends_its_cue(nlp, sentence, lemma, cue):
    """ "close to calling", "on track for a referendum", "committed to building", "bent on
    blocking", "in talks to acquire": the event is ahead under the governor's cue."""
    found = reading(nlp, sentence, lemma)
    assert cue in found.cues and found.forward and not found.negated


def test_a_negated_proximity_leans_against_the_event(nlp):
    found = reading(nlp, "The two sides are not close to reaching a deal.", "reach")
    assert "likely" in found.cues and found.negated and found.logit_mean < 0


@pytest.mark.parametrize(
    ("sentence", "lemma", "family"),
    [
        ("The concert is now in doubt.", "concert", "hedged"),
        ("The referendum is in question after the ruling.", "referendum", "hedged"),
        ("The merger is up in the air.", "merger", "open_question"),
        ("The ceasefire is hanging in the balance.", "ceasefire", "open_question"),
        ("The tournament is uncertain.", "tournament", "open_question"),
        ("The parade is on hold.", "parade", "cancellation"),
    ],
)
def test_a_predicate_of_doubt_on_an_event_leaves_it_open(nlp, sentence, lemma, family):
    """ "the concert is in doubt": doubtful, ahead; "up in the air": an open question."""
    found = reading(nlp, sentence, lemma)
    assert found.construction == family and found.forward
    if family == "hedged":
        assert "we doubt" in found.cues and found.logit_mean < 0


@pytest.mark.parametrize(
    ("sentence", "lemma", "cue"),
    [
        ("No date has been set for the referendum.", "referendum", "no schedule has been set yet"),
        ("A date for the trial has not been set.", "trial", "no schedule has been set yet"),
        ("No timetable has been given for the pullout.", "pullout", "no schedule has been set yet"),
        ("No decision has been made on the tournament.", "tournament", "no decision has been made"),
        ("Aides said no date had been set for the trip.", "trip", "no schedule has been set yet"),
    ],
)
def test_an_event_with_no_date_set_is_undecided_not_denied(nlp, sentence, lemma, cue):
    found = reading(nlp, sentence, lemma)
    assert cue in found.cues and found.forward
    assert not found.negated and found.construction != "negated"


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The village is close to the border.", "likely"),
        ("The hotel is close to the festival.", "likely"),
        ("The climbers are headed for the summit.", "likely"),
        ("It is too close to call.", "likely"),
        ("He is committed to the cause.", "confirmed"),
        ("He is set for life.", "is set to"),
        ("The closure is aimed at silencing the press.", "aims to"),
        ("He is in doubt about his future.", "we doubt"),
        ("The vote in question took place in May.", "we doubt"),
        ("The date for the vote will not change.", "no schedule has been set yet"),
    ],
)
def test_a_look_alike_lends_no_cue(nlp, sentence, cue):
    """A place ("close to the festival"), a cause, a person in doubt, a thing's purpose, a
    date kept: nothing lends the cue."""
    assert all(cue not in found.cues for found in read_doc(nlp(sentence), load_lexicon()))


def test_an_event_in_the_air_is_under_way_not_open(nlp):
    """ "up in the air" is open; "in the air" alone is a flight under way."""
    assert reading(nlp, "The flight is in the air.", "flight").construction == "plain"
