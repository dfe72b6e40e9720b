"""Fit the shipped lexicon and reporting standards from the cue spec and the public data.

Usage: ``python scripts/fit_lexicon.py [--shared PATH] [--out DIR]``

Reads ``scripts/lexicon_spec.toml``, the CAPphrase absolute judgements
(``PATH/data/capphrase/absolute_judgements.csv``, CC BY 4.0: Kucharski 2026,
doi:10.5281/zenodo.18750055), ``PATH/data/perceptions-zonination/probly.csv`` and
``PATH/data/calibrated-probability-scales/scales.csv``; writes ``lexicon.json`` and
``standards.json`` into DIR (default ``forecast/data``). The maths lives in
:mod:`forecast.language.fitting`; this script only reads and writes files.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

from forecast.errors import InputError
from forecast.language.fitting import ScaleRow, fit_lexicon, round_floats
from forecast.language.fitting_standards import build_standards
from forecast.language.surveys import read_capphrase, read_probly

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "scripts" / "lexicon_spec.toml"
PROBLY_CSV = Path("data", "perceptions-zonination", "probly.csv")
CAPPHRASE_DIR = Path("data", "capphrase")
SCALES_CSV = Path("data", "calibrated-probability-scales", "scales.csv")


def read_scales(path: Path) -> list[ScaleRow]:
    """Rows of the calibrated-scales table, percentages turned into probabilities."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    try:
        return [
            ScaleRow(
                scale=row["scale"],
                phrase=row["phrase"],
                low=float(row["low_pct"]) / 100,
                high=float(row["high_pct"]) / 100,
                verification=row["verification"],
                source=row["source"],
            )
            for row in rows
        ]
    except (KeyError, ValueError) as error:
        raise InputError(f"{path}: bad scale row: {error!r}") from error


def write_json(payload, path: Path) -> None:
    """Byte-stable JSON: sorted keys, rounded floats, one trailing newline."""
    text = json.dumps(round_floats(payload), indent=1, sort_keys=True, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Fit and write the two data files; return an exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=REPO / "forecast" / "data")
    parser.add_argument("--spec", type=Path, default=SPEC)
    args = parser.parse_args(argv)
    try:
        spec = tomllib.loads(args.spec.read_text(encoding="utf-8"))
        surveys = {
            survey.name: survey
            for survey in (
                read_capphrase(args.shared / CAPPHRASE_DIR),
                read_probly(args.shared / PROBLY_CSV),
            )
        }
        rows = read_scales(args.shared / SCALES_CSV)
        records = fit_lexicon(spec.get("cue", []), surveys, rows)
        standards = build_standards(rows, records, spec.get("reader", {}).get("cues", []))
    except (OSError, tomllib.TOMLDecodeError, InputError) as error:
        print(f"fit_lexicon: error: {error}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    write_json(records, args.out / "lexicon.json")
    write_json(standards, args.out / "standards.json")
    print(f"wrote {len(records)} cues and {len(standards)} standards to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
