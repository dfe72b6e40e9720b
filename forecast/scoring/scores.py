"""Scoring a store's forecast history against its resolutions: standing forecasts, reports.

The store's tables arrive as DataFrames: ``history`` with columns ``forecast_id, scenario,
event, created_at, as_of, trigger, prob, low, high, mcse`` and ``resolutions`` with
``scenario, event, outcome, resolved_on``.
The scoring rules themselves are in :mod:`~forecast.scoring.rules`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from forecast.errors import InputError
from forecast.scoring.rules import (
    CALIBRATION_COLUMNS,
    INTERVAL_MASS,
    LOG_CLIP,
    calibration_table,
    log_terms,
    plain,
    question_weights,
)

__all__ = ["MODES", "OVERALL", "ScoreReport", "score", "standing_forecasts"]


MODES = ("daily", "each")
OVERALL = "(overall)"
HISTORY_COLUMNS = ("forecast_id", "scenario", "event", "created_at", "as_of", "prob")
RESOLUTION_COLUMNS = ("scenario", "event", "outcome", "resolved_on")
STANDING_COLUMNS = ("scenario", "event", "date", "forecast_id", "as_of", "prob", "outcome")
TABLE_COLUMNS = ("scenario", "n_events", "n_forecasts", "n_rows", "brier", "log_score")


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
            f"resolutions: outcome must be 0 or 1; got {plain(res['outcome'][bad].iloc[0])!r}"
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
            f"history: prob must be in [0, 1]; got {plain(hist['prob'][bad].iloc[0])!r}"
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
        {key: plain(value) for key, value in row.items()} for row in frame.to_dict(orient="records")
    ]


def _summary(name: str, rows: pd.DataFrame) -> dict[str, Any]:
    terms = rows.assign(
        brier=(rows["prob"] - rows["outcome"]) ** 2,
        log_score=log_terms(rows["prob"].to_numpy(float), rows["outcome"].to_numpy(float)),
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
