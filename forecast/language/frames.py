"""Event frames: who does what, to whom or where, and when, read from a claim's parse.

A :class:`Frame` normalises one event mention so that mentions of the same happening in
different words meet: ``actor`` is a co-reference key (:mod:`forecast.language.actors`),
``action`` a synonym class (:data:`~forecast.language.frame_rules.ACTION_CLASSES`: "stop
in", "trip to" and "visit" are all ``visit``), ``targets`` the keys of its object and
place, ``window`` the period its dates name. ``body`` is the clause an analyst's question
asks about ("Trump visit Japan"), with pronouns replaced by who they refer to.

Frames are read from the claim's sentence, parsed again with the shipped parser (claims
carry text, not trees) and cached per sentence; the predicate is the token at the claim's
``predicate_span``. A light verb takes its class from its object ("hold talks" is
``meet``); a cancel verb takes the class of what it cancels and marks the frame
``against`` ("the visit was called off" speaks against ``visit``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass

from forecast.language import frame_rules as rules
from forecast.language import tokens as tk
from forecast.language.actors import CLAUSE_DEPS, ActorBook, name_key, phrase_text, vague
from forecast.language.claim import Claim
from forecast.language.predicate_rules import EVENT_NOUNS, REPORTING

__all__ = ["Frame", "claim_frames", "occurring", "parse_sentence", "phrasal", "read_frame"]

_FRAMING = rules.NON_EVENTS | rules.FRAMING | REPORTING


@dataclass(frozen=True, slots=True)
class Frame:
    """One event mention, normalised (see the module docstring).

    ``resolved`` is False when the subject is a pronoun or a vague word nobody named
    before ("it", "who"): such a mention cannot stand as a question on its own.
    ``presupposes`` holds the action classes of happenings this one is placed after or at
    ("stop in Japan after the summit" presupposes ``meet``). ``urged`` marks a happening
    a speaker asks another to bring about ("called on Turkey to show restraint"); ``past``
    one stated in the simple past ("Martin filed paperwork last month").
    """

    actor: str
    actor_text: str
    action: str
    lemma: str
    kind: str  # "verb", "noun" (an eventive noun) or "other" (a copula, an adjective)
    targets: frozenset[str]
    body: str
    places: frozenset[str] = frozenset()  # the targets that are proper names
    resolved: bool = True
    passive: bool = False
    against: bool = False
    presupposes: frozenset[str] = frozenset()
    window: tuple[dt.date | None, dt.date | None] = (None, None)
    urged: bool = False
    past: bool = False


def claim_frames(claims, aliases=None, nlp=None) -> tuple[Frame | None, ...]:
    """The frame of each claim (None when its predicate is not found in the parse).

    Claims are read in order, one article at a time, so that pronouns and titles refer
    back to the actors named before them (rules in :mod:`forecast.language.actors`);
    ``aliases`` maps a scenario's alias phrases to the names they stand for.
    """
    books: dict[str, ActorBook] = {}
    frames = []
    for claim in claims:
        book = books.setdefault(claim.article_id, ActorBook(aliases or {}))
        frames.append(_claim_frame(claim, book, nlp))
    return tuple(frames)


def _claim_frame(claim: Claim, book: ActorBook, nlp) -> Frame | None:
    doc = parse_sentence(claim.sentence, nlp)
    offset = claim.sentence_span[0]
    token = _predicate(doc, claim.predicate_span[0] - offset, claim.predicate_span[1] - offset)
    if token is None:
        return None
    speaker = claim.source.name if claim.source.kind == "official" else ""
    frame = read_frame(token, book, speaker)
    starts = [d.start for d in claim.dates if d.start is not None]
    ends = [d.end for d in claim.dates if d.end is not None]
    window = (min(starts) if starts else None, max(ends) if ends else None)
    return dataclasses.replace(frame, window=window)


def read_frame(token, book: ActorBook, speaker: str) -> Frame:
    """The frame of the event mention at ``token``, resolving actors in ``book``.

    In the passive the subject is what is acted on (a target) and the "by" phrase, if
    any, the actor: "political ties will be restored" names no actor.
    """
    urged = _urged(token)
    token = _event_token(token)
    lemma = _verb_object(token) or phrasal(token)
    action, head, against = rules.class_of(lemma), token, False
    noun = _named_object(token)
    if noun is not None and lemma in rules.LIGHT_VERBS and _kind(noun) != "noun":
        noun = None  # "take time" is no happening; "hold talks" is
    if noun is not None and (lemma in rules.LIGHT_VERBS or action == rules.CANCEL_CLASS):
        against = action == rules.CANCEL_CLASS
        action = rules.class_of(tk.lemma(noun))
        head = noun if against else token
    book.read_until(token)
    nominal = against or head.pos_ in ("NOUN", "PROPN")
    subject = (_noun_actor(head) if nominal else None) or _subject(token)
    passive = (
        not nominal
        and token.tag_ == "VBN"
        and any(c.dep_ in ("nsubj:pass", "aux:pass") for c in tk.kids(token))
    )
    patient = subject if passive and subject is not None and subject.head.i == token.i else None
    doer = _agent(token) if patient is not None else subject
    actor, actor_text, resolved = book.resolve(doer, speaker)
    shown = book.resolve(patient, speaker) if patient is not None else ("", "", True)
    if doer is None and not (passive or nominal):
        resolved = False  # an active verb with nobody doing it: "to defeat attacks"
    if nominal and vague(head):
        resolved = False  # "any attack on the nation": no happening in particular
    targets = _targets(head, skip=subject)
    if lemma in rules.PLACE_SENSES and any(_case(t) in rules.PLACE_PREPOSITIONS for t in targets):
        action = rules.PLACE_SENSES[lemma]
    light = (
        head.i == token.i and noun is None and lemma in rules.EMPTY_VERBS and token.pos_ == "VERB"
    )
    keys = {name_key(t) for t in targets} | ({shown[0]} if shown[0] else set())
    return Frame(
        actor=actor,
        actor_text=actor_text,
        action=action,
        lemma=lemma,
        kind="other" if light else _kind(head),
        targets=frozenset(keys),
        places=frozenset(name_key(t) for t in targets if t.pos_ == "PROPN"),
        body=_body(head, shown[1] if patient is not None else actor_text, passive, targets),
        resolved=resolved and shown[2],
        passive=passive,
        against=against,
        presupposes=_presupposes(head),
        urged=urged,
        past=token.tag_ == "VBD" and not any(tk.children(token, "aux", "aux:pass")),
    )


def _verb_object(token) -> str:
    """A verb and object pair that is one action ("take part", "leave office", "become a
    member"), else ""."""
    objects = (c for c in tk.children(token, "obj", "xcomp") if c.pos_ == "NOUN")
    pair = next((f"{tk.lemma(token)} {tk.lemma(c)}" for c in objects), "")
    return pair if rules.class_of(pair) != pair else ""


def _urged(token) -> bool:
    """True when ``token`` is what a speaker urges another to do ("called on Turkey to
    continue talks", "urged the leaders to stay calm"), up the clause chain."""
    for _ in range(3):
        if token.dep_ not in ("xcomp", "advcl", "ccomp", "conj") or token.head.i == token.i:
            return False
        token = token.head
        if _exhorts(token):
            return True
    return False


def _exhorts(token) -> bool:
    lemma, verb = tk.lemma(token), phrasal(token)
    return verb in rules.EXHORTING or (lemma in rules.EXHORTING and verb == lemma)


def _case(token) -> str:
    return next((tk.lemma(c) for c in tk.children(token, "case")), "")


def _agent(token):
    """The "by" phrase of a passive verb: who does it."""
    return next((c for c in tk.children(token, "obl", "obl:agent") if _agent_of(c)), None)


MAX_SENTENCE = 5000
"""Longest sentence text parsed for a frame (a run-on "sentence" is cut)."""


@functools.lru_cache(maxsize=2048)
def parse_sentence(text: str, nlp=None):
    """The parse of one sentence (cached: claims and questions repeat sentences)."""
    from forecast.language.parse import load_parser

    return (nlp or load_parser())(text[:MAX_SENTENCE])


def _predicate(doc, start: int, end: int):
    """The headmost non-auxiliary token overlapping ``[start, end)``."""
    inside = [
        t
        for t in doc
        if t.idx < end and t.idx + len(t.text) > start and t.dep_ not in tk.AUX_DEPS | {"mark"}
    ]
    if not inside:
        return None
    ids = {t.i for t in inside}
    return next((t for t in inside if t.head.i not in ids or t.head.i == t.i), inside[0])


def _event_token(token):
    """The happening a frame verb stands over: its verb complement or eventive object.

    "continue to meet" -> meet, "expect a withdrawal" -> withdrawal, "the launch is
    scheduled" -> launch, "the summit scheduled for June 12" -> summit; other words are
    their own event.
    """
    for _ in range(3):
        occurred = occurring(token)
        if occurred is not None:
            return occurred
        planned = _planned(token)
        if planned is not None:
            token = planned
            continue
        if not _framing(token):
            return token
        if token.dep_ in ("acl", "amod") and _kind(token.head) == "noun":
            return token.head  # "the summit scheduled for June 12", "the scheduled vote"
        inner = next(tk.children(token, "xcomp", "ccomp"), None) or next(
            (c for c in tk.children(token, "advcl") if _infinitive(c) or c.tag_ == "VBG"), None
        )  # "work to free them", "carry on working"
        if inner is None or inner.pos_ not in ("VERB", "NOUN"):
            inner = next(
                (
                    c
                    for c in tk.children(token, "obj", "nsubj:pass", "compound")
                    if _kind(c) == "noun"
                ),
                None,
            )
        if inner is None:
            return token
        token = inner
    return token


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
            verb = next((c for c in tk.children(noun, "acl") if _infinitive(c)), None)
            if verb is not None:
                return verb
    return None


def _infinitive(token) -> bool:
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
    summit will take place"."""
    occurs = (
        phrasal(token) in rules.OCCUR_VERBS
        or (
            tk.lemma(token) == "take"
            and any(tk.lemma(c) == "place" for c in tk.children(token, "obj"))
        )
        or (tk.lemma(token) == "be" and any(tk.children(token, "expl")))
    )
    subject = next(tk.children(token, "nsubj", "nsubj:pass"), None) if occurs else None
    return subject if subject is not None and _kind(subject) == "noun" else None


def _kind(token) -> str:
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


def _named_object(token):
    """The noun a light or cancel verb acts on ("hold talks", "called off the visit")."""
    for child in tk.children(token, "obj", "nsubj:pass"):
        if child.pos_ in ("NOUN", "PROPN"):
            return child
    return None


def _bound(owner, noun):
    """A possessive pronoun refers to its own clause's subject when there is one: "the
    troops would start their pullout" (theirs: the troops')."""
    if owner.lower_ not in rules.PERSON_PRONOUNS | rules.THING_PRONOUNS:
        return owner
    clause_subject = next(tk.children(noun.head, "nsubj"), None)
    return clause_subject if clause_subject is not None and clause_subject.i != noun.i else owner


def _subject(token):
    """The subject of ``token``, else its controller: the object of "ask Trump to raise"
    (the addressee of "call on Turkey to"), the subject of "Abe wants to raise" or of the
    verb it is a conjunct of, the owner of a plan noun ("Sunak's effort to clear") or the
    subject of the verb whose object it is ("Britain announced plans to hold")."""
    for _ in range(4):
        found = _own_subject(token)
        if found is not None or token.head.i == token.i:
            return found
        if token.dep_ == "acl" and _infinitive(token) and token.head.pos_ == "NOUN":
            noun = token.head
            while noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
                noun = noun.head  # "announced plans to join ... and plans to hold"
            owner = next(tk.children(noun, "nmod:poss"), None)
            if owner is not None or noun.dep_ != "obj":
                return _bound(owner, noun) if owner is not None else None
            token = noun.head
            continue
        if token.dep_ not in ("xcomp", "conj") and not (
            token.dep_ == "advcl" and (_infinitive(token) or token.tag_ == "VBG")
        ):
            return None
        addressee = _addressee(token)
        if addressee is not None:
            return addressee
        token = token.head
    return None


def _own_subject(token):
    """The subject of ``token``'s own clause (an outer subject that is no time word); of two
    subjects, the proper name ("The prototype orbiter, Space Shuttle Enterprise would be
    relocated" is sometimes parsed so)."""
    found = sorted(tk.children(token, "nsubj", "nsubj:pass"), key=lambda c: c.pos_ != "PROPN")
    if found:
        return found[0]
    outer = (c for c in tk.children(token, "nsubj:outer") if not _is_time(c))
    return next(outer, None)


def _addressee(token):
    """Who a controlling verb asks to act: its object ("ask Trump to raise"), or for an
    exhorting verb its "on" phrase ("call on Turkey to continue")."""
    verb = token.head
    if token.dep_ == "xcomp" or _exhorts(verb):
        found = next(tk.children(verb, "obj", "iobj"), None)
        if found is not None:
            return found
    if _exhorts(verb):
        return next((c for c in tk.children(verb, "obl") if _case(c) == "on"), None)
    return None


def _noun_actor(noun):
    """Who does an eventive noun: "Trump's visit", "a visit by the president", "a
    withdrawal of Russian forces"."""
    for child in tk.kids(noun):
        case = {tk.lemma(c) for c in tk.children(child, "case")}
        if (
            child.dep_ == "nmod:poss"
            or (child.dep_ in ("compound", "amod") and child.text.istitle())
            or (child.dep_ == "nmod" and case & {"by", "of"})
        ):
            return _bound(child, noun)
    return None


def _targets(token, skip) -> list:
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
    words = {t.lower_ for t in tk.near(token)}
    return (
        token.dep_ in ("obl:tmod", "obl:npmod")
        or tk.lemma(token) in rules.TIME_WORDS
        or token.like_num
        or bool(words & rules.TIME_WORDS and token.pos_ != "PROPN")
    )


def _presupposes(token) -> frozenset[str]:
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


def _body(token, actor_text: str, passive: bool, targets) -> str:
    """The clause a question asks: subject, base verb (or "be" + participle), objects."""
    if token.pos_ in ("NOUN", "PROPN"):
        owned = actor_text and any(tk.children(token, "nmod:poss"))
        drop = CLAUSE_DEPS | {"case"} | ({"nmod:poss", "det"} if owned else set())
        noun = phrase_text(token, drop=drop, also=_is_time)
        owner = f"{actor_text}'" if actor_text.endswith("s") else f"{actor_text}'s"
        return f"{owner} {noun} take place" if owned else f"{noun} take place"
    verb = f"be {token.text.lower()}" if passive else phrasal(token)
    parts = [actor_text, verb, *(_target_text(t) for t in targets)]
    return " ".join(part for part in parts if part)


def _target_text(token) -> str:
    """An object or place with its preposition ("to Japan"), without clauses."""
    case = " ".join(c.text for c in tk.children(token, "case"))
    words = phrase_text(token, also=_is_time)
    return words if not case or words.startswith(case) else f"{case} {words}"
