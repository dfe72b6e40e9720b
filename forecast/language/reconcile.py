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
  background (``Tense.PAST``), as does a claim with no event mention at or after its
  predicate (the cue-driven reading took a non-word such as "There" for the event);
- a past plan under way when reported ("was planning to"), a future told in the past
  ("was to be launched"), the act an appeal calls for, and a plan the parse reads in the
  present though a cue word nearby is past ("announced that it is planning to") are live
  forward claims;
- a claim whose event the parse reads as negated by an argument the cue words do not
  reach ("would play no part", "nobody is expected to attend") takes the parse's polarity;
- every claim carries the reading's construction family and attribution chain, and an
  event phrase that took in a reporting clause ("Officials say the program extend") is the
  reading's ("the program extend over 18 months");
- forward readings no claim covers are returned, for the extractor to make claims of.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from forecast.language.claim import Claim, CueMatch, Span, Tense
from forecast.language.combine import MIN_CUE_SD
from forecast.language.predicate_rules import BE_TO_CUE, COMMITMENT_CUE
from forecast.language.predicates import PredicateReading

__all__ = ["OVERRIDING", "claim_annotated", "reading_at", "revise", "uncovered"]

OVERRIDING = frozenset(
    ["cancellation", "lapsed_plan", "open_question", "refusal", "counter_hedge", "question"]
)
"""Families whose reading replaces the cue-driven one: the cue words alone read them wrong."""
NEW_CLAIM_FAMILIES = frozenset([*OVERRIDING, "reported_future", "hedged", "appeal"])
"""Families of forward readings that become claims when no claim covers them."""
TRIGGERED = frozenset(["cancellation", "counter_hedge"])
"""Families whose trigger is a predicate of its own ("called off", "ruled out")."""
FUTURE_IN_PAST = frozenset(["would", BE_TO_CUE])
"""Cues of a future told in the past: "said it would", "was to be launched"."""


def revise(claim: Claim, readings: Sequence[PredicateReading]) -> Claim:
    """``claim`` as the parse reads it (rules in the module docstring).

    ``readings`` are the sentence's readings, spans in the same text as the claim's.
    """
    return _unframed(_revised(claim, readings), readings)


def _unframed(claim: Claim, readings: Sequence[PredicateReading]) -> Claim:
    """The claim's event without the reporting or holding clause its cue words took in
    ("Officials say the return program extend over 18 months" is "the return program
    extend over 18 months"): a verb that frames a clause (:attr:`PredicateReading.frame`)
    before the event's own word, whose word is in the event phrase."""
    own = reading_at(claim.predicate_span, readings)
    if own is None or own.frame or not own.event:
        return claim
    words = set(claim.event.lower().split())
    framed = any(
        reading.frame and reading.span[0] < own.span[0] and _word(claim, reading) in words
        for reading in readings
    )
    return dataclasses.replace(claim, event=own.event) if framed else claim


def _revised(claim: Claim, readings: Sequence[PredicateReading]) -> Claim:
    """``claim`` revised by the rules of the module docstring, its event phrase as read."""
    own = _reading_of(claim, readings)
    names = {cue.cue for cue in claim.cues}
    # The claim's predicate is the word that calls the event off: "did not rule out a visit",
    # "it will not be long before X returns" (whose reading is X's).
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
    if own is not None and own.construction in OVERRIDING:
        # the reading's word is the event's head: "couldn't risk going" refuses the going
        return claim_annotated(claim if set(own.cues) <= names else _override(claim, own), own)
    if own is None:  # no event mention at or after the predicate: "There", "the winner"
        return dataclasses.replace(claim, tense=Tense.PAST) if claim.forward else claim
    # Background the parse reads as ahead: "said it would", "agreed to", "vowed to".
    # Future in the past: "said it would", or a past plan with a date still ahead; a past
    # plan with no date ahead ("was expected to attend the April summit") stays background.
    # A plan under way when reported ("was planning to") is live as well.
    under_way = own.construction == "reported_future" and own.aspect == "progressive"
    # An appeal's or a commitment's act is ahead of it, whenever it was made: "called for a
    # ceasefire", "agreed to withdraw".
    under_way = under_way or own.construction == "appeal" or COMMITMENT_CUE in own.cues
    # The parse's own tense, or none above a plan's clause, outranks a past cue word elsewhere
    # in the sentence ("announced on Monday that it is planning to", "has announced plans to").
    now = own.tense in ("present", "future", "")
    ahead = bool(FUTURE_IN_PAST & set(own.cues)) or _dated_ahead(claim) or under_way or now
    live = own.forward and own.construction in NEW_CLAIM_FAMILIES and ahead
    if claim.tense is Tense.PAST and live and not _dated_before(claim, own.clause_span):
        return _override(claim, own)
    # The parse reads no event ahead at the claim and no date says otherwise (a date of a
    # past event beside it does not: "we have heard today that it cannot"): a generic
    # "can", a deontic "must", a hedge about the present, "could have", "May" the name, a
    # pseudo-cleft "what we do is to".
    if claim.forward and not own.forward and not _dated_ahead(claim, readings, own):
        return dataclasses.replace(claim_annotated(claim, own), tense=Tense.PAST)
    # A negation the cue words cannot see, on the same cues: "would play no part", "no
    # one is expected to attend".
    if own.negated and not claim.negated and own.cues and set(own.cues) <= names:
        return _override(claim, own)
    # A dated "will" stated as a settled arrangement under a hedge the cue words cannot see:
    # "officials hope the bridge will reopen by Friday" is a hope, not an arrangement.
    if claim.tense is Tense.FACT and own.forward and names < set(own.cues):
        return _override(claim, own)
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
    claim, nor an earlier such reading, covers. Outside the families whose reading
    overrides the cue words', a reading whose cue words are all a forward claim's is that
    claim: one cue word tells of one event ("would more than double", read from "more" by the cue
    words and from "double" by the parse, is one claim), and so is a reading cued by another
    event's word and that event's cues: the complement a verb carries out with it ("called
    on her to continue working": the working is what is continued)."""
    taken = [claim.predicate_span for claim in claims]
    cued = {cue.span for claim in claims if claim.forward for cue in claim.cues}
    # a forward claim's or reading's own word -> its cue words
    heads = {c.predicate_span: {cue.span for cue in c.cues} for c in claims if c.forward}
    found = []
    for reading in readings:
        if not reading.forward or reading.frame or reading.construction not in NEW_CLAIM_FAMILIES:
            continue
        if (
            reading.cue_spans
            and reading.construction not in OVERRIDING
            and set(reading.cue_spans) <= cued
        ):
            continue
        if any(
            _overlap(reading.span, span) or _overlap(reading.carrier_span, span) for span in taken
        ):
            continue
        if _carried(reading, heads):
            continue
        found.append(reading)
        heads[reading.span] = set(reading.cue_spans)
        # A noun read through its verb is one event with it: "carry out an attack".
        taken.extend([reading.span, reading.carrier_span])
    return found


def _carried(reading: PredicateReading, heads: dict[Span, set[Span]]) -> bool:
    """A cue of the reading is another event's word, and the rest are that event's cues: the
    complement of a verb it is carried out with ("to continue working")."""
    cues = set(reading.cue_spans)
    return any(cues <= {head, *heads[head]} for head in cues & heads.keys())


def _override(claim: Claim, reading: PredicateReading, event: bool = False) -> Claim:
    """The claim with the reading's family cue, log-odds and tense (and event, when the
    claim's predicate was the reading's trigger: "did not rule out a visit"; the event then
    keeps only the dates of its own clause: "after surgery last Monday, it will not be long
    before she returns" dates the surgery, not the return)."""
    cues = tuple(
        CueMatch(cue, span) for cue, span in zip(reading.cues, reading.cue_spans, strict=True)
    )
    changes = {}
    if event:
        start, end = reading.clause_span
        changes = {
            "event": reading.event,
            "predicate": reading.lemma,
            "predicate_span": reading.span,
            "dates": tuple(d for d in claim.dates if start <= d.span[0] < end),
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
    """The reading of the claim's event: the one at its predicate (or, when that one is not
    ahead, a forward noun it carries), else the nearest event mention at or after the
    predicate whose word is in the event phrase."""
    start = claim.predicate_span[0]
    at = reading_at(claim.predicate_span, readings)
    # A noun the predicate carries may hold the event: "called for a ceasefire".
    carried = next(
        (
            r
            for r in readings
            if r.forward
            and r.span != r.carrier_span
            and _overlap(r.carrier_span, claim.predicate_span)
        ),
        None,
    )
    if at is not None and not at.frame:
        return at if at.forward or carried is None else carried
    words = set(claim.event.lower().split())
    named = [r for r in readings if not r.frame and r.span[0] >= start and _word(claim, r) in words]
    return min(named, key=lambda r: r.span[0], default=at)


def reading_at(span: Span, readings: Sequence[PredicateReading]) -> PredicateReading | None:
    """The first reading whose word overlaps ``span``."""
    return next((reading for reading in readings if _overlap(reading.span, span)), None)


def _word(claim: Claim, reading: PredicateReading) -> str:
    """The reading's surface word, from the claim's sentence."""
    offset = claim.sentence_span[0]
    return claim.sentence[reading.span[0] - offset : reading.span[1] - offset].lower()


def _overlap(first: Span, second: Span) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def _dated_before(claim: Claim, clause: Span) -> bool:
    """A date of the event (at or after its predicate, in the event's clause; one before it
    dates the report: "announced last week that it would withdraw", one in a later clause
    another event: "figures to be published show that crossings last year rose") that ended
    before publication."""
    return claim.published is not None and any(
        date.end is not None
        and date.end < claim.published
        and date.span[0] >= claim.predicate_span[0]
        and clause[0] <= date.span[0] < clause[1]
        for date in claim.dates
    )


def _dated_ahead(
    claim: Claim, readings: Sequence[PredicateReading] = (), own: PredicateReading | None = None
) -> bool:
    """A date in the claim on or after publication; with ``readings``, not one that dates
    another, past event, the one whose clause is the narrowest around it ("every speaker we
    have heard today said it cannot" does not date the "cannot")."""
    return claim.published is not None and any(
        date.end is not None
        and date.end >= claim.published
        and not _dates_a_past_event(date, readings, own)
        for date in claim.dates
    )


def _dates_a_past_event(date, readings: Sequence[PredicateReading], own) -> bool:
    around = [r for r in readings if r.clause_span[0] <= date.span[0] < r.clause_span[1]]
    narrowest = min(around, key=lambda r: r.clause_span[1] - r.clause_span[0], default=None)
    other = narrowest is not None and (own is None or narrowest.clause_span != own.clause_span)
    return other and narrowest.past_time
