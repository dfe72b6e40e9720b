"""Page furniture inside article text: lines that are not the article's statements.

Headings between paragraphs, "Related:" and "Photo:" lines, bylines, share-button text and
correction notices carry forward-looking words ("Army will 'not use force'") without being
a statement to weigh. The article's first line, its headline, is left to the caller: it is
the article's title. Rules are data: line prefixes, and the shape of a heading (a short line
of its own without final punctuation).
"""

from __future__ import annotations

import re

from forecast.language.claim import Span

__all__ = ["furniture_lines"]

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


def furniture_lines(text: str) -> tuple[Span, ...]:
    """Spans of the furniture lines of ``text`` after its first line (the headline)."""
    spans = []
    start = text.find("\n") + 1 if "\n" in text else len(text)
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if _is_furniture(text[start:end]):
            spans.append((start, end))
        start = end + 1
    return tuple(spans)


def _is_furniture(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if stripped.lower().startswith(PREFIXES):
        return True
    return len(stripped.split()) <= HEADING_WORDS and not _FINAL.search(stripped)
