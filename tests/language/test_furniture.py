"""Page furniture lines: found after the headline, never in the article's statements."""

from __future__ import annotations

import datetime as dt

from forecast.language.extract import extract_claims
from forecast.language.furniture import furniture_lines
from forecast.reading.article import Article

TEXT = (
    "Army will not use force\n"
    "Officials said the army will not use force against protesters.\n"
    "Army will 'not use force'\n"
    "Related: Protesters will march on Friday.\n"
    "The president may address the nation on Friday.\n"
)


def test_headings_and_related_lines_are_furniture_but_not_the_headline():
    lines = [TEXT[start:end] for start, end in furniture_lines(TEXT)]
    assert lines == ["Army will 'not use force'", "Related: Protesters will march on Friday."]


def test_no_claim_is_read_from_furniture(nlp):
    del nlp  # extract_claims parses with the same model; skip when there is none
    claims = extract_claims(Article(TEXT, published=dt.date(2011, 2, 1)))
    furniture = furniture_lines(TEXT)
    assert claims
    assert not any(
        start <= claim.sentence_span[0] < end for claim in claims for start, end in furniture
    )
    assert any("address" in claim.event for claim in claims)


PAGE = (
    "Port strike enters second week\n"
    "\n"
    "Dock workers picket the north gate on Monday. Photo: Lena Ruiz.\n"
    "\n"
    "The harbour master tells reporters how the cranes will be moved to the new quay\n"
    "\n"
    "We will not return until the contract is signed.\n"
    "\n"
    "\u2014 union spokesman\n"
    "\n"
    'The union\'s leader said: "The notion that we will give in is simply far-fetched"\n'
    "\n"
    "The port authority may seek an injunction on Friday.\n"
)


def test_captions_and_pull_quotes_are_furniture():
    lines = [PAGE[start:end] for start, end in furniture_lines(PAGE)]
    assert lines == [
        "Dock workers picket the north gate on Monday. Photo: Lena Ruiz.",
        "The harbour master tells reporters how the cranes will be moved to the new quay",
        "We will not return until the contract is signed.",
        "\u2014 union spokesman",
    ]


def test_a_paragraph_ending_in_a_quote_mark_is_a_statement():
    lines = [PAGE[start:end] for start, end in furniture_lines(PAGE)]
    assert not any("far-fetched" in line for line in lines)
    assert not any("injunction" in line for line in lines)
