"""Monte Carlo standard errors for means of MCMC-correlated draws (numpy only).

:func:`mcse_binary` serves event indicators; :func:`batch_means_mcse` any real series,
such as the influence values of a ratio estimator.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from forecast.errors import InputError

__all__ = ["batch_means_mcse", "group_mcse", "mcse_binary"]


def mcse_binary(indicator: Any) -> float:
    """Monte Carlo standard error of the mean of (possibly autocorrelated) 0/1 draws.

    Uses non-overlapping batch means (Flegal and Jones 2010, Ann. Statist. 38(2)): each
    chain is cut into batches of b = floor(sqrt(n_draw)) consecutive draws (a trailing
    remainder is left out of the variance estimate), and the long-run variance is b times
    the variance of all batch means around their mean. Then ``mcse = sqrt(var / N)`` with
    N all draws. For independent draws this estimates ``sqrt(p (1 - p) / N)``; positive
    autocorrelation makes it larger. It equals 0 when every draw is the same.

    Parameters
    ----------
    indicator : array_like of bool or 0/1, shape (chain, draw) or (draw,)

    Raises
    ------
    InputError
        If the array is not 1-D or 2-D, holds values other than 0 and 1, or has fewer
        than 2 draws per chain.
    """
    x = np.asarray(indicator)
    if x.ndim == 1:
        x = x[None, :]
    if x.ndim != 2 or x.shape[1] < 2:
        raise InputError(
            f"mcse_binary: indicator must have shape (chain, draw) with draw >= 2; "
            f"got shape {np.shape(indicator)}"
        )
    if not np.isin(x, (0, 1)).all():
        raise InputError("mcse_binary: indicator must hold only 0/1 or True/False values")
    return batch_means_mcse(x.astype(float))


def batch_means_mcse(x: np.ndarray) -> float:
    """Batch-means standard error of the mean of any real ``x`` with shape (chain, draw).

    NaN when there are fewer than two batches (a single draw).
    """
    n_chain, n_draw = x.shape
    size = int(np.sqrt(n_draw))
    n_batch = n_draw // size
    means = x[:, : n_batch * size].reshape(n_chain * n_batch, size).mean(axis=1)
    if len(means) < 2:
        return float("nan")
    return float(np.sqrt(size * means.var(ddof=1) / x.size))


def group_mcse(group: np.ndarray, n_groups: int, chains: int) -> np.ndarray:
    """`batch_means_mcse` of the indicator ``group == g`` for every g, in one pass.

    ``group`` (n_draws,) labels each draw, chains one after another; the result is
    (n_groups,). Batch counts come from one ``bincount``, so the cost is linear in the
    draws plus the groups times the batches, not their product with the draws.
    """
    n = len(group)
    n_draw = n // chains
    size = int(np.sqrt(n_draw))
    n_batch = n_draw // size
    if chains * n_batch < 2:
        return np.full(n_groups, np.nan)
    position = np.arange(n) % n_draw
    kept = position < n_batch * size
    batch = (np.arange(n) // n_draw) * n_batch + position // size
    cells = np.asarray(group)[kept] * (chains * n_batch) + batch[kept]
    means = np.bincount(cells, minlength=n_groups * chains * n_batch) / size
    return np.sqrt(size * means.reshape(n_groups, -1).var(axis=1, ddof=1) / n)
