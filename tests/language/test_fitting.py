"""The lexicon-fitting maths, checked against independent answers, and its documented errors."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.optimize import brentq
from scipy.special import expit, logit
from scipy.stats import norm

from forecast.errors import InputError
from forecast.language.fitting import (
    MIN_LOGIT_SD,
    ScaleRow,
    band_posterior_median,
    fit_band,
    fit_cue,
    fit_lexicon,
    fit_survey,
    phrase_alternatives,
)
from forecast.language.surveys import Survey

ICD = "ICD-203 (ODNI 2015)"
ROWS = (
    ScaleRow(ICD, "unlikely / improbable (improbably)", 0.2, 0.45),
    ScaleRow(ICD, "likely / probable (probably)", 0.55, 0.8),
    ScaleRow("Toy", "toss-up", 0.4, 0.6),
)
SURVEYS = {
    "probly": Survey(
        "probly",
        "small survey",
        "credit P",
        "probly.csv",
        {"Likely": (60, 70, 70, 75, 80), "Improbable": (5, 10, 15, 15, 20, 95)},
    ),
    "capphrase": Survey(
        "capphrase",
        "big survey",
        "credit C",
        "absolute_judgements.csv",
        {"Likely": (65, 75, 75, 75, 80, 90), "Will Happen": (90, 99, 100, 100, 100)},
    ),
}


def test_fit_survey_matches_median_and_quantile_range():
    answers = np.array([55, 60, 65, 70, 70, 75, 80, 85, 90, 95])
    logits = logit(answers / 100)
    q10, q90 = np.quantile(logits, [0.1, 0.9])
    fit = fit_survey(answers)
    assert fit.n == 10
    assert fit.logit_median == pytest.approx(np.median(logits))
    assert fit.logit_sd == pytest.approx((q90 - q10) / (2 * norm.ppf(0.9)))
    assert fit.se == pytest.approx(np.sqrt(np.pi / 2) * fit.logit_sd / np.sqrt(10))


def test_fit_survey_resists_a_misreading_respondent():
    honest = [1, 2, 2, 3, 2, 5, 1, 2, 3, 2, 2, 4, 1, 2, 3, 2, 2, 5, 1, 2]
    clean, misread = fit_survey(honest), fit_survey([*honest[:-1], 95])
    assert misread.logit_median == clean.logit_median
    assert misread.logit_sd == pytest.approx(clean.logit_sd, rel=0.25)


def test_fit_survey_clips_certainty_and_floors_the_spread():
    fit = fit_survey([100] * 5)
    assert expit(fit.logit_median) == pytest.approx(0.995)
    assert fit.logit_sd == MIN_LOGIT_SD


@pytest.mark.parametrize("answers", [[50], [10, float("nan")], [-1, 50], [50, 101]])
def test_fit_survey_rejects_bad_answers(answers):
    with pytest.raises(InputError, match="survey answers"):
        fit_survey(answers)


@pytest.mark.parametrize(("low", "high"), [(0.05, 0.2), (0.2, 0.45), (0.55, 0.8), (0.8, 0.95)])
def test_fit_band_makes_the_band_its_central_90_percent(low, high):
    mean, sd = fit_band(low, high)
    assert expit(mean - norm.ppf(0.95) * sd) == pytest.approx(low)
    assert expit(mean + norm.ppf(0.95) * sd) == pytest.approx(high)


def test_fit_band_rejects_reversed_band():
    with pytest.raises(InputError, match="low must not exceed high"):
        fit_band(0.6, 0.4)


@pytest.mark.parametrize(("centre", "se"), [(-1.735, 0.214), (-1.386, 0.12), (0.3, 0.5)])
def test_band_posterior_median_matches_numerical_integration(centre, se):
    lo, hi = logit(0.2), logit(0.45)

    def mass(x):
        return quad(norm(centre, se).pdf, lo, x)[0]

    expected = brentq(lambda x: mass(x) - mass(hi) / 2, lo, hi)
    assert band_posterior_median(centre, se, 0.2, 0.45) == pytest.approx(expected, abs=1e-6)


def test_band_posterior_median_leaves_a_well_inside_centre_alone():
    assert band_posterior_median(0.0, 0.01, 0.2, 0.8) == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("likely / probable (probably)", ("likely", "probable", "probably")),
        (
            "almost certain(ly) / nearly certain",
            ("almost certain", "almost certainly", "nearly certain"),
        ),
        ("probable (likely; we believe)", ("probable", "likely", "we believe")),
        ("remote chance", ("remote chance",)),
    ],
)
def test_phrase_alternatives(phrase, expected):
    assert phrase_alternatives(phrase) == expected


def test_fit_cue_survey_inside_icd_band_keeps_survey_median():
    record = fit_cue({"cue": "likely", "survey": {"probly": "Likely"}}, SURVEYS, ROWS)
    assert record["provenance"] == "survey"
    assert expit(record["logit_mean"]) == pytest.approx(0.7)
    assert record["rationale"].startswith("fitted to 5 respondents")


def test_fit_cue_survey_outside_icd_band_moves_into_it():
    record = fit_cue({"cue": "improbable", "survey": {"probly": "Improbable"}}, SURVEYS, ROWS)
    assert 0.2 < expit(record["logit_mean"]) < 0.45
    assert "uniform prior" in record["rationale"]


def test_fit_cue_standard_and_elicited():
    standard = fit_cue({"cue": "toss-up", "standard": "Toy|toss-up"}, SURVEYS, ROWS)
    assert standard["provenance"] == "standard"
    assert expit(standard["logit_mean"]) == pytest.approx(0.5)
    elicited = fit_cue({"cue": "may", "prob": 0.45, "spread": 1.0, "rationale": "r"}, {}, ROWS)
    assert (elicited["provenance"], elicited["logit_sd"]) == ("elicited", 1.0)
    assert elicited["logit_mean"] == pytest.approx(logit(0.45))


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"forms": ["x"]}, "non-empty 'cue'"),
        ({"cue": "x"}, "exactly one of survey, standard, prob"),
        ({"cue": "x", "survey": {"probly": "Likely"}, "prob": 0.5}, "exactly one of"),
        ({"cue": "x", "survey": "Likely"}, "survey must map survey names"),
        ({"cue": "x", "survey": {"gallup": "Likely"}}, "survey must map survey names"),
        ({"cue": "x", "survey": {"probly": "Nope"}}, "probly phrase 'Nope' not in"),
        ({"cue": "x", "standard": "Toy|nope"}, "not a 'scale|phrase' row"),
        ({"cue": "x", "prob": 1.2, "spread": 1, "rationale": "r"}, "prob must be in"),
        ({"cue": "x", "prob": 0.5, "spread": 0, "rationale": "r"}, "spread must be"),
        ({"cue": "x", "prob": 0.5, "spread": 1}, "needs a one-line rationale"),
        ({"cue": "probable", "prob": 0.9, "spread": 1, "rationale": "r"}, "is outside"),
    ],
)
def test_fit_cue_rejects_bad_spec(entry, message):
    with pytest.raises(InputError, match=message):
        fit_cue(entry, SURVEYS, ROWS)


def test_fit_cue_rejects_a_survey_that_was_not_read():
    entry = {"cue": "likely", "survey": {"capphrase": "Likely"}}
    with pytest.raises(InputError, match="survey 'capphrase' was not read"):
        fit_cue(entry, {"probly": SURVEYS["probly"]}, ROWS)


def test_fit_cue_rejects_cue_named_by_two_icd_rows():
    entry = {"cue": "likely", "forms": ["unlikely"], "survey": {"probly": "Likely"}}
    with pytest.raises(InputError, match="several ICD-203 rows"):
        fit_cue(entry, SURVEYS, ROWS)


def test_capphrase_fits_and_probly_checks_where_both_name_a_phrase():
    entry = {"cue": "likely", "survey": {"probly": "Likely", "capphrase": "Likely"}}
    record = fit_cue(entry, SURVEYS, ROWS)
    big, small = fit_survey([65, 75, 75, 75, 80, 90]), fit_survey([60, 70, 70, 75, 80])
    assert (record["n"], record["source"]) == (6, "absolute_judgements.csv:Likely")
    assert record["logit_mean"] == pytest.approx(big.logit_median)
    assert record["credit"] == "credit C"
    (check,) = record["checks"]
    assert (check["survey"], check["n"]) == ("probly", 5)
    assert check["difference"] == pytest.approx(small.logit_median - big.logit_median)
    assert (
        "check: small survey (5 respondents, 'Likely') median 70%, -0.25 logits"
        in (record["rationale"])
    )


def test_censored_median_is_said_in_the_rationale():
    record = fit_cue({"cue": "will happen", "survey": {"capphrase": "Will Happen"}}, SURVEYS, ROWS)
    assert expit(record["logit_mean"]) == pytest.approx(0.995)
    assert "60% answered 0 or 100, so the median is censored" in record["rationale"]


def test_fit_survey_reports_the_censored_share():
    assert fit_survey([0, 0, 50, 100, 60, 70, 80, 90, 40, 30]).censored == pytest.approx(0.3)


def test_fit_survey_does_not_depend_on_the_clip_when_ends_are_rare(rng):
    answers = np.concatenate([[0, 100], rng.integers(1, 100, size=98)])
    wide, narrow = fit_survey(answers), fit_survey(answers, clip=(1e-4, 1 - 1e-4))
    assert (wide.logit_median, wide.logit_sd) == (narrow.logit_median, narrow.logit_sd)


def test_fit_lexicon_rejects_repeated_names():
    entry = {"cue": "may", "prob": 0.45, "spread": 1.0, "rationale": "r"}
    with pytest.raises(InputError, match="must be unique"):
        fit_lexicon([entry, entry], {}, ROWS)
