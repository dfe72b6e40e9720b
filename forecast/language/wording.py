"""How a parsed phrase is worded in a question: its words, without clauses, at most
:data:`MAX_PHRASE` of them, never ending on a function word."""

from __future__ import annotations

from forecast.language import tokens as tk

__all__ = ["CLAUSE_DEPS", "MAX_PHRASE", "phrase_text", "possessive", "whole_phrase"]

CLAUSE_DEPS = frozenset(
    ["acl:relcl", "acl", "appos", "punct", "parataxis", "advcl", "ccomp", "dep", "conj", "cc"]
)
"""Dependents left out of a phrase: clauses, appositions, conjuncts and punctuation."""
MAX_PHRASE = 8
"""Longest phrase kept, in tokens."""


def phrase_text(head, drop=CLAUSE_DEPS, limit: int = MAX_PHRASE, also=None) -> str:
    """``head``'s words without the subtrees of its ``drop`` dependents (and of those
    ``also(child)`` is true of), at most ``limit`` words."""
    dropped = {
        t.i
        for child in tk.kids(head)
        if child.dep_ in drop or (also is not None and also(child))
        for t in tk.near(child)
    }
    words = [t for t in tk.near(head) if t.i not in dropped and t.dep_ != "punct"][:limit]
    while len(words) > 1 and words[-1].i != head.i and words[-1].pos_ in _DANGLING:
        words.pop()  # "disasters on", "the Museum of the": a cut phrase ends on a content word
    return " ".join(_midsentence(t) for t in words)


def possessive(name: str) -> str:
    """ "Trump's", "the Philippines'".

    Examples
    --------
    >>> possessive("Trump"), possessive("the Philippines")
    ("Trump's", "the Philippines'")
    """
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def whole_phrase(head, drop=CLAUSE_DEPS, also=None) -> str:
    """:func:`phrase_text`, but a phrase too long to show loses its prepositional modifiers
    rather than being cut ("donors from a number of Western and Gulf nations" is
    "donors", not "donors from a number of Western and Gulf")."""
    if len(phrase_text(head, drop, MAX_PHRASE + 1, also).split()) > MAX_PHRASE:
        drop = drop | {"nmod"}
    return phrase_text(head, drop, also=also)


_DANGLING = frozenset(["ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX", "PRON"])
"""Parts of speech a phrase never ends on once its dropped or cut words are gone."""


def _midsentence(token) -> str:
    """A word as it reads inside a sentence: "Voters" opening one is "voters" in a question."""
    opening = token.i == token.sent.start and token.pos_ not in ("PROPN", "PRON")
    if opening and token.text.istitle():
        return token.text.lower()
    return token.text
