"""Appeals: a call on someone to act, and the act it calls for.

"urged X to", "called on X to", "asked that X", "called for a ceasefire", "it is time for X
to act". The governor walk (:mod:`forecast.language.governors`) settles the called-for act
as an appeal; the predicate reader (:mod:`forecast.language.predicates`) takes a noun an
appeal asks for as an event mention.
"""

from __future__ import annotations

from forecast.language import predicate_rules as rules
from forecast.language import requests as rq
from forecast.language import tokens as tk
from forecast.language.clause import irrealis

__all__ = ["addressee", "appeals", "called_for", "time_to"]


def appeals(governor, clause) -> bool:
    """A call on someone to act: "urged X not to", "called on X to", "asked that X". An
    appeal still to be made ("expected to ask Trump to urge Kim to") calls for nothing yet."""
    if any(child.tag_ == "TO" for child in tk.children(governor, "mark")):
        return False
    lemma = tk.lemma(governor)
    if lemma in rules.APPEAL_GOVERNORS or rq.requests(governor, clause):
        return True
    words = rules.APPEAL_PHRASES.get(lemma, frozenset())
    linked = {tk.lemma(c) for c in tk.children(clause, "mark", "case")}
    for child in tk.children(governor, "obl", "compound:prt"):
        linked |= {tk.lemma(child), *(tk.lemma(c) for c in tk.children(child, "case"))}
    return bool(words & linked)


def called_for(noun) -> bool:
    """What an appeal asks for names a happening, whatever the noun: "called for a cessation
    of hostilities", "advocated the creation of a force", "advises sanctions"; not whom it
    asks, who has an infinitive of the act ("called on the government to", "urged the
    leaders to", "urged residents to remain calm")."""
    governor = noun.head
    if governor.i == noun.i or any(tk.children(governor, "xcomp", "ccomp")):
        return False
    if any(map(irrealis, (*tk.children(governor, "advcl"), *tk.children(noun, "acl")))):
        return False
    asked_for = "for" in {tk.lemma(c) for c in tk.children(noun, "case")}
    direct = noun.dep_ == "obj" and tk.lemma(governor) in rules.APPEAL_GOVERNORS
    return (direct or (noun.dep_ == "obl" and asked_for)) and appeals(governor, noun)


def addressee(noun, clause) -> bool:
    """The one an appeal calls on, with the act hung on it rather than on the appeal ("called
    on the group to 'accept defeat'", the quotation mark splitting the infinitive off)."""
    infinitive = tk.to_marked(clause) and clause.tag_ == "VB"
    called = noun.dep_ in ("obj", "iobj", "obl") and appeals(noun.head, clause)
    return infinitive and noun.pos_ in ("NOUN", "PROPN", "PRON") and called


def time_to(clause):
    """The noun of "it is time (for X) to act", in the present or reported: a call for the
    act; the parser hangs the infinitive on the noun or on the one it is time for. Else None.
    A speech act ("it's time to say goodbye", "time to thank") is performed in the saying."""
    if not tk.to_marked(clause) or tk.lemma(clause) in rules.PERFORMATIVES:
        return None
    noun = clause.head
    if noun.dep_ == "nmod" and any(tk.lemma(c) == "for" for c in tk.children(noun, "case")):
        noun = noun.head
    # in the present, or backshifted in a report ("he said it was time for them to go")
    reported = noun.dep_ == "ccomp"
    present = reported or any(tk.tense(c)[0] == "present" for c in tk.children(noun, "cop"))
    it = any(tk.lemma(s) == "it" for s in tk.children(noun, "nsubj", "expl"))
    return noun if tk.lemma(noun) in rules.APPEAL_NOUNS and present and it else None
