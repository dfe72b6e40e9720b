"""Claims on newswire constructions the seed never shows, each from sentences written for
this suite: dated background, appeals, reporting verbs, negative arguments, generic
consequences."""

from __future__ import annotations

import datetime as dt

from forecast.article import Article
from forecast.language.extract import extract_claims
from forecast.language.lexicon import load_lexicon
from tests.language.extract_helpers import check_spans

PUBLISHED = dt.date(2011, 3, 16)  # a Wednesday
LEXICON = load_lexicon()


def claims_of(text: str):
    article = Article(text, published=PUBLISHED)
    claims = extract_claims(article, LEXICON)
    check_spans(article, claims, LEXICON)
    return claims


def forward_predicates(text: str) -> list[str]:
    return [claim.predicate for claim in claims_of(text) if claim.forward]


def test_a_full_date_cut_by_a_comma_keeps_its_year():
    """ "on March 29, 2007," is four years before the article, not next March."""
    text = "The ordinance was passed on March 29, 2007, by the council of Dunmore."
    assert forward_predicates(text) == []


def test_a_dated_report_stays_background():
    text = "The memo is dated June 2, 2009 and lists the costs of the new depot."
    assert forward_predicates(text) == []


def test_an_appeal_has_no_past_claim_beside_its_act():
    """The act an appeal calls for is the claim; the appeal verb is no second, past one."""
    claims = claims_of("The mayor called on the dockers to end their strike.")
    assert [claim.predicate for claim in claims] == ["end"]
    assert claims[0].forward
