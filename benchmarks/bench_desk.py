"""Scale benchmark: a synthetic desk's backtest, in this process and on a LocalCluster.

The desk (``synthetic.desk``, seeded) has ``round(500 * scale)`` scenarios of 8 events, each
with 20 dated articles of one claim, so a backtest runs one task (forecast) per scenario
and article date (``round(500 * scale) * 20`` tasks of ~8 events and 10.5 claims on
average), one replay per scenario (``forecast.scoring.backtest.run_replay``: the first forecast
sampled, each later one reweighting the previous posterior unless the weights say to
sample afresh). It is written to a SQLite store and to a PostgreSQL database (a
throwaway server started with ``tests/pg_server.py``, or ``--postgres URL``; skipped
with the reason when none can be had) and read back through the store's API, as
``forecast backtest`` does. Then, side by side in one run:

* sequential: every replay in this process, one after another (``InProcess``), from the
  SQLite store's inputs and from the PostgreSQL store's (reading and the backtest timed
  apart);
* LocalCluster with 1 and with 2 single-threaded worker processes (``open_engine``);
* the first ``--fresh`` scenarios with every forecast sampled afresh (``reuse=False``,
  the backtest's way before replays), for the cost of a forecast without reweighting;

each with wall time (cluster start-up apart), tasks per second, the workers' peak resident
memory, and the CPU time per forecast where it ran, once warm (the first replay per worker,
which compiles the model's shapes, left out), next to the wall time of one cold
``python -m forecast run`` of the shipped example in a fresh process. CPU time is the
figure to read on a machine shared with other work: there the wall-time speed-up of 2
workers over 1 measures the load, and twice the ratio of their CPU per forecast gives the
speed-up two free cores would see (if the replays balance between the workers, which
many scenarios make likely). The scores of every run must equal
the sequential run's (each task has its own seed); the script says so or exits 1. The
last line extrapolates the full desk's wall time on 1 worker from the measured rate.
Usage::

    python benchmarks/bench_desk.py [--scale 0.01] [--draws 1000] [--workers 1 2]
                                    [--fresh 1] [--postgres URL]
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

# This checkout's package, not an installed one, and the synthetic-case helpers.
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT))
import synthetic  # noqa: E402

FULL_SCENARIOS = 500
ARTICLES = 20
EVENTS = 8


def build_inputs(desk, location: str) -> tuple[dict, float, float]:
    """Write the desk to a new store at ``location`` and read the backtest's inputs back:
    the inputs, and the seconds writing and reading took."""
    from forecast.scoring.backtest import store_inputs
    from forecast.store.store import open_store

    start = time.perf_counter()
    with open_store(location) as store:
        desk.fill(store)
        written = time.perf_counter()
        inputs = store_inputs(store)
    return inputs, written - start, time.perf_counter() - written


@contextlib.contextmanager
def postgres_database(url: str | None) -> Iterator[str]:
    """A new database on the server at ``url`` (else on a throwaway server), dropped after."""
    import psycopg

    sys.path.insert(0, str(ROOT))
    from tests import pg_server

    folder = None
    if url is None:
        folder = Path(tempfile.mkdtemp(prefix="forecast-bench-pg-"))
        url = pg_server.start(folder)
    name = "forecast_bench_desk"
    try:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
            admin.execute(f"CREATE DATABASE {name}")
        try:
            yield pg_server.with_database(url, name)
        finally:
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        if folder is not None:
            pg_server.stop(folder)


def timed_replay(tasks, **sampler):
    """A replay's results, and the wall and CPU seconds it took where it ran."""
    from forecast.scoring.backtest import run_replay

    wall, cpu = time.perf_counter(), time.process_time()
    result = run_replay(tasks, **sampler)
    return result, time.perf_counter() - wall, time.process_time() - cpu


class Timed:
    """An engine that runs :func:`timed_replay` for the backtest's replays and keeps, per
    replay, its number of forecasts and its wall and CPU seconds."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.in_process = engine.in_process
        self.description = engine.description
        self.times: list[tuple[int, float, float]] = []

    def map(self, fn, replays, **options):
        """Run every replay timed (``fn`` is ``run_replay``); yield its results."""
        for result, wall, cpu in self.engine.map(timed_replay, replays, **options):
            self.times.append((len(result), wall, cpu))
            yield result


def backtest_on(engine, tasks, resolutions, sampler) -> tuple[object, float, list]:
    """The backtest on ``engine``: report, wall seconds, (forecasts, wall, CPU) per replay."""
    from forecast.scoring.backtest import run_backtest

    timed = Timed(engine)
    start = time.perf_counter()
    report = run_backtest(tasks, resolutions, engine=timed, **sampler)
    return report, time.perf_counter() - start, timed.times


def on_cluster(n_workers: int, tasks, resolutions, sampler) -> dict:
    """The backtest on a new LocalCluster of ``n_workers``: report and figures."""
    import resource

    from forecast.loop.batch import open_engine

    start = time.perf_counter()
    with open_engine(n_tasks=len(tasks), n_workers=n_workers) as engine:
        started = time.perf_counter() - start
        report, wall, times = backtest_on(engine, tasks, resolutions, sampler)
        peak = engine.client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return {"report": report, "startup": started, "wall": wall, "times": times,
            "peak_mb": [kb / 1024 for kb in peak.values()]}  # fmt: skip


def per_forecast(times: list[tuple[int, float, float]], n_first: int) -> float:
    """CPU seconds per forecast over the replays after the first ``n_first`` (cold) ones."""
    kept = times[n_first:] or times
    return sum(t[2] for t in kept) / sum(t[0] for t in kept)


def warm(times: list[tuple[int, float, float]], n_first: int) -> str:
    """Wall and CPU seconds per forecast, warm, in words."""
    kept = times[n_first:] or times
    wall = sum(t[1] for t in kept) / sum(t[0] for t in kept)
    return f"warm task {wall:.3f} s wall, {per_forecast(times, n_first):.3f} s CPU per forecast"


def cold_run() -> float:
    """Wall seconds of one ``python -m forecast run`` (the shipped example) in a new process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "forecast", "run", "--seed", "1"], cwd=ROOT,
                   check=True, capture_output=True)  # fmt: skip
    return time.perf_counter() - start


def tasks_of(inputs: dict) -> tuple:
    """The backtest's tasks of a store's inputs, with the benchmark's seed."""
    from forecast.scoring.backtest import backtest_tasks

    return backtest_tasks(inputs["scenarios"], inputs["claims"], inputs["resolutions"],
                          seed=7, outlets=inputs["outlets"])  # fmt: skip


def same_scores(reference, report, what: str) -> bool:
    """Whether ``report``'s forecasts and scores equal ``reference``'s; says so if not."""
    import pandas as pd

    try:
        pd.testing.assert_frame_equal(reference.scores.table, report.scores.table)
        pd.testing.assert_frame_equal(reference.forecasts, report.forecasts)
    except AssertionError:
        print(f"  scores DIFFER from the sequential run's {what}")
        return False
    return True


def on_postgres(url: str | None, desk, reference, sampler) -> bool:
    """The sequential backtest from a PostgreSQL store's inputs; False if its scores differ."""
    from forecast.loop.batch import InProcess

    try:
        with postgres_database(url) as location:
            inputs, written, read = build_inputs(desk, location)
    except Exception as error:  # no server, no driver, refused: say why and go on
        print(f"PostgreSQL store: skipped ({str(error).splitlines()[0]})")
        return True
    report, wall, _ = backtest_on(InProcess(), tasks_of(inputs), inputs["resolutions"], sampler)
    print(f"PostgreSQL store: written in {written:.1f} s, read in {read:.2f} s; sequential "
          f"backtest {wall:.1f} s")  # fmt: skip
    return same_scores(reference, report, "from the PostgreSQL store")


def fresh_against_replay(tasks, resolutions, sampler, n_scenarios: int) -> None:
    """The first scenarios' forecasts sampled afresh each and replayed, warm, side by side."""
    from forecast.loop.batch import InProcess

    names = list(dict.fromkeys(t.scenario.name for t in tasks))[:n_scenarios]
    first = [t for t in tasks if t.scenario.name in names]
    runs = {}
    for reuse in (False, True):
        report, _, times = backtest_on(InProcess(), first, resolutions,
                                       {**sampler, "reuse": reuse})  # fmt: skip
        runs[reuse] = (report, per_forecast(times, 0))
    (fresh, fresh_cpu), (replayed, replay_cpu) = runs[False], runs[True]
    print(f"first {len(names)} scenario(s), {len(first)} forecasts, warm, in this process: "
          f"every forecast sampled {fresh_cpu:.3f} s CPU per forecast; replayed "
          f"({replayed.n_updated} reweighted) {replay_cpu:.3f} s ({fresh_cpu / replay_cpu:.1f}x "
          f"less); Brier {fresh.scores.overall['brier']:.4f} sampled, "
          f"{replayed.scores.overall['brier']:.4f} replayed")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures; 1 if any run's scores differ."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the 500 scenarios")
    parser.add_argument("--draws", type=int, default=1000, help="posterior draws per chain")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--fresh", type=int, default=1,
                        help="scenarios also backtested with every forecast sampled")  # fmt: skip
    parser.add_argument("--postgres", metavar="URL",
                        help="PostgreSQL server (default: a throwaway one)")  # fmt: skip
    args = parser.parse_args(argv)
    n_scenarios = max(1, round(FULL_SCENARIOS * args.scale))
    import arviz as az

    from forecast.loop.batch import InProcess

    az.Numba.disable_numba()
    desk = synthetic.desk(n_scenarios, ARTICLES, n_events=EVENTS, seed=2026)
    with tempfile.TemporaryDirectory() as folder:
        inputs, written, read = build_inputs(desk, str(Path(folder) / "desk.sqlite"))
    resolutions = inputs["resolutions"]
    tasks = tasks_of(inputs)
    mean_claims = sum(len(t.claims) for t in tasks) / len(tasks)
    print(f"desk: {n_scenarios} scenarios x {ARTICLES} articles ({EVENTS} events each), "
          f"{len(tasks)} tasks of {mean_claims:.1f} claims on average; {args.draws} draws x "
          f"2 chains")  # fmt: skip
    sampler = {"n_draws": args.draws, "chains": 2}
    report, wall, times = backtest_on(InProcess(), tasks, resolutions, sampler)
    print(f"SQLite store: written in {written:.1f} s, read in {read:.2f} s; sequential "
          f"backtest {wall:.1f} s, {len(tasks) / wall:.2f} tasks/s, {warm(times, 1)}, "
          f"{report.n_updated} of {len(tasks)} forecasts reweighted, first replay (cold) "
          f"{times[0][1]:.2f} s")  # fmt: skip
    same = on_postgres(args.postgres, desk, report, sampler)
    if args.fresh:
        fresh_against_replay(tasks, resolutions, sampler, args.fresh)
    rates, cpu = {}, {}
    for n_workers in args.workers:
        run = on_cluster(n_workers, tasks, resolutions, sampler)
        rates[n_workers] = len(tasks) / run["wall"]
        cpu[n_workers] = per_forecast(run["times"], n_workers)
        peak = ", ".join(f"{mb:.0f}" for mb in run["peak_mb"])
        print(f"LocalCluster {n_workers} worker(s): start-up {run['startup']:.1f} s, batch "
              f"{run['wall']:.1f} s, {rates[n_workers]:.2f} tasks/s, "
              f"{warm(run['times'], n_workers)} on the workers, "
              f"peak memory per worker {peak} MB")  # fmt: skip
        same = same_scores(report, run["report"], f"with {n_workers} worker(s)") and same
    if 1 in rates and 2 in rates:
        print(f"speed-up, 2 workers over 1: {rates[2] / rates[1]:.2f}x (wall; on a machine "
              f"busy with other work it measures the load, not the cluster); CPU per forecast "
              f"{cpu[1]:.3f} s on 1 worker, {cpu[2]:.3f} s on 2: with two free cores, "
              f"{2 * cpu[1] / cpu[2]:.2f}x")  # fmt: skip
    print(f"one cold `python -m forecast run` in a new process: {cold_run():.1f} s")
    overall = report.scores.overall
    print(f"scores (pooled, each question once): Brier {overall['brier']:.4f}, log score "
          f"{overall['log_score']:.4f}, {int(overall['n_forecasts'])} forecasts of "
          f"{int(overall['n_events'])} events; every run's scores equal: {same}")  # fmt: skip
    full = FULL_SCENARIOS * ARTICLES
    for n_workers, rate in sorted(rates.items()):
        print(f"full desk ({FULL_SCENARIOS} x {ARTICLES} = {full} forecasts) at this run's "
              f"rate on {n_workers} worker(s): {full / rate / 3600:.2f} h")  # fmt: skip
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
