"""Batches on Dask: a real ``LocalCluster`` (2 worker processes) gives the in-process results,
and a batch whose worker is killed mid-way still completes with those results, storing each
forecast once.

Every task is seeded from its own key (``forecast.loop.batch.task_seed``), so the comparison with
the in-process run is exact, not within a Monte Carlo tolerance.
"""

from __future__ import annotations

import os
import re
import signal
import time
import urllib.request

import pandas as pd
import pytest

from benchmarks import synthetic
from forecast.errors import InputError
from forecast.loop.batch import DaskEngine, InProcess, open_engine, task_seed
from forecast.loop.reforecast import reforecast_all
from forecast.scoring.backtest import backtest, backtest_tasks
from forecast.store.store import open_store

N_DRAWS = 60
DESK = synthetic.desk(3, 2, n_events=3, claims_per_article=2, seed=5)
BIG_DESK = synthetic.desk(6, 1, n_events=3, claims_per_article=3, seed=6)
"""Enough scenarios that tasks are still running when the first result is in."""

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    """An embedded local cluster of two single-threaded worker processes."""
    with open_engine(n_tasks=len(DESK.scenarios), n_workers=2) as engine:
        yield engine


def _backtest(engine) -> object:
    return backtest(DESK.scenarios, DESK.claims, DESK.resolutions, n_draws=N_DRAWS,
                    seed=11, engine=engine)  # fmt: skip


@pytest.fixture(scope="module")
def in_process():
    """The desk's backtest run in this process."""
    return _backtest(InProcess())


def test_backtest_on_a_local_cluster_equals_the_in_process_one(cluster, in_process):
    here, there = in_process, _backtest(cluster)
    assert there.engine.startswith("on a local Dask cluster (2 workers")
    assert here.n_tasks == there.n_tasks == 3 * 2
    pd.testing.assert_frame_equal(here.forecasts, there.forecasts)
    pd.testing.assert_frame_equal(here.scores.table, there.scores.table)
    pd.testing.assert_frame_equal(here.scores.calibration, there.scores.calibration)


def test_backtest_scores_count_questions_and_forecasts(in_process):
    report = in_process
    overall = report.scores.overall
    assert overall["n_events"] == len(DESK.resolutions)
    assert overall["n_forecasts"] == report.n_tasks
    # Each question weighs one in the calibration table, however many days it was forecast.
    assert report.scores.calibration_for()["n"].sum() == pytest.approx(len(DESK.resolutions))


def test_a_backtest_task_sees_only_the_news_published_by_its_date():
    tasks = backtest_tasks(DESK.scenarios, DESK.claims, DESK.resolutions, seed=1)
    for task in tasks:
        assert task.claims and all(c.published <= task.as_of for c in task.claims)
        assert task.seed == task_seed(1, task.scenario.name, task.as_of.isoformat())
    first = [t for t in tasks if t.scenario.name == DESK.scenarios[0].name]
    assert [len(t.claims) for t in first] == [2, 4]


def test_a_tasks_seed_does_not_depend_on_the_other_tasks_or_their_order():
    forward = backtest_tasks(DESK.scenarios, DESK.claims, DESK.resolutions, seed=1)
    backward = backtest_tasks(DESK.scenarios[::-1], DESK.claims, DESK.resolutions, seed=1)
    alone = backtest_tasks(DESK.scenarios[1:2], DESK.claims, DESK.resolutions, seed=1)
    seeds = {(t.scenario.name, t.as_of): t.seed for t in forward}
    assert len(set(seeds.values())) == len(forward)
    assert {(t.scenario.name, t.as_of): t.seed for t in backward} == seeds
    assert all(seeds[t.scenario.name, t.as_of] == t.seed for t in alone)


def _forecasts(store) -> pd.DataFrame:
    history = store.forecast_history()
    return history.drop(columns=["forecast_id", "created_at"]).reset_index(drop=True)


class _KillingEngine:
    """The cluster's engine, which kills a busy worker (SIGKILL) once the first result is in."""

    in_process = False
    description = "on a local Dask cluster, with a worker killed"

    def __init__(self, engine) -> None:
        self.engine = engine
        self.killed: list[str] = []

    def map(self, fn, tasks, **options):
        client = self.engine.client
        for result in self.engine.map(fn, tasks, **options):
            if not self.killed:
                busy = [w for w, keys in client.processing().items() if keys]
                assert busy, "no task was running when the first result came in"
                pids = client.run(os.getpid, workers=busy[:1])
                (address, pid), = pids.items()  # fmt: skip
                os.kill(pid, signal.SIGKILL)
                self.killed.append(address)
            yield result


def test_a_batch_survives_a_killed_worker_and_stores_each_forecast_once(cluster, tmp_path):
    with open_store(tmp_path / "here.sqlite") as store:
        BIG_DESK.fill(store)
        reforecast_all(store, n_draws=N_DRAWS, seed=3)
        expected = _forecasts(store)
    engine = _KillingEngine(cluster)
    with open_store(tmp_path / "there.sqlite") as store:
        BIG_DESK.fill(store)
        updates = reforecast_all(store, n_draws=N_DRAWS, seed=3, engine=engine)
        stored = store.forecast_history()
        got = _forecasts(store)
    assert len(engine.killed) == 1
    assert [u.scenario for u in updates] == [s.name for s in BIG_DESK.scenarios]
    assert stored["forecast_id"].nunique() == len(BIG_DESK.scenarios)
    assert not stored.duplicated(["scenario", "event"]).any()
    pd.testing.assert_frame_equal(expected, got)
    _wait_for_workers(cluster.client, 2)


def _wait_for_workers(client, n: int, timeout: float = 120.0) -> None:
    """Leave the cluster whole for the tests after: the nanny restarts the killed worker."""
    deadline = time.monotonic() + timeout
    while len(client.scheduler_info(n_workers=-1)["workers"]) < n:
        assert time.monotonic() < deadline, "the killed worker was not restarted"
        time.sleep(0.5)


def test_an_existing_scheduler_is_used_by_address_from_the_environment(cluster, monkeypatch):
    address = cluster.client.scheduler.address
    monkeypatch.setenv("FORECAST_SCHEDULER", address)
    notes = []
    with open_engine(n_tasks=1, progress=notes.append) as engine:
        assert engine.description == f"on the Dask scheduler at {address} (2 workers)"
        assert list(engine.map(int, ["7", "10", "11"], shared={"base": 8})) == [7, 8, 9]
    assert notes[0] == f"running 1 task {engine.description}"
    # The scheduler serves a dashboard (bokeh is installed): its link is given, and works.
    link = cluster.client.dashboard_link
    assert notes[1:] == [f"dashboard: {link}"]
    with urllib.request.urlopen(link, timeout=60) as page:
        assert page.status == 200 and b"Dask" in page.read()


@pytest.mark.parametrize("where", ["in this process", "on the cluster"])
def test_a_batch_draws_a_progress_bar_on_a_terminal(cluster, where, monkeypatch, capsys):
    for name in ("TTY_COMPATIBLE", "TTY_INTERACTIVE"):  # rich draws as on a terminal
        monkeypatch.setenv(name, "1")
    engine = InProcess(progressbar=True) if where == "in this process" else DaskEngine(
        cluster.client, progressbar=True)  # fmt: skip
    assert list(engine.map(int, ["1", "2", "3"], label="backtest")) == [1, 2, 3]
    drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", capsys.readouterr().err)
    states = [line.split() for line in drawn.replace("\r", "\n").splitlines() if line.strip()]
    assert states[0][0] == "backtest" and states[0][2] == "0/3"
    assert states[-1][2] == "3/3"
    assert list(InProcess().map(int, ["1"])) == [1] and capsys.readouterr().err == ""


def test_a_scheduler_that_cannot_be_reached_is_one_line():
    message = r"scheduler bogus://x: cannot connect \(unknown address scheme 'bogus'"
    with pytest.raises(InputError, match=message), open_engine("bogus://x", n_tasks=2):
        pass
