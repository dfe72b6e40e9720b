"""Vectorised PSIS against ArviZ (``psislw`` and ``ess``) as an independent reference."""

from __future__ import annotations

import warnings

import arviz as az
import numpy as np
import pytest

from forecast.model.psis import psis, relative_ess


def _ar1_sets(rng: np.random.Generator, n_draws: int, n_sets: int) -> np.ndarray:
    """Log weights (2, n_draws, n_sets): AR(1) chains of different memory and spread."""
    phi = rng.uniform(-0.3, 0.95, n_sets)
    z = rng.standard_normal((2, n_draws, n_sets))
    x = np.empty_like(z)
    x[:, 0] = z[:, 0]
    for t in range(1, n_draws):
        x[:, t] = phi * x[:, t - 1] + z[:, t]
    return x * rng.uniform(0.1, 3.0, n_sets)


def _arviz(log_weights: np.ndarray) -> tuple[float, np.ndarray, float]:
    """ArviZ's relative ESS, smoothed weights and k for one (chain, draw) set."""
    flat = log_weights.reshape(-1)
    reff = float(az.ess(np.exp(log_weights - flat.max()), method="mean")) / flat.size
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        smoothed, k = az.psislw(flat, reff=min(reff, 1.0))
    return reff, np.exp(smoothed), float(k)


@pytest.mark.parametrize("n_draws", [60, 301, 1000])
def test_psis_matches_arviz_set_by_set(n_draws):
    log_weights = _ar1_sets(np.random.default_rng(n_draws), n_draws, 12)
    log_weights[..., 3] *= 8.0  # a heavy tail: k well above 0.7
    weights, k = psis(log_weights)
    reff = relative_ess(np.exp(log_weights - log_weights.max(axis=(0, 1))))
    assert weights.shape == (12, 2 * n_draws) and k.shape == (12,)
    for j in range(12):
        want_reff, want_weights, want_k = _arviz(log_weights[..., j])
        assert reff[j] == pytest.approx(want_reff, rel=1e-9)
        assert k[j] == pytest.approx(want_k, rel=1e-9, abs=1e-12)
        np.testing.assert_allclose(weights[j], want_weights, rtol=1e-8, atol=1e-15)
    assert k[3] > 0.7


def test_equal_weights_need_no_smoothing():
    log_weights = np.zeros((2, 50, 2))
    log_weights[..., 1] = np.random.default_rng(1).standard_normal((2, 50))
    weights, k = psis(log_weights)
    assert k[0] == 0.0
    np.testing.assert_allclose(weights[0], 1 / 100, rtol=1e-12)
    assert np.isclose(weights[1].sum(), 1.0)
