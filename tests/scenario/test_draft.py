"""Drafting a scenario from claims: one event per happening, asked as an analyst would."""

from __future__ import annotations

import datetime as dt

import pytest

from forecast.errors import InputError
from forecast.language.claim import Tense
from forecast.language.frames import claim_frames
from forecast.scenario import draft_scenario, link_claims, load_scenario, scenario_to_toml
from forecast.scenario.draft import DEFAULT_HORIZON, TODO_RESOLUTION, draft_notes
from forecast.scenario.happenings import questionable
from tests.claims import sentence_claim

PUBLISHED = dt.date(2018, 5, 13)
NAMED = sentence_claim("President Donald Trump met Kim in April.", "met", tense=Tense.PAST)
STOP = sentence_claim(
    "Trump may stop in Japan on his way back.", "stop", deadline=dt.date(2018, 6, 16)
)
TRIP = sentence_claim("A Trump trip to Japan is possible.", "trip")
TRAVEL = sentence_claim("The president could travel to Japan.", "travel")
SUMMIT = sentence_claim(
    "Trump and Kim are expected to meet in Singapore.", "meet", deadline=dt.date(2018, 6, 12)
)
CALLED_OFF = sentence_claim("Officials said Trump's visit to Japan was called off.", "called")


def draft(claims, **kwargs):
    return draft_scenario(claims, name="draft", title=kwargs.pop("title", "Draft"), **kwargs)


def test_claims_about_one_happening_in_other_words_make_one_event():
    scenario = draft([NAMED, STOP, TRIP, TRAVEL])
    assert scenario.names == ("trump_visit_japan",)
    visit = scenario["trump_visit_japan"]
    assert visit.question == "Will Donald Trump stop in Japan on his way back by 2018-06-16?"
    assert visit.deadline == dt.date(2018, 6, 16) and visit.match is None
    assert visit.resolution == TODO_RESOLUTION
    links = link_claims(scenario, [NAMED, STOP, TRIP, TRAVEL])
    assert [link.claim for link in links] == [STOP, TRIP, TRAVEL]
    assert {link.reason for link in links} == {"frame: actor+action+target"}


def test_without_a_date_the_deadline_is_the_default_horizon():
    (event,) = draft([TRIP]).events
    assert event.deadline == PUBLISHED + DEFAULT_HORIZON
    assert event.question.endswith(f"by {event.deadline.isoformat()}?")


def test_a_cancellation_joins_the_event_it_cancels_as_evidence_against_it():
    scenario = draft([STOP, CALLED_OFF])
    assert len(scenario.events) == 1
    against = [link.against for link in link_claims(scenario, [STOP, CALLED_OFF])]
    assert against == [False, True]


def test_past_background_and_attitudes_make_no_events():
    fact = sentence_claim("Trump visits Japan often.", "visits", tense=Tense.FACT)
    hope = sentence_claim("Abe hopes so.", "hopes")
    vague = sentence_claim("Many will return home.", "return")
    with pytest.raises(InputError, match=r"no forward-looking claim names a happening"):
        draft([NAMED, fact, hope, vague])
    with pytest.raises(InputError, match=r"scenario 'draft': no forward-looking claims"):
        draft([NAMED])


def test_the_happening_the_title_names_comes_first_and_max_events_caps():
    others = [sentence_claim(f"Trump may visit {place}.", "visit") for place in ("Seoul", "Hanoi")]
    scenario = draft([*others, *others, SUMMIT], title="Trump and Kim to meet in Singapore")
    assert scenario.names[0] == "kim_meet_singapore"
    assert len(draft([*others, SUMMIT], max_events=2).events) == 2


def test_a_happening_placed_after_another_requires_it():
    after = sentence_claim("Trump may stop in Japan after the summit.", "stop")
    summit = sentence_claim("The summit may take place in Singapore.", "summit")
    scenario = draft([after, summit])
    visit = next(e for e in scenario.events if e.name.startswith("trump_visit"))
    assert visit.requires == (next(e.name for e in scenario.events if e is not visit),)


def test_a_condition_on_a_drafted_happening_becomes_a_given():
    briefed = sentence_claim(
        "The team may be briefed by Washington.",
        "briefed",
        condition="Trump stop in Japan",
        condition_negated=True,
    )
    scenario = draft([STOP, briefed])
    conditional = [event for event in scenario.events if event.given is not None]
    assert [event.given for event in conditional] == ["not trump_visit_japan"]
    assert conditional[0].question.startswith(
        'Given "Trump stop in Japan on his way back" does not happen: will the team'
    )
    assert [link.event for link in link_claims(scenario, [briefed])] == [conditional[0].name]


def test_a_conditional_event_is_due_by_its_own_claims_date_when_it_names_one():
    """ "may be briefed by June 1 unless Trump stops in Japan": due June 1, not by the
    condition's own deadline (June 16)."""
    briefed = sentence_claim(
        "The team may be briefed by Washington by June 1.",
        "briefed",
        condition="Trump stop in Japan",
        condition_negated=True,
        deadline=dt.date(2018, 6, 1),
    )
    conditional = next(e for e in draft([STOP, briefed]).events if e.given is not None)
    assert conditional.deadline == dt.date(2018, 6, 1)
    assert conditional.question.endswith("by 2018-06-01?")


def test_the_draft_loads_back_and_links_the_same_claims(tmp_path):
    claims = [NAMED, STOP, TRIP, SUMMIT, CALLED_OFF]
    scenario = draft(claims, as_of=PUBLISHED)
    path = tmp_path / "draft.toml"
    path.write_text(scenario_to_toml(scenario, notes=draft_notes(scenario, claims)))
    back = load_scenario(path)
    assert back.events == scenario.events and back.as_of == PUBLISHED
    assert link_claims(back, claims) == link_claims(scenario, claims)
    assert "# from (against): Officials said" in path.read_text()


def test_appeals_past_statements_and_facts_dated_before_publication_make_no_events():
    appeal = sentence_claim("Chavez urged the leaders to stay calm.", "stay")
    filed = sentence_claim("Martin filed paperwork last month to run for president.", "filed")
    dated = sentence_claim(
        "It is dated October 6, 2006.",
        "dated",
        tense=Tense.FACT,
        start=dt.date(2006, 10, 6),
        deadline=dt.date(2006, 10, 6),
    )
    with pytest.raises(InputError, match=r"no forward-looking claim names a happening"):
        draft([appeal, filed, dated])
    assert draft([appeal, STOP]).names == ("trump_visit_japan",)


def test_a_happening_whose_question_no_claim_links_to_is_dropped():
    misread = sentence_claim(
        "He said that Mugabe's ZANU-PF party couldn't risk going it alone, as Tsvangirai "
        "has a stronger claim to legitimacy as his party won the elections in March 2008.",
        "going",
    )
    scenario = draft([misread, STOP])
    assert scenario.names == ("trump_visit_japan",)


def test_a_condition_that_is_only_a_wish_is_no_condition():
    wish = sentence_claim(
        "Georgia will become a NATO member if it wants to.", "become", condition="it wants to"
    )
    scenario = draft([wish])
    assert [event.given for event in scenario.events] == [None]
    assert [link.event for link in link_claims(scenario, [wish])] == list(scenario.names)


@pytest.mark.parametrize(
    ("mark", "condition", "given"),
    [
        ("if", "the talks with the exporters collapse", True),
        ("if", "the dispute continues", False),
        ("as long as", "the exporters dump their steel", False),
    ],
)
def test_a_condition_that_only_goes_on_with_the_present_course_is_no_condition(
    mark, condition, given
):
    """ "if the dispute continues" is the expected course: the claim is asked as it stands;
    a condition that names a change of its own stays one."""
    sentence = f"Canada may threaten the exporters with heavy fines {mark} {condition}."
    threat = sentence_claim(sentence, "threaten", condition=condition)
    assert questionable(threat, claim_frames([threat])[0]) is not given


def test_an_act_a_threat_is_made_with_is_the_threateners():
    """ "threatened the officials with travel bans": the bans are the threatener's, and the
    question names who would impose them."""
    sentence = "Brazil has threatened the two ministers with a travel ban."
    frame = claim_frames([sentence_claim(sentence, "ban")])[0]
    assert (frame.actor, frame.action) == ("brazil", "ban")
    assert frame.body == "Brazil's travel ban take place"


def test_a_happening_that_only_times_another_starts_no_happening():
    sentence = "The council will not approve the budget until the mayor is consulted."
    timed = sentence_claim(sentence, "consulted")
    assert not questionable(timed, claim_frames([timed])[0])


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            ("The Green Party will take part in the coalition.", "take"),
            ("The Green Party may withdraw from the coalition.", "withdraw"),
        ),
        (
            ("The union is expected to join the talks.", "join"),
            ("The union could leave the talks.", "leave"),
        ),
        (
            ("Ankara may withdraw from the pact.", "withdraw"),
            ("Ankara is expected to join the pact.", "join"),
        ),
    ],
)
def test_undoing_a_happening_joins_it_as_evidence_against_it(first, second):
    claims = [sentence_claim(*first), sentence_claim(*second)]
    scenario = draft(claims)
    assert len(scenario.events) == 1
    links = [(link.against, link.reason) for link in link_claims(scenario, claims)]
    assert links == [
        (False, "frame: actor+action+target"),
        (True, "frame: actor+opposite action+target"),
    ]


@pytest.mark.parametrize(
    ("sentence", "predicate", "asked"),
    [
        ("The jury's verdict will be announced on Friday.", "announced", True),
        ("Ms Okafor may be declared the winner of the mayoral race.", "declared", True),
        ("The shortlist is expected to be revealed next week.", "revealed", True),
        ("The new prices will be published in May.", "published", True),
        ("The figures will be announced by the statistics office on Friday.", "announced", False),
        ("The new rules will be said to be fair.", "said", False),
    ],
)
def test_a_report_in_the_passive_naming_only_what_it_reports_is_a_happening(
    sentence, predicate, asked
):
    """A verdict being announced is news that comes out or not; a report by a named
    reporter is their statement, and an attitude in the passive no happening."""
    claim = sentence_claim(sentence, predicate)
    assert questionable(claim, claim_frames([claim])[0]) is asked


def test_a_report_in_the_passive_is_asked_with_what_it_reports_as_subject():
    claim = sentence_claim(
        "Polls close at noon, with the count due to be announced on 4 June.",
        "announced",
        deadline=dt.date(2018, 6, 4),
    )
    (event,) = draft([claim]).events
    assert event.question == "Will the count be announced by 2018-06-04?"


@pytest.mark.parametrize(
    ("sentence", "predicate"),
    [
        ("The new weather satellite will be positioned next month.", "positioned"),
        ("These reforms will cut hospital waiting lists.", "cut"),
    ],
)
def test_a_happening_whose_question_an_analyst_would_have_to_repair_is_dropped(sentence, predicate):
    with pytest.raises(InputError, match="no forward-looking claim names a happening"):
        draft([sentence_claim(sentence, predicate)])


def test_a_sentence_opening_preposition_is_worded_in_lower_case_inside_the_question():
    claim = sentence_claim("Without reforms, the currency will collapse.", "collapse")
    assert draft([claim]).events[0].question.startswith("Will the currency collapse without")


def test_a_happening_under_a_condition_no_question_can_word_is_asked_without_it():
    claim = sentence_claim(
        "The dockers may call a national strike.", "call", condition="the rule Labour's new leader"
    )
    events = draft([claim]).events
    assert [(event.question.split(" by ")[0], event.given) for event in events] == [
        ("Will a national strike take place", None)
    ]
