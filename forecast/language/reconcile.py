"""Claims checked against the parse: the predicate reader's word on each claim's event.

The cue-driven extractor (:mod:`forecast.language.extract`) finds hedged statements and
their event phrases; the predicate reader (:mod:`forecast.language.predicates`) reads every
event mention on the dependency parse. This module joins the two, as pure functions:

- a claim whose event the parse puts in a bad-news family (cancelled, lapsed, open,
  refused, counter-hedged) takes the reading's cue and log-odds: "whether X will" is
  undecided, not "will";
- a background claim the parse reads as ahead ("said it would") becomes forward, with the
  reading's cues;
- a claim the parse says is not ahead (a generic "can", a deontic "must", a hedge about
  the present, a counterfactual "could have") and that names no date ahead becomes
  background (``Tense.PAST``);
- every claim carries the reading's construction family and attribution chain;
- forward readings no claim covers are returned, for the extractor to make claims of.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from forecast.language.claim import Claim, CueMatch, Span, Tense
from forecast.language.predicate_rules import MODAL_NAMES
from forecast.language.predicates import PredicateReading

__all__ = ["OVERRIDING", "claim_annotated", "revise", "uncovered"]

OVERRIDING = frozenset(
    ["cancellation", "lapsed_plan", "open_question", "refusal", "counter_hedge", "question"]
)
"""Families whose reading replaces the cue-driven one: the cue words alone read them wrong."""
NEW_CLAIM_FAMILIES = frozenset([*OVERRIDING, "reported_future", "hedged"])
"""Families of forward readings that become claims when no claim covers them."""
TRIGGERED = frozenset(["cancellation", "counter_hedge"])
"""Families whose trigger is a predicate of its own ("called off", "ruled out")."""
MIN_CUE_SD = 0.05


def revise(claim: Claim, readings: Sequence[PredicateReading]) -> Claim:
    """``claim`` as the parse reads it (rules in the module docstring).

    ``readings`` are the sentence's readings, spans in the same text as the claim's.
    """
    own = _reading_of(claim, readings)
    names = {cue.cue for cue in claim.cues}
    if own is not None and own.construction in OVERRIDING:
        return claim_annotated(claim, own) if set(own.cues) <= names else _override(claim, own)
    # The claim's predicate is the word that calls the event off: "did not rule out a visit".
    heads = [claim.predicate_span, *([own.span] if own is not None else [])]
    triggered = next(
        (
            reading
            for reading in readings
            if reading.construction in TRIGGERED
            and any(_overlap(cue, head) for cue in reading.cue_spans for head in heads)
        ),
        None,
    )
    if triggered is not None:
        return _override(claim, triggered, event=True)
    if own is None:
        return claim
    # Background the parse reads as ahead: "said it would", "agreed to", "vowed to".
    # Future in the past: "said it would", or a past plan with a date still ahead; a past
    # plan with no date ahead ("was expected to attend the April summit") stays background.
    ahead = "would" in own.cues or _dated_ahead(claim)
    live = own.forward and own.construction in NEW_CLAIM_FAMILIES and ahead
    if claim.tense is Tense.PAST and live and not _dated_before(claim):
        return _override(claim, own)
    # Demoted only when the parse can read the claim's cues and still reads no future:
    # a generic "can", a deontic "must", a hedge about the present, "could have".
    # Or when every cue is a modal and the parse finds none there ("May" the name).
    seen = names <= set(own.cues) or (names <= MODAL_NAMES and not names & set(own.cues))
    if claim.tense is Tense.FORWARD and seen and not own.forward and not _dated_ahead(claim):
        return dataclasses.replace(claim_annotated(claim, own), tense=Tense.PAST)
    return claim_annotated(claim, own)


def claim_annotated(claim: Claim, reading: PredicateReading) -> Claim:
    """The claim with the reading's construction family, attribution chain and lexical head
    as its predicate ("reshape", not the "together" or "is" after the cue)."""
    annotated = dataclasses.replace(
        claim, construction=reading.construction, sources=reading.sources
    )
    if _overlap(reading.span, claim.predicate_span):
        return annotated  # the claim's predicate already holds the head ("take place")
    return dataclasses.replace(annotated, predicate=reading.lemma, predicate_span=reading.span)


def uncovered(
    claims: Sequence[Claim], readings: Sequence[PredicateReading]
) -> list[PredicateReading]:
    """Forward readings of the new-claim families whose predicate (or a noun's verb) no
    claim covers."""
    taken = [claim.predicate_span for claim in claims]
    return [
        reading
        for reading in readings
        if reading.forward
        and not reading.frame
        and reading.construction in NEW_CLAIM_FAMILIES
        and not any(
            _overlap(reading.span, span) or _overlap(reading.carrier_span, span) for span in taken
        )
    ]


def _override(claim: Claim, reading: PredicateReading, event: bool = False) -> Claim:
    """The claim with the reading's family cue, log-odds and tense (and event, when the
    claim's predicate was the reading's trigger: "did not rule out a visit")."""
    cues = tuple(
        CueMatch(cue, span) for cue, span in zip(reading.cues, reading.cue_spans, strict=True)
    )
    changes = {}
    if event:
        changes = {
            "event": reading.event,
            "predicate": reading.lemma,
            "predicate_span": reading.span,
        }
    return dataclasses.replace(
        claim,
        cues=cues,
        negated=reading.negated,
        logit_mean=reading.logit_mean,
        cue_sd=max(MIN_CUE_SD, reading.logit_sd),
        tense=Tense.FORWARD if reading.forward else Tense.PAST,
        construction=reading.construction,
        sources=reading.sources,
        **changes,
    )


def _reading_of(claim: Claim, readings: Sequence[PredicateReading]) -> PredicateReading | None:
    """The reading of the claim's event: the one at its predicate, else the nearest event
    mention at or after the predicate whose word is in the event phrase."""
    start = claim.predicate_span[0]
    at = next((r for r in readings if _overlap(r.span, claim.predicate_span)), None)
    if at is not None and not at.frame:
        return at
    words = set(claim.event.lower().split())
    named = [r for r in readings if not r.frame and r.span[0] >= start and _word(claim, r) in words]
    return min(named, key=lambda r: r.span[0], default=at)


def _word(claim: Claim, reading: PredicateReading) -> str:
    """The reading's surface word, from the claim's sentence."""
    offset = claim.sentence_span[0]
    return claim.sentence[reading.span[0] - offset : reading.span[1] - offset].lower()


def _overlap(first: Span, second: Span) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def _dated_before(claim: Claim) -> bool:
    """A date in the claim that ended before publication."""
    return claim.published is not None and any(
        date.end is not None and date.end < claim.published for date in claim.dates
    )


def _dated_ahead(claim: Claim) -> bool:
    """A date in the claim on or after publication."""
    return claim.published is not None and any(
        date.end is not None and date.end >= claim.published for date in claim.dates
    )
