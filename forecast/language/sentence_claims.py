"""The claims of one sentence: its cues, the events they govern, and what the parse adds.

Per sentence: attribution, condition, cues, then the event each (group of) cue(s)
governs; the cues' log-odds combine as :mod:`.combine` says. Unhedged statements about a
dated future arrangement ("the summit taking place on June 12") are claims with the cue
"stated as fact"; unhedged past statements are background, kept as ``Tense.PAST`` claims
rather than dropped or mixed in with the forward ones.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import NamedTuple

from forecast.language.claim import Claim, Condition, CueMatch, Source, Span, Tense
from forecast.language.combine import (
    MIN_CUE_SD,
    combine_cues,
    merge_same_event,
    undecided_not_yet,
)
from forecast.language.conditions import ConditionHit, find_condition, is_generic
from forecast.language.coref import resolve_subject
from forecast.language.cues import CueHit, CuePattern, build_cue_patterns, find_cues, governed
from forecast.language.dates import find_dates
from forecast.language.events import (
    EventReading,
    Group,
    borrow_subjects,
    drop_embedded,
    group_hits,
    is_bare_undecided,
    read_event,
)
from forecast.language.lexicon import Lexicon
from forecast.language.phrases import (
    clause_end,
    fact_predicate,
    join_event,
    noun_phrase_before,
    past_verb,
    subject_before,
)
from forecast.language.predicates import PredicateReading
from forecast.language.reconcile import OVERRIDING, reading_at, revise, uncovered
from forecast.language.sentences import Sentence
from forecast.language.trim import trim_event
from forecast.reading.article import Article

__all__ = ["FACT_CUE", "Cues", "SentenceReading", "cues_of"]

FACT_CUE = "stated as fact"
FIXED_CUES = frozenset({"is scheduled to", FACT_CUE})  # settled arrangements
DATED_FACT_CUES = frozenset({"will", "is to", "is set to", "confirmed"})  # settled with a date
# How far back "the two leaders" and "the group" look for who they are (a few paragraphs).
COREF_WINDOW = 5000
# "until" (with a word or two) right before a date: "not ... until sometime next week".
UNTIL = re.compile(r"\b(?:until|till)\b(?:\s+[\w-]+){0,2}\s*$", re.I)
UNTIL_REACH = 40
"""Characters before a date searched for its "until"."""
# Unhedged words that state a dated arrangement: "the summit taking place on June 12".
FACT_TRIGGER = re.compile(
    r"\b(?P<pred>(?:is\s+|are\s+)?(?:taking|takes|to\s+take)\s+place|take\s+place|"
    r"(?:to\s+be|is\s+being|are\s+being|is|are)\s+held|(?:begins|starts|opens|kicks\s+off))\b",
    re.I,
)
# Words that put an unhedged past-tense sentence in the future ("met ... and will meet
# again next week"): without one, or a date after publication, it is background.
FUTURE_MARKER = re.compile(
    r"\b(?:will|shall|going\s+to|next|tomorrow|upcoming|coming|later\s+this)\b|['\u2019]ll\b",
    re.I,
)


class Cues(NamedTuple):
    """The lexicon's compiled cue patterns and cue names, built once per article."""

    patterns: tuple[CuePattern, ...]
    names: frozenset[str]


@functools.lru_cache(maxsize=8)
def cues_of(lexicon: Lexicon) -> Cues:
    """The lexicon's compiled cue patterns and names (cached: built once per lexicon)."""
    return Cues(build_cue_patterns(lexicon), frozenset(entry.cue for entry in lexicon))


@dataclasses.dataclass(frozen=True)
class SentenceReading:
    """One sentence being read, with what the article context gives it."""

    article: Article
    article_id: str
    sentence: Sentence
    source: Source
    lexicon: Lexicon
    cues: Cues
    masked: tuple[Span, ...]
    earlier: list[Claim]
    parsed: tuple[PredicateReading, ...] = ()

    @functools.cached_property
    def condition(self) -> ConditionHit | None:
        return find_condition(self.sentence.text, self.masked)

    @functools.cached_property
    def hidden(self) -> tuple[Span, ...]:
        clause = (self.condition.clause,) if self.condition else ()
        return (*self.masked, *clause)

    def left_of(self, start: int) -> int:
        """Where a subject may begin: after any attribution or condition before ``start``."""
        return max([0, *(end for _, end in self.hidden if end <= start)])

    @functools.cached_property
    def limits(self) -> tuple[int, ...]:
        return tuple(start for start, _ in self.hidden)

    def claims(self) -> list[Claim]:
        text = self.sentence.text
        hits = [
            hit
            for hit in find_cues(text, self.cues.patterns, self.hidden)
            if hit.cue in self.cues.names
        ]
        hits = undecided_not_yet(drop_embedded(text, hits), self.cues.names)
        groups = group_hits(text, tuple(hits), self.left_of(hits[0].span[0]) if hits else 0)
        readings = [
            read_event(text, g, self.left_of(g.hits[0].span[0]), self.limits) for g in groups
        ]
        readings = borrow_subjects(text, groups, readings)
        claims = []
        for group, reading in zip(groups, readings, strict=True):
            if reading is None:
                reading = self._inherited(group)
            if reading is not None:
                claims.append(self._claim(group.cues, reading, _past(group)))
        claims.extend(self._fact_claims(hits))
        claims = [revise(claim, self.parsed) for claim in claims]
        claims.extend(self._parsed_claim(found) for found in uncovered(claims, self.parsed))
        if FACT_CUE in self.cues.names:
            claims.extend(self._scheduled(claims))
        # Background only where the sentence holds no claim: "called on X to continue" is
        # the appeal's act, not also a past "called".
        if not claims and FACT_CUE in self.cues.names:
            claims.extend(revise(claim, self.parsed) for claim in self._background())
        claims = [self._not_until(self._unless_generic(claim)) for claim in claims]
        return sorted(merge_same_event(claims), key=lambda claim: claim.predicate_span)

    def _not_until(self, claim: Claim) -> Claim:
        """ "is not due to return until next week": the negation is of the earlier time, not
        of the event, which is due at that date (a counter-hedge)."""
        if not claim.negated or claim.construction in OVERRIDING:
            return claim
        text, offset = self.article.text, self.sentence.span[0]
        after = claim.predicate_span[1]
        if not any(
            date.span[0] > after
            and UNTIL.search(text, max(after, offset, date.span[0] - UNTIL_REACH), date.span[0])
            for date in claim.dates
        ):
            return claim
        return dataclasses.replace(
            claim, negated=False, logit_mean=-claim.logit_mean, construction="counter_hedge"
        )

    def _unless_generic(self, claim: Claim) -> Claim:
        """A consequence for anyone at all ("if an infant is not getting enough iodine, ...
        you will develop a goiter") is a tendency, not a forecast: background, unless a date
        ahead anchors it."""
        generic = is_generic(claim.event) or (
            self.condition is not None and is_generic(self.condition.event, condition=True)
        )
        if not generic or not claim.forward or any(self._future(d) for d in claim.dates):
            return claim
        return dataclasses.replace(claim, tense=Tense.PAST)

    def _parsed_claim(self, found: PredicateReading) -> Claim:
        """A forward event only the parse reads ("the talks were called off")."""
        offset = self.sentence.span[0]
        span = (found.span[0] - offset, found.span[1] - offset)
        reading = EventReading(found.event, found.lemma, span, (span[0], len(self.sentence.text)))
        claim = self._claim([CueHit(FACT_CUE, "certainty", span)], reading, past=False)
        cues = zip(found.cues, found.cue_spans, strict=True)
        return dataclasses.replace(
            claim,
            cues=tuple(CueMatch(cue, cue_span) for cue, cue_span in cues),
            negated=found.negated,
            logit_mean=found.logit_mean,
            cue_sd=max(MIN_CUE_SD, found.logit_sd),
            tense=Tense.FORWARD,
            construction=found.construction,
            sources=found.sources,
        )

    def _inherited(self, group: Group) -> EventReading | None:
        """A bare undecided cue opening a sentence speaks of the previous claim's event."""
        last = next((claim for claim in reversed(self.earlier) if claim.forward), None)
        if last is None or not is_bare_undecided(self.sentence.text, group.head, 0):
            return None
        start, end = group.head.span
        offset = self.sentence.span[0]
        predicate_span = (last.predicate_span[0] - offset, last.predicate_span[1] - offset)
        return EventReading(last.event, last.predicate, predicate_span, (start, end))

    def _fact_claims(self, hits: list[CueHit]) -> list[Claim]:
        """Unhedged dated arrangements: "the US-North Korea summit taking place on June 12"."""
        if FACT_CUE not in self.cues.names:
            return []
        text, claims = self.sentence.text, []
        for found in FACT_TRIGGER.finditer(text):
            span = found.span("pred")
            if any(start <= span[0] < end for start, end in self.hidden) or governed(
                text, span, hits
            ):
                continue
            end = clause_end(text, span[1], self.limits)
            dates = self._dates((span[1], end))
            if not any(self._future(date) for date in dates):
                continue
            subject = noun_phrase_before(text, span[0], self.left_of(span[0]))
            predicate = fact_predicate(found.group("pred"))
            event = join_event(subject.text if subject else "", predicate, text[span[1] : end])
            reading = EventReading(
                event, predicate, span, (subject.span[0] if subject else span[0], end)
            )
            hit = CueHit(FACT_CUE, "certainty", span)
            claims.append(self._claim([hit], reading, past=False))
        return claims

    def _background(self) -> list[Claim]:
        """One past-tense statement with no cue: background, marked ``Tense.PAST``."""
        text = self.sentence.text
        left = self.left_of(len(text))
        found = past_verb(text, left, len(text))
        if found is None:
            return []
        predicate, span, phrase_start = found
        subject = subject_before(text, phrase_start, left)
        end = clause_end(text, span[1], self.limits)
        event = join_event(subject.text if subject else "", text[phrase_start:end])
        region = (subject.span[0] if subject else phrase_start, end)
        reading = EventReading(event, predicate, span, region)
        hit = CueHit(FACT_CUE, "certainty", span)
        return [self._claim([hit], reading, past=not self._ahead(region, span))]

    def _ahead(self, region: Span, predicate: Span) -> bool:
        """A past-tense clause that still points forward: a future marker, or a date after
        publication (bare weekdays read backwards: "was mild on Tuesday") that is the
        predicate's own, not a later verb's ("filed papers last month to run in 2016")."""
        if FUTURE_MARKER.search(self.sentence.text, *region):
            return True
        return self._dated_after(predicate, self._dates(region, past=True))

    def _dated_after(self, predicate: Span, dates, ending: bool = False) -> bool:
        """One of ``dates`` starts (``ending``: ends) after publication and is the predicate's
        own: the predicate's verb ("moved" after the "was" its phrase starts at), then any
        later verb before a date takes the date."""
        published = self.article.published
        offset = self.sentence.span[0]
        verbs = [r.span[0] - offset for r in self.parsed if r.span == r.carrier_span]
        own = min((verb for verb in verbs if verb >= predicate[0]), default=predicate[0])
        return published is not None and any(
            (date.end if ending else date.start) is not None
            and (date.end if ending else date.start) > published
            and not any(own < verb < date.span[0] - offset for verb in verbs)
            for date in dates
        )

    def _scheduled(self, claims: list[Claim]) -> list[Claim]:
        """Plain present tense with a date ahead of its own: a scheduled happening ("the vote
        closes on March 1", "the flight which launches June 28", "the election is on
        October 28"), stated as fact."""
        offset = self.sentence.span[0]
        taken = [claim.predicate_span for claim in claims]
        found = []
        for reading in self.parsed:
            # A verb of its own: a noun takes its tense from the verb that carries it.
            own = reading.span == reading.carrier_span
            plain = own and (reading.construction, reading.tense, reading.aspect) == (
                "plain",
                "present",
                "simple",
            )
            spans = (reading.span, reading.carrier_span)
            if not plain or reading.frame or any(_overlaps(a, b) for a in spans for b in taken):
                continue
            span = (reading.span[0] - offset, reading.span[1] - offset)
            region = (span[0], len(self.sentence.text))
            after = self._dates((span[1], len(self.sentence.text)))  # never the predicate itself
            if not self._dated_after(span, after, ending=True):
                continue
            event = EventReading(reading.event, reading.lemma, span, region)
            found.append(self._claim([CueHit(FACT_CUE, "certainty", span)], event, past=False))
            taken.append(reading.span)
        return found

    def _claim(self, hits: list[CueHit], reading: EventReading, past: bool) -> Claim:
        offset = self.sentence.span[0]
        matches, logit_mean, cue_sd, negated = combine_cues(hits, self.lexicon, offset)
        names = {hit.cue for hit in hits}
        # Unhedged background has had its dates read already (``_ahead``).
        background = past and names == {FACT_CUE}
        own = reading_at(_shift(reading.predicate_span, offset), self.parsed)
        dates = self._dates(reading.region, background or self._past_time(reading), own)
        future = any(self._future(date) for date in dates)
        if background or (past and not future):
            tense = Tense.PAST
        elif (
            not negated
            and self.condition is None
            and (names & FIXED_CUES or (names & DATED_FACT_CUES and future))
        ):
            tense = Tense.FACT
        else:
            tense = Tense.FORWARD
        return Claim(
            article_id=self.article_id,
            sentence=self.sentence.text,
            sentence_span=self.sentence.span,
            event=self._event(reading, dates),
            predicate=reading.predicate,
            predicate_span=_shift(reading.predicate_span, offset),
            cues=matches,
            negated=negated,
            source=self.source,
            tense=tense,
            logit_mean=logit_mean,
            cue_sd=cue_sd,
            condition=self._condition(),
            dates=dates,
            published=self.article.published,
        )

    def _past_time(self, reading: EventReading) -> bool:
        """The parse reads the event's clause in the past ("met", "may have met", "could not
        attend"): its bare weekdays are the last ones, not the next."""
        offset = self.sentence.span[0]
        span = _shift(reading.predicate_span, offset)
        own = reading_at(span, self.parsed)
        return own is not None and own.past_time

    def _event(self, reading: EventReading, dates) -> str:
        """The event phrase trimmed to its core, its "the two leaders" subject resolved."""
        if not reading.event:
            return self.sentence.text
        end = self.sentence.span[0] + reading.region[0]
        before = self.article.text[max(0, end - COREF_WINDOW) : end]
        return resolve_subject(trim_event(reading.event, reading.predicate, dates), before)

    def _condition(self) -> Condition | None:
        if self.condition is None:
            return None
        span = _shift(self.condition.span, self.sentence.span[0])
        return Condition(self.condition.event, span, self.condition.negated)

    def _dates(self, region: Span, past: bool = False, own: PredicateReading | None = None):
        """Dates that begin inside ``region`` or hold a when-word of ``own`` (wherever it sits),
        read on the whole sentence so that a region cut at a comma keeps "March 9, 2007"."""
        start, end = region
        offset, words = self.sentence.span[0], own.time_words if own is not None else ()
        found = self._sentence_dates_past if past else self._sentence_dates
        return tuple(
            date
            for date in found
            if start <= date.span[0] - offset < end or any(_overlaps(date.span, w) for w in words)
        )

    @functools.cached_property
    def _sentence_dates(self):
        return find_dates(self.sentence.text, self.article.published, self.sentence.span[0])

    @functools.cached_property
    def _sentence_dates_past(self):
        return find_dates(
            self.sentence.text, self.article.published, self.sentence.span[0], past=True
        )

    def _future(self, date) -> bool:
        """A date on or after publication (any resolved date when the article has none)."""
        if self.article.published is None:
            return True
        return date.end is not None and date.end >= self.article.published


def _past(group: Group) -> bool:
    return any(hit.past for hit in group.hits)


def _overlaps(first: Span, second: Span) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def _shift(span: Span, offset: int) -> Span:
    return (span[0] + offset, span[1] + offset)
