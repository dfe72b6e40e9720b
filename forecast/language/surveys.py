"""Perception surveys of probability phrases: reading them, and checking a lexicon against them.

Two public surveys feed the lexicon (``scripts/fit_lexicon.py``); neither ships with the
product, which ships only the fitted ``forecast/data/lexicon.json``:

- CAPphrase (Kucharski 2026, CC BY 4.0): 5,174 respondents each gave a probability (0-100)
  for 19 phrases, and chose the likelier phrase of 10 pairs (the tenth repeats the first,
  order swapped, as a consistency check);
- the 2015 /r/samplesize perceptions survey (Zoni Nation, MIT): 46 respondents x 17 phrases.

The checks are the ones the lexicon's fit is reported with (``benchmarks/lexicon_fit.py``):
does each fitted median fall inside the survey's interquartile range, how many of the
respondents' pairwise choices does the order of the fitted medians reproduce, and where do
the fitted medians fall against the institutional yardsticks CAPphrase transcribes.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from forecast.errors import InputError
from forecast.language.cues import find_cues

CAPPHRASE_CREDIT = (
    "Kucharski AJ (2026) CAPphrase: Comparative and Absolute Probability phrase dataset. "
    "DOI: 10.5281/zenodo.18750055. CC BY 4.0"
)
PROBLY_CREDIT = "Zoni Nation (2016) perceptions, /r/samplesize survey 2015 (probly.csv). MIT"
IQR_COLUMNS = ("phrase", "cue", "n", "q25", "median", "q75", "fitted", "inside")
PAIR_COLUMNS = ("phrase_a", "phrase_b", "n", "chose_a", "consistent", "share", "tied")
YARDSTICK_COLUMNS = ("yardstick", "phrase", "low", "high", "cue", "fitted", "inside")
# Round-off allowed when a fitted median meets a quartile: the shipped logits are rounded
# to 6 decimals, which moves a probability by at most 1.25e-7.
ROUND_OFF = 1e-6


@dataclass(frozen=True, slots=True)
class Survey:
    """Respondents' answers (percent, 0-100) per phrase, with the credit a derived work owes.

    ``name`` is the key the cue spec uses (``capphrase``, ``probly``); ``title`` names the
    survey in rationales; ``source`` is the file the answers came from.
    """

    name: str
    title: str
    credit: str
    source: str
    answers: Mapping[str, tuple[float, ...]]


@dataclass(frozen=True, slots=True)
class PairChoice:
    """One respondent's choice of the phrase conveying the higher probability."""

    respondent: str
    phrase_a: str
    phrase_b: str
    selected: str

    @property
    def pair(self) -> tuple[str, str]:
        """The two phrases, sorted, so a pair shown in either order is one key."""
        return tuple(sorted((self.phrase_a, self.phrase_b)))


@dataclass(frozen=True, slots=True)
class PairwiseAgreement:
    """How far the order of fitted medians reproduces respondents' pairwise choices.

    ``pairs`` has one row per phrase pair (columns ``PAIR_COLUMNS``): choices, choices of
    ``phrase_a``, choices consistent with the fitted order and their share, and whether the
    fitted medians tie (a tied pair cannot agree or disagree: its ``consistent`` and
    ``share`` are NaN and it is left out of ``overall``). ``repeat_consistency``
    is the share of respondents who chose the same phrase when shown a pair twice: the
    ceiling a fixed order of phrases can reach.
    """

    pairs: pd.DataFrame
    overall: float
    n_choices: int
    n_tied: int
    repeat_consistency: float


def read_capphrase(folder: Path) -> Survey:
    """The CAPphrase absolute judgements (``absolute_judgements.csv``) as a :class:`Survey`."""
    path = Path(folder) / "absolute_judgements.csv"
    answers: dict[str, list[float]] = {}
    for line, row in _rows(path, ("term", "probability")):
        answers.setdefault(row["term"], []).append(_number(row["probability"], path, line))
    return Survey(
        name="capphrase",
        title="CAPphrase (Kucharski 2026)",
        credit=CAPPHRASE_CREDIT,
        source="absolute_judgements.csv",
        answers={phrase: tuple(values) for phrase, values in answers.items()},
    )


def read_probly(path: Path) -> Survey:
    """The perceptions survey (``probly.csv``: one column per phrase) as a :class:`Survey`."""
    path = Path(path)
    rows = list(_rows(path, ()))
    if not rows:
        raise InputError(f"{path}: no answers")
    answers = {
        phrase: tuple(_number(row[phrase], path, line) for line, row in rows)
        for phrase in rows[0][1]
    }
    return Survey(
        name="probly",
        title="perceptions survey, 2015",
        credit=PROBLY_CREDIT,
        source="probly.csv",
        answers=answers,
    )


def read_pairwise(folder: Path) -> tuple[PairChoice, ...]:
    """CAPphrase's pairwise choices (``pairwise_comparisons.csv``) in file order."""
    path = Path(folder) / "pairwise_comparisons.csv"
    choices = []
    for line, row in _rows(path, ("response_id", "term1", "term2", "selected")):
        if row["selected"] not in (row["term1"], row["term2"]):
            raise InputError(
                f"{path}: line {line}: selected must be term1 or term2; got {row['selected']!r}"
            )
        choices.append(PairChoice(row["response_id"], row["term1"], row["term2"], row["selected"]))
    return tuple(choices)


def read_yardsticks(folder: Path) -> tuple[tuple[str, str, float, float], ...]:
    """CAPphrase's yardstick bands as ``(yardstick, phrase, low, high)``, probabilities.

    The yardstick is named by its file: ``yardstick_efsa.csv`` -> ``efsa``.
    """
    bands = []
    for path in sorted(Path(folder).glob("yardstick_*.csv")):
        name = path.stem.removeprefix("yardstick_")
        for line, row in _rows(path, ("term", "low", "high")):
            low, high = (_number(row[end], path, line) / 100 for end in ("low", "high"))
            bands.append((name, row["term"], low, high))
    return tuple(bands)


def _rows(path: Path, required: Sequence[str]):
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [field for field in required if field not in (reader.fieldnames or ())]
            if missing:
                raise InputError(f"{path}: missing columns {missing}")
            yield from enumerate(reader, start=2)
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from error


def _number(text: str, path: Path, line: int) -> float:
    try:
        return float(text)
    except (TypeError, ValueError) as error:
        raise InputError(f"{path}: line {line}: answer must be a number; got {text!r}") from error


def iqr_table(survey: Survey, fitted: Mapping[str, tuple[str, float]]) -> pd.DataFrame:
    """Each survey phrase's quartiles beside the fitted median of the cue that covers it.

    ``fitted`` maps a phrase to ``(cue, fitted median probability)``; a phrase it lacks is
    an error, since every survey phrase must be a cue. Probabilities in [0, 1]; ``inside``
    is ``q25 <= fitted <= q75`` up to ``ROUND_OFF``.
    """
    rows = []
    for phrase, answers in survey.answers.items():
        if phrase not in fitted:
            raise InputError(f"{survey.name}: phrase {phrase!r} is not covered by any cue")
        cue, median = fitted[phrase]
        q25, q50, q75 = np.quantile(np.asarray(answers) / 100, [0.25, 0.5, 0.75])
        inside = q25 - ROUND_OFF <= median <= q75 + ROUND_OFF
        rows.append((phrase, cue, len(answers), q25, q50, q75, median, inside))
    return pd.DataFrame(rows, columns=IQR_COLUMNS)


def pairwise_agreement(
    choices: Sequence[PairChoice], medians: Mapping[str, float]
) -> PairwiseAgreement:
    """Share of first-time pairwise choices that pick the phrase with the higher fitted median.

    A respondent's second showing of a pair is not counted again; it measures their own
    consistency instead (``repeat_consistency``).
    """
    first: dict[tuple[str, tuple[str, str]], PairChoice] = {}
    repeats = same = 0
    for choice in choices:
        key = (choice.respondent, choice.pair)
        if key in first:
            repeats += 1
            same += first[key].selected == choice.selected
        else:
            first[key] = choice
    counts: dict[tuple[str, str], list[int]] = {}
    for choice in first.values():
        a, b = choice.pair
        if a not in medians or b not in medians:
            raise InputError(f"pairwise: no fitted median for {sorted({a, b} - set(medians))}")
        tally = counts.setdefault((a, b), [0, 0])
        tally[0] += 1
        tally[1] += choice.selected == a
    rows = []
    for (a, b), (n, chose_a) in sorted(counts.items()):
        tied = medians[a] == medians[b]
        agree = float("nan") if tied else chose_a if medians[a] > medians[b] else n - chose_a
        rows.append((a, b, n, chose_a, agree, agree / n, tied))
    pairs = pd.DataFrame(rows, columns=PAIR_COLUMNS).astype({"consistent": "Int64"})
    scored = pairs[~pairs["tied"]]
    return PairwiseAgreement(
        pairs=pairs,
        overall=float(scored["consistent"].sum() / scored["n"].sum()),
        n_choices=int(scored["n"].sum()),
        n_tied=int(pairs.loc[pairs["tied"], "n"].sum()),
        repeat_consistency=same / repeats if repeats else float("nan"),
    )


def covering_cue(phrase: str, patterns) -> str | None:
    """The cue the matcher (``build_cue_patterns`` output) reads over all of ``phrase``."""
    text = phrase.lower()
    whole = [hit.cue for hit in find_cues(text, patterns) if hit.span == (0, len(text))]
    return whole[0] if whole else None


def yardstick_table(
    bands: Sequence[tuple[str, str, float, float]], fitted: Mapping[str, tuple[str, float]]
) -> pd.DataFrame:
    """Each yardstick band beside the fitted median of the cue that covers its phrase.

    ``fitted`` maps a lower-case phrase to ``(cue, fitted median probability)``; a phrase
    it lacks gets no cue and no median. ``inside`` is ``low <= fitted <= high`` up to
    ``ROUND_OFF``.
    """
    rows = []
    for name, phrase, low, high in bands:
        cue, median = fitted.get(phrase.lower(), (None, float("nan")))
        inside = low - ROUND_OFF <= median <= high + ROUND_OFF
        rows.append((name, phrase, low, high, cue, median, inside))
    return pd.DataFrame(rows, columns=YARDSTICK_COLUMNS)
