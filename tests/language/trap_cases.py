"""Trap sentences for the construction families of issue 10, point 3 (written for the tests).

Each case: a sentence, the event's lemma, the family the predicate reader must give it, the
direction (for / against / undecided) the event must take, and whether the event is still
ahead as the sentence presents it. Plain data: ``tests/language/test_predicates.py`` checks
the reader on it and ``benchmarks/trap_families.py`` scores ``extract_claims`` on it.
"""

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
    # a past plan marked as overtaken ("originally", "initially"): not live evidence
    (
        "The ceremony was originally planned to take place in May.",
        "take",
        "lapsed_plan",
        "undecided",
        False,
    ),
    (
        "The talks were initially expected to resume in June.",
        "resume",
        "lapsed_plan",
        "undecided",
        False,
    ),
    ("He was earlier supposed to give a statement.", "give", "lapsed_plan", "undecided", False),
    # "is to", "due to": an arrangement stated with a plan's force
    ("The new bridge is to open in March.", "open", "hedged", "for", True),
    ("The winners are due to be announced on Sunday.", "announce", "hedged", "for", True),
    ("The two ministers are to meet again after the holidays.", "meet", "hedged", "for", True),
    ("The final round is to be held from March 3 to March 9.", "hold", "hedged", "for", True),
    # a state an arrangement provides for is ahead, as a modal's state is not
    ("The firm plans to have a new factory in Ohio.", "have", "hedged", "for", True),
    ("A new agency was to be created under the plan.", "create", "reported_future", "for", True),
    # appeals: a call on someone to act puts the act ahead, as the speaker wants it
    (
        "The union called on the government to raise the minimum wage.",
        "raise",
        "appeal",
        "for",
        True,
    ),
    ("The doctors urged the government to ban smoking in cars.", "ban", "appeal", "for", True),
    ("The mayor demanded that the company pay for the damage.", "pay", "appeal", "for", True),
    ("Protesters called for a ceasefire in the north.", "ceasefire", "appeal", "for", True),
    ("The mayor said the city should ban cars from the centre.", "ban", "appeal", "for", True),
    (
        "The judge stated that the fine should be returned to the firm.",
        "return",
        "appeal",
        "for",
        True,
    ),
    # counter-hedges: a negation that does not negate the event
    ("The minister did not rule out a visit to Tokyo.", "visit", "counter_hedge", "for", True),
    ("A deal before Christmas is not impossible.", "deal", "counter_hedge", "for", True),
    ("The strike could very well spread to the ports.", "spread", "counter_hedge", "for", True),
    # plain and negated assertions are read too
    ("The leaders met in Singapore.", "meet", "plain", "for", False),
    ("The president did not visit the border.", "visit", "negated", "against", False),
    ("The firm no longer makes cars.", "make", "negated", "against", False),
    ("The prime minister will visit Paris in May.", "visit", "hedged", "for", True),
    # "going to" is a future, its infinitive the event
    ("The army is going to invade the island.", "invade", "hedged", "for", True),
    ("The club is not going to sell its stadium.", "sell", "hedged", "against", True),
    # a hedge taken through a preposition, a noun or an idiom
    ("The two unions are close to calling a general strike.", "call", "hedged", "for", True),
    ("The government is committed to building two new reactors.", "build", "hedged", "for", True),
    ("The concert is now in doubt.", "concert", "hedged", "against", True),
    ("The merger is up in the air.", "merger", "open_question", "undecided", True),
    # a plan called off: a cancel verb on a plan noun, the act its infinitive or "for" noun
    (
        "The council scrapped its plan to close the library.",
        "close",
        "cancellation",
        "against",
        True,
    ),
    (
        "The rebels gave up their attempt to seize the port.",
        "seize",
        "cancellation",
        "against",
        True,
    ),
    ("The club withdrew its offer to sign the striker.", "sign", "cancellation", "against", True),
    (
        "The mayor ruled out plans for a referendum on the stadium.",
        "referendum",
        "cancellation",
        "against",
        True,
    ),
    # a breakdown: the event (or a plan) as the subject of a verb that ends it
    ("The deal fell through at the last minute.", "deal", "cancellation", "against", True),
    ("The peace summit was derailed by a border clash.", "summit", "cancellation", "against", True),
    ("The bid for the stadium fell apart.", "bid", "cancellation", "against", True),
    ("Regulators torpedoed the merger.", "merger", "cancellation", "against", True),
    # a retreat: what it is "from" is called off; an act stopped short of is not taken
    ("The union backed away from its threat to strike.", "strike", "cancellation", "against", True),
    (
        "The investors walked away from the negotiations.",
        "negotiation",
        "cancellation",
        "against",
        True,
    ),
    (
        "The army pulled back from plans to storm the town.",
        "storm",
        "cancellation",
        "against",
        True,
    ),
    (
        "The minister stopped short of calling for an election.",
        "election",
        "refusal",
        "against",
        False,
    ),
    (
        "The party stopped short of demanding his resignation.",
        "resignation",
        "refusal",
        "against",
        False,
    ),
    # no happening called off, no cancel verb, or the cancel verb negated
    ("The old roof collapsed in the storm.", "collapse", "plain", "for", False),
    ("The economy collapsed after the war.", "collapse", "plain", "for", False),
    ("The talks stalled over the border issue.", "talk", "plain", "for", False),
    ("The firm plans to build a factory in Ohio.", "build", "hedged", "for", True),
    (
        "The firm did not abandon its plan to build a factory.",
        "build",
        "counter_hedge",
        "for",
        True,
    ),
    # a request to someone is an appeal for the act; a question of fact is no forecast
    ("The nurses asked the board to reopen the ward.", "reopen", "appeal", "for", True),
    ("The coach is encouraging players to join the camp.", "join", "appeal", "for", True),
    ("Police want to know whether the driver used a phone.", "use", "open_question", "for", False),
    ("The town will have to build a new school.", "build", "hedged", "for", True),
    # a postponement, read through its particle
    ("The vote was pushed back to the autumn.", "vote", "cancellation", "against", True),
]
