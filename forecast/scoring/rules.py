"""Scoring resolved forecasts: Brier score, log score and calibration (numpy, pandas, scipy).

Conventions, stated once and repeated in every output:

- **Brier score** is the mean squared difference between the probability and the 0/1
  outcome, on the 0-1 scale (Brier 1950, Mon. Weather Rev. 78(1)): 0 is perfect, 0.25 is
  what always saying 0.5 earns, 1 is confidently wrong every time. Lower is better.
- **Log score** is the mean natural-log probability given to what happened,
  ``log(p)`` when the event happened and ``log(1 - p)`` when it did not: 0 is perfect,
  ``log(0.5) = -0.693`` is what always saying 0.5 earns. Higher is better (it is minus the
  "log loss"). The probability given to the outcome is clipped below at 1e-12, so a confident miss
  costs ``log(1e-12) = -27.6`` rather than minus infinity.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from forecast.errors import InputError

__all__ = ["LOG_CLIP", "brier_score", "calibration_table", "log_score", "question_weights"]


LOG_CLIP = 1e-12
INTERVAL_MASS = 0.9
CALIBRATION_COLUMNS = (
    "bin",
    "low",
    "high",
    "n",
    "mean_prob",
    "observed",
    "observed_low",
    "observed_high",
)


def plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _validated(probs: Any, outcomes: Any) -> tuple[np.ndarray, np.ndarray]:
    p = np.asarray(probs, dtype=float).ravel()
    y = np.asarray(outcomes, dtype=float).ravel()
    if p.size == 0:
        raise InputError("scoring: probs must be non-empty; got 0 values")
    if p.size != y.size:
        raise InputError(
            f"scoring: probs and outcomes must have equal lengths; got {p.size} and {y.size}"
        )
    bad = ~((p >= 0.0) & (p <= 1.0))
    if bad.any():
        raise InputError(f"scoring: probs must be in [0, 1]; got {plain(p[bad][0])!r}")
    bad = ~np.isin(y, (0.0, 1.0))
    if bad.any():
        raise InputError(f"scoring: outcomes must be 0 or 1; got {plain(y[bad][0])!r}")
    return p, y


def brier_score(probs: Any, outcomes: Any) -> float:
    """Mean squared error of probabilities against 0/1 outcomes, on the 0-1 scale (lower is better).

    Raises
    ------
    InputError
        If the inputs are empty or of unequal lengths, a probability is outside [0, 1]
        (or NaN), or an outcome is not 0 or 1.

    Examples
    --------
    >>> brier_score([0.5, 0.5], [0, 1])
    0.25
    >>> round(brier_score([0.9, 0.2], [1, 0]), 3)
    0.025
    """
    p, y = _validated(probs, outcomes)
    return float(np.mean((p - y) ** 2))


def log_terms(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    # Clip the probability given to what happened, so no term falls below log(LOG_CLIP).
    given_to_outcome = np.where(y == 1.0, p, 1.0 - p)
    return np.log(np.clip(given_to_outcome, LOG_CLIP, 1.0))


def log_score(probs: Any, outcomes: Any) -> float:
    """Mean natural-log probability given to what happened (0 is perfect, higher is better).

    Each term is ``log(p)`` if the outcome is 1 and ``log(1 - p)`` if it is 0, with the
    probability given to the outcome clipped below at 1e-12; the result is minus the usual
    "log loss".

    Raises
    ------
    InputError
        As :func:`brier_score`.

    Examples
    --------
    >>> round(log_score([0.5, 0.5], [0, 1]), 4)
    -0.6931
    >>> round(log_score([0.0], [1]), 2)
    -27.63
    """
    p, y = _validated(probs, outcomes)
    return float(np.mean(log_terms(p, y)))


def _jeffreys(k: np.ndarray, n: np.ndarray, mass: float) -> tuple[np.ndarray, np.ndarray]:
    # Jeffreys interval: central quantiles of Beta(k + 1/2, n - k + 1/2), with the bound set
    # to 0 when k = 0 and to 1 when k = n (Brown, Cai and DasGupta 2001, Statist. Sci. 16(2)).
    # Weighted counts may be fractional; the Beta quantiles need no integers.
    tail = (1.0 - mass) / 2.0
    misses = np.maximum(n - k, 0.0)
    low = np.where(k <= 0, 0.0, stats.beta.ppf(tail, k + 0.5, misses + 0.5))
    high = np.where(misses <= 0, 1.0, stats.beta.ppf(1.0 - tail, k + 0.5, misses + 0.5))
    return low, high


def calibration_table(
    probs: Any, outcomes: Any, *, bins: int = 10, weights: Any = None
) -> pd.DataFrame:
    """Observed frequency of the event per probability bin, with a 90% Jeffreys interval.

    Bins are ``bins`` equal widths on [0, 1], each closed below and open above except the
    last, which includes 1. Empty bins are left out. Columns: ``bin, low, high`` (the bin's
    edges), ``n``, ``mean_prob`` (mean forecast in the bin), ``observed`` (fraction of
    outcomes equal to 1) and ``observed_low, observed_high`` (the 90% Jeffreys interval of
    that fraction). A calibrated forecaster's ``mean_prob`` lies inside the interval about
    90% of the time.

    ``weights`` (default: 1 each) say how many independent observations each forecast is
    worth; ``n`` is then their sum per bin and the means and the interval are weighted.
    :func:`score` gives each question's rows weights summing to one, so that thirty days
    of one question count as one observation, not thirty.

    Raises
    ------
    InputError
        As :func:`brier_score`, or if ``bins`` is not a positive integer or a weight is
        not positive and finite (or their number differs from the forecasts').
    """
    p, y = _validated(probs, outcomes)
    if isinstance(bins, bool) or not isinstance(bins, int | np.integer) or bins < 1:
        raise InputError(f"calibration: bins must be a positive integer; got {bins!r}")
    w = None if weights is None else _weights(weights, p.size)
    index = np.minimum((p * bins).astype(int), bins - 1)
    n = np.bincount(index, weights=w, minlength=bins)  # whole counts when unweighted
    w = np.ones_like(p) if w is None else w
    k = np.bincount(index, weights=w * y, minlength=bins)
    prob_sum = np.bincount(index, weights=w * p, minlength=bins)
    keep = np.flatnonzero(np.bincount(index, minlength=bins))
    n, k, prob_sum = n[keep], k[keep], prob_sum[keep]
    low, high = _jeffreys(k, n, INTERVAL_MASS)
    frame = pd.DataFrame(
        {
            "bin": keep,
            "low": keep / bins,
            "high": (keep + 1) / bins,
            "n": n,
            "mean_prob": prob_sum / n,
            "observed": k / n,
            "observed_low": low,
            "observed_high": high,
        }
    )
    return frame.loc[:, list(CALIBRATION_COLUMNS)]


def _weights(weights: Any, size: int) -> np.ndarray:
    w = np.asarray(weights, dtype=float).ravel()
    if w.size != size:
        raise InputError(
            f"calibration: weights and probs must have equal lengths; got {w.size} and {size}"
        )
    bad = ~(np.isfinite(w) & (w > 0.0))
    if bad.any():
        raise InputError(f"calibration: weights must be positive; got {plain(w[bad][0])!r}")
    return w


def question_weights(rows: pd.DataFrame) -> pd.Series:
    """Each row's share of its question: 1 / the rows of its (scenario, event).

    The days (or forecasts) of one question share one outcome, so they are not
    independent observations of the forecaster's calibration; weighted this way each
    question counts once, as it does in the scores.
    """
    return 1.0 / rows.groupby(["scenario", "event"])["prob"].transform("size")
