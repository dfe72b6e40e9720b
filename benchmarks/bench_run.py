"""How long ``forecast run`` takes next to the floor of merely importing PyMC.

Measured in one go, each timing in a fresh process:

* floor: the median of ``--repeats`` runs of ``python -c "import pymc"``;
* run:   the median of ``--repeats`` runs of ``python -m forecast run --format json``
  (the shipped example, default draws), after one untimed run that warms PyTensor's
  compile cache and the claim cache (``forecast.store.claim_cache``), as an analyst's second
  run would find them;
* unread: the same with the claim cache off (articles read for the first time);
* cold:  one run with an empty PyTensor compile directory and claim cache (a first run);
* lexicon: the median start of a command that does not sample (``forecast lexicon``);
* ingest: the median of ``--repeats`` runs of ``forecast ingest`` of one article (one
  claim) into a fresh copy of a store holding a synthetic scenario with 100 claims and
  the posterior of its last forecast, which the ingest reweights (it prints whether it
  did).

Each figure is given in wall seconds and in CPU seconds (the process and its children).
The ratio run / floor in CPU time is what the engine adds on top of PyMC's own start-up;
the target is <= 1.5, a cold run <= 20 s and a command that does not sample < 1.5 s;
for ingest / floor the target is <= 1.5 too.
Then ``benchmarks/bench_update.py`` runs in a fresh process: in-process, a full
``run_forecast`` against one that updates the seed forecast with one more article's
claims (``previous=``), and their ratio. Usage::

    python benchmarks/bench_run.py [--repeats 3] [-- extra run arguments]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 1.5
ROOT = Path(__file__).resolve().parents[1]  # run this checkout's package
INGEST_CLAIMS = 100


def children_cpu() -> float:
    """CPU seconds (user + system) used so far by finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process running ``command``; fails loudly if it fails."""
    started, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed, cpu = time.perf_counter() - started, children_cpu() - cpu
    # Exit 3 means the forecast printed with a diagnostics warning: still a full run.
    if done.returncode not in (0, 3):
        sys.exit(f"bench_run: {' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    return elapsed, cpu


def median_time(
    command: list[str], repeats: int, env: dict[str, str]
) -> tuple[float, float, list[tuple[float, float]]]:
    """Median wall and CPU seconds and all timings of ``repeats`` fresh-process runs."""
    times = [timed(command, env) for _ in range(repeats)]
    return statistics.median(t for t, _ in times), statistics.median(c for _, c in times), times


def ingest_times(
    repeats: int, env: dict[str, str], workdir: Path
) -> tuple[float, float, list[tuple[float, float]], str]:
    """Median wall and CPU seconds of ``forecast ingest`` of one article into a store with
    ``INGEST_CLAIMS`` claims, each run on a fresh copy; and the line saying how it fitted."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(Path(__file__).parent))
    import synthetic

    prepared = workdir / "prepared.sqlite"
    synthetic.write_store(prepared, INGEST_CLAIMS, 20)
    article = workdir / "follow_up.txt"
    article.write_text(synthetic.FOLLOW_UP + "\n")
    store = workdir / "store.sqlite"
    command = [sys.executable, "-m", "forecast", "ingest", "--store", str(store), "--seed", "2",
               "--published", "2018-05-14", str(article)]  # fmt: skip

    def fresh_store() -> None:
        for suffix in ("-wal", "-shm"):
            Path(f"{store}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(prepared, store)

    fresh_store()  # one untimed run, to read how it fitted
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    lines = [line.strip() for line in done.stdout.splitlines()]
    how = next((line for line in lines if line.startswith("synthetic")), "")
    times = []
    for _ in range(repeats):
        fresh_store()
        times.append(timed(command, env))
    wall = statistics.median(t for t, _ in times)
    return wall, statistics.median(c for _, c in times), times, how


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table, and return 0 (the ratio is reported, not enforced)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed runs each (default 3)")
    parser.add_argument("extra", nargs="*", help="extra arguments for 'forecast run'")
    args = parser.parse_args(argv)
    env = {key: value for key, value in os.environ.items() if key != "FORECAST_DRAWS"}
    python = sys.executable
    floor = median_time([python, "-c", "import pymc"], args.repeats, env)
    run = [python, "-m", "forecast", "run", "--format", "json", "--seed", "1", *args.extra]
    timed(run, env)  # warm the PyTensor compile cache and the claim cache
    warm = median_time(run, args.repeats, env)
    unread = median_time(run, args.repeats, {**env, "FORECAST_CLAIM_CACHE": "none"})
    with tempfile.TemporaryDirectory() as compiledir:
        flags = ",".join(filter(None, (env.get("PYTENSOR_FLAGS"), f"compiledir={compiledir}")))
        cold = {**env, "PYTENSOR_FLAGS": flags, "FORECAST_CLAIM_CACHE": f"{compiledir}/claims"}
        cold_wall, cold_cpu = timed(run, cold)
    lexicon = median_time([python, "-m", "forecast", "lexicon"], args.repeats, env)
    with tempfile.TemporaryDirectory() as workdir:
        *ingest, how = ingest_times(args.repeats, env, Path(workdir))
    rows = [
        ("import pymc (floor)", floor),
        ("forecast run, warm cache", warm),
        ("forecast run, claims not cached", unread),
        ("forecast run, cold cache", (cold_wall, cold_cpu, [(cold_wall, cold_cpu)])),
        ("forecast lexicon (no sampling)", lexicon),
        (f"forecast ingest, {INGEST_CLAIMS} claims", ingest),
    ]
    print(f"{'what':<32} {'wall s':>7} {'cpu s':>7}  runs (wall/cpu)")
    for name, (wall, cpu, times) in rows:
        runs = ", ".join(f"{t:.2f}/{c:.2f}" for t, c in times)
        print(f"{name:<32} {wall:>7.2f} {cpu:>7.2f}  {runs}")
    for name, measured in (
        ("warm run", warm),
        ("run, claims not cached", unread),
        ("ingest", ingest),
    ):
        ratio = measured[1] / floor[1]
        verdict = "meets" if ratio <= TARGET_RATIO else "misses"
        print(f"{f'ratio {name} / floor (cpu)':<32} {ratio:>7.2f}  ({verdict} <= {TARGET_RATIO:g})")
    print(f"  ingest: {how}")
    update = Path(__file__).with_name("bench_update.py")
    sys.stdout.flush()
    subprocess.run([python, str(update), "--repeats", str(args.repeats)], env=env, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
