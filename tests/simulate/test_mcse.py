"""Batch-means standard errors: iid agreement, autocorrelation, and errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from forecast.errors import InputError
from forecast.simulate.mcse import batch_means_mcse, group_mcse, mcse_binary


def test_mcse_binary_iid(rng) -> None:
    draws = rng.random((4, 25_000)) < 0.3
    p = draws.mean()
    assert mcse_binary(draws) == pytest.approx(math.sqrt(p * (1 - p) / draws.size), rel=0.15)
    assert mcse_binary(np.ones((2, 10), bool)) == 0.0


def test_mcse_binary_autocorrelated(rng) -> None:
    # Two-state Markov chains that keep their state with probability 0.95: lag-k correlation
    # 0.9**k, so the variance of the mean is (1 + 0.9) / (1 - 0.9) = 19 times the iid one.
    flips = rng.random((4, 25_000)) < 0.05
    chains = np.logical_xor.accumulate(flips, axis=1) ^ (rng.random((4, 1)) < 0.5)
    p = chains.mean()
    iid = math.sqrt(p * (1 - p) / chains.size)
    assert mcse_binary(chains) == pytest.approx(math.sqrt(19) * iid, rel=0.25)
    assert mcse_binary(chains) > 2 * iid


def test_mcse_binary_errors() -> None:
    with pytest.raises(
        InputError, match=r"shape \(chain, draw\) with draw >= 2; got shape \(2, 1\)"
    ):
        mcse_binary(np.ones((2, 1)))
    with pytest.raises(InputError, match="only 0/1"):
        mcse_binary(np.full((2, 5), 0.5))


def test_single_draw_has_no_error_estimate() -> None:
    assert math.isnan(batch_means_mcse(np.ones((1, 1))))


@pytest.mark.parametrize(("n_draw", "chains"), [(1000, 2), (101, 3), (7, 2), (1, 2)])
def test_group_mcse_is_the_batch_means_mcse_of_each_group(n_draw, chains):
    group = np.random.default_rng(n_draw).integers(0, 5, n_draw * chains)
    expected = [batch_means_mcse((group == g).reshape(chains, -1).astype(float)) for g in range(6)]
    np.testing.assert_allclose(group_mcse(group, 6, chains), expected, rtol=1e-12)
