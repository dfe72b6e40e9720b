"""The lexicon: what each hedge cue conveys, as a logit-normal distribution with provenance.

The values live in ``forecast/data/lexicon.json`` (data, not code), written by
``scripts/fit_lexicon.py`` from the perception surveys (CAPphrase, Kucharski 2026, CC BY 4.0;
the 2015 perceptions survey) and the calibrated scales. A survey cue's record there also
keeps its respondents ``n``, its source phrase, the survey's credit and the checks against
the other survey.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path

import pandas as pd

from forecast.errors import InputError
from forecast.prob import expit, logit_normal_interval


class Provenance(StrEnum):
    """Where a cue's distribution comes from."""

    SURVEY = "survey"  # fitted to perception-survey respondents' answers (CAPphrase first)
    STANDARD = "standard"  # a published calibrated scale (ICD-203, Kent, ...)
    ELICITED = "elicited"  # our judgement, deliberately wide, with a rationale


@dataclass(frozen=True, slots=True)
class Cue:
    """One hedge cue and the probability it conveys, ``logit(p) ~ Normal(logit_mean, logit_sd)``.

    ``forms`` are the lower-case surface forms matched in text (inflections such as
    "is expected to" / "are expected to" / "was expected to"); ``category`` groups cues
    (modal, adverb, planning, desire, possibility, undecided, certainty, ...).
    """

    cue: str
    forms: tuple[str, ...]
    category: str
    logit_mean: float
    logit_sd: float
    provenance: Provenance
    rationale: str

    @property
    def median(self) -> float:
        """Median conveyed probability."""
        return expit(self.logit_mean)

    def interval(self, mass: float = 0.9) -> tuple[float, float]:
        """Central interval of the conveyed probability holding ``mass``."""
        return logit_normal_interval(self.logit_mean, self.logit_sd, mass)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """An ordered collection of cues, looked up by canonical phrase."""

    cues: tuple[Cue, ...]

    def __iter__(self) -> Iterator[Cue]:
        return iter(self.cues)

    def __len__(self) -> int:
        return len(self.cues)

    def __getitem__(self, cue: str) -> Cue:
        for entry in self.cues:
            if entry.cue == cue:
                return entry
        raise KeyError(cue)

    def to_frame(self, mass: float = 0.9) -> pd.DataFrame:
        """One row per cue: median, central interval holding ``mass``, spread, provenance.

        Columns: ``cue, category, median, low, high, logit_mean, logit_sd, provenance,
        rationale``; probabilities in [0, 1].
        """
        rows = []
        for entry in self.cues:
            low, high = entry.interval(mass)
            rows.append(
                {
                    "cue": entry.cue,
                    "category": entry.category,
                    "median": entry.median,
                    "low": low,
                    "high": high,
                    "logit_mean": entry.logit_mean,
                    "logit_sd": entry.logit_sd,
                    "provenance": str(entry.provenance),
                    "rationale": entry.rationale,
                }
            )
        return pd.DataFrame(rows, columns=FRAME_COLUMNS)


DEFAULT_LEXICON = "lexicon.json"
FRAME_COLUMNS = (
    "cue",
    "category",
    "median",
    "low",
    "high",
    "logit_mean",
    "logit_sd",
    "provenance",
    "rationale",
)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read a lexicon file (the shipped one when ``path`` is None)."""
    if path is None:
        source = resources.files("forecast.data").joinpath(DEFAULT_LEXICON)
        name = f"forecast/data/{DEFAULT_LEXICON}"
    else:
        source, name = Path(path), str(path)
    try:
        raw = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise InputError(f"{name}: cannot read lexicon: {error}") from error
    return Lexicon(tuple(_cue_from_record(record, name, i) for i, record in enumerate(raw)))


def _cue_from_record(record: dict, name: str, index: int) -> Cue:
    try:
        return Cue(
            cue=record["cue"],
            forms=tuple(record["forms"]),
            category=record["category"],
            logit_mean=float(record["logit_mean"]),
            logit_sd=float(record["logit_sd"]),
            provenance=Provenance(record["provenance"]),
            rationale=record.get("rationale", ""),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(f"{name}: entry {index}: {error!r}") from error
