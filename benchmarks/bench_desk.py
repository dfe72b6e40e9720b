"""Scale benchmark: a synthetic desk's backtest, in this process and on a LocalCluster.

The desk (``synthetic.desk``, seeded) has ``round(500 * scale)`` scenarios of 8 events, each
with 20 dated articles of one claim, so a backtest runs one task per scenario and article
date (``round(500 * scale) * 20`` tasks of ~8 events and 10.5 claims on average). It is
written to a SQLite store and read back through the store's API, as ``forecast backtest``
does. Then, side by side in one run:

* sequential: every task in this process, one after another (``InProcess``);
* LocalCluster with 1 and with 2 single-threaded worker processes (``open_engine``);

each with wall time (cluster start-up apart), tasks per second, the workers' peak resident
memory, and the median wall and CPU time of a warm task where it ran (the first task per
worker in task order, which compiles the model, left out), next to the wall time of one cold
``python -m forecast run`` of the shipped example in a fresh process. CPU time is the
figure to read on a machine shared with other work. The scores of every
run must equal the sequential run's (each task has its own seed); the script says so or
exits 1. Usage::

    python benchmarks/bench_desk.py [--scale 0.01] [--draws 1000] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# This checkout's package, not an installed one, and the synthetic-case helpers.
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT))
import synthetic  # noqa: E402

FULL_SCENARIOS = 500
ARTICLES = 20
EVENTS = 8


def build_inputs(n_scenarios: int, store_path: Path) -> dict:
    """Write the desk to a new store and read the backtest's inputs back from it."""
    from forecast.backtest import store_inputs
    from forecast.store import open_store

    desk = synthetic.desk(n_scenarios, ARTICLES, n_events=EVENTS, seed=2026)
    with open_store(store_path) as store:
        desk.fill(store)
        return store_inputs(store)


def timed_task(task, **sampler):
    """A backtest task's result, and the wall and CPU seconds it took where it ran."""
    from forecast.backtest import run_task

    wall, cpu = time.perf_counter(), time.process_time()
    result = run_task(task, **sampler)
    return result, time.perf_counter() - wall, time.process_time() - cpu


class Timed:
    """An engine that runs :func:`timed_task` for the backtest's tasks and keeps the times."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.in_process = engine.in_process
        self.description = engine.description
        self.times: list[tuple[float, float]] = []

    def map(self, fn, tasks, **options):
        """Run every task timed (``fn`` is the backtest's ``run_task``); yield its result."""
        for result, wall, cpu in self.engine.map(timed_task, tasks, **options):
            self.times.append((wall, cpu))
            yield result


def backtest_on(engine, tasks, resolutions, sampler) -> tuple[object, float, list]:
    """The backtest on ``engine``: report, wall seconds, (wall, CPU) seconds per task."""
    from forecast.backtest import run_backtest

    timed = Timed(engine)
    start = time.perf_counter()
    report = run_backtest(tasks, resolutions, engine=timed, **sampler)
    return report, time.perf_counter() - start, timed.times


def on_cluster(n_workers: int, tasks, resolutions, sampler) -> dict:
    """The backtest on a new LocalCluster of ``n_workers``: report and figures."""
    import resource

    from forecast.batch import open_engine

    start = time.perf_counter()
    with open_engine(n_tasks=len(tasks), n_workers=n_workers) as engine:
        started = time.perf_counter() - start
        report, wall, times = backtest_on(engine, tasks, resolutions, sampler)
        peak = engine.client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return {"report": report, "startup": started, "wall": wall, "times": times,
            "peak_mb": [kb / 1024 for kb in peak.values()]}  # fmt: skip


def warm(times: list[tuple[float, float]], n_first: int) -> str:
    """Median wall and CPU seconds of the tasks after the first ``n_first`` (cold) ones."""
    kept = times[n_first:] or times
    wall = statistics.median(t[0] for t in kept)
    cpu = statistics.median(t[1] for t in kept)
    return f"warm task {wall:.2f} s wall, {cpu:.2f} s CPU (median)"


def cold_run() -> float:
    """Wall seconds of one ``python -m forecast run`` (the shipped example) in a new process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "forecast", "run", "--seed", "1"], cwd=ROOT,
                   check=True, capture_output=True)  # fmt: skip
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures; 1 if any run's scores differ."""
    import pandas as pd

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the 500 scenarios")
    parser.add_argument("--draws", type=int, default=1000, help="posterior draws per chain")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args(argv)
    n_scenarios = max(1, round(FULL_SCENARIOS * args.scale))
    import arviz as az

    from forecast.backtest import backtest_tasks

    az.Numba.disable_numba()
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        inputs = build_inputs(n_scenarios, Path(folder) / "desk.sqlite")
        built = time.perf_counter() - start
    resolutions = inputs["resolutions"]
    tasks = backtest_tasks(inputs["scenarios"], inputs["claims"], resolutions, seed=7,
                           outlets=inputs["outlets"])  # fmt: skip
    mean_claims = statistics.fmean(len(t.claims) for t in tasks)
    print(f"desk: {n_scenarios} scenarios x {ARTICLES} articles ({EVENTS} events each), "
          f"{len(tasks)} tasks of {mean_claims:.1f} claims on average; store written and "
          f"read in {built:.1f} s; {args.draws} draws x 2 chains")  # fmt: skip
    sampler = {"n_draws": args.draws, "chains": 2}
    from forecast.batch import InProcess

    report, wall, times = backtest_on(InProcess(), tasks, resolutions, sampler)
    print(f"sequential: {wall:.1f} s, {len(tasks) / wall:.2f} tasks/s, {warm(times, 1)}, "
          f"first task {times[0][0]:.2f} s")  # fmt: skip
    rates = {}
    same = True
    for n_workers in args.workers:
        run = on_cluster(n_workers, tasks, resolutions, sampler)
        rates[n_workers] = len(tasks) / run["wall"]
        peak = ", ".join(f"{mb:.0f}" for mb in run["peak_mb"])
        print(f"LocalCluster {n_workers} worker(s): start-up {run['startup']:.1f} s, batch "
              f"{run['wall']:.1f} s, {rates[n_workers]:.2f} tasks/s, "
              f"{warm(run['times'], n_workers)} on the workers, "
              f"peak memory per worker {peak} MB")  # fmt: skip
        try:
            pd.testing.assert_frame_equal(report.scores.table, run["report"].scores.table)
            pd.testing.assert_frame_equal(report.forecasts, run["report"].forecasts)
        except AssertionError:
            same = False
            print(f"  scores DIFFER from the sequential run's with {n_workers} worker(s)")
    if 1 in rates and 2 in rates:
        print(f"speed-up, 2 workers over 1: {rates[2] / rates[1]:.2f}x")
    print(f"one cold `python -m forecast run` in a new process: {cold_run():.1f} s")
    overall = report.scores.overall
    print(f"scores (pooled, each question once): Brier {overall['brier']:.4f}, log score "
          f"{overall['log_score']:.4f}, {int(overall['n_forecasts'])} forecasts of "
          f"{int(overall['n_events'])} events; every run's scores equal: {same}")  # fmt: skip
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
