"""Drafting a starting scenario from articles' claims, for the analyst to curate.

The draft asks the questions an analyst would ask of the articles, one per happening:

1. every claim gets an event frame (:mod:`forecast.language.frames`; pronouns and titles
   resolved to the actors named before them);
2. frames that can stand as a question are grouped into happenings
   (:mod:`forecast.scenario.happenings`): the same actor doing the same class of action to
   the same target, in any words; a cancellation joins the happening it cancels, as
   evidence against it; past, background, attitude and report frames make no event;
3. happenings are ranked by evidence (claims plus distinct sources); the article's central
   one (its action and actor or target named in the title) comes first; a happening
   whose drafted question no claim links to (a misread clause) is dropped; at most
   ``max_events`` (default :data:`MAX_EVENTS`) are kept, conditional ones included;
4. each is asked as "Will <actor> <action> <target> by <deadline>?", the deadline being
   the latest date its claims name ahead of publication, else publication plus
   :data:`DEFAULT_HORIZON` (a year);
5. a happening placed after or at another ("stop in Japan after the summit") ``requires``
   it; a claim whose condition is a drafted happening ("if Trump does not visit") makes
   a conditional event (``given``) by the claim's own date, else the condition's deadline,
   its question naming the condition in words ("Given
   "Trump stop in Japan" does not happen: will ...?").

Drafted events carry no ``match`` table: claims link to them by the frame of their own
question (:mod:`forecast.scenario.link`), as they would to an analyst's hand-written one;
only a question the parser does not read back as its happening gets a keyword rule.
Resolution rules read ``TODO: curate``: only the analyst can say which source settles an
event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence

from forecast.errors import InputError
from forecast.graph import KEYWORDS
from forecast.language.claim import Claim
from forecast.language.frame_rules import ACTION_CLASSES
from forecast.language.frames import claim_frames
from forecast.language.question_form import question_faults
from forecast.language.questions import question_body, question_frame
from forecast.scenario.events import Event, MatchRule, Scenario
from forecast.scenario.frame_link import event_frame
from forecast.scenario.happenings import (
    NOT_ASKED,
    Happening,
    condition_of,
    deadline,
    group_happenings,
    latest_ahead,
    same_happening,
)
from forecast.scenario.link import link_claims
from forecast.scenario.words import stem, stems

TODO_RESOLUTION = (
    "TODO: curate: say which source decides this event (official schedule, named "
    "outlets) and the date by which it must happen."
)
MAX_EVENTS = 8
"""Events a draft keeps by default: the best-evidenced happenings, the central one first."""
CANDIDATES = 3
"""Happenings tried per event kept (times ``max_events``): those no claim links to are
dropped and the next ranked takes their place."""
DEFAULT_HORIZON = dt.timedelta(days=365)
"""Deadline of a happening whose claims name no date ahead: a year after publication."""
_MAX_NAME = 40


def draft_scenario(
    claims: Iterable[Claim],
    *,
    name: str,
    title: str,
    as_of: dt.date | None = None,
    articles: Sequence[str] = (),
    max_events: int = MAX_EVENTS,
) -> Scenario:
    """A starting scenario: one event per happening the claims speak of (module docstring).

    Raises
    ------
    InputError
        If ``name`` or ``title`` break the scenario rules, no claim is forward-looking, or
        no forward claim names a happening an analyst could ask about.
    """
    claims = tuple(claims)
    if not any(claim.forward for claim in claims):
        raise InputError(f"scenario '{name}': no forward-looking claims to draft events from")
    frames = claim_frames(claims)
    ranked = rank_happenings(group_happenings(claims, frames), title)
    happenings = _evidenced(ranked[: max_events * CANDIDATES], claims)[:max_events]
    events = _events(happenings)
    conditional = _conditional_events(claims, frames, happenings, events)
    events = (events + conditional)[: max(max_events, 1)]
    if not events:
        raise InputError(
            f"scenario '{name}': no forward-looking claim names a happening to ask about "
            "(who does what, to what or where); write the scenario's questions by hand"
        )
    return Scenario(name=name, title=title, events=events, articles=tuple(articles), as_of=as_of)


def _evidenced(happenings: Sequence[Happening], claims: Sequence[Claim]) -> list[Happening]:
    """The happenings whose drafted question is well formed and some claim links to, in order.

    A question the linker cannot read back as any claim's happening ("Will the rule
    People's Democratic Party's candidate?") would be forecast from its base rate alone:
    it is a misread clause, not a question, and the next happening takes its place; so
    does a question with a fault an analyst would have to repair
    (:func:`forecast.language.question_form.question_faults`: "Will they leave?").
    """
    if not happenings:
        return []
    events = _events(happenings)
    linked = {evidence.event for evidence in link_claims(Scenario("d", "d", events), claims)}
    return [
        happening
        for happening, event in zip(happenings, events, strict=True)
        if event.name in linked and not question_faults(event.question)
    ]


def rank_happenings(happenings: Sequence[Happening], title: str) -> list[Happening]:
    """By evidence (claims plus distinct sources), the one the title names first."""
    ranked = sorted(happenings, key=lambda h: -(len(h.claims) + len(h.sources)))
    central = max(ranked, key=lambda h: _title_hits(h, title), default=None)
    if central is None or _title_hits(central, title) < 2:
        return ranked
    return [central, *(h for h in ranked if h is not central)]


def _title_hits(happening: Happening, title: str) -> int:
    """How many of action, actor and target the title names (0-3)."""
    words = set(stems(title))
    frame = happening.frame
    action = {stem(w) for m in ACTION_CLASSES.get(frame.action, ()) for w in m.split()}
    action |= {stem(frame.lemma.split()[0])} if frame.lemma else set()
    actors = {stem(part) for part in frame.actor.split("+") if part}
    targets = {stem(target) for target in frame.targets}
    return sum(bool(words & group) for group in (action, actors, targets))


def _events(happenings: Sequence[Happening]) -> tuple[Event, ...]:
    names: list[str] = []
    for happening in happenings:
        names.append(_unique(_slug(happening), set(names)))
    events = []
    for index, happening in enumerate(happenings):
        requires = tuple(
            names[other]
            for other, parent in enumerate(happenings)
            if _presupposes(happening, parent) and not _presupposes(parent, happening)
        )
        by = deadline(happening, DEFAULT_HORIZON)
        event = Event(names[index], question_text(happening.frame.body, by), TODO_RESOLUTION, by)
        events.append(
            dataclasses.replace(event, requires=requires, match=_fallback(event, happening))
        )
    return tuple(events)


def _fallback(event: Event, happening: Happening) -> MatchRule | None:
    """A match rule for an event whose question does not read back as its happening.

    The parser may misread a drafted question ("that pressure ... continue"); the event
    then links by keywords: a word of the action and one of the actor or targets.
    """
    if same_happening(event_frame(event), happening.frame):
        return None
    frame = happening.frame
    action = tuple(dict.fromkeys([frame.lemma, *ACTION_CLASSES.get(frame.action, ())]))
    named = tuple(sorted({*(k for k in frame.actor.split("+") if k), *frame.targets}))
    return MatchRule(all_of=(action, named) if named else (action,))


def _presupposes(happening: Happening, parent: Happening) -> bool:
    """True when a frame of ``happening`` is placed after or at ``parent``'s action."""
    action = parent.frame.action
    return happening is not parent and any(action in f.presupposes for f in happening.frames)


def question_text(body: str, by: dt.date | None) -> str:
    """ "Will <body> by <date>?", the body's first word kept as written.

    Examples
    --------
    >>> question_text("Trump visit Japan", dt.date(2018, 6, 30))
    'Will Trump visit Japan by 2018-06-30?'
    """
    body = re.sub(r"\s+([,.;:'’])", r"\1", " ".join(body.split())).strip(" .,;:")
    first = body.split(" ", 1)[0]
    if first in ("The", "A", "An", "This", "That", "These", "Those", "Its", "Their"):
        body = body[0].lower() + body[1:]
    return f"Will {body} by {by.isoformat()}?" if by is not None else f"Will {body}?"


def _conditional_events(
    claims: Sequence[Claim], frames, happenings: Sequence[Happening], events: Sequence[Event]
) -> tuple[Event, ...]:
    """Conditional events from claims with a condition, and the condition's event when new.

    The condition's event is the drafted happening it denotes, else a new event asked from
    the condition's own frame when it names who does what (the claim's happening is asked
    without a condition when that frame cannot be worded as a question); otherwise the
    claim is dropped.
    """
    drafted: list[Event] = []
    parents = list(zip((h.frame for h in happenings), events, strict=True))
    taken = {event.name for event in events}
    for claim, frame in zip(claims, frames, strict=True):
        stated = condition_of(claim)
        if stated is None or not _askable(frame) or not claim.forward or not _well_formed(frame):
            continue
        condition = question_frame(stated.event)
        parent = next((e for f, e in parents if same_happening(f, condition)), None)
        by = claim.published + DEFAULT_HORIZON if claim.published else None
        if parent is None and _askable(condition) and _stands_alone(condition):
            if not _well_formed(condition):
                # no question words the condition ("if the rule the party"): the claim's
                # own happening is still asked, without it
                if not any(same_happening(event_frame(e), frame) for e in drafted):
                    drafted.append(_new_event(frame, by, taken))
                continue
            parent = _new_event(condition, by, taken)
            parents.append((condition, parent))
            drafted.append(parent)
        if parent is None:
            continue
        given = f"not {parent.name}" if stated.negated else parent.name
        if not any(e.given == given and same_happening(event_frame(e), frame) for e in drafted):
            condition = _condition_words(parent, stated.negated)
            own = latest_ahead([frame.window[1]], claim.published)  # "within 48 hours if"
            drafted.append(_new_event(frame, own or parent.deadline, taken, given, condition))
    return tuple(drafted)


def _askable(frame) -> bool:
    return frame is not None and frame.resolved and frame.kind != "other"


def _stands_alone(frame) -> bool:
    """A condition worth its own event: someone doing something ("the US attacks Yemen")."""
    return bool(frame.actor) and frame.kind == "verb" and frame.action not in NOT_ASKED


def _well_formed(frame) -> bool:
    """Whether ``frame`` is asked as a question without faults (no deadline needed)."""
    return not question_faults(question_text(frame.body, None))


def _condition_words(parent: Event, negated: bool) -> str:
    """A condition as the analyst reads it: the parent's clause, not its event name.

    Examples
    --------
    >>> _condition_words(Event("a_b", "Will Lima ban cars by 2030-01-01?", "R"), True)
    '"Lima ban cars" does not happen'
    """
    return f'"{question_body(parent.question)}" {"does not happen" if negated else "happens"}'


def _new_event(
    frame, by: dt.date | None, taken: set[str], given: str | None = None, condition: str = ""
) -> Event:
    """An event asked from ``frame`` (under ``given``, worded ``condition``), its name added
    to ``taken``."""
    name = _unique(_frame_slug(frame), taken)
    taken.add(name)
    question = question_text(frame.body, by)
    if given is not None:
        question = f"Given {condition}: {question[0].lower()}{question[1:]}"
    return Event(name, question, TODO_RESOLUTION, deadline=by, given=given)


def draft_notes(scenario: Scenario, claims: Iterable[Claim]) -> Mapping[str, tuple[str, ...]]:
    """Per event, the sentences of the claims that link to it (comments for the draft)."""
    notes: dict[str, list[str]] = {}
    for evidence in link_claims(scenario, claims):
        side = " (against)" if evidence.against else ""
        line = f"from{side}: {' '.join(evidence.claim.sentence.split())}"
        notes.setdefault(evidence.event, []).append(line)
    return {event: tuple(dict.fromkeys(lines)) for event, lines in notes.items()}


def _slug(happening: Happening) -> str:
    return _frame_slug(happening.frame)


def _frame_slug(frame) -> str:
    """An event name: actor, action class and first target (``trump_visit_japan``)."""
    actor = frame.actor.split("+")[0] if frame.actor else ""
    target = sorted(frame.targets)[0] if frame.targets else ""
    parts = [
        re.sub(r"[^a-z0-9]+", "_", p.lower()).strip("_") for p in (actor, frame.action, target)
    ]
    slug = "_".join(p for p in parts if p)[:_MAX_NAME].strip("_") or "event"
    if slug[0].isdigit() or slug in KEYWORDS:
        slug = f"event_{slug}"
    return slug


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}_{number}", number + 1
    return candidate
