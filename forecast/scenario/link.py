"""Linking claims to the events they inform, by the events' match rules.

The rules, in order:

1. A claim about the past (``Tense.PAST``) informs no event: it is background.
2. Only latent events with a ``match`` rule take claims; derived events never do.
3. The claim's event phrase must match the rule's ``all_of`` (every group has a phrase
   in it) and none of ``none_of`` (case-insensitive, whole words, simple inflections).
4. The condition must agree. A claim without a condition informs only events without
   ``given`` (marginal events); a condition that is only a wish ("if it wants to") is
   no condition (:func:`~forecast.scenario.happenings.condition_of`). A claim with a
   condition informs only conditional events whose condition rule matches the claim's
   condition phrase with the same polarity: ``match.condition`` and
   ``match.condition_negated`` when given, else, when ``given`` is one event ``x`` or
   ``not x``, the match rule of ``x`` with that polarity.
5. A claim whose event phrase matches an event's ``against`` groups (and none of
   ``none_of``) is evidence that the event does not happen: its log-odds are negated.
6. A claim links to at most one event: the matching rule (``all_of`` or ``against``) with
   the most groups wins; among equally specific rules the event first in the file wins,
   and within one event ``all_of`` before ``against``.
7. A claim no match rule takes links by frame (:mod:`forecast.scenario.frame_link`) to
   a latent event without a ``match`` table: the one whose question's frame shares the
   most fields with the claim's (first in the file on a tie). Its condition must be the
   frame of the event's ``given`` event (same polarity), or both must have none.
8. A claim whose dates all lie after an event's deadline does not count for it.

Each link carries its reason: ``match: all_of``, ``match: against`` or the frame fields
that matched (``frame: actor+action+target``).
"""

from __future__ import annotations

from collections.abc import Iterable

from forecast.graph import Name, Not, parse_expr
from forecast.language.claim import Claim, Condition
from forecast.language.frames import Frame, claim_frames
from forecast.language.questions import question_frame
from forecast.scenario.events import Event, Evidence, MatchRule, Scenario
from forecast.scenario.frame_link import event_frame, frame_reason
from forecast.scenario.happenings import condition_of, same_happening
from forecast.scenario.words import contains, stems


def phrase_matches(text: str, all_of: Iterable[Iterable[str]], none_of: Iterable[str] = ()) -> bool:
    """True when every group has a phrase in ``text`` and no ``none_of`` phrase is in it.

    Examples
    --------
    >>> phrase_matches("Trump visited Japan", [["visit", "stop"], ["japan"]])
    True
    >>> phrase_matches("Trump visited Japan", [["visit"]], none_of=["japan"])
    False
    """
    found = stems(text)
    return all(any(contains(found, phrase) for phrase in group) for group in all_of) and not any(
        contains(found, phrase) for phrase in none_of
    )


def condition_rule(scenario: Scenario, event: Event) -> tuple[MatchRule, bool] | None:
    """The rule a claim's condition must match for ``event``, with its polarity.

    None when the event takes no conditional claims: it has no ``given``, or its
    ``given`` is a compound expression and ``match.condition`` is not set.
    """
    if event.given is None:
        return None
    if event.match is not None and event.match.condition:
        return MatchRule(all_of=event.match.condition), event.match.condition_negated
    given = _given_event(scenario, event)
    if given is None:
        return None
    parent, negated = given
    return (parent.match, negated) if parent.match is not None else None


def _given_event(scenario: Scenario, event: Event) -> tuple[Event, bool] | None:
    """The one event ``x`` of a ``given`` of ``x`` or ``not x``, with the negation."""
    expr = parse_expr(event.given)
    negated = isinstance(expr, Not)
    expr = expr.operand if negated else expr
    return (scenario[expr.name], negated) if isinstance(expr, Name) else None


def _condition_agrees(scenario: Scenario, event: Event, condition: Condition | None) -> bool:
    if condition is None:
        return event.given is None
    rule = condition_rule(scenario, event)
    if rule is None:
        return _condition_frame_agrees(scenario, event, condition)
    match, negated = rule
    return negated == condition.negated and phrase_matches(
        condition.event, match.all_of, match.none_of
    )


def _condition_frame_agrees(scenario: Scenario, event: Event, condition: Condition) -> bool:
    """The claim's condition denotes the frame of the event's ``given`` event."""
    if event.given is None or (event.match is not None and event.match.condition):
        return False
    given = _given_event(scenario, event)
    if given is None or given[0].match is not None or given[1] != condition.negated:
        return False
    aliases = scenario.aliases
    parent, wanted = event_frame(given[0], aliases), question_frame(condition.event, aliases)
    return parent is not None and wanted is not None and same_happening(parent, wanted)


def in_time(claim: Claim, event: Event) -> bool:
    """False when every date the claim names starts after the event's deadline."""
    starts = [mention.start for mention in claim.dates if mention.start is not None]
    return event.deadline is None or not starts or min(starts) <= event.deadline


def link_claim(scenario: Scenario, claim: Claim) -> str | None:
    """The name of the one event ``claim`` informs, or None (see the module's rules)."""
    (evidence,) = link_all(scenario, [claim])
    return evidence.event if evidence is not None else None


def _link(scenario: Scenario, claim: Claim, frame: Frame | None) -> Evidence | None:
    """The claim as evidence on its one event (for or against it), or None."""
    if not claim.forward:
        return None
    best: Evidence | None = None
    best_specificity = 0
    for event in scenario.events:
        rule = event.match
        if event.derived or rule is None or not in_time(claim, event):
            continue
        for groups, against in ((rule.all_of, False), (rule.against, True)):
            if (
                len(groups) > best_specificity
                and phrase_matches(claim.event, groups, rule.none_of)
                and _condition_agrees(scenario, event, condition_of(claim))
            ):
                reason = "match: against" if against else "match: all_of"
                best = Evidence(event.name, claim, against, reason)
                best_specificity = len(groups)
    return best if best is not None else _frame_link(scenario, claim, frame)


def _frame_link(scenario: Scenario, claim: Claim, frame: Frame | None) -> Evidence | None:
    best: Evidence | None = None
    best_fields = 0
    for event in scenario.events:
        if event.derived or event.match is not None or not in_time(claim, event):
            continue
        wanted = event_frame(event, scenario.aliases)
        found = frame_reason(frame, wanted) if wanted is not None else None
        if (
            found is not None
            and found[0] > best_fields
            and _condition_agrees(scenario, event, condition_of(claim))
        ):
            best_fields = found[0]
            best = Evidence(event.name, claim, found[2], found[1])
    return best


def _frames_needed(scenario: Scenario) -> bool:
    return any(event.match is None and not event.derived for event in scenario.events)


def link_all(scenario: Scenario, claims: Iterable[Claim]) -> tuple[Evidence | None, ...]:
    """Each claim's link (None when it informs no event), in claim order.

    Frames are read only when some event is linked by frame; claims are read together so
    that pronouns refer back to names in earlier claims of the same article.
    """
    claims = tuple(claims)
    needed = _frames_needed(scenario)
    frames = claim_frames(claims, scenario.aliases) if needed else (None,) * len(claims)
    return tuple(_link(scenario, c, f) for c, f in zip(claims, frames, strict=True))


def link_claims(scenario: Scenario, claims: Iterable[Claim]) -> tuple[Evidence, ...]:
    """Every claim that informs an event, paired with that event, in claim order."""
    return tuple(evidence for evidence in link_all(scenario, claims) if evidence is not None)


def unlinked_claims(scenario: Scenario, claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """The claims that inform no event (past claims included), for reporting."""
    claims = tuple(claims)
    links = link_all(scenario, claims)
    return tuple(claim for claim, link in zip(claims, links, strict=True) if link is None)
