"""Trimming an event phrase to its predicate and core arguments.

The clause a cue governs often runs on past the event: a date already captured in the
claim's ``dates`` ("... meet within just one week surrounding the historic summit"), or a
purpose clause ("... send a team to Singapore to collect information"). The event phrase
is what links a claim to a scenario event and what a drafted scenario names, so these
adjuncts are cut; the dates stay on the claim, and the quote keeps the whole sentence.
"""

from __future__ import annotations

import re

from forecast.language.claim import DateMention

_DATE_PREPOSITIONS = r"(?:on|in|by|within|before|after|until|around|from|for|during|at|of|since)"
# Reduced relatives and participles that only hang off a removed date ("scheduled to take
# place next month", "surrounding the summit ... next month").
_DANGLING_OPENERS = frozenset(
    ["surrounding", "scheduled", "taking", "slated", "set", "due", "which", "that", "when"]
)
_TRAILING_DANGLERS = re.compile(
    r"\s+(?:(?:scheduled|set|slated|due)\s+(?:to\s+take\s+place|for)|(?:which|that)\s+(?:is|are)"
    r"|taking\s+place|to\s+take\s+place|scheduled|slated|set|due)$",
    re.I,
)
# Verbs whose "to" introduces their own complement, never a purpose clause: "ask X to
# urge", "plan to", "want X to".
CONTROL_VERBS = frozenset([
    "ask", "urge", "force", "help", "want", "allow", "tell", "persuade", "invite", "encourage",
    "expect", "plan", "hope", "try", "agree", "seek", "decide", "need", "order", "pressure",
    "call", "press", "intend", "wish", "prepare", "arrange", "begin", "continue", "refuse",
    "offer", "promise", "threaten", "fail", "manage", "struggle", "aim", "vow", "pledge",
])  # fmt: skip
_NOT_A_VERB = frozenset([
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "my", "your", "it", "them", "him", "us", "me", "be", "date", "power", "office", "work",
    "school", "court", "bed", "market", "death",
])  # fmt: skip
_PURPOSE = re.compile(r"\s+(?:,\s*)?(?:in\s+order\s+|so\s+as\s+)?\bto\s+(?P<verb>[a-z][a-z-]+)\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
MIN_CORE_WORDS = 3  # words an event keeps before any adjunct is cut


def trim_event(event: str, predicate: str, dates: tuple[DateMention, ...] = ()) -> str:
    """``event`` without trailing date adjuncts (already in ``dates``) or purpose clauses.

    Examples
    --------
    >>> trim_event("Japan send a liaison team to Singapore to collect information", "send")
    'Japan send a liaison team to Singapore'
    """
    trimmed = event
    for date in sorted(dates, key=lambda mention: mention.span, reverse=True):
        trimmed = _without_date(trimmed, date.text)
    trimmed = _without_purpose(trimmed, predicate)
    return trimmed if len(_WORD.findall(trimmed)) >= MIN_CORE_WORDS - 1 else event


def _without_date(event: str, text: str) -> str:
    """Remove one date mention (with its preposition and brackets) from the event's tail."""
    pattern = re.compile(
        r"\s+\(?(?:" + _DATE_PREPOSITIONS + r"\s+)?" + re.escape(text) + r"\)?(?=\W|$)", re.I
    )
    # The last mention: a date in the event's tail, not one in its subject.
    found = ([None, *pattern.finditer(event)])[-1]
    if found is None or len(_WORD.findall(event[: found.start()])) < MIN_CORE_WORDS:
        return event
    rest = event[found.end() :]
    words = _WORD.findall(rest)
    if words and words[0].lower() in _DANGLING_OPENERS:
        rest = ""
    head = _TRAILING_DANGLERS.sub("", event[: found.start()]) if not rest.strip() else None
    return (head if head is not None else event[: found.start()] + rest).rstrip(" ,")


def _without_purpose(event: str, predicate: str) -> str:
    """Cut the first "to <verb> ..." that follows the predicate's object (a purpose clause)."""
    verb = predicate.split()[-1] if predicate else ""
    if verb in CONTROL_VERBS:
        return event
    found = _PURPOSE.search(event)
    if found is None or found.group("verb") in _NOT_A_VERB:
        return event
    before = _WORD.findall(event[: found.start()])
    after_predicate = _after(before, verb)
    if len(before) < MIN_CORE_WORDS + 1 or after_predicate < 2:
        return event
    if any(word.lower() in CONTROL_VERBS for word in before[-2:]):
        return event
    return event[: found.start()].rstrip(" ,")


def _after(words: list[str], verb: str) -> int:
    """How many words follow the predicate ``verb`` (all of them when it is not found)."""
    lowered = [word.lower() for word in words]
    if verb in lowered:
        return len(lowered) - lowered.index(verb) - 1
    return len(lowered)
