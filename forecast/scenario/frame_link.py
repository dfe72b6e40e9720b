"""Linking claims to events by frame: the rules for events written without a ``match`` table.

An event with no ``match`` table is linked by the frame of its own question (else of its
resolution text): "Will Trump visit Japan by 2018-06-30?" is the frame (trump, visit,
{japan}). A claim's frame links to it when

1. both denote the same happening (:func:`~forecast.scenario.happenings.same_happening`:
   same action class, actors and targets not disagreeing), and
2. they share an actor or a target, when the event's frame names either.

The link's reason lists the fields that matched (``frame: actor+action+target``); a
cancellation frame ("the visit was called off") links ``against`` the event it cancels, and
so does a frame of the opposite class (``frame: actor+opposite action+target``: "will not
withdraw from the government" for an event of taking part in it).

A frame whose verb takes the other's action as its object names the same happening
(:func:`object_action`, ``frame: actor+object action``): "will impose travel bans" and "will
ban", "will host a conference" and "the conference will be held"; when that verb ends what
its object names (:data:`ENDING`: "will end its boycott" and "will boycott") the link is
``against``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping

from forecast.language.frame_rules import CANCEL_CLASS, class_of
from forecast.language.frames import Frame
from forecast.language.questions import question_frame
from forecast.scenario.events import Event
from forecast.scenario.happenings import opposed_happening, same_happening

__all__ = ["CONTINUING", "ENDING", "aspect_subject", "event_frame", "frame_reason", "object_action"]

ENDING = frozenset([CANCEL_CLASS, "end", "stop", "halt", "cease", "lift"])
"""Classes of verbs that end what their object names: "end the strike", "lift the ban"."""
CONTINUING = frozenset(["continue", "go on", "carry on", "persist"])
"""Classes of verbs that keep up what their subject names: "the strike will continue"."""


def event_frame(event: Event, aliases: Mapping[str, str] | None = None) -> Frame | None:
    """The frame an event's question (else its resolution text) denotes, or None.

    ``aliases`` are the scenario's (:attr:`Scenario.aliases`): "the president" -> Trump.
    """
    known = frozenset((aliases or {}).items())
    return _text_frame(event.question, known) or _text_frame(event.resolution, known)


@functools.lru_cache(maxsize=1024)
def _text_frame(text: str, aliases: frozenset[tuple[str, str]]) -> Frame | None:
    frame = question_frame(text, dict(aliases))
    return frame if frame is not None and frame.kind != "other" else None


def frame_reason(claim: Frame | None, event: Frame) -> tuple[int, str, bool] | None:
    """``(fields matched, reason, against)`` when the claim's frame links to the event's,
    else None; ``against`` when the claim speaks against the event (a cancellation, or the
    opposite action)."""
    if claim is None:
        return None
    opposed, action = opposed_happening(claim, event), "action"
    if not (opposed or same_happening(claim, event)):
        found = _reframed(claim, event)
        if found is None:
            return None
        claim, event, action, opposed = found
    actors = set(claim.actor.split("+")) & set(event.actor.split("+")) - {""}
    targets = claim.targets & event.targets
    if (event.actor or event.targets) and not (actors or targets):
        return None
    action = "opposite action" if opposed and action == "action" else action
    fields = [*(["actor"] if actors else []), action, *(["target"] if targets else [])]
    return len(fields), "frame: " + "+".join(fields), claim.against != opposed


def _reframed(claim: Frame, event: Frame) -> tuple[Frame, Frame, str, bool] | None:
    """The claim and event frames compared as one happening through an object or a subject
    (:func:`object_action`, :func:`aspect_subject`), with the action's name and whether the
    claim speaks against the event; None when they are not one happening."""
    pair = object_action(claim, event)
    if pair is not None and same_happening(*pair):
        return *pair, "object action", pair[1].action in ENDING
    pair = aspect_subject(claim, event)
    if pair is not None and same_happening(*pair):
        ends = [frame.lemma in CONTINUING for frame in pair]
        return *pair, "subject action", ends[0] != ends[1]
    return None


def object_action(a: Frame, b: Frame) -> tuple[Frame, Frame] | None:
    """``a`` and ``b`` with one action, when one frame's action is named as the other's
    object ("impose bans" and "ban"), else None. A frame whose action is already its own
    object's ("hold elections") is that happening, and another verb on that object is
    another happening ("emerge from the elections", "observe the elections").

    The frame of the noun takes the verb's action and the noun as a target, so the two
    are compared as one happening; whether the verb ends it is :data:`ENDING`'s to say."""
    if a.action == b.action:
        return None
    if _names_action(b, a):
        noun, verb = a, b
    elif _names_action(a, b):
        noun, verb = b, a
    else:
        return None
    named = dataclasses.replace(noun, action=verb.action, targets=noun.targets | {noun.action})
    return (named, verb) if noun is a else (verb, named)


def _names_action(verb: Frame, noun: Frame) -> bool:
    """True when one of ``verb``'s targets names ``noun``'s action, and none of ``noun``'s
    own targets does (:func:`object_action`)."""

    def named(frame: Frame) -> bool:
        return any(class_of(target) == noun.action for target in frame.targets)

    return named(verb) and not named(noun)


def aspect_subject(a: Frame, b: Frame) -> tuple[Frame, Frame] | None:
    """``a`` and ``b`` with one action, when both are verbs that end or keep up a happening
    and one's subject is the other's object ("the broadcasts will continue" and "will stop
    its broadcasts"), else None.

    The frame with the subject takes the other's action and its subject as the target; each
    frame's ``lemma`` becomes its class, which says whether it keeps the happening up."""
    aspects = ENDING | CONTINUING
    if a.action not in aspects or b.action not in aspects:
        return None
    if a.actor and a.actor in b.targets:
        subject, other = a, b
    elif b.actor and b.actor in a.targets:
        subject, other = b, a
    else:
        return None
    moved = dataclasses.replace(
        subject,
        actor="",
        action=other.action,
        lemma=subject.action,
        targets=frozenset([subject.actor]),
    )
    other = dataclasses.replace(other, lemma=other.action)
    return (moved, other) if subject is a else (other, moved)
