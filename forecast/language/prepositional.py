"""Hedges news writes with a preposition, a noun or an idiom, read off the parse.

Three kinds, each a table keyed by spaCy lemma that names a lexicon cue or a family (never a
probability):

- A governor that takes its event through a preposition (:data:`ROUTES`): near at hand
  ("close to reaching a deal", "on the brink of calling a strike", "poised for an attack"),
  committed or intent ("committed to enriching", "bent on winning", "aiming at cutting"),
  under negotiation ("in talks to buy"). The event is a gerund or an infinitive under the
  preposition, or an eventive noun after it; :func:`route` finds the governor and its cue,
  which :mod:`forecast.language.governors` lends as it lends an "expected to".
- A predicate of doubt, openness or suspension said of an eventive noun
  (:data:`PREDICATES`): "the visit is in doubt", "the election is up in the air", "the deal
  is hanging in the balance", "the merger is on hold".
- A schedule or decision not yet made for the event (:data:`SCHEDULES`): "no date has been
  set for the visit" leaves the visit undecided, not denied.
"""

from __future__ import annotations

from dataclasses import dataclass

from forecast.language import predicate_rules as rules
from forecast.language import tokens as tk
from forecast.language.clause import State

__all__ = [
    "PREDICATES", "ROUTES", "SCHEDULES", "Route", "governed", "read_predicated", "route",
    "scheduled",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Way:
    """How a governor takes its event: the prepositions before it, the lexicon cue it lends,
    the preposition the governor itself needs to be the idiom ("on track", "in talks"), and
    whether it also takes a bare infinitive ("on track to open"), may be a place
    (``spatial``: "close to the festival" is where, "close to a deal" is when) or needs the
    active voice (``active``: "the ministry is aiming at cutting" is a plan, "the closure
    is aimed at silencing" the purpose of a thing done)."""

    prepositions: frozenset[str]
    cue: str
    idiom: str = ""
    infinitive: bool = False
    spatial: bool = False
    active: bool = False


def _way(prepositions: str, cue: str, **rest) -> Way:
    return Way(frozenset(prepositions.split()), cue, **rest)


NEAR = "likely"
"""The cue of an event near at hand: likely, not yet happened."""
ROUTES = {
    # near at hand
    "close": _way("to", NEAR, spatial=True),
    "near": _way("to", NEAR, spatial=True),
    "verge": _way("of", NEAR),
    "brink": _way("of", NEAR),
    "track": _way("to for", NEAR, idiom="on", infinitive=True),
    "course": _way("to for", NEAR, idiom="on", infinitive=True),
    "line": _way("for", NEAR, idiom="in"),
    "head": _way("for toward towards", NEAR, spatial=True),
    "poise": _way("for", "is preparing to"),
    "ready": _way("for", "is preparing to"),
    "prepare": _way("for", "is preparing to"),
    "set": _way("for", "is set to"),
    "brace": _way("for", "is expected to"),
    # committed, intent, aiming
    "commit": _way("to", rules.COMMITMENT_CUE),
    "committed": _way("to", rules.COMMITMENT_CUE),
    "intend": _way("on upon", "intends to"),
    "intent": _way("on upon", "intends to"),
    "bent": _way("on upon", "intends to"),
    "bend": _way("on upon", "intends to"),
    "plan": _way("on", "plans to"),
    "aim": _way("at for", "aims to", active=True),
    "view": _way("to", "aims to", idiom="with", infinitive=True),
    "hope": _way("for", "hopes to"),
    # under negotiation: a possibility
    "talk": _way("to over on about for", "the possibility of", idiom="in", infinitive=True),
    "negotiation": _way("to over on about for", "the possibility of", idiom="in", infinitive=True),
}
"""Governor lemma -> :class:`Way`. A participle the tagger calls an adjective keeps its own
lemma ("committed"), so both forms are keys."""

DOUBT, OPEN, SUSPENDED = "doubt", "open", "suspended"
PREDICATES = {
    "doubt": ("in", "", DOUBT),
    "question": ("in", "", DOUBT),
    "jeopardy": ("in", "", DOUBT),
    "doubtful": ("", "", DOUBT),
    "air": ("in", "up", OPEN),  # "up in the air"; "the plane is in the air" is under way
    "balance": ("in", "", OPEN),
    "uncertain": ("", "", OPEN),
    "unclear": ("", "", OPEN),
    "undecided": ("", "", OPEN),
    "hold": ("on", "", SUSPENDED),
    "ice": ("on", "", SUSPENDED),
}
"""Predicate lemma -> (its preposition, a word it needs, what it says of its subject event):
doubt lends the doubt cue, open leaves an open question, suspended reads as put on hold."""
DOUBT_CUE = "we doubt"
LINKING_VERBS = frozenset(["be", "remain", "stay", "hang", "look", "seem", "appear"])
"""Verbs that link an event to a predicate of it: "remains uncertain", "hangs in the balance"."""

SCHEDULES = {
    "date": "no schedule has been set yet",
    "timetable": "no schedule has been set yet",
    "timeline": "no schedule has been set yet",
    "timeframe": "no schedule has been set yet",
    "schedule": "no schedule has been set yet",
    "deadline": "no schedule has been set yet",
    "decision": "no decision has been made",
}
"""A noun of schedule or decision -> the lexicon cue of its lack ("no date has been set for
the visit"): the event is undecided, not denied."""
ARGUMENTS = ("nsubj", "nsubj:pass", "obj")
SETTING = frozenset(
    ["set", "fix", "make", "take", "reach", "give", "announce", "name", "agree", "decide",
     "finalise", "finalize", "confirm", "determine", "be", "have", "exist"]
)  # fmt: skip
"""Verbs that set a schedule or make a decision, or say there is one: "no date has been set"."""
ABOUT = frozenset(["for", "on", "about", "over", "of"])
"""Prepositions that tie an event to a schedule or decision about it."""
DEFINITE = frozenset(["the", "this", "that", "these", "those"])


@dataclass(frozen=True, slots=True)
class Route:
    """The governor an event is reached from through a preposition, and the cue it lends."""

    governor: object
    cue: str


def route(event) -> Route | None:
    """The governor that takes ``event`` (a clause or an eventive noun) through a preposition
    of :data:`ROUTES`, with its cue; None where nothing does. A gerund the parser hung on its
    own object ("committed to enriching uranium" as if "enriching" described the uranium)
    is read as the head of the phrase the preposition opens."""
    phrase = _phrase_of(event)
    governor = phrase.head
    way = ROUTES.get(tk.lemma(governor))
    if way is None or governor.i == phrase.i or not _idiom(governor, way):
        return None
    if way.active and any(tk.children(governor, "aux:pass", "nsubj:pass")):
        return None
    joined = {tk.lemma(word) for word in tk.children(phrase, "mark", "case")}
    if not joined & way.prepositions:
        return None
    if phrase.i == event.i and event.pos_ == "NOUN":
        fits = event.dep_ in ("obl", "nmod") and not (way.spatial and _definite(event))
    else:
        fits = event.dep_ in ("advcl", "acl", "xcomp", "amod") and _gerund(event, way)
    return Route(governor, way.cue) if fits else None


def _phrase_of(event):
    """The word a preposition hangs on for ``event``: the event, or the noun a gerund was
    misparsed as describing, when the preposition comes right before the gerund."""
    noun = event.head
    if event.dep_ != "amod" or event.tag_ != "VBG" or event.i == 0:
        return event
    before = event.doc[event.i - 1]
    return noun if before.dep_ == "case" and before.head.i == noun.i else event


def _idiom(governor, way: Way) -> bool:
    """The governor carries the preposition of its idiom ("on track", "in talks")."""
    return not way.idiom or any(tk.lemma(c) == way.idiom for c in tk.children(governor, "case"))


def _gerund(clause, way: Way) -> bool:
    """A gerund under the preposition, or an infinitive where the governor takes one."""
    gerund = clause.tag_ == "VBG" or "Ger" in clause.morph.get("VerbForm")
    return gerund or (way.infinitive and tk.to_marked(clause))


def _definite(noun) -> bool:
    """A noun with a definite determiner or a possessor: a thing that is there, a place."""
    return any(tk.lemma(d) in DEFINITE for d in tk.children(noun, "det")) or any(
        tk.children(noun, "nmod:poss")
    )


def governed(noun) -> bool:
    """Whether ``noun``'s head governs it by one of these tables, so that the head's clause
    carries the noun's event ("on track for a vote", "the visit is in doubt")."""
    return route(noun) is not None or _predicate(noun) is not None


def scheduled(noun) -> bool:
    """An event named after its schedule or decision ("a date for the summit"): like a
    counted noun, it is carried by the verb of the noun it hangs on."""
    cases = {tk.lemma(c) for c in tk.children(noun, "case")}
    return noun.dep_ == "nmod" and tk.lemma(noun.head) in SCHEDULES and bool(cases & ABOUT)


def read_predicated(noun, carrier, state: State) -> bool:
    """Read an eventive noun that a predicate of doubt, openness or suspension is said of,
    or whose schedule or decision is said to be lacking; False where neither is."""
    said = _predicate(noun)
    schedule = _lacking_schedule(noun)
    if said is not None:
        _say(*said, state)
    elif schedule is not None:  # "no date has been set for the visit": undecided, not denied
        state.negated = False
        state.add(SCHEDULES[tk.lemma(schedule)], schedule, timed=True)
        state.ahead = True  # nothing is set for it yet, as the report had it: still ahead
    else:
        return False
    return True


def _say(kind: str, word, state: State) -> None:
    """A predicate's reading: a doubt cue, an open question or a suspension."""
    if kind == DOUBT:
        state.add(DOUBT_CUE, word, timed=True)
        state.ahead = state.ahead or state.tense != "past"  # ahead, whatever the linking verb
    elif kind == OPEN:
        state.settle("open_question", word, clear=True)
    else:
        state.settle("counter_hedge" if state.negated else "cancellation", word)
        state.negated = False


def _predicate(noun) -> tuple[str, object] | None:
    """(what it says, the predicate word) for an event that is the subject of a predicate of
    :data:`PREDICATES`, directly ("the vote is uncertain") or through a linking verb
    ("remains in doubt", "is hanging in the balance")."""
    if noun.dep_ not in ("nsubj", "nsubj:pass"):
        return None
    head = noun.head
    words = [head]
    if tk.lemma(head) in LINKING_VERBS:
        words.extend(tk.children(head, "obl", "xcomp", "advmod"))
    for word in words:
        entry = PREDICATES.get(tk.lemma(word))
        if entry is None:
            continue
        preposition, needed, kind = entry
        cases = {tk.lemma(c) for c in tk.children(word, "case")}
        has = {tk.lemma(c) for c in tk.kids(word)}
        if (not preposition or preposition in cases) and (not needed or needed in has):
            return kind, word
    return None


def _lacking_schedule(noun):
    """The schedule or decision noun said to be lacking for an event that hangs on it
    through a preposition of :data:`ABOUT`: "no date for the visit", "a date for the visit
    has not been set", "no decision has been made on the visit"; else None."""
    if not {tk.lemma(c) for c in tk.children(noun, "case")} & ABOUT:
        return None
    head = noun.head
    if noun.dep_ == "nmod" and tk.lemma(head) in SCHEDULES:
        schedule = head
    elif noun.dep_ == "obl" and head.pos_ in ("VERB", "AUX"):
        arguments = tk.children(head, *ARGUMENTS)
        schedule = next((word for word in arguments if tk.lemma(word) in SCHEDULES), None)
    else:
        return None
    if schedule is None:
        return None
    verb = schedule.head if schedule.dep_ in ARGUMENTS else None
    if verb is not None and tk.lemma(verb) not in SETTING:
        return None  # "the date for the vote will not change": set, and kept
    lacking = tk.negated(schedule) or (verb is not None and tk.negated(verb))
    return schedule if lacking else None
