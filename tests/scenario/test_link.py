"""Linking claims to events: phrases, inflections, conditions, specificity, past claims."""

from __future__ import annotations

import dataclasses

import pytest

from forecast.language.claim import Tense
from forecast.scenario import (
    Event,
    Evidence,
    MatchRule,
    Scenario,
    link_claim,
    link_claims,
    phrase_matches,
    unlinked_claims,
)
from forecast.scenario.words import stem
from tests.claims import make_claim


def rule(*groups: tuple[str, ...], none_of: tuple[str, ...] = ()) -> MatchRule:
    return MatchRule(all_of=tuple(groups), none_of=none_of)


@pytest.fixture
def scenario() -> Scenario:
    return Scenario(
        "demo",
        "Demo",
        (
            Event("summit", "Q?", "R", match=rule(("summit",), ("singapore",), none_of=("japan",))),
            Event("g7", "Q?", "R", match=rule(("meet",), ("g7",))),
            Event("visit", "Q?", "R", match=rule(("trump",), ("visit", "stop"), ("japan",))),
            Event("call", "Q?", "R", given="not visit", match=rule(("brief",))),
            Event(
                "call_if_summit",
                "Q?",
                "R",
                given="summit and not visit",
                match=MatchRule(all_of=(("brief",),), condition=(("summit",),)),
            ),
            Event("briefed", "Q?", "R", expr="visit or call"),
            Event("unmatched", "Q?", "R"),
        ),
    )


@pytest.mark.parametrize(
    ("forms", "base"),
    [
        (("visit", "visits", "visited", "visiting"), "visit"),
        (("meet", "meets", "met", "meeting"), "meet"),
        (("stop", "stops", "stopped", "stopping"), "stop"),
        (("brief", "briefs", "briefed", "briefing"), "brief"),
        (("raise", "raises", "raised", "raising"), "raise"),
        (("send", "sends", "sent", "sending"), "send"),
    ],
)
def test_simple_inflections_share_a_stem(forms, base):
    assert {stem(form) for form in forms} == {stem(base)}


@pytest.mark.parametrize(
    ("text", "groups", "none_of", "expected"),
    [
        ("President TRUMP Visited Japan", [["trump"], ["visit"], ["japan"]], [], True),
        ("Trump is visiting Japan", [["visits"]], [], True),
        ("Abe and Trump met in Canada", [["meeting"]], [], True),
        ("Japanese officials will travel", [["japan"]], [], False),  # whole words only
        ("the liaison team", [["liaison team"]], [], True),
        ("the team of liaison officers", [["liaison team"]], [], False),  # phrases are contiguous
        ("Trump visits Japan", [["trump"], ["korea"]], [], False),  # every group must match
        ("Trump visits Japan", [["trump"]], ["japan"], False),  # none_of vetoes
    ],
)
def test_phrase_matching(text, groups, none_of, expected):
    assert phrase_matches(text, groups, none_of) is expected


def test_claims_link_to_the_event_whose_rule_matches(scenario):
    visit = make_claim("President Trump stop in Japan on his way back")
    g7 = make_claim("Abe and Trump meet on the sidelines of the G7 summit")
    summit = make_claim("the summit take place in Singapore")
    none = make_claim("the two leaders reaffirm cooperation")
    evidence = link_claims(scenario, [visit, g7, summit, none])
    assert evidence == (Evidence("visit", visit), Evidence("g7", g7), Evidence("summit", summit))
    assert unlinked_claims(scenario, [visit, g7, summit, none]) == (none,)


def test_past_claims_are_never_linked(scenario):
    past = make_claim("Trump visited Japan", tense=Tense.PAST)
    fact = make_claim("Trump stop in Japan", tense=Tense.FACT)
    assert link_claim(scenario, past) is None
    assert link_claim(scenario, fact) == "visit"
    assert unlinked_claims(scenario, [past, fact]) == (past,)


def test_a_conditional_claim_informs_only_the_conditional_event(scenario):
    conditional = make_claim(
        "the group be briefed on the summit",
        condition="President Trump visit Japan afterward",
        condition_negated=True,
    )
    assert link_claim(scenario, conditional) == "call"
    # the same claim without its condition informs no marginal event
    assert link_claim(scenario, make_claim("the group be briefed on the summit")) is None


def test_the_condition_polarity_must_agree_with_given(scenario):
    wrong_polarity = make_claim(
        "the group be briefed", condition="Trump visit Japan", condition_negated=False
    )
    assert link_claim(scenario, wrong_polarity) is None


def test_a_condition_that_matches_no_given_event_links_nowhere(scenario):
    unrelated = make_claim("the group be briefed", condition="it rains", condition_negated=True)
    assert link_claim(scenario, unrelated) is None


def test_a_conditional_claim_never_informs_a_marginal_event(scenario):
    claim = make_claim("Trump stop in Japan", condition="the summit take place in Singapore")
    assert link_claim(scenario, claim) is None


def test_an_explicit_condition_rule_serves_a_compound_given(scenario):
    claim = make_claim("officials brief Japan", condition="the summit happens")
    assert link_claim(scenario, claim) == "call_if_summit"
    negated = make_claim(
        "officials brief Japan", condition="the summit happens", condition_negated=True
    )
    assert link_claim(scenario, negated) is None


def test_the_most_specific_rule_wins_and_ties_go_to_the_first_event():
    events = (
        Event("broad", "Q?", "R", match=rule(("trump",))),
        Event("narrow", "Q?", "R", match=rule(("trump",), ("japan",))),
        Event("also_narrow", "Q?", "R", match=rule(("trump",), ("visit",))),
    )
    scenario = Scenario("demo", "Demo", events)
    assert link_claim(scenario, make_claim("Trump in Korea")) == "broad"
    assert link_claim(scenario, make_claim("Trump in Japan")) == "narrow"
    assert link_claim(scenario, make_claim("Trump visit Japan")) == "narrow"  # tie: file order
    reordered = Scenario("demo", "Demo", (events[2], events[1], events[0]))
    assert link_claim(reordered, make_claim("Trump visit Japan")) == "also_narrow"


def test_derived_events_and_events_without_rules_take_no_claims(scenario):
    assert link_claim(scenario, make_claim("Japan be briefed")) is None
    assert all(
        e.event not in {"briefed", "unmatched"}
        for e in link_claims(scenario, [make_claim("briefed unmatched summit Singapore")])
    )


def against_scenario() -> Scenario:
    visit = MatchRule(
        all_of=(("trump",), ("visit", "stop"), ("japan",)),
        against=(("fly", "return", "head"), ("directly", "straight"), ("washington", "home")),
    )
    return Scenario("demo", "Demo", (Event("visit", "Q?", "R", match=visit),))


def test_a_claim_that_rules_the_event_out_is_evidence_against_it():
    claim = dataclasses.replace(
        make_claim("the president fly directly back to Washington after the summit"),
        logit_mean=2.0,  # "will": the claim's own log-odds, far from 0 so the sign shows
    )
    (evidence,) = link_claims(against_scenario(), [claim])
    assert (evidence.event, evidence.against) == ("visit", True)
    assert evidence.logit == -2.0
    assert link_claim(against_scenario(), claim) == "visit"


def test_a_claim_for_the_event_is_not_against_it():
    claim = dataclasses.replace(make_claim("Trump stop in Japan on his way back"), logit_mean=2.0)
    (evidence,) = link_claims(against_scenario(), [claim])
    assert (evidence.against, evidence.logit) == (False, 2.0)


def test_against_needs_every_group():
    claim = make_claim("the president fly back to Washington")  # not "directly": may stop first
    assert link_claims(against_scenario(), [claim]) == ()
