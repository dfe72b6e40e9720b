"""Cancellations worded as a breakdown or a retreat: news of an event that will not happen.

Three ways news calls an event off besides "cancelled" (the tables are in
:mod:`forecast.language.breakdown_rules`):

- a plan called off: a cancel verb whose object is a plan noun, the plan's act its "to"
  infinitive or its "for"/"of" noun ("scrapped its plan to raise taxes", "gave up efforts
  to take the capital");
- a breakdown: the event, or a plan, as the subject of a verb that ends it ("the talks
  collapsed", "the deal fell through", "the summit was derailed");
- a retreat: what a retreat is "from" ("walked away from the deal", "backed away from plans
  to strike") is called off; an act stopped short of is not taken ("stopped short of calling
  for a boycott").

A negated ender keeps the event alive ("did not abandon plans to build"): a counter-hedge.
Only an eventive noun (:data:`~forecast.language.predicate_rules.EVENT_NOUNS`) or a plan noun
is ended: "the roof collapsed" calls nothing off.
"""

from __future__ import annotations

from forecast.language import breakdown_rules as bd
from forecast.language import predicate_rules as rules
from forecast.language import tokens as tk
from forecast.language.clause import SETTLED, State
from forecast.language.frame_rules import PLAN_NOUNS as INTENT_NOUNS

__all__ = ["call_off", "ended_plan", "ender", "retreat"]

PLAN_NOUNS = INTENT_NOUNS | bd.MORE_PLAN_NOUNS
"""Nouns of an intended act that a verb calls off ("scrapped its plan to", "the bid fell
apart"): the act is their "to" infinitive or their "for"/"of" noun, else the plan."""
CONTENT_CASES = frozenset(["for", "of"])
"""Prepositions of a plan noun's act: "plans for a referendum", "the threat of a strike"."""


def call_off(clause, state: State) -> bool:
    """Settle the family of the act ``clause`` names when a verb calls it off or a retreat
    withdraws from it; True when one does (``state.trigger`` is that verb, where the walk
    goes on)."""
    if state.negated:
        return False
    plan = plan_of(clause)
    verb = ender(plan if plan is not None else clause)
    if verb is not None and state.family not in SETTLED:
        state.settle("counter_hedge" if tk.negated(verb) else "cancellation", verb, clear=True)
        for cue, aux in tk.modals(verb):  # "may scrap its plan to": a hedged cancellation
            state.add(cue, aux, timed=cue in rules.EPISTEMIC_MODALS)
        return True
    verb = retreat(clause)
    if verb is not None and state.family in bd.WITHDRAWN and not tk.negated(verb):
        state.settle("refusal", verb, clear=True)
        state.tense = state.tense or tk.tense(verb)[0]
        return True
    return False


def ender(noun):
    """The verb that calls off the happening or plan ``noun`` names, else None: a breakdown
    of its subject or object, a cancel verb of a plan, a retreat from either."""
    lemma = tk.lemma(noun)
    plan = lemma in PLAN_NOUNS
    if noun.pos_ != "NOUN" or not (plan or lemma in rules.EVENT_NOUNS):
        return None
    participle = next((w for w in tk.children(noun, "amod", "acl") if _ended_by(w, plan)), None)
    if participle is not None:
        return participle
    verb = _verb_of(noun)
    if verb is None:
        return None
    if noun.dep_ in ("obl", "nmod"):
        cases = {tk.lemma(case) for case in tk.children(noun, "case")}
        return verb if bd.RETREAT_VERBS.get(_phrase(verb)) in cases else None
    if noun.dep_ == "nsubj":  # not "the row scuttled the merger": the merger is ended
        ends = _phrase(verb) in bd.BREAKDOWN_VERBS and not any(tk.children(verb, "obj"))
    else:
        ends = noun.dep_ in ("obj", "nsubj:pass") and _ends(verb, plan)
    return verb if ends else None


def ended_plan(noun) -> bool:
    """A plan noun called off with no act named in the ender's clause ("the plan fell apart",
    "dropped its bid for the Olympics"): the plan itself is the event."""
    verb = ender(noun) if tk.lemma(noun) in PLAN_NOUNS else None
    if verb is None:
        return False
    words = {word.i: word for span in (tk.near(verb), tk.near(noun)) for word in span}
    others = (word for i, word in words.items() if i not in (noun.i, verb.i))
    return not any(w.pos_ == "VERB" or tk.lemma(w) in rules.EVENT_NOUNS for w in others)


def plan_of(clause):
    """The plan noun whose act ``clause`` names, else None: its "to" infinitive ("its plan to
    raise"), the same infinitive the parse hung on the verb right after the plan ("abandoned
    plans | to build"), its "for"/"of" noun ("plans for a referendum")."""
    head = clause.head
    if clause.dep_ == "acl" and tk.to_marked(clause):
        return head if tk.lemma(head) in PLAN_NOUNS else None
    if clause.dep_ == "nmod" and {tk.lemma(c) for c in tk.children(clause, "case")} & (
        CONTENT_CASES
    ):
        return head if tk.lemma(head) in PLAN_NOUNS else None
    if clause.dep_ in ("advcl", "xcomp") and tk.to_marked(clause):
        return next(
            (
                plan
                for plan in tk.children(head, "obj", "obl")
                if tk.lemma(plan) in PLAN_NOUNS and plan.right_edge.i + 1 == clause.left_edge.i
            ),
            None,
        )
    return None


def retreat(clause):
    """The retreat an act is the "from"/"of" complement of ("stopped short of calling",
    "backed away from raising"), else None."""
    if clause.pos_ != "VERB" and not clause.tag_.startswith("VB"):
        return None
    verb = _verb_of(clause)
    if verb is None:
        return None
    linked = {tk.lemma(word) for word in tk.children(clause, "mark", "case")}
    return verb if bd.RETREAT_VERBS.get(_phrase(verb)) in linked else None


def _verb_of(word):
    """The verb ``word`` hangs on, through a particle ("walked away | from the deal")."""
    head = word.head
    if _particle(head) and head.head.i != head.i:
        head = head.head
    verb = head.pos_ == "VERB" or head.tag_.startswith("VB")  # "did not abandon": tagged ADV
    return head if verb and head.i != word.i else None


def _particle(word) -> bool:
    return word.dep_ in bd.PARTICLE_DEPS and tk.lemma(word) in bd.PARTICLES


def _phrase(verb) -> str:
    """The verb's lemma (mended from its form: "derailed", "torpedoed") with its particle."""
    lemma = tk.lemma(verb)
    lemma = lemma if lemma in rules.KNOWN_LEMMAS else tk.known(verb.lower_)
    particle = next((tk.lemma(w) for w in tk.kids(verb) if w.i > verb.i and _particle(w)), "")
    return f"{lemma} {particle}".strip()


def _cancels(verb, phrase: str) -> bool:
    """A cancel verb, with its particle however parsed ("ruled out" as a compound)."""
    words = (phrase, tk.phrasal(verb), tk.lemma(verb))
    return any(word in rules.CANCEL_VERBS for word in words)


def _ended_by(participle, plan: bool) -> bool:
    """A bare participle that ends its noun: "the abandoned plan to", "the talks collapsed
    on Friday" (parsed as a participle); not one with auxiliaries of its own ("threats of
    applications being withdrawn" speak of a withdrawal that may come)."""
    bare = not any(tk.children(participle, "aux", "aux:pass"))
    return participle.tag_[:2] == "VB" and bare and _ends(participle, plan)


def _ends(verb, plan: bool) -> bool:
    """A verb that ends what it is said of: a breakdown, or a cancel or drop verb of a plan."""
    phrase = _phrase(verb)
    dropped = _cancels(verb, phrase) or phrase in bd.DROPPING_VERBS
    return phrase in bd.BREAKDOWN_VERBS or (plan and dropped)
