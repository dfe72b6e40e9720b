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
from tests.language.trap_cases import CASES

AGAINST_BELOW = 1 / 3
UNDECIDED = (0.4, 0.6)


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


@pytest.mark.parametrize(
    "sentence",
    [
        "Do you think the bailout bill will help the economy?",
        "Will the president visit Japan next month?",
        "What measures should the EU take to protest?",
    ],
)
def test_questions_assert_nothing(nlp, sentence):
    readings = read_doc(nlp(sentence), load_lexicon())
    assert readings and not any(r.forward for r in readings)


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The minister has urged farmers not to burn the stubble.", "burn"),
        ("Aid groups called on both armies not to shell the city.", "shell"),
        ("The report recommends that the council not sell the park.", "sell"),
    ],
)
def test_appeal_against_an_act_leans_against_it(nlp, sentence, lemma):
    found = reading(nlp, sentence, lemma)
    assert found.construction == "appeal" and found.negated and found.forward
    assert expit(found.logit_mean) < 0.5


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The coach called the referee a cheat.", "cheat"),
        ("Abe is expected to ask Trump to urge Kim to free the hostages.", "free"),
        ("She called her sister to arrange the trip.", "arrange"),
        ('"Voters should stay at home," the mayor said.', "stay"),
    ],
)
def test_no_appeal_without_a_call_made(nlp, sentence, lemma):
    """A call on no one to act, an appeal still to be made, or a quoted "should" (the
    speaker's own voice, not a call the writer reports) is no appeal."""
    found = [r for r in read_doc(nlp(sentence), load_lexicon()) if r.lemma == lemma]
    assert all(r.construction != "appeal" for r in found)


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("What we propose is to merge the two offices.", "merge"),
        ("What the party wants is to win back the north.", "win"),
        ("What I am suggesting is to bring the factory closer to the office.", "bring"),
    ],
)
def test_pseudo_cleft_is_not_a_plan(nlp, sentence, lemma):
    """ "What we do is to take": a description of an aim, not "is to" (an arrangement)."""
    found = reading(nlp, sentence, lemma)
    assert "is to" not in found.cues and not found.forward


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The report to be released on Friday will name the firms.", "release"),
        ("Ministers discussed the new stadium to be built near the river.", "build"),
        # the parser folds "due to" into one subordinator of the participle
        ("Farmers oppose the levy due to be raised in April.", "raise"),
        ("The council met to discuss a road due to be widened next year.", "widen"),
    ],
)
def test_a_nouns_passive_infinitive_is_yet_to_be_done(nlp, sentence, lemma):
    """ "the stadium to be built": an arrangement ahead, read as "is to"."""
    found = reading(nlp, sentence, lemma)
    assert "is to" in found.cues and found.forward


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("She was the first woman to be elected to the council.", "elect"),
        ("He became the third minister to be sacked this year.", "sack"),
        ("The oldest bridge to be restored in the city reopened.", "restore"),
    ],
)
def test_a_ranked_nouns_passive_infinitive_is_a_record(nlp, sentence, lemma):
    """ "the first woman to be elected": an ordinal or superlative ranks what was done."""
    found = reading(nlp, sentence, lemma)
    assert "is to" not in found.cues and not found.forward


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("He vowed never to return to the island.", "return"),
        ("The rebels promised never again to attack the capital.", "attack"),
        ("The club pledged never again to play in the old stadium.", "play"),
        ("The minister agreed never again to raise the tax.", "raise"),
    ],
)
def test_a_negator_between_a_commitment_and_its_act_negates_the_act(nlp, sentence, lemma):
    """ "vowed never again to attack": the parser hangs "never" on the vow or on "again"."""
    found = reading(nlp, sentence, lemma)
    assert found.negated and expit(found.logit_mean) < AGAINST_BELOW and found.forward


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The mayor said that the bridge could not be reopened.", "reopen"),
        ("Doctors told reporters the patient could not be moved.", "move"),
        ("The union said its members could not accept the offer.", "accept"),
    ],
)
def test_a_reported_could_not_is_an_inability_ahead(nlp, sentence, lemma):
    """ "said the bridge could not be reopened": the speaker's "cannot", put in the past."""
    found = reading(nlp, sentence, lemma)
    assert found.construction == "refusal" and found.forward
    assert expit(found.logit_mean) < AGAINST_BELOW


@pytest.mark.parametrize(
    ("sentence", "lemma", "forward"),
    [
        ("She said the team could not expect to win the cup.", "win", True),
        ("He said the bank could not hope to recover the loans.", "recover", True),
        ("The party couldn't risk losing its majority.", "lose", False),
    ],
)
def test_a_governors_could_not_is_an_inability(nlp, sentence, lemma, forward):
    """ "couldn't risk losing": not a weak possibility turned round into a likely loss."""
    found = reading(nlp, sentence, lemma)
    assert found.construction == "refusal" and found.forward is forward
    assert expit(found.logit_mean) < AGAINST_BELOW


@pytest.mark.parametrize(
    ("sentence", "lemma", "family"),
    [
        # a "to" infinitive joined to a clause with none: what the act asked for is for
        (
            "The union asked that the city open a new shelter and to cut waiting times.",
            "cut",
            "plain",
        ),
        # two infinitives joined: two acts asked for
        (
            "The envoy urged both armies to withdraw their tanks and to free the prisoners.",
            "free",
            "appeal",
        ),
    ],
)
def test_an_infinitive_joined_to_a_clause_without_one_is_its_purpose(nlp, sentence, lemma, family):
    assert reading(nlp, sentence, lemma).construction == family


@pytest.mark.parametrize(
    ("sentence", "lemma", "forward"),
    [
        # an overtaken plan a joined clause says is still to be carried out: still open
        (
            "The mayor was initially supposed to open the bridge, but hasn't yet done so.",
            "open",
            True,
        ),
        ("The band was originally scheduled to play in Leeds but has yet to do so.", "play", True),
        # overtaken, and nothing says it is still to come
        ("The mayor was initially supposed to open the bridge, but fell ill.", "open", False),
    ],
)
def test_a_lapsed_plan_not_yet_done_is_still_open(nlp, sentence, lemma, forward):
    found = reading(nlp, sentence, lemma)
    assert found.construction == "lapsed_plan" and found.forward is forward


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The results will be announced when counting ends.", "announce"),
        ("The winners were announced after the jury met.", "announce"),
        ("The new rules will be announced once the board approves them.", "announce"),
    ],
)
def test_a_passive_report_with_a_time_clause_is_the_event(nlp, sentence, lemma):
    """ "the results will be announced when counting ends": the announcing is the event; a
    passive with its own subject frames only a complement."""
    assert not reading(nlp, sentence, lemma).frame


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The rebels say they are prepared to sign the truce.", "sign"),
        ("The club is prepared to sell its captain.", "sell"),
        ("Both sides seem prepared to resume talks.", "resume"),
    ],
)
def test_a_participle_tagged_an_adjective_still_governs(nlp, sentence, lemma):
    """ "prepared" with the lemma "prepared" is the table's "prepare"."""
    found = reading(nlp, sentence, lemma)
    assert "is preparing to" in found.cues and found.forward


@pytest.mark.parametrize(
    ("sentence", "lemma", "forward"),
    [
        ("She is said to be leaving the party soon.", "leave", True),
        ("The rebels are reported to be moving toward the capital next week.", "move", True),
        ("The minister is said to have resigned.", "resign", False),
    ],
)
def test_a_reports_passive_tells_its_infinitive_as_hearsay(nlp, sentence, lemma, forward):
    """ "is said to be leaving soon": a report of a happening, with the report's own time; not
    an infinitive nobody asserts."""
    found = reading(nlp, sentence, lemma)
    assert found.cues == ("reportedly",) and found.forward is forward


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ('She spoke for an hour, calling on the miners to "end the strike now".', "end"),
        ('He left the stage, calling on the crowd to "go home peacefully".', "go"),
        ('She ended her speech by calling on the young to "vote in large numbers".', "vote"),
    ],
)
def test_an_act_hung_on_the_one_called_on_is_the_appeals(nlp, sentence, lemma):
    """The parser may hang a quoted infinitive on the one an appeal calls on."""
    found = reading(nlp, sentence, lemma)
    assert found.construction == "appeal" and found.forward


@pytest.mark.parametrize(
    ("sentence", "forward"),
    [
        ("The two leaders will have talks in Oslo.", True),
        ("The council will have a vote on the budget.", True),
        ("We'll have a meeting after lunch.", True),
        ("The city will have a new mayor.", False),
    ],
)
def test_having_an_event_is_a_happening(nlp, sentence, forward):
    """ "will have talks" is a happening ahead; "will have a new mayor" a state."""
    assert reading(nlp, sentence, "have").forward is forward


@pytest.mark.parametrize(
    ("sentence", "lemma", "family"),
    [
        ("It is time for the council to act.", "act", "appeal"),
        ("It is time to end the strike.", "end", "appeal"),
        ("The union says it is time for the owners to sell the club.", "sell", "appeal"),
        # told in the past, a speech act, or a time of something else: no call
        ("It was time for him to leave.", "leave", "plain"),
        ("It is time to say goodbye.", "say", "plain"),
        ("I remember the time when we met.", "meet", "plain"),
    ],
)
def test_it_is_time_to_act_calls_for_the_act(nlp, sentence, lemma, family):
    found = reading(nlp, sentence, lemma)
    assert found.construction == family and found.forward is (family == "appeal")


@pytest.mark.parametrize(
    ("sentence", "lemma", "cue"),
    [
        ("The ministers are preparing a statement on the crisis.", "statement", "is preparing to"),
        ("The rebels want a change of leadership.", "change", "wants to"),
        ("The board plans a change of strategy next year.", "change", "plans to"),
    ],
)
def test_a_statement_or_a_change_planned_is_an_event(nlp, sentence, lemma, cue):
    found = reading(nlp, sentence, lemma)
    assert cue in found.cues and found.forward


@pytest.mark.parametrize(
    ("sentence", "lemma", "forward"),
    [
        ("The club loses its licence if it misses the deadline.", "lose", True),
        ("He faces prison if he returns to the country.", "face", True),
        ("Smith misses the final if the ban stands.", "misse", True),
        # a condition put first, or none: the present stays the present
        ("If prices rise, the bank raises rates.", "raise", False),
        ("The mayor faces a recall vote.", "face", False),
    ],
)
def test_a_present_with_an_if_clause_after_it_is_a_future(nlp, sentence, lemma, forward):
    """ "faces prison if he returns": the first conditional's consequence, a "will"."""
    found = reading(nlp, sentence, lemma)
    assert found.forward is forward and (("will" in found.cues) is forward)


@pytest.mark.parametrize(
    ("sentence", "lemma", "cue"),
    [
        ("The party has planned a series of rallies in the north.", "rally", "plans to"),
        ("Officials expect a round of talks next month.", "talk", "is expected to"),
        ("The band plans a number of concerts in May.", "concert", "plans to"),
        ("A number of protests took place last week.", "protest", None),
    ],
)
def test_an_event_counted_by_its_noun_is_read_through_that_nouns_verb(nlp, sentence, lemma, cue):
    """ "planned a number of conferences": the number's verb plans the conferences."""
    found = reading(nlp, sentence, lemma)
    assert found.forward is (cue is not None) and (cue is None or cue in found.cues)


@pytest.mark.parametrize(
    ("sentence", "lemma", "forward"),
    [
        ("The firm is looking to sell its stake in the bank.", "sell", True),
        ("The party looks to win back the north.", "win", True),
        ("The race looks to be close.", "close", False),
    ],
)
def test_looking_to_act_aims_at_the_act(nlp, sentence, lemma, forward):
    """ "is looking to sell": an aim; "looks to be close": a likeness, no aim."""
    found = reading(nlp, sentence, lemma)
    assert ("aims to" in found.cues) is forward and found.forward is forward


def test_an_update_promised_is_an_event(nlp):
    found = reading(nlp, "The minister promised an update on the talks.", "update")
    assert "confirmed" in found.cues and found.forward


@pytest.mark.parametrize(
    ("sentence", "lemma", "forward"),
    [
        ("Moscow has threatened Kiev with sanctions if talks fail.", "sanction", True),
        ("Brussels threatened London with a ban on exports.", "ban", True),
        ("The union has threatened Ford with a strike.", "strike", True),
        ("The guard greeted the visitors with a speech.", "speech", False),
    ],
)
def test_what_someone_is_threatened_with_is_the_threat(nlp, sentence, lemma, forward):
    found = reading(nlp, sentence, lemma)
    assert ("possibly" in found.cues) is forward and found.forward is forward


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("Analysts are skeptical that the two leaders will reach a deal.", "reach"),
        ("Experts are doubtful that the bridge will open in May.", "open"),
        ("Many remain sceptical the talks will succeed.", "succeed"),
    ],
)
def test_a_sceptic_doubts_the_event(nlp, sentence, lemma):
    """ "are skeptical that they will reach a deal": the doubt, not the "will", wins."""
    found = reading(nlp, sentence, lemma)
    assert "we doubt" in found.cues and expit(found.logit_mean) < AGAINST_BELOW


@pytest.mark.parametrize(
    ("sentence", "lemma", "cue"),
    [
        ("Wishing to avoid a war, the king will sign the treaty.", "avoid", "wishes to"),
        ("Hoping to win votes, the party will cut taxes.", "win", "hopes to"),
        ("Planning to expand abroad, the firm will open an office in Lima.", "expand", "plans to"),
    ],
)
def test_opening_gerund_governs_its_clause(nlp, sentence, lemma, cue):
    """A gerund the tagger calls a noun ("Wishing", lemma "wishing") still reads as its verb."""
    assert cue in reading(nlp, sentence, lemma).cues


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The museum offers tours to schools that want to visit the vault.", "visit"),
        ("He backed a tax, which could help change habits.", "help"),
        ("Jobs went to those who were willing to work nights.", "work"),
    ],
)
def test_hedge_in_a_relative_clause_describes_its_noun(nlp, sentence, lemma):
    assert not reading(nlp, sentence, lemma).forward


def test_future_in_a_relative_clause_is_ahead(nlp):
    found = reading(nlp, "Crews prepared the shuttle, which will launch in May.", "launch")
    assert found.forward


@pytest.mark.parametrize(
    ("sentence", "lemma", "cue"),
    [
        ("The rebels are determined to hold the city.", "hold", "intends to"),
        ("Troops were ready to evacuate the town.", "evacuate", "is preparing to"),
        ("She expressed a desire to run for mayor.", "run", "wants to"),
        ("The plan is part of an effort to clear the backlog.", "clear", "aims to"),
        ("Observers are anticipated to arrive on Monday.", "arrive", "is expected to"),
    ],
)
def test_adjective_and_noun_governors_hedge_their_clause(nlp, sentence, lemma, cue):
    found = reading(nlp, sentence, lemma)
    assert cue in found.cues and found.forward


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The vote may be delayed.", "vote"),
        ("The summit could be called off.", "summit"),
        ("The festival might be postponed again.", "festival"),
    ],
)
def test_hedged_cancellation_is_no_stronger_than_its_hedge(nlp, sentence, lemma):
    """ "may be delayed": the event, as likely as the hedge denies it (1 - P(may))."""
    found = reading(nlp, sentence, lemma)
    assert found.construction == "cancellation" and found.negated
    assert expit(found.logit_mean) == pytest.approx(
        1 - expit(load_lexicon()[found.cues[0]].logit_mean)
    )


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The hotel fills up fast, so please book your room early.", "book"),
        ("Read the notice and call the office before noon.", "call"),
        ("Check the timetable, then take the first train.", "take"),
    ],
)
def test_a_command_does_not_say_its_act_happens(nlp, sentence, lemma):
    prob = expit(reading(nlp, sentence, lemma).logit_mean)
    assert UNDECIDED[0] <= prob <= UNDECIDED[1]


def test_a_statement_with_a_subject_is_no_command(nlp):
    assert expit(reading(nlp, "Delegates book their rooms early.", "book").logit_mean) > 0.8


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("When was the bridge opened?", "open"),
        ("And why did the council close the library?", "close"),
        ("Well, who won the election?", "win"),
    ],
)
def test_a_wh_question_takes_its_event_as_given(nlp, sentence, lemma):
    found = reading(nlp, sentence, lemma)
    assert found.construction == "plain" and expit(found.logit_mean) > 0.8


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("What should the council build?", "build"),
        ("Do you know when the bridge opened?", "open"),
        ("Will the minister resign?", "resign"),
    ],
)
def test_modal_embedded_and_yes_no_questions_stay_open(nlp, sentence, lemma):
    assert reading(nlp, sentence, lemma).construction == "question"


def test_an_auxiliary_tagged_as_a_verb_is_no_predicate(nlp):
    lemmas = [r.lemma for r in read_doc(nlp("So how did the council pay for it?"), load_lexicon())]
    assert "do" not in lemmas and "pay" in lemmas


@pytest.mark.parametrize(
    ("sentence", "lemma", "cue"),
    [
        ("Guests must sign the book before leaving.", "leave", "must"),
        ("You can vote when you turn eighteen.", "turn", "can"),
        ("Please lock the door when you leave.", "leave", "about even"),
    ],
)
def test_a_time_clause_borrows_its_main_clauses_mood(nlp, sentence, lemma, cue):
    assert reading(nlp, sentence, lemma).cues == (cue,)


def test_a_time_clause_under_a_future_is_ahead(nlp):
    found = reading(nlp, "She will call you when she lands.", "land")
    assert found.cues == ("will",) and found.forward


def test_a_time_clause_under_an_assertion_is_asserted(nlp):
    found = reading(nlp, "Guests signed the book before leaving.", "leave")
    assert found.construction == "plain" and expit(found.logit_mean) > 0.8


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The minister will visit Tokyo next week.", "visit"),
        ("Please call the office before noon.", "call"),
        ("The board wants to sell the stadium.", "sell"),
    ],
)
def test_an_event_ahead_commanded_or_intended_has_not_happened(nlp, sentence, lemma):
    found = reading(nlp, sentence, lemma)
    assert expit(found.happened_logit) < AGAINST_BELOW < expit(found.logit_mean)


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The minister visited Tokyo last week.", "visit"),
        ("The minister may have visited Tokyo.", "visit"),
        ("The minister did not visit Tokyo.", "visit"),
    ],
)
def test_an_event_of_the_past_happened_as_likely_as_it_is(nlp, sentence, lemma):
    found = reading(nlp, sentence, lemma)
    assert found.happened_logit == found.logit_mean


def test_a_negated_command_with_its_own_do_is_a_command(nlp):
    found = reading(nlp, "Please don't park here.", "park")
    assert found.cues == ("about even",) and expit(found.happened_logit) < AGAINST_BELOW


def test_a_participle_with_no_time_word_keeps_its_own_mood(nlp):
    found = reading(
        nlp, "The army will stay, acknowledging the rights of the people.", "acknowledge"
    )
    assert "will" not in found.cues and not found.forward


@pytest.mark.parametrize(
    ("sentence", "lemma", "forward"),
    [
        # a state under a bare modal, no one's view: a description, not a happening
        ("The new stadium would be larger than the old one.", "large", False),
        ("Such a tax might be popular with voters.", "popular", False),
        ("A second bridge could be a landmark for the town.", "landmark", False),
        ("The bridge would have a new name.", "have", False),
        # a contribution to an outcome, told by no one: a graded effect
        ("The new levy will help reduce waste.", "help", False),
        ("Cheaper fares could help fill the trains.", "help", False),
        # a state or effect someone foresees, a future fact, an ability to act: ahead
        ("Analysts think the merger might be costly.", "costly", True),
        ("The mayor said the bridge would be ready by June.", "ready", True),
        ("The new ferry will be the largest in the fleet.", "large", True),
        ("The two sides would be able to sign a deal.", "able", True),
        ("A spokesman explained the grant will help rebuild the school.", "help", True),
        # a "would" seen from a past moment of the story, reported by no one: narration
        ("The club sold its striker in May, fearing he would leave for free.", "leave", False),
        ("The firm received a letter warning that the plant would be closed.", "close", False),
        # the content of a finite verb is reported; a main-clause "would" is the writer's
        ("The mayor made clear that the tax would rise.", "rise", True),
        ("The ferry would leave at noon.", "leave", True),
        # a speech act the speaker wants to perform is done in the saying
        ("We want to thank all the volunteers.", "thank", False),
        ("The club wants to thank its fans in person.", "thank", True),
    ],
)
def test_a_modal_is_ahead_only_on_a_happening_someone_foresees(nlp, sentence, lemma, forward):
    assert reading(nlp, sentence, lemma).forward is forward


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("To save time, the mayor has not commented on the budget.", "save"),
        ("The coach told reporters when asked about the transfer: no comment.", "ask"),
    ],
)
def test_not_saying_leaves_open_only_what_was_not_said(nlp, sentence, lemma):
    """A purpose clause is why nothing was said; a time clause's own asking verb opens nothing."""
    assert reading(nlp, sentence, lemma).construction != "open_question"


def test_a_clause_head_the_tagger_calls_a_noun_is_still_an_event(nlp):
    """Only a clause takes a subordinator: "that a lasting peace emerges" holds an event,
    though the tagger may read "emerges" as a plural noun."""
    found = reading(nlp, "We hope that a lasting peace emerges from the talks.", "emerge")
    assert found.forward and "hopes to" in found.cues


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The tourists tried to book a table.", "book"),
        ("The square is a quiet spot to read.", "read"),
        ("Our neighbours had to sell the van.", "sell"),
    ],
)
def test_an_infinitive_nothing_known_governs_may_have_happened(nlp, sentence, lemma):
    """Not asserted, not commanded: whether it happened is as even as whether it happens."""
    found = reading(nlp, sentence, lemma)
    assert found.cues == ("about even",)
    assert found.happened_logit == found.logit_mean


@pytest.mark.parametrize(
    ("sentence", "lemma", "happened"),
    [
        ("The volunteers managed to repair the roof.", "repair", True),
        ("The clerk was able to find the missing file.", "find", True),
        ("The council began to resurface the road.", "resurface", True),
        ("I used to live near the harbour.", "live", True),
        ("The grocer kept selling bread after the fire.", "sell", True),
        ("We had the curtains cleaned last spring.", "clean", True),
        ("The clerk was not able to find the missing file.", "find", False),
        ("The crew will be able to repair the bridge.", "repair", False),
        ("Keep washing the dishes.", "wash", False),
    ],
)
def test_an_implicative_or_participle_complement_shares_its_governor(
    nlp, sentence, lemma, happened
):
    """ "managed to", "was able to", "kept -ing", "had it cleaned": the complement happens when
    its governor does; negated, ahead or commanded with it."""
    found = reading(nlp, sentence, lemma)
    assert "about even" not in found.cues or not happened
    assert (expit(found.happened_logit) > 0.8) is happened
    assert (expit(found.happened_logit) < AGAINST_BELOW) is not happened


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("You can buy tickets at the station.", "buy"),
        ("Visitors should book a table in advance.", "book"),
        ("The committee must approve the budget.", "approve"),
    ],
)
def test_an_ability_or_a_duty_is_no_deed_done(nlp, sentence, lemma):
    found = reading(nlp, sentence, lemma)
    assert expit(found.happened_logit) < AGAINST_BELOW < expit(found.logit_mean)


@pytest.mark.parametrize(
    ("sentence", "stated", "asked"),
    [
        ("My cat escaped last night ... what should I do now?", "escape", "do"),
        ("The boiler broke; can anyone recommend a plumber?", "break", "recommend"),
        ("We sold the old van , so should we rent one now ?", "sell", "rent"),
    ],
)
def test_a_question_asks_only_its_own_clause(nlp, sentence, stated, asked):
    """A statement run on before a question mark stays a statement."""
    assert reading(nlp, sentence, stated).construction == "plain"
    assert reading(nlp, sentence, asked).construction == "question"


@pytest.mark.parametrize(
    ("sentence", "lemma", "planned"),
    [
        ("We are flying to Lisbon for the wedding.", "fly", True),
        ("I am moving to Leeds in the spring.", "move", True),
        ("They are visiting their aunt in June.", "visit", True),
        ("The troops are moving toward the border.", "move", False),
        ("We are going on with the work.", "go", False),
    ],
)
def test_a_present_progressive_of_going_with_a_person_is_a_plan(nlp, sentence, lemma, planned):
    found = reading(nlp, sentence, lemma)
    assert found.forward is planned
    assert (expit(found.happened_logit) < AGAINST_BELOW) is planned


@pytest.mark.parametrize(
    ("sentence", "lemma", "asks_for_an_act"),
    [
        ("Can you recommend a good dentist in Leeds?", "recommend", True),
        ("What should we cook for the party?", "cook", True),
        ("Will the ferry run on Sunday?", "run", True),
        ("Is there a quiet place to read near the station?", "read", True),
        ("Did the ferry run on Sunday?", "run", False),
        ("Could the ferry have run on Sunday?", "run", False),
    ],
)
def test_a_question_with_a_modal_asks_for_an_act_not_yet_done(
    nlp, sentence, lemma, asks_for_an_act
):
    """A request or a deliberation presents nothing as done; a plain or perfect question
    keeps its even chance."""
    found = reading(nlp, sentence, lemma)
    assert found.construction == "question"
    assert (expit(found.happened_logit) < AGAINST_BELOW) is asks_for_an_act


@pytest.mark.parametrize(
    ("sentence", "lemma", "cue", "asked_for"),
    [
        ("The landlord asked us to repaint the hall.", "repaint", "called for", True),
        ("The guard allowed the visitors to park by the gate.", "park", "about even", True),
        ("We need to renew our passports.", "renew", "about even", True),
        ("The firm invited its staff to join the scheme.", "join", "called for", True),
        ("The tourists tried to book a table.", "book", "about even", False),
    ],
)
def test_an_act_asked_for_allowed_or_needed_is_not_done_yet(nlp, sentence, lemma, cue, asked_for):
    """A directive or a need governs an act still to be done (a request to someone is an
    appeal for it); "tried to" leaves it even."""
    found = reading(nlp, sentence, lemma)
    assert found.cues == (cue,)
    assert (expit(found.happened_logit) < AGAINST_BELOW) is asked_for


@pytest.mark.parametrize(
    ("sentence", "lemma", "named"),
    [
        ("Owning a boat costs a fortune.", "owning", True),
        ("They talked about moving to Spain.", "move", True),
        ("She took the bus instead of driving to work.", "drive", True),
        ("The brochure promised the thrill of sailing past the cliffs.", "sailing", True),
        ("After closing the shop, she went home.", "close", False),
        ("Thanks for calling us yesterday.", "call", False),
    ],
)
def test_a_gerund_that_names_an_act_does_not_tell_it(nlp, sentence, lemma, named):
    """A gerund subject, or one after "of", "about", "instead of": as even as an infinitive;
    after "after" or "for" it is told."""
    found = reading(nlp, sentence, lemma)
    assert (found.cues == ("about even",)) is named
    assert (expit(found.happened_logit) > 0.8) is not named


@pytest.mark.parametrize(
    ("sentence", "main", "compared"),
    [
        ("It looks as if the storm has passed.", "look", "pass"),
        ("It seems as if the bakery has closed for good.", "seem", "close"),
        ("The manager acts as though the shop is closing.", "act", "close"),
    ],
)
def test_as_if_compares_and_sets_no_condition(nlp, sentence, main, compared):
    """ "as if", "as though": an appearance, not a condition; the main verb is no future."""
    assert reading(nlp, sentence, main).construction == "plain"
    found = reading(nlp, sentence, compared)
    assert found.construction == "hedged" and found.cues == ("seems",)


@pytest.mark.parametrize(
    ("sentence", "lemma", "perceived"),
    [
        ("As you can see, the roof needs repairs.", "see", True),
        ("I can tell you that the shop is closed.", "tell", True),
        ("The only receipt I can find is from May.", "find", True),
        ("You can buy tickets at the station.", "buy", False),
    ],
)
def test_can_on_a_verb_of_perceiving_or_saying_is_the_act(nlp, sentence, lemma, perceived):
    """ "as you can see" is a seeing, not an ability: it keeps its chance; "you can buy" is no
    deed done."""
    found = reading(nlp, sentence, lemma)
    assert found.cues == ("can",)
    assert (found.happened_logit == found.logit_mean) is perceived
    assert (expit(found.happened_logit) < AGAINST_BELOW) is not perceived


@pytest.mark.parametrize(
    ("sentence", "lemma", "ahead"),
    [
        ("The tenants will have to leave the flat.", "have", True),
        ("The hotel will need a new roof.", "need", True),
        ("The club will show restraint.", "show", True),
        ("My role will remain unchanged.", "remain", False),
    ],
)
def test_a_state_in_the_future_is_not_there_yet(nlp, sentence, lemma, ahead):
    """No happening to forecast, yet not there; a course kept ("will remain") holds now."""
    found = reading(nlp, sentence, lemma)
    assert not found.forward and found.cues == ("will",)
    assert (expit(found.happened_logit) < AGAINST_BELOW) is ahead
