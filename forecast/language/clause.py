"""One clause's own say on its predicate: the state a reading gathers, and the clause's cues.

The state (:class:`State`) is what the predicate reader (:mod:`forecast.language.predicates`)
has gathered about one event mention while it looks at the mention's own clause (modal
auxiliaries by their MD tag, cue adverbs, "is to", "was to have", an infinitive or a command)
and then climbs its governors (:mod:`forecast.language.governors`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forecast.language import predicate_rules as rules
from forecast.language import tokens as tk

__all__ = [
    "State", "asked", "be_to", "commanded", "compared", "conditional", "futurate", "going_to",
    "has_event", "irrealis", "named_act", "not_done", "not_yet_done", "own_cues", "presupposed",
    "reported", "unable", "was_to_have", "will",
]  # fmt: skip

MAX_DEPTH = 4
"""Governors walked above a predicate: enough for "said it was expected to try to visit"."""
CLAUSE_LINKS = frozenset(["xcomp", "ccomp", "csubj", "csubj:pass", "acl", "advcl", "conj"])
WH_TAGS = frozenset(["WDT", "WP", "WP$", "WRB"])
RANKING_WORDS = frozenset(["first", "last", "only", "second", "third"])
"""Modifiers that make a noun's infinitive a record, not a plan ("the last to be freed")."""
QUESTION_LEAD = frozenset(["cc", "punct", "discourse", "advmod:emph"])
"""Words that may come before a question's wh-word ("And why ...", "Well, what ...");
a plain adverb (tag RB, "So how ...") may too."""
NAMING_PREPOSITIONS = frozenset(["of", "about", "instead", "than", "without"])
"""Prepositions whose gerund names an act the story does not tell ("the thrill of sailing",
"talked about moving", "instead of driving"); "after", "by", "for" or "before" put it in
the story's time, as a time clause does."""
RUN_ON_STOPS = frozenset([";", ":", "--", "-"])
"""Punctuation after which a clause runs on as a sentence of its own."""
SETTLED = frozenset(
    ["open_question", "cancellation", "refusal", "counter_hedge", "lapsed_plan", "appeal"]
)
"""Families a higher governor no longer changes (it may still add a source)."""


@dataclass
class State:
    """What the walk has gathered about one predicate so far."""

    cues: list[tuple[str, object]]  # (lexicon cue, the token that carries it)
    negated: bool
    family: str
    sources: list[str]
    tense: str
    aspect: str
    counterfactual: bool = False
    ahead: bool = False
    trigger: object = None  # the token that set a non-plain family
    timed: bool = False  # a cue that points ahead (planning, desire, likelihood, epistemic modal)
    described: bool = False  # the clause is a relative clause: it describes a noun
    carried_out: bool = False  # a governor asserts the clause's event ("managed to leave")
    holders: list[str] = field(default_factory=list)  # who plans, vows or thinks it

    def add(self, cue: str, token, timed: bool = False) -> None:
        self.cues.append((cue, token))
        self.timed = self.timed or timed

    def settle(self, family: str, token, clear: bool = False) -> None:
        """Set the family and its trigger; ``clear`` drops cues read so far (a whether-clause's
        modal is not the claim's cue)."""
        self.family, self.trigger = family, token
        if clear:
            self.cues = []

    @property
    def names(self) -> list[str]:
        return [cue for cue, _ in self.cues]


def own_cues(token, state: State, table: dict) -> None:
    """Modal auxiliaries (tag MD), cue adverbs, "could very well", "all but", counterfactuals."""
    for cue, aux in tk.modals(token):
        state.add(cue, aux, timed=cue in rules.EPISTEMIC_MODALS)
        if any(tk.lemma(a) == "have" for a in tk.children(token, "aux")):
            state.counterfactual = True  # "could have", "would have been"
        if cue == "could" and state.negated:
            unable(token, aux, state)
        if cue == "could" and any(
            tk.lemma(c) in rules.COUNTER_ADVERBS for c in tk.children(token, "advmod")
        ):
            state.settle("counter_hedge", aux)
    planned = be_to(token)
    if planned is not None:  # "is to be held", "due to be announced"
        state.add(rules.BE_TO_CUE, planned, timed=True)
        if state.tense == "past":
            state.settle("reported_future", planned)
    if going_to(token):  # "is going to invade": a future; "was going to": one told in the past
        if state.tense == "past":
            state.add("will", token, timed=True)
            state.settle("reported_future", token)
        else:
            state.tense, state.aspect = "future", "simple"
    if state.tense == "future":
        state.add("will", will(token), timed=True)
    elif _first_conditional(token, state):
        state.add("will", token, timed=True)  # "faces charges if she returns": she will
    for adverb in tk.children(token, "advmod"):
        word = adverb.text.lower()
        if word == "all" and any(tk.lemma(c) == "but" for c in tk.kids(adverb)):
            state.add("nearly certain", adverb)
        elif word in table["words"]:
            state.add(table["words"][word], adverb)


def _first_conditional(token, state: State) -> bool:
    """A simple present with no modal whose if-clause follows it, in the present too ("she
    faces charges if she returns"): the consequence is a future, as "will face" would say. A
    condition put first leaves its own extent to the parser ("if it isn't, and Chrome
    continues to surge, IE could fall"), so only the order consequence-first is read."""
    if state.tense != "present" or state.aspect != "simple" or any(tk.modals(token)):
        return False
    return any(
        clause.i > token.i
        and tk.tense(clause)[0] == "present"
        and conditional({tk.lemma(m) for m in tk.children(clause, "mark")})
        for clause in tk.children(token, "advcl")
    )


def conditional(marks: set[str]) -> bool:
    """Subordinators of a condition: "if", "unless"; not those of a comparison."""
    return bool(marks & rules.CONDITION_MARKS) and not compared(marks)


def compared(marks: set[str]) -> bool:
    """Subordinators of a comparison with an appearance, "as if" and "as though" ("it looks
    as if the storm has passed", "he talks as though he owns the place")."""
    return "as" in marks and bool(marks & {"if", "though"})


def unable(token, could, state: State) -> None:
    """ "could not attend", "couldn't risk going": it did not happen, or, told in a report,
    cannot."""
    state.settle("refusal", could)
    state.tense = state.tense or ("present" if reported(token) else "past")


def reported(token) -> bool:
    """The content of a reporting verb ("said that a winner could not be named"), whose
    "could" is the speaker's "can" put in the past of the report."""
    return token.dep_ == "ccomp" and tk.lemma(token.head) in rules.REPORTING


def has_event(token) -> bool:
    """ "have" with an eventive object ("will have talks", "I'll have one vote"): a happening,
    not a state."""
    objects = tk.children(token, "obj")
    return tk.lemma(token) == "have" and any(tk.lemma(o) in rules.EVENT_NOUNS for o in objects)


def will(token):
    """The modal auxiliary that makes ``token`` future ("will", "'ll"), else the token."""
    return next((a for a in tk.children(token, "aux") if tk.is_modal(a)), token)


def going_to(token) -> bool:
    """ "going" in "is going to invade": a future auxiliary whose infinitive is the event."""
    if tk.lemma(token) != "go" or token.tag_ != "VBG":
        return False
    if not any(tk.lemma(aux) == "be" for aux in tk.children(token, "aux")):
        return False
    return any(
        verb.tag_ == "VB" and any(mark.tag_ == "TO" for mark in tk.children(verb, "mark"))
        for verb in tk.children(token, "xcomp")
    )


def be_to(token):
    """The "be" (or "due") of "is to be held", "was to meet", "due to be announced", else None;
    a pseudo-cleft ("what we do is to take", "the first was to amend") states no plan."""
    marks = {tk.lemma(child): child for child in tk.children(token, "mark")}
    due = marks.get("due")
    if due is not None and any(tk.lemma(c) == "to" for c in tk.children(due, "fixed")):
        return due  # the parser may fold "due to" into one subordinator ("a bill due to be voted")
    if "to" not in marks:
        return None
    if due is not None:
        return due
    if _to_be_done(token):
        return next(tk.children(token, "aux:pass"))
    be = next(
        (
            child
            # the parser may take the finite "is" of "is to be held" for the passive's own
            for child in tk.children(token, "aux", "aux:pass", "cop")
            if tk.lemma(child) == "be" and "VerbForm=Fin" in str(child.morph)
        ),
        None,
    )
    if be is None:
        return None
    # The "what" of a pseudo-cleft sits before the "be", whatever relation the parse gives it.
    start = max(token.left_edge.i, be.i - tk.WINDOW)
    cleft = any(word.lower_ == "what" for word in token.doc[start : be.i])
    # "The" and an adjective for a subject name the act, like the "what" ("the first was to
    # amend"), and so does a noun of acts ("the solution was to"); a bare "many" is people
    # ("many are to be evacuated").
    named = any(
        (s.pos_ == "ADJ" and any(tk.children(s, "det"))) or tk.lemma(s) in rules.ACT_NOUNS
        for s in tk.children(token, "nsubj", "nsubj:outer")
    )
    return None if cleft or named else be


def _to_be_done(token) -> bool:
    """A noun's passive infinitive ("figures to be published today", "a bridge to be built"):
    what is yet to be done to the noun; not an ordinal's or superlative's record ("the first
    woman to be elected", "the only one to be charged")."""
    noun = token.head
    # acl names a noun's clause, whatever the head's tag; an xcomp on a noun is one misnamed
    if not (token.dep_ == "acl" or (token.dep_ == "xcomp" and noun.pos_ in ("NOUN", "PROPN"))):
        return False
    if not any(tk.lemma(aux) == "be" for aux in tk.children(token, "aux:pass")):
        return False
    ranked = (
        m.tag_ == "JJS" or tk.lemma(m) in RANKING_WORDS or "NumType=Ord" in str(m.morph)
        for m in (noun, *tk.children(noun, "amod", "nummod", "det"))
    )
    # "arranged for allegations to be made": the noun is the subject of its own infinitive.
    subject = any(tk.lemma(case) == "for" for case in tk.children(noun, "case"))
    return not (subject or any(ranked))


def was_to_have(token) -> bool:
    """ "were to have met": a past plan that lapsed (also "was due to have")."""
    # The parser labels the "be" of "were to have" aux or cop; either carries the plan.
    lemmas = {tk.lemma(child) for child in tk.children(token, "aux", "mark", "cop")}
    return {"be", "to", "have"} <= lemmas and token.tag_ == "VBN"


def irrealis(token) -> bool:
    """An infinitive or an imperative: the clause does not say the event happens."""
    return any(child.tag_ == "TO" for child in tk.children(token, "mark")) or commanded(token)


def named_act(token) -> bool:
    """A gerund that names an act rather than tells it: the subject of a clause ("Having a
    garden is hard work") or after a preposition of :data:`NAMING_PREPOSITIONS`. Like an
    infinitive, the clause does not say the act happens."""
    if token.tag_ != "VBG" or any(tk.children(token, "aux", "aux:pass")):
        return False
    prepositions = {tk.lemma(word) for word in tk.children(token, "mark", "case")}
    after_preposition = token.dep_ in ("acl", "advcl") and prepositions & NAMING_PREPOSITIONS
    return token.dep_ in ("csubj", "csubj:pass") or bool(after_preposition)


def commanded(token) -> bool:
    """An imperative: the event is asked for, not yet done. The tagger's imperative mood
    finds the commands a bare root misses ("so please give me", "notify us and delete it",
    "do not park"); one with a subject is a statement, one with "to" an infinitive."""
    if any(child.tag_ == "TO" for child in tk.children(token, "mark")):
        return False
    if "Mood=Imp" in str(token.morph) and not any(
        child.dep_ == "nsubj" or "Mood=Imp" not in str(child.morph)
        for child in tk.children(token, "nsubj", "aux")
    ):
        return True  # its only auxiliary may be the command's own "do" ("don't park")
    bare = token.tag_ == "VB" and not any(tk.children(token, "aux", "aux:pass", "nsubj", "expl"))
    return bare and token.dep_ == "ROOT"


def presupposed(token) -> bool:
    """Whether a direct wh-question takes ``token``'s event as given ("When was it founded?",
    "Why did he leave?": it was, he did) and asks only for its wh-slot. A modal one asks what
    may or should happen ("What should we do?") and stays a question; so does a wh-clause
    under a yes/no question ("Do you know when it opens?")."""
    clause = token
    for _ in range(MAX_DEPTH):
        if clause.dep_ in ("ROOT", "parataxis") or clause.head.i == clause.i:
            break
        if clause.dep_ not in CLAUSE_LINKS:
            return False
        clause = clause.head
    else:
        return False  # the question's own clause is further up than the walk goes
    opener = next(
        (t for t in tk.near(clause) if t.dep_ not in QUESTION_LEAD and t.tag_ != "RB"), None
    )
    wh = opener is not None and opener.tag_ in WH_TAGS and opener.i < clause.i
    return wh and not any(tk.is_modal(aux) for aux in tk.children(clause, "aux"))


def asked(sentence) -> set[int]:
    """The words a question mark closes: its own clause, not a statement run on before it
    ("My cat escaped ... what should I do?" asks nothing of the escape, nor "He wrote: will
    it rain?" of the writing); the question is the clause its last word is in."""
    unit = next((t for t in reversed(sentence) if not t.is_punct), sentence[-1])
    while not _run_on(unit) and unit.head.i != unit.i:
        unit = unit.head
    run_on = {t.i for clause in unit.children if _run_on(clause) for t in clause.subtree}
    return {t.i for t in unit.subtree} - run_on


def _run_on(clause) -> bool:
    """A clause run on after another: ``parataxis``, or a clause after a semicolon, colon,
    dash or ellipsis, whatever relation the parse gives it."""
    if clause.dep_ == "parataxis":
        return True
    edge = next((t.i for t in clause.subtree if not t.is_punct), clause.i)
    before = clause.doc[edge - 1] if edge > 0 else None
    stop = before is not None and (before.text in RUN_ON_STOPS or before.text.startswith(".."))
    return stop and clause.dep_ in CLAUSE_LINKS


def not_done(cues: list, state: State, carrier) -> bool:
    """A command ("call us", "let me know"), an act asked for, allowed or needed ("asked
    them to wait", "we need to renew"), an ability, permission or duty that is no deed
    ("you can buy tickets at the door", "visitors should book ahead"; "as you can see" is no
    ability but a seeing), a question that asks for an act, or a state in the future; a
    perfect ("should have called") speaks of the past, and keeps its chance."""
    command = any(
        cue == rules.IRREALIS_CUE and (commanded(t) or tk.lemma(t) in rules.DIRECTIVES)
        for cue, t in cues
    )
    deontic = any(cue in rules.DEONTIC_MODALS and not _perceives(cue, t) for cue, t in cues)
    deed = command or (deontic and not state.counterfactual)
    return deed or _asks_for_an_act(state) or _future_state(state, carrier)


def _future_state(state: State, carrier) -> bool:
    """A state or conduct in the future tense, no happening to forecast ("the fee will be
    based on the price", "we will have to wait", "will show restraint") but not there yet;
    a course kept ("will remain unchanged", "will continue") holds already."""
    ahead = state.tense == "future" and state.family in ("plain", "hedged")
    return ahead and tk.lemma(carrier) not in rules.COURSE_VERBS


def _perceives(cue: str, modal) -> bool:
    """ "can" on a verb of perceiving or saying: "as you can see", "I can tell you"."""
    return cue == "can" and tk.lemma(modal.head) in rules.PERCEPTION


def _asks_for_an_act(state: State) -> bool:
    """A question with a modal, a future or an infinitive of its own ("Can you recommend a
    plumber?", "What should I do?", "Will the ferry run?", "Any sights to see?") asks for an
    act or about one ahead, a request or a deliberation: nothing done yet. "Could it have
    rained?" asks of the past."""
    moods = {*rules.MODAL_CUES.values(), rules.IRREALIS_CUE}
    asked = state.family == "question" and not state.counterfactual
    return asked and any(name in moods for name in state.names)


def not_yet_done(*clauses) -> bool:
    """A clause joined to one of ``clauses`` (a plan's event or its governor; None is skipped)
    says it is still to be done: "was supposed to speak, but hasn't yet done so", "was due to
    sign it but has yet to"."""
    return any(
        any(tk.lemma(adverb) == "yet" for adverb in tk.children(conjunct, "advmod"))
        and (tk.negated(conjunct) or any(tk.children(conjunct, "xcomp")))
        for clause in clauses
        if clause is not None
        for conjunct in tk.children(clause, "conj")
    )


def futurate(token) -> bool:
    """A present progressive of going or arranging with a personal subject: a plan ("we are
    flying to Lisbon", "I am moving in May"), not an act under way; "going on" is one."""
    if tk.lemma(token) not in rules.FUTURATE_VERBS or tk.tense(token) != ("present", "progressive"):
        return False
    subjects = {tk.lemma(s) for s in tk.children(token, "nsubj")}
    return bool(subjects & rules.PERSONAL_SUBJECTS) and not tk.phrasal(token).endswith(" on")
