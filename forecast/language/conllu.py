"""CoNLL-U, the Universal Dependencies format: write parses and read treebanks.

Words carry character spans into their sentence, so parses can be scored against a treebank
from raw text (``forecast.language.ud_score``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = [
    "Sentence",
    "Word",
    "doc_sentences",
    "document_texts",
    "format_conllu",
    "read_conllu",
    "to_conllu",
]


@dataclass(frozen=True, slots=True)
class Word:
    """One syntactic word of a CoNLL-U sentence; ``head`` is 0 for the root."""

    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence's text, its words (with character spans into ``text``) and paragraph flag."""

    text: str
    words: tuple[Word, ...]
    new_doc: bool = False
    new_par: bool = False


def doc_sentences(doc) -> list[tuple[int, Sentence]]:
    """The sentences of a parsed spaCy ``Doc``, each with its character offset in the text.

    Whitespace tokens are left out; a word whose head is one takes the nearest real ancestor.
    """
    placed = []
    for sent in doc.sents:
        tokens = [token for token in sent if not token.is_space]
        if not tokens:
            continue
        number = {token.i: n for n, token in enumerate(tokens, start=1)}
        words = []
        for token in tokens:
            head = token.head
            while head.is_space and head.head.i != head.i:
                head = head.head
            head_id = 0 if head.i == token.i or head.i not in number else number[head.i]
            words.append(
                Word(
                    form=token.text,
                    lemma=token.lemma_,
                    upos=token.pos_ or "X",
                    xpos=token.tag_,
                    feats=str(token.morph),
                    head=head_id,
                    deprel="root" if head_id == 0 else (token.dep_ or "dep"),
                    start=token.idx - sent.start_char,
                    end=token.idx - sent.start_char + len(token.text),
                )
            )
        placed.append((sent.start_char, Sentence(sent.text, tuple(words))))
    return placed


def format_conllu(sentences: Iterable[Sentence], *, sent_prefix: str = "s") -> str:
    """Write sentences as CoNLL-U; ``SpaceAfter=No`` marks a word glued to the next."""
    blocks = []
    for number, sentence in enumerate(sentences, start=1):
        lines = [f"# sent_id = {sent_prefix}{number}", f"# text = {_one_line(sentence.text)}"]
        words = sentence.words
        for index, word in enumerate(words, start=1):
            glued = index < len(words) and words[index].start == word.end
            fields = (
                str(index),
                _field(word.form),
                _field(word.lemma),
                word.upos,
                _field(word.xpos),
                word.feats or "_",
                str(word.head),
                word.deprel,
                "_",
                "SpaceAfter=No" if glued else "_",
            )
            lines.append("\t".join(fields))
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def to_conllu(doc, *, sent_prefix: str = "s") -> str:
    """Write a parsed spaCy ``Doc`` as CoNLL-U, one block per sentence."""
    return format_conllu((s for _, s in doc_sentences(doc)), sent_prefix=sent_prefix)


def read_conllu(text: str) -> Iterator[Sentence]:
    """Read CoNLL-U text into sentences whose words carry character spans into the sentence.

    Multiword tokens give their surface span to their words, split by the words' forms when
    these spell the surface; empty nodes (``8.1``) are skipped, as enhanced graphs are not
    scored here.
    """
    comments: list[str] = []
    rows: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip():
            if rows:
                yield _sentence(comments, rows)
            comments, rows = [], []
        elif line.startswith("#"):
            comments.append(line)
        else:
            rows.append(line.split("\t"))
    if rows:
        yield _sentence(comments, rows)


def document_texts(sentences: Iterable[Sentence]) -> list[tuple[str, list[tuple[int, Sentence]]]]:
    """Group sentences into raw documents: paragraphs joined by blank lines, sentences by spaces.

    Returns each document's text with the offset at which each of its sentences starts, so
    gold spans can be moved into document coordinates.
    """
    documents: list[tuple[str, list[tuple[int, Sentence]]]] = []
    parts: list[str] = []
    placed: list[tuple[int, Sentence]] = []
    length = 0
    for sentence in sentences:
        if sentence.new_doc and placed:
            documents.append(("".join(parts), placed))
            parts, placed, length = [], [], 0
        if placed:
            gap = "\n\n" if sentence.new_par else " "
            parts.append(gap)
            length += len(gap)
        placed.append((length, sentence))
        parts.append(sentence.text)
        length += len(sentence.text)
    if placed:
        documents.append(("".join(parts), placed))
    return documents


def _sentence(comments: list[str], rows: list[list[str]]) -> Sentence:
    """Build one sentence from its comment lines and token rows."""
    meta = dict(_comment(line) for line in comments)
    surface: dict[int, tuple[int, str]] = {}  # first word id -> (last word id, surface form)
    texts: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    position = 0
    pending: list[list[str]] = []
    for row in rows:
        if len(row) != 10:
            raise ValueError(f"CoNLL-U row has {len(row)} fields, expected 10: {row!r}")
        ident = row[0]
        if "." in ident:
            continue
        if "-" in ident:
            first, last = (int(part) for part in ident.split("-"))
            surface[first] = (last, row[1])
            continue
        pending.append(row)
    index = 0
    while index < len(pending):
        row = pending[index]
        ident = int(row[0])
        if ident in surface:
            last, form = surface[ident]
            group = pending[index : index + last - ident + 1]
            index += len(group)
            misc = _misc_of(rows, f"{ident}-{last}")
            cursor = position
            spelled = "".join(r[1] for r in group).lower() == form.lower()
            for r in group:
                width = len(r[1]) if spelled else 0
                spans[int(r[0])] = (cursor, cursor + width)
                cursor += width
            if not spelled:
                spans[ident] = (position, position + len(form))
            texts.append(form)
            position += len(form)
        else:
            index += 1
            misc = row[9]
            spans[ident] = (position, position + len(row[1]))
            texts.append(row[1])
            position += len(row[1])
        if "SpaceAfter=No" not in misc:
            texts.append(" ")
            position += 1
    words = tuple(
        Word(
            form=r[1],
            lemma=r[2],
            upos=r[3],
            xpos=r[4],
            feats=r[5],
            head=int(r[6]) if r[6].isdigit() else 0,
            deprel=r[7],
            start=spans[int(r[0])][0],
            end=spans[int(r[0])][1],
        )
        for r in pending
    )
    rebuilt = "".join(texts).rstrip()
    text = meta.get("text", rebuilt)
    if text != rebuilt:
        words = _respan(words, text)
    return Sentence(text, words, new_doc="newdoc" in meta, new_par="newpar" in meta)


def _respan(words: tuple[Word, ...], text: str) -> tuple[Word, ...]:
    """Move word spans onto ``text`` when its spacing differs from what SpaceAfter says."""
    moved = []
    cursor = 0
    for word in words:
        width = word.end - word.start
        if width == 0:
            moved.append(word)
            continue
        found = text.find(word.form[:width], cursor) if width == len(word.form) else -1
        start = found if found >= 0 else cursor
        moved.append(_with_span(word, start, start + width))
        cursor = start + width
    return tuple(moved)


def _with_span(word: Word, start: int, end: int) -> Word:
    """A copy of ``word`` with a new span."""
    return Word(
        word.form, word.lemma, word.upos, word.xpos, word.feats, word.head, word.deprel, start, end
    )


def _misc_of(rows: list[list[str]], ident: str) -> str:
    """The MISC field of the row with ``ident``."""
    return next(row[9] for row in rows if row[0] == ident)


def _comment(line: str) -> tuple[str, str]:
    """Split ``# key = value`` (or ``# newdoc id = x``, or ``# key``) into key and value."""
    key, _, value = line[1:].partition("=")
    words = key.split()
    return (words[0] if words else ""), value.strip()


def _field(value: str) -> str:
    """A CoNLL-U field: no tabs or newlines, and ``_`` for empty."""
    cleaned = value.replace("\t", " ").replace("\n", " ")
    return cleaned or "_"


def _one_line(text: str) -> str:
    """A sentence text on one line, for the ``# text`` comment."""
    return " ".join(text.split())
