"""The construction families of issue 10 on trap sentences: what ``extract_claims`` makes of them.

The sentences are ``tests/language/trap_cases.py`` (written for the project; each with the
event's lemma, its family, the direction the event must take and whether it is still
ahead). Per sentence, the claim about the event is the one whose predicate or event phrase
holds the event's word; it is **right** when

- the event is ahead: a forward claim exists and its direction (``claim_direction`` of the
  Wikinews benchmark: against below 1/3, undecided on undecided cues, else for) is the
  case's;
- the event is not ahead: no forward claim reads it "for" (none, background, or the case's
  direction).

Printed per family: sentences, claims found, right. Run against another checkout of
``forecast`` (``PYTHONPATH=OLD python benchmarks/trap_families.py``) for a before/after.

Usage::

    python benchmarks/trap_families.py
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter, defaultdict
from pathlib import Path

from wikinews_labels import claim_direction

from forecast.language.extract import extract_claims
from forecast.language.lexicon import load_lexicon
from forecast.reading.article import Article
from forecast.scenario.words import stem

CASES_FILE = Path(__file__).resolve().parents[1] / "tests" / "language" / "trap_cases.py"


def load_cases(path: Path = CASES_FILE) -> list[tuple]:
    """The trap cases, read from their file without importing the test package."""
    spec = importlib.util.spec_from_file_location("trap_cases", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CASES


def claim_about(claims, sentence: str, lemma: str):
    """The claim whose predicate or event phrase holds the event's word (forward first)."""
    head = stem(lemma)
    about = [
        claim
        for claim in claims
        if head
        in {stem(word.lower().strip(".,")) for word in f"{claim.predicate} {claim.event}".split()}
    ]
    about.sort(key=lambda claim: not claim.forward)
    return about[0] if about else None


def verdict(case: tuple, lexicon) -> tuple[object, bool, str]:
    """The claim about the case's event, whether it is right, and how it reads."""
    sentence, lemma, _, lean, forward = case
    claim = claim_about(extract_claims(Article(sentence), lexicon), sentence, lemma)
    direction = None if claim is None else claim_direction(claim, lexicon)
    if forward:
        right = claim is not None and claim.forward and direction == lean
    else:
        right = claim is None or not claim.forward or direction == lean
    reading = "no claim" if claim is None else f"{claim.tense.value} {direction}"
    return claim, right, reading


def main(argv: list[str] | None = None) -> int:
    del argv
    lexicon = load_lexicon()
    rows: dict[str, Counter] = defaultdict(Counter)
    for case in load_cases():
        claim, right, reading = verdict(case, lexicon)
        row = rows[case[2]]
        row["n"] += 1
        row["found"] += claim is not None
        row["right"] += right
        if not right:
            print(f"  wrong [{case[2]}] {case[0]!r}: {reading}", file=sys.stderr)
    print(f"{'family':16s} {'n':>3s} {'found':>5s} {'right':>5s}")
    for family, row in rows.items():
        print(f"{family:16s} {row['n']:3d} {row['found']:5d} {row['right']:5d}")
    total = sum(row["right"] for row in rows.values()), sum(row["n"] for row in rows.values())
    print(f"{'all':16s} {total[1]:3d} {'':5s} {total[0]:5d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
