"""The parse's word on cue-driven claims (:mod:`forecast.language.reconcile`), on sentences
written for this suite: a cue word with no forward event under it in the parse is background;
a plan under way when reported is live; appeals and "is to" arrangements become claims."""

from __future__ import annotations

import datetime as dt

import pytest

from forecast.language.extract import extract_claims
from forecast.language.lexicon import load_lexicon
from forecast.reading.article import Article
from tests.language.extract_helpers import check_spans

PUBLISHED = dt.date(2018, 5, 13)
LEXICON = load_lexicon()


def forward_claims(text: str):
    article = Article(text, published=PUBLISHED)
    claims = extract_claims(article, LEXICON)
    check_spans(article, claims, LEXICON)
    return [claim for claim in claims if claim.forward]


@pytest.mark.parametrize(
    "text",
    [
        "What I am proposing is to merge the two offices.",
        "He suggested that the party needed to be more honest with voters.",
        "I think what I saw was certainly not a staged event.",
        "The first to declare his intention to stand was the former mayor.",
    ],
)
def test_cue_word_with_no_event_ahead_is_background(text):
    """The cue-driven reading finds a hedge word; the parse finds nothing ahead under it."""
    assert forward_claims(text) == []


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("The company was planning to open a factory in Ohio.", "open"),
        ("The rebels were preparing to launch an offensive.", "launch"),
        ("The minister was hoping to visit the flooded towns.", "visit"),
    ],
)
def test_plan_under_way_when_reported_is_live(text, predicate):
    assert [claim.predicate for claim in forward_claims(text)] == [predicate]


@pytest.mark.parametrize(
    ("text", "predicate", "negated"),
    [
        ("The union called on the government to raise the minimum wage.", "raise", False),
        ("The minister has urged farmers not to burn the stubble.", "burn", True),
        ("The winners are due to be announced on Sunday.", "announce", False),
        ("The two ministers are to meet again after the holidays.", "meet", False),
    ],
)
def test_appeals_and_arrangements_become_claims(text, predicate, negated):
    (claim,) = forward_claims(text)
    assert claim.predicate == predicate and claim.negated is negated


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("The observers announced that they are planning to visit every province.", "visit"),
        ("The board confirmed on Monday that it is planning to sell the stadium.", "sell"),
        ("The union announced that it is preparing to strike in the autumn.", "strike"),
    ],
)
def test_present_plan_after_a_past_cue_word_is_live(text, predicate):
    """A past cue word ("announced") does not make the present plan under it background."""
    assert predicate in [claim.predicate for claim in forward_claims(text)]


@pytest.mark.parametrize(
    ("text", "event_word"),
    [
        ("The ministry said the country would more than triple its grain exports.", "triple"),
        ("The regulator said bus fares would more than halve by the spring.", "halve"),
        (
            "The fund has planned several workshops, with the first session set to take "
            "place in Lyon on June 3.",
            "session",
        ),
    ],
)
def test_one_cue_word_makes_one_claim(text, event_word):
    """The cue words and the parse may take different words for the head of one event
    ("more" and "triple"); a cue word tells of one event, so one claim is made of it."""
    claims = forward_claims(text)
    assert len(claims) == 1, [(claim.predicate, claim.event) for claim in claims]
    assert event_word in claims[0].event


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        # the refused event is the complement the governor's cue is read on
        ("The chairman said the club couldn't risk losing its best players.", "lose"),
        # an act an appeal asks to be carried on with is one event with its carrying on
        ("The mayor called on the council to keep working on the budget.", "keep"),
        ("The union urged its members to start voting on the offer.", "start"),
    ],
)
def test_a_governor_and_its_complement_make_one_claim(text, predicate):
    claims = forward_claims(text)
    assert [claim.predicate for claim in claims] == [predicate]


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # "today" dates the hearing, a past event with a clause of its own, not the "cannot"
        (
            'The minister said, "It has been the lesson of every talk we have heard today that '
            'peace cannot begin with more weapons."',
            False,
        ),
        (
            'The minister said, "It has been the message of every envoy we have met today that '
            'the war cannot end with a ceasefire alone."',
            False,
        ),
        # a date of the event's own clause still puts it ahead
        ("The mayor said that the new bridge can open to traffic on Friday.", True),
    ],
)
def test_a_date_of_a_past_event_beside_it_does_not_date_the_claim(text, forward):
    assert bool(forward_claims(text)) is forward


def test_two_cue_words_make_two_claims():
    claims = forward_claims("The two sides will meet on Friday and will sign the accord.")
    assert sorted(claim.predicate for claim in claims) == ["meet", "sign"]
