"""From cue hits to event phrases: grouping stacked cues and reading the words they govern.

Cues stack into one claim when only auxiliaries or adverbs stand between them ("may be
expected to", "will reportedly"), or when an attitude ("officials believe", "a chance
that") governs a later cue in the same clause. An undecided cue with nothing of its own
to govern ("..., but said no schedule has been set yet") joins the claim before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from forecast.language.claim import Span
from forecast.language.cues import CueHit
from forecast.language.phrases import (
    LEFT_BREAK,
    Phrase,
    clause_end,
    join_event,
    lemma,
    nominal_event,
    noun_phrase_before,
    predicate_after,
    subject_before,
    tidy,
)

GAP_WORDS = frozenset([
    "be", "been", "being", "have", "also", "still", "now", "not", "yet", "soon", "then", "is",
    "are", "was", "were", "that", "it", "there", "even", "very", "so", "quite", "only"
])  # fmt: skip
ATTITUDE_WORDS = frozenset([
    "believe", "believes", "believed", "doubt", "doubts", "doubted", "confirmed", "announced",
    "hopes"
])  # fmt: skip
NOMINAL_ENDINGS = frozenset(["of", "possibility", "chance", "chances", "prospect", "that"])
PARTICIPLES = frozenset(["scheduled", "expected", "set", "slated", "due", "poised"])
COPULAS = frozenset(["is", "are", "was", "were", "be", "been"])
_EMBEDDED = re.compile(r"\s*(?:(?:on|about|over|for)\s+)?whether\s+(?:or\s+not\s+)?", re.I)
_MODAL = re.compile(r"\b(?:will|would|shall|should|could|may|might|can)\b\s*", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_THAT = re.compile(r"\s+that\b", re.I)
# A time or place phrase between a report and its "that": "announced on Friday that X".
_ADJUNCT_THAT = re.compile(
    r"\s+(?:on|in|at|during|last|earlier|late|via|through)\b[^,;:\"\u201c]{0,40}?\bthat\s+", re.I
)
_WHETHER = re.compile(r"\b(?:whether|if)\b", re.I)


@dataclass(slots=True)
class Group:
    """Cues read as one claim: ``hits`` stack on the head (the last); ``extra`` joined later."""

    hits: list[CueHit]
    extra: list[CueHit] = field(default_factory=list)

    @property
    def head(self) -> CueHit:
        return self.hits[-1]

    @property
    def cues(self) -> list[CueHit]:
        return sorted([*self.hits, *self.extra], key=lambda hit: hit.span)


@dataclass(frozen=True, slots=True)
class EventReading:
    """The event a group speaks about, with its predicate and where it stands."""

    event: str
    predicate: str
    predicate_span: Span
    region: Span


def group_hits(sentence: str, hits: tuple[CueHit, ...], left: int) -> list[Group]:
    """Stack adjacent cues, let attitudes govern later cues, attach bare undecided cues."""
    groups: list[Group] = []
    for hit in hits:
        if groups:
            last = groups[-1].head
            between = sentence[last.span[1] : hit.span[0]]
            if _only_gaps(between) or (
                _is_attitude(sentence, last) and not LEFT_BREAK.search(between)
            ):
                groups[-1].hits.append(hit)
                continue
            if hit.category == "undecided" and _is_bare(sentence, hit, left):
                groups[-1].extra.append(hit)
                continue
        groups.append(Group([hit]))
    return groups


def is_bare_undecided(sentence: str, hit: CueHit, left: int) -> bool:
    """An undecided cue that governs nothing of its own ("no schedule has been set yet")."""
    return hit.category == "undecided" and _is_bare(sentence, hit, left)


def read_event(
    sentence: str, group: Group, left: int, limits: tuple[int, ...]
) -> EventReading | None:
    """The event phrase of ``group`` (None when its words name no event)."""
    head, first = group.head, group.hits[0]
    end = clause_end(sentence, head.span[1], limits)
    matched = sentence[head.span[0] : head.span[1]].lower()
    words = _WORD.findall(matched)
    last_word = words[-1] if words else ""
    if last_word in ATTITUDE_WORDS or _THAT.match(sentence, head.span[1]):
        return _complement(sentence, head, end)
    if last_word in NOMINAL_ENDINGS:
        return _nominal(sentence, head, end)
    subject = _subject(sentence, group, left)
    if last_word == "for":
        return _for_shape(sentence, head, subject, end)
    if head.category == "undecided":
        return _undecided(sentence, head, subject, end)
    if last_word.endswith("ing"):
        return _verb_shape(sentence, head, subject, end, last_word)
    return _plain(sentence, head, first, subject, end)


def _plain(
    sentence: str, head: CueHit, first: CueHit, subject: Phrase | None, end: int
) -> EventReading | None:
    found = predicate_after(sentence, head.span[1], end)
    if found is None:
        # "a visit is likely": the subject is the event.
        if subject is None:
            return None
        text = re.sub(r"\s+(?:is|are|was|were|be|seems?)$", "", subject.text)
        noun = list(_WORD.finditer(sentence, subject.span[0], subject.span[0] + len(text)))[-1]
        return EventReading(text, noun.group(0).lower(), noun.span(), subject.span)
    predicate, span = found
    if head.past and predicate.startswith("have "):
        predicate = lemma(predicate.split()[1])
    start = subject.span[0] if subject else first.span[0]
    event = join_event(subject.text if subject else "", sentence[span[0] : end])
    return EventReading(event, predicate, span, (start, end))


def _nominal(sentence: str, head: CueHit, end: int) -> EventReading | None:
    found = nominal_event(sentence, head.span[1], end)
    if found is None:
        return None
    event, predicate, span = found
    return EventReading(join_event(_MODAL.sub("", event)), predicate, span, (head.span[0], end))


def _for_shape(
    sentence: str, head: CueHit, subject: Phrase | None, end: int
) -> EventReading | None:
    """ "the plan is for X to meet ..." -> "X meet ..."."""
    to = re.search(r"\bto\s+", sentence[head.span[1] : end])
    if to is not None:
        doer = tidy(sentence, head.span[1], head.span[1] + to.start())
        found = predicate_after(sentence, head.span[1] + to.end(), end)
        if doer is not None and found is not None:
            predicate, span = found
            event = join_event(doer.text, sentence[span[0] : end])
            return EventReading(event, predicate, span, (head.span[0], end))
    verb = _WORD.findall(sentence[head.span[0] : head.span[1]])
    verb_word = next((w for w in verb if w.lower() not in COPULAS | {"the", "plan"}), verb[0])
    offset = sentence.lower().find(verb_word.lower(), head.span[0])
    span = (offset, offset + len(verb_word))
    event = join_event(subject.text if subject else "", sentence[span[0] : end])
    start = subject.span[0] if subject else head.span[0]
    return EventReading(event, lemma(verb_word), span, (start, end))


def _undecided(
    sentence: str, head: CueHit, subject: Phrase | None, end: int
) -> EventReading | None:
    """ "has not decided whether to send a team" -> "<subject> send a team"."""
    start = head.span[1]
    embedded = _EMBEDDED.match(sentence, start)
    if embedded:
        start = embedded.end()
    modal = _MODAL.search(sentence, start, end)
    if modal is not None and tidy(sentence, start, modal.start()) is not None:
        found = predicate_after(sentence, modal.end(), end)
        if found is not None:
            event = join_event(sentence[start : modal.start()], sentence[modal.end() : end])
            return EventReading(event, found[0], found[1], (head.span[0], end))
    to = re.match(r"\s*to\s+", sentence[start:end])
    found = predicate_after(sentence, start + (to.end() if to else 0), end)
    if found is None:
        if subject is None or subject.text.lower().startswith("no "):
            return None
        noun = list(_WORD.finditer(sentence, *subject.span))[-1]
        return EventReading(subject.text, lemma(noun.group(0)), noun.span(), subject.span)
    who = subject.text if subject else ""
    event = join_event(who, sentence[found[1][0] : end])
    return EventReading(event, found[0], found[1], (subject.span[0] if subject else start, end))


def _complement(sentence: str, head: CueHit, end: int) -> EventReading | None:
    """ "doubt (that) X visits", "it is unlikely that X visits", "announced on Friday that X
    visits" -> "X visits" (the Friday is the announcement's)."""
    adjunct = _ADJUNCT_THAT.match(sentence, head.span[1], end)
    complement = tidy(sentence, adjunct.end() if adjunct else head.span[1], end)
    if complement is None:
        return None
    words = list(_WORD.finditer(sentence, *complement.span))
    verb = next((w for w in words[1:] if w.group(0).islower()), words[0])
    return EventReading(
        join_event(complement.text), lemma(verb.group(0)), verb.span(), complement.span
    )


def _verb_shape(
    sentence: str, head: CueHit, subject: Phrase | None, end: int, verb: str
) -> EventReading | None:
    """ "is arranging for X" -> "<subject> arrange for X"."""
    offset = sentence.lower().rfind(verb, head.span[0], head.span[1])
    span = (offset, offset + len(verb))
    start = subject.span[0] if subject else head.span[0]
    event = join_event(subject.text if subject else "", lemma(verb), sentence[head.span[1] : end])
    return EventReading(event, lemma(verb), span, (start, end))


def _subject(sentence: str, group: Group, left: int) -> Phrase | None:
    """The doer: words between stacked cues, a reduced relative's noun, or the clause subject."""
    if len(group.hits) > 1:
        start, end = group.hits[-2].span[1], group.head.span[0]
        adjunct = _ADJUNCT_THAT.match(sentence, start, end)  # "announced on Monday that it may"
        inner = tidy(sentence, adjunct.end() if adjunct else start, end)
        if inner is not None and not _only_gaps(inner.text):
            return inner
    first = group.hits[0]
    words = _WORD.findall(sentence[first.span[0] : first.span[1]].lower())
    before = _WORD.findall(sentence[max(left, first.span[0] - 15) : first.span[0]].lower())
    if words and words[0] in PARTICIPLES and (not before or before[-1] not in COPULAS):
        return noun_phrase_before(sentence, first.span[0], left)
    return subject_before(sentence, first.span[0], left)


def _only_gaps(text: str) -> bool:
    return all(word.lower() in GAP_WORDS for word in _WORD.findall(text)) and not LEFT_BREAK.search(
        text
    )


def _is_attitude(sentence: str, hit: CueHit) -> bool:
    """A cue that governs a clause: "believe", "a chance that", "unlikely that"."""
    words = _WORD.findall(sentence[hit.span[0] : hit.span[1]].lower())
    if _THAT.match(sentence, hit.span[1]):
        return True
    return bool(words) and (words[-1] in ATTITUDE_WORDS or words[-1] in NOMINAL_ENDINGS)


def drop_embedded(sentence: str, hits: list[CueHit]) -> list[CueHit]:
    """Drop cues inside an embedded question ("decided on whether Trump will visit")."""
    kept: list[CueHit] = []
    for hit in hits:
        between = sentence[kept[-1].span[1] : hit.span[0]] if kept else ""
        if kept and _WHETHER.search(between) and not LEFT_BREAK.search(between):
            continue
        kept.append(hit)
    return kept


def _is_bare(sentence: str, hit: CueHit, left: int) -> bool:
    """Nothing after the cue in its clause, and no subject of its own before it."""
    end = clause_end(sentence, hit.span[1])
    if tidy(sentence, hit.span[1], end) is not None:
        return False
    if sentence[hit.span[0] : hit.span[1]].lower().startswith("no "):
        return True
    breaks = [found.end() for found in LEFT_BREAK.finditer(sentence, left, hit.span[0])]
    return tidy(sentence, max([left, *breaks]), hit.span[0]) is None


def borrow_subjects(text: str, groups: list[Group], readings: list[EventReading | None]):
    """A subject-less opening participle ("Wishing to help, Japan will ...") takes the next
    claim's subject."""
    result = list(readings)
    for index, (group, reading) in enumerate(zip(groups, readings, strict=True)):
        head_text = text[group.hits[0].span[0] : group.hits[0].span[1]]
        if reading is None or not head_text[:1].isupper() or index + 1 >= len(groups):
            continue
        if not head_text.split()[0].lower().endswith("ing"):
            continue
        subject = subject_before(text, groups[index + 1].hits[0].span[0], group.hits[0].span[1])
        if subject is not None:
            event = join_event(subject.text, reading.event)
            result[index] = replace(reading, event=event)
    return result
