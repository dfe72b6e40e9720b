"""Fitting the lexicon from the surveys and calibrated scales (numpy and scipy only).

``scripts/fit_lexicon.py`` reads the cue spec and the CSVs and calls these pure functions;
the product ships their output (``forecast/data/lexicon.json``); the reporting standards
built from it are in :mod:`forecast.language.fitting_standards`.

Choices, with reasons:

- Survey answers (0-100) become probabilities clipped to [0.005, 0.995] before the logit,
  so a respondent's "0" or "100" is a finite, very confident reading rather than infinity.
  The clip is a censoring point: a median and 10-90% quantiles are order statistics, so
  while fewer than 10% of answers sit at either end (18 of CAPphrase's 19 phrases; the
  most is 4.3%, "improbable" at 0) the fit does not depend on where the clip is. For
  "will happen" 64% answered 100: its median is censored and the fit sits at the clip,
  which the cue's rationale says.
- A survey cue's centre is the median logit and its spread the 10-90% quantile range
  divided by ``2 * 1.2816`` (the same range of a normal in sd units). Both ignore the few
  respondents who plainly misread a phrase (95 for "almost no chance"), which would
  dominate a mean and a standard deviation.
- Where several surveys cover a phrase, the first in ``SURVEY_ORDER`` that the cue names
  fits it (CAPphrase: 5,174 respondents against 46) and the others are recorded as checks
  in the cue's record and rationale, with the difference of medians in logits.
- The standard error of a median is ``sqrt(pi/2) * sd / sqrt(n)`` (about 1.2533 sd/sqrt(n)).
- Where ICD-203 names a survey cue and the survey centre falls outside (or on the edge of)
  its band, the centre is the posterior median of the survey centre: Normal likelihood
  with that standard error, uniform prior on the ICD band, i.e. the median of a truncated
  normal. It lies in the band by construction and moves from the survey median only as far
  as the band forces it, measured in standard errors in the rationale.
- A band from a calibrated scale is the central 90% interval of a logit-normal: centre at
  the logit mid-point, sd = logit width / (2 * 1.6449). Band ends of 0 or 100% are clipped
  like the answers (to 0.5% and 99.5%), not to 1% and 99%, which would collapse IPCC's
  "virtually certain" (99-100%) to a point.
- No spread is below ``MIN_LOGIT_SD``: the sd that makes 45-55% a 90% interval, the
  narrowest band any verified standard gives a phrase (ICD-203 "roughly even chance").
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import expit, logit
from scipy.stats import norm, truncnorm

from forecast.errors import InputError
from forecast.language.surveys import Survey

PROB_CLIP = (0.005, 0.995)
Z90 = float(norm.ppf(0.95))
QUANTILE_RANGE_SD = 2 * float(norm.ppf(0.9))
MEDIAN_SE_FACTOR = math.sqrt(math.pi / 2)
MIN_LOGIT_SD = float(logit(0.55)) / Z90
ICD_SCALE = "ICD-203 (ODNI 2015)"
SURVEY_ORDER = ("capphrase", "probly")
PROVENANCES = ("survey", "standard", "elicited")


@dataclass(frozen=True, slots=True)
class ScaleRow:
    """One row of a calibrated probability scale: a phrase and its band as probabilities."""

    scale: str
    phrase: str
    low: float
    high: float
    verification: str = ""
    source: str = ""

    @property
    def key(self) -> str:
        """The ``scale|phrase`` key the cue spec uses to name this row."""
        return f"{self.scale}|{self.phrase}"


@dataclass(frozen=True, slots=True)
class SurveyFit:
    """Robust logit-scale summary of respondents' answers for one phrase."""

    n: int
    logit_median: float
    logit_sd: float
    censored: float = 0.0  # share of answers outside the clip (respondents' 0 and 100)

    @property
    def se(self) -> float:
        """Standard error of the median logit."""
        return MEDIAN_SE_FACTOR * self.logit_sd / math.sqrt(self.n)


def fit_survey(answers_pct: Sequence[float], clip: tuple[float, float] = PROB_CLIP) -> SurveyFit:
    """Median logit and quantile-range sd of answers given in percent (0-100).

    Answers are clipped to ``clip`` (probabilities) before the logit; the share clipped is
    reported as ``censored``.

    Examples
    --------
    >>> fit = fit_survey([60, 70, 70, 70, 80])
    >>> round(float(expit(fit.logit_median)), 2)
    0.7
    """
    answers = np.asarray(answers_pct, dtype=float)
    if answers.size < 2 or not np.all(np.isfinite(answers)):
        raise InputError(f"survey answers: need at least 2 finite values; got {answers.size}")
    if answers.min() < 0 or answers.max() > 100:
        raise InputError(
            f"survey answers: must be percentages in [0, 100]; got {answers.min()}-{answers.max()}"
        )
    probs = answers / 100
    logits = logit(np.clip(probs, *clip))
    q10, q90 = np.quantile(logits, [0.1, 0.9])
    spread = max(float(q90 - q10) / QUANTILE_RANGE_SD, MIN_LOGIT_SD)
    censored = float(np.mean((probs < clip[0]) | (probs > clip[1])))
    return SurveyFit(
        n=int(answers.size),
        logit_median=float(np.median(logits)),
        logit_sd=spread,
        censored=censored,
    )


def fit_band(low: float, high: float) -> tuple[float, float]:
    """Logit-normal ``(logit_mean, logit_sd)`` whose central 90% interval is the band.

    Examples
    --------
    >>> mean, sd = fit_band(0.2, 0.8)
    >>> round(mean, 6), round(float(expit(mean + Z90 * sd)), 6)
    (0.0, 0.8)
    """
    lo, hi = (float(logit(np.clip(p, *PROB_CLIP))) for p in (low, high))
    if hi < lo:
        raise InputError(f"band: low must not exceed high; got {low}-{high}")
    return (lo + hi) / 2, max((hi - lo) / (2 * Z90), MIN_LOGIT_SD)


def band_posterior_median(centre: float, se: float, low: float, high: float) -> float:
    """Posterior median logit of a centre measured as ``centre +- se`` under a uniform prior.

    The prior is uniform on the logit band ``[logit(low), logit(high)]``, so the posterior
    is a normal truncated to the band.
    """
    lo, hi = (float(logit(np.clip(p, *PROB_CLIP))) for p in (low, high))
    a, b = (lo - centre) / se, (hi - centre) / se
    return float(np.clip(truncnorm.ppf(0.5, a, b, loc=centre, scale=se), lo, hi))


def phrase_alternatives(phrase: str) -> tuple[str, ...]:
    """Every phrasing a scale row names, the label first.

    Examples
    --------
    >>> phrase_alternatives("likely / probable (probably)")
    ('likely', 'probable', 'probably')
    >>> phrase_alternatives("almost certain(ly) / nearly certain")
    ('almost certain', 'almost certainly', 'nearly certain')
    """
    inner = re.findall(r"\s\(([^)]*)\)", phrase)
    outer = re.sub(r"\s\([^)]*\)", "", phrase)
    names: list[str] = []
    for part in [*outer.split(" / "), *(p for group in inner for p in group.split(";"))]:
        part = part.strip().lower()
        stem = re.fullmatch(r"(.*)\((\w+)\)", part)
        names.extend([stem[1], stem[1] + stem[2]] if stem else [part])
    return tuple(dict.fromkeys(n for n in names if n))


def icd_row_for(names: Sequence[str], rows: Sequence[ScaleRow]) -> ScaleRow | None:
    """The ICD-203 row naming any of ``names`` (a cue and its forms), or None."""
    hits = {
        row.key: row
        for row in rows
        if row.scale == ICD_SCALE and set(names) & set(phrase_alternatives(row.phrase))
    }
    if len(hits) > 1:
        raise InputError(f"cue {names[0]!r}: named by several ICD-203 rows: {sorted(hits)}")
    return next(iter(hits.values()), None)


def percent_text(prob: float) -> str:
    """``prob`` as a short percentage for messages and rationales: 0.955 -> '95.5%'."""
    return f"{round(100 * prob, 1):g}%"


def _band_text(row: ScaleRow) -> str:
    return f"{row.scale} '{row.phrase}': {percent_text(row.low)}-{percent_text(row.high)}"


def fit_cue(entry: Mapping, surveys: Mapping[str, Survey], rows: Sequence[ScaleRow]) -> dict:
    """One lexicon record from one cue of the spec (see ``scripts/lexicon_spec.toml``)."""
    name = entry.get("cue")
    if not isinstance(name, str) or not name:
        raise InputError(f"cue spec: every [[cue]] needs a non-empty 'cue'; got {name!r}")
    sources = [key for key in ("survey", "standard", "prob") if key in entry]
    if len(sources) != 1:
        raise InputError(
            f"cue {name!r}: needs exactly one of survey, standard, prob; got {sources}"
        )
    record = {
        "cue": name,
        "forms": list(dict.fromkeys(entry.get("forms", []))),
        "category": entry.get("category", ""),
    }
    icd = icd_row_for([name, *record["forms"]], rows)
    if sources == ["survey"]:
        record.update(_fit_survey_cue(name, entry["survey"], surveys, icd))
    elif sources == ["standard"]:
        record.update(_fit_standard_cue(name, entry["standard"], rows))
    else:
        record.update(_fit_elicited_cue(name, entry))
    if icd is not None and not icd.low <= expit(record["logit_mean"]) <= icd.high:
        median = percent_text(expit(record["logit_mean"]))
        raise InputError(f"cue {name!r}: median {median} is outside {_band_text(icd)}")
    return record


def _fit_survey_cue(
    name: str, phrases: Mapping, surveys: Mapping[str, Survey], icd: ScaleRow | None
) -> dict:
    names = [key for key in SURVEY_ORDER if key in phrases] if isinstance(phrases, Mapping) else []
    if not names or len(names) != len(phrases):
        raise InputError(
            f"cue {name!r}: survey must map survey names ({', '.join(SURVEY_ORDER)}) to"
            f" phrases; got {phrases!r}"
        )
    fits = {key: _survey_fit(name, surveys, key, phrases[key]) for key in names}
    primary, fit = names[0], fits[names[0]]
    survey = surveys[primary]
    centre = fit.logit_median
    rationale = (
        f"fitted to {fit.n:,} respondents of {survey.title} '{phrases[primary]}':"
        f" median {percent_text(expit(centre))}"
    )
    if fit.censored > 0.5:
        rationale += (
            f" ({percent_text(fit.censored)} answered 0 or 100, so the median is censored and sits"
            " at the clip)"
        )
    if icd is not None and not icd.low < expit(centre) < icd.high:
        centre = band_posterior_median(fit.logit_median, fit.se, icd.low, icd.high)
        shift = (centre - fit.logit_median) / fit.se
        rationale += (
            f"; {_band_text(icd)}, so the centre is the posterior median of the survey"
            f" centre (se {fit.se:.3f} logits) under a uniform prior on that band:"
            f" {percent_text(expit(centre))}, {abs(shift):.2f} se from the survey median"
        )
    checks = []
    for key in names[1:]:
        check = fits[key]
        difference = check.logit_median - fit.logit_median
        rationale += (
            f"; check: {surveys[key].title} ({check.n} respondents, '{phrases[key]}')"
            f" median {percent_text(expit(check.logit_median))}, {difference:+.2f} logits"
        )
        checks.append(
            {
                "survey": key,
                "source": f"{surveys[key].source}:{phrases[key]}",
                "n": check.n,
                "logit_median": check.logit_median,
                "logit_sd": check.logit_sd,
                "difference": difference,
            }
        )
    return {
        "logit_mean": centre,
        "logit_sd": fit.logit_sd,
        "provenance": "survey",
        "rationale": rationale,
        "source": f"{survey.source}:{phrases[primary]}",
        "credit": survey.credit,
        "n": fit.n,
        "survey_logit_median": fit.logit_median,
        "survey_se": fit.se,
        "checks": checks,
    }


def _survey_fit(name: str, surveys: Mapping[str, Survey], key: str, phrase) -> SurveyFit:
    if key not in surveys:
        raise InputError(f"cue {name!r}: survey {key!r} was not read; have {sorted(surveys)}")
    answers = surveys[key].answers
    if phrase not in answers:
        raise InputError(f"cue {name!r}: {key} phrase {phrase!r} not in {sorted(answers)}")
    return fit_survey(answers[phrase])


def _fit_standard_cue(name: str, key: str, rows: Sequence[ScaleRow]) -> dict:
    by_key = {row.key: row for row in rows}
    if key not in by_key:
        raise InputError(f"cue {name!r}: standard {key!r} is not a 'scale|phrase' row")
    row = by_key[key]
    mean, sd = fit_band(row.low, row.high)
    return {
        "logit_mean": mean,
        "logit_sd": sd,
        "provenance": "standard",
        "rationale": f"{_band_text(row)} taken as the central 90% interval",
        "source": f"scales.csv:{key}",
    }


def _fit_elicited_cue(name: str, entry: Mapping) -> dict:
    prob, spread, why = entry.get("prob"), entry.get("spread"), entry.get("rationale")
    if not isinstance(prob, int | float) or not 0 < prob < 1:
        raise InputError(f"cue {name!r}: prob must be in (0, 1); got {prob!r}")
    if not isinstance(spread, int | float) or spread <= 0:
        raise InputError(f"cue {name!r}: spread must be a positive logit sd; got {spread!r}")
    if not isinstance(why, str) or not why.strip():
        raise InputError(f"cue {name!r}: an elicited cue needs a one-line rationale")
    return {
        "logit_mean": float(logit(prob)),
        "logit_sd": float(spread),
        "provenance": "elicited",
        "rationale": why.strip(),
        "source": "elicited",
    }


def fit_lexicon(
    cues: Sequence[Mapping], surveys: Mapping[str, Survey], rows: Sequence[ScaleRow]
) -> list[dict]:
    """Lexicon records for every cue of the spec, in spec order; cue names must be unique."""
    records = [fit_cue(entry, surveys, rows) for entry in cues]
    names = [record["cue"] for record in records]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise InputError(f"cue spec: cue names must be unique; repeated: {repeated}")
    return records


def round_floats(value, digits: int = 6):
    """``value`` with every float rounded, so JSON output is byte-stable across platforms."""
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {key: round_floats(item, digits) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [round_floats(item, digits) for item in value]
    return value
