"""Pareto-smoothed importance sampling of many sets of weights at once (numpy only).

Leave-one-claim-out needs one set of importance weights per claim over the same draws.
`psis` smooths every set in one pass of array operations instead of one call per set:
the largest weights of each set are replaced by quantiles of a generalized Pareto
distribution fitted to them (Vehtari et al. 2024, JMLR 25(72)), whose shape ``k`` says
whether the weights can be trusted. The fit is the empirical Bayes estimate of Zhang &
Stephens (2009, Technometrics 51:316-325) with a weakly informative prior on ``k``; the
tail holds ``min(n / 5, 3 sqrt(n / reff))`` draws, ``reff`` the relative efficiency of
the weights as MCMC draws (`relative_ess`). These are the numbers ``arviz.psislw`` gives
with ``reff = arviz.ess(weights, method="mean") / n``; ties among the largest weights
are ordered by draw.
"""

from __future__ import annotations

import numpy as np
from scipy import fft

__all__ = ["psis", "relative_ess"]

_PRIOR_SCALE = 3.0  # Zhang & Stephens' scale of the prior on the candidate thetas
_PRIOR_K = 10.0  # weight, in draws, of the prior pulling k towards 0.5
_CUTOFF_MIN = float(np.log(np.finfo(float).tiny))
_SETS_PER_FIT = 64


def relative_ess(values: np.ndarray) -> np.ndarray:
    """Effective sample size for the mean over number of draws, per set: (chain, draw, m) -> (m,).

    Split chains, FFT autocovariance and Geyer's initial monotone sequence (Vehtari et
    al. 2021, Bayesian Analysis 16:667-718), vectorised over the sets. NaN where a set
    holds NaN; ``1`` would be the efficiency of independent draws.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        return _relative_ess(np.moveaxis(np.asarray(values, dtype=float), -1, 0))


def _relative_ess(values: np.ndarray) -> np.ndarray:
    """`relative_ess` of (m, chain, draw) values."""
    n_total = values.shape[1] * values.shape[2]
    half = values.shape[2] // 2
    split = np.concatenate([values[..., :half], values[..., values.shape[2] - half :]], axis=1)
    n_sets, n_chains, n_draws = split.shape
    centred = split - split.mean(axis=-1, keepdims=True)
    size = fft.next_fast_len(2 * n_draws, real=True)
    spectrum = fft.rfft(centred, n=size, axis=-1)
    acov = fft.irfft(spectrum * np.conjugate(spectrum), n=size, axis=-1)[..., :n_draws]
    acov /= n_draws
    mean_var = acov[..., 0].mean(axis=-1) * n_draws / (n_draws - 1.0)
    var_plus = mean_var * (n_draws - 1.0) / n_draws
    if n_chains > 1:
        var_plus = var_plus + split.mean(axis=-1).var(axis=-1, ddof=1)
    rho = 1.0 - (mean_var[:, None] - acov.mean(axis=1)) / var_plus[:, None]
    rho[:, 0] = 1.0
    # Pairs (rho_2j, rho_2j+1) are summed while positive, up to a lag limit.
    n_limit = max(0, (n_draws - 3) // 2)
    padded = np.zeros((n_sets, 2 * n_limit + 2))
    width = min(n_draws, padded.shape[1])
    padded[:, :width] = rho[:, :width]
    pairs = padded[:, 0::2] + padded[:, 1::2]  # (sets, n_limit + 1)
    positive = pairs[:, :n_limit] > 0
    n_kept = np.where(positive.all(axis=1), n_limit, np.argmin(positive, axis=1))
    kept = np.arange(n_limit + 1) < n_kept[:, None]
    monotone = np.minimum.accumulate(pairs, axis=1)
    even = padded[np.arange(n_sets), 2 * n_kept]
    last_pair = pairs[np.arange(n_sets), n_kept]
    last = np.where((last_pair >= 0) | (even > 0), even, 0.0)
    tau = -1.0 + 2.0 * np.where(kept, monotone, 0.0).sum(axis=1) + last
    n_split = n_chains * n_draws
    tau = np.maximum(tau, 1.0 / np.log10(n_split))
    ess = n_split / tau
    ess[np.isnan(rho).any(axis=1)] = np.nan
    constant = np.ptp(split.reshape(n_sets, -1), axis=1) < np.finfo(float).resolution
    ess[constant] = n_split
    return ess / n_total


def psis(log_weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Normalised PSIS weights and Pareto k of each set of log weights (chain, draw, m).

    Returns weights (m, chain * draw) summing to 1 per set, and k (m,). A set with fewer
    than five draws in its tail gets ``k = inf`` and its weights unsmoothed; a set of
    equal weights needs no smoothing and gets ``k = 0``.
    """
    log_weights = np.asarray(log_weights, dtype=float)
    n_sets = log_weights.shape[-1]
    flat = np.moveaxis(log_weights, -1, 0).reshape(n_sets, -1)
    x = flat - flat.max(axis=1, keepdims=True)
    n = x.shape[1]
    with np.errstate(invalid="ignore", divide="ignore"):  # as in relative_ess
        reff = _relative_ess(np.exp(x).reshape(n_sets, *log_weights.shape[:-1]))
    reff = np.where(np.isfinite(reff), np.minimum(reff, 1.0), 1.0)
    tail_max = np.ceil(np.minimum(n / 5.0, 3.0 * np.sqrt(n / reff))).astype(int)
    # Only the largest weights are ever sorted: from the smallest cutoff position up.
    first = n - 1 - int(tail_max.max())
    order = np.sort(np.argpartition(x, first, axis=1)[:, first:], axis=1)
    order = np.take_along_axis(
        order, np.argsort(np.take_along_axis(x, order, axis=1), axis=1, kind="stable"), axis=1
    )
    ordered = np.take_along_axis(x, order, axis=1)
    cutoff = np.maximum(ordered[np.arange(n_sets), n - 1 - tail_max - first], _CUTOFF_MIN)
    n_tail = (x > cutoff[:, None]).sum(axis=1)
    k = np.full(n_sets, np.inf)
    # Sets with similar tail lengths are fitted together, so padding stays short.
    fitted = np.flatnonzero(n_tail > 4)
    fitted = fitted[np.argsort(n_tail[fitted], kind="stable")]
    for start in range(0, len(fitted), _SETS_PER_FIT):
        rows = fitted[start : start + _SETS_PER_FIT]
        k[rows] = _smooth_tails(x, order[rows], cutoff[rows], n_tail[rows], rows)
    constant = np.ptp(flat, axis=1) < 1e-12
    x[constant] = 0.0
    k[constant] = 0.0
    # No log weight exceeds 0 (smoothing caps the tail at 0) and each set's largest
    # is at least its cutoff (> log of the smallest float): exp neither overflows nor
    # leaves a set summing to 0, so no logsumexp is needed.
    weights = np.exp(x, out=x)
    weights /= weights.sum(axis=1, keepdims=True)
    return weights, k


def _smooth_tails(
    x: np.ndarray, order: np.ndarray, cutoff: np.ndarray, n_tail: np.ndarray, rows: np.ndarray
) -> np.ndarray:
    """Replace the tails of sets ``rows`` of ``x`` by Pareto quantiles, in place; their k.

    ``order`` sorts each set's largest weights ascending; ``n_tail`` of them lie above
    ``cutoff``. A set whose fit fails (k not finite) keeps its weights.
    """
    width = int(n_tail.max())
    top = order[:, order.shape[1] - width :]
    tail = np.take_along_axis(x[rows], top, axis=1)
    in_tail = np.arange(width) >= width - n_tail[:, None]
    base = np.exp(cutoff)
    excess = np.where(in_tail, np.exp(tail) - base[:, None], 0.0)
    k, sigma = _pareto_fit(excess, n_tail)
    rank = np.arange(width) - (width - n_tail[:, None]) + 0.5
    quantile = _pareto_quantile(rank / n_tail[:, None], k[:, None], sigma[:, None])
    with np.errstate(invalid="ignore"):  # padding left of the tail: discarded below
        smoothed = np.minimum(np.log(quantile + base[:, None]), 0.0)
    replace = in_tail & np.isfinite(k)[:, None]
    block = x[rows]
    np.put_along_axis(block, top, np.where(replace, smoothed, tail), axis=1)
    x[rows] = block
    return k


def _pareto_fit(excess: np.ndarray, n_tail: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shape k and scale sigma of a generalized Pareto fit to each row's tail.

    ``excess`` (sets, width) holds each tail in ascending order, right-aligned and
    padded with zeros on the left (a zero adds nothing to the sums below).
    """
    n_sets, width = excess.shape
    n = n_tail.astype(float)
    n_candidates = 30 + np.sqrt(n).astype(int)
    j = np.arange(1, n_candidates.max() + 1, dtype=float)
    valid = j <= n_candidates[:, None]
    quartile = excess[np.arange(n_sets), width - n_tail + (n_tail / 4 + 0.5).astype(int) - 1]
    b = 1.0 - np.sqrt(n_candidates[:, None] / (j - 0.5))
    b = b / (_PRIOR_SCALE * quartile[:, None]) + 1.0 / excess[:, -1:]
    b = np.where(valid, b, b[:, :1])
    k = np.log1p(-b[:, :, None] * excess[:, None, :]).sum(axis=2) / n[:, None]
    profile = n[:, None] * (np.log(-(b / k)) - k - 1.0)
    profile = np.where(valid, profile, -np.inf)
    with np.errstate(over="ignore", invalid="ignore"):
        weights = 1.0 / np.exp(profile[:, None, :] - profile[:, :, None]).sum(axis=2)
    weights = np.where(valid & (weights >= 10 * np.finfo(float).eps), weights, 0.0)
    weights /= weights.sum(axis=1, keepdims=True)
    b_post = (b * weights).sum(axis=1)
    k_post = np.log1p(-b_post[:, None] * excess).sum(axis=1) / n
    sigma = -k_post / b_post
    return (n * k_post + _PRIOR_K * 0.5) / (n + _PRIOR_K), sigma


def _pareto_quantile(prob: np.ndarray, k: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """Quantiles of the generalized Pareto distribution (NaN where ``sigma <= 0``)."""
    tiny = np.abs(k) < np.finfo(float).eps
    safe_k = np.where(tiny, 1.0, k)
    with np.errstate(invalid="ignore", over="ignore"):
        x = np.where(tiny, -np.log1p(-prob), np.expm1(-safe_k * np.log1p(-prob)) / safe_k)
    return np.where(sigma > 0, x * sigma, np.nan)
