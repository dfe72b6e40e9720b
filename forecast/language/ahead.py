"""Whether an event is still ahead as the text presents it: the predicate reader's
``forward`` (:attr:`~forecast.language.predicates.PredicateReading.forward`).

Future tense, a plan or likelihood, an epistemic modal on an eventive predicate, or a time
ahead put an event ahead; a counterfactual, a question, a question of fact, a kept course,
a performed speech act, a wish read on its own, a state with no time ahead and a future
told from a past moment of the story do not (:func:`forward`).
"""

from __future__ import annotations

from forecast.language import clause as cl
from forecast.language import facts_asked
from forecast.language import happenings as hp
from forecast.language import predicate_rules as rules
from forecast.language import tokens as tk

__all__ = ["forward"]


def _narrated_would(state: cl.State, carrier) -> bool:
    """A bare "would" in a clause under a past event that reports nothing ("received a letter
    warning that the plane would not be allowed to land", "pressed the EU, fearing it would
    undermine"): a future seen from a past moment in the story, not a forecast. The content
    of a finite verb, complements all the way up ("made clear that it would", whatever
    relation the parse gives a that-clause), is a report."""
    if state.names != ["would"] or state.sources or carrier.dep_ == "ROOT":
        return False
    clause, governor, told = carrier, carrier.head, True
    for _ in range(cl.MAX_DEPTH):
        marks = {tk.lemma(mark) for mark in tk.children(clause, "mark")}
        told = told and (clause.dep_ in ("ccomp", "xcomp") or "that" in marks)
        tense, aspect = tk.tense(governor)
        if tense:  # complements all the way up: what the finite verb said or made clear
            return not told and (tense == "past" or aspect == "perfect")
        if governor.head.i == governor.i:
            return False
        clause, governor = governor, governor.head
    return False


def _planned(state: cl.State) -> bool:
    """A plan or arrangement governs the event ("is to have 120 observers", "expected to
    remain closed"): a state it arranges is ahead, as a modal's state is not."""
    return any(
        cue == rules.BE_TO_CUE or tk.lemma(token) in rules.PLAN_LEMMAS for cue, token in state.cues
    )


def _performed(carrier) -> bool:
    """A speech act the speaker says she wants to perform ("we want to thank", "I would like
    to stress"): performed in the saying."""
    governor = carrier.head
    wanted = carrier.dep_ == "xcomp" and tk.lemma(governor) in rules.DESIRES
    speaker = any(tk.lemma(s) in ("i", "we") for s in tk.children(governor, "nsubj"))
    return wanted and speaker and tk.lemma(carrier) in rules.PERFORMATIVES


def _wishes(carrier) -> bool:
    """A wish with its infinitive ("would like to visit", "would love to sign"): the wish is
    the cue; the event ahead is the infinitive, read on its own."""
    return tk.lemma(carrier) in rules.DESIRES and any(tk.children(carrier, "xcomp"))


def _kept_course(state: cl.State, carrier) -> bool:
    """A commitment to keep a course, with no time ahead ("vowed to stick with the plan")."""
    committed = rules.COMMITMENT_CUE in state.names
    return committed and tk.lemma(carrier) in rules.COURSE_VERBS and not state.ahead


def _modal_state(state: cl.State, carrier) -> bool:
    """An adjective or noun after a copula ("the new one would be unique"; ``_is_mention``
    calls it a verb for its modal) or a contribution to an outcome ("will help reduce
    poverty") under a bare modal, no one's view: a description, not a happening. A view or report
    of it ("thinks it might be useful") forecasts the state; "will be" names a future fact;
    "able to" or "ready to" governs an event."""
    if carrier.dep_ == "ccomp" or not any(map(tk.is_modal, tk.children(carrier, "aux"))):
        return False  # reported, or no modal of its own ("wishing to contribute")
    if tk.lemma(carrier) in rules.CONTRIBUTING:
        return True  # "will help reduce poverty": a graded effect, told by no one
    return (
        carrier.pos_ != "VERB"
        and state.tense != "future"
        and any(tk.children(carrier, "cop"))
        and not any(tk.children(carrier, "xcomp"))
    )


def forward(state: cl.State, carrier) -> bool:
    """Whether the event is still ahead as presented: future tense, a plan or likelihood, an
    epistemic modal on an eventive predicate, or a time ahead ("can ... next week")."""
    if state.counterfactual or state.family == "question":
        return False
    if state.family == "open_question" and facts_asked.asked_of_a_fact(carrier, state.trigger):
        return False  # "whether she used a knife": a question of fact, nothing ahead
    if state.family == "plain" and not state.cues and cl.futurate(carrier):
        return True
    kept = _kept_course(state, carrier) or _performed(carrier) or _wishes(carrier)
    if kept or hp.no_happening(state, carrier):
        return False
    # A relative clause describes its noun ("the schools that want to share", "which could
    # help"): only its future tense tells of an event ahead ("which will launch in May").
    described = state.described and state.family in ("hedged", "reported_future")
    if described and state.tense != "future":
        return False
    if state.family in (
        "cancellation",
        "open_question",
        "counter_hedge",
        "reported_future",
        "appeal",
    ):
        return True
    if state.family in ("refusal", "lapsed_plan"):
        still_open = cl.not_yet_done(carrier, state.trigger)  # "but hasn't yet done so"
        return state.tense in ("present", "future") or state.ahead or still_open
    if state.ahead and any(cue != rules.IRREALIS_CUE for cue in state.names):
        return True
    if _narrated_would(state, carrier):
        return False
    # A state, even in the future, is no happening to forecast ("will depend on", "would be
    # unique") unless a time ahead is given.
    stative = tk.lemma(carrier) in rules.STATIVE or _modal_state(state, carrier)
    stative = stative and not _planned(state) and not cl.has_event(carrier)
    return (state.tense == "future" or state.timed) and state.tense != "past" and not stative
