"""Words for match rules: tokens folded to a crude stem so inflections compare equal.

The stemmer is deliberately small: it only has to make "visit / visits / visited /
visiting" and "meet / meets / met / meeting" the same word, and apply the same folding
to rule phrases and claim text, so that a phrase matches whatever form the text uses.
"""

from __future__ import annotations

import functools
import re

# Letters and digits of any script ("münchen", "東京"), with an English clitic ("trump's").
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")

# Irregular forms the suffix rules cannot reach, mapped to their base form.
_IRREGULAR = {
    "met": "meet",
    "sent": "send",
    "spoke": "speak",
    "spoken": "speak",
    "went": "go",
    "gone": "go",
    "held": "hold",
    "made": "make",
    "took": "take",
    "taken": "take",
    "came": "come",
    "told": "tell",
    "said": "say",
    "left": "leave",
    "flew": "fly",
    "flown": "fly",
    "began": "begin",
    "begun": "begin",
    "brought": "bring",
    "gave": "give",
    "given": "give",
    "saw": "see",
    "seen": "see",
    "ran": "run",
    "was": "be",
    "were": "be",
    "is": "be",
    "are": "be",
    "been": "be",
    "being": "be",
    "am": "be",
}

_VOWELS = frozenset("aeiouy")
_SHORTEST_STEM = 3


def stem(word: str) -> str:
    """Fold one lower-case word to the stem shared by its simple inflections.

    Examples
    --------
    >>> [stem(w) for w in ("visit", "visits", "visited", "visiting")]
    ['visit', 'visit', 'visit', 'visit']
    >>> [stem(w) for w in ("meet", "meets", "met", "meeting")]
    ['meet', 'meet', 'meet', 'meet']
    >>> [stem(w) for w in ("stop", "stopped", "raise", "raised", "raises")]
    ['stop', 'stop', 'rais', 'rais', 'rais']
    """
    word = word.lower().replace("'s", "")
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= _SHORTEST_STEM:
            word = _undouble(word[: -len(suffix)])
            break
    else:
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
            word = word[:-1]
    if word.endswith("e") and len(word) > _SHORTEST_STEM:
        word = word[:-1]
    return word


def _undouble(word: str) -> str:
    """Undo consonant doubling before a suffix ("stopp" -> "stop")."""
    if len(word) > _SHORTEST_STEM and word[-1] == word[-2] and word[-1] not in _VOWELS | {"l", "s"}:
        return word[:-1]
    return word


def tokens(text: str) -> tuple[str, ...]:
    """Lower-case word tokens of ``text`` (letters and digits; "U.S." gives "u", "s")."""
    return tuple(_TOKEN.findall(text.lower()))


@functools.lru_cache(maxsize=2**14)
def stems(text: str) -> tuple[str, ...]:
    """The stems of ``text``'s tokens, in order.

    Cached: linking compares every claim's phrase with every event's match phrases, and
    a forecast update links the same claims again.
    """
    return tuple(stem(token) for token in tokens(text))


def contains(text_stems: tuple[str, ...], phrase: str) -> bool:
    """True when ``phrase``'s stems occur as a contiguous run in ``text_stems``.

    Whole words only, so "meet" does not match "meeting-room" partially but "Japan"
    never matches "Japanese".

    Examples
    --------
    >>> contains(stems("Trump visited Japan afterward"), "visits japan")
    True
    >>> contains(stems("Japanese officials"), "japan")
    False
    """
    wanted = stems(phrase)
    if not wanted:
        return False
    width = len(wanted)
    return any(
        text_stems[start : start + width] == wanted for start in range(len(text_stems) - width + 1)
    )
