"""How long a mistyped command takes to say what is wrong (target: under 1.5 s each).

Each command below is an input error the CLI must report before it imports the sampler.
Each runs ``--repeats`` times in a fresh process; the median wall time to exit 2 is
printed beside the floor of a bare ``python -c pass`` measured in the same run. Usage::

    python benchmarks/bench_input_errors.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 1.5
COMMANDS = (
    ["run", "nosuch.txt"],
    ["run", "--model", "nosuch.toml"],
    ["run", "--as-of", "13-05-2018"],
    ["run", "--standard", "nato"],
    ["ingest", "nosuch.txt"],
)


def timed(command: list[str], env: dict[str, str], expected: int) -> float:
    """Seconds one fresh process takes to run ``command``; fails loudly on another exit."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != expected:
        sys.exit(f"bench_input_errors: {' '.join(command)} exited {done.returncode}:\n"
                 f"{done.stderr}")  # fmt: skip
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    repo = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "PYTHONPATH": str(repo),
               "FORECAST_STORE": str(Path(folder) / "store.sqlite")}  # fmt: skip
        floor = statistics.median(
            timed([sys.executable, "-c", "pass"], env, 0) for _ in range(args.repeats)
        )
        print(f"floor (python -c pass): {floor:.2f} s")
        worst = 0.0
        for argv in COMMANDS:
            command = [sys.executable, "-m", "forecast", *argv]
            seconds = statistics.median(timed(command, env, 2) for _ in range(args.repeats))
            worst = max(worst, seconds)
            print(f"forecast {' '.join(argv):<32} {seconds:5.2f} s to the error line")
    verdict = "met" if worst < TARGET_SECONDS else "NOT met"
    print(f"slowest {worst:.2f} s; target < {TARGET_SECONDS} s: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
