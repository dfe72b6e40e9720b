"""How long ``forecast run`` takes next to the floor of merely importing PyMC.

Measured in one go, each timing in a fresh process:

* floor: the median of ``--repeats`` runs of ``python -c "import pymc"``;
* run:   the median of ``--repeats`` runs of ``python -m forecast run --format json``
  (the shipped example, default draws), after one untimed run that warms PyTensor's
  compile cache, as an analyst's second run would find it.

The ratio run / floor is what the engine adds on top of PyMC's own start-up; the target
is <= 2. Then ``benchmarks/bench_update.py`` runs in a fresh process: in-process, a full
``run_forecast`` against one that updates the seed forecast with one more article's
claims (``previous=``), and their ratio. Usage::

    python benchmarks/bench_run.py [--repeats 3] [-- extra run arguments]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_RATIO = 2.0


def timed(command: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one fresh process running ``command``; fails loudly if it fails."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    # Exit 3 means the forecast printed with a diagnostics warning: still a full run.
    if done.returncode not in (0, 3):
        sys.exit(f"bench_run: {' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    return elapsed


def median_time(command: list[str], repeats: int, env: dict[str, str]) -> tuple[float, list[float]]:
    """Median and all timings of ``repeats`` fresh-process runs."""
    times = [timed(command, env) for _ in range(repeats)]
    return statistics.median(times), times


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table, and return 0 (the ratio is reported, not enforced)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed runs each (default 3)")
    parser.add_argument("extra", nargs="*", help="extra arguments for 'forecast run'")
    args = parser.parse_args(argv)
    env = {key: value for key, value in os.environ.items() if key != "FORECAST_DRAWS"}
    python = sys.executable
    floor, floor_times = median_time([python, "-c", "import pymc"], args.repeats, env)
    run = [python, "-m", "forecast", "run", "--format", "json", "--seed", "1", *args.extra]
    timed(run, env)  # warm the PyTensor compile cache
    cost, run_times = median_time(run, args.repeats, env)
    ratio = cost / floor
    rows = [
        ("import pymc (floor)", floor, floor_times),
        ("forecast run --format json", cost, run_times),
    ]
    print(f"{'what':<28} {'median s':>9}  runs")
    for name, median, times in rows:
        print(f"{name:<28} {median:>9.2f}  {', '.join(f'{t:.2f}' for t in times)}")
    verdict = "meets" if ratio <= TARGET_RATIO else "misses"
    print(f"{'ratio run / floor':<28} {ratio:>9.2f}  ({verdict} the target <= {TARGET_RATIO:g})")
    update = Path(__file__).with_name("bench_update.py")
    sys.stdout.flush()
    subprocess.run([python, str(update), "--repeats", str(args.repeats)], env=env, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
