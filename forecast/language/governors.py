"""The governors above a predicate's clause: reports, plans, appeals, refusals, questions.

:func:`walk` climbs at most :data:`~forecast.language.clause.MAX_DEPTH` governors from a
predicate's clause and applies the first rule of :func:`_govern` that fits each one (the
words are tables in :mod:`forecast.language.predicate_rules`); :func:`noun_governor` reads
an eventive noun through the verb that governs it ("the summit was called off").
"""

from __future__ import annotations

from forecast.language import appeals as ap
from forecast.language import breakdowns as bd
from forecast.language import predicate_rules as rules
from forecast.language import prepositional as pp
from forecast.language import reports as rp
from forecast.language import semi_modals as sm
from forecast.language import tokens as tk
from forecast.language.clause import (
    CLAUSE_LINKS,
    MAX_DEPTH,
    SETTLED,
    State,
    compared,
    conditional,
    irrealis,
    unable,
    will,
)

__all__ = ["noun_governor", "walk"]


def noun_governor(noun, carrier, state: State) -> None:
    """An eventive noun read through its verb: cancelled, not going ahead, ruled out."""
    noun = noun.head if tk.counted(noun) else noun  # "planned a number of conferences"
    verb = tk.phrasal(carrier)
    lemma = tk.lemma(carrier)
    objects = {tk.lemma(c) for c in tk.near(carrier)}
    cancels = (
        verb in rules.CANCEL_VERBS
        or lemma in rules.CANCEL_VERBS
        or bool(rules.CANCEL_OBJECTS.get(lemma, frozenset()) & objects)
        or bd.ender(noun) is not None  # "the talks collapsed", "walked away from the deal"
    )
    if cancels:
        state.settle("counter_hedge" if state.negated else "cancellation", carrier)
        state.negated = False
    elif (verb in rules.OCCUR_VERBS or lemma in rules.OCCUR_VERBS) and state.negated:
        state.settle("cancellation", carrier)
        state.negated = False
    elif lemma in rules.NEGATED_IMPOSSIBLE and state.negated:
        state.settle("counter_hedge", carrier)  # "a deal is not impossible"
        state.negated = False
    elif noun.dep_ in ("obj", "obl") and ap.appeals(carrier, noun):
        _appeal(carrier, state)  # "called for a ceasefire", "demand his resignation"
    elif lemma in rules.GOVERNOR_CUES and (noun.dep_ == "obj" or _threatened_with(noun)):
        _plan(carrier, lemma, False, state)  # "plans a visit", "expects a deal"
    elif lemma in rules.NOUN_GOVERNOR_CUES and noun.dep_ == "nmod":
        state.add(rules.NOUN_GOVERNOR_CUES[lemma], carrier, timed=True)  # "fears of an attack"
    elif (way := pp.route(noun)) is not None:
        _plan(carrier, lemma, False, state, way.cue)  # "poised for an attack", "close to a deal"


def _threatened_with(noun) -> bool:
    """What someone is threatened with is the threatened act: "threatened them with bans"."""
    cases = {tk.lemma(case) for case in tk.children(noun, "case")}
    return noun.dep_ == "obl" and "with" in cases and tk.lemma(noun.head) in rules.THREATS


def walk(token, state: State) -> None:
    """Climb the governors of ``token``'s clause, applying the first rule that fits each."""
    current = token
    for _ in range(MAX_DEPTH):
        if bd.call_off(current, state):  # "scrapped its plan to", "stopped short of calling"
            current = state.trigger
            continue
        if (way := pp.route(current)) is not None:  # "close to reaching", "bent on winning"
            _plan(way.governor, tk.lemma(way.governor), tk.negated(way.governor), state, way.cue)
            current = way.governor
            continue
        relation, governor = current.dep_.split(":")[0], current.head
        relative = _relative(current)  # its governor is its noun, whatever the parse says
        state.described = current.dep_ == "acl:relcl" or relative
        if state.described:
            rp.reported_object(governor, state)
        called = ap.time_to(current)
        if called is not None:
            _appeal(called, state)  # "it is time for IE6 users to move away"
            return
        linked = current.dep_ in CLAUSE_LINKS | {"csubj:pass"}
        if governor.i == current.i or not linked or relative:
            return
        if relation == "conj":
            if tk.own_tense(current) or _purpose_joined(current):
                return
            current = governor
            continue
        if relation == "acl" and ap.addressee(governor, current):
            _appeal(governor.head, state)  # "calling on the group to 'accept defeat'"
            return
        if relation == "acl" and rp.report_noun(current, governor, state):
            return  # "denied reports that the minister would resign"
        governs = tk.lemma(governor) in rules.GOVERNOR_CUES
        if relation == "acl" and (not governs or _hope_of_the_subject(governor)):
            return
        # A noun governs a clause it introduces ("his wish to visit", "doubts about how"),
        # not a bare participle beside it ("sent his good wishes during his broadcast, saying").
        if relation == "acl" and governor.pos_ == "NOUN" and _bare_participle(current):
            return
        mark = {tk.lemma(c) for c in tk.children(current, "mark")}
        if not _govern(current, relation, governor, mark, state):
            return
        current = governor


def _purpose_joined(clause) -> bool:
    """A "to" infinitive joined to a clause with no "to" ("asked that the city open a shelter
    and to cut waiting times") is what that clause is for, not a second act asked for."""
    return tk.to_marked(clause) and not tk.to_marked(clause.head)


def _relative(clause) -> bool:
    """A clause a relative pronoun opens ("substances that would cause", "a manner that
    modifies", "the fund, representatives of which were present"), whatever relation the
    parse gives it; a "that" taken for a subordinator is one only where the clause has no
    subject of its own ("indications that al Qaeda is planning" is their content)."""
    subjects = list(tk.children(clause, "nsubj", "nsubj:pass"))
    owners = (word for subject in subjects for word in tk.children(subject, "nmod", "nmod:poss"))
    pronouns = [*subjects, *owners, *tk.children(clause, "obj")]
    if not subjects:
        pronouns.extend(tk.children(clause, "mark"))
    return any("PronType=Rel" in str(word.morph) for word in pronouns)


def _hope_of_the_subject(noun) -> bool:
    """A noun of hope or wish that is the predicate of a copula ("the new government is the
    country's only hope of moving on") says what its subject is good for: nobody's hope."""
    wish = rules.GOVERNOR_CUES.get(tk.lemma(noun)) in rules.WISH_CUES
    return noun.pos_ == "NOUN" and wish and any(tk.children(noun, "cop"))


def _bare_participle(clause) -> bool:
    """A participle with no word joining it to its noun: "wishes ..., saying"."""
    return clause.tag_ in ("VBG", "VBN") and not any(tk.children(clause, "mark", "case"))


def _govern(clause, relation: str, governor, mark: set[str], state: State) -> bool:
    """Apply the governor's rule to the clause's state; False to stop climbing."""
    lemma = tk.lemma(governor)
    negated = tk.negated(governor) or _negator_between(governor, clause)
    # "it is unclear if ...": a question, whichever relation the parse gives the clause.
    question = bool(mark & rules.OPEN_MARKS) and lemma in rules.OPEN_GOVERNORS
    if relation == "advcl" and conditional(mark) and not question:
        state.settle("conditional", clause)  # "if the summit is cancelled": a condition
        return False
    if relation == "advcl" and compared(mark):
        state.add(rules.GOVERNOR_CUES["seem"], governor)  # "it looks as if": an appearance
        return False
    if state.family in SETTLED:
        if lemma in rules.REPORTING or lemma in rules.OPEN_GOVERNORS:
            rp.attribute(governor, state)
            return True
        return False
    if relation == "advcl" and mark & rules.LATER_MARKS and negated:
        if governor.pos_ != "VERB":
            state.settle("counter_hedge", governor)  # "it will not be long before X returns"
            return True
        # "will not sign until he is told": the telling is the signing's condition
        state.settle("conditional", clause)
        return False
    wh = _asks(governor, clause) and any(t.tag_ == "WRB" for t in tk.near(clause) if t.i < clause.i)
    if "whether" in mark or wh:
        state.settle("open_question", governor, clear=True)  # "doubts about how hard"
        rp.attribute(governor, state)
        return True
    if relation == "advcl" and _borrows_mood(clause, mark, state) and _lend_mood(governor, state):
        return True  # "before applying" under "should", "when you turn 21" under "can"
    if relation == "advcl" and "to" not in mark and not question:
        return lemma in ("cite", "quote") and rp.source_of_cited(clause, governor, state)
    if mark & rules.OPEN_MARKS or lemma in rules.OPEN_GOVERNORS or _remains_to_be_seen(governor):
        state.settle("open_question", governor, clear=True)
        rp.attribute(governor, state)
        return True
    # Not saying leaves open what was not said, not why ("To allow for talks, they have
    # not commented").
    purpose = relation == "advcl"
    if lemma in rules.SPEECH_LEMMAS and (negated or _refused(governor)) and not purpose:
        state.settle("open_question", governor, clear=True)  # "would not confirm that"
        rp.attribute(governor, state)
        return True
    if ap.appeals(governor, clause):
        _appeal(governor, state)
        return True
    if lemma in rules.REFUSAL_GOVERNORS:
        state.settle("refusal", governor)
        _inherit_time(governor, state)
        return True
    if tk.phrasal(governor) in rules.CANCEL_VERBS and relation in ("xcomp", "ccomp"):
        state.settle("counter_hedge" if negated else "cancellation", governor)
        return True
    if lemma in rules.NEGATED_IMPOSSIBLE and negated:
        state.settle("counter_hedge", governor)
        return True
    if lemma in rules.GOVERNOR_CUES and _judged(governor):
        return False  # "it is unfair to expect people to finish": nobody expects it
    if lemma in rules.GOVERNOR_CUES and _aimed(lemma, clause, mark):
        _plan(governor, lemma, negated, state)
        return True
    if lemma in rules.REPORTING:
        if lemma in rules.DENIAL:
            state.negated = not state.negated
        if _reported_advice(clause, state):
            _appeal(governor, state)
            return True
        rp.attribute(governor, state)
        if relation == "xcomp" and any(tk.children(governor, "aux:pass")):
            state.add(rules.HEARSAY_CUE, governor)  # "is said to be leaving": told, not willed
        rp.settle_future_in_past(governor, state)
        # A modal keeps its own time under a past report: "said he may resign" is ahead.
        if not state.tense and not state.timed:
            _inherit_time(governor, state)
        return True
    if sm.obliged(governor, clause) and not negated and _lend_mood(governor, state):
        state.tense = tk.tense(governor)[0]  # "will have to find": the finding is ahead
        return True
    if relation == "xcomp" and not state.tense and not state.cues and _carried_out(clause, lemma):
        _share_clause(governor, negated, state)
        return True
    if relation in ("xcomp", "ccomp", "acl") and not state.tense and not state.cues:
        state.add(rules.IRREALIS_CUE, governor)  # "let me know", "tried to leave": not asserted
    return False


def _negator_between(governor, clause) -> bool:
    """A negator after the governor, before its clause, hung on the governor or on an adverb
    of it ("vowed never to return", "promised never again to attack"): what is vowed is that
    the clause's event will not happen."""
    between = governor.doc[governor.i + 1 : clause.left_edge.i]
    return any(
        tk.lemma(word) in rules.NEGATORS
        and governor.i in (word.head.i, word.head.head.i if word.head.dep_ == "advmod" else -1)
        for word in between
    )


def _carried_out(clause, lemma: str) -> bool:
    """A complement whose event its governor asserts with its own: an -ing or participle
    ("kept calling", "had the shirts embroidered") or the infinitive of an implicative verb
    ("managed to leave", "was able to pay", "made us feel welcome")."""
    participle = {"Ger", "Part"} & set(clause.morph.get("VerbForm"))
    return bool(participle) or clause.tag_ in ("VBG", "VBN") or lemma in rules.IMPLICATIVES


def _share_clause(governor, negated: bool, state: State) -> None:
    """The governor's negation, modals, time and command on a complement it carries out:
    "was not able to pay" did not happen, "will keep trying" is ahead, "keep trying!" is
    commanded."""
    state.negated, state.carried_out = state.negated != negated, True
    # "may have managed to escape": a possibility in the past, like "may have escaped"
    perfect = any(tk.lemma(a) == "have" for a in tk.children(governor, "aux"))
    state.counterfactual = state.counterfactual or (perfect and any(tk.modals(governor)))
    state.tense, state.aspect = tk.tense(governor)
    _lend_mood(governor, state)


def _judged(governor) -> bool:
    """A planning or expecting verb in an infinitive that an adjective judges ("it would be
    wrong to expect", "it is too early to plan"): an attitude weighed, held by no one."""
    infinitive = any(child.tag_ == "TO" for child in tk.children(governor, "mark"))
    return infinitive and governor.head.pos_ == "ADJ"


def _aimed(lemma: str, clause, mark: set[str]) -> bool:
    """A to-only governor governs an act it is after ("look to creating", "is looking to
    sell"), not a state it resembles ("looks to be close")."""
    state = tk.lemma(clause) == "be" or any(tk.children(clause, "cop"))
    return lemma not in rules.TO_GOVERNORS or ("to" in mark and not state)


def _reported_advice(clause, state: State) -> bool:
    """ "stated that the EU should reassess": the speaker's call for the act, in the writer's
    words; a quoted "should" keeps the speaker's own voice."""
    quoted = any(child.tag_ == "``" for child in tk.children(clause, "punct"))
    advised = state.family in ("plain", "hedged") and rules.ADVICE_MODAL in state.names
    return advised and not quoted


def _borrows_mood(clause, mark: set[str], state: State) -> bool:
    """A time clause with no mood of its own, non-finite ("before applying", "while waiting")
    or in the present ("when you turn 21", whose "when" the parse may give as an adverb),
    which English uses for a time the main clause speaks of. A participle with no time word
    ("acknowledging the rights", "depending on the crop") describes, and keeps its own."""
    if state.family != "plain" or state.cues or state.tense not in ("", "present"):
        return False
    time = mark | {tk.lemma(c) for c in tk.children(clause, "advmod") if c.tag_ == "WRB"}
    return bool(time & rules.TIME_MARKS)


def _lend_mood(governor, state: State) -> bool:
    """The governor's modals, future and command on a clause that borrows its mood; False
    when the governor asserts its own event (then the clause is asserted too)."""
    before = len(state.cues)
    for cue, aux in tk.modals(governor):
        state.add(cue, aux, timed=cue in rules.EPISTEMIC_MODALS)
    tense = tk.tense(governor)[0]
    if tense == "future":
        state.add("will", will(governor), timed=True)
    if not state.cues and irrealis(governor):
        state.add(rules.IRREALIS_CUE, governor)
    return len(state.cues) > before


def _appeal(governor, state: State) -> None:
    """The appeal's cue on the called-for act, which is ahead whatever the appeal's tense."""
    state.add(rules.APPEAL_CUE, governor, timed=True)
    state.settle("appeal", governor)
    rp.attribute(governor, state)


def _plan(governor, lemma: str, negated: bool, state: State, lent: str = "") -> None:
    """A planning, desire or likelihood governor: its cue (``lent``, else the table's), and a
    lapsed or reported plan."""
    timed = lemma not in rules.UNTIMED_GOVERNORS
    state.add(lent or rules.GOVERNOR_CUES[lemma], governor, timed=timed)
    if not lent and lemma not in rules.RAISING:
        rp.hold(governor, state)  # who plans, vows or thinks it
    for cue, aux in tk.modals(governor):  # "may be expected to": both cues
        state.add(cue, aux, timed=cue in rules.EPISTEMIC_MODALS)
    tense, aspect = tk.tense(governor)
    if negated and state.family in ("plain", "hedged"):
        state.negated = not state.negated
    could = next((aux for cue, aux in tk.modals(governor) if cue == "could"), None)
    if negated and could is not None and state.family in ("plain", "hedged"):
        state.tense = ""  # the governor's "could not" gives the time: "couldn't risk going"
        unable(governor, could, state)
        tense = tense or state.tense
    overtaken = any(
        tk.lemma(adverb) in rules.LAPSED_ADVERBS for adverb in tk.children(governor, "advmod")
    )
    lapsed = lemma in rules.PLAN_LEMMAS and tense == "past" and (aspect == "perfect" or overtaken)
    if lapsed:
        state.settle("lapsed_plan", governor)
    elif (
        tense == "past"
        and state.family in ("plain", "hedged")
        and lemma not in rules.UNTIMED_GOVERNORS
    ):
        state.settle("reported_future", governor)
    state.tense, state.aspect = tense, aspect


def _asks(governor, clause) -> bool:
    """A governor that leaves a how/when clause open: "doubts about", "it remains unclear",
    "I don't know" (the open word may hang off the governor: "there are doubts"); never
    the clause itself ("told reporters when asked")."""
    words = [governor, *(kid for kid in tk.kids(governor) if kid.i != clause.i)]
    if any(tk.lemma(word) in rules.WH_GOVERNORS for word in words):
        return True
    return tk.lemma(governor) in rules.SPEECH_LEMMAS | {"know"} and tk.negated(governor)


def _refused(token) -> bool:
    """A speech verb under "declined to" / "refused to", or retreated from ("stopped short of")."""
    refused = token.dep_ == "xcomp" and tk.lemma(token.head) in rules.REFUSAL_GOVERNORS
    return refused or bd.retreat(token) is not None


def _remains_to_be_seen(token) -> bool:
    return tk.lemma(token) == "see" and tk.lemma(token.head) == "remain"


def _inherit_time(governor, state: State) -> None:
    state.tense = state.tense or tk.tense(governor)[0]
    state.ahead = state.ahead or any(tk.lemma(t) in rules.FUTURE_WORDS for t in tk.near(governor))
