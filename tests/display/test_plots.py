"""Plots draw headless on small tables and return Axes with the expected artists and labels."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.container import BarContainer, ErrorbarContainer

from forecast.display.plots import (
    plot_calibration,
    plot_forest,
    plot_history,
    plot_lexicon,
    plot_scenarios,
    save_figure,
)
from forecast.errors import InputError
from forecast.language.lexicon import load_lexicon
from forecast.scoring.rules import calibration_table

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _headless_figures():
    plt.switch_backend("Agg")
    yield
    plt.close("all")


@pytest.fixture
def history() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "forecast_id": [1, 2, 3, 4],
            "scenario": ["japan", "japan", "japan", "japan"],
            "event": ["visit", "visit", "meet", "visit"],
            "created_at": pd.to_datetime(["2026-01-01"] * 4, utc=True),
            "as_of": ["2018-05-13", "2018-05-20", "2018-05-13", "2018-06-01"],
            "trigger": ["aa4fdd95", "reforecast", "aa4fdd95", "bb12cd34"],
            "prob": [0.4, 0.35, 0.8, 0.2],
            "low": [0.2, 0.15, 0.6, 0.05],
            "high": [0.6, 0.55, 0.95, 0.4],
            "mcse": [0.01] * 4,
        }
    )


def test_plot_history(history) -> None:
    ax = plot_history(history, "visit", articles={"aa4fdd95": "Trump may stop in Japan"})
    step, markers = ax.get_lines()
    assert len(step.get_xdata()) == 4  # three forecasts, the last drawn standing a while
    assert list(markers.get_ydata()) == [0.4, 0.2]  # the two article-triggered forecasts
    assert sum(isinstance(c, PolyCollection) for c in ax.collections) == 1
    assert [t.get_text() for t in ax.texts] == ["Trump may stop in Japan", "bb12cd34"]
    assert ax.get_title() == "japan: visit"
    assert ax.get_ylabel() == "probability"


def test_plot_history_errors(history) -> None:
    with pytest.raises(InputError, match="no forecasts of event 'land'"):
        plot_history(history, "land")
    two = pd.concat([history, history.assign(scenario="korea")])
    with pytest.raises(InputError, match=r"in several scenarios \['japan', 'korea'\]"):
        plot_history(two, "visit")
    assert plot_history(two, "visit", scenario="korea").get_title() == "korea: visit"
    with pytest.raises(InputError, match=r"history: missing columns \['trigger'\]"):
        plot_history(history.drop(columns="trigger"), "visit")


def test_plot_calibration(rng) -> None:
    probs = rng.random(400)
    table = calibration_table(probs, rng.random(400) < probs, bins=5)
    ax = plot_calibration(table)
    assert len(ax.get_lines()) >= 1  # the diagonal
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(points) == 1 and len(points[0].get_offsets()) == 5
    assert sum(isinstance(c, ErrorbarContainer) for c in ax.containers) == 1
    assert ax.get_ylabel() == "observed frequency"
    with pytest.raises(InputError, match="calibration table: needs at least one row"):
        plot_calibration(table.iloc[:0])


def test_plot_forest() -> None:
    frame = pd.DataFrame(
        {"event": ["visit", "meet", "briefed"], "prob": [0.3, 0.8, 0.6],
         "low": [0.1, 0.6, 0.4], "high": [0.5, 0.95, 0.8]}
    )  # fmt: skip
    _, ax = plt.subplots()
    assert plot_forest(frame, ax=ax) is ax
    (bars,) = ax.containers
    assert isinstance(bars, ErrorbarContainer)
    assert list(bars.lines[0].get_xdata()) == [0.6, 0.8, 0.3]  # first event on top
    assert [t.get_text() for t in ax.get_yticklabels()] == ["briefed", "meet", "visit"]
    with pytest.raises(InputError, match=r"events: missing columns \['low', 'high'\]"):
        plot_forest(frame[["event", "prob"]])


def test_plot_scenarios() -> None:
    frame = pd.DataFrame(
        {
            "visit": [False, True, False, True],
            "meet": [True, True, False, False],
            "prob": [0.5, 0.25, 0.15, 0.1],
            "mcse": [0.01, 0.01, 0.01, 0.01],
        }
    )
    ax = plot_scenarios(frame, top=3)
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert len(bars) == 1 and len(bars[0].patches) == 3
    assert [p.get_width() for p in bars[0].patches] == [0.15, 0.25, 0.5]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["none", "visit + meet", "meet"]
    with pytest.raises(InputError, match="top must be a positive integer; got 0"):
        plot_scenarios(frame, top=0)
    with pytest.raises(InputError, match="needs one bool column per event"):
        plot_scenarios(frame[["prob"]])


def test_plot_lexicon_with_survey() -> None:
    frame = load_lexicon().to_frame()
    survey_cues = frame.loc[frame["provenance"] == "survey", "cue"].head(2)
    survey = pd.DataFrame(
        {cue.title(): [10, 50, 90] for cue in survey_cues} | {"Not A Cue": [1, 2, 3]}
    )
    ax = plot_lexicon(frame, survey=survey, rng=np.random.default_rng(0))
    assert len(ax.get_yticklabels()) == len(frame)
    errorbars = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(errorbars) == frame["provenance"].nunique()
    jittered = [line for line in ax.get_lines() if line.get_color() == "grey"]
    assert len(jittered) == 2 and all(len(line.get_xdata()) == 3 for line in jittered)
    assert sorted(jittered[0].get_xdata()) == [0.1, 0.5, 0.9]
    assert len(plot_lexicon(frame).get_lines()) < len(ax.get_lines())
    with pytest.raises(InputError, match=r"lexicon: missing columns \['provenance'\]"):
        plot_lexicon(frame.drop(columns="provenance"))


def test_save_figure(tmp_path) -> None:
    ax = plot_forest(pd.DataFrame({"event": ["a"], "prob": [0.5], "low": [0.2], "high": [0.8]}))
    for target in (ax, ax.figure):
        path = save_figure(target, tmp_path / "forest.png")
        assert path.read_bytes()[:8] == PNG_SIGNATURE
    with pytest.raises(InputError, match=r"missing/forest\.png: cannot write PNG"):
        save_figure(ax, tmp_path / "missing" / "forest.png")


def test_plot_history_draws_the_last_forecasts_interval(history) -> None:
    ax = plot_history(history, "visit")
    (band,) = [c for c in ax.collections if isinstance(c, PolyCollection)]
    x, y = band.get_paths()[0].vertices.T
    last = mdates.date2num(pd.Timestamp("2018-06-01"))
    beyond = x > last + 0.5  # the band stands past the last forecast's date
    assert beyond.any()
    assert set(np.round(y[beyond], 6)) <= {0.05, 0.4}  # its low and high
