"""The shipped lexicon: agreement with the surveys, ICD-203 bands, reproducibility, schema."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tomllib

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit, logit

from forecast.errors import InputError
from forecast.language.cues import build_cue_patterns, find_cues
from forecast.language.fitting import phrase_alternatives
from forecast.language.lexicon import FRAME_COLUMNS, Provenance, load_lexicon
from forecast.language.surveys import covering_cue
from tests.conftest import REPO, SHARED, needs_shared

DATA = SHARED / "data"
SPEC = REPO / "scripts" / "lexicon_spec.toml"

# A survey centre outside its ICD-203 band moves to the posterior median under a uniform
# prior on the band, which lies within 0.6745 standard errors of the band's nearer edge.
EDGE_SE = 0.6745
CAPPHRASE_TERMS = 19
PROBLY_PHRASES = 17

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


def _median_and_se(answers_pct: np.ndarray) -> tuple[float, float]:
    logits = logit(np.clip(answers_pct / 100, 0.005, 0.995))
    q10, q90 = np.quantile(logits, [0.1, 0.9])
    sd = (q90 - q10) / (2 * 1.2815516)
    return float(np.median(logits)), math.sqrt(math.pi / 2) * sd / math.sqrt(len(logits))


@pytest.fixture(scope="module")
def spec():
    return tomllib.loads(SPEC.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def survey_reference(spec):
    """Per survey cue: (median logit, se of the median) of the survey that fits it.

    Straight from the CSVs: CAPphrase where the cue names a CAPphrase term, else probly.
    """
    capphrase = pd.read_csv(DATA / "capphrase" / "absolute_judgements.csv")
    probly = pd.read_csv(DATA / "perceptions-zonination" / "probly.csv")
    reference = {}
    for entry in spec["cue"]:
        phrases = entry.get("survey", {})
        if "capphrase" in phrases:
            answers = capphrase.loc[capphrase["term"] == phrases["capphrase"], "probability"]
        elif "probly" in phrases:
            answers = probly[phrases["probly"]]
        else:
            continue
        reference[entry["cue"]] = _median_and_se(answers.to_numpy(dtype=float))
    return reference


@pytest.fixture(scope="module")
def icd_bands():
    scales = pd.read_csv(DATA / "calibrated-probability-scales" / "scales.csv")
    icd = scales[scales["scale"] == "ICD-203 (ODNI 2015)"]
    return {row.phrase: (row.low_pct / 100, row.high_pct / 100) for row in icd.itertuples()}


@needs_shared
def test_every_survey_phrase_is_one_survey_cue(lexicon, spec, survey_reference):
    capphrase = pd.read_csv(DATA / "capphrase" / "terms.csv")["term"]
    probly = pd.read_csv(DATA / "perceptions-zonination" / "probly.csv").columns
    named = [(key, phrase) for e in spec["cue"] for key, phrase in e.get("survey", {}).items()]
    assert sorted(named) == sorted(
        [("capphrase", term) for term in capphrase] + [("probly", column) for column in probly]
    )
    assert len(named) == CAPPHRASE_TERMS + PROBLY_PHRASES
    for cue in survey_reference:
        assert lexicon[cue].provenance is Provenance.SURVEY, cue


@needs_shared
def test_survey_cues_outside_icd_keep_the_survey_median(lexicon, survey_reference):
    named = {cue for _, cue in ICD_PAIRS}
    for cue, (median_logit, _) in survey_reference.items():
        if cue not in named:
            assert lexicon[cue].logit_mean == pytest.approx(median_logit, abs=1e-5), cue


@needs_shared
def test_icd_named_survey_cues_move_only_as_far_as_the_band(lexicon, survey_reference, icd_bands):
    for phrase, cue in ICD_PAIRS:
        if cue not in survey_reference:
            continue
        (median_logit, se), (low, high) = survey_reference[cue], icd_bands[phrase]
        edges = logit(np.array([low, high]))
        if edges[0] < median_logit < edges[1]:
            assert lexicon[cue].logit_mean == pytest.approx(median_logit, abs=1e-5), cue
        else:
            nearer = edges[np.argmin(np.abs(edges - median_logit))]
            assert abs(lexicon[cue].logit_mean - nearer) <= EDGE_SE * se + 1e-6, cue


@needs_shared
def test_modals_are_fitted_to_capphrase(lexicon):
    records = {r["cue"]: r for r in json.loads((REPO / "forecast/data/lexicon.json").read_text())}
    for cue, term in (("may", "May Happen"), ("might", "Might Happen"), ("could", "Could Happen")):
        assert lexicon[cue].provenance is Provenance.SURVEY
        assert records[cue]["source"] == f"absolute_judgements.csv:{term}"
        assert records[cue]["n"] == 5174 and "CAPphrase" in records[cue]["credit"]


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
    assert expit(survey_reference["improbable"][0]) == pytest.approx(0.10)
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
        env={**os.environ, "PYTHONPATH": str(REPO)},  # this checkout's package, not another
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


@pytest.fixture(scope="module")
def patterns(lexicon):
    return build_cue_patterns(lexicon)


# Common variants of the surveyed phrases, in sentences, and the cue each must be read as.
VARIANTS = [
    ("Maybe the talks resume in June.", "Maybe", "perhaps"),
    ("It is a real possibility that talks collapse.", "a real possibility", "a real possibility"),
    ("A serious possibility of a strike remains.", "A serious possibility", "a real possibility"),
    ("With high probability the vote passes.", "With high probability", "with high probability"),
    ("The deal is a slam dunk for the coalition.", "a slam dunk", "a slam dunk"),
    ("Officials say the visit may happen next week.", "may", "may"),
    ("He might travel to Tokyo.", "might", "might"),
    ("The summit could be delayed.", "could", "could"),
    ("The launch will happen on Friday.", "will happen", "will happen"),
    ("A cancellation is a remote chance.", "a remote chance", "remote"),
    ("It is a realistic possibility that he resigns.", "a realistic possibility",
     "realistic possibility"),
    ("A settlement is almost certain.", "almost certain", "almost certainly"),
    ("The vote is a toss-up.", "a toss-up", "about even"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "phrase", "cue"), VARIANTS)
def test_variants_are_found_as_their_cue(patterns, sentence, phrase, cue):
    hits = find_cues(sentence, patterns)
    assert [(sentence[slice(*hit.span)], hit.cue) for hit in hits] == [(phrase, cue)]


def _yardstick_phrases() -> list[str]:
    """Every phrase of CAPphrase's five yardstick files and of scales.csv (all but Kent's
    synonym lists, which scales.csv marks unverified), lower case."""
    phrases = {
        term.lower()
        for path in sorted((DATA / "capphrase").glob("yardstick_*.csv"))
        for term in pd.read_csv(path)["term"]
    }
    scales = pd.read_csv(DATA / "calibrated-probability-scales" / "scales.csv")
    for row in scales.itertuples():
        names = phrase_alternatives(row.phrase)
        phrases.update(names[:1] if row.scale.startswith("Sherman Kent") else names)
    return sorted(phrases)


# Yardstick phrases that are deliberately not cues: Kent's end points (0% and 100% are not
# hedges a logit-normal can carry; "certain" also means "some"), and bare "remote" ("a
# remote village"), found in text as "remote chance" / "remote possibility".
NOT_CUES = {"certain", "impossible", "remote"}


@needs_shared
def test_every_yardstick_phrase_is_a_cue(patterns):
    phrases = _yardstick_phrases()
    assert len(phrases) > 30 and set(phrases) >= NOT_CUES
    missing = [p for p in phrases if p not in NOT_CUES and covering_cue(p, patterns) is None]
    assert missing == []
