"""Traps written for this suite: forward-looking words over no happening to forecast
(conduct, a called-for state, a kind's tendency, a "be to" that names a way out)."""

from __future__ import annotations

import datetime as dt

import pytest

from forecast.language.extract import extract_claims
from forecast.language.lexicon import load_lexicon
from forecast.reading.article import Article

PUBLISHED = dt.date(2018, 5, 13)
LEXICON = load_lexicon()


def forward_events(text: str) -> list[str]:
    article = Article(text, published=PUBLISHED)
    claims = extract_claims(article, LEXICON)
    return [claim.event for claim in claims if claim.forward]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # conduct or effort: how someone will act, no outcome to check
        ("The coach promised to do everything he could to win back the fans.", ""),
        ("Both unions vowed to do more for part-time staff.", ""),
        ("We will make every effort to keep the library open.", "keep"),
        ("The envoy urged both armies to exercise restraint along the river.", ""),
        # an act with an outcome stays a claim
        ("The coach promised to resign at the end of the season.", "resign"),
        ("The envoy urged both armies to withdraw from the river.", "withdraw"),
    ],
)
def test_conduct_is_no_happening(text, kept):
    events = forward_events(text)
    assert all(kept and kept in event for event in events)
    assert bool(events) == bool(kept)


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # a state asked for: an adjective, with a copula or a linking verb
        ("The mayor urged residents to remain calm.", False),
        ("Police called on the crowd to be patient.", False),
        ("The bishop urged the rival clans to keep quiet.", False),
        # whom the appeal asks is no act of its own ("urged the families to be ...")
        ("Officials urged the families to be patient.", False),
        ("The mayor urged the families to be good neighbours.", False),
        # an act asked for
        ("Officials urged the families to leave the valley.", True),
        ("The mayor urged residents to evacuate the coast.", True),
    ],
)
def test_an_appeal_for_a_state_is_no_happening(text, forward):
    assert bool(forward_events(text)) == forward


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # an attitude asked for: kept up, nothing to check as done
        ("The judge urged both parties to respect the verdict.", False),
        ("The farmers urged the minister to listen to their union.", False),
        ("The referee called on the fans to behave at the derby.", False),
        # an act asked for
        ("The judge urged both parties to sign the settlement.", True),
        ("The farmers urged the minister to visit their farms.", True),
    ],
)
def test_an_appeal_for_an_attitude_is_no_happening(text, forward):
    assert bool(forward_events(text)) == forward


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # a course already under way, asked or wished to be kept up: nothing to check as done
        ("The envoy called on both sides to continue their talks in Oslo.", False),
        ("The council urged the club to maintain the youth programme.", False),
        # a course not yet there, sought: an act with an outcome
        ("The envoy called on both sides to pursue a negotiated settlement.", True),
        ("The council urged the club to start a youth programme.", True),
    ],
)
def test_an_appeal_to_keep_a_course_is_no_happening(text, forward):
    assert bool(forward_events(text)) == forward


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # a relative clause that names its noun: what it is called, no happening
        ("The probe was moved to the pad for its first flight, which will be Ranger-9.", False),
        ("The ship is being readied for its last voyage which will be ZX-9.", False),
        # a relative clause telling what will happen to the noun stays a claim
        ("The probe was moved to the pad for its first flight, which will launch in May.", True),
    ],
)
def test_a_relative_clause_naming_its_noun_is_no_happening(text, forward):
    assert bool(forward_events(text)) == forward


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # an attempt told as made: trying, no outcome ahead
        ("The club has been making efforts to sign a new striker.", False),
        ("The ministry made a bid to buy the old harbour.", False),
        # an attempt the clause is about: its standing, not its outcome
        ("The city's bid to join the league is fiercely opposed by its rivals.", False),
        ("Their effort to close the mine is resisted by the workers.", False),
        # an effort promised, or a bid under way with a time ahead: a plan
        ("The club will make every effort to sign a new striker.", True),
        ("The ministry is making a bid to buy the old harbour this spring.", True),
    ],
)
def test_an_effort_made_is_no_plan(text, forward):
    assert bool(forward_events(text)) == forward


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # how someone is regarded: a view, no happening
        ("The coach said the team should not be seen as favourites.", False),
        ("The minister will be regarded as a hero in the north.", False),
        # an act, even with an "as"
        ("The minister will be sent to the north as an envoy.", True),
        ("The coach said the team should be sent to the camp in May.", True),
    ],
)
def test_being_regarded_as_something_is_no_happening(text, forward):
    assert bool(forward_events(text)) == forward


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # the last noun of an object, parsed as an open complement: no act of its own
        (
            "The child won't make enough thyroid hormone, the doctor warned.",
            ["The child make enough thyroid hormone"],
        ),
        (
            "Without sun, the skin won't make enough vitamin hormone.",
            ["the skin make enough vitamin hormone"],
        ),
        # a verb's open complement stays in its governor's claim
        ("The strike will make the trains stop.", ["The strike make the trains stop"]),
    ],
)
def test_a_noun_split_off_an_object_is_no_act(text, events):
    assert forward_events(text) == events


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # a wish in a bare participle adjunct takes its clause's time: told in the past
        ("The farmers were not invited to the summit, despite wanting to raise prices.", False),
        # in the present, the wish still stands
        ("The farmers are not invited to the summit, despite wanting to raise prices.", True),
    ],
)
def test_a_wish_told_in_the_past_is_no_plan(text, forward):
    assert bool(forward_events(text)) == forward


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # what something would amount to is a state, no happening
        ("Critics say the merger would amount to a takeover.", False),
        ("The merger would amount to a takeover.", False),
        # what it would set off is one
        ("Critics say the merger would trigger a takeover.", True),
    ],
)
def test_what_it_would_amount_to_is_a_state(text, forward):
    assert bool(forward_events(text)) == forward


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # any member of a kind: a tendency, not one happening
        ("Such a reform will cut waiting times for patients.", False),
        ("Any strike by the pilots would be considered illegal.", False),
        ("He said any breach of the truce would be punished.", False),
        # an open complement has its governor's subject: still a kind's tendency
        ("Such a scheme will keep cutting queues at the border.", False),
        # one thing, named: a forecast
        ("The reform will cut waiting times for patients.", True),
        ("The pilots' strike would be considered illegal, he said.", True),
    ],
)
def test_a_kind_is_no_actor(text, forward):
    assert bool(forward_events(text)) == forward


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # "be to" after a noun of a way out: what it consists in, no plan
        ("The answer is to build more homes near the stations.", False),
        ("The only option left was to sell the farm.", False),
        ("For the growers, the key is to plant earlier in spring.", False),
        # an actor's "be to", or an aim's, is a plan
        ("The minister is to open the new bridge.", True),
        ("Its aim is to halve the waiting lists.", True),
    ],
)
def test_be_to_after_a_way_out_is_no_plan(text, forward):
    assert bool(forward_events(text)) == forward


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # wished for: a state (a noun or an adjective with its copula), or an act
        ("The leader said he wanted the party to be a home for everyone.", False),
        ("The rebels said they wanted the region to be an independent state.", False),
        ("The leader said he wanted the party to win the next election.", True),
    ],
)
def test_a_wished_state_is_no_happening(text, forward):
    assert bool(forward_events(text)) == forward


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # a relative pronoun makes a description, whatever relation the parse gives it
        ("Engineers tested a valve that, if opened too fast, would flood the chamber.", False),
        ("Critics attacked a rule that limits rents and threatens to drive landlords away.", False),
        (
            "Logging has become a tool of regional rivalry carried out in a manner that harms"
            " the forest and threatens to ruin the soil.",
            False,
        ),
        # a "that" with a subject after it opens the noun's content, not a description
        ("There are signs that the bank is planning to raise rates next month.", True),
    ],
)
def test_a_relative_clause_describes_its_noun(text, forward):
    assert bool(forward_events(text)) == forward


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # advice a story tells: the addressee the subject of a past passive
        ("The farmers were advised to sell their herds before winter.", False),
        ("The tenants were urged to leave the building.", False),
        # a call still open
        ("Tenants are urged to leave the building before Friday.", True),
    ],
)
def test_past_advice_in_a_story_is_no_call(text, forward):
    assert bool(forward_events(text)) == forward


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # a noun of hope as a copula's predicate says what its subject is good for
        ("He said the coalition is the country's only hope of moving on.", False),
        ("The talks are the region's best hope of ending the war.", False),
        # someone's hope is a hedge on the event
        ("Their hope of winning the cup next year is fading.", True),
    ],
)
def test_a_hope_predicated_of_a_subject_is_nobodys_hope(text, forward):
    assert bool(forward_events(text)) == forward


@pytest.mark.parametrize(
    "text",
    [
        # a condition about anyone, opened by a single quotation mark inside a quote
        "Voters will say, 'If you cut my taxes, I'll vote for you'.",
        "Critics argue, \u2018if anyone builds a tower there, it will block the view\u2019.",
        # the speaker's own supposition
        '"If I would ask you how soon the troops can leave, the answer would be as soon as'
        ' there is peace."',
        "If we would take the example of Spain, the tax would raise little.",
    ],
)
def test_a_generic_condition_is_background(text):
    assert forward_events(text) == []


def test_a_condition_on_a_named_actor_stays_a_forecast():
    text = "If the council would approve the plan, the builders would start in May."
    assert forward_events(text) == ["the builders start"]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # "it is time for X to": a call for X's act
        ("The coach said it was time for the veterans to retire.", "retire"),
        ("He said it was time to end the strike.", "end the strike"),
    ],
)
def test_it_is_time_to_is_a_call(text, event):
    article = Article(text, published=PUBLISHED)
    (claim,) = [claim for claim in extract_claims(article, LEXICON) if claim.forward]
    assert claim.construction == "appeal" and claim.event.endswith(event)


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        # "not ... until X": X is the act's condition, no claim of its own
        ("The union will not sign the deal until its members are consulted.", "sign"),
        ("The bank will not lend more until the debt is repaid.", "lend"),
        # "it will not be long until X": X is likely
        ("It won't be long until the bridge reopens.", "reopen"),
    ],
)
def test_an_until_clause_under_a_negated_act_is_its_condition(text, predicate):
    article = Article(text, published=PUBLISHED)
    claims = [claim for claim in extract_claims(article, LEXICON) if claim.forward]
    assert [claim.predicate for claim in claims] == [predicate]


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # a call on every member of a kind is a norm, no one's act
        ("The panel recommends that every school should teach first aid.", False),
        ("The report advises that all hospitals should publish their waiting times.", False),
        # a call on a named party, or a plan for every member, stays
        ("The panel recommends that the ministry should teach first aid in schools.", True),
        ("Officials said every claim will be assessed on its merits.", True),
    ],
)
def test_a_call_on_every_member_of_a_kind_is_a_norm(text, forward):
    assert bool(forward_events(text)) == forward
