"""Sentence splitting with character spans into the article text.

Rule-based and conservative: a line break always ends a sentence (titles, captions and
list items rarely carry final punctuation), and inside a line a ``.``, ``!`` or ``?``
ends one only when what follows looks like a new sentence and the word before the
full stop is not an abbreviation ("Mr.", "U.S.", "Jan.") or an initial ("Donald J.").
A run-on stretch longer than :data:`MAX_SENTENCE_CHARS` is cut at a space, so that what
is read per sentence stays bounded and reading a whole article stays linear in its size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forecast.language.claim import Span

# Words that end in a full stop without ending a sentence (compared lower-case, no dot).
ABBREVIATIONS = frozenset([
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu",
    "thur", "thurs", "fri", "sat", "sun", "inc", "corp", "co", "ltd", "plc", "dept", "univ",
    "assn", "bros", "vs", "etc", "al", "fig", "no", "nos", "vol", "approx", "est", "e.g", "i.e",
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "a.m", "p.m"
])  # fmt: skip

# Abbreviations that always precede a name or number, so never end a sentence.
TITLES = frozenset([
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm",
    "gov", "sen", "rep", "rev", "hon", "pres", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "no", "nos", "vol", "fig"
])  # fmt: skip
# Capitalised function words that open sentences far more often than they continue a name.
SENTENCE_OPENERS = frozenset([
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "This", "That", "These", "Those",
    "But", "And", "In", "On", "At", "After", "Before", "However", "Meanwhile", "Then", "There",
    "His", "Her", "Their", "Its", "Our"
])  # fmt: skip

MAX_SENTENCE_CHARS = 1000
"""Longest sentence read as one: about 170 words, several times a long news sentence."""
MAX_WORD_CHARS = 64
"""How far back from a full stop the word before it is read (abbreviations are short)."""

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace.
# It starts only where a run of punctuation starts and takes the run whole, so a long run
# without a space after it is scanned once rather than once per character.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'\u201d\u2019)\]]*+(?=\s)")
# What may open the next sentence: a capital letter, digit, or an opening quote/bracket.
_OPENER = re.compile(r"\s+[\"'\u201c\u2018(\[]*[A-Z0-9]")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_HAS_WORD = re.compile(r"[A-Za-z]{2,}")
_FOLLOWING_WORD = re.compile(r"\s+[\"'\u201c\u2018(]*([A-Za-z]+)")
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text and its ``[start, end)`` span in the article."""

    text: str
    span: Span


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with spans; pieces without a word are dropped.

    Examples
    --------
    >>> [s.text for s in split_sentences("Mr. Abe met U.S. officials. They may meet again.")]
    ['Mr. Abe met U.S. officials.', 'They may meet again.']
    """
    sentences: list[Sentence] = []
    for line_start, line_end in _lines(text):
        start = line_start
        for boundary in _BOUNDARY.finditer(text, line_start, line_end):
            end = boundary.end()
            if _ends_sentence(text, start, boundary.start(), end, line_end):
                sentences.extend(_bounded(text, start, end))
                start = end
        sentences.extend(_bounded(text, start, line_end))
    return tuple(sentences)


def _bounded(text: str, start: int, end: int) -> list[Sentence]:
    """The sentence ``text[start:end]``, cut at spaces into pieces of at most
    :data:`MAX_SENTENCE_CHARS`."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        space = text.rfind(" ", start + 1, limit)
        cut = space if space > start else limit
        pieces.extend(_trimmed(text, start, cut))
        start = cut
    return pieces + _trimmed(text, start, end)


def _lines(text: str) -> list[Span]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _ends_sentence(text: str, start: int, stop: int, end: int, line_end: int) -> bool:
    """Whether the punctuation at ``text[stop:end]`` closes the sentence begun at ``start``."""
    if not _OPENER.match(text, end, line_end):
        return False
    if text[stop] != ".":
        return True
    before = _WORD_BEFORE.search(text, max(start, stop - MAX_WORD_CHARS), stop)
    if before is None:
        return True
    word = before.group(1).lower().rstrip(".")
    if word in TITLES:
        return False
    if word in ABBREVIATIONS or "." in word:
        # "in the U.S. The talks ..." ends a sentence only before a typical opener.
        following = _FOLLOWING_WORD.match(text, end, line_end)
        return bool(following) and following.group(1) in SENTENCE_OPENERS
    # A lone capital ("J.") or dotted capitals ("U.N.") are initials, not a sentence end.
    return not _INITIALS.fullmatch(before.group(1).rstrip("."))


def _trimmed(text: str, start: int, end: int) -> list[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    piece = text[start:end]
    if not _HAS_WORD.search(piece):
        return []
    return [Sentence(piece, (start, end))]
