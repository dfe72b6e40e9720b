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

The rules are tables in :mod:`forecast.language.predicate_rules`; this module walks the
tree. Time is linear in the sentence: each predicate looks at its own children and at most
:data:`MAX_DEPTH` governors.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from forecast.language import predicate_rules as rules
from forecast.language import tokens as tk
from forecast.language.claim import Span
from forecast.language.lexicon import Lexicon

__all__ = ["PredicateReading", "read_doc", "read_text"]

MAX_DEPTH = 4
"""Governors walked above a predicate: enough for "said it was expected to try to visit"."""
MIN_SD = 0.05
"""Floor of a reading's spread (a lexicon entry fitted to zero spread)."""
CLAUSE_LINKS = frozenset(["xcomp", "ccomp", "csubj", "csubj:pass", "acl", "advcl", "conj"])
NOUN_LINKS = frozenset(["obj", "nsubj", "nsubj:pass", "obl", "nmod"])
WH_TAGS = frozenset(["WDT", "WP", "WP$", "WRB"])
QUESTION_LEAD = frozenset(["cc", "punct", "discourse", "advmod:emph"])
"""Words that may come before a question's wh-word ("And why ...", "Well, what ...");
a plain adverb (tag RB, "So how ...") may too."""
SETTLED = frozenset(
    ["open_question", "cancellation", "refusal", "counter_hedge", "lapsed_plan", "appeal"]
)
"""Families a higher governor no longer changes (it may still add a source)."""


@dataclass(frozen=True, slots=True)
class PredicateReading:
    """One event mention and what the sentence says about whether it happens.

    ``span`` is a character span into the parsed text; ``cues`` are lexicon cue names,
    nearest first; ``sources`` the attribution chain, innermost first ("an aide", then
    "the paper" for "the paper cited an aide as saying"); ``forward`` is True when the
    event is still ahead as the text presents it (future, planned, hedged, open).
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
    frame: bool = False  # a reporting, planning or refusal verb with a clause: not the event
    past_time: bool = False  # the clause speaks of a time before the report ("met", "may have met")
    happened_logit: float = 0.0  # log-odds the text presents the event as having happened


def read_text(text: str, lexicon: Lexicon, nlp=None) -> tuple[PredicateReading, ...]:
    """Readings of every event mention in ``text``, spans into ``text``."""
    from forecast.language.parse import read_parsed

    pieces = read_parsed(text, lambda doc, offset: read_doc(doc, lexicon, offset), nlp)
    return tuple(reading for piece in pieces for reading in piece)


def read_doc(doc, lexicon: Lexicon, offset: int = 0) -> tuple[PredicateReading, ...]:
    """Readings of every event mention in a parsed ``Doc``, spans shifted by ``offset``."""
    table = _cue_table(lexicon)
    asked = frozenset(word.i for sent in doc.sents if sent[-1].text == "?" for word in sent)
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
    if token.dep_ in tk.AUX_DEPS:
        return None
    if token.pos_ == "VERB" or any(tk.is_modal(child) for child in tk.children(token, "aux")):
        return "verb"  # a word with a modal is a verb, whatever its tag ("could spread")
    if any(child.dep_ == "cop" for child in tk.kids(token)):
        return "copular"
    if token.pos_ == "NOUN" and (tk.lemma(token) in rules.EVENT_NOUNS or _called_for(token)):
        return "noun"
    return None


def _called_for(noun) -> bool:
    """What an appeal asks for names a happening, whatever the noun: "called for a cessation
    of hostilities", "advocated the creation of a force", "advises sanctions"; not whom it
    asks ("called on the government to", "urged the leaders to")."""
    governor = noun.head
    if governor is noun or any(tk.children(governor, "xcomp", "ccomp")):
        return False
    asked_for = "for" in {tk.lemma(c) for c in tk.children(noun, "case")}
    direct = noun.dep_ == "obj" and tk.lemma(governor) in rules.APPEAL_GOVERNORS
    return (direct or (noun.dep_ == "obl" and asked_for)) and _appeals(governor, noun)


@dataclass
class _State:
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


def _read(token, table: dict, offset: int, asked: bool) -> PredicateReading:
    carrier = _carrier(token)
    tense, aspect = tk.tense(carrier)
    modal = any(tk.is_modal(aux) for aux in tk.children(carrier, "aux"))
    # Its own clause's time, before a governor lends it one: past, perfect, "could have".
    past_time = (tense == "past" and not modal) or (aspect == "perfect" and tense != "future")
    state = _State([], tk.negated(carrier), "plain", [], tense, aspect)
    state.ahead = any(tk.lemma(t) in rules.FUTURE_WORDS for t in tk.near(carrier))
    _own_cues(carrier, state, table)
    if carrier is not token and _is_mention(token) == "noun":
        _noun_governor(token, carrier, state)
    if _is_mention(token) == "noun" and state.family == "plain":
        for modifier in tk.children(token, "amod"):  # "the scheduled elections"
            if tk.lemma(modifier) in rules.GOVERNOR_CUES:
                state.add(rules.GOVERNOR_CUES[tk.lemma(modifier)], modifier, timed=True)
    if _was_to_have(carrier):
        state.settle("lapsed_plan", carrier)
    _walk(carrier, state)
    if not state.cues and state.family == "plain" and _irrealis(carrier):
        state.add(rules.IRREALIS_CUE, carrier)
    state.family = _family(state, asked and not _presupposed(carrier))
    if _hedged_cancellation(state):
        state.negated = True  # "may be postponed": the event, as likely as the hedge denies
    logit, sd = _logit(state, table)
    own_cues = state.family == "conditional" or _hedged_cancellation(state)
    family_cue = None if own_cues else rules.FAMILY_CUES.get(state.family)
    trigger = state.trigger if state.trigger is not None else token
    cues = [(family_cue, trigger)] if family_cue else state.cues
    forward = _forward(state, carrier)
    return PredicateReading(
        lemma=tk.lemma(token),
        span=tk.span_of(token, offset),
        negated=state.negated and not family_cue,
        tense=state.tense,
        aspect=state.aspect,
        cues=tuple(cue for cue, _ in cues),
        construction=state.family,
        sources=tuple(state.sources),
        logit_mean=logit,
        logit_sd=sd,
        forward=forward,
        cue_spans=tuple(tk.cue_span(t, offset) for _, t in cues),
        event=_event_phrase(token, carrier),
        carrier_span=tk.span_of(carrier, offset),
        frame=_is_frame(token),
        past_time=past_time or state.counterfactual or state.family == "refusal",
        happened_logit=_happened(logit, forward, [cue for cue, _ in cues], table),
    )


def _happened(logit: float, forward: bool, cues: list[str], table: dict) -> float:
    """Log-odds that the text presents the event as having happened or as happening now (the
    question UDS-IH2 annotators answer), as against :attr:`PredicateReading.logit_mean`,
    the chance that it happens at all. They differ for an event still ahead, commanded or
    intended (forward, an imperative, a to-infinitive): however likely, it has not happened
    yet. Elsewhere the two are one."""
    if forward or rules.IRREALIS_CUE in cues:
        return table["entries"][rules.NOT_YET_CUE][0]
    return logit


def _is_frame(token) -> bool:
    """A verb that frames a clause ("said", "expected", "refused", "called off"): the event is
    its complement, not the verb."""
    lemma = tk.lemma(token)
    framing = lemma in rules.FRAME_LEMMAS or tk.phrasal(token) in rules.CANCEL_VERBS
    return framing and any(tk.children(token, "xcomp", "ccomp", "csubj", "advcl"))


def _carrier(token):
    """The predicate whose clause says whether ``token``'s event happens: a noun's verb ("the
    summit" -> "held"), a bare conjunct's first conjunct ("will meet and discuss")."""
    for _ in range(MAX_DEPTH):
        if token.dep_ == "conj" and _bare(token) and token.head.pos_ in ("VERB", "ADJ"):
            token = token.head
        elif _is_mention(token) == "noun" and token.dep_ in NOUN_LINKS:
            head = token.head
            governs = head.pos_ in ("VERB", "ADJ", "AUX") or tk.lemma(head) in (
                rules.NOUN_GOVERNOR_CUES
            )
            return head if governs else token
        else:
            return token
    return token


def _bare_participle(clause) -> bool:
    """A participle with no word joining it to its noun: "wishes ..., saying"."""
    return clause.tag_ in ("VBG", "VBN") and not any(tk.children(clause, "mark", "case"))


def _bare(token) -> bool:
    """No auxiliary, subject or subordinator of its own: it shares its head's clause."""
    return not any(tk.children(token, "aux", "aux:pass", "nsubj", "nsubj:pass", "mark", "cop"))


def _own_cues(token, state: _State, table: dict) -> None:
    """Modal auxiliaries (tag MD), cue adverbs, "could very well", "all but", counterfactuals."""
    for cue, aux in tk.modals(token):
        state.add(cue, aux, timed=cue in rules.EPISTEMIC_MODALS)
        if any(tk.lemma(a) == "have" for a in tk.children(token, "aux")):
            state.counterfactual = True  # "could have", "would have been"
        if cue == "could" and state.negated:
            state.settle("refusal", aux)  # "could not attend": it did not happen
            state.tense = state.tense or "past"
        if cue == "could" and any(
            tk.lemma(c) in rules.COUNTER_ADVERBS for c in tk.children(token, "advmod")
        ):
            state.settle("counter_hedge", aux)
    planned = _be_to(token)
    if planned is not None:  # "is to be held", "due to be announced"
        state.add(rules.BE_TO_CUE, planned, timed=True)
        if state.tense == "past":
            state.settle("reported_future", planned)
    if state.tense == "future":
        state.add("will", _will(token), timed=True)
    for adverb in tk.children(token, "advmod"):
        word = adverb.text.lower()
        if word == "all" and any(tk.lemma(c) == "but" for c in tk.kids(adverb)):
            state.add("nearly certain", adverb)
        elif word in table["words"]:
            state.add(table["words"][word], adverb)


def _will(token):
    """The modal auxiliary that makes ``token`` future ("will", "'ll"), else the token."""
    return next((a for a in tk.children(token, "aux") if tk.is_modal(a)), token)


def _noun_governor(noun, carrier, state: _State) -> None:
    """An eventive noun read through its verb: cancelled, not going ahead, ruled out."""
    verb = tk.phrasal(carrier)
    lemma = tk.lemma(carrier)
    objects = {tk.lemma(c) for c in tk.near(carrier)}
    cancels = (
        verb in rules.CANCEL_VERBS
        or lemma in rules.CANCEL_VERBS
        or bool(rules.CANCEL_OBJECTS.get(lemma, frozenset()) & objects)
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
    elif noun.dep_ in ("obj", "obl") and _appeals(carrier, noun):
        _appeal(carrier, state)  # "called for a ceasefire", "demand his resignation"
    elif lemma in rules.GOVERNOR_CUES and noun.dep_ == "obj":
        _plan(carrier, lemma, False, state)  # "plans a visit", "expects a deal"
    elif lemma in rules.NOUN_GOVERNOR_CUES and noun.dep_ == "nmod":
        state.add(rules.NOUN_GOVERNOR_CUES[lemma], carrier, timed=True)  # "fears of an attack"


def _walk(token, state: _State) -> None:
    """Climb the governors of ``token``'s clause, applying the first rule that fits each."""
    current = token
    for _ in range(MAX_DEPTH):
        relation, governor = current.dep_.split(":")[0], current.head
        state.described = current.dep_ == "acl:relcl"
        if governor is current or current.dep_ not in CLAUSE_LINKS | {"csubj:pass"}:
            return
        if relation == "conj":
            current = governor
            continue
        if relation == "acl" and tk.lemma(governor) not in rules.GOVERNOR_CUES:
            return
        # A noun governs a clause it introduces ("his wish to visit", "doubts about how"),
        # not a bare participle beside it ("sent his good wishes during his broadcast, saying").
        if relation == "acl" and governor.pos_ == "NOUN" and _bare_participle(current):
            return
        mark = {tk.lemma(c) for c in tk.children(current, "mark")}
        if not _govern(current, relation, governor, mark, state):
            return
        current = governor


def _govern(clause, relation: str, governor, mark: set[str], state: _State) -> bool:
    """Apply the governor's rule to the clause's state; False to stop climbing."""
    lemma = tk.lemma(governor)
    negated = tk.negated(governor)
    # "it is unclear if ...": a question, whichever relation the parse gives the clause.
    question = bool(mark & rules.OPEN_MARKS) and lemma in rules.OPEN_GOVERNORS
    if relation == "advcl" and mark & rules.CONDITION_MARKS and not question:
        state.settle("conditional", clause)  # "if the summit is cancelled": a condition
        return False
    if state.family in SETTLED:
        if lemma in rules.REPORTING or lemma in rules.OPEN_GOVERNORS:
            _attribute(governor, state)
            return True
        return False
    if relation == "advcl" and mark & rules.LATER_MARKS and negated:
        state.settle("counter_hedge", governor)  # "it will not be long before X returns"
        return True
    wh = _asks(governor) and any(t.tag_ == "WRB" for t in tk.near(clause) if t.i < clause.i)
    if "whether" in mark or wh:
        state.settle("open_question", governor, clear=True)  # "doubts about how hard"
        _attribute(governor, state)
        return True
    if relation == "advcl" and _borrows_mood(clause, mark, state) and _lend_mood(governor, state):
        return True  # "before applying" under "should", "when you turn 21" under "can"
    if relation == "advcl" and "to" not in mark and not question:
        return lemma in ("cite", "quote") and _source_of_cited(clause, governor, state)
    if mark & rules.OPEN_MARKS or lemma in rules.OPEN_GOVERNORS or _remains_to_be_seen(governor):
        state.settle("open_question", governor, clear=True)
        _attribute(governor, state)
        return True
    if lemma in rules.SPEECH_LEMMAS and (negated or _refused(governor)):
        state.settle("open_question", governor, clear=True)  # "would not confirm that"
        _attribute(governor, state)
        return True
    if _appeals(governor, clause):
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
    if lemma in rules.GOVERNOR_CUES:
        _plan(governor, lemma, negated, state)
        return True
    if lemma in rules.REPORTING:
        if lemma in rules.DENIAL:
            state.negated = not state.negated
        _attribute(governor, state)
        past = tk.tense(governor)[0] == "past"
        if past and state.family in ("plain", "hedged") and "would" in state.names:
            state.settle("reported_future", governor)
        # A modal keeps its own time under a past report: "said he may resign" is ahead.
        if not state.tense and not state.timed:
            _inherit_time(governor, state)
        return True
    if relation in ("xcomp", "ccomp", "acl") and not state.tense and not state.cues:
        state.add(rules.IRREALIS_CUE, governor)  # "let me know", "tried to leave": not asserted
    return False


def _borrows_mood(clause, mark: set[str], state: _State) -> bool:
    """A time clause with no mood of its own, non-finite ("before applying", "while waiting")
    or in the present ("when you turn 21", whose "when" the parse may give as an adverb),
    which English uses for a time the main clause speaks of. A participle with no time word
    ("acknowledging the rights", "depending on the crop") describes, and keeps its own."""
    if state.family != "plain" or state.cues or state.tense not in ("", "present"):
        return False
    time = mark | {tk.lemma(c) for c in tk.children(clause, "advmod") if c.tag_ == "WRB"}
    return bool(time & rules.TIME_MARKS)


def _lend_mood(governor, state: _State) -> bool:
    """The governor's modals, future and command on a clause that borrows its mood; False
    when the governor asserts its own event (then the clause is asserted too)."""
    before = len(state.cues)
    for cue, aux in tk.modals(governor):
        state.add(cue, aux, timed=cue in rules.EPISTEMIC_MODALS)
    tense = tk.tense(governor)[0]
    if tense == "future":
        state.add("will", _will(governor), timed=True)
    if not state.cues and _irrealis(governor):
        state.add(rules.IRREALIS_CUE, governor)
    return len(state.cues) > before


def _appeals(governor, clause) -> bool:
    """A call on someone to act: "urged X not to", "called on X to", "asked that X". An
    appeal still to be made ("expected to ask Trump to urge Kim to") calls for nothing yet."""
    if any(child.tag_ == "TO" for child in tk.children(governor, "mark")):
        return False
    lemma = tk.lemma(governor)
    if lemma in rules.APPEAL_GOVERNORS:
        return True
    words = rules.APPEAL_PHRASES.get(lemma, frozenset())
    linked = {tk.lemma(c) for c in tk.children(clause, "mark", "case")}
    for child in tk.children(governor, "obl", "compound:prt"):
        linked |= {tk.lemma(child), *(tk.lemma(c) for c in tk.children(child, "case"))}
    return bool(words & linked)


def _appeal(governor, state: _State) -> None:
    """The appeal's cue on the called-for act, which is ahead whatever the appeal's tense."""
    state.add(rules.APPEAL_CUE, governor, timed=True)
    state.settle("appeal", governor)
    _attribute(governor, state)


def _irrealis(token) -> bool:
    """An infinitive or an imperative: the clause does not say the event happens. The
    tagger's imperative mood finds the commands a bare root misses ("so please give me",
    "notify us and delete it", "do not park"); one with a subject is a statement."""
    if any(child.tag_ == "TO" for child in tk.children(token, "mark")):
        return True
    if "Mood=Imp" in str(token.morph) and not any(
        child.dep_ == "nsubj" or "Mood=Imp" not in str(child.morph)
        for child in tk.children(token, "nsubj", "aux")
    ):
        return True  # its only auxiliary may be the command's own "do" ("don't park")
    bare = token.tag_ == "VB" and not any(tk.children(token, "aux", "aux:pass", "nsubj", "expl"))
    return bare and token.dep_ == "ROOT"


def _presupposed(token) -> bool:
    """Whether a direct wh-question takes ``token``'s event as given ("When was it founded?",
    "Why did he leave?": it was, he did) and asks only for its wh-slot. A modal one asks what
    may or should happen ("What should we do?") and stays a question; so does a wh-clause
    under a yes/no question ("Do you know when it opens?")."""
    clause = token
    for _ in range(MAX_DEPTH):
        if clause.dep_ in ("ROOT", "parataxis") or clause.head is clause:
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


def _family(state: _State, question: bool) -> str:
    """A plain reading's family once the walk is done: question, hedged, negated or plain."""
    if question and state.family not in SETTLED:
        return "question"  # a question asserts nothing: "Do you think the bill will help?"
    if state.family != "plain":
        return state.family
    if any(cue != rules.IRREALIS_CUE for cue in state.names):
        return "hedged"
    return "negated" if state.negated else "plain"


def _plan(governor, lemma: str, negated: bool, state: _State) -> None:
    """A planning, desire or likelihood governor: its cue, and a lapsed or reported plan."""
    state.add(rules.GOVERNOR_CUES[lemma], governor, timed=lemma not in rules.UNTIMED_GOVERNORS)
    for cue, aux in tk.modals(governor):  # "may be expected to": both cues
        state.add(cue, aux, timed=cue in rules.EPISTEMIC_MODALS)
    tense, aspect = tk.tense(governor)
    if negated and state.family in ("plain", "hedged"):
        state.negated = not state.negated
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


def _be_to(token):
    """The "be" (or "due") of "is to be held", "was to meet", "due to be announced", else None;
    a pseudo-cleft ("what we do is to take") states no plan."""
    marks = {tk.lemma(child): child for child in tk.children(token, "mark")}
    if "to" not in marks:
        return None
    if "due" in marks:
        return marks["due"]
    be = next(
        (
            child
            for child in tk.children(token, "aux", "cop")
            if tk.lemma(child) == "be" and "VerbForm=Fin" in str(child.morph)
        ),
        None,
    )
    if be is None:
        return None
    # The "what" of a pseudo-cleft sits before the "be", whatever relation the parse gives it.
    start = max(token.left_edge.i, be.i - tk.WINDOW)
    cleft = any(word.lower_ == "what" for word in token.doc[start : be.i])
    return None if cleft else be


def _was_to_have(token) -> bool:
    """ "were to have met": a past plan that lapsed (also "was due to have")."""
    # The parser labels the "be" of "were to have" aux or cop; either carries the plan.
    lemmas = {tk.lemma(child) for child in tk.children(token, "aux", "mark", "cop")}
    return {"be", "to", "have"} <= lemmas and token.tag_ == "VBN"


def _asks(governor) -> bool:
    """A governor that leaves a how/when clause open: "doubts about", "it remains unclear",
    "I don't know" (the open word may hang off the governor: "there are doubts")."""
    words = [governor, *tk.kids(governor)]
    if any(tk.lemma(word) in rules.WH_GOVERNORS for word in words):
        return True
    return tk.lemma(governor) in rules.SPEECH_LEMMAS | {"know"} and tk.negated(governor)


def _refused(token) -> bool:
    """A speech verb under "declined to" / "refused to"."""
    return token.dep_ == "xcomp" and tk.lemma(token.head) in rules.REFUSAL_GOVERNORS


def _remains_to_be_seen(token) -> bool:
    return tk.lemma(token) == "see" and tk.lemma(token.head) == "remain"


def _inherit_time(governor, state: _State) -> None:
    state.tense = state.tense or tk.tense(governor)[0]
    state.ahead = state.ahead or any(tk.lemma(t) in rules.FUTURE_WORDS for t in tk.near(governor))


def _attribute(governor, state: _State) -> None:
    """The reporting verb's subject joins the attribution chain."""
    subject = next(tk.children(governor, "nsubj", "nsubj:pass"), None)
    if subject is not None and subject.tag_ not in ("EX",) and subject.lower_ != "it":
        state.sources.append(tk.phrase(subject))


def _source_of_cited(clause, governor, state: _State) -> bool:
    """ "The paper cited an aide as saying": the aide, then the paper."""
    if "as" not in {tk.lemma(c) for c in tk.children(clause, "mark")}:
        return False
    cited = next(tk.children(governor, "obj"), None)
    if cited is not None:
        state.sources.append(tk.phrase(cited))
    _attribute(governor, state)
    return False


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


def _hedged_cancellation(state: _State) -> bool:
    """A cancellation under a hedge of its own: "may be postponed", "could be called off"."""
    return state.family == "cancellation" and any(
        cue not in (rules.IRREALIS_CUE, "will") for cue in state.names
    )


def _logit(state: _State, table: dict) -> tuple[float, float]:
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


def _forward(state: _State, carrier) -> bool:
    """Whether the event is still ahead as presented: future tense, a plan or likelihood, an
    epistemic modal on an eventive predicate, or a time ahead ("can ... next week")."""
    if state.counterfactual or state.family == "question":
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
        return state.tense in ("present", "future") or state.ahead
    if state.ahead and any(cue != rules.IRREALIS_CUE for cue in state.names):
        return True
    # A state, even in the future, is no happening to forecast ("will depend on", "would be
    # unique") unless a time ahead is given.
    stative = tk.lemma(carrier) in rules.STATIVE or _is_mention(carrier) == "copular"
    return (state.tense == "future" or state.timed) and state.tense != "past" and not stative
