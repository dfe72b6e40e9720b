"""Scoring: hand-computed and independent (scikit-learn) answers, ForecastBench, calibration."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats
from sklearn.metrics import brier_score_loss, log_loss

from forecast.display.plots import plot_calibration
from forecast.errors import InputError
from forecast.scoring.rules import brier_score, calibration_table, log_score
from forecast.scoring.scores import OVERALL, score, standing_forecasts
from tests.conftest import MC_Z


def _history(rows: list[tuple]) -> pd.DataFrame:
    """History frame from (forecast_id, scenario, event, as_of, prob) tuples."""
    frame = pd.DataFrame(rows, columns=["forecast_id", "scenario", "event", "as_of", "prob"])
    return frame.assign(
        created_at=pd.Timestamp("2026-01-01", tz="UTC") + pd.to_timedelta(frame.index, "min"),
        trigger="reforecast",
        low=frame["prob"] / 2,
        high=(1 + frame["prob"]) / 2,
        mcse=0.01,
    )


def _resolutions(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["scenario", "event", "outcome", "resolved_on"])


def test_hand_computed_scores() -> None:
    assert brier_score([0.5] * 4, [0, 1, 1, 0]) == 0.25
    assert brier_score([1.0, 0.0], [1, 0]) == 0.0
    assert brier_score([0.9, 0.2, 0.6], [1, 0, 0]) == pytest.approx((0.01 + 0.04 + 0.36) / 3)
    assert log_score([0.8, 0.3], [1, 0]) == pytest.approx((math.log(0.8) + math.log(0.7)) / 2)
    assert log_score([1.0, 0.0], [1, 0]) == 0.0  # a perfect forecast scores exactly 0
    # A certain miss is clipped at 1e-12, not minus infinity.
    assert log_score([0.0], [1]) == pytest.approx(math.log(1e-12))


@given(st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 1)), min_size=1, max_size=50))
def test_score_laws(pairs) -> None:
    probs, outcomes = zip(*pairs, strict=True)
    assert 0.0 <= brier_score(probs, outcomes) <= 1.0
    assert math.log(1e-12) - 1e-9 <= log_score(probs, outcomes) <= 0.0
    table = calibration_table(probs, outcomes, bins=7)
    assert table["n"].sum() == len(probs)
    assert (table["n"] * table["mean_prob"]).sum() == pytest.approx(sum(probs))
    assert (table["n"] * table["observed"]).sum() == pytest.approx(sum(outcomes))


def test_scores_match_scikit_learn(rng) -> None:
    probs = rng.uniform(0.001, 0.999, 500)
    outcomes = (rng.random(500) < probs).astype(int)
    assert abs(brier_score(probs, outcomes) - brier_score_loss(outcomes, probs)) < 1e-12
    assert abs(log_score(probs, outcomes) + log_loss(outcomes, probs, labels=[0, 1])) < 1e-12


def test_forecastbench_crowd_brier(shared_dir) -> None:
    # The derived CSV holds one row per (question set, market question) with the crowd's
    # market value at the freeze date and the 0/1 resolution (see its NOTICE.txt); every row
    # counts, as in the shared data README's "crowd Brier about 0.093".
    path = shared_dir / "data" / "forecastbench" / "forecastbench_market_questions_resolved.csv"
    data = pd.read_csv(path)
    value = brier_score(data["crowd_value_at_freeze"], data["resolved_to"])
    print(f"ForecastBench crowd Brier over {len(data)} rows: {value:.6f}")
    assert len(data) == 2015
    assert 0.088 <= value <= 0.098


def _within_tolerance(table: pd.DataFrame) -> pd.Series:
    se = np.sqrt(table["mean_prob"] * (1 - table["mean_prob"]) / table["n"])
    return (table["observed"] - table["mean_prob"]).abs() <= MC_Z * se


def test_calibration_of_calibrated_and_miscalibrated_samples(rng) -> None:
    probs = rng.random(20_000)
    calibrated = calibration_table(probs, rng.random(20_000) < probs)
    assert list(calibrated["bin"]) == list(range(10))
    assert calibrated["n"].sum() == 20_000
    assert _within_tolerance(calibrated).all()
    too_high = calibration_table(probs, rng.random(20_000) < probs**3)
    assert not _within_tolerance(too_high[too_high["bin"] >= 5]).any()
    for table in (calibrated, too_high):
        assert (table["observed_low"] <= table["observed"]).all()
        assert (table["observed"] <= table["observed_high"]).all()
        assert ((table["low"] <= table["mean_prob"]) & (table["mean_prob"] < table["high"])).all()


def test_calibration_table_bins_and_jeffreys() -> None:
    table = calibration_table([0.05, 0.15, 0.15, 1.0], [0, 1, 0, 1], bins=5)
    assert list(table.columns) == [
        "bin", "low", "high", "n", "mean_prob", "observed", "observed_low", "observed_high",
    ]  # fmt: skip
    assert list(table["bin"]) == [0, 4]  # empty bins left out; 1.0 falls in the last bin
    assert list(table["n"]) == [3, 1]
    assert table["observed"].iloc[0] == pytest.approx(1 / 3)
    # Jeffreys 90% for 1 success in 3: the 5% and 95% quantiles of Beta(1.5, 2.5), checked
    # by integrating its density directly (midpoint rule, error far below 1e-6).
    grid = (np.arange(1_000_000) + 0.5) / 1_000_000
    density = grid**0.5 * (1 - grid) ** 1.5 * math.gamma(4) / (math.gamma(1.5) * math.gamma(2.5))
    cdf = np.cumsum(density) / 1_000_000
    for bound, mass in (("observed_low", 0.05), ("observed_high", 0.95)):
        x = table[bound].iloc[0]
        assert cdf[int(x * 1_000_000)] == pytest.approx(mass, abs=1e-5)
    assert table["observed_high"].iloc[1] == 1.0  # all successes: upper bound is 1


def test_standing_forecasts_daily_and_each() -> None:
    history = _history([(1, "s", "visit", "2018-05-13", 0.3), (2, "s", "visit", "2018-05-15", 0.6)])
    resolutions = _resolutions([("s", "visit", 0, "2018-05-18")])
    daily = standing_forecasts(history, resolutions)
    assert list(daily["date"].dt.strftime("%m-%d")) == ["05-13", "05-14", "05-15", "05-16", "05-17"]
    assert list(daily["forecast_id"]) == [1, 1, 2, 2, 2]
    assert list(daily["prob"]) == [0.3, 0.3, 0.6, 0.6, 0.6]
    assert (daily["outcome"] == 0).all()
    report = score(history, resolutions)
    assert report.overall["brier"] == pytest.approx((2 * 0.09 + 3 * 0.36) / 5)
    assert report.overall["n_rows"] == 5
    assert report.overall["n_forecasts"] == 2
    each = score(history, resolutions, mode="each")
    assert each.overall["brier"] == pytest.approx((0.09 + 0.36) / 2)
    assert len(standing_forecasts(history, resolutions, mode="each")) == 2


def test_standing_forecasts_edges() -> None:
    history = _history(
        [
            (1, "s", "a", "2018-05-13", 0.2),
            (2, "s", "a", "2018-05-13", 0.4),  # later the same day: it stands
            (3, "s", "a", "2018-05-15", 0.9),  # on the resolution day: not scored
            (4, "s", "b", "2018-05-13", 0.5),  # unresolved: not scored
        ]
    )
    resolutions = _resolutions([("s", "a", 1, "2018-05-15")])
    rows = standing_forecasts(history, resolutions)
    assert list(rows["forecast_id"]) == [2, 2]
    assert list(rows["prob"]) == [0.4, 0.4]
    # Without an as_of date a forecast stands from the UTC day it was made.
    undated = history.assign(as_of=None, created_at=pd.Timestamp("2018-05-14 23:30", tz="UTC"))
    assert list(standing_forecasts(undated, resolutions)["date"].dt.day) == [14]


def test_score_report_per_scenario_and_overall() -> None:
    history = _history(
        [
            (1, "japan", "visit", "2018-05-13", 0.4),
            (2, "japan", "meet", "2018-05-13", 0.8),
            (3, "japan", "meet", "2018-06-01", 0.9),
            (4, "korea", "summit", "2018-05-13", 0.7),
            (5, "korea", "never", "2018-05-13", 0.5),
        ]
    )
    resolutions = _resolutions(
        [
            ("japan", "visit", 0, "2018-06-13"),
            ("japan", "meet", 1, "2018-06-07"),
            ("korea", "summit", 1, "2018-06-12"),
            ("korea", "never", 1, "2018-05-13"),  # resolved before any forecast
        ]
    )
    report = score(history, resolutions)
    table = report.table.set_index("scenario")
    assert list(table.index) == ["japan", "korea", OVERALL]
    # Each event weighs the same: visit 0.16 every day; meet 19 days at 0.04, 6 at 0.01.
    meet = (19 * 0.04 + 6 * 0.01) / 25
    assert table.loc["japan", "brier"] == pytest.approx((0.16 + meet) / 2)
    assert table.loc["korea", "brier"] == pytest.approx(0.09)
    assert table.loc[OVERALL, "brier"] == pytest.approx((0.16 + meet + 0.09) / 3)
    assert table.loc["korea", "log_score"] == pytest.approx(math.log(0.7))
    assert list(table["n_events"]) == [2, 1, 3]
    assert report.unscored == (("korea", "never"),)
    assert report.calibration_for("korea")["n"].sum() == pytest.approx(1.0)  # 30 days, 1 event
    assert set(report.calibration["scenario"]) == {"japan", "korea", OVERALL}
    payload = json.loads(json.dumps(report.to_dict()))
    assert payload["mode"] == "daily"
    assert payload["scores"][-1]["scenario"] == OVERALL
    assert "higher is better" in payload["conventions"]["log_score"]


def test_daily_calibration_counts_questions_not_days() -> None:
    # a: 29 days at 0.85, happened; b: 1 day at 0.85, did not; c: 10 days at 0.85 then 10 at
    # 0.35, happened. Counting questions, bin 0.8-0.9 holds a, b and half of c: n = 2.5 with
    # 1.5 outcomes; bin 0.3-0.4 holds the other half of c (counting days: 40 and 10).
    history = _history(
        [
            (1, "s", "a", "2018-05-01", 0.85),
            (2, "s", "b", "2018-05-01", 0.85),
            (3, "s", "c", "2018-05-01", 0.85),
            (4, "s", "c", "2018-05-11", 0.35),
        ]
    )
    resolutions = _resolutions(
        [("s", "a", 1, "2018-05-30"), ("s", "b", 0, "2018-05-02"), ("s", "c", 1, "2018-05-21")]
    )
    report = score(history, resolutions)
    table = report.calibration_for().set_index("bin")
    assert report.overall["n_rows"] == 50
    expected = {3: (0.5, 0.5), 8: (2.5, 1.5)}  # bin: (questions, questions that happened)
    assert sorted(table.index) == sorted(expected)
    for bin_, (n, k) in expected.items():
        row = table.loc[bin_]
        low = 0.0 if k == 0 else stats.beta.ppf(0.05, k + 0.5, n - k + 0.5)
        high = 1.0 if k == n else stats.beta.ppf(0.95, k + 0.5, n - k + 0.5)
        assert row["n"] == pytest.approx(n)
        assert row["observed"] == pytest.approx(k / n)
        assert (row["observed_low"], row["observed_high"]) == pytest.approx((low, high))
    # The plot draws the same intervals.
    ax = plot_calibration(report.calibration_for())
    (bars,) = [c for c in ax.collections if hasattr(c, "get_segments")]
    drawn = sorted(value for seg in bars.get_segments() for value in (seg[0][1], seg[1][1]))
    assert drawn == pytest.approx(sorted([*table["observed_low"], *table["observed_high"]]))
    assert "n counts questions" in report.to_dict()["conventions"]["calibration"]


@pytest.mark.parametrize(
    ("probs", "outcomes", "message"),
    [
        ([], [], "probs must be non-empty; got 0"),
        ([0.5, 0.5], [1], "equal lengths; got 2 and 1"),
        ([0.5, 1.4], [1, 0], r"probs must be in \[0, 1\]; got 1.4"),
        ([float("nan")], [1], r"probs must be in \[0, 1\]; got nan"),
        ([0.5], [2], "outcomes must be 0 or 1; got 2"),
    ],
)
def test_score_input_errors(probs, outcomes, message) -> None:
    for function in (brier_score, log_score, calibration_table):
        with pytest.raises(InputError, match=message):
            function(probs, outcomes)


def test_frame_errors() -> None:
    history = _history([(1, "s", "a", "2018-05-13", 0.2)])
    resolved = _resolutions([("s", "a", 1, "2018-05-15")])
    with pytest.raises(InputError, match="bins must be a positive integer; got 0"):
        calibration_table([0.5], [1], bins=0)
    with pytest.raises(InputError, match=r"mode must be one of \['daily', 'each'\]; got 'weekly'"):
        standing_forecasts(history, resolved, mode="weekly")
    with pytest.raises(InputError, match=r"history: missing columns \['as_of'\]"):
        standing_forecasts(history.drop(columns="as_of"), resolved)
    with pytest.raises(InputError, match=r"history: prob must be in \[0, 1\]; got 1.5"):
        standing_forecasts(history.assign(prob=1.5), resolved)
    with pytest.raises(InputError, match="resolutions: outcome must be 0 or 1; got 3"):
        standing_forecasts(history, resolved.assign(outcome=3))
    with pytest.raises(InputError, match=r"one resolution per .*got two for \('s', 'a'\)"):
        standing_forecasts(history, pd.concat([resolved, resolved]))
    with pytest.raises(InputError, match="no resolved event has a forecast dated before"):
        score(history, resolved.assign(resolved_on="2018-05-01"))
    with pytest.raises(InputError, match="score report: no scenario 'x'"):
        score(history, resolved).calibration_for("x")
