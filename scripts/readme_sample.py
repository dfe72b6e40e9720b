"""Rewrite the README's sample output from what ``forecast run --seed 1`` prints now.

The sample sits between ``<!-- sample: run --seed 1 -->`` and ``<!-- /sample -->`` as an
indented block. It is produced in a fresh process with the default draws (no
``$FORECAST_DRAWS``) and a terminal of :data:`COLUMNS` columns, so it is the output a
reader gets; ``tests/test_readme.py`` fails when the README is out of date. Usage::

    python scripts/readme_sample.py          # rewrite README.md
    python scripts/readme_sample.py --check  # exit 1 if README.md is out of date
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
COLUMNS = 100
COMMAND = ["run", "--seed", "1"]
BLOCK = re.compile(r"(<!-- sample: run --seed 1 -->\n\n)(.*?)(\n<!-- /sample -->)", re.S)


def sample_output() -> str:
    """What ``python -m forecast run --seed 1`` prints on stdout, as a reader would see it."""
    env = {key: value for key, value in os.environ.items() if key != "FORECAST_DRAWS"}
    env.update(COLUMNS=str(COLUMNS), PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-m", "forecast", *COMMAND],
        capture_output=True, text=True, env=env, cwd=REPO, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"readme_sample: run exited {done.returncode}:\n{done.stderr}")
    return done.stdout


def with_sample(readme: str, output: str) -> str:
    """``readme`` with its sample block replaced by ``output``, indented as code."""
    block = "\n".join(f"    {line}".rstrip() for line in output.rstrip("\n").splitlines())
    return BLOCK.sub(lambda m: m[1] + block + "\n" + m[3], readme, count=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if stale")
    args = parser.parse_args()
    readme = README.read_text(encoding="utf-8")
    updated = with_sample(readme, sample_output())
    if args.check:
        return int(updated != readme)
    README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
