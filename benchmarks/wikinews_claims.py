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

The articles in ``HELD_OUT`` were labelled blind, after the extractor had been developed on
the others: by default the figures above are for the others, as before, and one
``held-out`` line gives the four headline figures on ``HELD_OUT`` alone, so that the two are
never mixed. ``--articles 032,033`` scores the articles with those prefixes instead (``all``:
every labelled article), with the full table and ``--misses``.

Articles: ``../shared/data/wikinews`` (Wikinews, CC BY 2.5; see the labels' README).

Usage::

    python benchmarks/wikinews_claims.py [--data ../shared/data/wikinews] [--misses]
        [--articles 032,033,...|all]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from wikinews_labels import (
    CONSTRUCTIONS,
    HELD_OUT,
    claim_direction,
    data_args,
    extracted,
    labels_by_article,
    load_claim_labels,
)

from forecast.language.lexicon import Lexicon, load_lexicon

UNHEDGED = frozenset({"plain_future", "appeal", "not_a_hedge", "furniture"})


def ratio(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "  - "


@dataclass(slots=True)
class Score:
    """Counts over a set of articles: overall, per construction, and the misses to list."""

    total: Counter = field(default_factory=Counter)
    per: defaultdict = field(default_factory=lambda: defaultdict(Counter))
    misses: list = field(default_factory=list)
    n_articles: int = 0

    def hedged(self) -> tuple[int, int, int]:
        """Labels, hits and right directions over the hedged constructions."""
        rows = [row for name, row in self.per.items() if name not in UNHEDGED]
        return tuple(sum(row[key] for row in rows) for key in ("gold", "hit", "right"))


def score(data: Path, by_article: dict[str, list], lexicon: Lexicon) -> Score:
    """Match the extractor's claims on each article to its labels and count the outcomes."""
    result = Score(n_articles=len(by_article))
    total, per, misses = result.total, result.per, result.misses
    for name, claims, matches in extracted(data, by_article, lexicon):
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
                misses.append((name, label, "false positive on a non-forward label"))
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
    return result


def print_report(result: Score, show_misses: bool) -> None:
    """Print precision, recall and direction accuracy, overall and per construction."""
    total, per = result.total, result.per
    tp = total["hit"]
    print(
        f"Wikinews forward claims: {result.n_articles} articles, {total['gold']} forward labels, "
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
    gold, hit, right = result.hedged()
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
        for name, item, why in result.misses:
            if why == "false positive":
                cues = "+".join(match.cue for match in item.cues)
                print(f"{name[:3]} {why} [{cues}] {item.event!r} in {item.sentence[:90]!r}")
            else:
                print(f"{item['id']} [{item['construction']}] {why}: {item['event']}")


def held_out_line(result: Score) -> str:
    """The four headline figures on the held-out articles, on one line."""
    total, tp = result.total, result.total["hit"]
    gold, hit, _ = result.hedged()
    return (
        f"held-out ({result.n_articles} articles labelled blind: {', '.join(sorted(HELD_OUT))}): "
        f"precision {ratio(tp, total['predicted'])} ({tp}/{total['predicted']}), "
        f"recall {ratio(tp, total['gold'])} ({tp}/{total['gold']}), "
        f"direction {ratio(total['right'], tp)} ({total['right']}/{tp}), "
        f"hedged recall {ratio(hit, gold)} ({hit}/{gold})"
    )


def article_prefixes(text: str, labels: list[dict]) -> frozenset[str]:
    """``--articles``: comma-separated three-digit prefixes, or ``all`` labelled articles.

    Raises
    ------
    ValueError
        When a part is not a three-digit prefix.
    """
    if text == "all":
        return frozenset(label["article"][:3] for label in labels)
    prefixes = frozenset(part.strip() for part in text.split(","))
    if not all(len(part) == 3 and part.isdigit() for part in prefixes):
        raise ValueError(f"--articles: prefixes must be like 032,033 or 'all'; got {text!r}")
    return prefixes


def evaluate(data: Path, show_misses: bool = False, articles: str | None = None) -> None:
    """Report on the articles named by ``articles``, or by default on the developed ones.

    By default the full report covers the articles outside ``HELD_OUT`` and one line
    follows for ``HELD_OUT`` alone.
    """
    lexicon = load_lexicon()
    labels = load_claim_labels()
    if articles is not None:
        chosen = labels_by_article(labels, article_prefixes(articles, labels))
        print_report(score(data, chosen, lexicon), show_misses)
        return
    developed = frozenset(label["article"][:3] for label in labels) - HELD_OUT
    print_report(score(data, labels_by_article(labels, developed), lexicon), show_misses)
    print()
    print(held_out_line(score(data, labels_by_article(labels, HELD_OUT), lexicon)))


def _articles_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--articles",
        help="score only the articles with these prefixes (032,033,...) or 'all', in full",
    )


def main(argv: list[str] | None = None) -> int:
    args = data_args(
        __doc__.splitlines()[0],
        argv,
        "--misses",
        "list every missed label and false positive",
        _articles_option,
    )
    if args is None:
        return 0
    try:
        evaluate(args.data, args.show, args.articles)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
