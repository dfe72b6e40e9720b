"""Gaussian conditioning given the scales, against closed forms written out independently."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from forecast.errors import InputError
from forecast.model import algebra
from forecast.model.algebra import claim_algebra
from forecast.model.conditional import draw_theta, log_marginal, theta_conditional
from forecast.model.evidence import ModelConfig, claim_design
from forecast.model.loo import leave_one_out
from tests.conftest import MC_Z
from tests.model_cases import evidence, exact_posterior, reference_covariance, seed_like

FIXED = ModelConfig(kind_scale_sd=0.0)


def _centres(ev, n_draws: int = 1) -> np.ndarray:
    """The scales at their prior centres, as ``n_draws`` identical draws."""
    return np.tile(claim_design(ev, FIXED).kind_centre, (n_draws, 1))


def _scipy_log_marginal(ev) -> float:
    """log N(y; X mu0, Sigma + X D X^T) with the scales at their centres, by scipy."""
    design = np.zeros((ev.n_claims, len(ev.events)))
    design[np.arange(ev.n_claims), list(ev.claim_event)] = 1.0
    cov = reference_covariance(ev, FIXED) + design @ np.diag(np.square(ev.prior_sd)) @ design.T
    return stats.multivariate_normal(design @ ev.prior_mean, cov).logpdf(ev.claim_logit)


def test_theta_conditional_is_the_conjugate_posterior():
    ev = seed_like()
    got = theta_conditional(ev, FIXED, _centres(ev))
    mean, cov = exact_posterior(ev, FIXED)
    np.testing.assert_allclose(got.mean[0], mean, atol=1e-10)
    np.testing.assert_allclose(got.covariance()[0], cov, atol=1e-10)


def test_many_events_sources_across_events_match_the_closed_form(rng):
    """40 informed events (past the row-by-row inverse, so halved) with sources whose
    claims span several events: the conjugate posterior and scipy's marginal."""
    n_events, n_claims = 40, 120
    kinds = ("anonymous", "outlet", "official", "hearsay")
    ev = evidence(
        n_events=n_events,
        claim_event=tuple(rng.permutation(np.arange(n_claims) % n_events).tolist()),
        claim_logit=tuple(rng.normal(0.0, 1.5, n_claims).tolist()),
        claim_source=tuple((np.arange(n_claims) // 6).tolist()),
        source_kind=tuple(kinds[s % 4] for s in range(n_claims // 6)),
    )
    got = theta_conditional(ev, FIXED, _centres(ev))
    mean, cov = exact_posterior(ev, FIXED)
    np.testing.assert_allclose(got.mean[0], mean, atol=1e-10)
    np.testing.assert_allclose(got.covariance()[0], cov, atol=1e-10)
    assert abs(log_marginal(ev, FIXED, _centres(ev))[0] - _scipy_log_marginal(ev)) < 1e-8


def test_log_marginal_matches_scipy():
    ev = seed_like()
    assert abs(log_marginal(ev, FIXED, _centres(ev))[0] - _scipy_log_marginal(ev)) < 1e-9


def test_leave_one_out_moves_exact_draws_to_the_exact_leave_out_posterior(rng):
    """Exact full-data draws, mapped, have the closed-form leave-one-out mean and sd."""
    ev = seed_like()
    n_draws = 4000
    tau = _centres(ev, n_draws)
    theta = theta_conditional(ev, FIXED, tau).draw(rng)
    loo = leave_one_out(ev, FIXED, theta, tau)
    for c in range(ev.n_claims):
        mean, cov = exact_posterior(ev.without_claim(c), FIXED)
        sd = np.sqrt(np.diag(cov))
        moved = loo.moved(c)
        assert moved.shape == (n_draws, len(ev.events))
        assert np.all(np.abs(moved.mean(axis=0) - mean) < MC_Z * sd / np.sqrt(n_draws))
        assert np.all(np.abs(moved.std(axis=0) - sd) < MC_Z * sd / np.sqrt(2 * n_draws))
        expected = _scipy_log_marginal(ev) - _scipy_log_marginal(ev.without_claim(c))
        np.testing.assert_allclose(loo.log_pred[:, c], expected, atol=1e-9)


def test_blocks_of_draws_give_the_same_numbers(monkeypatch, rng):
    """Bounded memory: results computed a few draws at a time equal those in one block."""
    ev = seed_like()
    tau = np.exp(rng.normal(0.0, 0.3, size=(2, 25, len(claim_design(ev, FIXED).kinds))))
    theta = draw_theta(ev, FIXED, tau, rng=5)
    whole = leave_one_out(ev, FIXED, theta, tau)
    expected = (log_marginal(ev, FIXED, tau), whole.log_pred, whole.moved(3))
    monkeypatch.setattr(algebra, "MEMORY_BUDGET", 1)  # one draw per block
    assert claim_algebra(ev, FIXED).block_rows() == 1
    np.testing.assert_allclose(draw_theta(ev, FIXED, tau, rng=5), theta, rtol=1e-12, atol=1e-12)
    part = leave_one_out(ev, FIXED, theta, tau)
    got = (log_marginal(ev, FIXED, tau), part.log_pred, part.moved(3))
    for a, b in zip(got, expected, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)
    assert sum(1 for _ in part.blocks()) == tau[..., 0].size


def test_evidence_too_large_for_memory_is_refused(monkeypatch):
    """One clear line instead of a memory traceback when a single draw cannot fit."""
    ev = seed_like()
    monkeypatch.setattr(algebra, "available_memory", lambda: 2**10)
    with pytest.raises(InputError, match=r"need .* GiB per posterior draw, more than half"):
        draw_theta(ev, FIXED, _centres(ev, 3))
