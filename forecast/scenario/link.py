"""Linking claims to the events they inform, by the events' match rules.

The rules, in order:

1. A claim about the past (``Tense.PAST``) informs no event: it is background.
2. Only latent events with a ``match`` rule take claims; derived events never do.
3. The claim's event phrase must match the rule's ``all_of`` (every group has a phrase
   in it) and none of ``none_of`` (case-insensitive, whole words, simple inflections).
4. The condition must agree. A claim without a condition informs only events without
   ``given`` (marginal events). A claim with a condition informs only conditional
   events whose condition rule matches the claim's condition phrase with the same
   polarity: ``match.condition`` and ``match.condition_negated`` when given, else, when
   ``given`` is one event ``x`` or ``not x``, the match rule of ``x`` with that polarity.
5. A claim whose event phrase matches an event's ``against`` groups (and none of
   ``none_of``) is evidence that the event does not happen: its log-odds are negated.
6. A claim links to at most one event: the matching rule (``all_of`` or ``against``) with
   the most groups wins; among equally specific rules the event first in the file wins,
   and within one event ``all_of`` before ``against``.
"""

from __future__ import annotations

from collections.abc import Iterable

from forecast.graph import Name, Not, parse_expr
from forecast.language.claim import Claim, Condition
from forecast.scenario.events import Event, Evidence, MatchRule, Scenario
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
    expr = parse_expr(event.given)
    negated = isinstance(expr, Not)
    if negated:
        expr = expr.operand
    if not isinstance(expr, Name):
        return None
    parent = scenario[expr.name].match
    return (parent, negated) if parent is not None else None


def _condition_agrees(scenario: Scenario, event: Event, condition: Condition | None) -> bool:
    if condition is None:
        return event.given is None
    rule = condition_rule(scenario, event)
    if rule is None:
        return False
    match, negated = rule
    return negated == condition.negated and phrase_matches(
        condition.event, match.all_of, match.none_of
    )


def link_claim(scenario: Scenario, claim: Claim) -> str | None:
    """The name of the one event ``claim`` informs, or None (see the module's rules)."""
    evidence = _link(scenario, claim)
    return evidence.event if evidence is not None else None


def _link(scenario: Scenario, claim: Claim) -> Evidence | None:
    """The claim as evidence on its one event (for or against it), or None."""
    if not claim.forward:
        return None
    best: Evidence | None = None
    best_specificity = 0
    for event in scenario.events:
        rule = event.match
        if event.derived or rule is None:
            continue
        for groups, against in ((rule.all_of, False), (rule.against, True)):
            if (
                len(groups) > best_specificity
                and phrase_matches(claim.event, groups, rule.none_of)
                and _condition_agrees(scenario, event, claim.condition)
            ):
                best, best_specificity = Evidence(event.name, claim, against), len(groups)
    return best


def link_claims(scenario: Scenario, claims: Iterable[Claim]) -> tuple[Evidence, ...]:
    """Every claim that informs an event, paired with that event, in claim order."""
    linked = (_link(scenario, claim) for claim in claims)
    return tuple(evidence for evidence in linked if evidence is not None)


def unlinked_claims(scenario: Scenario, claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """The claims that inform no event (past claims included), for reporting."""
    return tuple(claim for claim in claims if _link(scenario, claim) is None)
