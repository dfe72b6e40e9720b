"""Reusing draws: leave-one-claim-out and posterior updates against exact answers and refits.

Tolerances are ``MC_Z`` (4.4) Monte Carlo standard errors, sd / sqrt(ESS).
"""

from __future__ import annotations

import dataclasses

import arviz as az
import numpy as np
import pytest

from forecast.errors import InputError
from forecast.model.conditional import log_marginal
from forecast.model.evidence import ModelConfig
from forecast.model.inference import sample_posterior
from forecast.model.loo import leave_one_out
from forecast.model.posterior import posterior_from_record, posterior_record
from forecast.model.reweight import UPDATED, claim_influence, update_posterior
from tests.conftest import MC_Z
from tests.model_cases import evidence, exact_posterior, seed_like

FIXED = ModelConfig(kind_scale_sd=0.0)


def _se(draws: np.ndarray) -> np.ndarray:
    """Monte Carlo standard error of the mean per last-axis entry of (chain, draw, q) draws."""
    return np.array(
        [np.ravel(az.mcse(draws[..., j], method="mean"))[0] for j in range(draws.shape[-1])]
    )


@pytest.fixture(scope="module")
def seed_fit():
    """Seed-shaped evidence, free scales, default settings."""
    return sample_posterior(seed_like(), seed=21)


def test_fixed_scales_leave_one_out_is_exact():
    """With the scales fixed the weights are constant and the moved draws exact (k = 0)."""
    ev = seed_like()
    posterior = sample_posterior(ev, n_draws=500, tune=500, seed=4, config=FIXED)
    influence = claim_influence(posterior, lambda theta: theta)
    assert influence.refit == (False,) * ev.n_claims and np.all(influence.pareto_k == 0)
    full = exact_posterior(ev, FIXED)[0]
    loo = leave_one_out(ev, FIXED, posterior.theta(), posterior.tau())
    for c in range(ev.n_claims):
        exact = full - exact_posterior(ev.without_claim(c), FIXED)[0]
        # delta is the mean of the per-draw shifts theta - moved(theta): their MC error.
        se = _se(posterior.theta() - loo.moved(c))
        # 1e-9: rounding, for events the claim does not touch (their shifts are ~0).
        assert np.all(np.abs(influence.delta[c] - exact) < MC_Z * se + 1e-9)


def test_free_scales_leave_one_out_agrees_with_a_refit_and_k_is_small(seed_fit):
    influence = claim_influence(seed_fit, lambda theta: theta, refit=False)
    assert influence.pareto_k.max() < 0.7 and influence.refit == (False,) * 10
    theta = seed_fit.theta()
    for c in (5,):  # the confident hearsay claim
        refit = sample_posterior(seed_like().without_claim(c), seed=30 + c).theta()
        exact_delta = theta.mean(axis=(0, 1)) - refit.mean(axis=(0, 1))
        se = np.hypot(_se(theta), _se(refit))
        assert np.all(np.abs(influence.delta[c] - exact_delta) < MC_Z * se)


def test_update_with_fixed_scales_is_the_exact_posterior():
    ev = seed_like()
    old = sample_posterior(
        ev.without_claim(9).without_claim(5), n_draws=500, tune=500, seed=2, config=FIXED
    )
    new = update_posterior(old, ev, seed=3)
    assert new is not None and new.evidence == ev
    assert new.diagnostics.messages[-1].startswith(UPDATED) and new.diagnostics.ok
    mean, cov = exact_posterior(ev, FIXED)
    sd = np.sqrt(np.diag(cov))
    got = new.theta()
    assert got.shape == old.theta().shape
    assert np.all(np.abs(got.mean(axis=(0, 1)) - mean) < MC_Z * sd / np.sqrt(got[..., 0].size))


def test_update_agrees_with_a_full_refit(seed_fit):
    """Old claims minus two, updated with them, matches sampling all claims at once."""
    ev = seed_like()
    old = sample_posterior(ev.without_claim(9).without_claim(2), seed=5)
    new = update_posterior(old, ev, seed=6)
    assert new is not None
    assert "log_tau" in new.idata.posterior and new.log_likelihood().shape == (2, 1000, 10)
    got, full = new.theta(), seed_fit.theta()
    se = np.hypot(got.std(axis=(0, 1)) / np.sqrt(new.diagnostics.ess), _se(full))
    assert np.all(np.abs(got.mean(axis=(0, 1)) - full.mean(axis=(0, 1))) < MC_Z * se)
    assert new.diagnostics.ess <= old.diagnostics.ess


def test_new_source_kinds_take_their_scales_from_the_prior():
    base = evidence(claim_logit=(1.0,), claim_source=(0,), source_kind=("anonymous",))
    old = sample_posterior(base, n_draws=500, tune=500, seed=7)
    grown = evidence(
        claim_logit=(1.0, 0.5), claim_source=(0, 1), source_kind=("anonymous", "official")
    )
    new = update_posterior(old, grown, seed=8)
    assert new is not None
    assert list(new.idata.posterior["kind"].values) == ["official", "anonymous"]


def test_update_refuses_what_it_cannot_do():
    base = evidence(claim_logit=(2.0,), claim_source=(0,), source_kind=("official",))
    old = sample_posterior(base, n_draws=500, tune=500, seed=9)
    other_events = dataclasses.replace(base, events=("x",))
    assert update_posterior(old, other_events) is None
    no_claims = evidence(claim_logit=(), claim_source=(), source_kind=())
    assert update_posterior(old, no_claims) is None
    # Ten more official sources contradicting each other (+-5) say the official scale is
    # far larger than the old draws of it cover, so the weights are heavy-tailed.
    n = 11
    conflict = evidence(
        claim_logit=tuple(5.0 * (-1) ** i for i in range(n)),
        claim_source=tuple(range(n)),
        source_kind=("official",) * n,
    )
    assert update_posterior(old, conflict, seed=1) is None


def test_influence_limited_to_relevant_quantities_equals_the_full_computation(seed_fit):
    """``relevant``/``reads`` only skip work: the entries computed are the same numbers."""
    ev = seed_fit.evidence
    n_events = len(ev.events)
    relevant = np.zeros((ev.n_claims, n_events), dtype=bool)
    relevant[np.arange(ev.n_claims), ev.claim_event] = True
    relevant[:, 0] = True  # and every claim may move event 0, which reads events 0 and 1
    reads = np.eye(n_events, dtype=bool)
    reads[0, 1] = True

    def values(theta, columns=None):
        if columns is None:
            return np.stack(
                [theta[..., 0] + theta[..., 1], *np.moveaxis(theta[..., 1:], -1, 0)], -1
            )
        events = np.flatnonzero(reads[columns].any(axis=0))
        wide = np.zeros((*theta.shape[:-1], n_events))
        wide[..., events] = theta
        return values(wide)[..., columns]

    full = claim_influence(seed_fit, values, refit=False)
    limited = claim_influence(seed_fit, values, relevant=relevant, reads=reads, refit=False)
    np.testing.assert_allclose(
        limited.delta[relevant], full.delta[relevant], rtol=1e-10, atol=1e-12
    )
    assert np.all(limited.delta[~relevant] == 0)
    np.testing.assert_array_equal(limited.pareto_k, full.pareto_k)


def test_an_update_carries_its_log_marginal(seed_fit):
    """The log p(y | tau) an update passes on is the one computed afresh from its draws."""
    ev = seed_like()
    old = sample_posterior(ev.without_claim(9), n_draws=300, tune=300, seed=11)
    new = update_posterior(old, ev, seed=12)
    assert new is not None and new.marginal is not None
    np.testing.assert_allclose(
        new.log_marginal(), log_marginal(ev, new.config, new.tau()), rtol=1e-12
    )


def test_a_stored_posterior_reads_back_as_it_was(seed_fit):
    """The store's record of a posterior gives the same draws, inputs and diagnostics."""
    text, draws = posterior_record(seed_fit)
    back = posterior_from_record(text, draws)
    assert (back.evidence, back.config, back.diagnostics) == (
        seed_fit.evidence,
        seed_fit.config,
        seed_fit.diagnostics,
    )
    assert (back.tune, back.prior_only) == (seed_fit.tune, seed_fit.prior_only)
    np.testing.assert_array_equal(back.theta(), seed_fit.theta())
    np.testing.assert_array_equal(back.tau(), seed_fit.tau())
    np.testing.assert_array_equal(back.log_marginal(), seed_fit.log_marginal())
    np.testing.assert_allclose(back.log_likelihood(), seed_fit.log_likelihood(), rtol=1e-12)
    with pytest.raises(InputError, match="stored posterior is damaged"):
        posterior_from_record(text, draws[:100])
    with pytest.raises(InputError, match="format 0, not 1"):
        posterior_from_record(text.replace('"format": 1', '"format": 0'), draws)
