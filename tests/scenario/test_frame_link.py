"""Linking by frame: events written as plain questions, link reasons, deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from forecast.errors import InputError
from forecast.scenario import Event, MatchRule, Scenario, link_claims, loads_scenario
from forecast.scenario.link import link_all
from tests.claims import sentence_claim

NAMED = sentence_claim("President Donald Trump spoke on Sunday.", "spoke")
STOP = sentence_claim("The president may stop in Japan on his way back.", "stop")
TRIP = sentence_claim("A Trump trip to Seoul is possible.", "trip")
TALKS = sentence_claim("Abe and Trump will hold talks in Canada.", "hold")
CALLED_OFF = sentence_claim("Officials said Trump's visit to Japan was called off.", "called")


def questions(*events: Event) -> Scenario:
    return Scenario("plain", "Plain questions", events)


VISIT = Event("visit", "Will Trump visit Japan by 2018-06-30?", "R", dt.date(2018, 6, 30))
MEET = Event("meet", "Will Abe and Trump meet by 2018-06-09?", "R", dt.date(2018, 6, 9))


def test_an_event_without_match_rules_links_by_its_question():
    links = link_claims(questions(VISIT, MEET), [NAMED, STOP, TRIP, TALKS, CALLED_OFF])
    found = [(link.claim, link.event, link.against, link.reason) for link in links]
    assert found == [
        (STOP, "visit", False, "frame: actor+action+target"),
        (TALKS, "meet", False, "frame: actor+action"),
        (CALLED_OFF, "visit", True, "frame: actor+action+target"),
    ]  # the trip to Seoul is another happening: no link


def test_a_claim_dated_after_the_deadline_does_not_count():
    late = sentence_claim(
        "Trump may visit Japan in August.",
        "visit",
        start=dt.date(2018, 8, 1),
        deadline=dt.date(2018, 8, 31),
    )
    early = sentence_claim("Trump may visit Japan in June.", "visit", deadline=dt.date(2018, 6, 20))
    assert link_all(questions(VISIT), [late, early])[0] is None
    assert link_all(questions(VISIT), [early])[0].event == "visit"
    keyword = Event("visit", VISIT.question, "R", VISIT.deadline, match=MatchRule((("visit",),)))
    assert link_all(questions(keyword), [late, early])[0] is None  # match rules too


def test_match_rules_override_frames_and_say_so():
    keyword = Event("trip", "Will Trump go anywhere?", "R", match=MatchRule((("seoul",),)))
    links = link_claims(questions(VISIT, keyword), [TRIP, STOP])
    # "the president" with no president named before is not Trump: no link
    assert [(link.event, link.reason) for link in links] == [("trip", "match: all_of")]


def test_a_conditional_event_takes_claims_whose_condition_is_its_given_event():
    briefed = Event("briefed", "Will the team be briefed by Washington?", "R", given="not visit")
    claim = sentence_claim(
        "The team may be briefed by Washington.",
        "briefed",
        condition="Trump visit Japan",
        condition_negated=True,
    )
    same_side = sentence_claim(
        "The team may be briefed by Washington.", "briefed", condition="Trump visit Japan"
    )
    assert [link.event for link in link_all(questions(VISIT, briefed), [claim])] == ["briefed"]
    assert link_all(questions(VISIT, briefed), [same_side]) == (None,)


def test_the_scenario_can_name_an_actor_s_aliases(tmp_path):
    from forecast.scenario import load_scenario, scenario_to_toml

    text = (
        'name = "plain"\ntitle = "Plain"\n\n[actors]\nTrump = ["the US president"]\n\n'
        '[events.visit]\nquestion = "Will Trump visit Japan by 2018-06-30?"\nresolution = "R"\n'
    )
    path = tmp_path / "plain.toml"
    path.write_text(text, encoding="utf-8")
    scenario = load_scenario(path)
    assert scenario.actors == (("Trump", ("the US president",)),)
    claim = sentence_claim("The US president may visit Japan.", "visit")
    assert link_all(scenario, [claim])[0].reason == "frame: actor+action+target"
    assert link_all(questions(VISIT), [claim]) == (None,)  # without the alias: another actor
    path.write_text(scenario_to_toml(scenario), encoding="utf-8")
    assert load_scenario(path) == scenario


def test_actors_must_be_a_table_of_lists():

    text = 'name = "x"\ntitle = "X"\nactors = ["Trump"]\n'
    text += '[events.a]\nquestion = "Q?"\nresolution = "R"\n'
    with pytest.raises(InputError, match=r"key 'actors': must be a table of names and aliases"):
        loads_scenario(text)


@pytest.mark.parametrize(
    ("question", "sentence", "predicate"),
    [
        (
            "Will Lena Ortiz stand in the party leadership contest by 2031-01-31?",
            "Lena Ortiz is expected to run in the party leadership contest.",
            "run",
        ),
        (
            "Will Ruritanian troops withdraw from the valley by 2031-01-31?",
            "Ruritanian forces may withdraw from the valley next month.",
            "withdraw",
        ),
    ],
)
def test_a_claim_in_other_words_links_to_the_question(question, sentence, predicate):
    claim = sentence_claim(sentence, predicate)
    event = Event("asked", question, "R", dt.date(2031, 1, 31))
    assert [link.event for link in link_claims(questions(event), [claim])] == ["asked"]


@pytest.mark.parametrize(
    ("question", "sentence", "predicate", "against"),
    [
        (
            "Will Ruritania impose an export ban on grain by 2031-01-31?",
            "Ruritania may ban grain exports next month.",
            "ban",
            False,
        ),
        (
            "Will Ruritania impose sanctions on Borduria by 2031-01-31?",
            "Ruritania is likely to sanction Borduria over the border dispute.",
            "sanction",
            False,
        ),
        (
            "Will the dockers' union end its strike by 2031-01-31?",
            "The dockers' union will strike again on Monday.",
            "strike",
            True,
        ),
    ],
)
def test_a_verb_naming_the_happening_as_its_object_links(question, sentence, predicate, against):
    claim = sentence_claim(sentence, predicate)
    event = Event("asked", question, "R", dt.date(2031, 1, 31))
    links = link_claims(questions(event), [claim])
    assert [(link.event, link.against) for link in links] == [("asked", against)]
    assert links[0].reason.startswith("frame: actor+object action")


@pytest.mark.parametrize(
    ("question", "sentence", "predicate"),
    [
        (
            "Will Ruritania host a trade conference by 2031-01-31?",
            "Ruritania will ban grain exports next month.",
            "ban",
        ),
        (  # holding elections is the elections; monitoring them is another happening
            "Will Ruritania hold general elections by 2031-01-31?",
            "Ruritania will monitor the elections closely.",
            "monitor",
        ),
    ],
)
def test_a_verb_whose_object_is_another_happening_does_not_link(question, sentence, predicate):
    claim = sentence_claim(sentence, predicate)
    event = Event("asked", question, "R")
    assert link_claims(questions(event), [claim]) == ()


@pytest.mark.parametrize(
    ("sentence", "predicate", "against"),
    [
        ("The fishermen's blockade will continue through the winter.", "continue", True),
        ("The fishermen's blockade may end on Friday.", "end", False),
    ],
)
def test_a_happening_that_goes_on_or_ends_as_a_subject_links(sentence, predicate, against):
    claim = sentence_claim(sentence, predicate)
    event = Event("asked", "Will the fishermen stop their blockade by 2031-01-31?", "R")
    links = link_claims(questions(event), [claim])
    assert [(link.event, link.against, link.reason) for link in links] == [
        ("asked", against, "frame: subject action+target")
    ]
