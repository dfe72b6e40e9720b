"""Our implied probabilities against annotated factuality (UDS-IH2), on matched predicates.

Rudinger, White and Van Durme (2018), "Neural models of factuality", NAACL: each
predicate in English Web Treebank sentences is rated for whether the event happened,
mean factuality in [-3, 3] (``../shared/data/uds-ih2``, CC BY-SA 4.0, evaluation only).

For every annotated predicate where our extractor produces a claim whose predicate span
covers the annotated token, we pair the claim's implied prob with the mean factuality and
report Spearman's rank correlation. What this does and does not mean: factuality is the
annotators' judgement of whether the writer presents the event as having happened
(mostly about the past and present); our prob is the chance the writer conveys that a
(usually future) event will happen. A positive rank correlation says our cues, negation
and hedging move the number in the direction readers perceive commitment; it says
nothing about calibration of forecasts, and unhedged past background (prob of "stated
as fact") is included only because its commitment is high.

Usage::

    python benchmarks/factuality_uds.py [--data ../shared/data/uds-ih2/...tsv]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from scipy import stats

from forecast.article import Article
from forecast.language.extract import extract_claims
from forecast.language.lexicon import load_lexicon

DEFAULT_DATA = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "uds-ih2"
    / "uds_ih2_dev_test_with_text.tsv"
)


def token_span(tokens: list[str], index: int) -> tuple[int, int]:
    """Character span of token ``index`` (0-based) in the space-joined sentence."""
    start = sum(len(token) + 1 for token in tokens[:index])
    return start, start + len(tokens[index])


def matched_pairs(rows, lexicon) -> list[tuple[float, float, str]]:
    """(our prob, mean factuality, tense) for annotated predicates we read as claims."""
    cache: dict[str, tuple] = {}
    pairs = []
    for row in rows:
        text = row["sentence_text"]
        if text not in cache:
            cache[text] = extract_claims(Article(text), lexicon)
        tokens = text.split(" ")
        start, end = token_span(tokens, int(row["pred_token_1based"]) - 1)
        for claim in cache[text]:
            p_start, p_end = claim.predicate_span
            if p_start < end and start < p_end:
                pairs.append((claim.prob, float(row["mean_factuality_-3_3"]), claim.tense.value))
                break
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"skipped: UDS-IH2 data not found at {args.data}", file=sys.stderr)
        return 0
    with args.data.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    pairs = matched_pairs(rows, load_lexicon())
    print(f"UDS-IH2 dev+test: {len(rows)} annotated predicates, {len(pairs)} matched a claim")
    for label, subset in (
        ("all matched", pairs),
        ("hedged/forward only", [p for p in pairs if p[2] != "past"]),
    ):
        if len(subset) < 3:
            print(f"{label}: too few pairs ({len(subset)})")
            continue
        rho, p_value = stats.spearmanr([p[0] for p in subset], [p[1] for p in subset])
        print(f"{label:20s} n {len(subset):4d}  Spearman rho {rho:+.3f}  (p = {p_value:.2g})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
