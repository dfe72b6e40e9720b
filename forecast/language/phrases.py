"""Shaping the words around a cue into an event phrase: clauses, subjects, predicates.

Heuristics over plain text (no parser): a clause ends at a comma, semicolon, colon,
dash or "but" (and begins after "though"); the subject is the nearest comma-separated
segment before the cue that is not an adverbial ("Meanwhile", "in Canada", "for its
part"); the predicate is the first word after the cue, reduced to a lemma-ish base form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forecast.language.claim import Span

# A comma breaks a clause, not a number ("3,000 refugees").
_COMMA = r"(?<!\d),|,(?!\d)"
RIGHT_BREAK = re.compile(
    rf"{_COMMA}|[;:\u2014|]|\s-\s|\b(?:but|while|whereas|because)\b|\s\.\s|\./\."
)
LEFT_BREAK = re.compile(
    rf"{_COMMA}|[;:\u2014|]|\s-\s|\b(?:but|while|whereas|because|though|although)\b"
)
ADJUNCT_OPENERS = frozenset([
    "after", "before", "on", "in", "at", "for", "with", "without", "during", "by", "from",
    "since", "meanwhile", "however", "also", "moreover", "still", "then", "according", "as",
    "when", "once", "to", "wishing", "hoping", "despite", "although", "though", "instead",
    "besides", "furthermore", "photo"
])  # fmt: skip
LEADING_FILLERS = frozenset(
    ["and", "but", "so", "that", "then", "meanwhile", "said", "says", "also"]
)
TRAILING_FILLERS = frozenset([
    "also", "still", "now", "already", "further", "then", "again", "currently", "even", "too",
    "however", "soon", "reportedly", "probably", "possibly", "likely", "perhaps", "certainly",
    "definitely", "is", "are", "was", "were", "be", "been", "will", "would", "has", "have",
    "had", "not", "never", "yet", "does", "do", "did", "doesn't", "don't", "didn't", "isn't",
    "aren't"
])  # fmt: skip
SKIP_AFTER_CUE = frozenset(
    ["not", "never", "yet", "also", "still", "now", "soon", "then", "further", "even"]
)
DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"]
)
# Nouns naming an event, read as the verb when they head a nominal cue's phrase.
NOMINAL_VERBS = {
    "visit": "visit", "trip": "travel", "meeting": "meet", "stop": "stop", "talks": "talk",
    "summit": "meet", "deal": "agree", "agreement": "agree", "attack": "attack",
    "resignation": "resign", "election": "elect", "return": "return", "withdrawal": "withdraw",
}  # fmt: skip
IRREGULAR = {
    "met": "meet", "seen": "see", "saw": "see", "went": "go", "gone": "go", "came": "come",
    "took": "take", "taken": "take", "held": "hold", "made": "make", "said": "say",
    "told": "tell", "gave": "give", "given": "give", "left": "leave", "began": "begin",
    "begun": "begin", "became": "become", "won": "win", "lost": "lose", "was": "be",
    "were": "be", "is": "be", "are": "be", "been": "be", "has": "have", "had": "have",
    "does": "do", "did": "do", "done": "do", "sent": "send", "spoke": "speak",
    "spoken": "speak", "arranging": "arrange", "considering": "consider", "weighing": "weigh",
    "planning": "plan", "exploring": "explore", "preparing": "prepare", "hoping": "hope",
    "taking": "take", "making": "make", "agreed": "agree", "announced": "announce",
    "confirmed": "confirm", "believed": "believe", "hopes": "hope", "mulling": "mull",
    "flew": "fly", "flown": "fly", "ran": "run", "wrote": "write", "brought": "bring",
    "bought": "buy", "thought": "think", "felt": "feel", "kept": "keep", "found": "find",
    "heard": "hear", "paid": "pay", "led": "lead", "knew": "know", "grew": "grow",
    "drove": "drive", "rose": "rise", "fell": "fall", "fought": "fight", "sought": "seek",
    "struck": "strike", "stood": "stand", "spent": "spend", "built": "build", "meant": "mean",
    "sold": "sell", "got": "get", "ate": "eat", "drew": "draw", "chose": "choose",
    "broke": "break", "threw": "throw", "wore": "wear",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_QUOTES = "\"'\u201c\u201d\u2018\u2019"
_PAST_VERB = re.compile(
    r"\b(?:(?:has|have|had)\s+(?:been\s+)?(?P<perfect>[a-z]+(?:ed|en)|seen|met|held|made|"
    r"done|gone|come|taken|given|sent|won|lost|begun|told|said|flown|spoken)|"
    r"(?P<simple>[a-z]{3,}ed|met|saw|went|came|took|held|made|gave|left|began|became|won|lost|"
    r"sent|spoke|was|were|said|had|did|told|flew|ran|wrote|brought|bought|thought|felt|kept|"
    r"found|heard|paid|led|knew|grew|drove|rose|fell|fought|sought|struck|stood|spent|built|"
    r"meant|sold|got|ate|drew|chose|broke|threw|wore|won))\b"
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A piece of the sentence: its text and ``[start, end)`` span in the sentence."""

    text: str
    span: Span


def clause_end(sentence: str, start: int, limits: tuple[int, ...] = ()) -> int:
    """Where the clause running from ``start`` ends (exclusive)."""
    found = RIGHT_BREAK.search(sentence, start)
    end = found.start() if found else len(sentence)
    for limit in limits:
        if start <= limit < end:
            end = limit
    return end


def subject_before(sentence: str, start: int, left: int) -> Phrase | None:
    """The subject phrase ending before ``start``, not reaching left of ``left``."""
    pieces = []
    cursor = left
    for found in LEFT_BREAK.finditer(sentence, left, start):
        pieces.append((cursor, found.start()))
        cursor = found.end()
    pieces.append((cursor, start))
    for piece_start, piece_end in reversed(pieces[-4:]):
        phrase = tidy(sentence, piece_start, piece_end)
        if phrase is not None and not _is_adjunct(phrase.text):
            return phrase
    return None


def noun_phrase_before(sentence: str, start: int, left: int) -> Phrase | None:
    """The noun phrase right before ``start`` (a reduced relative's head: "the summit")."""
    words = list(_WORD.finditer(sentence, left, start))[-8:]
    if not words:
        return None
    first = 0
    for index, word in enumerate(words):
        if word.group(0).lower() in DETERMINERS:
            first = index
    return tidy(sentence, words[first].start(), start)


def tidy(sentence: str, start: int, end: int) -> Phrase | None:
    """Trim whitespace, quotes, fillers and trailing adverbs from ``sentence[start:end]``."""
    words = list(_WORD.finditer(sentence, start, end))
    while words and words[0].group(0).lower() in LEADING_FILLERS:
        start = words.pop(0).end()
    while words and words[-1].group(0).lower() in TRAILING_FILLERS:
        end = words.pop().start()
    while start < end and (sentence[start].isspace() or sentence[start] in _QUOTES + "(["):
        start += 1
    while end > start and (sentence[end - 1].isspace() or sentence[end - 1] in _QUOTES + ".!?"):
        end -= 1
    if not words or start >= end:
        return None
    return Phrase(sentence[start:end], (start, end))


def _is_adjunct(text: str) -> bool:
    first = text.split()[0].lower()
    return first in ADJUNCT_OPENERS or (first.endswith("ing") and first[0].isupper())


def predicate_after(sentence: str, start: int, end: int) -> tuple[str, Span] | None:
    """The verb opening ``sentence[start:end]`` (skipping "not", "also"...), lemma and span.

    "be"/"have" followed by another word ("be briefed") keep both words.
    """
    words = [
        w for w in _WORD.finditer(sentence, start, end) if w.group(0).lower() not in SKIP_AFTER_CUE
    ]
    if not words:
        return None
    head = words[0]
    if (
        head.group(0).lower() in ("take", "taking", "takes")
        and len(words) > 1
        and (words[1].group(0).lower() == "place")
    ):
        return "take place", (head.start(), words[1].end())
    if head.group(0).lower() in ("be", "have", "been") and len(words) > 1:
        pair = (head.start(), words[1].end())
        return sentence[pair[0] : pair[1]].lower(), pair
    return lemma(head.group(0)), head.span()


def lemma(word: str) -> str:
    """A lemma-ish base form of an English verb ("visits" -> "visit", "met" -> "meet")."""
    word = word.lower()
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if stem[-1] == stem[-2] and stem[-1] not in "lsz":
                return stem[:-1]
            return stem + "e" if stem.endswith(("v", "z", "ang", "ung")) else stem
    return word


def nominal_event(sentence: str, start: int, end: int) -> tuple[str, str, Span] | None:
    """A nominal cue's phrase read as an event: "President Trump's visit to Japan".

    Returns ``(event, predicate, predicate_span)``: "President Trump visit Japan", "visit".
    """
    phrase = tidy(sentence, start, end)
    if phrase is None:
        return None
    text = phrase.text
    possessive = re.match(r"(?P<who>.+?)['\u2019]s?\s+(?P<noun>\w+)(?P<rest>.*)$", text)
    if possessive and possessive.group("noun").lower() in NOMINAL_VERBS:
        noun = possessive.group("noun").lower()
        verb = NOMINAL_VERBS[noun]
        rest = possessive.group("rest")
        if verb == "visit":
            rest = re.sub(r"^\s+to\b", "", rest)
        span = (phrase.span[0] + possessive.start("noun"), phrase.span[0] + possessive.end("noun"))
        return f"{possessive.group('who')} {verb}{rest}", verb, span
    first = _WORD.search(text)
    if first is None:
        return None
    words = list(_WORD.finditer(text))
    head = next((w for w in words if w.group(0).lower() not in DETERMINERS), words[0])
    name = head.group(0).lower()
    predicate = NOMINAL_VERBS.get(name, lemma(name) if name.endswith("ing") else name)
    span = (phrase.span[0] + head.start(), phrase.span[0] + head.end())
    return text, predicate, span


def past_verb(sentence: str, start: int, end: int) -> tuple[str, Span, int] | None:
    """The first past-tense verb in ``sentence[start:end]``: lemma, span, phrase start.

    The phrase starts at the auxiliary of a perfect ("have seen" -> "see", at "have").
    """
    found = _PAST_VERB.search(sentence, start, end)
    if found is None:
        return None
    group = "perfect" if found.group("perfect") else "simple"
    return lemma(found.group(group)), found.span(group), found.start()


def join_event(*parts: str) -> str:
    """Join phrase parts into one readable event: single spaces, no quotes or end stops."""
    text = " ".join(part.strip() for part in parts if part and part.strip())
    text = re.sub(r"\s+", " ", text).strip()
    text = text.strip(_QUOTES + " ")
    return text.rstrip(" .,;:!?|/").strip(_QUOTES + " ")


def fact_predicate(words: str) -> str:
    """Base form of a fact trigger: "taking place" -> "take place", "is held" -> "be held"."""
    last = words.lower().split()[-1]
    if last == "place":
        return "take place"
    return "be held" if last == "held" else lemma(last)
