"""Claims on newswire constructions the seed never shows, each from sentences written for
this suite: dated background, appeals, reporting verbs, negative arguments, generic
consequences."""

from __future__ import annotations

import datetime as dt

import spacy
from spacy.tokens import Doc

from forecast.language.claim import Tense
from forecast.language.extract import extract_claims
from forecast.language.lexicon import load_lexicon
from forecast.language.predicates import read_doc, read_text
from forecast.reading.article import Article
from tests.language.extract_helpers import check_spans, cue_names

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


def the_claim(text: str, predicate: str):
    (claim,) = [claim for claim in claims_of(text) if claim.predicate == predicate]
    return claim


def test_a_negative_object_negates_the_event():
    claim = the_claim("The coach said he would name no new players before the final.", "name")
    assert claim.forward and claim.negated and claim.prob < 0.5


def test_a_negative_subject_negates_the_event():
    claim = the_claim("Nobody is expected to attend the ceremony in Lagos.", "attend")
    assert claim.forward and claim.prob < 1 / 3


def test_a_consequence_for_anyone_is_no_forecast():
    for text in (
        "If someone were to open the valve, the tank would drain within minutes.",
        "If a child misses three doses, you will see the rash come back.",
        "As you get older, you will lose some of your hearing.",
        "People who skip breakfast will eat more at lunch.",
        "Those who rent in the city will pay more for less.",
    ):
        assert forward_predicates(text) == [], text


def test_a_condition_on_a_named_actor_still_gives_a_forecast():
    assert "close" in forward_predicates("If the union strikes, the port will close.")
    assert "strike" in forward_predicates("The people who run the port will strike.")


def test_a_date_ahead_anchors_a_consequence_for_anyone():
    text = "If anyone wants a seat, the box office will open on March 20."
    assert "open" in forward_predicates(text)


def test_a_date_ahead_in_a_later_clause_leaves_a_past_act_background():
    assert (
        forward_predicates("The senator filed papers last month to run for governor in 2014.") == []
    )


def test_a_date_ahead_of_the_act_itself_keeps_it_ahead():
    assert forward_predicates("The vote was moved to March 29.") == ["move"]


def test_a_clause_after_though_has_its_own_subject():
    text = "The mayor has few hopes of a quick deal, though she plans to meet the unions."
    claim = the_claim(text, "meet")
    assert claim.event.startswith("she meet"), claim.event


def test_not_necessarily_leaves_the_event_undecided():
    for text in (
        "The ruling will not necessarily end the dispute.",
        "Officials said the vote would not necessarily lead to a strike.",
    ):
        (claim,) = [claim for claim in claims_of(text) if claim.forward]
        assert not claim.negated and [m.cue for m in claim.cues] == ["no decision has been made"]


def test_not_until_a_date_puts_the_event_at_that_date():
    for text, verb in (
        ("The minister is not due to return to Lagos until sometime next week.", "return"),
        ("The plant will not reopen until March 30.", "reopen"),
    ):
        claim = the_claim(text, verb)
        assert not claim.negated and claim.prob > 0.5, text
    assert the_claim("The plant will not reopen.", "reopen").prob < 0.5


def test_what_an_appeal_asks_for_is_the_claim_whatever_the_noun():
    for text, noun in (
        ("The council called for an immediate suspension of the tolls.", "suspension"),
        ("The inspectors advocated the closure of the northern mine.", "closure"),
    ):
        claim = the_claim(text, noun)
        assert claim.forward and claim.construction == "appeal", text


def test_whom_an_appeal_asks_is_no_event():
    predicates = [
        claim.predicate for claim in claims_of("The mayor called on the government to act.")
    ]
    assert "government" not in predicates


def test_a_participle_beside_a_desire_noun_is_not_desired():
    """ "sent her wishes, saying it will rain": the rain is said, not wished (a hand-made
    parse, so that the rule is tested whatever the shipped parser makes of it)."""
    words = ["She", "sent", "her", "wishes", "saying", "it", "will", "rain", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[1, 1, 3, 1, 3, 7, 7, 4, 1],
        deps=["nsubj", "ROOT", "nmod:poss", "obj", "acl", "nsubj", "aux", "ccomp", "punct"],
        pos=["PRON", "VERB", "PRON", "NOUN", "VERB", "PRON", "AUX", "VERB", "PUNCT"],
        tags=["PRP", "VBD", "PRP$", "NNS", "VBG", "PRP", "MD", "VB", "."],
        lemmas=["she", "send", "her", "wish", "say", "it", "will", "rain", "."],
        morphs=["", "Tense=Past|VerbForm=Fin", "", "", "VerbForm=Ger", "", "VerbForm=Fin",
                "VerbForm=Inf", ""],
    )  # fmt: skip
    (rain,) = [reading for reading in read_doc(doc, LEXICON) if reading.lemma == "rain"]
    assert "wishes to" not in rain.cues


def test_the_plain_present_with_a_date_ahead_is_a_scheduled_happening():
    for text, verb in (
        ("The ferry to Oban, which leaves on March 30, is fully booked.", "leave"),
        ("Ms Ruiz, who turns 60 later this month, led the union for a decade.", "turn"),
    ):
        claim = the_claim(text, verb)
        assert claim.tense is Tense.FACT and claim.prob > 0.5, text


def test_the_present_about_the_present_is_no_schedule():
    assert forward_predicates("Now that we are in 2011, the old rules no longer hold.") == []


def test_a_negative_object_of_a_state_leaves_the_state_asserted():
    readings = read_text("The mayor has no doubt about the result.", LEXICON)
    assert [(r.lemma, r.negated) for r in readings] == [("have", False)]
    readings = read_text("The mayor will call no witnesses.", LEXICON)
    assert [(r.lemma, r.negated) for r in readings] == [("call", True)]


def test_a_noun_still_governs_the_question_it_introduces():
    (claim,) = claims_of("There are doubts about how quickly the council will act.")
    assert claim.construction == "open_question"


def test_two_cues_on_one_event_make_one_claim():
    """ "seems increasingly likely that the strike is coming to an end": one event, read
    once, no more confident than its weaker cue."""
    text = "An analyst said it now seems increasingly likely that the strike is coming to an end."
    (claim,) = [claim for claim in claims_of(text) if claim.forward]
    assert claim.event == "the strike is coming to an end" and claim.prob <= 0.6 + 1e-6
    assert {"seems", "likely"} <= {match.cue for match in claim.cues}


def test_a_polite_wish_is_the_cue_and_its_infinitive_the_event():
    """ "would like to visit": the wish hedges the visit; "like" is no event ahead."""
    for text, verb in (
        ("The minister said she would like to visit the flooded towns next week.", "visit"),
        ("The coach would love to sign a new striker next month.", "sign"),
    ):
        forward = [claim for claim in claims_of(text) if claim.forward]
        assert [(claim.predicate, cue_names(claim)) for claim in forward] == [
            (verb, ["wants to"])
        ], text


def test_a_would_describing_what_a_past_report_names_is_reported_future():
    """ "announced the towns that would receive": the announcement's future in the past;
    a "would" describing a noun nobody reports stays a description."""
    (claim,) = [c for c in claims_of("The ministry announced the towns that would receive "
                                     "new clinics.") if c.forward]  # fmt: skip
    assert claim.predicate == "receive" and claim.construction == "reported_future"
    assert forward_predicates("The ministry built the towns that would receive new clinics.") == []


def test_the_shell_of_a_counter_hedge_is_no_event_of_its_own():
    """ "it will not be long before the bridge opens": one claim, on the opening."""
    text = "The minister adds that it will not be long before the new bridge opens to traffic."
    claims = extract_claims(Article(text, published=PUBLISHED), LEXICON)
    assert [(c.predicate, c.construction) for c in claims if c.forward] == [
        ("open", "counter_hedge")
    ]


def test_an_event_read_through_its_shell_keeps_only_the_dates_of_its_own_clause():
    """The surgery's "last Monday" dates the surgery, not the return it will not be long
    before: the return stays ahead, with no date of its own."""
    text = (
        "The senator is recovering well after surgery last Monday and her aides say it will "
        "not be long before she returns to work."
    )
    claims = extract_claims(Article(text, published=PUBLISHED), LEXICON)
    (claim,) = [c for c in claims if c.forward]
    assert (claim.predicate, claim.dates) == ("return", ())


def test_a_modal_with_no_verb_of_its_own_hedges_nothing():
    """ "all he could to defeat": an ellipsis of "all he could do"; the "could" is no hedge
    on the defeat, whatever the parse attaches it to."""
    text = "He pledged to do all he could to defeat the levy in coming months."
    claims = extract_claims(Article(text, published=PUBLISHED), LEXICON)
    assert not [c.predicate for c in claims if "could" in cue_names(c)]


def test_an_event_noun_in_a_compound_is_read_through_its_head_nouns_verb():
    """ "will scrap the interview stage": the interviews are called off."""
    readings = read_text("The agency will scrap the interview stage for most applicants.", LEXICON)
    (interview,) = [r for r in readings if r.lemma == "interview"]
    assert interview.construction == "cancellation" and interview.forward


def test_the_and_an_adjective_before_is_to_name_the_act_not_a_plan():
    """ "the first was to repeal": which act came first, not a plan; "many are to be
    evacuated" and "the first vote is to be held" are plans."""
    for text, expected in (
        ("The first was to repeal the tax on fuel.", []),
        ("The best is to wait for the rain.", []),
        ("Many are to be evacuated on March 20.", ["be evacuated"]),
        ("The first vote is to be held on May 2.", ["be held"]),
    ):
        claims = extract_claims(Article(text, published=PUBLISHED), LEXICON)
        assert [c.predicate for c in claims if c.forward] == expected, text
