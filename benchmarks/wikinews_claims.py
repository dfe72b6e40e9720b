"""Forward claims on real news: the extractor against hand labels on Wikinews articles.

Runs ``extract_claims`` (what ``forecast extract`` prints) on every article that has
labels in ``benchmarks/labels/wikinews_claims.jsonl`` and matches its claims to the labels
by the rule in ``wikinews_labels`` (same sentence, shared event head word). Reported:

- **precision**: matched forward claims / forward claims the extractor made (headline
  excluded). A claim that matches a label marked ``forward: false`` (a generic "may", a
  counterfactual, a reader-poll box) or no label at all is a false positive;
- **recall**: forward labels matched by a forward claim / forward labels. A label matched
  only by a claim the extractor marked as past is a miss, counted in "as past";
- **direction accuracy**: matched forward labels whose direction (for / against /
  undecided) the claim gets right, with the claim's direction read as in
  ``wikinews_labels.claim_direction``;
- the same per construction (the label's ``construction`` field), and the false positives
  by the construction of the non-forward label they hit.

Articles: ``../shared/data/wikinews`` (Wikinews, CC BY 2.5; see the labels' README).

Usage::

    python benchmarks/wikinews_claims.py [--data ../shared/data/wikinews] [--misses]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from wikinews_labels import (
    CONSTRUCTIONS,
    claim_direction,
    data_args,
    load_articles,
    load_claim_labels,
    match_claims,
    scored_claims,
)

from forecast.language.extract import extract_claims
from forecast.language.lexicon import load_lexicon

UNHEDGED = frozenset({"plain_future", "appeal", "not_a_hedge", "furniture"})


def ratio(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "  - "


def evaluate(data: Path, show_misses: bool = False) -> None:
    """Print precision, recall and direction accuracy, overall and per construction."""
    lexicon = load_lexicon()
    labels = load_claim_labels()
    by_article = defaultdict(list)
    for label in labels:
        by_article[label["article"]].append(label)
    articles = load_articles(data, by_article)
    total = Counter()
    per = defaultdict(Counter)
    misses = []
    for name, article in articles.items():
        claims = scored_claims(article, extract_claims(article, lexicon))
        matches = match_claims(article, by_article[name], claims)
        matched = {id(m.claim): m.label for m in matches if m.claim is not None}
        forward_claims = [claim for claim in claims if claim.forward]
        total["predicted"] += len(forward_claims)
        for claim in forward_claims:
            label = matched.get(id(claim))
            if label is None:
                total["fp_unlabelled"] += 1
                misses.append((name, claim, "false positive"))
            elif not label["forward"]:
                per[label["construction"]]["fp"] += 1
                total["fp_nonforward"] += 1
        for match in matches:
            label, claim = match.label, match.claim
            if not label["forward"]:
                continue
            row = per[label["construction"]]
            for counter in (row, total):
                counter["gold"] += 1
            if claim is None:
                misses.append((name, label, "no claim"))
                continue
            if not claim.forward:
                for counter in (row, total):
                    counter["as_past"] += 1
                misses.append((name, label, "read as past"))
                continue
            right = claim_direction(claim, lexicon) == label["direction"]
            for counter in (row, total):
                counter["hit"] += 1
                counter["right"] += right
            if not right:
                misses.append((name, label, f"direction {claim_direction(claim, lexicon)}"))
    tp = total["hit"]
    print(
        f"Wikinews forward claims: {len(articles)} articles, {total['gold']} forward labels, "
        f"{total['predicted']} forward claims extracted (headlines excluded)"
    )
    print(
        f"precision {ratio(tp, total['predicted'])} ({tp}/{total['predicted']}; false positives: "
        f"{total['fp_unlabelled']} on no label, {total['fp_nonforward']} on non-forward labels)"
    )
    print(
        f"recall    {ratio(tp, total['gold'])} ({tp}/{total['gold']}; {total['as_past']} as past)"
    )
    print(f"direction {ratio(total['right'], tp)} of matched ({total['right']}/{tp})")
    hedged = [row for name, row in per.items() if name not in UNHEDGED]
    gold, hit = sum(row["gold"] for row in hedged), sum(row["hit"] for row in hedged)
    right = sum(row["right"] for row in hedged)
    print(
        f"hedged labels only (not plain_future/appeal): recall {ratio(hit, gold)} ({hit}/{gold}), "
        f"direction {ratio(right, hit)}"
    )
    print()
    header = ("labels", "recall", "as past", "dir ok", "FP")
    print(f"{'construction':16s} " + " ".join(f"{h:>6s}" for h in header))
    for name in CONSTRUCTIONS:
        row = per.get(name)
        if not row:
            continue
        print(
            f"{name:16s} {row['gold']:6d} {ratio(row['hit'], row['gold']):>6s} "
            f"{row['as_past']:7d} {ratio(row['right'], row['hit']):>6s} {row['fp']:6d}"
        )
    if show_misses:
        print()
        for name, item, why in misses:
            if why == "false positive":
                cues = "+".join(match.cue for match in item.cues)
                print(f"{name[:3]} {why} [{cues}] {item.event!r} in {item.sentence[:90]!r}")
            else:
                print(f"{item['id']} [{item['construction']}] {why}: {item['event']}")


def main(argv: list[str] | None = None) -> int:
    args = data_args(
        __doc__.splitlines()[0], argv, "--misses", "list every missed label and false positive"
    )
    if args is not None:
        evaluate(args.data, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
