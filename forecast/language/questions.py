"""Reading a question ("Will Trump visit Japan by 2018-06-30?") as the frame it asks about.

A scenario event written as a plain question links to claims by this frame
(:mod:`forecast.scenario.frame_link`). The parser reads statements better than questions,
so the clause after the last "will" is put back into statement order first.
"""

from __future__ import annotations

import re

from forecast.language import frame_rules as rules
from forecast.language import tokens as tk
from forecast.language.actors import ActorBook
from forecast.language.event_heads import occurring
from forecast.language.frames import Frame, parse_sentence, read_frame

__all__ = ["question_body", "question_frame", "statement_root"]

_QUESTION = re.compile(r"(?:^|[,:;]\s*)will\s+(?P<body>(?:(?!\bwill\b).)+?)\s*\??\s*$", re.I | re.S)
_DEADLINE = re.compile(r"\s+(?:by|before|on|until)\s+\d{4}-\d{2}-\d{2}\b.*$", re.S)


def question_frame(text: str, aliases=None, nlp=None) -> Frame | None:
    """The frame of a question or resolution text ("Will Trump visit Japan by June 30?").

    The clause after the last "will" is read as a statement ("Trump visit Japan"), without
    a final "by DATE": the parser reads statements better than questions.
    """
    body = question_body(text)
    if not body:
        return None
    root = statement_root(body, nlp)
    if root is None:
        return None
    return read_frame(_event_head(root), ActorBook(aliases or {}), "")


def question_body(text: str) -> str:
    """The clause a question asks about, after its last "will" and without "by DATE".

    Examples
    --------
    >>> question_body("Given visit: will Abe meet Trump by 2018-06-30?")
    'Abe meet Trump'
    """
    found = _QUESTION.search(text)
    body = found.group("body") if found else text
    return _DEADLINE.sub("", body).strip(" ?.")


MAX_SUBJECT_WORDS = 12
"""Longest subject tried when a question is turned back into a statement."""


def statement_root(body: str, nlp):
    """The main verb of ``body`` read as "<subject> will <rest>.", trying each subject length.

    "Abbas and Olmert meet weekly" parses as a statement once "will" is put back after
    its subject. A split counts when "will" is an auxiliary of the root right after it
    and the root's subject spans every word before it; the first such split wins, unless
    a later one makes the root an occurrence verb ("the next launch | will take place").
    Without one the body is parsed as it stands.
    """
    words = body.split()
    found = []
    for cut in range(1, min(len(words), MAX_SUBJECT_WORDS + 1)):
        doc = parse_sentence(" ".join([*words[:cut], "will", *words[cut:]]) + ".", nlp)
        root = _split_root(doc, cut)
        if root is not None:
            found.append(root)
    happening = [root for root in found if occurring(root) is not None]
    if happening or found:
        return (happening or found)[0]
    doc = parse_sentence(body, nlp)
    return next((t for t in doc if t.head.i == t.i), None)


def _split_root(doc, cut: int):
    """The root of a statement whose "will" (the word after ``cut`` words) fits it."""
    root = next((t for t in doc if t.head.i == t.i), None)
    will = next((t for t in doc if t.lower_ == "will"), None)
    if root is None or will is None or will.head.i != root.i or root.i < will.i:
        return None
    if root.pos_ not in ("VERB", "AUX"):
        return None
    subject = next(tk.children(root, "nsubj", "nsubj:pass", "expl"), None)
    spans = subject is not None and (subject.left_edge.i, subject.right_edge.i) == (0, will.i - 1)
    adjacent = all(_auxiliary_or_adverb(t) for t in doc[will.i + 1 : root.i])
    return root if spans and adjacent and will.dep_ == "aux" else None


def _auxiliary_or_adverb(token) -> bool:
    """A word that may stand between "will" and its verb ("will not", "will soon be"); a
    name read as an adverb ("Hosni will Mubarak step down") is a misplaced split."""
    return token.dep_ in ("aux", "aux:pass") or (
        token.dep_ == "advmod" and token.pos_ in ("ADV", "PART")
    )


def _event_head(root):
    """The event a question's root stands for: the complement of a frame verb, else it."""
    if tk.lemma(root) in rules.NON_EVENTS:
        for child in tk.children(root, "xcomp", "ccomp"):
            return child
    return root
