"""The store commands end to end through ``main([...])``, on a one-event invented scenario."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

from forecast.cli import main
from forecast.cli.store import STORE_HELP
from forecast.store.location import STORE_ENV
from forecast.store.store import open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "watch"
MODEL = FIXTURES / "geneva.toml"
FIRST = FIXTURES / "2018-06-01_meeting_expected.txt"
SECOND = FIXTURES / "2018-06-08_meeting_doubted.txt"


@pytest.fixture(autouse=True)
def small_draws(monkeypatch):
    monkeypatch.setenv("FORECAST_DRAWS", "100")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A store after ``ingest --model`` of both articles: two forecasts."""
    path = tmp_path_factory.mktemp("cli") / "store.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FORECAST_DRAWS", "100")
        code = main(["ingest", "--store", str(path), "--model", str(MODEL), "--seed", "1",
                     str(FIRST), str(SECOND)])  # fmt: skip
    assert code == 0
    return path


@pytest.fixture
def store(built, tmp_path):
    copy = tmp_path / "store.sqlite"
    copy.write_bytes(built.read_bytes())
    return copy


def test_ingest_again_says_already_stored(store, capsys, monkeypatch):
    monkeypatch.setenv("FORECAST_STORE", str(store))
    assert main(["ingest", str(FIRST), str(SECOND)]) == 0
    out = capsys.readouterr().out
    assert out.count("already stored; nothing changed") == 2
    assert main(["history", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_an_undated_article_leaves_history_reforecast_and_ingest_working(store, capsys, tmp_path):
    undated = tmp_path / "undated.txt"
    text = (
        "Officials said the leaders may meet in Geneva next week, and talks are expected to resume."
    )
    undated.write_text(text + "\n", encoding="utf-8")
    assert main(["ingest", "--store", str(store), str(undated)]) == 0
    assert "stored" in capsys.readouterr().out
    assert main(["history", "--store", str(store), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
    assert main(["reforecast", "--store", str(store)]) == 0
    assert main(["ingest", "--store", str(store), str(FIRST), str(SECOND)]) == 0
    with open_store(store) as opened:
        assert list(opened.articles()["published"]).count(None) == 1


def test_history_table_json_and_plot(store, capsys, tmp_path):
    assert main(["history", "meeting", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "Leaders expected to meet in Geneva" in out and "Geneva talks in doubt" in out
    png = tmp_path / "history.png"
    assert main(["history", "meeting", "--store", str(store), "--plot", str(png),
                 "--format", "json"]) == 0  # fmt: skip
    rows = json.loads(capsys.readouterr().out)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [row["as_of"] for row in rows] == ["2018-06-01", "2018-06-08"]
    assert rows[1]["prob"] < rows[0]["prob"]


def test_history_of_an_unknown_event(store, capsys):
    assert main(["history", "meetin", "--store", str(store)]) == 2
    assert "unknown event 'meetin'" in capsys.readouterr().err


def test_reforecast_adds_a_forecast(store, capsys):
    assert main(["reforecast", "--store", str(store), "--as-of", "2018-06-20", "--seed", "2",
                 "--format", "csv"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("scenario,event,old_prob,new_prob")
    assert "reforecast as of 2018-06-20" in out


def test_reforecast_speaks_for_the_newest_article_unless_told(store, capsys):
    assert main(["reforecast", "--store", str(store), "--seed", "2", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert [row["as_of"] for row in json.loads(captured.out)] == ["2018-06-08"]  # not today
    assert "left out" not in captured.err and "deadline" not in captured.err


def test_backdated_reforecast_says_how_many_claims_it_left_out(store, capsys):
    from forecast.language.extract import extract_claims
    from forecast.reading.article import read_article

    later = len(extract_claims(read_article(SECOND)))  # published 2018-06-08
    assert main(["reforecast", "--store", str(store), "--as-of", "2018-06-05", "--seed", "2"]) == 0
    err = capsys.readouterr().err
    assert f"as of 2018-06-05: left out {later} claim" in err and later > 0


@pytest.mark.parametrize("command", ["reforecast", "watch"])
def test_forecasts_past_a_deadline_say_so(store, capsys, tmp_path, command):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "same.txt").write_text(SECOND.read_text(encoding="utf-8") + "\nThe two leaders "
                                    "may still meet in Geneva.\n", encoding="utf-8")  # fmt: skip
    settled = time.time() - 60  # written a minute ago: complete, so read at the first poll
    os.utime(inbox / "same.txt", (settled, settled))
    argv = {"reforecast": ["reforecast"], "watch": ["watch", str(inbox), "--iterations", "1"]}
    assert main([*argv[command], "--store", str(store), "--as-of", "2018-08-01"]) == 0
    err = capsys.readouterr().err
    assert "as of 2018-08-01: past the deadline of meeting (" in err  # due 2018-07-31


def test_resolve_and_score(store, capsys, tmp_path):
    args = ["--store", str(store)]
    assert main(["resolve", "meeting", "no", "--date", "2018-07-31", *args]) == 0
    assert "geneva_talks.meeting: no on 2018-07-31 (recorded)" in capsys.readouterr().out
    png = tmp_path / "calibration.png"
    assert main(["score", *args, "--plot", str(png)]) == 0
    out = capsys.readouterr().out
    assert "Brier score: 0-1 scale, lower is better" in out
    assert "log score: mean natural-log probability" in out and "higher is better" in out
    assert "(overall)" in out and png.read_bytes()[:4] == b"\x89PNG"
    assert main(["score", *args, "--format", "json", "--mode", "each"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["mode"] == "each" and report["scores"][-1]["n_forecasts"] == 2


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["resolve", "meetng", "yes", "--date", "2018-07-01"], r"unknown event 'meetng'"),
        (["resolve", "meeting", "yes", "--date", "2018-05-01"],
         r"resolved_on 2018-05-01 is before the first forecast of the event \(2018-06-01\)"),
        (["resolve", "meeting", "yes", "--date", "July"], r"--date: expected an ISO date"),
        (["score"], r"no resolved event has a forecast"),
        (["watch", "/no/such/folder", "--iterations", "1"], r"not a folder"),
        (["watch", "x", "--every", "soon"], r"--every: expected a positive number"),
        (["history", "meeting", "--plot", "/no/such/dir/h.png"], r"cannot write PNG"),
    ],
)  # fmt: skip
def test_errors_exit_2_with_one_line(store, capsys, argv, message):
    assert main([*argv, "--store", str(store)]) == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert len(errors) == 1 and errors[0].startswith("forecast: error: ")
    assert re.search(message, errors[0]), errors


def test_corrupt_store_is_refused_and_left_unchanged(tmp_path, capsys):
    bad = tmp_path / "store.sqlite"
    bad.write_bytes(b"this is not a database, just some bytes" * 20)
    before = bad.read_bytes()
    for argv in (["history"], ["ingest", str(FIRST)], ["score"]):
        assert main([*argv, "--store", str(bad)]) == 2
        assert "not a forecast store" in capsys.readouterr().err
    assert bad.read_bytes() == before


@pytest.mark.parametrize(
    "argv",
    [["history"], ["score"], ["resolve", "meeting", "no"], ["reforecast"]],
    ids=lambda argv: argv[0],
)
def test_commands_that_only_read_create_no_store(tmp_path, capsys, argv):
    typo = tmp_path / "typo" / "store.sqlite"
    assert main([*argv, "--store", str(typo)]) == 2
    assert capsys.readouterr().err.strip() == f"forecast: error: no store at {typo}"
    assert not typo.parent.exists()


def test_watch_folder_through_the_cli(tmp_path, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text(FIRST.read_text(encoding="utf-8"), encoding="utf-8")
    settled = time.time() - 60  # written a minute ago: complete, so read at the first poll
    os.utime(inbox / "one.txt", (settled, settled))
    store = tmp_path / "store.sqlite"
    assert main(["ingest", "--store", str(store), "--model", str(MODEL), str(SECOND)]) == 0
    capsys.readouterr()
    assert main(["watch", str(inbox), "--store", str(store), "--every", "1s",
                 "--iterations", "1", "--seed", "4"]) == 0  # fmt: skip
    captured = capsys.readouterr()
    assert "one.txt: stored" in captured.out
    assert "watch done: 1 poll, 1 article ingested, 0 items skipped" in captured.err


def test_history_table_names_the_trigger_article_by_its_title(store, capsys):
    with open_store(store) as opened:
        ids = list(opened.articles()["id"])
    assert main(["history", "meeting", "--store", str(store)]) == 0
    table = capsys.readouterr().out
    header, *rows = table.splitlines()
    assert header.split()[-1] == "trigger" and "article" not in header
    assert rows[0].endswith("Leaders expected to meet in Geneva")
    assert not any(article_id in table for article_id in ids)


def test_plots_are_written_in_the_format_their_suffix_names(store, capsys, tmp_path):
    args = ["history", "meeting", "--store", str(store), "--plot"]
    jpeg, svg = tmp_path / "history.jpg", tmp_path / "history.svg"
    assert main([*args, str(jpeg)]) == 0 and main([*args, str(svg)]) == 0
    assert jpeg.read_bytes()[:3] == b"\xff\xd8\xff"
    assert b"<svg" in svg.read_bytes()[:1000]
    capsys.readouterr()
    assert main([*args, str(tmp_path / "history.xyz")]) == 2
    err = capsys.readouterr().err
    assert "cannot tell the image format from the suffix '.xyz'; use one of" in err
    assert not (tmp_path / "history.xyz").exists()


def test_resolve_again_names_the_cli_flag_not_the_python_argument(store, capsys):
    args = ["--store", str(store)]
    assert main(["resolve", "meeting", "no", "--date", "2018-07-31", *args]) == 0
    assert main(["resolve", "meeting", "yes", "--date", "2018-07-31", *args]) == 2
    err = capsys.readouterr().err
    assert "already resolved no on 2018-07-31; pass --replace to change it" in err
    assert "replace=True" not in err
    assert main(["resolve", "meeting", "yes", "--date", "2018-07-31", "--replace", *args]) == 0


def test_store_help_names_the_store_variable():
    assert f"${STORE_ENV}" in STORE_HELP


def test_ingest_takes_the_shipped_example_by_name(tmp_path, capsys):
    store = tmp_path / "store.sqlite"
    assert main(["ingest", "--store", str(store), "--model", "example", str(FIRST)]) == 0
    with open_store(store) as opened:
        assert [s.name for s in opened.active_scenarios()] == ["us_japan_2018"]


@pytest.mark.slow
def test_ingest_reweights_the_stored_posterior_without_importing_pymc(tmp_path, monkeypatch):
    """A later ingest in a new process reweights the draws the store keeps: no PyMC."""
    import subprocess
    import sys

    monkeypatch.setenv("FORECAST_DRAWS", "1000")  # enough draws for a trustworthy fit
    path = tmp_path / "store.sqlite"
    first = ["ingest", "--store", str(path), "--model", str(MODEL), "--seed", "1", str(FIRST)]
    assert main(first) == 0
    with open_store(path) as store:
        assert store.latest_posterior("geneva_talks") is not None
    script = (
        "import sys; from forecast.cli import main; "
        f"code = main(['ingest', '--store', {str(path)!r}, '--seed', '2', {str(SECOND)!r}]); "
        "print('pymc imported:', 'pymc' in sys.modules); sys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "geneva_talks: updated by importance weighting" in done.stdout
    assert "pymc imported: False" in done.stdout
