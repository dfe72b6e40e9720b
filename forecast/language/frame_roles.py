"""Frame roles: who does an event, to whom or where, what it presupposes, and its clause.

Given an event head (:mod:`forecast.language.event_heads`), these read the parse around
it: the subject or the controller of an infinitive (:func:`subject_of`), the doer of an
eventive noun (:func:`noun_actor`), the "by" phrase of a passive (:func:`agent`), objects
and places (:func:`targets_of`), the happenings it is placed after (:func:`presupposed`),
and the clause a question asks about (:func:`clause_body`).
"""

from __future__ import annotations

import functools

from forecast.language import frame_rules as rules
from forecast.language import tokens as tk
from forecast.language.event_heads import exhorts, infinitive, phrasal
from forecast.language.wording import (
    CLAUSE_DEPS,
    MAX_PHRASE,
    phrase_text,
    possessive,
    whole_phrase,
)

__all__ = [
    "agent",
    "bound_to",
    "case_of",
    "clause_body",
    "noun_actor",
    "presupposed",
    "shows_pronoun",
    "subject_of",
    "targets_of",
]


def case_of(token) -> str:
    return next((tk.lemma(c) for c in tk.children(token, "case")), "")


def agent(token):
    """The "by" phrase of a passive verb: who does it."""
    return next((c for c in tk.children(token, "obl", "obl:agent") if _agent_of(c)), None)


def _bound(owner, noun):
    """A possessive pronoun refers to its own clause's subject or controller when there is
    one: "the troops would start their pullout" (theirs: the troops'), "called on Turkey to
    continue their talks" (Turkey's)."""
    if owner.lower_ not in rules.PERSON_PRONOUNS | rules.THING_PRONOUNS:
        return owner
    clause_subject = subject_of(noun.head) if noun.head.i != noun.i else None
    return clause_subject if clause_subject is not None and clause_subject.i != noun.i else owner


def subject_of(token):
    """The subject of ``token``, else its controller: the object of "ask Trump to raise"
    (the addressee of "call on Turkey to"), the subject of "Abe wants to raise" or of the
    verb it is a conjunct of, the owner of a plan noun ("Sunak's effort to clear") or the
    subject of the verb whose object (or oblique, as "as well as plans to" may be read)
    it is ("Britain announced plans to hold"); a passive participle modifying a noun is
    done to that noun ("the result due to be announced")."""
    for _ in range(4):
        found = _own_subject(token)
        if found is not None or token.head.i == token.i:
            return found
        if token.dep_ == "acl" and any(tk.children(token, "aux:pass")):
            return token.head if token.head.pos_ in ("NOUN", "PROPN") else None
        if token.dep_ == "acl" and infinitive(token) and token.head.pos_ == "NOUN":
            noun = token.head
            while noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
                noun = noun.head  # "announced plans to join ... and plans to hold"
            owner = next(tk.children(noun, "nmod:poss"), None)
            if owner is not None or noun.dep_ not in ("obj", "obl"):
                return _bound(owner, noun) if owner is not None else None
            token = noun.head
            continue
        if token.dep_ not in ("xcomp", "conj") and not (
            token.dep_ == "advcl" and (infinitive(token) or token.tag_ == "VBG")
        ):
            return None
        if token.dep_ == "conj" and _across_quote(token.head, token):
            return None  # 'X stressed that "the facts will decide"': the facts decide
        shared = _misjoined_subject(token)
        if shared is not None:
            return shared
        addressee = _addressee(token)
        if addressee is not None:
            return addressee
        token = token.head
    return None


def _misjoined_subject(token):
    """The subject of a finite verb the parser joined to a noun instead of to the clause
    that noun heads ("in which Uribe apologized and vowed to ...", with "apologized" an
    ``acl`` of "Uribe" and "vowed" its conjunct): that clause's subject, else the noun."""
    if token.dep_ != "conj" or token.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    noun = token.head
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    clause = next(
        (c for c in tk.children(noun, "acl", "acl:relcl") if c.i < token.i and c.pos_ == "VERB"),
        None,
    )
    return None if clause is None else (_own_subject(clause) or noun)


def _across_quote(head, token) -> bool:
    """True when a quotation opens or closes between ``head`` and ``token``: a verb the
    parser joined across it to a verb outside does not share that verb's subject."""
    start, end = sorted((head.i, token.i))
    marks = sum(t.text in rules.QUOTE_MARKS for t in head.doc[start:end])
    return marks % 2 == 1


def _own_subject(token):
    """The subject of ``token``'s own clause (an outer subject that is no time word); of two
    subjects, the proper name ("The prototype orbiter, Space Shuttle Enterprise would be
    relocated" is sometimes parsed so). A purpose noun is no doer of the infinitive it is
    ("the solution is not to dictate")."""
    if infinitive(token) and any(tk.children(token, "cop")):
        subject = next(tk.children(token, "nsubj", "nsubj:outer"), None)
        if subject is not None and tk.lemma(subject) in rules.PURPOSE_NOUNS:
            return None
    found = sorted(tk.children(token, "nsubj", "nsubj:pass"), key=lambda c: c.pos_ != "PROPN")
    if found:
        return found[0]
    outer = (c for c in tk.children(token, "nsubj:outer") if not _is_time(c))
    return next(outer, None)


def _addressee(token):
    """Who a controlling verb asks to act: its object ("ask Trump to raise"), or for an
    exhorting verb its "on" phrase ("call on Turkey to continue")."""
    verb = token.head
    if token.dep_ == "xcomp" or exhorts(verb):
        # not a plan the parse took for one ("abandoned plans | to build"): the subject's
        found = next((c for c in tk.children(verb, "obj", "iobj") if not _plan(c)), None)
        if found is not None:
            return found
    if exhorts(verb):
        return next((c for c in tk.children(verb, "obl") if case_of(c) == "on"), None)
    return None


def _plan(noun) -> bool:
    return tk.lemma(noun) in rules.PLAN_NOUNS


def noun_actor(noun):
    """Who does an eventive noun: "Trump's visit", "a visit by the president", "a
    withdrawal of Russian forces", "a US attack" (a name in capitals is a name too)."""
    for child in tk.kids(noun):
        case = {tk.lemma(c) for c in tk.children(child, "case")}
        named = child.text.istitle() or child.pos_ == "PROPN"
        if (
            child.dep_ == "nmod:poss"
            or (child.dep_ in ("compound", "amod") and named)
            or (child.dep_ == "nmod" and case & {"by", "of"})
        ):
            return _bound(child, noun)
    # "threatened the officials with travel bans", the "with" phrase on the verb or its object
    verb = noun.head.head if noun.dep_ == "nmod" and noun.head.dep_ == "obj" else noun.head
    if noun.dep_ in ("obl", "nmod") and case_of(noun) == "with" and tk.lemma(verb) in _WITH_ACTS:
        return subject_of(verb)
    return None


_WITH_ACTS = frozenset(["threaten", "hit", "punish", "slap", "retaliate", "respond"])
"""Verbs whose "with" oblique is their subject's own act ("hit Russia with sanctions")."""


def targets_of(token, skip) -> list:
    """Object and place heads of ``token`` (not times, not its subject)."""
    found = []
    for child in tk.kids(token):
        if (skip is not None and child.i == skip.i) or _is_time(child) or _agent_of(child):
            continue
        case = next((tk.lemma(c) for c in tk.children(child, "case")), "")
        placed = child.dep_ in ("obl", "nmod", "xcomp") and case in rules.PLACE_CASES | {""}
        nominal = child.pos_ in ("NOUN", "PROPN") or child.dep_ == "obj"
        if (child.dep_ in ("obj", "iobj") or placed) and nominal:
            found.append(child)
    return found


def _agent_of(token) -> bool:
    return any(tk.lemma(c) == "by" for c in tk.children(token, "case"))


def _is_time(token) -> bool:
    """A time phrase: "next month", "the end of the year"; not "an agreement by the
    deadline", whose time word is in a modifier of its own."""
    words = {t.lower_ for t in _own_words(token)}
    return (
        token.dep_ in ("obl:tmod", "obl:npmod")
        or tk.lemma(token) in rules.TIME_WORDS
        or token.like_num
        or bool(words & rules.TIME_WORDS and token.pos_ != "PROPN")
    )


def _own_words(token) -> list:
    """The words of ``token``'s phrase, without its prepositional modifiers and clauses."""
    modifiers = [c for c in tk.kids(token) if c.dep_ in ("nmod", "acl", "acl:relcl", "conj")]
    inner = {t.i for child in modifiers for t in tk.near(child)}
    return [t for t in tk.near(token) if t.i not in inner]


def presupposed(token) -> frozenset[str]:
    """Action classes of the happenings ``token`` is placed after or at: "after the
    summit", "once his talks with Kim are over" (the clause's subject names it)."""
    classes = set()
    for child in tk.children(token, "obl", "nmod", "advcl"):
        case = {tk.lemma(c) for c in tk.children(child, "case", "mark")}
        if case & rules.PRESUPPOSE_CASES:
            named = [child, *tk.children(child, "nsubj")] if child.dep_ == "advcl" else [child]
            found = (rules.class_of(tk.lemma(word)) for word in named)
            classes.update(action for action in found if action in rules.ACTION_CLASSES)
    return frozenset(classes)


def clause_body(
    token, actor_text: str, passive: bool, targets, bound=frozenset(), outside=False
) -> str:
    """The clause a question asks: subject, base verb (or "be" + participle), objects.

    ``bound`` holds the possessive pronouns that refer to the subject (:func:`bound_to`).
    An eventive noun is shown with its actor as owner when the actor is named in its own
    phrase by a possessive, or ``outside`` it ("threatened them with travel bans": "the
    United States' travel bans take place").
    """
    if token.pos_ in ("NOUN", "PROPN"):
        owned = actor_text and (outside or any(tk.children(token, "nmod:poss")))
        drop = CLAUSE_DEPS | {"case"} | ({"nmod:poss", "det"} if owned else set())
        noun = phrase_text(token, drop=drop, also=_is_time)
        return f"{possessive(actor_text)} {noun} take place" if owned else f"{noun} take place"
    verb = f"be {token.text.lower()}" if passive else phrasal(token)
    # an oblique naming someone by a pronoun is left out when another target names the
    # happening ("restore ties with Colombia with their president": "with Colombia")
    kept = [t for t in targets if t.dep_ in ("obj", "iobj") or not _refers(t, bound)] or targets
    named = [_target_text(t, bound) for t in kept] or [_complement_text(token, bound)]
    parts = [actor_text, verb, *named]
    return " ".join(part for part in parts if part)


def _complement_text(verb, bound) -> str:
    """What a verb with no object or place is about, so that its question is no fragment:
    its infinitive clause ("choose to change the flag", "resort to using force", the
    infinitive sometimes read as an adverbial clause) or first prepositional phrase
    ("resort to force", "choose between two flags"), else ""."""
    for child in tk.kids(verb):
        if child.dep_ in ("xcomp", "advcl") and infinitive(child):
            return phrase_text(child, also=lambda c: _adjunct(c, bound))
        cased = any(tk.children(child, "case")) and child.pos_ in ("NOUN", "PROPN")
        if child.dep_ == "obl" and cased and not _is_time(child) and not _agent_of(child):
            return _target_text(child, bound)
    return ""


def _adjunct(token, bound) -> bool:
    """A time phrase, or a prepositional phrase naming someone only by a pronoun ("use force
    against our people"): left out of a complement's words."""
    return _is_time(token) or (token.dep_ in ("obl", "nmod") and _refers(token, bound))


def _refers(token, bound) -> bool:
    """True when ``token``'s phrase names someone by a pronoun other than a possessive
    ``bound`` to the subject ("their president" after "Ortega": not his)."""
    return any(t.pos_ == "PRON" and t.lower_ in rules.PRONOUNS - bound for t in tk.near(token))


def bound_to(subject) -> frozenset[str]:
    """The possessive pronouns that may refer to the subject token: those of its number
    ("Ortega ... their president" is someone else's; "the troops ... their pullout" is
    theirs). A speaker's "our" is never the subject's in a question the analyst asks."""
    if subject is None:
        return frozenset()
    plural = "Plur" in subject.morph.get("Number") or any(tk.children(subject, "conj"))
    return rules.POSSESSIVES["Plur" if plural else "Sing"]


def shows_pronoun(subject: str, body: str, bound=frozenset()) -> bool:
    """True when a question body shows a pronoun ("Will Bush push them?", "Will their
    embassy close?"): its question cannot be read without the sentence it came from. A
    possessive ``bound`` to a shown subject refers to it ("Will the EU review its
    ties?"); "US" is a name, not "us".

    Examples
    --------
    >>> shows_pronoun("Bush", "Bush push them"), shows_pronoun("the US", "the US vote")
    (True, False)
    >>> shows_pronoun("the EU", "the EU review its ties", frozenset(["its"]))
    False
    >>> shows_pronoun("the EU", "the EU review their ties", frozenset(["its"]))
    True
    """
    words = body.removeprefix(subject).split() if subject else body.split()
    return any(w in rules.PRONOUNS for w in subject.split()) or any(
        w in rules.PRONOUNS - bound for w in words
    )


def _target_text(token, bound) -> str:
    """An object or place with its preposition ("to Japan"), without clauses; a pair joined
    by "and" or "or" is kept whole ("receive pilot and commander seats"), a list is not."""
    # worded as the phrase is: a sentence-opening "Without" is "without" inside a question
    case = " ".join(phrase_text(c) for c in tk.children(token, "case"))
    also = functools.partial(_adjunct, bound=bound)
    words = whole_phrase(token, also=also)
    if _pair(token):
        pair = whole_phrase(token, CLAUSE_DEPS - {"conj", "cc"}, also)
        words = pair if len(pair.split()) <= MAX_PHRASE else words
    return words if not case or words.startswith(case) else f"{case} {words}"


def _pair(token) -> bool:
    """Two phrases joined by a conjunction and no comma: "pilot and commander seats"."""
    joined = list(tk.children(token, "conj"))
    commas = [t for t in tk.near(token) if t.dep_ == "punct" and t.text == ","]
    return len(joined) == 1 and not commas
