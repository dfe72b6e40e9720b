"""Who speaks for each claim on real news: the extractor's sources against hand labels.

Runs ``extract_claims`` on every article with labels in
``benchmarks/labels/wikinews_claims.jsonl``, matches claims to forward labels by the rule in
``wikinews_labels`` (same sentence, shared event head word) and, over the matched pairs,
compares the claim's ``source`` with the label's (issue 10, points 2 and 5: the source of a
reported event is the reporting verb's subject; a journalist speaks for the outlet; unnamed
officials are anonymous). Reported:

- **kind accuracy**: matched claims whose source kind (official, anonymous, outlet,
  hearsay) is the label's, and the confusion table (label kind -> claim kind);
- both for the articles the rules were developed on and for the ones labelled blind
  (``HELD_OUT``), apart;
- **name accuracy**: matched claims attributed to a person or body (label kind official or
  anonymous) whose source name shares a content word with the label's name ("Wen Jiabao"
  ~ "Wen", "diplomatic sources" ~ "sources"); for an outlet label, the claim's kind being
  outlet counts as its name.

Articles: ``../shared/data/wikinews`` (Wikinews, CC BY 2.5; see the labels' README).

Usage::

    python benchmarks/wikinews_sources.py [--data ../shared/data/wikinews] [--misses]
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from wikinews_labels import (
    HELD_OUT,
    SOURCE_KINDS,
    data_args,
    extracted,
    labels_by_article,
    load_claim_labels,
)

from forecast.language.lexicon import load_lexicon

NAMED_KINDS = frozenset(["official", "anonymous"])
# Words that name no one in particular: a shared "the" or "of" is no match.
FUNCTION_WORDS = frozenset(
    ["the", "a", "an", "of", "for", "and", "in", "on", "at", "to", "its", "his", "her", "their"]
)


def content_words(name: str) -> set[str]:
    """Lower-case words of a name, parentheses included, function words left out."""
    words = re.findall(r"[\w'-]+", name.lower())
    return {word for word in words if word not in FUNCTION_WORDS}


def same_name(label: dict, claim) -> bool:
    """The claim names the label's source (rule in the module docstring)."""
    if label["kind"] not in NAMED_KINDS:
        return claim.source.kind.value == label["kind"]
    return bool(content_words(label["name"]) & content_words(claim.source.name))


def tally(data: Path, by_article: dict[str, list], lexicon) -> tuple[Counter, list]:
    """(label kind, claim kind) -> count over the matched forward claims, with a "name"
    count of the right names, and the (label, claim) pairs whose source is wrong."""
    confusion: Counter = Counter()
    misses = []
    for _, _, matches in extracted(data, by_article, lexicon):
        for match in matches:
            label, claim = match.label, match.claim
            if not label["forward"] or claim is None or not claim.forward:
                continue
            gold, got = label["source"]["kind"], claim.source.kind.value
            confusion[gold, got] += 1
            right = same_name(label["source"], claim)
            confusion["name"] += right
            if gold != got or not right:
                misses.append((label, claim))
    return confusion, misses


def accuracy_line(title: str, confusion: Counter) -> str:
    """Kind and name accuracy of one set of articles, as one line."""
    total = sum(n for key, n in confusion.items() if key != "name")
    kinds = sum(n for key, n in confusion.items() if key != "name" and key[0] == key[1])
    return (
        f"{title}: {total} matched forward claims, kind accuracy {kinds / total:.2f} "
        f"({kinds}/{total}), name accuracy {confusion['name'] / total:.2f} "
        f"({confusion['name']}/{total})"
    )


def evaluate(data: Path, show_misses: bool = False) -> None:
    """Print kind and name accuracy of the matched claims' sources on the developed articles
    (with the confusion table) and on the held-out ones."""
    lexicon = load_lexicon()
    labels = load_claim_labels()
    developed = frozenset(label["article"][:3] for label in labels) - HELD_OUT
    confusion, misses = tally(data, labels_by_article(labels, developed), lexicon)
    held, held_misses = tally(data, labels_by_article(labels, HELD_OUT), lexicon)
    print(accuracy_line(f"Wikinews claim sources, {len(developed)} articles", confusion))
    print(accuracy_line(f"held-out ({len(HELD_OUT)} articles labelled blind)", held))
    print()
    print(f"{'label/claim':14s} " + " ".join(f"{kind:>9s}" for kind in SOURCE_KINDS))
    for gold in SOURCE_KINDS:
        row = [confusion[gold, got] for got in SOURCE_KINDS]
        if any(row):
            print(f"{gold:14s} " + " ".join(f"{n:9d}" for n in row))
    if show_misses:
        print()
        for label, claim in [*misses, *held_misses]:
            wanted = f"{label['source']['kind']}:{label['source']['name']}"
            got = f"{claim.source.kind.value}:{claim.source.name}"
            print(f"{label['id']} want {wanted!r} got {got!r} in {label['sentence'][:80]!r}")


def main(argv: list[str] | None = None) -> int:
    args = data_args(
        __doc__.splitlines()[0], argv, "--misses", "list every claim whose source is wrong"
    )
    if args is not None:
        evaluate(args.data, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
