"""How the cues that govern one event combine into the claim's log-odds and spread.

- negation flips the log-odds (``P(X) = 1 - P(cue)``), except on undecided cues, which
  are negative in themselves ("no decision has been made"), and on possibility cues,
  where denying the possibility ("there is no chance of") means the event is all but
  ruled out (the lexicon's "almost no chance");
- "not yet" on a planning or desire cue means undecided, not "will not";
- stacked hedges ("may be expected to", "the possibility of ... no schedule has been
  set yet") combine by the weaker-wins rule: the claim is no more confident than its
  least confident cue (the minimum log-odds), and at least as vague as its vaguest one
  (the maximum spread). Cues read as separate groups that land on one predicate ("seems
  increasingly likely that X") are merged by the same rule (``merge_same_event``).
"""

from __future__ import annotations

import dataclasses

from forecast.language.claim import Claim, CueMatch
from forecast.language.cues import CueHit
from forecast.language.lexicon import Lexicon

__all__ = [
    "IMPOSSIBLE_CUE",
    "MIN_CUE_SD",
    "UNDECIDED_CUE",
    "combine_cues",
    "merge_same_event",
    "undecided_not_yet",
    "weaker_wins",
]

UNDECIDED_CUE = "no decision has been made"
IMPOSSIBLE_CUE = "almost no chance"
# Claim requires a positive spread; a lexicon entry fitted to zero spread is floored here.
MIN_CUE_SD = 0.05


def undecided_not_yet(hits: list[CueHit], names: frozenset[str]) -> list[CueHit]:
    """ "not yet" on a planning or desire cue, and "not necessarily" on any cue, read as
    undecided, not as "will not"."""
    if UNDECIDED_CUE not in names:
        return hits
    return [
        dataclasses.replace(hit, cue=UNDECIDED_CUE, category="undecided", negated=False)
        if hit.negated and (hit.unsure or (hit.not_yet and hit.category in ("planning", "desire")))
        else hit
        for hit in hits
    ]


def combine_cues(
    hits: list[CueHit], lexicon: Lexicon, offset: int
) -> tuple[tuple[CueMatch, ...], float, float, bool]:
    """Cue matches and the weaker-wins combination of their log-odds and spreads."""
    logits, spreads = [], []
    for hit in hits:
        entry = lexicon[hit.cue]
        logit = entry.logit_mean
        if hit.negated and hit.category == "possibility":
            logit = _impossible(lexicon, logit)
        elif hit.negated and hit.category != "undecided":
            logit = -logit
        logits.append(logit)
        spreads.append(entry.logit_sd)
    matches = tuple(
        CueMatch(hit.cue, (hit.span[0] + offset, hit.span[1] + offset), hit.negated) for hit in hits
    )
    negated = any(hit.negated and hit.category != "undecided" for hit in hits)
    return matches, *weaker_wins(logits, spreads), negated


def weaker_wins(logits: list[float], spreads: list[float]) -> tuple[float, float]:
    """The log-odds and spread of cues read together: no more confident than the least
    confident (the minimum log-odds), at least as vague as the vaguest (the maximum
    spread, never below ``MIN_CUE_SD``)."""
    return min(logits), max(MIN_CUE_SD, *spreads)


def _impossible(lexicon: Lexicon, logit: float) -> float:
    try:
        return lexicon[IMPOSSIBLE_CUE].logit_mean
    except KeyError:
        return -abs(logit)


def merge_same_event(claims: list[Claim]) -> list[Claim]:
    """One claim per predicate and tense: claims that read the same event are merged.

    The tightest event phrase is kept (the other reading runs on from a farther cue); the
    cues are pooled and combine by the weaker-wins rule, so one event is counted once,
    no more confident than its least confident cue.
    """
    groups: dict[tuple, list[Claim]] = {}
    for claim in claims:
        groups.setdefault((claim.predicate_span, claim.tense), []).append(claim)
    return [_merged(group) for group in groups.values()]


def _merged(group: list[Claim]) -> Claim:
    if len(group) == 1:
        return group[0]
    base = min(group, key=lambda claim: len(claim.event))
    cues = {match.span: match for claim in group for match in claim.cues}
    return dataclasses.replace(
        base,
        cues=tuple(sorted(cues.values(), key=lambda match: match.span)),
        negated=any(claim.negated for claim in group),
        logit_mean=min(claim.logit_mean for claim in group),
        cue_sd=max(claim.cue_sd for claim in group),
    )
