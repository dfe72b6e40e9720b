"""Our implied probabilities against annotated factuality (UDS-IH2): coverage and correlation.

Rudinger, White and Van Durme (2018), "Neural models of factuality", NAACL: each
predicate in English Web Treebank sentences is rated for whether the event happened,
mean factuality in [-3, 3] (``../shared/data/uds-ih2``, CC BY-SA 4.0, evaluation only).

A predicate is **scored** when the predicate reader (``forecast.language.predicates``, on the
shipped parser) reads an event mention whose span covers the annotated token, or failing
that whose deciding predicate does (the "going" of "is going to rain" decides "rain"); its
score is the reading's implied prob. ``--claims`` scores with ``extract_claims`` instead (a claim
whose predicate span covers the token), the figure before the reader existed. Reported:

- **coverage**: scored predicates / ALL annotated predicates;
- Pearson and Spearman correlation of prob with mean factuality over the scored
  predicates, and over ALL predicates with the unscored ones at prob 0.5 (the extractor
  says nothing about them, so they carry no information either way);
- Spearman on the hedged/forward claims only (the figure this script first reported);
- each figure for the dev split, the test split and both (the data holds no train split:
  the reader's rules were developed on dev, so test is the held-out figure);
- Pearson on the readings that speak of the past or present only (not ``forward``): there
  prob and factuality ask the same question, whether the event happened;
- the **happened view** over ALL predicates: the reading's ``happened_logit`` (the text
  presents the event as having happened), which is its prob except for an event still
  ahead, commanded or intended, which has not happened yet however likely it is;
- a per-construction table per split: the predicate's construction is read from the gold UD
  English-EWT parse (``../shared/data/ud-english-ewt``, same sentences, matched by text;
  "unaligned" when the text or token differs), first rule that applies: question (the
  sentence ends in "?"), conditional (``mark`` if/unless), negated (``advmod``
  not/never), modal (``aux`` may/might/could/can/should/must/would), future (``aux``
  will/shall), embedded (``ccomp``/``xcomp`` under a say/think/want verb), infinitive,
  imperative (``Mood=Imp``), plain past, plain present, gerund or participle (``VerbForm``
  Ger/Part), copular (a ``cop`` dependent), noun or adjective, other. Per construction: n,
  coverage, mean factuality rescaled to [0, 1] as (f + 3) / 6, mean prob, mean absolute
  error on scored ones, and its share of the split's squared error (unscored at 0.5).

What this does and does not mean: factuality is the annotators' judgement of whether the
writer presents the event as having happened (mostly about the past and present); our
prob is the chance the writer conveys that a (usually future) event will happen. A
positive correlation says our cues, negation and hedging move the number in the direction
readers perceive commitment; it says nothing about calibration of forecasts.

Usage::

    python benchmarks/factuality_uds.py [--data ../shared/data/uds-ih2/...tsv] [--ewt DIR]
        [--claims] [--parser MODEL_DIR]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy import stats

from forecast.language.extract import extract_claims
from forecast.language.lexicon import load_lexicon
from forecast.language.parse import load_parser
from forecast.language.predicates import read_doc
from forecast.prob import expit
from forecast.reading.article import Article

DEFAULT_DATA = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "uds-ih2"
    / "uds_ih2_dev_test_with_text.tsv"
)
DEFAULT_EWT = DEFAULT_DATA.parents[1] / "ud-english-ewt"
UNSCORED_PROB = 0.5
SPLITS = ("dev", "test")
# Reporting, cognition and desire verbs whose complement is the predicate's construction.
REPORTING = frozenset(
    [
        "say",
        "tell",
        "report",
        "claim",
        "announce",
        "think",
        "believe",
        "expect",
        "hope",
        "want",
        "plan",
        "suggest",
        "know",
        "seem",
        "try",
        "decide",
        "fear",
        "intend",
        "agree",
        "promise",
        "deny",
        "confirm",
    ]
)
MODALS = frozenset(["may", "might", "could", "can", "should", "must", "would", "ought"])
CONSTRUCTIONS = (
    "question",
    "conditional",
    "negated",
    "modal",
    "future",
    "embedded",
    "infinitive",
    "imperative",
    "plain past",
    "plain present",
    "gerund/participle",
    "copular",
    "noun/adjective",
    "other",
    "unaligned",
)


def token_span(tokens: list[str], index: int) -> tuple[int, int]:
    """Character span of token ``index`` (0-based) in the space-joined sentence."""
    start = sum(len(token) + 1 for token in tokens[:index])
    return start, start + len(tokens[index])


Reading = tuple[tuple[int, int], float, str, float, tuple[int, int]]
"""(predicate span, prob, "past"/"forward"/"fact", prob that it has happened, the span of the
predicate whose clause decides: the "going" of "is going to rain")."""


def claim_readings(text: str, lexicon) -> list[Reading]:
    """Each claim ``extract_claims`` makes (a claim has no happened view: its prob)."""
    return [
        (claim.predicate_span, claim.prob, claim.tense.value, claim.prob, claim.predicate_span)
        for claim in extract_claims(Article(text), lexicon)
    ]


def reader_readings(nlp):
    """A function giving the :data:`Reading` of each predicate reading of a text."""

    def read(text: str, lexicon) -> list[Reading]:
        return [
            (
                r.span,
                expit(r.logit_mean),
                "forward" if r.forward else "past",
                expit(r.happened_logit),
                r.carrier_span,
            )
            for r in read_doc(nlp(text), lexicon)
        ]

    return read


def predicate_scores(rows, lexicon, read=claim_readings) -> list[tuple[float, str, float] | None]:
    """Per annotated predicate, (our prob, tense, happened) when a reading covers it, else
    when one's deciding predicate does (UDS annotates the "going" of "is going to rain")."""
    cache: dict[str, list] = {}
    scores: list[tuple[float, str, float] | None] = []
    for row in rows:
        text = row["sentence_text"]
        if text not in cache:
            cache[text] = read(text, lexicon)
        tokens = text.split(" ")
        start, end = token_span(tokens, int(row["pred_token_1based"]) - 1)
        covering = (
            item
            for place in (0, 4)
            for item in cache[text]
            if item[place][0] < end and start < item[place][1]
        )
        item = next(covering, None)
        scores.append(None if item is None else item[1:4])
    return scores


def read_conllu(path: Path) -> dict[str, list[list[str]]]:
    """Sentences of a CoNLL-U file by their space-joined word forms (multiword lines dropped)."""
    sentences: dict[str, list[list[str]]] = {}
    words: list[list[str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if words:
                    sentences[" ".join(word[1] for word in words)] = words
                words = []
            elif not line.startswith("#"):
                columns = line.split("\t")
                if columns[0].isdigit():
                    words.append(columns)
    if words:
        sentences[" ".join(word[1] for word in words)] = words
    return sentences


def construction(words: list[list[str]] | None, index: int, form: str) -> str:
    """The predicate's construction from the gold parse (rules in the module docstring)."""
    if words is None or index >= len(words) or words[index][1] != form:
        return "unaligned"
    head = words[index]
    children = [word for word in words if word[6] == head[0]]

    def has(relation: str, lemmas) -> bool:
        return any(w[7].split(":")[0] == relation and w[2].lower() in lemmas for w in children)

    tenses = {head[5]} | {w[5] for w in children if w[7].startswith("aux")}
    parent = words[int(head[6]) - 1] if head[6] not in ("0", "_") else None
    rules = (
        ("question", words[-1][1] == "?"),
        ("conditional", has("mark", {"if", "unless"})),
        ("negated", has("advmod", {"not", "never", "n't"})),
        ("modal", has("aux", MODALS)),
        ("future", has("aux", {"will", "shall"})),
        (
            "embedded",
            head[7].split(":")[0] in ("ccomp", "xcomp")
            and parent is not None
            and parent[2].lower() in REPORTING,
        ),
        ("infinitive", "VerbForm=Inf" in head[5] and has("mark", {"to"})),
        ("imperative", "Mood=Imp" in head[5]),
        ("plain past", any("Tense=Past" in feats for feats in tenses)),
        ("plain present", any("Tense=Pres" in feats for feats in tenses)),
        ("gerund/participle", "VerbForm=Ger" in head[5] or "VerbForm=Part" in head[5]),
        ("copular", any(w[7] == "cop" for w in children)),
        ("noun/adjective", head[3] in ("NOUN", "PROPN", "ADJ")),
    )
    return next((name for name, applies in rules if applies), "other")


def correlations(probs, facts) -> str:
    """Pearson and Spearman of two equal-length sequences, as one line."""
    if len(probs) < 3:
        return f"n {len(probs)} (too few)"
    pearson = stats.pearsonr(probs, facts)[0]
    spearman = stats.spearmanr(probs, facts)[0]
    return f"n {len(probs):4d}  Pearson {pearson:+.3f}  Spearman {spearman:+.3f}"


def construction_table(rows, scores, ewt: dict[str, list[list[str]]]) -> list[str]:
    """One line per construction: n, coverage, mean factuality, mean prob, MAE (scored) and
    share of the squared error (unscored at :data:`UNSCORED_PROB`)."""
    groups: dict[str, list[tuple[float, tuple[float, str, float] | None]]] = defaultdict(list)
    for row, score in zip(rows, scores, strict=True):
        words = ewt.get(row["sentence_text"])
        name = construction(words, int(row["pred_token_1based"]) - 1, row["pred_form"])
        groups[name].append(((float(row["mean_factuality_-3_3"]) + 3) / 6, score))

    def squared(items) -> float:
        return sum((fact - (score[0] if score else UNSCORED_PROB)) ** 2 for fact, score in items)

    total = sum(squared(items) for items in groups.values()) or 1.0
    lines = [
        f"{'construction':17s} {'n':>5s} {'cover':>6s} {'fact':>5s} {'prob':>5s} {'MAE':>5s}"
        f" {'SSE%':>5s}"
    ]
    for name in CONSTRUCTIONS:
        items = groups.get(name, [])
        if not items:
            continue
        scored = [(fact, score[0]) for fact, score in items if score is not None]
        fact = np.mean([fact for fact, _ in items])
        if scored:
            prob = np.mean([p for _, p in scored])
            mae = np.mean([abs(p - f) for f, p in scored])
            tail = f"{prob:5.2f} {mae:5.2f}"
        else:
            tail = f"{'-':>5s} {'-':>5s}"
        lines.append(
            f"{name:17s} {len(items):5d} {len(scored) / len(items):6.2f} {fact:5.2f} {tail}"
            f" {100 * squared(items) / total:5.1f}"
        )
    return lines


def split_report(name: str, rows, scores) -> list[str]:
    """Coverage and correlations of one split (or of all rows)."""
    facts = [float(row["mean_factuality_-3_3"]) for row in rows]
    scored = [(score, fact) for score, fact in zip(scores, facts, strict=True) if score]
    all_probs = [score[0] if score else UNSCORED_PROB for score in scores]
    happened = [score[2] if score else UNSCORED_PROB for score in scores]
    forward = [(s[0], f) for s, f in scored if s[1] != "past"]
    settled = [(s[0], f) for s, f in scored if s[1] != "forward"]
    return [
        f"UDS-IH2 {name}: {len(rows)} annotated predicates, {len(scored)} scored: "
        f"coverage {len(scored) / len(rows):.3f}",
        "  scored predicates    " + correlations([s[0] for s, _ in scored], [f for _, f in scored]),
        f"  all (unscored {UNSCORED_PROB})  " + correlations(all_probs, facts),
        "  past/present only    " + correlations([p for p, _ in settled], [f for _, f in settled]),
        "  hedged/forward only  " + correlations([p for p, _ in forward], [f for _, f in forward]),
        "  happened view, all   " + correlations(happened, facts),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--ewt", type=Path, default=DEFAULT_EWT)
    parser.add_argument("--claims", action="store_true", help="score with extract_claims")
    parser.add_argument("--parser", type=Path, default=None, help="parser model directory")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"skipped: UDS-IH2 data not found at {args.data}", file=sys.stderr)
        return 0
    with args.data.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    read = claim_readings if args.claims else reader_readings(load_parser(args.parser))
    scores = predicate_scores(rows, load_lexicon(), read)
    splits = {name: [i for i, row in enumerate(rows) if row["split"] == name] for name in SPLITS}
    splits["dev+test"] = list(range(len(rows)))
    for name, indices in splits.items():
        print(
            "\n".join(split_report(name, [rows[i] for i in indices], [scores[i] for i in indices]))
        )
    ewt_files = sorted(args.ewt.glob("*.conllu")) if args.ewt.is_dir() else []
    ewt: dict[str, list[list[str]]] = {}
    for path in ewt_files:
        ewt.update(read_conllu(path))
    if not ewt:
        print(f"(no per-construction table: UD English-EWT not found under {args.ewt})")
        return 0
    for name in SPLITS:
        indices = splits[name]
        print(f"\nper construction, {name}")
        print(
            "\n".join(
                construction_table([rows[i] for i in indices], [scores[i] for i in indices], ewt)
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
