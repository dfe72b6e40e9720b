"""``forecast backtest`` end to end (in this process, ``--workers 0``), and its one-line errors."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from benchmarks import synthetic
from forecast.cli import main
from forecast.scenario import default_scenario_path, load_scenario
from forecast.store.store import open_store

TIMELINE = Path(__file__).resolve().parents[1] / "fixtures" / "timeline"
EXAMPLE = default_scenario_path().parent / "articles" / "us_japan_2018-05-13.txt"

DESK = synthetic.desk(2, 2, n_events=3, claims_per_article=2, seed=8)
QUICK = ["--draws", "60", "--seed", "4", "--workers", "0"]
"""Small draws, in this process (a cluster is tested in test_batch.py)."""


@pytest.fixture
def desk_store(tmp_path):
    path = tmp_path / "desk.sqlite"
    with open_store(path) as store:
        DESK.fill(store)
    return path


@pytest.mark.slow
def test_backtest_scores_every_forecast_and_draws_the_calibration(desk_store, tmp_path, capsys):
    plot = tmp_path / "calibration.png"
    # Enough draws that reweighting keeps the effective sample size the engine requires.
    argv = ["backtest", "--store", str(desk_store), "--format", "json",
            "--plot", str(plot), *QUICK, "--draws", "300"]  # fmt: skip
    assert main(argv) == 0
    out, err = capsys.readouterr()
    report = json.loads(out)
    overall = report["scores"][-1]
    assert overall["scenario"] == "(overall)"
    assert overall["n_events"] == len(DESK.resolutions)
    assert overall["n_forecasts"] == 2 * 2  # a forecast per scenario and article date
    assert 0.0 <= overall["brier"] <= 1.0 and overall["log_score"] <= 0.0
    assert "backtest: 4 forecasts of 2 scenario(s)" in err
    # Each scenario's second forecast reweights its first one's posterior, as ingest would.
    assert "backtest: 2 of 4 forecasts reweighted the previous one's posterior" in err
    assert plot.stat().st_size > 0
    with open_store(desk_store) as store:
        assert store.forecast_history().empty  # a backtest only reads the store


def test_a_store_without_resolutions_is_one_line(tmp_path, capsys):
    path = tmp_path / "store.sqlite"
    with open_store(path) as store:
        store.save_scenario(DESK.scenarios[0])
        article, claims = DESK.articles[0]
        store.add_article(article, claims)
    assert main(["backtest", "--store", str(path), *QUICK]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == ("forecast: error: backtest: no resolved event has news published "
                       "before its resolution; got 0 resolution(s)")  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--workers", "-1"], "--workers: must be >= 0; got -1"),
        (["{tmp}/missing"], "{tmp}/missing: not a folder; expected a folder of articles"),
        (["{tmp}/empty"], "{tmp}/empty: no article files"),
    ],
)
def test_bad_options_are_one_line(desk_store, tmp_path, capsys, argv, message):
    (tmp_path / "empty").mkdir()
    argv = [arg.format(tmp=tmp_path) for arg in argv]
    assert main(["backtest", "--store", str(desk_store), *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"forecast: error: {message.format(tmp=tmp_path)}")


def test_no_store_is_one_line(tmp_path, capsys):
    assert main(["backtest", "--store", str(tmp_path / "none.sqlite")]) == 2
    assert capsys.readouterr().err == f"forecast: error: no store at {tmp_path}/none.sqlite\n"


@pytest.mark.slow
def test_a_folder_of_articles_is_replayed_against_the_stores_resolutions(tmp_path, capsys):
    folder = _news_folder(tmp_path)
    store_file = tmp_path / "store.sqlite"
    with open_store(store_file) as store:
        store.save_scenario(load_scenario(TIMELINE / "scenario.toml"))
        store.resolve("us_japan_2018_small", "visit", False, dt.date(2018, 6, 20))
        store.resolve("us_japan_2018_small", "g7_meeting", True, dt.date(2018, 6, 8))
    argv = ["backtest", str(folder), "--store", str(store_file), "--format", "json", *QUICK]
    assert main(argv) == 0
    scores = {row["scenario"]: row for row in json.loads(capsys.readouterr().out)["scores"]}
    # Four dated articles touch the scenario: one forecast as of each date. The G7 meeting
    # resolves on June 8, so only the forecasts of May 13, June 1 and June 5 score for it.
    assert scores["(overall)"]["n_forecasts"] == 4
    assert scores["(overall)"]["n_events"] == 2


def _news_folder(tmp_path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for path in (EXAMPLE, *sorted(TIMELINE.glob("2018-*.txt"))):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.mark.slow
def test_a_folder_model_and_resolutions_file_need_no_store(tmp_path, capsys):
    outcomes = tmp_path / "outcomes.csv"
    outcomes.write_text("scenario,event,outcome,date\n"
                        "us_japan_2018_small,visit,no,2018-06-20\n"
                        "us_japan_2018_small,g7_meeting,yes,2018-06-08\n")  # fmt: skip
    argv = ["backtest", str(_news_folder(tmp_path)), "--model", str(TIMELINE / "scenario.toml"),
            "--resolutions", str(outcomes), "--store", str(tmp_path / "none.sqlite"),
            "--format", "json", *QUICK]  # fmt: skip
    assert main(argv) == 0
    scores = {row["scenario"]: row for row in json.loads(capsys.readouterr().out)["scores"]}
    # As with the same outcomes recorded in a store (the test above).
    assert scores["(overall)"]["n_forecasts"] == 4
    assert scores["(overall)"]["n_events"] == 2
    assert not (tmp_path / "none.sqlite").exists()


def test_a_bad_resolutions_file_is_one_line_before_any_extraction(desk_store, tmp_path, capsys):
    outcomes = tmp_path / "outcomes.csv"
    outcomes.write_text(
        f"scenario,event,outcome,date\n{DESK.scenarios[0].name},e00,no,2018-06-20\n"
    )
    argv = ["backtest", str(_news_folder(tmp_path)), "--store", str(desk_store),
            "--resolutions", str(outcomes), *QUICK]  # fmt: skip
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"forecast: error: {outcomes}: line 2: event: no event 'e00' in scenario "
        f"'{DESK.scenarios[0].name}' (did you mean 'e0'?)\n"
    )
