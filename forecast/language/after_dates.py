"""Dates an event comes after: "will go on display following the June 28 flight" is due
after June 28, not by it.

A date names the time of another happening the event follows when, on the parse's path
from the date up to the event's word, a word is marked by one of :data:`AFTER_WORDS` ("after
the March 20 election", "following the flight which launches June 28", "once the ship
docks on May 2"). Such a date bounds the event's time from below; it sets no deadline.
"""

from __future__ import annotations

from forecast.language.claim import Span

__all__ = ["AFTER_WORDS", "comes_after"]

AFTER_WORDS = frozenset(["after", "following", "once"])
"""Prepositions and subordinators of a happening that comes first."""
MARKERS = frozenset(["case", "mark"])
PATH_DEPTH = 6
"""Heads walked up from a date: "June 28" -> "launches" -> "flight" (marked) -> "go"."""


def comes_after(doc, predicate, span: Span, offset: int = 0) -> bool:
    """Whether the date at ``span`` (characters of ``doc`` plus ``offset``) is one the event
    at ``predicate`` comes after: a marked word on its path up to the predicate (or root).

    Examples
    --------
    >>> from forecast.language.parse import load_parser
    >>> doc = load_parser()("The two leaders will meet after the March 20 election.")
    >>> comes_after(doc, doc[4], (36, 44))
    True
    """
    dated = doc.char_span(span[0] - offset, span[1] - offset, alignment_mode="expand")
    if dated is None or not len(dated):
        return False
    node = dated.root
    for _ in range(PATH_DEPTH):
        if node.i == predicate.i:
            return False
        if node.lower_ in AFTER_WORDS or any(
            child.dep_ in MARKERS and child.lower_ in AFTER_WORDS for child in node.children
        ):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False
