"""``forecast lexicon``: output schema per format, the standard option, no pymc import."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd

from forecast.cli import main
from forecast.language.lexicon import load_lexicon
from forecast.language.standards import load_standard

FIELDS = {"cue", "category", "median", "low", "high", "provenance", "label", "rationale"}


def run(capsys, *argv):
    code = main(["lexicon", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lists_every_cue_with_probabilities(capsys):
    code, out, _ = run(capsys, "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert [row["cue"] for row in rows] == [entry.cue for entry in load_lexicon()]
    for row in rows:
        assert set(row) == FIELDS
        assert 0 < row["low"] <= row["median"] <= row["high"] < 1
        assert row["provenance"] in {"survey", "standard", "elicited"}


def test_standard_option_words_the_median(capsys):
    icd = load_standard("icd203")
    _, out, _ = run(capsys, "--format", "json", "--standard", "icd203")
    rows = {row["cue"]: row for row in json.loads(out)}
    assert rows["likely"]["label"] == "likely"
    assert {row["label"] for row in rows.values()} <= {band.label for band in icd.bands}


def test_csv_and_table(capsys):
    _, out, _ = run(capsys, "--format", "csv")
    frame = pd.read_csv(io.StringIO(out))
    assert set(frame.columns) == FIELDS and len(frame) == len(load_lexicon())
    code, out, _ = run(capsys)
    assert code == 0 and "almost certainly" in out and "provenance" in out


def test_unknown_standard_is_one_line_and_exit_2(capsys):
    code, out, err = run(capsys, "--standard", "nato")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "valid names" in err


def test_lexicon_command_does_not_import_pymc():
    code = (
        "import sys; from forecast.cli import main; "
        "rc = main(['lexicon', '--format', 'json']); "
        "print('PYMC' if 'pymc' in sys.modules else 'NO-PYMC', rc, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stderr.strip().splitlines()[-1] == "NO-PYMC 0", result.stderr
