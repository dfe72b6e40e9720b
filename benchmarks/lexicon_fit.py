"""How well the shipped lexicon agrees with the perception surveys it was fitted to.

For each survey (CAPphrase, Kucharski 2026, CC BY 4.0, doi:10.5281/zenodo.18750055; the
2015 perceptions survey, Zoni Nation, MIT) every phrase's fitted median (the shipped cue
that covers it, per ``scripts/lexicon_spec.toml``) is printed beside the survey's median
and interquartile range, with the count of fitted medians inside the IQR. CAPphrase's
pairwise choices then check the order of the fitted medians: the share of respondents'
first-time choices that pick the phrase with the higher fitted median, per pair and
overall (pairs whose fitted medians tie are counted apart), beside the share of
respondents who repeated their own choice when shown a pair twice, and beside the same
agreement for CAPphrase's own medians (before ICD-203 bands move a few of them). Last, each
band of the five institutional yardsticks CAPphrase transcribes (EFSA, IPCC, NATO, UK PHIA,
US NIC) beside the fitted median of the cue the matcher reads its phrase as.

Usage::

    python benchmarks/lexicon_fit.py [--shared ../shared] [--pairs N]
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

import numpy as np

from forecast.errors import InputError
from forecast.language.cues import build_cue_patterns
from forecast.language.lexicon import load_lexicon
from forecast.language.surveys import (
    covering_cue,
    iqr_table,
    pairwise_agreement,
    read_capphrase,
    read_pairwise,
    read_probly,
    read_yardsticks,
    yardstick_table,
)

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "scripts" / "lexicon_spec.toml"


def survey_cues(spec: dict) -> dict[tuple[str, str], str]:
    """``(survey name, phrase) -> cue`` for every survey phrase a cue of the spec names."""
    return {
        (survey, phrase): entry["cue"]
        for entry in spec.get("cue", [])
        for survey, phrase in entry.get("survey", {}).items()
    }


def main(argv: list[str] | None = None) -> int:
    """Print the agreement tables; return an exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--pairs", type=int, default=None, help="print only the N worst pairs")
    args = parser.parse_args(argv)
    data = args.shared / "data"
    lexicon = load_lexicon()
    cues = survey_cues(tomllib.loads(SPEC.read_text(encoding="utf-8")))
    try:
        surveys = (
            read_capphrase(data / "capphrase"),
            read_probly(data / "perceptions-zonination" / "probly.csv"),
        )
        choices = read_pairwise(data / "capphrase")
        bands = read_yardsticks(data / "capphrase")
    except InputError as error:
        print(f"lexicon_fit: error: {error}", file=sys.stderr)
        return 2
    for survey in surveys:
        fitted = {
            phrase: (cues[survey.name, phrase], lexicon[cues[survey.name, phrase]].median)
            for phrase in survey.answers
            if (survey.name, phrase) in cues
        }
        table = iqr_table(survey, fitted).sort_values("median", kind="stable")
        print(f"\n{survey.title}: fitted median vs the survey's median and IQR")
        print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
        print(f"fitted median inside the IQR: {table['inside'].sum()} of {len(table)}")
    capphrase = surveys[0]
    medians = {phrase: lexicon[cues[capphrase.name, phrase]].median for phrase in capphrase.answers}
    agreement = pairwise_agreement(choices, medians)
    tied = agreement.pairs["tied"]
    pairs = agreement.pairs[~tied].sort_values("share", kind="stable")
    if args.pairs is not None:
        pairs = pairs.head(args.pairs)
    print(f"\n{capphrase.title}: pairwise choices consistent with the fitted medians")
    print(pairs.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    print("pairs whose fitted medians tie (chose_a: choices of phrase_a)")
    print(agreement.pairs[tied].drop(columns=["consistent", "share"]).to_string(index=False))
    raw = pairwise_agreement(
        choices, {phrase: float(np.median(a)) for phrase, a in capphrase.answers.items()}
    )
    for name, result in (("fitted medians", agreement), ("CAPphrase's own medians", raw)):
        print(
            f"{name}: {result.overall:.3f} of {result.n_choices:,} choices on untied pairs"
            f" agree; {result.n_tied:,} choices on tied pairs"
        )
    print(f"respondents' own repeat consistency: {agreement.repeat_consistency:.3f}")
    patterns = build_cue_patterns(lexicon)
    covered = {
        phrase.lower(): (cue, lexicon[cue].median)
        for _, phrase, _, _ in bands
        if (cue := covering_cue(phrase, patterns)) is not None
    }
    table = yardstick_table(bands, covered)
    print("\nyardsticks (CAPphrase's transcriptions): fitted median of the covering cue")
    print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    print(f"fitted median inside the yardstick's band: {table['inside'].sum()} of {len(table)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
