"""Cue finding: longest form wins, word boundaries hold, negation is attached."""

from __future__ import annotations

import pytest

from forecast.language.cues import build_cue_patterns, find_cues
from forecast.language.lexicon import load_lexicon

PATTERNS = build_cue_patterns(load_lexicon())


def found(text: str) -> list[tuple[str, str, bool]]:
    return [(h.cue, text[slice(*h.span)], h.negated) for h in find_cues(text, PATTERNS)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor of Seoul will attend.", [("will", "will", False)]),
        ("William Perry may attend.", [("may", "may", False)]),
        ("Abe and Trump are expected to meet.", [("is expected to", "are expected to", False)]),
        ("Abe is also expected to attend.", [("is expected to", "is also expected to", False)]),
        ("Abe isn't expected to attend.", [("is expected to", "isn't expected to", True)]),
        ("Kim cannot attend.", [("can", "cannot", True)]),
        ("Kim will never attend.", [("will", "will never", True)]),
        ("No schedule has been set yet.", [
            ("no schedule has been set yet", "No schedule has been set yet", False)]),
        ("On May 13 they met.", []),
        # a modal before "to" is no auxiliary: an ellipsis ("all it could"), or the noun "will"
        ("She will do whatever she can to help the town.", [("will", "will", False)]),
        ("He lost the will to fight.", []),
        ("The council may, if it wishes, delay the vote.", [("may", "may", False)]),
        ("May 13 was quiet.", []),
    ],
)  # fmt: skip
def test_forms_boundaries_and_negation(text, expected):
    assert found(text) == expected


def test_not_yet_and_past_marks():
    (hit,) = find_cues("Trump does not yet plan to go.", PATTERNS)
    assert hit.negated and hit.not_yet
    (hit,) = find_cues("Kim may have met Xi.", PATTERNS)
    assert hit.past and not hit.negated
    (hit,) = find_cues("Kim will have left by then.", PATTERNS)
    assert not hit.past
    (hit,) = find_cues("They have planned to meet.", PATTERNS)
    assert not hit.past


def test_masked_spans_are_skipped():
    text = "If Kim won't come, Abe may stay."
    assert [h.cue for h in find_cues(text, PATTERNS, masked=((0, 18),))] == ["may"]
