"""The shipped lexicon: agreement with the survey, ICD-203 bands, reproducibility, schema."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tomllib

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit, logit

from forecast.errors import InputError
from forecast.language.lexicon import FRAME_COLUMNS, Provenance, load_lexicon
from tests.conftest import REPO, SHARED, needs_shared

DATA = SHARED / "data"
SPEC = REPO / "scripts" / "lexicon_spec.toml"

# Agreement with the survey: the lexicon median must lie within the survey median's
# two-sided 99% confidence interval.
Z_AGREE = 2.576

# Reference table: the cues each ICD-203 row names (by hand, independent of the fitting code).
ICD_CUES = {
    "almost no chance / remote": ("almost no chance", "remote"),
    "very unlikely / highly improbable": ("very unlikely",),
    "unlikely / improbable (improbably)": ("unlikely", "improbable"),
    "roughly even chance / roughly even odds": ("roughly even chance",),
    "likely / probable (probably)": ("likely", "probable", "probably"),
    "very likely / highly probable": ("very likely",),
    "almost certain(ly) / nearly certain": ("almost certainly", "nearly certain"),
}
ICD_PAIRS = [(phrase, cue) for phrase, cues in ICD_CUES.items() for cue in cues]


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.fixture(scope="module")
def survey_reference():
    """Per survey cue: (median logit, standard error of the median), straight from the CSV."""
    answers = pd.read_csv(DATA / "perceptions-zonination" / "probly.csv")
    spec = tomllib.loads(SPEC.read_text(encoding="utf-8"))
    reference = {}
    for entry in spec["cue"]:
        if "survey" not in entry:
            continue
        logits = logit(np.clip(answers[entry["survey"]].to_numpy() / 100, 0.005, 0.995))
        q10, q90 = np.quantile(logits, [0.1, 0.9])
        sd = (q90 - q10) / (2 * 1.2815516)
        se = math.sqrt(math.pi / 2) * sd / math.sqrt(len(logits))
        reference[entry["cue"]] = (float(np.median(logits)), se)
    return reference


@pytest.fixture(scope="module")
def icd_bands():
    scales = pd.read_csv(DATA / "calibrated-probability-scales" / "scales.csv")
    icd = scales[scales["scale"] == "ICD-203 (ODNI 2015)"]
    return {row.phrase: (row.low_pct / 100, row.high_pct / 100) for row in icd.itertuples()}


@needs_shared
def test_survey_cues_agree_with_survey(lexicon, survey_reference):
    assert len(survey_reference) == 17
    for cue, (median_logit, se) in survey_reference.items():
        entry = lexicon[cue]
        assert entry.provenance is Provenance.SURVEY
        assert abs(entry.logit_mean - median_logit) <= Z_AGREE * se, cue


@needs_shared
def test_survey_cues_outside_icd_keep_the_survey_median(lexicon, survey_reference):
    named = {cue for _, cue in ICD_PAIRS}
    for cue, (median_logit, _) in survey_reference.items():
        if cue not in named:
            assert lexicon[cue].logit_mean == pytest.approx(median_logit, abs=1e-5), cue


@needs_shared
def test_icd_reference_table_covers_every_icd_row(icd_bands):
    assert set(icd_bands) == set(ICD_CUES)


@needs_shared
@pytest.mark.parametrize(("phrase", "cue"), ICD_PAIRS)
def test_icd_named_cue_lies_in_its_band(lexicon, icd_bands, phrase, cue):
    low, high = icd_bands[phrase]
    assert low <= lexicon[cue].median <= high


@needs_shared
def test_improbable_conflict_is_resolved_and_recorded(lexicon, survey_reference):
    entry = lexicon["improbable"]
    assert expit(survey_reference["improbable"][0]) == pytest.approx(0.15)
    assert entry.median > 0.2
    assert "posterior median" in entry.rationale


@needs_shared
def test_shipped_files_equal_fresh_script_output(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "fit_lexicon.py"),
            "--shared",
            str(SHARED),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for name in ("lexicon.json", "standards.json"):
        shipped = (REPO / "forecast" / "data" / name).read_bytes()
        assert (tmp_path / name).read_bytes() == shipped, name


def test_every_interval_contains_its_median_inside_unit_interval(lexicon):
    for entry in lexicon:
        low, high = entry.interval(0.9)
        assert 0 < low < entry.median < high < 1, entry.cue


def test_records_are_complete(lexicon):
    names = [entry.cue for entry in lexicon]
    assert len(names) == len(set(names)) >= 62
    for entry in lexicon:
        assert entry.provenance in set(Provenance)
        assert entry.logit_sd > 0 and entry.rationale.strip(), entry.cue
        assert all(form == form.lower() for form in entry.forms), entry.cue


def test_spec_cues_all_shipped(lexicon):
    spec = tomllib.loads(SPEC.read_text(encoding="utf-8"))
    assert [entry["cue"] for entry in spec["cue"]] == [entry.cue for entry in lexicon]


def test_shipped_records_keep_their_fields():
    raw = json.loads((REPO / "forecast" / "data" / "lexicon.json").read_text(encoding="utf-8"))
    fields = {"cue", "forms", "category", "logit_mean", "logit_sd", "provenance", "rationale"}
    assert all(fields <= set(record) for record in raw)


def test_to_frame_has_stable_columns(lexicon):
    frame = lexicon.to_frame()
    assert tuple(frame.columns) == FRAME_COLUMNS
    assert len(frame) == len(lexicon)
    assert frame.loc[frame["cue"] == "likely", "median"].item() == lexicon["likely"].median
    assert ((frame["low"] < frame["median"]) & (frame["median"] < frame["high"])).all()


def test_unreadable_lexicon_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read lexicon"):
        load_lexicon(tmp_path / "missing.json")


def test_bad_lexicon_record_is_an_input_error(tmp_path):
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps([{"cue": "may"}]), encoding="utf-8")
    with pytest.raises(InputError, match="entry 0"):
        load_lexicon(path)
