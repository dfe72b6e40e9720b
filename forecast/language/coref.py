"""Resolving "the two leaders" and "the group" subjects to what the article named before.

Deliberately narrow: only two referring phrases are resolved, and only when the article
leaves one reading.

- "the two leaders" / "both leaders" -> the two most recently named leaders ("Abe and
  Trump"), a leader being a name after a title ("Prime Minister Shinzo Abe", "President
  Trump", "Mr. Abe"), written by surname in order of first mention;
- "the group" / "the team" / "the delegation" -> the most recent group noun phrase ("a
  liaison team" -> "the liaison team"), provided the sentence naming it names no other.

Otherwise the subject stays as written.

An object pronoun ("free them", "sign it") refers to the nearest noun phrase before it
that agrees in number (:func:`antecedent`): earlier in its own sentence, then in the
sentences read before it, the nearest first, each from its end ("the hostages ... leave
them there ... free them": a pronoun between keeps the same referent). A subject in its
own sentence is not taken ("the rebels said they would free them" does not free the
rebels), nor a time ("in May"); an "it" its verb says something of ("make it clear that",
"find it hard to") refers to nothing.

A bare quantifier subject ("But many do not want to return") counts some of the nearest
plural subject of a main clause before it, in its own sentence first, then in the sentences
read before (:func:`quantified`): the main subject is the usual referent, a noun in a
subordinate clause ("after fleeing clashes") is not.
"""

from __future__ import annotations

import re

from forecast.language import frame_rules as rules
from forecast.language import tokens as tk

OBJECT_PRONOUNS = frozenset(["it", "them"])
QUANTIFIERS = frozenset(["many", "most", "some", "several", "few"])
_INSIDE = frozenset(["compound", "flat", "flat:name", "nmod:poss"])  # not a phrase's head
_SUBJECTS = frozenset(["nsubj", "nsubj:pass", "nsubj:outer"])

TITLES = (
    r"(?:President|Prime\s+Minister|Premier|Chancellor|Chairman|Secretary\s+of\s+State|"
    r"Foreign\s+Minister|King|Queen|Emperor|Mr\.?|Mrs\.?|Ms\.?|leader)"
)
_NAME = r"(?P<name>[A-Z][a-z]+(?:-[a-z]+)?(?:\s[A-Z][a-z]+(?:-[a-z]+)?){0,2})"
_LEADER = re.compile(r"\b" + TITLES + r"\s+" + _NAME + r"\b")
_GROUP_NOUNS = r"(?:team|group|delegation|mission|panel|committee|task\s+force)"
_GROUP_PHRASE = re.compile(
    r"\b(?P<det>(?i:an?|the))\s+(?P<words>(?:[a-z][a-z-]+\s+){1,3})?(?P<noun>"
    + _GROUP_NOUNS
    + r")\b"
)
_TWO_LEADERS = re.compile(r"^(?:the\s+two|both)\s+leaders\b", re.I)
_THE_GROUP = re.compile(r"^the\s+" + _GROUP_NOUNS + r"\b", re.I)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def resolve_subject(event: str, before: str) -> str:
    """``event`` with an opening "the two leaders"/"the group" replaced from ``before``.

    ``before`` is the article text preceding the claim's subject.

    Examples
    --------
    >>> resolve_subject("the two leaders meet", "President Trump thanked Prime Minister Abe.")
    'Trump and Abe meet'
    """
    leaders = _TWO_LEADERS.match(event)
    if leaders:
        names = recent_leaders(before)
        if names is not None:
            return f"{names[0]} and {names[1]}" + event[leaders.end() :]
        return event
    group = _THE_GROUP.match(event)
    if group:
        phrase = recent_group(before)
        if phrase is not None:
            return phrase + event[group.end() :]
    return event


def recent_leaders(text: str) -> tuple[str, str] | None:
    """The two most recently named leaders' surnames, in order of first mention."""
    mentions = [(found.start(), _surname(found.group("name"))) for found in _LEADER.finditer(text)]
    recent: list[str] = []
    for _, name in reversed(mentions):
        if name not in recent:
            recent.append(name)
        if len(recent) == 2:
            break
    if len(recent) < 2:
        return None
    first_seen = {name: next(pos for pos, other in mentions if other == name) for name in recent}
    ordered = sorted(recent, key=first_seen.__getitem__)
    return ordered[0], ordered[1]


def recent_group(text: str) -> str | None:
    """The most recent group noun phrase as a definite one, or None when ambiguous."""
    found = [
        match
        for match in _GROUP_PHRASE.finditer(text)
        if match.group("det").lower() != "the" or match.group("words")
    ]
    if not found:
        return None
    last = found[-1]
    sentence_start = max([0, *(m.end() for m in _SENTENCE_END.finditer(text, 0, last.start()))])
    named = {_phrase(match) for match in found if match.start() >= sentence_start}
    if len(named) > 1:
        return None
    return "the " + _phrase(last)


def _phrase(match: re.Match[str]) -> str:
    words = (match.group("words") or "").split()
    return " ".join([*words, *match.group("noun").split()])


def _surname(name: str) -> str:
    """ "Shinzo Abe" -> "Abe"; "Kim Jong-un" (family name first) -> "Kim"."""
    parts = name.split()
    return parts[0] if "-" in parts[-1] and len(parts) > 1 else parts[-1]


def antecedent(pronoun, before=()):
    """The noun an object pronoun refers to (rule in the module docstring), else None.

    ``before`` holds the parses of the sentences read before the pronoun's, nearest first.
    """
    if pronoun.dep_ not in ("obj", "iobj") or pronoun.lower_ not in OBJECT_PRONOUNS:
        return None
    if pronoun.lower_ == "it" and any(tk.children(pronoun.head, "xcomp")):
        return None  # "make it clear": no thing made
    number = pronoun.morph.get("Number")
    own = [t for t in reversed(pronoun.doc[: pronoun.i]) if t.dep_ not in _INSIDE | _SUBJECTS]
    earlier = [t for doc in before for t in reversed(doc) if t.dep_ not in _INSIDE]
    return next((t for t in [*own, *earlier] if _agrees(t, number)), None)


def _agrees(noun, number) -> bool:
    """A noun phrase head of the pronoun's number that names no time."""
    named = noun.pos_ in ("NOUN", "PROPN") and tk.lemma(noun) not in rules.TIME_WORDS
    return named and number == noun.morph.get("Number")


def quantified(subject, before=()):
    """The plural subject a bare quantifier subject counts some of (rule in the module
    docstring), else None; ``before`` as for :func:`antecedent`."""
    if subject.dep_ not in _SUBJECTS or subject.lower_ not in QUANTIFIERS or subject.n_lefts:
        return None
    if subject.n_rights:
        return None  # "many of them", "most who left": the phrase says whom
    own = reversed(subject.doc[: subject.i])
    earlier = (t for doc in before for t in reversed(doc))
    main = (t for t in [*own, *earlier] if t.dep_ in _SUBJECTS and t.head.dep_ == "ROOT")
    return next((t for t in main if _agrees(t, ["Plur"])), None)
