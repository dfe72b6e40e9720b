"""Hand-built claims for tests that must not depend on claim extraction."""

from __future__ import annotations

import datetime as dt

from forecast.language.claim import (
    Claim,
    Condition,
    CueMatch,
    DateMention,
    Source,
    SourceKind,
    Tense,
)


def make_claim(
    event: str,
    *,
    predicate: str = "",
    tense: Tense = Tense.FORWARD,
    condition: str | None = None,
    condition_negated: bool = False,
    negated: bool = False,
    deadline: dt.date | None = None,
    sentence: str | None = None,
) -> Claim:
    """A forward claim "may <event>" from anonymous sources, with an optional condition."""
    sentence = sentence or f"Sources said {event} may happen."
    return Claim(
        article_id="0" * 16,
        sentence=sentence,
        sentence_span=(0, len(sentence)),
        event=event,
        predicate=predicate,
        predicate_span=(0, 0),
        cues=(CueMatch("may", (0, 3)),),
        negated=negated,
        source=Source("sources", SourceKind.ANONYMOUS),
        tense=tense,
        logit_mean=0.0,
        cue_sd=1.0,
        condition=None if condition is None else Condition(condition, (0, 1), condition_negated),
        dates=() if deadline is None else (DateMention("by then", (0, 1), None, deadline),),
        published=dt.date(2018, 5, 13),
    )


def sentence_claim(
    sentence: str,
    predicate: str,
    *,
    article_id: str = "a" * 16,
    tense: Tense = Tense.FORWARD,
    logit_mean: float = 0.0,
    source: Source | None = None,
    condition: str | None = None,
    condition_negated: bool = False,
    start: dt.date | None = None,
    deadline: dt.date | None = None,
    published: dt.date | None = dt.date(2018, 5, 13),
) -> Claim:
    """A claim on a real sentence, its predicate the first occurrence of ``predicate``.

    Frames are read from the sentence's parse at the predicate, so the sentence must be
    one the parser reads as written.
    """
    at = sentence.index(predicate)
    found = sentence.find(condition) if condition else -1
    where = (found, found + len(condition)) if found >= 0 else (0, 1)  # the condition's words
    dates = () if deadline is None else (DateMention("then", (0, 1), start or deadline, deadline),)
    return Claim(
        article_id=article_id,
        sentence=sentence,
        sentence_span=(0, len(sentence)),
        event=sentence.rstrip("."),
        predicate=predicate,
        predicate_span=(at, at + len(predicate)),
        cues=(CueMatch("may", (0, 3)),),
        negated=False,
        source=source or Source("sources", SourceKind.ANONYMOUS),
        tense=tense,
        logit_mean=logit_mean,
        cue_sd=1.0,
        condition=None if condition is None else Condition(condition, where, condition_negated),
        dates=dates,
        published=published,
    )
