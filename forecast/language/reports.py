"""Reports and their sources: who a reported event is attributed to, and a future told in
the past.

Used by :mod:`forecast.language.governors` as it climbs a predicate's governors: a
reporting verb's subject joins the reading's attribution chain (:func:`attribute`), a
cited person before the one citing ("the paper cited an aide as saying"), and a "would"
under a past report is the report's future (:func:`settle_future_in_past`), and what a
report noun says is hearsay, or denied by the one who denies it (:func:`report_noun`).
"""

from __future__ import annotations

from forecast.language import predicate_rules as rules
from forecast.language import tokens as tk
from forecast.language.clause import State

__all__ = [
    "attribute",
    "hold",
    "report_noun",
    "reported_object",
    "settle_future_in_past",
    "source_of_cited",
]


def reported_object(noun, state: State) -> None:
    """ "announced the locations that would be given": a "would" describing what a past
    report names is the report's future in the past, not a description of the noun."""
    report = noun.head
    if (
        noun.dep_ == "obj"
        and tk.lemma(report) in rules.REPORTING
        and settle_future_in_past(report, state)
    ):
        state.described = False
        attribute(report, state)


def settle_future_in_past(report, state: State) -> bool:
    """ "said it would": settle a "would" under a past report as the report's future, and
    say whether it was one."""
    past = tk.tense(report)[0] == "past"
    if past and state.family in ("plain", "hedged") and "would" in state.names:
        state.settle("reported_future", report)
        return True
    return False


def attribute(governor, state: State) -> None:
    """The reporting verb's subject joins the attribution chain."""
    subject = _subject(governor, ("nsubj", "nsubj:pass"))
    if subject is not None:
        state.sources.append(tk.phrase(subject))


def hold(governor, state: State) -> None:
    """The active subject of a plan, vow or view ("Yemen has vowed to", "Martin intends
    to", "analysts are skeptical that") holds it: the reading's source when no one reports
    it (:attr:`~forecast.language.predicates.PredicateReading.sources`)."""
    subject = _subject(governor, ("nsubj",))
    if subject is not None:
        state.holders.append(tk.phrase(subject))


def _subject(governor, relations: tuple[str, ...]):
    """The verb's subject: its own, or the one it shares as a conjunct ("chaired the talks,
    and said that"); a relative pronoun's noun stands for it ("campaigners, who are
    demanding"); "it" and "there" are no one."""
    subject = next(tk.children(governor, *relations), None)
    if subject is None and governor.dep_ == "conj":
        subject = next(tk.children(governor.head, *relations), None)
    if subject is not None and governor.dep_ == "acl:relcl" and "PronType=Rel" in subject.morph:
        subject = governor.head
    if subject is None or subject.tag_ == "EX" or subject.lower_ == "it":
        return None
    return subject


def source_of_cited(clause, governor, state: State) -> bool:
    """ "The paper cited an aide as saying": the aide, then the paper."""
    if "as" not in {tk.lemma(c) for c in tk.children(clause, "mark")}:
        return False
    cited = next(tk.children(governor, "obj"), None)
    if cited is not None:
        state.sources.append(tk.phrase(cited))
    attribute(governor, state)
    return False


def report_noun(clause, noun, state: State) -> bool:
    """What a report noun says ("reports that the minister would resign", "speculation that
    he may stand"): denied, with the denier as its source, when a denial verb takes the
    noun ("denied reports that", "dismissed speculation that"); else hearsay. False when
    ``noun`` is no report noun or ``clause`` no finite clause of its own."""
    finite = any(tk.children(clause, "nsubj", "nsubj:pass"))
    if tk.lemma(noun) not in rules.REPORT_NOUNS or not finite:
        return False
    verb = noun.head if noun.dep_ in ("obj", "obl") else None
    # The parser may take "the ministry denied reports" for a noun phrase: "denied" an amod.
    verb = verb or next((a for a in tk.children(noun, "amod") if a.tag_ in ("VBD", "VBN")), None)
    if verb is not None and tk.lemma(verb) in rules.DENIAL:
        state.negated = not state.negated
        attribute(verb, state)
    else:
        state.add(rules.HEARSAY_CUE, noun)
    return True
