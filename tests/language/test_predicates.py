"""The predicate reader on trap sentences: each construction family of issue 10, point 3.

Each case: a sentence written for this test, the event's lemma, the family the reader must
give it, the direction (for / against / undecided) its implied probability must take, and
whether the event is still ahead as the sentence presents it.
"""

from __future__ import annotations

import pytest

from forecast.language.lexicon import load_lexicon
from forecast.language.predicates import read_doc
from forecast.prob import expit

AGAINST_BELOW = 1 / 3
UNDECIDED = (0.4, 0.6)

CASES = [
    # cancellation and postponement: strong evidence against the event
    ("The summit in Hanoi was called off on Thursday.", "summit", "cancellation", "against", True),
    (
        "Organisers have postponed the festival until next year.",
        "festival",
        "cancellation",
        "against",
        True,
    ),
    ("The ministry scrapped the planned visit to Oslo.", "visit", "cancellation", "against", True),
    ("The talks will not go ahead as planned.", "talk", "cancellation", "against", True),
    ("The company put the merger on hold last week.", "merger", "cancellation", "against", True),
    # lapsed plans: not live evidence for the event
    (
        "The ministers had been scheduled to meet in Geneva.",
        "meet",
        "lapsed_plan",
        "undecided",
        False,
    ),
    ("The two leaders were to have met in Hanoi.", "meet", "lapsed_plan", "undecided", False),
    ("She had been expected to sign the treaty.", "sign", "lapsed_plan", "undecided", False),
    # open questions: undecided, and the modal inside the clause is not the cue
    (
        "Officials would not say whether the president will visit Japan.",
        "visit",
        "open_question",
        "undecided",
        True,
    ),
    (
        "It remains to be seen whether the talks will resume.",
        "resume",
        "open_question",
        "undecided",
        True,
    ),
    ("It is unclear if the bank will raise rates.", "raise", "open_question", "undecided", True),
    (
        "The spokesman declined to confirm that the minister would resign.",
        "resign",
        "open_question",
        "undecided",
        True,
    ),
    # past inability and refusal: the event did not happen
    ("The minister could not attend the funeral.", "attend", "refusal", "against", False),
    ("Rescuers were unable to reach the village.", "reach", "refusal", "against", False),
    ("The union refused to sign the agreement.", "sign", "refusal", "against", False),
    # reported future in the past: live forward claims, attributed
    (
        "The minister said he would travel to Beijing next week.",
        "travel",
        "reported_future",
        "for",
        True,
    ),
    ("The company was planning to open a factory in Ohio.", "open", "reported_future", "for", True),
    ("The vote was expected to take place on Friday.", "take", "reported_future", "for", True),
    # counter-hedges: a negation that does not negate the event
    ("The minister did not rule out a visit to Tokyo.", "visit", "counter_hedge", "for", True),
    ("A deal before Christmas is not impossible.", "deal", "counter_hedge", "for", True),
    ("The strike could very well spread to the ports.", "spread", "counter_hedge", "for", True),
    # plain and negated assertions are read too
    ("The leaders met in Singapore.", "meet", "plain", "for", False),
    ("The president did not visit the border.", "visit", "negated", "against", False),
    ("The firm no longer makes cars.", "make", "negated", "against", False),
    ("The prime minister will visit Paris in May.", "visit", "hedged", "for", True),
]


def reading(nlp, sentence: str, lemma: str):
    found = [r for r in read_doc(nlp(sentence), load_lexicon()) if r.lemma == lemma]
    assert found, f"no reading of {lemma!r} in {sentence!r}"
    return found[0]


def direction(prob: float) -> str:
    if prob < AGAINST_BELOW:
        return "against"
    return "undecided" if UNDECIDED[0] <= prob <= UNDECIDED[1] else "for"


@pytest.mark.parametrize(("sentence", "lemma", "family", "lean", "forward"), CASES)
def test_trap_sentence(nlp, sentence, lemma, family, lean, forward):
    found = reading(nlp, sentence, lemma)
    assert found.construction == family
    if family in ("open_question", "lapsed_plan"):
        assert direction(expit(found.logit_mean)) == "undecided"
    elif lean == "against":
        assert expit(found.logit_mean) < AGAINST_BELOW
    else:
        assert expit(found.logit_mean) > 0.5 or family == "counter_hedge"
        assert expit(found.logit_mean) > AGAINST_BELOW
    assert found.forward is forward


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("May said the talks were over.", "May"),
        ("The will was read to the family.", "will"),
        ("He spoke with all his might.", "might"),
    ],
)
def test_modal_looking_words_are_not_cues(nlp, sentence, word):
    cues = {cue for r in read_doc(nlp(sentence), load_lexicon()) for cue in r.cues}
    assert word.lower() not in cues


def test_no_auxiliary_copula_or_to_is_a_predicate(nlp):
    doc = nlp("The talks were going to be difficult, and she has tried to help.")
    lemmas = [r.lemma for r in read_doc(doc, load_lexicon())]
    assert "be" not in lemmas and "have" not in lemmas and "to" not in lemmas
    assert {"go", "difficult", "try", "help"} <= set(lemmas)


def test_nested_attribution_keeps_both_sources(nlp):
    found = reading(nlp, "The paper cited an aide as saying Kim may visit Seoul.", "visit")
    assert found.sources == ("an aide", "The paper")
    assert found.cues == ("may",)


def test_spans_are_offsets_into_the_text(nlp):
    text = "Kim said he would travel to Beijing."
    found = reading(nlp, text, "travel")
    assert text[found.span[0] : found.span[1]] == "travel"
