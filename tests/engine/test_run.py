"""Tests for forecast.engine: evidence arrays, and forecasts against independent answers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from types import SimpleNamespace

import numpy as np
import pytest
from scipy.special import expit, logit
from scipy.stats import norm

from forecast.engine.inputs import build_evidence, claim_age, default_as_of, related_events
from forecast.language.claim import Claim, CueMatch, Source, SourceKind, Tense
from forecast.language.lexicon import load_lexicon
from forecast.scenario import Event, Evidence, MatchRule, Scenario
from forecast.simulate.network import build_graph
from tests.conftest import MC_Z

MAY = dt.date(2018, 5, 13)


def make_claim(
    event: str = "Trump visit Japan",
    cue: str = "may",
    *,
    article: str = "a1",
    source: str = "government sources",
    kind: SourceKind = SourceKind.ANONYMOUS,
    published: dt.date | None = MAY,
    sentence: str | None = None,
) -> Claim:
    """A claim as the extractor would produce it, with the lexicon's value for ``cue``."""
    entry = load_lexicon()[cue]
    text = sentence or f"{source} said {event} {cue}."
    return Claim(
        article_id=article,
        sentence=text,
        sentence_span=(0, len(text)),
        event=event,
        predicate=event.split()[1],
        predicate_span=(0, 1),
        cues=(CueMatch(cue, (0, 1)),),
        negated=False,
        source=Source(source, kind),
        tense=Tense.FORWARD,
        logit_mean=entry.logit_mean,
        cue_sd=entry.logit_sd,
        published=published,
    )


def visit_scenario(**overrides) -> Scenario:
    """Two latent events (``meet`` requires ``visit``), one unrelated, one derived."""
    events = (
        Event(
            "visit",
            "Will Trump visit Japan?",
            "official itinerary",
            base_rate=0.3,
            match=MatchRule((("visit",), ("japan",))),
        ),
        Event(
            "meet",
            "Will they meet in Tokyo?",
            "readout",
            base_rate=0.6,
            requires=("visit",),
            match=MatchRule((("meet",), ("tokyo",))),
        ),
        Event(
            "call",
            "Will they speak by phone?",
            "readout",
            base_rate=0.4,
            base_spread=1.0,
            match=MatchRule((("phone",),)),
        ),
        Event("briefed", "Is Japan briefed?", "either", expr="visit or call"),
    )
    return Scenario(name="visit", title="Visit", events=events, **overrides)


LATENT = SimpleNamespace(latent=("visit", "meet", "call"))


def test_build_evidence_priors_come_from_base_rate_and_spread():
    evidence = build_evidence(visit_scenario(), LATENT, (), as_of=MAY)
    assert evidence.events == ("visit", "meet", "call")
    np.testing.assert_allclose(evidence.prior_mean, logit([0.3, 0.6, 0.4]))
    np.testing.assert_allclose(evidence.prior_sd, [1.5, 1.5, 1.0])
    assert evidence.n_claims == 0


def test_a_claim_against_an_event_enters_with_negated_log_odds():
    claim = make_claim()
    links = [Evidence("visit", claim), Evidence("visit", claim, against=True)]
    evidence = build_evidence(visit_scenario(), LATENT, links, as_of=MAY)
    assert evidence.claim_logit == (claim.logit_mean, -claim.logit_mean)


def test_same_story_from_two_outlets_is_two_sources_one_outlet_one_source():
    claims = [
        make_claim(article="a1"),
        make_claim(article="a1", cue="is expected to"),
        make_claim(article="a2"),
        make_claim(article="a3"),  # outlet unknown: the article id stands in for it
        make_claim(article="a1", source="Abe", kind=SourceKind.OFFICIAL),
    ]
    links = [Evidence("visit", claim) for claim in claims]
    outlets = {"a1": "Kyodo", "a2": "Reuters"}
    evidence = build_evidence(visit_scenario(), LATENT, links, as_of=MAY, outlets=outlets)
    assert evidence.claim_source == (0, 0, 1, 2, 3)
    assert evidence.source_kind == ("anonymous", "anonymous", "anonymous", "official")
    # Two outlets printing one wire story: the outlet mapping decides, not the article id.
    same = build_evidence(
        visit_scenario(), LATENT, links[:3], as_of=MAY, outlets={"a1": "AP", "a2": "AP"}
    )
    assert same.claim_source == (0, 0, 0)


def test_wording_groups_are_source_event_and_cue_set():
    claims = [
        make_claim(),
        make_claim(sentence="Sources repeated that Trump may visit Japan."),
        make_claim(cue="is expected to"),
        make_claim(event="Abe meet Trump in Tokyo"),
        make_claim(article="a2"),
    ]
    events = ["visit", "visit", "visit", "meet", "visit"]
    links = [Evidence(e, c) for e, c in zip(events, claims, strict=True)]
    evidence = build_evidence(visit_scenario(), LATENT, links, as_of=MAY)
    assert evidence.claim_wording == (0, 0, 1, 2, 3)
    assert evidence.claim_event == (0, 0, 0, 1, 0)


def test_claim_ages_count_days_to_as_of_and_never_go_negative():
    claims = [
        make_claim(published=dt.date(2018, 5, 1)),
        make_claim(published=None),
        make_claim(published=dt.date(2018, 6, 1)),
    ]
    links = [Evidence("visit", c) for c in claims]
    evidence = build_evidence(visit_scenario(), LATENT, links, as_of=MAY)
    assert evidence.claim_age_days == (12.0, 0.0, 0.0)
    assert claim_age(claims[0], None) == 0.0


def test_links_to_derived_events_are_not_evidence():
    links = [Evidence("briefed", make_claim()), Evidence("call", make_claim(event="a phone call"))]
    evidence = build_evidence(visit_scenario(), LATENT, links, as_of=MAY)
    assert evidence.claim_event == (2,)


def test_default_as_of_is_the_newest_claim_date():
    claims = [make_claim(published=dt.date(2018, 5, 1)), make_claim(published=None), make_claim()]
    assert default_as_of(claims) == MAY
    assert default_as_of([make_claim(published=None)]) is None


def test_related_events_are_self_and_ancestors():
    related = related_events(build_graph(visit_scenario()))
    assert related["meet"] == {"meet", "visit"}
    assert related["briefed"] == {"briefed", "visit", "call"}
    assert related["call"] == {"call"}


# --- forecasts: a few small runs shared by the checks below --------------------------

N_DRAWS = 500


@pytest.fixture(scope="module")
def certain():
    """``visit`` carries an on-record "certainly"; ``call`` has no evidence at all."""
    from forecast.engine.run import run_forecast

    claims = [make_claim(cue="certainly", source="White House", kind=SourceKind.OFFICIAL)]
    return run_forecast(visit_scenario(), claims, n_draws=N_DRAWS, chains=2, seed=11)


@pytest.fixture(scope="module")
def baseline():
    """The same scenario with no claims: the prior, drawn exactly."""
    from forecast.engine.run import run_forecast

    return run_forecast(visit_scenario(), [], n_draws=N_DRAWS, chains=2, seed=11)


def logitnormal_mean(median: float, sd: float) -> float:
    """E[expit(X)] for X ~ Normal(logit(median), sd), by quadrature (independent of sampling)."""
    from scipy.integrate import quad

    centre = logit(median)
    value, _ = quad(
        lambda x: expit(x) * norm.pdf(x, centre, sd), centre - 12 * sd, centre + 12 * sd
    )
    return value


def test_event_without_evidence_reports_its_prior(certain, baseline):
    for result in (certain, baseline):
        call = result["call"]
        assert call.prior_only and call.n_claims == 0 and call.drivers == ()
        assert call.to_dict()["evidence"] == "prior only"
        exact = logitnormal_mean(0.4, 1.0)
        assert abs(call.prob - exact) < MC_Z * call.mcse
        assert call.low < exact < call.high
    assert not certain["visit"].prior_only
    assert not certain["meet"].prior_only  # it requires visit, which has evidence


def test_certainly_raises_the_probability_over_the_prior(certain, baseline):
    raised, prior = certain["visit"], baseline["visit"]
    assert abs(prior.prob - logitnormal_mean(0.3, 1.5)) < MC_Z * prior.mcse
    assert raised.prob - prior.prob > 0.3 + MC_Z * math.hypot(raised.mcse, prior.mcse)
    (driver,) = raised.drivers
    assert driver.cue == "certainly" and driver.kind == "official" and driver.delta > 0
    # Derived and dependent events move with it: briefed = visit or call.
    assert certain["briefed"].prob > baseline["briefed"].prob
    assert certain["briefed"].drivers[0].quote == driver.quote


def test_joint_scenarios_are_consistent_with_the_marginals(certain):
    total = sum(joint.prob for joint in certain.scenarios)
    assert total == pytest.approx(1.0)
    for event in certain.events:
        share = sum(j.prob for j in certain.scenarios if dict(j.events)[event.event])
        # The share comes from one forward draw per posterior draw; prob averages exact
        # per-draw probabilities. Both estimate the same number.
        se = math.sqrt(event.prob * (1 - event.prob) / (2 * N_DRAWS)) + event.mcse
        assert abs(share - event.prob) < MC_Z * se


def test_same_seed_gives_the_same_numbers(certain):
    from forecast.engine.run import run_forecast

    claims = [make_claim(cue="certainly", source="White House", kind=SourceKind.OFFICIAL)]
    again = run_forecast(visit_scenario(), claims, n_draws=N_DRAWS, chains=2, seed=11)
    assert again == certain
    assert again.to_dict() == certain.to_dict()


def test_forecast_dict_has_the_stable_json_names(certain):
    payload = json.loads(json.dumps(certain.to_dict()))
    assert {"scenario", "as_of", "standard", "events", "scenarios", "diagnostics"} <= set(payload)
    assert payload["as_of"] == "2018-05-13" and payload["standard"] == "reader"
    event_keys = {"event", "question", "prob", "low", "high", "mcse", "label", "drivers"}
    for event in payload["events"]:
        assert event_keys <= set(event)
        for driver in event["drivers"]:
            assert set(driver) == {"quote", "cue", "source", "kind", "published", "delta", "link"}
    for joint in payload["scenarios"]:
        assert set(joint) == {"events", "prob", "mcse"}
        assert set(joint["events"]) == {"visit", "meet", "call", "briefed"}
    assert set(payload["diagnostics"]) == {"r_hat", "ess", "divergences", "ok", "messages"}
    frame = certain.to_frame()
    assert list(frame.columns) == [
        "event",
        "question",
        "prob",
        "low",
        "high",
        "mcse",
        "label",
        "top_driver",
    ]
    assert list(certain.scenarios_frame(top=2).columns) == [
        "visit",
        "meet",
        "call",
        "briefed",
        "prob",
        "mcse",
    ]


def test_as_of_is_the_option_then_the_scenario_then_the_newest_claim(certain, baseline):
    from forecast.engine.run import run_forecast

    assert certain.as_of == MAY  # newest claim
    assert baseline.as_of is None  # no claims, no scenario date: undated, never today
    dated = dataclasses.replace(visit_scenario(), as_of=dt.date(2018, 6, 1))
    assert run_forecast(dated, [], n_draws=20, seed=1).as_of == dt.date(2018, 6, 1)
    chosen = run_forecast(dated, [], as_of=MAY, n_draws=20, seed=1)
    assert chosen.as_of == MAY and chosen.to_dict()["as_of"] == "2018-05-13"


def test_unlinked_claims_are_reported_not_used():
    from forecast.engine.run import run_forecast

    stray = make_claim(event="Kim tour Seoul", cue="will")
    result = run_forecast(visit_scenario(), [stray], n_draws=20, seed=1)
    assert result.unlinked == (stray,)
    assert all(event.prior_only for event in result.events)
    assert result.to_dict()["unlinked"] == [{"quote": stray.sentence, "event": stray.event}]


def test_a_previous_forecast_is_updated_not_resampled(certain):
    """One more claim: the update says so and agrees with sampling everything afresh."""
    from forecast.engine.run import run_forecast

    claims = [
        make_claim(cue="certainly", source="White House", kind=SourceKind.OFFICIAL),
        make_claim(event="Abe meet Trump in Tokyo", cue="is expected to", article="a2"),
    ]
    options = {"n_draws": N_DRAWS, "chains": 2, "seed": 12}
    updated = run_forecast(visit_scenario(), claims, previous=certain, **options)
    fresh = run_forecast(visit_scenario(), claims, **options)
    assert updated.diagnostics.messages[-1].startswith("updated by importance weighting")
    assert updated.diagnostics.ok and fresh.diagnostics.messages == ()
    assert updated.posterior.evidence.n_claims == 2
    for a, b in zip(updated.events, fresh.events, strict=True):
        assert abs(a.prob - b.prob) < MC_Z * math.hypot(a.mcse, b.mcse) + 1e-12
    assert "is expected to" in {driver.cue for driver in updated["meet"].drivers}
    # Other draw counts cannot reuse the previous draws: sampled afresh.
    other = run_forecast(visit_scenario(), claims, previous=certain, n_draws=300, seed=12)
    assert not any(m.startswith("updated") for m in other.diagnostics.messages)


def test_claims_published_after_as_of_are_left_out_and_counted():
    from forecast.engine.run import run_forecast

    early = make_claim(cue="will", published=MAY)
    late = make_claim(cue="unlikely", published=dt.date(2018, 6, 1), sentence="Visit unlikely.")
    with_late = run_forecast(visit_scenario(), [early, late], as_of=MAY, n_draws=50, seed=4)
    without = run_forecast(visit_scenario(), [early], as_of=MAY, n_draws=50, seed=4)
    assert [e.prob for e in with_late.events] == [e.prob for e in without.events]
    assert (with_late.n_excluded, without.n_excluded) == (1, 0)
    assert with_late.to_dict()["n_excluded"] == 1
    assert with_late.caveats() == (
        "as of 2018-05-13: left out 1 claim from articles published after that date",
    )


def test_events_past_their_deadline_are_named():
    from forecast.engine.inputs import past_deadline

    events = visit_scenario().events
    dated = dataclasses.replace(
        visit_scenario(),
        events=(
            dataclasses.replace(events[0], deadline=dt.date(2018, 6, 16)),
            dataclasses.replace(events[1], deadline=dt.date(2018, 6, 12)),
            *events[2:],
        ),
    )
    assert past_deadline(dated, dt.date(2018, 6, 12)) == ()  # due that day: not past
    assert past_deadline(dated, dt.date(2018, 6, 13)) == ("meet",)
    assert past_deadline(dated, dt.date(2019, 1, 1)) == ("visit", "meet")
    assert past_deadline(dated, None) == ()
