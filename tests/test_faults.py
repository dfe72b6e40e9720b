"""Faults during ingest: a full disk, Ctrl-C, SIGTERM and kill -9 mid-way.

After each: no partial rows, the store opens and reads, and running again completes the
work (the article's pending reforecast is made). Each test runs once per store backend
(a SQLite file, a PostgreSQL database). This is the fast form kept in CI;
``benchmarks/bench_faults.py`` kills at many random points.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forecast.cli import main
from forecast.store.store import Store, open_store
from tests.conftest import REPO
from tests.pg_server import query

FIXTURES = REPO / "tests" / "fixtures" / "watch"
SCENARIO = FIXTURES / "geneva.toml"
ARTICLE = FIXTURES / "2018-06-01_meeting_expected.txt"
LATER = FIXTURES / "2018-06-08_meeting_doubted.txt"


def rows(store: Path | str) -> dict[str, int]:
    """Row counts per table, read without the store's code (and a file's integrity check)."""
    if isinstance(store, Path):
        assert query(store, "PRAGMA integrity_check") == [("ok",)]
    tables = ("articles", "claims", "forecasts", "forecast_events", "pending_forecasts")
    return {t: query(store, f"SELECT count(*) FROM {t}")[0][0] for t in tables}


class FullDisk:
    """A connection whose forecast INSERT fails as the database fails on a full disk."""

    def __init__(self, db) -> None:
        self._db = db

    def __getattr__(self, name: str):
        return getattr(self._db, name)

    def execute(self, sql: str, *args):
        return self._db.execute(self._check(sql), *args)

    def insert_id(self, sql: str, *args):
        return self._db.insert_id(self._check(sql), *args)

    def _check(self, sql: str) -> str:
        if sql.startswith("INSERT INTO forecasts"):
            raise self._db.errors[0]("database or disk is full")
        return sql


def ingest(store: Path | str, *articles: Path, model: bool = True) -> list[str]:
    argv = ["ingest", "--store", str(store), "--draws", "60", "--seed", "1"]
    return argv + (["--model", str(SCENARIO)] if model else []) + [str(a) for a in articles]


def test_a_full_disk_at_the_forecast_leaves_a_mark_the_next_ingest_completes(
    store_location, capsys, monkeypatch
):
    store = store_location
    original = Store.add_forecast

    def disk_full(self, *args, **kwargs):
        real, self._db = self._db, FullDisk(self._db)
        try:
            return original(self, *args, **kwargs)
        finally:
            self._db = real

    monkeypatch.setattr(Store, "add_forecast", disk_full)
    assert main(ingest(store, ARTICLE)) == 2
    err = capsys.readouterr().err
    assert err.count("error:") == 1 and "Traceback" not in err
    assert err.splitlines()[-1].endswith("cannot add the forecast (database or disk is full)")
    counts = rows(store)
    assert counts["articles"] == 1 and counts["forecasts"] == counts["forecast_events"] == 0
    assert counts["pending_forecasts"] == 1

    monkeypatch.setattr(Store, "add_forecast", original)
    assert main(ingest(store, ARTICLE)) == 0
    out = capsys.readouterr().out
    assert "geneva_talks: completed a reforecast an earlier ingest left owed" in out
    assert "already stored; nothing changed" in out
    counts = rows(store)
    assert counts["forecasts"] == 1 and counts["pending_forecasts"] == 0


def test_reforecast_completes_pending_marks(store_location, monkeypatch):
    store = store_location
    monkeypatch.setattr(Store, "add_forecast", _refuse)
    assert main(ingest(store, ARTICLE)) == 2
    monkeypatch.undo()
    assert rows(store)["pending_forecasts"] == 1
    argv = ["reforecast", "--store", str(store), "--draws", "60", "--as-of", "2018-06-02"]
    assert main(argv) == 0
    assert rows(store)["pending_forecasts"] == 0


def test_watch_completes_pending_marks_and_counts_what_it_stored(
    store_location, tmp_path, monkeypatch, capsys
):
    store = store_location
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / ARTICLE.name).write_bytes(ARTICLE.read_bytes())
    monkeypatch.setattr(Store, "add_forecast", _refuse)
    with open_store(store) as opened:
        from forecast.loop.watch import watch
        from forecast.scenario import load_scenario

        opened.save_scenario(load_scenario(SCENARIO))
        summary = watch(str(folder), every=0.0, store=opened, iterations=1, n_draws=60,
                        settle=0.0)  # fmt: skip
        assert (summary.ingested, summary.failed) == (1, 1)
        assert rows(store)["pending_forecasts"] == 1
        monkeypatch.undo()
        summary = watch(str(folder), every=0.0, store=opened, iterations=1, n_draws=60,
                        settle=0.0)  # fmt: skip
    assert "geneva_talks: completed a reforecast left owed" in capsys.readouterr().out
    assert summary.ingested == 0 and rows(store)["pending_forecasts"] == 0


def _refuse(self, scenario, *args, **kwargs):
    from forecast.errors import InputError

    raise InputError(f"{self.path}: cannot add the forecast (database or disk is full)")


# --- signals and kill -9 during sampling, in a real subprocess -----------------------------


def start(argv: list[str], tmp_path: Path) -> subprocess.Popen:
    """``forecast argv`` in a new process, with Ctrl-C's default action restored: a suite
    started in the background by a shell inherits SIGINT ignored, and so would the command."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "HOME": str(tmp_path)}
    return subprocess.Popen(
        [sys.executable, "-m", "forecast", *argv],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip


def wait_for_sampling(process: subprocess.Popen) -> list[str]:
    """Read stderr until the sampler starts; the lines read so far."""
    lines = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        lines.append(line)
        if "sampling" in line or not line:
            break
    assert "sampling" in lines[-1], lines
    time.sleep(1.0)  # well inside sampling: 200,000 draws take minutes
    return lines


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_during_sampling_stores_and_reports_no_forecast(store_location, tmp_path, signum):
    store = store_location
    argv = ingest(store, ARTICLE)
    argv[argv.index("60")] = "200000"
    process = start(argv, tmp_path)
    wait_for_sampling(process)
    process.send_signal(signum)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert err.strip().splitlines()[-1] == "forecast: interrupted" and "Traceback" not in err
    assert out == ""
    counts = rows(store)
    assert counts["forecasts"] == counts["forecast_events"] == 0
    assert counts["articles"] == counts["pending_forecasts"] == 1
    assert main(ingest(store, ARTICLE, model=False)) == 0
    assert rows(store)["pending_forecasts"] == 0 and rows(store)["forecasts"] == 1


def test_kill_9_during_sampling_leaves_a_usable_store_that_completes(store_location, tmp_path):
    store = store_location
    argv = ingest(store, ARTICLE, LATER)
    argv[argv.index("60")] = "200000"
    process = start(argv, tmp_path)
    wait_for_sampling(process)
    process.kill()
    process.communicate(timeout=60)
    counts = rows(store)
    assert counts["forecasts"] == 0 and counts["articles"] == counts["pending_forecasts"] == 1
    assert main(ingest(store, ARTICLE, LATER, model=False)) == 0
    counts = rows(store)
    assert counts["articles"] == 2 and counts["pending_forecasts"] == 0
    assert counts["forecasts"] == 2  # the completed one, then the second article's
