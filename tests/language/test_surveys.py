"""Reading the perception surveys, and the agreement checks, against hand-worked answers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from forecast.errors import InputError
from forecast.language.cues import build_cue_patterns
from forecast.language.lexicon import load_lexicon
from forecast.language.surveys import (
    PairChoice,
    Survey,
    covering_cue,
    iqr_table,
    pairwise_agreement,
    read_capphrase,
    read_pairwise,
    read_probly,
    read_yardsticks,
    yardstick_table,
)
from tests.conftest import SHARED, needs_shared

DATA = SHARED / "data"

SURVEY = Survey("toy", "Toy", "credit", "toy.csv", {"Low": (5, 10, 20, 30), "High": (60, 80)})

# Three respondents; r1 sees Low/High twice (order swapped) and changes their mind.
CHOICES = (
    PairChoice("r1", "Low", "High", "High"),
    PairChoice("r1", "Low", "Mid", "Mid"),
    PairChoice("r1", "High", "Low", "Low"),
    PairChoice("r2", "High", "Low", "High"),
    PairChoice("r2", "Mid", "Same", "Same"),
    PairChoice("r3", "Low", "High", "Low"),
)
MEDIANS = {"Low": 0.1, "Mid": 0.5, "Same": 0.5, "High": 0.8}


def test_iqr_table_matches_hand_quartiles():
    table = iqr_table(SURVEY, {"Low": ("low", 0.2), "High": ("high", 0.9)})
    low, high = (table.set_index("phrase").loc[name] for name in ("Low", "High"))
    # numpy's default quantiles of (5, 10, 20, 30)%: 8.75, 15, 22.5
    assert (low["q25"], low["median"], low["q75"]) == pytest.approx((0.0875, 0.15, 0.225))
    assert bool(low["inside"]) and not bool(high["inside"])
    assert (low["cue"], low["n"]) == ("low", 4)


def test_iqr_table_needs_every_phrase_covered():
    with pytest.raises(InputError, match="phrase 'High' is not covered by any cue"):
        iqr_table(SURVEY, {"Low": ("low", 0.2)})


def test_pairwise_agreement_by_hand():
    result = pairwise_agreement(CHOICES, MEDIANS)
    pairs = result.pairs.set_index(["phrase_a", "phrase_b"])
    # High/Low first showings: r1 High, r2 High, r3 Low -> 2 of 3 agree with 0.8 > 0.1.
    assert pairs.loc[("High", "Low"), ["n", "chose_a", "consistent"]].tolist() == [3, 2, 2]
    assert pairs.loc[("Low", "Mid"), ["chose_a", "consistent"]].tolist() == [0, 1]
    tied = pairs.loc[("Mid", "Same")]
    assert bool(tied["tied"]) and tied["chose_a"] == 0 and pd.isna(tied["consistent"])
    # Untied choices: High/Low (2 of 3) and Low/Mid (1 of 1).
    assert (result.overall, result.n_choices, result.n_tied) == (0.75, 4, 1)
    assert result.repeat_consistency == 0.0


def test_pairwise_agreement_needs_a_median_for_every_phrase():
    with pytest.raises(InputError, match="no fitted median for"):
        pairwise_agreement(CHOICES, {"Low": 0.1, "High": 0.8})


def test_readers_name_file_line_and_field(tmp_path):
    (tmp_path / "absolute_judgements.csv").write_text("term,probability\nLikely,seventy\n")
    with pytest.raises(InputError, match=r"absolute_judgements.csv: line 2: answer must be"):
        read_capphrase(tmp_path)
    (tmp_path / "pairwise_comparisons.csv").write_text(
        "response_id,term1,term2,selected\n1,Likely,Unlikely,Probable\n"
    )
    with pytest.raises(InputError, match=r"line 2: selected must be term1 or term2"):
        read_pairwise(tmp_path)
    (tmp_path / "probly.csv").write_text("")
    with pytest.raises(InputError, match="no answers"):
        read_probly(tmp_path / "probly.csv")
    with pytest.raises(InputError, match=r"missing columns \['term'\]"):
        (tmp_path / "absolute_judgements.csv").write_text("phrase,probability\nx,1\n")
        read_capphrase(tmp_path)
    with pytest.raises(InputError, match="cannot read"):
        read_pairwise(tmp_path / "absent")


@needs_shared
def test_capphrase_has_every_respondent_for_every_term():
    survey = read_capphrase(DATA / "capphrase")
    assert len(survey.answers) == 19
    assert {len(answers) for answers in survey.answers.values()} == {5174}
    assert np.median(survey.answers["May Happen"]) == 40
    assert "CC BY 4.0" in survey.credit and "10.5281/zenodo.18750055" in survey.credit


@needs_shared
def test_capphrase_pairs_repeat_once_per_respondent():
    choices = read_pairwise(DATA / "capphrase")
    ranks = {phrase: i for i, phrase in enumerate(read_capphrase(DATA / "capphrase").answers)}
    result = pairwise_agreement(choices, ranks)
    assert len(choices) == 10 * 5174
    assert (result.n_choices, result.n_tied) == (9 * 5174, 0)


@needs_shared
def test_lexicon_fit_benchmark_runs():
    repo = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, str(repo / "benchmarks" / "lexicon_fit.py"), "--pairs", "3"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(repo)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("fitted median inside the IQR:") == 2
    assert "inside the yardstick's band:" in result.stdout
    assert "fitted medians:" in result.stdout and "repeat consistency" in result.stdout


def test_yardsticks_read_and_tabled_by_hand(tmp_path):
    (tmp_path / "yardstick_toy.csv").write_text("term,low,high\nLikely,60,90\nToss-up,40,60\n")
    bands = read_yardsticks(tmp_path)
    assert bands == (("toy", "Likely", 0.6, 0.9), ("toy", "Toss-up", 0.4, 0.6))
    table = yardstick_table(bands, {"likely": ("likely", 0.95)})
    assert table["cue"].iloc[0] == "likely" and table["cue"].isna().tolist() == [False, True]
    assert table["inside"].tolist() == [False, False]


def test_covering_cue_needs_the_whole_phrase():
    patterns = build_cue_patterns(load_lexicon())
    assert covering_cue("Highly likely", patterns) == "highly likely"
    assert covering_cue("likely enough", patterns) is None
