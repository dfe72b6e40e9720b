"""End-to-end tests of ``forecast run`` through ``main([...])``, at small sizes.

Sizes come from ``$FORECAST_DRAWS`` (or ``--draws``), the same code path as a full run.
Small runs may miss the ESS bar, so exit 3 (printed, with a diagnostics warning) counts
as a completed run here; exit 2 is an input error.
"""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import forecast
from forecast.cli import main
from forecast.cli.common import draws_option
from forecast.cli.engine import EXIT_UNRELIABLE
from forecast.errors import InputError
from forecast.scenario import default_scenario_path, load_scenario

REPO = Path(__file__).resolve().parents[2]
MODELS = sorted((REPO / "models").glob("*.toml"))
DONE = (0, EXIT_UNRELIABLE)
EVENT_KEYS = {"event", "question", "prob", "low", "high", "mcse", "label", "drivers"}
DRIVER_KEYS = {"quote", "cue", "source", "kind", "published", "delta", "link"}


@pytest.fixture(autouse=True)
def small_draws(monkeypatch):
    monkeypatch.setenv("FORECAST_DRAWS", "100")


def run_json(capsys, *argv: str) -> tuple[dict, str]:
    code = main(["run", "--format", "json", "--seed", "1", *argv])
    out, err = capsys.readouterr()
    assert code in DONE, err
    return json.loads(out), err


def test_default_run_json_has_the_stable_names(capsys):
    payload, err = run_json(capsys, "--draws", "200")
    assert "sampling 2 chains x 200 draws" in err
    assert payload["scenario"] == "us_japan_2018"
    assert payload["as_of"] == "2018-05-13" and payload["standard"] == "reader"
    assert {"scenario", "as_of", "standard", "events", "scenarios", "diagnostics"} <= set(payload)
    for event in payload["events"]:
        assert set(event) >= EVENT_KEYS
        assert 0 <= event["low"] <= event["prob"] <= event["high"] <= 1
        for driver in event["drivers"]:
            assert set(driver) == DRIVER_KEYS
    assert any(event["drivers"] for event in payload["events"])
    names = {event["event"] for event in payload["events"]}
    for joint in payload["scenarios"]:
        assert set(joint) == {"events", "prob", "mcse"} and set(joint["events"]) == names
    assert set(payload["diagnostics"]) == {"r_hat", "ess", "divergences", "ok", "messages"}


@pytest.mark.parametrize("model", MODELS, ids=[path.stem for path in MODELS])
def test_every_model_file_runs(model, capsys):
    code = main(["run", "--model", str(model), "--seed", "2"])
    out, err = capsys.readouterr()
    assert code in DONE, err
    assert "90% interval" in out and "most probable joint scenarios" in out
    assert "diagnostics:" in out and "done in" in err


def test_csv_is_the_events_table(capsys, tmp_path):
    code = main(["run", "--format", "csv", "--seed", "3"])
    out, err = capsys.readouterr()
    assert code in DONE, err
    assert out.splitlines()[0] == "event,question,prob,low,high,mcse,label,top_driver"


def test_run_article_without_model_drafts_a_scenario(capsys, tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(
        "Leaders to meet\n"
        "Officials said the two leaders are expected to meet in Geneva next month. "
        "The talks will almost certainly cover trade.\n",
        encoding="utf-8",
    )
    payload, err = run_json(capsys, str(article), "--published", "2020-03-01")
    assert "drafted scenario 'draft_story'" in err
    assert payload["scenario"] == "draft_story" and payload["events"]
    assert payload["as_of"] == "2020-03-01"


def test_a_backdated_draft_never_sees_later_articles_and_says_so(capsys, tmp_path):
    early, late = tmp_path / "early.txt", tmp_path / "late.txt"
    early.write_text("TOKYO, May 13, 2018 - Trump may visit Japan next month.\n")
    late.write_text("SEOUL, June 20, 2018 - Kim may visit Seoul next month.\n")
    payload, err = run_json(capsys, str(early), str(late), "--as-of", "2018-06-01")
    assert "leaving out 1 claim after --as-of" in err
    assert [event["question"] for event in payload["events"]] == [
        "Will Trump visit Japan by 2018-06-30?"
    ]
    assert main(["run", str(late), "--as-of", "2018-06-01"]) == 2
    assert "every article is published after --as-of 2018-06-01" in capsys.readouterr().err


def test_an_article_with_no_askable_claim_gets_a_clear_message(capsys, tmp_path):
    vague = tmp_path / "vague.txt"
    vague.write_text("He may do it. It could happen.\n", encoding="utf-8")
    assert main(["run", str(vague), "--published", "2018-05-13"]) == 2
    err = capsys.readouterr().err.splitlines()[-1]
    assert err.startswith(f"forecast: error: {vague}: no forward-looking claim names a happening")


def test_bad_model_file_is_one_line_and_exit_2(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\ntitle = \n', encoding="utf-8")
    assert main(["run", "--model", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(bad) in err and err.startswith("forecast: error:")


def test_article_without_claims_cannot_be_drafted(capsys, tmp_path):
    flat = tmp_path / "flat.txt"
    flat.write_text("Tokyo is the capital of Japan.\n", encoding="utf-8")
    assert main(["run", str(flat)]) == 2
    err = capsys.readouterr().err
    assert "no claims found, so no scenario can be drafted" in err
    assert err.splitlines()[-1].startswith("forecast: error:")


def test_draws_come_from_the_option_then_the_environment():
    assert draws_option(50, {"FORECAST_DRAWS": "7"}) == 50
    assert draws_option(None, {"FORECAST_DRAWS": "7"}) == 7
    assert draws_option(None, {}) == 1000
    with pytest.raises(InputError, match="FORECAST_DRAWS: must be a whole number; got 'many'"):
        draws_option(None, {"FORECAST_DRAWS": "many"})
    with pytest.raises(InputError, match="--draws: must be >= 1; got 0"):
        draws_option(0, {})


def test_bad_options_are_one_line_errors(capsys):
    assert main(["run", "--chains", "0"]) == 2
    assert "--chains: must be >= 1; got 0" in capsys.readouterr().err
    assert main(["run", "--as-of", "13 May"]) == 2
    assert "--as-of: expected an ISO date" in capsys.readouterr().err


def test_help_does_not_import_pymc_and_documents_exit_codes():
    code = (
        "import sys\n"
        "from forecast.cli import main\n"
        "for argv in (['--help'], ['run', '--help']):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('pymc' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.splitlines()[-1] == "False"
    assert "exit codes:" in done.stdout and "FORECAST_DRAWS" in done.stdout


@pytest.mark.slow
def test_the_forecast_program_keeps_dask_out_unless_the_command_batches():
    """xarray imports Dask on the first array it wraps when Dask is installed; ``forecast
    run`` builds draws with xarray and never batches, so Dask must not load. A caller's
    own process (``main`` without ``own_process``) and batch commands keep Dask."""
    code = (
        "import sys\n"
        "from forecast.cli import build_parser, main\n"
        "code = main(['run', '--format', 'json', '--seed', '1'], own_process=True)\n"
        "print(code, 'xarray' in sys.modules, 'dask.base' in sys.modules)\n"
        "flags = [build_parser().parse_args(argv).batches for argv in (['reforecast'], "
        "['backtest', '--store', 'x'])]\n"
        "print(flags, getattr(build_parser().parse_args(['run']), 'batches', False))\n"
    )
    env = {**os.environ, "FORECAST_DRAWS": "100"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, env=env, check=True)  # fmt: skip
    status, flags = done.stdout.splitlines()[-2:]
    assert status.split()[1:] == ["True", "False"] and int(status.split()[0]) in DONE
    assert flags == "[True, True] False"
    kept = "import sys; from forecast.cli import main; import xarray, numpy; "
    kept += "xarray.DataArray(numpy.zeros(2)); print('dask.base' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", kept], capture_output=True, text=True,
                          cwd=REPO, check=True)  # fmt: skip
    assert done.stdout.split() == ["True"]


def test_seed_article_runs_through_the_shipped_model(seed_article_path, capsys):
    payload, _ = run_json(
        capsys,
        str(seed_article_path),
        "--model",
        str(REPO / "models" / "us_japan_2018.toml"),
        "--published",
        "2018-05-13",
    )
    assert payload["as_of"] == "2018-05-13"
    quotes = [d["quote"] for event in payload["events"] for d in event["drivers"]]
    assert any("may stop in Japan" in quote for quote in quotes)


def test_backdated_run_leaves_out_later_news_and_says_how_much(capsys):
    from forecast.language.extract import extract_claims
    from forecast.reading.article import read_article
    from forecast.scenario import default_scenario_path, load_scenario

    (path,) = load_scenario(default_scenario_path()).article_paths()
    n_claims = len(extract_claims(read_article(path)))  # all published 2018-05-13
    payload, err = run_json(capsys, "--as-of", "2018-01-01")
    assert payload["as_of"] == "2018-01-01" and payload["n_excluded"] == n_claims > 0
    assert all(event["n_claims"] == 0 and not event["drivers"] for event in payload["events"])
    assert f"as of 2018-01-01: left out {n_claims} claims from articles published after" in err


def test_run_past_deadlines_names_the_events(capsys):
    import tomllib

    events = tomllib.loads((REPO / "models" / "us_japan_2018.toml").read_text())["events"]
    past = [name for name, event in events.items() if str(event["deadline"]) < "2018-06-13"]
    payload, err = run_json(capsys, "--as-of", "2018-06-13")
    assert past and payload["past_deadline"] == past and payload["n_excluded"] == 0
    assert f"as of 2018-06-13: past the deadline of {', '.join(past)} (" in err
    status = {event["event"]: event["status"] for event in payload["events"]}
    assert {name for name, state in status.items() if state == "due"} == set(past)


def test_a_due_event_is_shown_as_due_not_forecast(capsys):
    assert main(["run", "--as-of", "2018-06-13", "--chains", "1", "--seed", "1"]) in DONE
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines() if line}
    assert rows["summit"][1:3] == ["due", "-"] and rows["summit"][3:5] == ["deadline", "2018-06-12"]
    assert rows["visit"][1] != "due"


def test_links_say_why_in_json(capsys):
    payload, _ = run_json(capsys)
    links = {driver["link"] for event in payload["events"] for driver in event["drivers"]}
    assert links and links <= {"match: all_of", "match: against"}


def test_counts_are_singular_for_one(capsys):
    assert main(["run", "--chains", "1", "--seed", "1", "--format", "json"]) in DONE
    assert "sampling 1 chain x 100 draws (8 claims)" in capsys.readouterr().err


def test_the_shipped_example_by_name_lives_in_the_package(capsys):
    """``--model example`` needs no checkout: the scenario and its articles are package data."""
    data = Path(forecast.__file__).resolve().parent / "data"
    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    packaged = settings["tool"]["setuptools"]["package-data"]["forecast.data"]
    shipped = default_scenario_path()
    files = [shipped, *load_scenario(shipped).article_paths()]
    for path in files:
        inside = Path(os.path.normpath(path)).relative_to(data).as_posix()
        assert path.is_file() and any(fnmatch.fnmatch(inside, glob) for glob in packaged), inside
    payload, _ = run_json(capsys, "--model", "example")
    assert payload["scenario"] == "us_japan_2018"
