"""Event heads: which token of a parse is the happening a frame stands on, and its kind.

A claim's predicate is often a frame over the happening ("continue to meet", "plans to
hold a conference", "the summit will take place"); :func:`event_token` walks from the
predicate to the happening itself. :func:`phrasal` names a verb with its particle ("step
down"), :func:`head_kind` says whether a head is a verb, an eventive noun or neither.
The words behind these rules are data in :mod:`forecast.language.frame_rules`.
"""

from __future__ import annotations

from forecast.language import frame_rules as rules
from forecast.language import tokens as tk
from forecast.language.predicate_rules import EVENT_NOUNS, REPORTING

__all__ = [
    "event_token",
    "exhorts",
    "head_kind",
    "infinitive",
    "is_urged",
    "named_object",
    "occurring",
    "phrasal",
    "verb_object",
]

_FRAMING = rules.NON_EVENTS | rules.FRAMING | REPORTING


def verb_object(token) -> str:
    """A verb and object pair that is one action ("take part", "leave office", "become a
    member"), else ""."""
    objects = (c for c in tk.children(token, "obj", "xcomp") if c.pos_ == "NOUN")
    pair = next((f"{tk.lemma(token)} {tk.lemma(c)}" for c in objects), "")
    return pair if rules.class_of(pair) != pair else ""


def is_urged(token) -> bool:
    """True when ``token`` is what a speaker urges another to do ("called on Turkey to
    continue talks", "urged the leaders to stay calm"), up the clause chain."""
    for _ in range(3):
        if token.dep_ not in ("xcomp", "advcl", "ccomp", "conj") or token.head.i == token.i:
            return False
        token = token.head
        if exhorts(token):
            return True
    return False


def exhorts(token) -> bool:
    lemma, verb = tk.lemma(token), phrasal(token)
    return verb in rules.EXHORTING or (lemma in rules.EXHORTING and verb == lemma)


def event_token(token):
    """The happening a frame verb stands over: its verb complement or eventive object.

    "continue to meet" -> meet, "expect a withdrawal" -> withdrawal, "the launch is
    scheduled" -> launch, "the summit scheduled for June 12" -> summit, "tackle it by
    cutting taxes" -> cutting (:func:`_means`); other words are their own event.
    """
    for _ in range(3):
        occurred = occurring(token)
        if occurred is not None:
            return occurred
        planned = _planned(token) or _identified(token)
        if planned is not None:
            token = planned
            continue
        if not _framing(token):
            return _means(token) or token
        if token.dep_ in ("acl", "amod") and head_kind(token.head) == "noun":
            return token.head  # "the summit scheduled for June 12", "the scheduled vote"
        inner = next(tk.children(token, "xcomp", "ccomp"), None) or next(
            (c for c in tk.children(token, "advcl") if infinitive(c) or c.tag_ == "VBG"), None
        )  # "work to free them", "carry on working"
        if inner is None or inner.pos_ not in ("VERB", "NOUN"):
            inner = next(
                (
                    c
                    for c in tk.children(token, "obj", "nsubj:pass", "compound")
                    if head_kind(c) == "noun"
                ),
                None,
            )
        if inner is None:
            return token
        token = inner
    return token


def _identified(token):
    """The eventive noun a copular relative clause names ("its final flight, which will be
    the last of the program" -> flight), through a chain of them, else None."""
    relative = any(c.morph.get("PronType") == ["Rel"] for c in tk.children(token, "nsubj"))
    if token.dep_ != "acl:relcl" or not relative or not any(tk.children(token, "cop")):
        return None
    named = token.head
    return named if head_kind(named) == "noun" or _identified(named) is not None else None


def _means(token):
    """The "by" gerund of a verb whose object only points back ("combat this by entering
    into talks", "fix it by raising taxes"): the means names the happening, the verb only
    the aim. None when the verb names what it acts on ("end the war by signing a treaty")."""
    pointing = any(
        c.pos_ == "PRON" and c.morph.get("PronType") in (["Dem"], ["Prs"])
        for c in tk.children(token, "obj")
    )
    by = (
        c
        for c in tk.children(token, "advcl")
        if c.tag_ == "VBG" and any(tk.lemma(m) == "by" for m in tk.children(c, "mark"))
    )
    return next(by, None) if pointing else None


def _framing(token) -> bool:
    """A verb that stands over its complement; a phrasal verb counts as the pair ("carry
    out an attack" is the attack's light verb, "carry on working" frames the work)."""
    verb = phrasal(token)
    if rules.class_of(verb) == rules.CANCEL_CLASS:
        return False
    return verb in _FRAMING or (tk.lemma(token) in _FRAMING and verb == tk.lemma(token))


def _planned(token):
    """The infinitive of a plan noun, at ``token`` or as its object ("plans to hold a
    conference", "made a decision to reopen"), else None."""
    nouns = [token, *tk.children(token, "obj", "nsubj:pass")] if token.pos_ == "VERB" else [token]
    for noun in nouns:
        if noun.pos_ == "NOUN" and tk.lemma(noun) in rules.PLAN_NOUNS:
            verb = next((c for c in tk.children(noun, "acl") if infinitive(c)), None)
            if verb is not None:
                return verb
    return None


def infinitive(token) -> bool:
    """A "to" infinitive ("to" is sometimes tagged a preposition: "working to free them")."""
    return token.pos_ == "VERB" and any(c.lower_ == "to" for c in tk.children(token, "mark"))


def phrasal(token) -> str:
    """The verb's lemma with its particle: "step down", "call off", "carry on"."""
    particle = next((c.lower_ for c in tk.children(token, "compound:prt")), "")
    if particle:
        return f"{tk.lemma(token)} {particle}"
    pair = tk.phrasal(token)  # an adverb particle counts only in a known pair: "go ahead"
    return pair if pair in rules.PHRASAL else tk.lemma(token)


def occurring(token):
    """The eventive subject of "take place", "happen", "go ahead": the summit, in "the
    summit will take place", or the noun it modifies, in "the first summit set to take
    place in May"."""
    occurs = (
        phrasal(token) in rules.OCCUR_VERBS
        or (
            tk.lemma(token) == "take"
            and any(tk.lemma(c) == "place" for c in tk.children(token, "obj"))
        )
        or (tk.lemma(token) == "be" and any(tk.children(token, "expl")))
    )
    subject = next(tk.children(token, "nsubj", "nsubj:pass"), None) if occurs else None
    if occurs and subject is None and token.dep_ == "acl" and infinitive(token):
        subject = token.head
    return subject if subject is not None and head_kind(subject) == "noun" else None


def head_kind(token) -> str:
    if token.pos_ == "VERB":
        return "verb"  # a copula on a verb is a misattached "is" ("the plan is for X to hold")
    if any(c.dep_ == "cop" for c in tk.kids(token)):
        return "other"
    if any(tk.is_modal(c) for c in tk.children(token, "aux")):
        return "verb"  # "Endeavour, which will launch": a verb the tagger took for a noun
    lemma = tk.lemma(token)
    if token.pos_ == "NOUN" and (lemma in EVENT_NOUNS or rules.class_of(lemma) != lemma):
        return "noun"
    return "other"


def named_object(token):
    """The noun a light or cancel verb acts on ("hold talks", "called off the visit"), or
    enters into ("enter into talks")."""
    for child in tk.children(token, "obj", "nsubj:pass"):
        if child.pos_ in ("NOUN", "PROPN"):
            return child
    into = (
        c
        for c in tk.children(token, "obl")
        if c.pos_ == "NOUN" and any(tk.lemma(m) == "into" for m in tk.children(c, "case"))
    )
    return next(into, None)
