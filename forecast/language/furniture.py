"""Page furniture inside article text: lines that are not the article's statements.

Headings between paragraphs, "Related:" and "Photo:" lines, bylines, share-button text and
correction notices carry forward-looking words ("Army will 'not use force'") without being
a statement to weigh. The article's first line, its headline, is left to the caller: it is
the article's title. Rules are data: line prefixes, and shapes:

- a heading: a short line of its own without final punctuation;
- a caption: a line ending in an image credit ("... Image: NASA."), or a paragraph of its
  own (blank lines around it) ending in a word, however long ("The minister announces
  where the depots will be built");
- a pull quote: a paragraph followed by a credit line opening with a dash ("— army
  statement"); the statement it repeats is read where the body quotes it.

A dateline opening a line ("TOKYO, March 3 (Reuters) -") names the outlet, place and day,
never a source or part of an event: :func:`without_datelines` blanks it out of the text
that is parsed and read (the article's date and outlet are read from it on reading).
"""

from __future__ import annotations

import re

from forecast.language.claim import Span
from forecast.reading.dateline import dateline_end

__all__ = ["furniture_lines", "without_datelines"]

PREFIXES = (
    "related:",
    "related stories",
    "read more",
    "see also",
    "photo:",
    "image:",
    "caption:",
    "video:",
    "by ",
    "share this",
    "share on",
    "story highlights",
    "correction:",
    "editor's note",
    "have your say",
    "click here",
)
"""Lower-case openings of furniture lines."""
HEADING_WORDS = 12
"""A line of its own with at most this many words and no final punctuation is a heading."""
_FINAL = re.compile(r"[.!?:;,][\"'\u201d\u2019)\]]*\s*$")


IMAGE_CREDIT = re.compile(
    r"(?:^|[.!?]\s+)(?:Image|Photo|Picture|Photograph|Credit)s?\s*:\s*[^.:]{1,80}\.?\s*$"
)
"""A caption's closing credit: "... the first launch. Image: NASA Bill Ingalls."."""
CREDIT_DASHES = ("\u2014", "\u2015", "\u2013", "--")
"""Openings of a pull quote's credit line ("— Egyptian army statement")."""


def furniture_lines(text: str) -> tuple[Span, ...]:
    """Spans of the furniture lines of ``text`` after its first line (the headline)."""
    lines = _lines(text)
    spans = []
    for index, (start, end) in enumerate(lines):
        line = text[start:end].strip()
        before = text[slice(*lines[index - 1])].strip() if index else ""
        after = [text[slice(*later)].strip() for later in lines[index + 1 : index + 3]]
        after = [words for words in after if words][:1]
        alone = not before and (
            index + 1 >= len(lines) or not text[slice(*lines[index + 1])].strip()
        )
        if line and (_is_furniture(line, alone) or (alone and after and _is_credit(after[0]))):
            spans.append((start, end))
    return tuple(spans)


def without_datelines(text: str) -> str:
    """``text`` with the dateline opening any line replaced by spaces of its length, so
    that every offset into it is an offset into ``text``.

    Examples
    --------
    >>> without_datelines("Talks\\nLONDON (AP) \u2014 Talks may resume.").split()
    ['Talks', 'Talks', 'may', 'resume.']
    """
    pieces, start = [], 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        cut = dateline_end(text, start, end)
        pieces.append(" " * (cut - start) + text[cut : end + 1])
        start = end + 1
    return "".join(pieces)


def _lines(text: str) -> list[Span]:
    """Spans of the lines after the first one."""
    spans = []
    start = text.find("\n") + 1 if "\n" in text else len(text)
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        spans.append((start, end))
        start = end + 1
    return spans


def _is_furniture(line: str, alone: bool) -> bool:
    """A prefixed line, a heading, a line ending in an image credit, or (a paragraph of its
    own) a caption."""
    if line.lower().startswith(PREFIXES) or IMAGE_CREDIT.search(line):
        return True
    if _FINAL.search(line):
        return False
    # A long paragraph ending in an open quote is a statement the punctuation slipped from.
    return len(line.split()) <= HEADING_WORDS or (alone and (line[-1].isalnum() or line[-1] == ")"))


def _is_credit(line: str) -> bool:
    return line.startswith(CREDIT_DASHES) and len(line.split()) <= HEADING_WORDS
