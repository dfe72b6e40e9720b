"""Reporting standards: the reverse map from a probability to a standard's words."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forecast.errors import InputError
from forecast.language.lexicon import load_lexicon
from forecast.language.standards import STANDARD_NAMES, Band, Standard, load_standard

DATA = Path(__file__).resolve().parents[2] / "forecast" / "data"

# Reference table: ICD-203 (ODNI 2015, sec. D.6.e) bands and their labels.
ICD_TABLE = (
    ("almost no chance", 0.01, 0.05),
    ("very unlikely", 0.05, 0.20),
    ("unlikely", 0.20, 0.45),
    ("roughly even chance", 0.45, 0.55),
    ("likely", 0.55, 0.80),
    ("very likely", 0.80, 0.95),
    ("almost certain", 0.95, 0.99),
)
NON_OVERLAPPING = ("reader", "icd203", "kent", "phia")
probs = st.floats(min_value=0, max_value=1)


def test_names_match_the_shipped_file():
    assert set(json.loads((DATA / "standards.json").read_text("utf-8"))) == set(STANDARD_NAMES)


def test_icd_bands_match_the_reference_table():
    bands = load_standard("icd203").bands
    assert [band.label for band in bands] == [label for label, _, _ in ICD_TABLE]
    assert [(band.low, band.high) for band in bands] == [(low, high) for _, low, high in ICD_TABLE]


@pytest.mark.parametrize(("label", "low", "high"), ICD_TABLE)
def test_icd_band_midpoint_maps_back_to_its_label(label, low, high):
    assert load_standard("icd203").verbalise((low + high) / 2) == label


@pytest.mark.parametrize(
    ("prob", "label"),
    [
        (0.7, "likely"),
        (0.97, "almost certain"),
        (0.5, "roughly even chance"),
        (0.0, "almost no chance"),
        (1.0, "almost certain"),
        (0.2, "very unlikely"),
    ],
)
def test_icd_verbalise(prob, label):
    assert load_standard("icd203").verbalise(prob) == label


@pytest.mark.parametrize(
    ("prob", "label"),
    [
        (0.7, "likely"),
        (0.95, "extremely likely"),
        (0.995, "virtually certain"),
        (0.5, "about as likely as not"),
        (0.2, "unlikely"),
        (0.07, "very unlikely"),
        (0.03, "extremely unlikely"),
        (0.005, "exceptionally unlikely"),
    ],
)
def test_ipcc_picks_the_narrowest_band(prob, label):
    assert load_standard("ipcc").verbalise(prob) == label


@pytest.mark.parametrize(
    ("prob", "label"),
    [
        (0.22, "highly unlikely"),
        (0.38, "realistic possibility"),
        (0.92, "highly likely"),
        (0.07, "remote chance"),
    ],
)
def test_phia_gaps_go_to_the_nearest_band(prob, label):
    assert load_standard("phia").verbalise(prob) == label


@pytest.mark.parametrize("name", NON_OVERLAPPING)
def test_band_midpoints_map_back(name):
    standard = load_standard(name)
    for band in standard.bands:
        assert standard.verbalise((band.low + band.high) / 2) == band.label


def test_reader_is_the_default_and_partitions_the_unit_interval():
    reader = load_standard()
    assert reader.name == "reader"
    edges = [(band.low, band.high) for band in reader.bands]
    assert edges[0][0] == 0 and edges[-1][1] == 1
    assert all(a[1] == b[0] for a, b in pairwise(edges))


def test_reader_words_each_fitted_median_with_its_own_cue():
    reader, lexicon = load_standard("reader"), load_lexicon()
    for band in reader.bands:
        assert reader.verbalise(lexicon[band.label].median) == band.label


@pytest.mark.parametrize("name", NON_OVERLAPPING)
@given(a=probs, b=probs)
def test_words_follow_probability_order(name, a, b):
    standard = load_standard(name)
    order = [band.label for band in standard.bands]
    rank_a, rank_b = (order.index(standard.verbalise(p)) for p in sorted((a, b)))
    ascending = standard.bands[0].low <= standard.bands[-1].low
    assert (rank_a <= rank_b) if ascending else (rank_a >= rank_b)


def test_unknown_standard_lists_the_valid_names():
    with pytest.raises(InputError, match="unknown name 'nato'; valid names: reader, icd203"):
        load_standard("nato")


@pytest.mark.parametrize("prob", [-0.1, 1.5, float("nan"), "0.5"])
def test_verbalise_rejects_non_probabilities(prob):
    with pytest.raises(InputError, match=r"prob must be in \[0, 1\]"):
        load_standard().verbalise(prob)


def test_band_and_standard_validate():
    with pytest.raises(InputError, match="need 0 <= low <= high <= 1"):
        Band("x", 0.6, 0.4)
    with pytest.raises(InputError, match="needs at least one band"):
        Standard("empty", "Empty", ())
