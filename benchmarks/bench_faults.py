"""kill -9 at random points of ``ingest``, ``reforecast`` and ``watch``; then check the store.

The long form of ``tests/test_faults.py``. For each command, ``--kills`` runs (default
20) start it in a fresh process on a store holding earlier work, kill it with SIGKILL
after a random delay (from process start to past the sampler's end), and then check:

* SQLite's integrity check passes and the store opens;
* no partial rows: every article has all of its claims, every forecast its events;
* running the command again (with nothing killed) leaves no pending reforecast, and
  every stored article that touches the scenario is used by a stored forecast.

The kill delays are drawn (seeded) from zero to 1.2 times a whole ingest's duration,
so they land in start-up, extraction, the article's write, sampling and the forecast's
write. It prints, per command, the kills made and the checks failed (0 is the target)
with the first few problems. Usage::

    PYTHONPATH=. python benchmarks/bench_faults.py [--kills 20] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "watch"
SCENARIO = FIXTURES / "geneva.toml"
ARTICLES = sorted(FIXTURES.glob("*.txt"))
SAMPLER = ["--draws", "300", "--seed", "1"]


def forecast(*argv: str, home: Path) -> subprocess.Popen:
    """``python -m forecast ARGV`` in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "HOME": str(home)}
    return subprocess.Popen([sys.executable, "-m", "forecast", *argv], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def commands(store: Path, inbox: Path) -> dict[str, list[str]]:
    """The command lines killed: an ingest, a reforecast and a one-poll watch."""
    return {
        "ingest": ["ingest", "--store", str(store), *SAMPLER, str(ARTICLES[1])],
        "reforecast": ["reforecast", "--store", str(store), "--as-of", "2018-06-09", *SAMPLER],
        "watch": ["watch", str(inbox), "--store", str(store), "--every", "1s",
                  "--iterations", "1", *SAMPLER],
    }  # fmt: skip


def problems(store: Path) -> list[str]:
    """What is wrong with the store after a kill and a clean rerun (empty when whole)."""
    found = []
    with sqlite3.connect(store) as db:
        if db.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            found.append("integrity check failed")
        partial = db.execute(
            "SELECT count(*) FROM articles a WHERE n_claims != "
            "(SELECT count(*) FROM claims c WHERE c.article_id = a.id)"
        ).fetchone()[0]
        empty = db.execute(
            "SELECT count(*) FROM forecasts f WHERE NOT EXISTS "
            "(SELECT 1 FROM forecast_events e WHERE e.forecast_id = f.id)"
        ).fetchone()[0]
        pending = db.execute("SELECT count(*) FROM pending_forecasts").fetchone()[0]
        used = {i for (inputs,) in db.execute("SELECT inputs FROM forecasts")
                for i in json.loads(inputs)}  # fmt: skip
        articles = {i for (i,) in db.execute("SELECT id FROM articles WHERE n_claims > 0")}
    found += [f"{partial} articles missing claims"] if partial else []
    found += [f"{empty} forecasts without events"] if empty else []
    found += [f"{pending} pending reforecasts left"] if pending else []
    found += [f"{len(articles - used)} articles in no forecast"] if articles - used else []
    return found


def prepare(folder: Path) -> tuple[Path, Path]:
    """A store with the scenario and the first article forecast, and an inbox folder."""
    store, inbox = folder / "store.sqlite", folder / "inbox"
    inbox.mkdir()
    old = time.time() - 60  # settled, so watch reads it at once
    copy = inbox / ARTICLES[1].name
    shutil.copy(ARTICLES[1], copy)
    os.utime(copy, (old, old))
    first = forecast("ingest", "--store", str(store), "--model", str(SCENARIO), *SAMPLER,
                     str(ARTICLES[0]), home=folder)  # fmt: skip
    if first.wait() != 0:
        raise SystemExit("bench_faults: the first ingest failed")
    return store, inbox


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    with tempfile.TemporaryDirectory() as top:
        pristine = Path(top) / "pristine"
        pristine.mkdir()
        prepare(pristine)
        with sqlite3.connect(pristine / "store.sqlite") as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        timing = Path(top) / "timing"
        shutil.copytree(pristine, timing)
        start = time.monotonic()
        forecast(*commands(timing / "store.sqlite", timing / "inbox")["ingest"], home=timing).wait()
        full_s = time.monotonic() - start  # one whole ingest: the kill window's scale
        print(f"one whole ingest takes {full_s:.1f} s; kills land in [0, {1.2 * full_s:.1f}] s")
        print(f"{'command':>10} {'kills':>6} {'failed checks':>14}  problems")
        for name in ("ingest", "reforecast", "watch"):
            failures: list[str] = []
            for run in range(args.kills):
                folder = Path(top) / f"{name}-{run}"
                shutil.copytree(pristine, folder)
                store = folder / "store.sqlite"
                command = commands(store, folder / "inbox")[name]
                process = forecast(*command, home=folder)
                time.sleep(rng.uniform(0, 1.2 * full_s))
                process.kill()
                process.wait()
                if forecast(*command, home=folder).wait() not in (0, 3):
                    failures.append(f"run {run}: rerun failed")
                failures += [f"run {run}: {p}" for p in problems(store)]
                shutil.rmtree(folder)
            print(f"{name:>10} {args.kills:>6} {len(failures):>14}  {'; '.join(failures[:3])}")


if __name__ == "__main__":
    main()
