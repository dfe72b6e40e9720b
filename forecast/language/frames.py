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
from forecast.language.actors import ActorBook, name_key, vague
from forecast.language.after_dates import comes_after
from forecast.language.claim import Claim
from forecast.language.coref import antecedent
from forecast.language.event_heads import (
    event_token,
    head_kind,
    is_urged,
    named_object,
    phrasal,
    verb_object,
)
from forecast.language.frame_roles import (
    agent,
    bound_to,
    case_of,
    clause_body,
    noun_actor,
    presupposed,
    shows_pronoun,
    subject_of,
    targets_of,
)

__all__ = ["Frame", "claim_frames", "parse_sentence", "read_frame"]


@dataclass(frozen=True, slots=True)
class Frame:
    """One event mention, normalised (see the module docstring).

    ``resolved`` is False when the subject is a pronoun or a vague word nobody named
    before ("it", "who"): such a mention cannot stand as a question on its own.
    ``presupposes`` holds the action classes of happenings this one is placed after or at
    ("stop in Japan after the summit" presupposes ``meet``). ``urged`` marks a happening
    a speaker asks another to bring about ("called on Turkey to show restraint"); ``past``
    one stated in the simple past ("Martin filed paperwork last month"); ``timing`` one in
    a clause that times or excepts another ("will not recognise it until he is informed").
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
    timing: bool = False


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
    # "following the June 28 flight": a date the event comes after sets no deadline.
    due = [d for d in claim.dates if not comes_after(doc, token, d.span, offset)]
    ends = [d.end for d in due if d.end is not None]
    window = (min(starts) if starts else None, max(ends) if ends else None)
    return dataclasses.replace(frame, window=window)


def read_frame(token, book: ActorBook, speaker: str) -> Frame:
    """The frame of the event mention at ``token``, resolving actors in ``book``.

    In the passive the subject is what is acted on (a target) and the "by" phrase, if
    any, the actor: "political ties will be restored" names no actor.
    """
    urged = is_urged(token)
    timing = token.dep_ == "advcl" and any(
        tk.lemma(c) in rules.TIMING_MARKS for c in tk.children(token, "mark")
    )
    token = event_token(token)
    lemma = verb_object(token) or phrasal(token)
    action, head, against = rules.class_of(lemma), token, False
    noun = named_object(token)
    if noun is not None and lemma in rules.LIGHT_VERBS and head_kind(noun) != "noun":
        noun = None  # "take time" is no happening; "hold talks" is
    if noun is not None and (lemma in rules.LIGHT_VERBS or action == rules.CANCEL_CLASS):
        against = action == rules.CANCEL_CLASS
        action = rules.class_of(tk.lemma(noun))
        head = noun if against else token
    book.read_until(token)
    nominal = against or head.pos_ in ("NOUN", "PROPN")
    subject = (noun_actor(head) if nominal else None) or subject_of(token)
    passive = not nominal and (
        (token.tag_ == "VBN" and any(tk.children(token, "nsubj:pass")))
        or any(tk.children(token, "aux:pass"))  # "be portrayed", even tagged an adjective
    )
    patient = subject if passive else None  # however found: "expected to be named"
    doer = agent(token) if patient is not None else subject
    actor, actor_text, resolved = book.resolve(doer, speaker)
    shown = book.resolve(patient, speaker) if patient is not None else ("", "", True)
    if doer is None and not (passive or nominal):
        resolved = False  # an active verb with nobody doing it: "to defeat attacks"
    if nominal and vague(head):
        resolved = False  # "any attack on the nation": no happening in particular
    targets = [antecedent(t, book.before) or t for t in targets_of(head, skip=subject)]
    if lemma in rules.PLACE_SENSES and any(case_of(t) in rules.PLACE_PREPOSITIONS for t in targets):
        action = rules.PLACE_SENSES[lemma]
    light = (
        head.i == token.i and noun is None and lemma in rules.EMPTY_VERBS and token.pos_ == "VERB"
    )
    keys = {name_key(t) for t in targets} | ({shown[0]} if shown[0] else set())
    subject_text = shown[1] if patient is not None else actor_text
    bound = bound_to(patient if patient is not None else doer) if subject_text else frozenset()
    outside = nominal and doer is not None and doer.i not in {t.i for t in head.subtree}
    body = clause_body(head, subject_text, passive, targets, bound, outside)
    return Frame(
        actor=actor,
        actor_text=actor_text,
        action=action,
        lemma=lemma,
        kind="other" if light else head_kind(head),
        targets=frozenset(keys),
        places=frozenset(name_key(t) for t in targets if t.pos_ == "PROPN"),
        body=body,
        resolved=resolved and shown[2] and not shows_pronoun(subject_text, body, bound),
        passive=passive,
        against=against,
        presupposes=presupposed(head),
        urged=urged,
        timing=timing,
        past=token.tag_ == "VBD" and not any(tk.children(token, "aux", "aux:pass")),
    )


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
