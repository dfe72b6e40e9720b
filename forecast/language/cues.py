"""Finding hedge cues in a sentence: lexicon forms with spans, negation and tense marks.

Matching is case-insensitive on word boundaries and the longest form wins where forms
overlap ("is expected to" over "expected to"). Negation is read in three places: inside
an auxiliary form ("is not expected to", "isn't expected to"), right after a cue
("will not", "may never", "won't"), and shortly before it in the same clause ("does not
plan to", "not likely"). "not yet" is kept apart from plain negation: on a planning cue
it means the plan is undecided, not that the event will not happen; "not necessarily"
after any cue takes its certainty away ("would not necessarily lead to war": undecided).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from forecast.language.claim import Span
from forecast.language.lexicon import Lexicon

AUXILIARIES = frozenset(["is", "are", "was", "were", "has", "have", "had", "do", "does", "did"])
# Adverbs that may sit between an auxiliary and the rest of a cue ("is also expected to").
INNER_ADVERBS = r"(?:\s+(?:also|still|now|already|further|reportedly|widely))?"
NEGATORS = frozenset({"not", "never", "no", "neither", "nor", "cannot"})
# Contracted negative modals, read as the modal plus "not".
CONTRACTIONS = {
    "won't": "will", "can't": "can", "cannot": "can", "wouldn't": "would",
    "couldn't": "could", "shouldn't": "should", "mustn't": "must", "mightn't": "might",
}  # fmt: skip
PAST_FORMS = frozenset([
    "planned", "hoped", "intended", "wanted", "agreed", "wished", "announced", "confirmed",
    "doubted", "believed"
])  # fmt: skip
PRESENT_AUXILIARIES = frozenset(["has", "have", "is", "are", "be", "been", "will", "would"])
_WORD = re.compile(r"[A-Za-z']+")
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014]|\bbut\b|\bif\b|\bunless\b")
_AFTER_NEGATION = re.compile(
    r"\s+(?P<neg>not|never)\b(?:(?P<yet>\s+yet)|(?P<unsure>\s+necessarily)\b)?", re.I
)
_PERFECT = re.compile(r"\s+(?:not\s+)?have\s+(?!to\b)[a-z]+", re.I)
NEGATION_WINDOW = 40
"""Characters before a cue searched for a negator ("does not plan to", "not yet")."""
_NOT_YET_BEFORE = re.compile(r"\bnot\s+yet\s*$|\byet\s+to\s*$", re.I)
_NUMBER_AFTER = re.compile(r"\s+\d")
# What follows a modal that is no auxiliary: "all he could to help", "the will to fight".
_NO_VERB_AFTER = re.compile(r"\s+to\b", re.I)


@dataclass(frozen=True, slots=True)
class CueHit:
    """A lexicon cue found in text.

    ``span`` covers the cue and any negator attached to it; ``not_yet`` marks "not yet";
    ``past`` marks a hedge about the past ("may have met", "planned to"); ``unsure`` marks
    "not necessarily", which takes the certainty away, not the event.
    """

    cue: str
    category: str
    span: Span
    negated: bool = False
    not_yet: bool = False
    past: bool = False
    unsure: bool = False


CuePattern = tuple[str, str, re.Pattern[str], str]
"""``(cue, category, compiled form, key)``: the key is a word every match contains."""


def build_cue_patterns(lexicon: Lexicon) -> tuple[CuePattern, ...]:
    """One compiled pattern per (cue, form), plus contracted negative modals."""
    patterns = []
    forms_seen: dict[str, tuple[str, str]] = {}
    for entry in lexicon:
        for form in entry.forms:
            forms_seen[form] = (entry.cue, entry.category)
            regex = re.compile(_form_regex(form), re.I)
            patterns.append((entry.cue, entry.category, regex, _key(form)))
    for contraction, modal in CONTRACTIONS.items():
        if modal in forms_seen:
            cue, category = forms_seen[modal]
            regex = r"(?<![\w'])" + re.escape(contraction).replace("'", "['\u2019]") + r"(?!\w)"
            patterns.append((cue, category, re.compile(regex, re.I), _key(contraction)))
    return tuple(patterns)


def _key(form: str) -> str:
    """The longest run of letters in ``form``, lower-case: every match of it contains it."""
    return max(re.findall(r"[a-z]+", form.lower()), key=len, default="")


def _folded(text: str) -> str:
    """``text`` lower-cased as ``re.I`` compares it, for the key test before matching."""
    return text.casefold().replace("\u0131", "i")


def _form_regex(form: str) -> str:
    words = form.split()
    parts = [re.escape(word).replace("'", "['\u2019]") for word in words]
    parts = [
        r"not(?:\s+yet)?" if word == "not" else part
        for word, part in zip(words, parts, strict=True)
    ]
    head = parts[0]
    if words[0] in AUXILIARIES and len(words) > 1 and "not" not in words:
        head += r"(?:\s+not(?:\s+yet)?|n['\u2019]t|\s+never)?" + INNER_ADVERBS
    left = "" if form.startswith("'") else r"(?<![\w'\u2019])"
    return left + r"\s+".join([head, *parts[1:]]) + r"(?![\w])"


def find_cues(
    text: str, patterns: tuple[CuePattern, ...], masked: tuple[Span, ...] = ()
) -> tuple[CueHit, ...]:
    """Cues in ``text`` outside the ``masked`` spans, longest match first, in text order.

    A form is matched only when its key word occurs in the text, which spares most of
    the lexicon's patterns on most sentences.
    """
    folded = _folded(text)
    candidates = []
    for cue, category, pattern, key in patterns:
        if key not in folded:
            continue
        for match in pattern.finditer(text):
            if _inside(match.span(), masked) or _is_month(text, match):
                continue
            if category == "modal" and _NO_VERB_AFTER.match(text, match.end()):
                continue  # an ellipsis ("whatever she can to help") or the noun "will"
            candidates.append((cue, category, match))
    candidates.sort(key=lambda item: (item[2].start() - item[2].end(), item[2].start()))
    chosen: list[tuple[str, str, re.Match[str]]] = []
    taken: list[Span] = []  # the chosen spans, in text order and disjoint
    for cue, category, match in candidates:
        span = match.span()
        at = bisect.bisect_left(taken, span)
        if (at == 0 or taken[at - 1][1] <= span[0]) and (
            at == len(taken) or span[1] <= taken[at][0]
        ):
            taken.insert(at, span)
            chosen.append((cue, category, match))
    chosen.sort(key=lambda item: item[2].start())
    return tuple(_hit(text, cue, category, match) for cue, category, match in chosen)


def _hit(text: str, cue: str, category: str, match: re.Match[str]) -> CueHit:
    start, end = match.span()
    matched = match.group(0).lower()
    words = _WORD.findall(matched)
    inner = any(w in ("not", "never") or w.endswith(("n't", "n\u2019t")) for w in words)
    own = any(word in ("not", "no") for word in _lexicon_words(cue))
    negated = (inner and not own) or matched in CONTRACTIONS
    not_yet = bool(re.search(r"\bnot\s+yet\b", matched)) and not own
    after = _AFTER_NEGATION.match(text, end)
    unsure = False
    if after and not negated:
        negated, end = True, after.end()
        not_yet, unsure = bool(after.group("yet")), bool(after.group("unsure"))
    if not negated and _negated_before(text, start):
        negated = True
        not_yet = bool(_NOT_YET_BEFORE.search(text, max(0, start - NEGATION_WINDOW), start))
    past = _is_past(text, words, start, end, category)
    return CueHit(cue, category, (start, end), negated, not_yet, past, unsure)


def _lexicon_words(cue: str) -> list[str]:
    return cue.lower().split()


def _negated_before(text: str, start: int) -> bool:
    """A negator among the three words before ``start`` in the same clause."""
    window = text[max(0, start - NEGATION_WINDOW) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    words = [word.lower() for word in _WORD.findall(window)][-3:]
    return any(word in NEGATORS or word.endswith(("n't", "n\u2019t")) for word in words)


def _is_past(text: str, words: list[str], start: int, end: int, category: str) -> bool:
    """A hedge about the past: "may have met", "was expected to", bare "planned to"."""
    if category == "modal" and words and words[0] not in ("will", "shall", "'ll"):
        return bool(_PERFECT.match(text, end))
    if words and words[0] in ("was", "were", "had"):
        return True
    if not words or words[0] not in PAST_FORMS:
        return False
    before = _WORD.findall(text[max(0, start - 20) : start].lower())
    return not before or before[-1] not in PRESENT_AUXILIARIES


def _is_month(text: str, match: re.Match[str]) -> bool:
    """'May' the month ("On May 13", "in May"), not the modal."""
    if match.group(0) != "May":
        return False
    followed_by_number = _NUMBER_AFTER.match(text, match.end())
    return bool(followed_by_number) or match.start() > 0


def _inside(span: Span, masked: tuple[Span, ...]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in masked)


def governed(text: str, span: Span, hits: list[CueHit]) -> bool:
    """A trigger already inside a cue's reach ("scheduled to take place", "will be held")."""
    for hit in hits:
        between = text[hit.span[1] : span[0]]
        if hit.span[0] <= span[0] < hit.span[1] or (
            hit.span[1] <= span[0] and len(between.split()) <= 2 and "," not in between
        ):
            return True
    return False
