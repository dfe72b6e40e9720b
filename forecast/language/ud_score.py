"""Scoring a parser against a Universal Dependencies treebank, from raw text.

Scoring follows the CoNLL 2018 shared task's idea: the system tokenises the raw text itself,
its words are aligned to the gold words by character span (whitespace ignored), and every
figure is an F1 over words, so a tokenisation error costs the words it touches and nothing
more. Labels are compared on their universal part (``nsubj:pass`` counts as ``nsubj``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forecast.language.conllu import Sentence, doc_sentences, document_texts, read_conllu

__all__ = ["ParseScores", "score_parses", "score_pipeline"]


@dataclass(frozen=True, slots=True)
class ParseScores:
    """F1 over words (0-1) for tokens, sentences, tags, lemmas and attachments."""

    words: float
    sentences: float
    upos: float
    xpos: float
    feats: float
    lemma: float
    uas: float
    las: float
    n_gold_words: int
    n_system_words: int

    def as_dict(self) -> dict[str, float | int]:
        """The scores as a plain mapping (for JSON metrics files)."""
        return {name: getattr(self, name) for name in self.__slots__}


def score_parses(
    gold: Sequence[tuple[int, Sentence]], system: Sequence[tuple[int, Sentence]]
) -> ParseScores:
    """Score system sentences against gold ones, both placed at offsets in the same texts.

    Each argument lists ``(offset, sentence)`` pairs over one corpus whose documents were
    laid end to end (the offsets must already include each document's own start).
    """
    gold_words, gold_sents = _placed_words(gold)
    system_words, system_sents = _placed_words(system)
    by_span = {(w.start, w.end): index for index, w in enumerate(gold_words)}
    pairs = [
        (by_span[(w.start, w.end)], index)
        for index, w in enumerate(system_words)
        if (w.start, w.end) in by_span
    ]
    system_to_gold = {s: g for g, s in pairs}
    counts = dict.fromkeys(("upos", "xpos", "feats", "lemma", "uas", "las"), 0)
    for g, s in pairs:
        gw, sw = gold_words[g], system_words[s]
        counts["upos"] += gw.upos == sw.upos
        counts["xpos"] += gw.xpos == sw.xpos
        counts["feats"] += _feats(gw.feats) == _feats(sw.feats)
        counts["lemma"] += gw.lemma == sw.lemma
        head_right = system_to_gold.get(sw.head, -1) == gw.head
        counts["uas"] += head_right
        counts["las"] += head_right and _universal(gw.deprel) == _universal(sw.deprel)
    n_gold, n_system = len(gold_words), len(system_words)
    matched_sents = len(set(gold_sents) & set(system_sents))
    return ParseScores(
        words=_f1(len(pairs), n_gold, n_system),
        sentences=_f1(matched_sents, len(gold_sents), len(system_sents)),
        **{name: _f1(count, n_gold, n_system) for name, count in counts.items()},
        n_gold_words=n_gold,
        n_system_words=n_system,
    )


def score_pipeline(nlp, conllu: str) -> ParseScores:
    """Score a spaCy pipeline on a treebank from its raw text, with its own tokenisation.

    The treebank's documents are rebuilt as raw text (``document_texts``), parsed with
    ``nlp.pipe`` and scored word by word against the gold sentences.
    """
    documents = document_texts(read_conllu(conllu))
    gold: list[tuple[int, Sentence]] = []
    system: list[tuple[int, Sentence]] = []
    offset = 0
    docs = nlp.pipe(text for text, _ in documents)
    for (text, placed), doc in zip(documents, docs, strict=True):
        gold.extend((offset + start, sentence) for start, sentence in placed)
        system.extend((offset + start, sentence) for start, sentence in doc_sentences(doc))
        offset += len(text) + 1
    return score_parses(gold, system)


@dataclass(frozen=True, slots=True)
class _Placed:
    """A word in corpus coordinates; ``head`` indexes the corpus word list (-1 for root)."""

    start: int
    end: int
    upos: str
    xpos: str
    feats: str
    lemma: str
    head: int
    deprel: str


def _placed_words(
    placed: Sequence[tuple[int, Sentence]],
) -> tuple[list[_Placed], list[tuple[int, int]]]:
    """Flatten sentences into corpus-level words (spans without whitespace) and sentence spans."""
    words: list[_Placed] = []
    spans: list[tuple[int, int]] = []
    for offset, sentence in placed:
        base = len(words)
        for word in sentence.words:
            head = -1 if word.head == 0 else base + word.head - 1
            words.append(
                _Placed(
                    offset + word.start,
                    offset + word.end,
                    word.upos,
                    word.xpos,
                    word.feats,
                    word.lemma,
                    head,
                    word.deprel,
                )
            )
        if sentence.words:
            spans.append((offset + sentence.words[0].start, offset + sentence.words[-1].end))
    return words, spans


def _feats(feats: str) -> frozenset[str]:
    """Features as a set, so their order does not matter."""
    return frozenset() if feats in ("", "_") else frozenset(feats.split("|"))


def _universal(deprel: str) -> str:
    """The universal part of a dependency label, lower-cased (spaCy writes ``ROOT``)."""
    return deprel.split(":", 1)[0].lower()


def _f1(correct: int, n_gold: int, n_system: int) -> float:
    """F1 of ``correct`` items among ``n_gold`` gold and ``n_system`` system items."""
    total = n_gold + n_system
    return 0.0 if total == 0 else 2 * correct / total
