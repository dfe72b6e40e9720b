"""Traps written for this suite: what the governors above a clause reach, and what they
do not."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from forecast.language.extract import extract_claims
from forecast.language.lexicon import load_lexicon
from forecast.language.predicates import read_doc
from forecast.reading.article import Article

LEXICON = load_lexicon()


def forward_predicates(text: str) -> list[str]:
    article = Article(text, published=dt.date(2018, 5, 13))
    return [claim.predicate for claim in extract_claims(article, LEXICON) if claim.forward]


@pytest.mark.parametrize(
    ("text", "outside"),
    [
        # a conjunct with a tense of its own is its own clause: no hope, no modal reaches it
        (
            "The group said it hoped talks would succeed but continues strikes on army convoys.",
            "convoys",
        ),
        (
            "The rebels said they hoped the truce might hold but continue raids on border posts.",
            "posts",
        ),
    ],
)
def test_a_conjunct_with_its_own_tense_is_its_own_clause(text, outside):
    article = Article(text, published=dt.date(2018, 5, 13))
    events = [claim.event for claim in extract_claims(article, LEXICON) if claim.forward]
    assert events and not any(outside in event for event in events)


def test_a_bare_conjunct_shares_its_heads_modal():
    assert forward_predicates("The union said it would meet and discuss the offer.") == ["meet"]


def test_a_relative_pronoun_in_the_subject_makes_a_description():
    """ "the bank, officials of which were present": a description of the bank, whatever
    the parse attaches it to (a hand-made parse that hangs it on the pledge, as the shipped
    parser may)."""
    words = [
        "They",
        "pledged",
        "to",
        "meet",
        "the",
        "bank",
        ",",
        "officials",
        "of",
        "which",
        "were",
        "present",
        ".",
    ]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[1, 1, 3, 1, 5, 3, 7, 11, 9, 7, 11, 1, 1],
        deps=["nsubj", "ROOT", "mark", "xcomp", "det", "obj", "punct", "nsubj", "case", "nmod",
              "cop", "ccomp", "punct"],
        pos=["PRON", "VERB", "PART", "VERB", "DET", "NOUN", "PUNCT", "NOUN", "ADP", "PRON",
             "AUX", "ADJ", "PUNCT"],
        tags=["PRP", "VBD", "TO", "VB", "DT", "NN", ",", "NNS", "IN", "WDT", "VBD", "JJ", "."],
        lemmas=["they", "pledge", "to", "meet", "the", "bank", ",", "official", "of", "which",
                "be", "present", "."],
        morphs=["", "Tense=Past|VerbForm=Fin", "", "VerbForm=Inf", "", "", "", "", "",
                "PronType=Rel", "Tense=Past|VerbForm=Fin", "", ""],
    )  # fmt: skip
    readings = {reading.lemma: reading for reading in read_doc(doc, LEXICON)}
    assert readings["meet"].forward
    assert not readings["present"].forward


@pytest.mark.parametrize(
    "text",
    [
        # an expectation or plan an adjective weighs is nobody's
        "It is unfair to expect pupils to learn the whole poem.",
        "It is too early to plan to rebuild the stadium.",
    ],
)
def test_an_attitude_an_adjective_weighs_is_nobodys(text):
    assert forward_predicates(text) == []


def test_an_attitude_held_still_governs():
    assert forward_predicates("The teachers expect pupils to learn the whole poem.") == ["learn"]
