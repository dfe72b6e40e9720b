"""Requests: asking, encouraging or inviting someone to act is a call on them to act.

"asked the council not to close the library", "is encouraging voters to register",
"invited the press to attend": a verb of request with an addressee and a "to" infinitive
calls for the infinitive's act, as "urged X to" does (:func:`forecast.language.appeals.appeals`).
Without an addressee the verb is no appeal ("asked to leave": the asker's own wish, or a
passive whose subject was asked), nor with a thing asked for as its object ("asked a
question to clarify the rule": the infinitive is what the asking was for).
"""

from __future__ import annotations

from forecast.language import tokens as tk

__all__ = ["requests"]

# Verbs of request: with an addressee and an infinitive, a call on the addressee to act.
REQUEST_VERBS = frozenset(["ask", "beg", "encourage", "invite", "request"])
# Things one asks, not ones asked to act: "asked a question to", "asked permission to".
ASKED_THINGS = frozenset(
    ["question", "favour", "favor", "permission", "help", "advice", "leave", "opinion"]
)
_ADDRESSEE_DEPS = ("obj", "iobj")


def requests(governor, clause) -> bool:
    """``governor`` asks someone to do ``clause``'s act: a request verb with an addressee,
    the clause a "to" infinitive on the verb or on the addressee."""
    if tk.lemma(governor) not in REQUEST_VERBS or not tk.to_marked(clause) or clause.tag_ != "VB":
        return False
    addressees = [word for word in tk.children(governor, *_ADDRESSEE_DEPS) if word.i < clause.i]
    return any(_addressee(word) for word in addressees)


def _addressee(word) -> bool:
    """One who can be asked to act: a person, group or body, not a thing asked for."""
    return word.pos_ in ("PRON", "PROPN") or tk.lemma(word) not in ASKED_THINGS
