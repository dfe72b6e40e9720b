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

The store's tables arrive as DataFrames: ``history`` with columns ``forecast_id, scenario,
event, created_at, as_of, trigger, prob, low, high, mcse`` and ``resolutions`` with
``scenario, event, outcome, resolved_on``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from forecast.errors import InputError

__all__ = [
    "LOG_CLIP",
    "MODES",
    "OVERALL",
    "ScoreReport",
    "brier_score",
    "calibration_table",
    "log_score",
    "question_weights",
    "score",
    "standing_forecasts",
]

LOG_CLIP = 1e-12
MODES = ("daily", "each")
OVERALL = "(overall)"
INTERVAL_MASS = 0.9

HISTORY_COLUMNS = ("forecast_id", "scenario", "event", "created_at", "as_of", "prob")
RESOLUTION_COLUMNS = ("scenario", "event", "outcome", "resolved_on")
STANDING_COLUMNS = ("scenario", "event", "date", "forecast_id", "as_of", "prob", "outcome")
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
TABLE_COLUMNS = ("scenario", "n_events", "n_forecasts", "n_rows", "brier", "log_score")


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
        raise InputError(f"scoring: probs must be in [0, 1]; got {_plain(p[bad][0])!r}")
    bad = ~np.isin(y, (0.0, 1.0))
    if bad.any():
        raise InputError(f"scoring: outcomes must be 0 or 1; got {_plain(y[bad][0])!r}")
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


def _log_terms(p: np.ndarray, y: np.ndarray) -> np.ndarray:
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
    return float(np.mean(_log_terms(p, y)))


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
        raise InputError(f"calibration: weights must be positive; got {_plain(w[bad][0])!r}")
    return w


def question_weights(rows: pd.DataFrame) -> pd.Series:
    """Each row's share of its question: 1 / the rows of its (scenario, event).

    The days (or forecasts) of one question share one outcome, so they are not
    independent observations of the forecaster's calibration; weighted this way each
    question counts once, as it does in the scores.
    """
    return 1.0 / rows.groupby(["scenario", "event"])["prob"].transform("size")


def _require_columns(frame: pd.DataFrame, columns: Sequence[str], name: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise InputError(f"{name}: missing columns {missing}; got {list(frame.columns)}")


def _clean_resolutions(resolutions: pd.DataFrame) -> pd.DataFrame:
    _require_columns(resolutions, RESOLUTION_COLUMNS, "resolutions")
    res = resolutions.loc[:, list(RESOLUTION_COLUMNS)].copy()
    bad = ~res["outcome"].isin((0, 1))
    if bad.any():
        raise InputError(
            f"resolutions: outcome must be 0 or 1; got {_plain(res['outcome'][bad].iloc[0])!r}"
        )
    twice = res.duplicated(["scenario", "event"])
    if twice.any():
        row = res[twice].iloc[0]
        raise InputError(
            f"resolutions: one resolution per (scenario, event); "
            f"got two for ({row['scenario']!r}, {row['event']!r})"
        )
    res["outcome"] = res["outcome"].astype(int)
    res["resolved_on"] = pd.to_datetime(res["resolved_on"]).dt.normalize()
    return res


def _resolved_history(history: pd.DataFrame, resolutions: pd.DataFrame) -> pd.DataFrame:
    """Forecasts of resolved events made (as of) strictly before the resolution date."""
    _require_columns(history, HISTORY_COLUMNS, "history")
    hist = history.loc[:, list(HISTORY_COLUMNS)].copy()
    hist["created_at"] = pd.to_datetime(hist["created_at"], utc=True)
    # A forecast without an as_of date stands from the (UTC) day it was made.
    made_on = hist["created_at"].dt.tz_localize(None).dt.normalize()
    hist["as_of"] = pd.to_datetime(hist["as_of"]).dt.normalize().fillna(made_on)
    prob = pd.to_numeric(hist["prob"], errors="coerce")
    bad = ~prob.between(0.0, 1.0)
    if bad.any():
        raise InputError(
            f"history: prob must be in [0, 1]; got {_plain(hist['prob'][bad].iloc[0])!r}"
        )
    merged = hist.merge(_clean_resolutions(resolutions), on=["scenario", "event"])
    merged = merged[merged["as_of"] < merged["resolved_on"]]
    return merged.sort_values(["scenario", "event", "as_of", "created_at", "forecast_id"])


def _daily_rows(group: pd.DataFrame) -> pd.DataFrame:
    # Several forecasts on one day: the last one made (by created_at) is the one standing.
    last = group.drop_duplicates("as_of", keep="last").set_index("as_of")
    days = pd.date_range(last.index[0], group["resolved_on"].iloc[0], inclusive="left")
    standing = last.reindex(days, method="ffill")
    standing["as_of"] = last.index[last.index.searchsorted(days, side="right") - 1]
    return standing.rename_axis("date").reset_index()


def standing_forecasts(
    history: pd.DataFrame, resolutions: pd.DataFrame, *, mode: str = "daily"
) -> pd.DataFrame:
    """The forecasts to score for every resolved event, one row each, with the outcome.

    ``mode="daily"`` (the default) scores the forecast standing on each day, as forecasting
    tournaments do (the Good Judgment Project's mean daily Brier score; Mellers et al. 2014,
    Psychol. Sci. 25(5)): for each resolved event, one row per calendar day from its first
    forecast's ``as_of`` date up to, not including, its ``resolved_on`` date, carrying the
    latest forecast whose ``as_of`` is on or before that day (the latest ``created_at`` among
    several on one day; a missing ``as_of`` falls back to the UTC date of ``created_at``).
    A forecast held for ten days thus counts ten times as much as one replaced the next day.
    ``mode="each"`` scores every recorded forecast made before the resolution date once, as
    it is. Forecasts dated on or after the resolution date and events with no resolution
    are left out.

    Columns: ``scenario, event, date, forecast_id, as_of, prob, outcome``.

    Raises
    ------
    InputError
        If ``mode`` is unknown, a frame lacks a column, a probability is outside [0, 1], an
        outcome is not 0/1, or an event is resolved twice.
    """
    if mode not in MODES:
        raise InputError(f"scoring: mode must be one of {list(MODES)}; got {mode!r}")
    merged = _resolved_history(history, resolutions)
    if merged.empty:
        return pd.DataFrame(columns=list(STANDING_COLUMNS))
    if mode == "each":
        rows = merged.assign(date=merged["as_of"])
    else:
        rows = pd.concat(
            [_daily_rows(group) for _, group in merged.groupby(["scenario", "event"], sort=True)],
            ignore_index=True,
        )
    return rows.loc[:, list(STANDING_COLUMNS)].reset_index(drop=True)


@dataclass(frozen=True, slots=True)
class ScoreReport:
    """Scores per scenario and overall, and calibration tables, of standing forecasts.

    ``table`` has one row per scenario plus a last row named :data:`OVERALL`, with columns
    ``scenario, n_events, n_forecasts`` (recorded forecasts that count), ``n_rows`` (rows
    scored: days in daily mode), ``brier`` (0-1 scale, lower is better) and ``log_score``
    (mean natural-log probability of what happened, higher is better, 0 best). Each event
    weighs the same: its rows are averaged first, then events are averaged.
    ``calibration`` stacks :func:`calibration_table` per scenario and overall, with a
    leading ``scenario`` column. It counts questions, not days: each question's rows are
    weighted to sum to one (:func:`question_weights`), so ``n`` is the number of questions
    in a bin (fractional when a question's days fall in several bins) and the interval is
    as wide as that many independent outcomes allow. Counting days would treat 29 days of
    one event as 29 outcomes and make the intervals far too narrow.
    """

    table: pd.DataFrame
    calibration: pd.DataFrame
    mode: str
    bins: int
    unscored: tuple[tuple[str, str], ...]

    @property
    def overall(self) -> pd.Series:
        """The overall row of :attr:`table`."""
        return self.table.set_index("scenario").loc[OVERALL]

    def calibration_for(self, scenario: str = OVERALL) -> pd.DataFrame:
        """The calibration table of one scenario (or overall), as :func:`calibration_table`."""
        rows = self.calibration[self.calibration["scenario"] == scenario]
        if rows.empty:
            raise InputError(
                f"score report: no scenario {scenario!r}; have {list(self.table['scenario'])}"
            )
        return rows.drop(columns="scenario").reset_index(drop=True)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dictionary with stable keys and the scoring conventions stated."""
        return {
            "mode": self.mode,
            "bins": self.bins,
            "conventions": {
                "brier": "mean squared error on the 0-1 scale; 0 best, lower is better",
                "log_score": (
                    f"mean natural-log probability of the outcome; 0 best, higher is better; "
                    f"the probability given to the outcome is clipped below at {LOG_CLIP:g}"
                ),
                "weighting": "each event weighs the same; daily mode averages its days first",
                "calibration": (
                    f"n counts questions (each question's rows weigh one in all); "
                    f"{INTERVAL_MASS:.0%} Jeffreys interval of the observed frequency"
                ),
            },
            "scores": _records(self.table),
            "calibration": _records(self.calibration),
            "unscored": [{"scenario": s, "event": e} for s, e in self.unscored],
        }


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {key: _plain(value) for key, value in row.items()}
        for row in frame.to_dict(orient="records")
    ]


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _summary(name: str, rows: pd.DataFrame) -> dict[str, Any]:
    terms = rows.assign(
        brier=(rows["prob"] - rows["outcome"]) ** 2,
        log_score=_log_terms(rows["prob"].to_numpy(float), rows["outcome"].to_numpy(float)),
    )
    per_event = terms.groupby(["scenario", "event"])[["brier", "log_score"]].mean()
    return {
        "scenario": name,
        "n_events": len(per_event),
        "n_forecasts": rows["forecast_id"].nunique(),
        "n_rows": len(rows),
        "brier": float(per_event["brier"].mean()),
        "log_score": float(per_event["log_score"].mean()),
    }


def score(
    history: pd.DataFrame, resolutions: pd.DataFrame, *, mode: str = "daily", bins: int = 10
) -> ScoreReport:
    """Brier score, log score and calibration of the forecasts standing on resolved events.

    See :func:`standing_forecasts` for what ``mode`` scores and :class:`ScoreReport` for
    the weighting and the conventions.

    Raises
    ------
    InputError
        As :func:`standing_forecasts`, or if no resolved event has a forecast dated before
        its resolution.
    """
    rows = standing_forecasts(history, resolutions, mode=mode)
    if rows.empty:
        raise InputError(
            "scoring: no resolved event has a forecast dated before its resolution; "
            f"got {len(resolutions)} resolutions and {len(history)} forecasts"
        )
    groups = [(str(name), part) for name, part in rows.groupby("scenario", sort=True)]
    groups.append((OVERALL, rows))
    table = pd.DataFrame([_summary(name, part) for name, part in groups], columns=TABLE_COLUMNS)
    calibration = pd.concat(
        [
            calibration_table(
                part["prob"], part["outcome"], bins=bins, weights=question_weights(part)
            ).assign(scenario=name)
            for name, part in groups
        ],
        ignore_index=True,
    )
    calibration = calibration.loc[:, ["scenario", *CALIBRATION_COLUMNS]]
    scored = set(zip(rows["scenario"], rows["event"], strict=True))
    unscored = tuple(
        (str(s), str(e))
        for s, e in zip(resolutions["scenario"], resolutions["event"], strict=True)
        if (s, e) not in scored
    )
    return ScoreReport(table, calibration, mode, bins, unscored)
