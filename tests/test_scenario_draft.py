"""Drafting a scenario from claims: events, names, questions, rules, conditions, round trip."""

from __future__ import annotations

import datetime as dt

import pytest

from forecast.errors import InputError
from forecast.language.claim import Tense
from forecast.scenario import draft_scenario, link_claim, load_scenario, scenario_to_toml
from forecast.scenario.draft import TODO_RESOLUTION, content_words, draft_notes
from tests.claims import make_claim

VISIT = make_claim(
    "President Trump stop in Japan on his way back",
    predicate="stop",
    deadline=dt.date(2018, 6, 16),
    sentence="Trump may stop in Japan on his way back.",
)
VISIT_AGAIN = make_claim("Trump stops in Japan on his way back", predicate="stops")
G7 = make_claim("Abe and Trump meet at the G7 summit in Canada", predicate="meet")
BRIEFED = make_claim(
    "the group be briefed on the summit",
    predicate="be briefed",
    condition="President Trump visit Japan afterward",
    condition_negated=True,
)
PAST = make_claim("Kim and Moon met in April", predicate="met", tense=Tense.PAST)


@pytest.fixture
def claims():
    return [VISIT, G7, VISIT_AGAIN, BRIEFED, PAST]


def test_one_event_per_distinct_claimed_event(claims):
    scenario = draft_scenario(claims, name="draft", title="Draft")
    assert scenario.names == ("stop_japan", "meet_g7_summit", "trump_visit_japan", "briefed_summit")
    visit = scenario["stop_japan"]
    assert visit.question == "Will President Trump stop in Japan on his way back?"
    assert visit.resolution == TODO_RESOLUTION and "TODO: curate" in visit.resolution
    assert visit.match.all_of == (("trump",), ("stop",), ("japan",))
    assert visit.deadline == dt.date(2018, 6, 16)
    assert visit.given is None and not visit.derived


def test_a_condition_without_a_matching_event_becomes_a_new_event_and_a_given(claims):
    scenario = draft_scenario(claims, name="draft", title="Draft")
    briefed = scenario["briefed_summit"]
    assert briefed.given == "not trump_visit_japan"
    assert briefed.question.startswith("Given not trump_visit_japan: will the group")
    condition = scenario["trump_visit_japan"]
    assert condition.match.all_of == (("trump",), ("visit",), ("japan",))
    assert condition.question == "Will President Trump visit Japan afterward?"
    assert condition.given is None


def test_noun_phrases_are_asked_about_as_happenings():
    plain = make_claim("a Trump visit to Japan", predicate="visit")
    verbless = make_claim("the summit scheduled for June 12", predicate="schedule")
    scenario = draft_scenario([plain, verbless], name="draft", title="Draft")
    assert [event.question for event in scenario.events] == [
        "Will a Trump visit to Japan happen?",
        "Will the summit scheduled for June 12 happen?",
    ]


def test_a_condition_that_matches_a_drafted_event_becomes_its_given():
    visit = make_claim("Trump visit Japan", predicate="visit")
    briefed = make_claim("officials brief Abe", condition="Trump visits Japan after the summit")
    scenario = draft_scenario([visit, briefed], name="draft", title="Draft")
    assert scenario.names == ("visit_japan", "officials_brief_abe")
    assert scenario["officials_brief_abe"].given == "visit_japan"


def test_every_forward_claim_links_to_the_event_drafted_from_it(claims):
    scenario = draft_scenario(claims, name="draft", title="Draft")
    assert link_claim(scenario, VISIT) == link_claim(scenario, VISIT_AGAIN) == "stop_japan"
    assert link_claim(scenario, G7) == "meet_g7_summit"
    assert link_claim(scenario, BRIEFED) == "briefed_summit"
    assert link_claim(scenario, PAST) is None
    notes = draft_notes(scenario, claims)
    assert notes["stop_japan"] == (f"from: {VISIT.sentence}", f"from: {VISIT_AGAIN.sentence}")


def test_the_draft_loads_back_and_names_are_unique(tmp_path):
    same_event = make_claim("Trump stop in Japan again soon", predicate="stop")
    three = make_claim("Trump stop in Japan, Korea and China", predicate="stop")
    two = make_claim("Trump stop in Japan and Korea", predicate="stop")
    scenario = draft_scenario(
        [VISIT, same_event, three, two, BRIEFED],
        name="draft",
        title="Draft",
        as_of=dt.date(2018, 5, 13),
    )
    assert len(set(scenario.names)) == len(scenario.names)
    assert scenario.names[:3] == ("stop_japan", "stop_japan_korea", "stop_japan_korea_2")
    path = tmp_path / "draft.toml"
    path.write_text(scenario_to_toml(scenario, notes=draft_notes(scenario, [VISIT])))
    back = load_scenario(path)
    assert back.events == scenario.events and back.as_of == dt.date(2018, 5, 13)


def test_content_words_drop_function_words_and_titles():
    assert content_words("Prime Minister Abe will meet President Trump") == ("abe", "meet", "trump")
    assert content_words("it will be") == ("it", "will", "be")  # nothing left: keep all words


def test_no_forward_claims_is_an_error():
    with pytest.raises(InputError, match=r"scenario 'draft': no forward-looking claims"):
        draft_scenario([PAST], name="draft", title="Draft")
    with pytest.raises(InputError, match=r"scenario 'bad name': key 'name': must be a name"):
        draft_scenario([VISIT], name="bad name", title="Draft")
