"""Every event mention in a parsed sentence, with the certainty the text gives it.

An event mention is a lexical verb (never an auxiliary, "to" or a copula), the head of a
copular predicate ("is likely", "was a success"), or an eventive noun
(:data:`~forecast.language.predicate_rules.EVENT_NOUNS`) that a table verb governs ("the
summit was called off"). Each gets a :class:`PredicateReading`: tense and aspect from the
morphology of its auxiliaries, polarity, the cues that govern it (modal auxiliaries by their
MD tag, adverbs, planning/desire/possibility governors reached through ``xcomp``/``ccomp``),
the construction family, the attribution chain, and the implied log-odds from the lexicon:
that the event happens (the forecast's question) and that the text presents it as having
happened already (the question of factuality corpora such as UDS-IH2).

The rules are tables in :mod:`forecast.language.predicate_rules`; this module finds the
mentions and turns what was read into a reading, :mod:`forecast.language.clause` reads a
mention's own clause and :mod:`forecast.language.governors` climbs the governors above it, and
:mod:`forecast.language.ahead` says whether the event is still ahead.
Time is linear in the sentence: each predicate looks at its own children and at most
:data:`~forecast.language.clause.MAX_DEPTH` governors.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from forecast.language import ahead
from forecast.language import appeals as ap
from forecast.language import breakdowns as bd
from forecast.language import clause as cl
from forecast.language import governors as gv
from forecast.language import predicate_rules as rules
from forecast.language import prepositional as pp
from forecast.language import tokens as tk
from forecast.language.claim import Span
from forecast.language.lexicon import Lexicon

__all__ = ["PredicateReading", "read_doc", "read_text"]

MIN_SD = 0.05
"""Floor of a reading's spread (a lexicon entry fitted to zero spread)."""
NOUN_LINKS = frozenset(["obj", "nsubj", "nsubj:pass", "obl", "nmod"])


@dataclass(frozen=True, slots=True)
class PredicateReading:
    """One event mention and what the sentence says about whether it happens.

    ``span`` is a character span into the parsed text; ``cues`` are lexicon cue names,
    nearest first; ``sources`` the attribution chain, innermost first ("an aide", then
    "the paper" for "the paper cited an aide as saying"); ``holders`` who holds the plan or
    view ("Yemen" for "Yemen has vowed to"); ``forward`` is True when the event is still
    ahead as the text presents it (future, planned, hedged, open).
    """

    lemma: str
    span: Span
    negated: bool
    tense: str  # "past", "present", "future" or "" (non-finite, nothing above says)
    aspect: str  # "perfect", "progressive" or "simple"
    cues: tuple[str, ...]
    construction: str
    sources: tuple[str, ...]
    logit_mean: float
    logit_sd: float
    forward: bool
    cue_spans: tuple[Span, ...] = ()
    event: str = ""
    carrier_span: Span = (0, 0)  # the predicate whose clause decides: a noun's verb, else span
    clause_span: Span = (0, 0)  # the carrier's clause: the dates inside it are the event's
    time_words: tuple[Span, ...] = ()  # when-words attached to it or its carrier: its dates
    frame: bool = False  # a reporting, planning or refusal verb with a clause: not the event
    past_time: bool = False  # the clause speaks of a time before the report ("met", "may have met")
    happened_logit: float = 0.0  # log-odds the text presents the event as having happened
    holders: tuple[str, ...] = ()  # who plans, vows or thinks it ("Yemen has vowed to")


def read_text(text: str, lexicon: Lexicon, nlp=None) -> tuple[PredicateReading, ...]:
    """Readings of every event mention in ``text``, spans into ``text``."""
    from forecast.language.parse import read_parsed

    pieces = read_parsed(text, lambda doc, offset: read_doc(doc, lexicon, offset), nlp)
    return tuple(reading for piece in pieces for reading in piece)


def read_doc(doc, lexicon: Lexicon, offset: int = 0) -> tuple[PredicateReading, ...]:
    """Readings of every event mention in a parsed ``Doc``, spans shifted by ``offset``."""
    table = _cue_table(lexicon)
    asked = frozenset(i for sent in doc.sents if sent[-1].text == "?" for i in cl.asked(sent))
    return tuple(
        _read(token, table, offset, token.i in asked)
        for token in doc
        if _is_mention(token) is not None
    )


@functools.lru_cache(maxsize=8)
def _cue_table(lexicon: Lexicon) -> dict:
    """Lexicon cue name -> (log-odds, spread, category); single-word forms -> cue name."""
    entries = {cue.cue: (cue.logit_mean, cue.logit_sd, cue.category) for cue in lexicon}
    words = {
        form: cue.cue
        for cue in lexicon
        if cue.category in ("adverb", "certainty", "survey")
        for form in cue.forms
        if " " not in form
    }
    return {"entries": entries, "words": words}


def _is_mention(token) -> str | None:
    """Why ``token`` is an event mention ("verb", "copular", "noun"), else None; an auxiliary
    the tagger calls a verb ("how did the council pay") is none."""
    if token.dep_ in tk.AUX_DEPS or cl.going_to(token):
        return None
    if token.pos_ == "VERB" or any(tk.is_modal(child) for child in tk.children(token, "aux")):
        return "verb"  # a word with a modal is a verb, whatever its tag ("could spread")
    if _subordinated(token):
        return "verb"  # "hope that a winner emerges", the tagger's "emerges" a plural noun
    if any(child.dep_ == "cop" for child in tk.kids(token)):
        return "copular"
    if token.pos_ == "NOUN" and (tk.lemma(token) in rules.EVENT_NOUNS or ap.called_for(token)):
        return "noun"
    if token.pos_ == "NOUN" and bd.ended_plan(token):
        return "noun"  # "the plan fell apart": the plan is the event
    return None


def _subordinated(token) -> bool:
    """A word tagged a noun that heads a complement or adverbial clause with a subordinator
    ("that a winner emerges"): only a clause takes a subordinator."""
    clause = token.pos_ == "NOUN" and token.dep_ in ("ccomp", "advcl")
    return clause and any(tk.children(token, "mark"))


def _read(token, table: dict, offset: int, asked: bool) -> PredicateReading:
    carrier = _carrier(token)
    tense, aspect = tk.tense(carrier)
    modal = any(tk.is_modal(aux) for aux in tk.children(carrier, "aux"))
    # Its own clause's time, before a governor lends it one: past, perfect, "could have".
    past_time = (tense == "past" and not modal) or (aspect == "perfect" and tense != "future")
    state = cl.State([], tk.negated(carrier), "plain", [], tense, aspect)
    state.ahead = any(tk.lemma(t) in rules.FUTURE_WORDS for t in tk.near(carrier))
    cl.own_cues(carrier, state, table)
    noun = carrier.i != token.i and _is_mention(token) == "noun"
    if noun and not pp.read_predicated(token, carrier, state):  # "the visit is in doubt"
        gv.noun_governor(token, carrier, state)
    if _is_mention(token) == "noun" and state.family == "plain":
        for modifier in tk.children(token, "amod"):  # "the scheduled elections"
            if tk.lemma(modifier) in rules.GOVERNOR_CUES:
                state.add(rules.GOVERNOR_CUES[tk.lemma(modifier)], modifier, timed=True)
    if cl.was_to_have(carrier):
        state.settle("lapsed_plan", carrier)
    gv.walk(carrier, state)
    untold = cl.irrealis(carrier) or cl.named_act(carrier)
    if not (state.cues or state.carried_out) and state.family == "plain" and untold:
        state.add(rules.IRREALIS_CUE, carrier)
    state.family = _family(state, asked and not cl.presupposed(carrier))
    if _hedged_cancellation(state):
        state.negated = True  # "may be postponed": the event, as likely as the hedge denies
    logit, sd = _logit(state, table)
    own_cues = state.family == "conditional" or _hedged_cancellation(state)
    family_cue = None if own_cues else rules.FAMILY_CUES.get(state.family)
    trigger = state.trigger if state.trigger is not None else token
    cues = [(family_cue, trigger)] if family_cue else state.cues
    forward = ahead.forward(state, carrier)
    return PredicateReading(
        lemma=tk.lemma(token),
        span=tk.span_of(token, offset),
        negated=state.negated and not family_cue,
        tense=state.tense,
        aspect=state.aspect,
        cues=tuple(cue for cue, _ in cues),
        construction=state.family,
        sources=tuple(state.sources),
        holders=tuple(state.holders),
        logit_mean=logit,
        logit_sd=sd,
        forward=forward,
        cue_spans=tuple(tk.cue_span(t, offset) for _, t in cues),
        event=_event_phrase(token, carrier),
        carrier_span=tk.span_of(carrier, offset),
        clause_span=tk.near_span(carrier, offset),
        time_words=tk.time_words(token, carrier, offset),
        frame=_is_frame(token),
        past_time=past_time or state.counterfactual or state.family == "refusal",
        happened_logit=_happened(logit, forward or cl.not_done(cues, state, carrier), table),
    )


def _happened(logit: float, not_yet: bool, table: dict) -> float:
    """Log-odds that the text presents the event as having happened or as happening now (the
    question UDS-IH2 annotators answer), as against :attr:`PredicateReading.logit_mean`,
    the chance that it happens at all. They differ for an event still ahead (forward) or not
    done (:func:`~forecast.language.clause.not_done`): however likely, it has not happened
    yet. An infinitive nothing known governs ("tried to call", "a place to eat") is left as
    even as its chance. Elsewhere the two are one."""
    return table["entries"][rules.NOT_YET_CUE][0] if not_yet else logit


def _is_frame(token) -> bool:
    """A verb that frames a clause ("said", "expected", "refused", "called off"): the event is
    its complement, not the verb."""
    lemma = tk.lemma(token)
    framing = lemma in rules.FRAME_LEMMAS or tk.phrasal(token) in rules.CANCEL_VERBS
    # A passive with a subject frames only a complement: "a winner can't be announced as..."
    adverbial = () if any(tk.children(token, "nsubj:pass")) else ("advcl",)
    return framing and any(tk.children(token, "xcomp", "ccomp", "csubj", *adverbial))


def _carrier(token):
    """The predicate whose clause says whether ``token``'s event happens: a noun's verb ("the
    summit" -> "held"), a bare conjunct's first conjunct ("will meet and discuss"), the
    "going" of "is going to invade"."""
    modifier = False  # an eventive noun modifying another noun ("the interview step")
    for _ in range(cl.MAX_DEPTH):
        if token.dep_ == "conj" and _bare(token) and token.head.pos_ in ("VERB", "ADJ"):
            token = token.head
        elif token.dep_ == "xcomp" and cl.going_to(token.head):
            token = token.head  # "is going to invade": the "going" clause has the time
        elif _compound(token) or tk.counted(token) or pp.scheduled(token):  # "a number of talks"
            token, modifier = token.head, True  # "scrap the interview step": the step's verb
        elif (modifier or _is_mention(token) == "noun") and token.dep_ in NOUN_LINKS:
            head = token.head
            governs = head.pos_ in ("VERB", "ADJ", "AUX") or tk.lemma(head) in (
                rules.NOUN_GOVERNOR_CUES
            )
            return head if governs or pp.governed(token) else token
        else:
            return token
    return token


def _compound(token) -> bool:
    """An eventive noun in a compound ("the interview step"): its head noun's verb carries it."""
    return token.dep_ == "compound" and token.head.pos_ == "NOUN" and _is_mention(token) == "noun"


def _bare(token) -> bool:
    """No auxiliary, subject or subordinator of its own: it shares its head's clause."""
    own = any(tk.children(token, "aux", "aux:pass", "nsubj", "nsubj:pass", "mark", "cop"))
    return not own and not tk.own_tense(token)


def _event_phrase(token, carrier) -> str:
    """Actor, base-form predicate and its complements: "Kim travel to Beijing next week"."""
    if _is_mention(token) == "noun":
        return " ".join(t.text for t in tk.near(token) if t.dep_ != "punct" and t.tag_ != "DT")
    subject = next(tk.children(carrier, "nsubj", "nsubj:pass"), None)
    if subject is None and carrier.dep_ == "xcomp":
        subject = next(tk.children(carrier.head, "nsubj", "nsubj:pass"), None)
    actor = tk.phrase(subject) if subject is not None and subject.tag_ != "WDT" else ""
    rest = [
        t.text
        for child in tk.kids(token)
        if child.i > token.i and child.dep_ in rules.EVENT_LINKS
        for t in tk.near(child)
        if t.dep_ != "punct"
    ]
    return " ".join(part for part in (actor, token.lemma_, " ".join(rest)) if part)


def _family(state: cl.State, question: bool) -> str:
    """A plain reading's family once the walk is done: question, hedged, negated or plain."""
    if question and state.family not in cl.SETTLED:
        return "question"  # a question asserts nothing: "Do you think the bill will help?"
    if state.family != "plain":
        return state.family
    if any(cue != rules.IRREALIS_CUE for cue in state.names):
        return "hedged"
    return "negated" if state.negated else "plain"


def _hedged_cancellation(state: cl.State) -> bool:
    """A cancellation under a hedge of its own: "may be postponed", "could be called off"."""
    return state.family == "cancellation" and any(
        cue not in (rules.IRREALIS_CUE, "will") for cue in state.names
    )


def _logit(state: cl.State, table: dict) -> tuple[float, float]:
    """Log-odds and spread: the family's cue, else weaker-wins over the cues, then negation."""
    entries = table["entries"]
    family_cue = rules.FAMILY_CUES.get(state.family)
    own_cues = (bool(state.cues) and state.family == "conditional") or _hedged_cancellation(state)
    if family_cue is not None and not own_cues:
        names: Iterable[str] = [family_cue]
        negate = False
    else:
        names = state.names or [rules.FACT_CUE]
        negate = state.negated
    known = [entries[name] for name in names if name in entries] or [entries[rules.FACT_CUE]]
    logit = min(mean for mean, _, _ in known)
    sd = max([MIN_SD, *(spread for _, spread, _ in known)])
    if negate:
        categories = {category for _, _, category in known}
        if "possibility" in categories:
            logit = entries["almost no chance"][0]
        elif "undecided" not in categories:
            logit = -logit
    return logit, sd
