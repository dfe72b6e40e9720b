"""Speculation-cue detection measured on the SFU Review Corpus (evaluation data only).

Konstantinova et al. (2012), "A review corpus annotated for negation, speculation and
their scope", LREC 2012: 400 product reviews, tokenised, with ``<cue type="speculation">``
elements around the cue words. The corpus is GPL-licensed and lives outside the product
(``../shared/data/sfu-review``); nothing from it is copied into ``forecast``.

Per sentence the tokens are joined with single spaces and ``find_cues`` runs with the
shipped lexicon's patterns. Matching rule, at token level: a predicted cue span and a gold
cue span match when they share at least one token (each gold cue matches at most once);
precision = matched predictions / predictions, recall = matched gold cues / gold cues.
The exact rule (same first and last token) is printed too. Figures are printed for every
lexicon cue and for hedges only (without the ``certainty`` category and the modal
"will", which the annotation guidelines do not treat as speculation).

Usage::

    python benchmarks/hedge_cues_sfu.py [--data ../shared/data/sfu-review]
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from forecast.language.cues import build_cue_patterns, find_cues
from forecast.language.lexicon import load_lexicon

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "sfu-review"
NOT_HEDGES = frozenset(["will", "certainly", "confirmed", "stated as fact"])
TokenSpan = tuple[int, int]  # first and last token index, inclusive


def read_sentence(element: ET.Element) -> tuple[list[str], list[TokenSpan]]:
    """The tokens of one ``<SENTENCE>`` and the token spans of its speculation cues."""
    tokens: list[str] = []
    cues: list[TokenSpan] = []

    def walk(node: ET.Element) -> None:
        if node.tag == "W":
            tokens.append(node.text or "")
            return
        first = len(tokens)
        for child in node:
            walk(child)
        if node.tag == "cue" and node.get("type") == "speculation" and len(tokens) > first:
            cues.append((first, len(tokens) - 1))

    walk(element)
    return tokens, cues


def predicted_spans(tokens: list[str], patterns, keep) -> list[tuple[TokenSpan, str]]:
    """Our cue hits on the space-joined tokens, as token spans with the cue name."""
    starts, cursor = [], 0
    for token in tokens:
        starts.append(cursor)
        cursor += len(token) + 1
    text = " ".join(tokens)
    found = []
    for hit in find_cues(text, patterns):
        if not keep(hit.cue):
            continue
        covered = [
            i for i, s in enumerate(starts) if s < hit.span[1] and hit.span[0] < s + len(tokens[i])
        ]
        if covered:
            found.append(((covered[0], covered[-1]), hit.cue))
    return found


def score(sentences, patterns, keep) -> dict[str, float]:
    """Counts and precision/recall/F1 under the overlap and exact rules."""
    counts = Counter()
    for tokens, gold in sentences:
        predicted = predicted_spans(tokens, patterns, keep)
        counts["predicted"] += len(predicted)
        counts["gold"] += len(gold)
        unmatched = list(gold)
        for span, _ in predicted:
            hit = next((g for g in unmatched if g[0] <= span[1] and span[0] <= g[1]), None)
            if hit is not None:
                unmatched.remove(hit)
                counts["overlap"] += 1
                counts["exact"] += hit == span
    result = {"predicted": counts["predicted"], "gold": counts["gold"]}
    for rule in ("overlap", "exact"):
        precision = counts[rule] / max(counts["predicted"], 1)
        recall = counts[rule] / max(counts["gold"], 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-12)
        result.update({f"{rule}_precision": precision, f"{rule}_recall": recall, f"{rule}_f1": f1})
    return result


def missed_cues(sentences, patterns, top: int = 15) -> list[tuple[str, int]]:
    """The gold cue words we miss most often (to see which hedges the lexicon lacks)."""
    missed = Counter()
    for tokens, gold in sentences:
        predicted = [span for span, _ in predicted_spans(tokens, patterns, lambda cue: True)]
        for g in gold:
            if not any(g[0] <= p[1] and p[0] <= g[1] for p in predicted):
                missed[" ".join(tokens[g[0] : g[1] + 1]).lower()] += 1
    return missed.most_common(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    files = sorted(args.data.glob("*/*.xml")) if args.data.is_dir() else []
    if not files:
        print(f"skipped: SFU Review corpus not found at {args.data}", file=sys.stderr)
        return 0
    sentences = [
        read_sentence(sentence)
        for path in files
        for sentence in ET.parse(path).getroot().iter("SENTENCE")
    ]
    patterns = build_cue_patterns(load_lexicon())
    print(f"SFU Review corpus: {len(files)} reviews, {len(sentences)} sentences")
    for label, keep in (
        ("all lexicon cues", lambda cue: True),
        ("hedges only", lambda cue: cue not in NOT_HEDGES),
    ):
        result = score(sentences, patterns, keep)
        print(
            f"{label:17s} predicted {result['predicted']:5d} gold {result['gold']:5d} | "
            f"overlap P {result['overlap_precision']:.3f} R {result['overlap_recall']:.3f} "
            f"F1 {result['overlap_f1']:.3f} | exact P {result['exact_precision']:.3f} "
            f"R {result['exact_recall']:.3f} F1 {result['exact_f1']:.3f}"
        )
    print(
        "most often missed gold cues:",
        ", ".join(f"{w} ({n})" for w, n in missed_cues(sentences, patterns)),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
