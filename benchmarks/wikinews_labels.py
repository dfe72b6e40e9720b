"""Hand labels on Wikinews articles: loading, checking and matching (used by the benchmarks).

The labels live in ``benchmarks/labels/`` (see the README there for the fields and the
labelling rules); the articles live outside the repository in
``../shared/data/wikinews/articles``. This module reads both, checks every label record,
and implements the matching rule the Wikinews benchmarks share:

an extractor claim matches a labelled claim when

1. **same sentence**: the claim's ``sentence_span`` overlaps the labelled sentence's
   character span in the article text, and
2. **same event head**: the stem of the label's ``action`` word is among the stems of the
   claim's event phrase or predicate (``forecast.scenario.words.stem``: "visited" ~
   "visits" ~ "visit"); the action's lemma in its sentence counts too, since the claim's
   event phrase is lemmatised and a stem does not undo an irregular form ("built" ~
   "build", "going" ~ "go").

Each label matches at most one claim and each claim at most one label; labels are taken
in file order and a claim whose predicate itself has the action's stem is preferred.
Claims in the headline (the file's first line) are left out: headlines are not labelled.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from forecast.language.claim import Claim
from forecast.language.lexicon import Lexicon
from forecast.language.parse import load_parser
from forecast.reading.article import Article, read_article
from forecast.scenario.words import stem, stems

LABELS = Path(__file__).resolve().parent / "labels"
CLAIM_LABELS = LABELS / "wikinews_claims.jsonl"
QUESTION_LABELS = LABELS / "wikinews_questions.jsonl"
DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "wikinews"

DIRECTIONS = ("for", "against", "undecided")
RELATIONS = (*DIRECTIONS, "condition")
SOURCE_KINDS = ("official", "anonymous", "outlet", "hearsay")
CONSTRUCTIONS = (
    "plain_future",
    "hedge",
    "reported_future",
    "cancellation",
    "lapsed_plan",
    "open_question",
    "refusal",
    "counter_hedge",
    "appeal",
    "not_a_hedge",
    "furniture",
)
# Labelled blind (from the text alone, before any run on them) once the extractor had been
# developed on the other articles: their figures are an estimate on unseen news.
HELD_OUT = frozenset({"032", "033", "036", "037", "038", "039", "040"})
CLAIM_FIELDS = {
    "id": str,
    "article": str,
    "sentence": str,
    "forward": bool,
    "construction": str,
    "cue": str,
    "event": str,
    "action": str,
    "direction": str,
    "source": dict,
    "condition": str,
    "time": str,
    "note": str,
}
QUESTION_FIELDS = {
    "id": str,
    "article": str,
    "question": str,
    "deadline": str,
    "happening": str,
    "actor": list,
    "action": list,
    "claims": list,
}
# A claim's implied probability below this reads as evidence against its event.
AGAINST_BELOW = 1 / 3


def read_records(path: Path, fields: dict[str, type]) -> list[dict]:
    """The JSON records of a label file, each checked to have ``fields`` of the right types.

    Raises
    ------
    ValueError
        Naming the file, the line and the field that breaks the schema.
    """
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            where = f"{path.name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{where}: not JSON ({error.msg})") from None
            for field, kind in fields.items():
                if not isinstance(record.get(field), kind):
                    raise ValueError(f"{where}: field {field!r} must be a {kind.__name__}")
            records.append(record)
    return records


def _check_choice(record: dict, field: str, value: str, choices: Sequence[str]) -> None:
    if value not in choices:
        raise ValueError(f"label {record['id']}: {field} must be one of {choices}; got {value!r}")


def load_claim_labels(path: Path = CLAIM_LABELS) -> list[dict]:
    """The labelled claims, with their closed vocabularies checked."""
    records = read_records(path, CLAIM_FIELDS)
    for record in records:
        _check_choice(record, "direction", record["direction"], DIRECTIONS)
        _check_choice(record, "construction", record["construction"], CONSTRUCTIONS)
        _check_choice(record, "source.kind", record["source"].get("kind"), SOURCE_KINDS)
        if not record["action"] or stem(record["action"].lower()) not in stems(record["sentence"]):
            raise ValueError(f"label {record['id']}: action {record['action']!r} not in sentence")
    return records


def load_question_labels(path: Path = QUESTION_LABELS, claims: Iterable[dict] = ()) -> list[dict]:
    """The analyst questions; every claim they cite must be a forward label of the article."""
    forward = {record["id"]: record["article"] for record in claims if record["forward"]}
    records = read_records(path, QUESTION_FIELDS)
    for record in records:
        for link in record["claims"]:
            _check_choice(record, "claims.relation", link.get("relation"), RELATIONS)
            if forward and forward.get(link.get("id")) != record["article"]:
                raise ValueError(
                    f"question {record['id']}: {link.get('id')!r} is not a forward claim "
                    f"label of {record['article']}"
                )
    return records


def labels_by_article(labels: list[dict], prefixes: frozenset[str]) -> dict[str, list]:
    """The labels grouped by article, kept to the articles whose prefix is in ``prefixes``."""
    by_article = defaultdict(list)
    for label in labels:
        if label["article"][:3] in prefixes:
            by_article[label["article"]].append(label)
    return by_article


def article_path(data: Path, name: str) -> Path:
    return data / "articles" / name


def load_articles(data: Path, names: Iterable[str]) -> dict[str, Article]:
    """The articles named by the labels, read the way ``forecast extract`` reads them."""
    return {name: read_article(article_path(data, name)) for name in sorted(set(names))}


def body_start(article: Article) -> int:
    """Offset of the first character after the headline line."""
    newline = article.text.find("\n")
    return len(article.text) if newline < 0 else newline + 1


def label_span(article: Article, sentence: str) -> tuple[int, int]:
    """Character span of a labelled sentence in the article body (it must occur verbatim)."""
    start = article.text.find(sentence, body_start(article))
    if start < 0:
        raise ValueError(f"labelled sentence not found verbatim: {sentence[:60]!r}")
    return start, start + len(sentence)


def claim_direction(claim: Claim, lexicon: Lexicon) -> str:
    """The claim's direction on its own event: against, undecided or for.

    ``against`` when the implied probability is below 1/3 ("will not", "unlikely",
    "almost no chance") or below 1/2 on a negated claim ("do not want to");
    ``undecided`` when every cue is in the lexicon's ``undecided`` category ("no decision
    has been made"); ``for`` otherwise, so a bare "may" (0.45) counts as a possibility
    raised, which is how the labels read it.
    """
    if claim.prob < AGAINST_BELOW or (claim.negated and claim.prob < 0.5):
        return "against"
    categories = {lexicon[match.cue].category for match in claim.cues if _known(lexicon, match.cue)}
    if categories == {"undecided"}:
        return "undecided"
    return "for"


def _known(lexicon: Lexicon, cue: str) -> bool:
    try:
        lexicon[cue]
    except KeyError:
        return False
    return True


@functools.cache
def _action_stems(action: str, sentence: str) -> frozenset[str]:
    """The stems of a label's action word and of its lemma where it stands in the sentence."""
    action = action.lower()
    lemmas = (t.lemma_.lower() for t in load_parser()(sentence) if t.lower_ == action)
    return frozenset([stem(action), *map(stem, lemmas)])


def _event_stems(claim: Claim) -> frozenset[str]:
    return frozenset(stems(claim.event)) | frozenset(stems(claim.predicate))


@dataclass(frozen=True, slots=True)
class Match:
    """A labelled claim and the extractor claim that matches it (or None)."""

    label: dict
    claim: Claim | None


def match_claims(article: Article, labels: Sequence[dict], claims: Sequence[Claim]) -> list[Match]:
    """One :class:`Match` per label, by the module's matching rule (one-to-one, greedy)."""
    taken: set[int] = set()
    matches = []
    for label in labels:
        start, end = label_span(article, label["sentence"])
        heads = _action_stems(label["action"], label["sentence"])
        candidates = [
            index
            for index, claim in enumerate(claims)
            if index not in taken
            and claim.sentence_span[0] < end
            and start < claim.sentence_span[1]
            and heads & _event_stems(claim)
        ]
        candidates.sort(key=lambda index: not heads & set(stems(claims[index].predicate)))
        if candidates:
            taken.add(candidates[0])
            matches.append(Match(label, claims[candidates[0]]))
        else:
            matches.append(Match(label, None))
    return matches


def scored_claims(article: Article, claims: Iterable[Claim]) -> list[Claim]:
    """The claims the benchmark scores: all but those read from the headline line."""
    start = body_start(article)
    return [claim for claim in claims if claim.sentence_span[0] >= start]


def extracted(data: Path, by_article: dict[str, list], lexicon: Lexicon):
    """Per labelled article in ``by_article``: its name, the extractor's claims outside the
    headline and their matches to its labels."""
    from forecast.language.extract import extract_claims

    for name, article in load_articles(data, by_article).items():
        claims = scored_claims(article, extract_claims(article, lexicon))
        yield name, claims, match_claims(article, by_article[name], claims)


def question_fires(question: dict, text: str) -> bool:
    """True when ``text`` names the question's happening: an actor word and an action word.

    Words are compared by stem; this is the rule that decides whether a drafted event
    (its question text) is the analyst's question, and it can be checked by hand.
    """
    words = set(stems(text))
    return any(stem(w.lower()) in words for w in question["actor"]) and any(
        stem(w.lower()) in words for w in question["action"]
    )


def data_args(
    description: str,
    argv: list[str] | None,
    flag: str,
    flag_help: str,
    extend: Callable[[argparse.ArgumentParser], None] | None = None,
):
    """The benchmark's arguments (``--data`` and one ``flag``, stored as ``show``).

    ``extend`` adds a benchmark's own arguments to the parser. None, after saying so on
    stderr, when the articles are absent (a fresh clone).
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(flag, dest="show", action="store_true", help=flag_help)
    if extend is not None:
        extend(parser)
    args = parser.parse_args(argv)
    if not (args.data / "articles").is_dir():
        print(f"skipped: Wikinews articles not found under {args.data}", file=sys.stderr)
        return None
    return args
