"""What a forward-looking clause may name that is no happening to forecast.

A pledge, an appeal or a modal can govern conduct ("do all he could", "show restraint"), a
state ("urged them to stay calm") or a tendency of a kind ("such a state will provide",
"any attack would be considered"): nothing anyone could check as having happened by a
date. The predicate reader (:mod:`forecast.language.predicates`) asks :func:`no_happening`
before it calls an event ahead. The words are lemma classes, as data.
"""

from __future__ import annotations

from forecast.language import predicate_rules as rules
from forecast.language import tokens as tk

__all__ = ["no_happening"]

# Verbs whose object, when it is one of these words, makes them conduct or effort, not an act
# with an outcome: "do all he could", "do more", "make every effort", "show restraint".
CONDUCT_OBJECTS = {
    "do": frozenset(
        ["all", "everything", "anything", "whatever", "more", "best", "utmost", "much", "what"]
    ),
    "make": frozenset(["effort", "efforts"]),
    "show": frozenset(["restraint", "patience", "calm", "flexibility", "leadership"]),
    "exercise": frozenset(["restraint", "caution", "patience"]),
}
# Verbs of an attitude kept up, with no outcome of its own to check: asked or wished for,
# "urged them to respect the ruling", "listen to the farmers", "abide by the result".
ATTITUDE_VERBS = frozenset(["respect", "listen", "heed", "obey", "abide", "behave", "tolerate"])
# Verbs of regarding someone as something ("should not be portrayed as a failing nation",
# "agreed to be treated like a servant"): a view or a manner, with no outcome to check.
REGARD_VERBS = frozenset(
    ["portray", "regard", "consider", "see", "view", "treat", "describe", "depict", "label",
     "brand", "perceive"]
)  # fmt: skip
REGARD_MARKS = frozenset(["as", "like"])
# Determiners that make an object one already there: "continue their talks", "keep the
# truce"; "pursue a solution" seeks one not yet there.
DEFINITE_DETERMINERS = frozenset(["the", "this", "that", "these", "those"])
# Nouns of an attempt: made or under way ("has been making efforts to", "made a bid to"),
# the story tells of trying, not of an outcome ahead.
EFFORT_NOUNS = frozenset(["effort", "bid", "attempt"])
# Verbs that link their subject to a state: with an adjective, "stay calm", "remain united".
LINKING_VERBS = frozenset(["stay", "remain", "keep", "be", "become", "get"])
# Determiners that make their noun any member of a kind, not one thing: "any attack would",
# "such a state will"; in a call, every member too: "recommends that every country should"
# is a norm, no one's act ("every claim will be assessed" is a plan, and stays).
KIND_DETERMINERS = frozenset(["any", "such"])
EVERY_DETERMINERS = KIND_DETERMINERS | {"every", "each", "all"}


def no_happening(state, carrier) -> bool:
    """``carrier``'s clause names conduct, a state, an attitude or a course kept up asked or
    wished for, a kind's tendency, advice or a wish a story tells, being regarded as
    something, a noun's name, or an attempt made; a time ahead ("stay calm until Friday's
    vote") makes it a claim again.

    ``state`` is what the reader gathered (:class:`~forecast.language.clause.State`).
    """
    if state.ahead:
        return False
    wished = state.family == "appeal" or any(
        tk.lemma(token) in rules.DESIRES for _, token in state.cues
    )
    told = (state.family == "appeal" and _advised_in_the_past(state.trigger)) or any(
        _wished_in_the_past(token) for _, token in state.cues
    )
    kinds = EVERY_DETERMINERS if state.family == "appeal" else KIND_DETERMINERS
    attitude = wished and (tk.lemma(carrier) in ATTITUDE_VERBS or _course_kept(carrier))
    return (
        _conduct(carrier)
        or (wished and _state(carrier))
        or attitude
        or _of_a_kind(carrier, kinds)
        or _regarded(carrier)
        or _named(carrier)
        or _noun_in_object(carrier)
        or told
        or any(_effort_made(token) for _, token in state.cues)
    )


def _conduct(carrier) -> bool:
    """ "do all he could", "make every effort", "show restraint": how someone acts."""
    objects = CONDUCT_OBJECTS.get(tk.lemma(carrier), frozenset())
    # the tagger may take the object for an adjective ("exercise restraint" as an xcomp)
    return any(tk.lemma(obj) in objects for obj in tk.children(carrier, "obj", "xcomp"))


def _course_kept(carrier) -> bool:
    """Keeping up what is already under way, its object definite or someone's: "urged them
    to continue their talks", "wants to maintain the truce"; not "pursue a solution"."""
    if tk.lemma(carrier) not in rules.COURSE_VERBS:
        return False
    return any(
        tk.lemma(det) in DEFINITE_DETERMINERS or det.dep_ == "nmod:poss"
        for obj in tk.children(carrier, "obj")
        for det in tk.children(obj, "det", "nmod:poss")
    )


def _state(carrier) -> bool:
    """A state, not an act: "urged them to stay calm", "wants it to be the party of fairness"
    (an adjective or a noun with its copula, or a linking verb with an adjective)."""
    if carrier.pos_ in ("ADJ", "NOUN", "PROPN") and _copular(carrier):
        return True
    linking = tk.lemma(carrier) in LINKING_VERBS
    return linking and any(c.pos_ == "ADJ" for c in tk.children(carrier, "xcomp"))


def _copular(predicate) -> bool:
    return any(tk.children(predicate, "cop"))


def _noun_in_object(carrier) -> bool:
    """A noun the parser split off an object as an open complement ("won't make enough
    thyroid hormone", "hormone" tagged no verb but parsed one): part of a thing, no act."""
    verb_tag = carrier.tag_.startswith("VB")
    bare = not any(tk.children(carrier, "mark", "aux", "aux:pass", "nsubj", "obj"))
    return carrier.dep_ == "xcomp" and carrier.pos_ == "VERB" and not verb_tag and bare


def _regarded(carrier) -> bool:
    """ "be portrayed as a failing nation", "treated like a servant": how someone is seen."""
    if tk.lemma(carrier) not in REGARD_VERBS:
        return False
    complements = tk.children(carrier, "obl", "xcomp", "advcl")
    return any(
        tk.lemma(mark) in REGARD_MARKS
        for complement in complements
        for mark in tk.children(complement, "case", "mark")
    )


def _named(carrier) -> bool:
    """A relative clause that names its noun: "its next flight, which will be AX-7" says
    what the flight is called, not that anything happens. The tagger may take a name it
    does not know for an adjective; a capital inside the sentence tells it."""
    name = carrier.pos_ == "PROPN" or carrier.text[:1].isupper()
    return carrier.dep_ == "acl:relcl" and name and _copular(carrier)


def _effort_made(cue) -> bool:
    """ "has been making efforts to bring them home", "made a bid to buy the club": an attempt
    its verb tells as made (past or perfect), or one the clause is about ("the bid to buy the
    club is opposed"); "will make every effort to" stays a plan."""
    if tk.lemma(cue) not in EFFORT_NOUNS:
        return False
    if cue.dep_ in ("nsubj", "nsubj:pass"):
        return True
    tense, aspect = tk.tense(cue.head)
    return cue.dep_ == "obj" and (tense == "past" or aspect == "perfect")


def _wished_in_the_past(cue) -> bool:
    """ "were not invited, despite wanting to discuss it": a wish in a bare participle
    adjunct has the time of the clause it hangs on, and a story told in the past tells it."""
    bare = not any(tk.children(cue, "aux", "nsubj"))
    if tk.lemma(cue) not in rules.DESIRES or cue.tag_ != "VBG" or not bare:
        return False
    if cue.dep_ != "advcl":
        return False
    clause = cue
    while clause.head is not clause:  # up to the first clause with a time of its own
        clause = clause.head
        tense, aspect = tk.tense(clause)
        if tense or aspect == "perfect":
            return tense == "past" or aspect == "perfect"
    return False


def _advised_in_the_past(appeal) -> bool:
    """ "the parents were advised to send the child to a specialist": advice a story tells,
    its addressee the subject of a past passive, not a call still open."""
    if appeal is None or not any(tk.children(appeal, "aux:pass")):
        return False
    return tk.tense(appeal)[0] == "past"


def _of_a_kind(carrier, determiners: frozenset[str]) -> bool:
    """The subject is any member of a kind: "any attack on it would be", "such a state
    will provide"."""
    return any(
        tk.lemma(det) in determiners
        for subject in _subjects(carrier)
        for det in tk.children(subject, "det", "det:predet", "amod")
    )


def _subjects(carrier):
    """``carrier``'s subjects; an open complement with none has its governor's ("such a
    reform will keep cutting costs")."""
    while carrier.dep_ == "xcomp" and not any(tk.children(carrier, "nsubj", "nsubj:pass")):
        carrier = carrier.head
    return tk.children(carrier, "nsubj", "nsubj:pass")
