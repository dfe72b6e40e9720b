"""Conditions on a claim: "If X (does not) ...", "unless X", stated positively.

"If President Trump does not visit Japan afterward, the group hopes to be briefed" gives
the condition event "President Trump visit Japan afterward" with ``negated=True``: the
claim holds when that event does not happen. "unless X" is "if not X".

A condition about anyone at all ("if an infant does not get enough iodine", "if someone
were able to") makes its sentence a generic consequence, not a forecast: see
:func:`is_generic`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forecast.language.claim import Span

LEADING = re.compile(
    r"(?:^|(?<=[,:]\s))[\"'\u201c\u2018]?(?:(?:but|and|so)\s+)?"
    r"(?P<kw>if|unless|should|provided\s+that|as\s+long\s+as|in\s+case)\s+(?P<body>[^,;]+?)\s*,\s*",
    re.I,
)
TRAILING = re.compile(
    r"[\s,]+(?P<kw>if|unless|provided\s+that|as\s+long\s+as|on\s+condition\s+that)\s+"
    r"(?P<body>[^,;]+?)\s*(?=[,;.!?\"\u201d]|$)",
    re.I,
)
# "decide if", "ask if": an embedded question, not a condition.
_QUESTION_VERBS = re.compile(
    r"\b(?:decide[sd]?|see|know|knows|ask(?:ed|s)?|wonder(?:ed|s)?|clear|unclear|whether|"
    r"check|determine)\s*$",
    re.I,
)
_NEGATION = re.compile(
    r"\b(?:(?:does|do|did)\s+not|(?:does|do|did)n['\u2019]t|(?P<keep>is|are|was|were|will|can|"
    r"would)\s+not|(?P<keep2>is|are|was|were|would|ca|wo)n['\u2019]t|fails?\s+to|never)\s+",
    re.I,
)


# An actor who stands for anyone: "you", "someone", "one", a class of people by what they do
# ("people who lose their homes") (and, in a condition, "an infant").
GENERIC_PRONOUN = r"(?:you|someone|somebody|anyone|anybody|one|(?:people|those)\s+who)"
GENERIC_ACTOR = re.compile(rf"^{GENERIC_PRONOUN}\b", re.I)
# ... and the speaker's own supposition: "if I would ask you", "if we were to look at".
GENERIC_CONDITION = re.compile(
    rf"^(?:{GENERIC_PRONOUN}|an?\s+[a-z-]+(?:['\u2019]s)?)\b|^\w+\s+were\b|^(?:i|we)\s+would\b",
    re.I,
)


def is_generic(event: str, condition: bool = False) -> bool:
    """``event``'s actor is anyone at all: "you develop a goiter"; for a ``condition``, an
    indefinite actor, a subjunctive or the speaker's supposition too ("an infant get enough
    iodine", "someone were able to", "I would ask you").

    Examples
    --------
    >>> is_generic("you develop a goiter"), is_generic("an infant get iodine", condition=True)
    (True, True)
    >>> is_generic("Turkey attack", condition=True), is_generic("people who rent pay more")
    (False, True)
    """
    return bool((GENERIC_CONDITION if condition else GENERIC_ACTOR).match(event))


@dataclass(frozen=True, slots=True)
class ConditionHit:
    """A condition clause found in a sentence.

    ``span`` is the condition's own words; ``clause`` the whole clause to keep out of
    the main claim ("If ... afterward, " or " unless ..."); ``event`` is stated positively.
    """

    event: str
    span: Span
    clause: Span
    negated: bool


def find_condition(sentence: str, masked: tuple[Span, ...] = ()) -> ConditionHit | None:
    """The first condition clause in ``sentence`` outside ``masked``, or None."""
    for pattern in (LEADING, TRAILING):
        for match in pattern.finditer(sentence):
            if any(start <= match.start("kw") < end for start, end in masked):
                continue
            if pattern is TRAILING and _QUESTION_VERBS.search(sentence[: match.start("kw")]):
                continue
            return _hit(match)
    return None


def _hit(match: re.Match[str]) -> ConditionHit:
    body = match.group("body")
    negated = match.group("kw").lower() == "unless"
    found = _NEGATION.search(body)
    if found:
        negated = not negated
        kept = found.group("keep") or _restore(found.group("keep2"))
        body = body[: found.start()] + (f"{kept} " if kept else "") + body[found.end() :]
    event = re.sub(r"\s+", " ", body).strip(" \"'\u201c\u201d")
    return ConditionHit(event, match.span("body"), (match.start(), match.end()), negated)


def _restore(contracted: str | None) -> str | None:
    """The auxiliary behind a contraction: "wo" (won't) -> "will", "ca" (can't) -> "can"."""
    if contracted is None:
        return None
    return {"wo": "will", "ca": "can"}.get(contracted.lower(), contracted)
