"""Token-level reading of the parse for the predicate reader: lemma, dependents, tense,
negation, modals and phrases, each looking at most :data:`WINDOW` tokens away so that
reading every word of a sentence stays linear in it."""

from __future__ import annotations

import bisect
import functools
import weakref
from collections.abc import Iterator

import numpy as np

from forecast.language import predicate_rules as rules
from forecast.language.claim import Span

__all__ = [
    "children", "cue_span", "is_modal", "kids", "known", "lemma", "modals", "near",
    "near_span", "negated", "own_tense", "phrasal", "phrase", "span_of", "tense", "time_words",
    "to_marked",
]  # fmt: skip

AUX_DEPS = frozenset(["aux", "aux:pass", "cop"])
TIME_DEPS = frozenset(["obl", "obl:tmod", "obl:unmarked", "obl:npmod", "nmod:tmod", "advmod"])
"""Links of a predicate's adverbials, where its time ("within 48 hours", "tomorrow") hangs."""

WINDOW = 40
"""Tokens either side of a word that its subtree scans look at."""

FINITE_TAGS = {"VBD": "past", "VBN": "past", "VBZ": "present", "VBP": "present"}
"""Tense of a verb with a subject and no auxiliary, by its tag ("announced" tagged VBN)."""

SOURCE_WORDS = 8
"""Longest source phrase kept, in tokens (a subject with a relative clause is cut)."""

_DEPENDENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
"""Doc -> :func:`_dependents`; an entry goes when its Doc is collected."""


def lemma(token) -> str:
    """The token's lemma, mended to a table word when the lemmatizer slips ("scrapp")."""
    return known(token.lemma_.lower())


@functools.lru_cache(maxsize=4096)
def known(lemma: str) -> str:
    """``lemma``, or the table word it slipped from (a doubled or missing final letter, or a
    gerund tagged as a noun: "Wishing to contribute ..." -> "wish")."""
    if lemma in rules.KNOWN_LEMMAS:
        return lemma
    doubled = lemma[:-1] if len(lemma) > 3 and lemma[-1] == lemma[-2] else ""
    stem = lemma[:-3] if len(lemma) > 5 and lemma.endswith("ing") else ""
    undoubled = stem[:-1] if stem[-2:-1] == stem[-1:] else ""  # "planning" -> "plan"
    # A participle the tagger calls an adjective keeps its "-ed": "we are prepared to run".
    past = lemma[:-2] if len(lemma) > 5 and lemma.endswith("ed") else ""
    # A doubled past cut to its "e" ("cancelled" -> "cancelle"): "cancel".
    cut = lemma[:-2] if len(lemma) > 5 and lemma[-1] == "e" and lemma[-2] == lemma[-3] else ""
    stems = (stem, stem + "e" if stem else "", undoubled)
    forms = (doubled, lemma + "e", *stems, past, past + "e", cut)
    mended = (word for word in forms if word in rules.KNOWN_LEMMAS)
    return next(mended, lemma)


def near(token):
    """The token's subtree, cut to :data:`WINDOW` tokens either side of it, so that reading
    every predicate of a sentence stays linear in the sentence (a run-on "sentence" of
    thousands of words has subtrees of thousands of words)."""
    start = max(token.left_edge.i, token.i - WINDOW)
    end = min(token.right_edge.i + 1, token.i + WINDOW + 1)
    return token.doc[start:end]


def time_words(token, carrier, offset: int) -> tuple[Span, ...]:
    """The words a predicate's adverbials hang from, its own and its carrier's ("would
    respond, militarily, within 48 hours": "militarily", "hours"): a date holding one is the
    predicate's wherever it sits, and never one that hangs from another verb ("said on
    Monday that it would attack")."""
    heads = (token,) if token.i == carrier.i else (token, carrier)
    return tuple(span_of(child, offset) for head in heads for child in children(head, *TIME_DEPS))


def span_of(token, offset: int) -> Span:
    return (token.idx + offset, token.idx + len(token.text) + offset)


def near_span(token, offset: int) -> Span:
    """The characters of :func:`near`: the token's clause, as far as reading looks."""
    words = near(token)
    return (words[0].idx + offset, words[-1].idx + len(words[-1].text) + offset)


def cue_span(token, offset: int) -> Span:
    """A cue word with its auxiliary before it and its "to" after: "is expected to", "are
    due to"."""
    doc, first, last = token.doc, token.i, token.i
    while first > 0 and doc[first - 1].head.i == token.i and doc[first - 1].dep_ in AUX_DEPS:
        first -= 1
    if lemma(token) == "be" and last + 1 < len(doc) and doc[last + 1].lower_ == "due":
        last += 1
    if last + 1 < len(doc) and doc[last + 1].tag_ == "TO":
        last += 1
    return (doc[first].idx + offset, doc[last].idx + len(doc[last].text) + offset)


def children(token, *deps: str) -> Iterator:
    """The token's dependents with one of ``deps``, within :data:`WINDOW` tokens of it."""
    return (child for child in kids(token) if child.dep_ in deps)


def kids(token) -> Iterator:
    """The token's dependents within :data:`WINDOW` tokens: a flat tree of thousands of
    dependents costs each of its words a bounded look-up, not a scan over all of them."""
    doc, i = token.doc, token.i
    found = _dependents(doc)[i]
    first, last = bisect.bisect_left(found, i - WINDOW), bisect.bisect_right(found, i + WINDOW)
    return (doc[j] for j in found[first:last])


def _dependents(doc) -> list[list[int]]:
    """Each word's dependents in ``doc``, as ascending word indices; built once per Doc (in
    one pass over its heads) and kept while the Doc lives, so that :func:`kids` costs a
    look-up instead of building every Token of its window."""
    index = _DEPENDENTS.get(doc)
    if index is None:
        index = [[] for _ in range(len(doc))]
        heads = doc.to_array("HEAD").view(np.int64) + np.arange(len(doc))
        for word, head in enumerate(heads.tolist()):
            if head != word:
                index[head].append(word)
        _DEPENDENTS[doc] = index
    return index


def phrasal(token) -> str:
    """The verb with its particle: "call off", "rule out", "go ahead"."""
    particle = next(
        (lemma(c) for c in kids(token) if c.dep_ in ("compound:prt", "advmod")
         and lemma(c) in ("off", "out", "ahead", "on", "back")),
        "",
    )  # fmt: skip
    return f"{lemma(token)} {particle}".strip()


def negated(token) -> bool:
    """A negator on the predicate: "not", "n't", "never", "no longer", "no" (a noun's det),
    or a negative quantifier as the subject or object of a happening ("no candidate will
    stand", "he will play no part", "nobody came"; not of a state: "he has no doubt" asserts
    the having)."""
    return any(
        lemma(child) in rules.NEGATORS
        or "Polarity=Neg" in str(child.morph)
        or (child.lower_ == "longer" and any(c.lower_ == "no" for c in kids(child)))
        for child in children(token, "advmod", "neg", "det", "cc:preconj")
    ) or (
        lemma(token) not in rules.STATIVE
        and any(_negative(argument) for argument in children(token, *CORE_ARGUMENTS))
    )


CORE_ARGUMENTS = ("nsubj", "nsubj:pass", "obj")
NEGATIVE_PRONOUNS = frozenset(["none", "nobody", "nothing", "neither"])


def _negative(argument) -> bool:
    """ "no candidates", "no one", "nobody": an argument that says none takes part."""
    return lemma(argument) in NEGATIVE_PRONOUNS or any(
        child.lower_ == "no" for child in children(argument, "det")
    )


def counted(token) -> bool:
    """A noun counted by the noun it hangs on: "a number of conferences", "a series of talks"."""
    of = any(lemma(case) == "of" for case in children(token, "case"))
    return token.dep_ == "nmod" and of and lemma(token.head) in rules.QUANTITY_NOUNS


def tense(token) -> tuple[str, str]:
    """Tense and aspect from the auxiliaries' morphology and the predicate's own tag."""
    auxes = list(children(token, "aux", "aux:pass", "cop"))
    if any(is_modal(aux) and lemma(aux) in ("will", "shall", "'ll", "wo") for aux in auxes):
        tense = "future"
    else:
        finite = next((aux for aux in auxes if "VerbForm=Fin" in str(aux.morph)), None)
        source = finite if finite is not None else token
        found = source.morph.get("Tense")
        fin = "VerbForm=Fin" in str(source.morph)
        tense = {"Past": "past", "Pres": "present"}.get(found[0], "") if found and fin else ""
        if not tense and not auxes and any(children(token, "nsubj")):
            tense = FINITE_TAGS.get(token.tag_, "")  # a finite verb the morphology missed
    lemmas = [lemma(aux) for aux in auxes]
    if "have" in lemmas and (token.tag_ == "VBN" or "been" in [a.lower_ for a in auxes]):
        aspect = "perfect"
    elif token.tag_ == "VBG" and "be" in lemmas:
        aspect = "progressive"
    else:
        aspect = "simple"
    return tense, aspect


def own_tense(conjunct) -> bool:
    """A conjunct with a tense of its own, not its head's ("hoped it could be resolved but
    continues attacks"): a clause of its own, which shares neither the head's modal nor
    what governs the head."""
    own = tense(conjunct)[0]
    return conjunct.dep_ == "conj" and bool(own) and own != tense(conjunct.head)[0]


def to_marked(clause) -> bool:
    """A "to" marks the clause, whatever its tag (a quotation mark may make it an ADP)."""
    return any(lemma(child) == "to" for child in children(clause, "mark"))


def modals(token) -> Iterator[tuple[str, object]]:
    """The lexicon cue of each modal auxiliary but "will" (read as tense by :func:`tense`)."""
    for aux in children(token, "aux"):
        if not is_modal(aux):
            continue
        cue = rules.MODAL_CUES.get(lemma(aux)) or rules.MODAL_CUES.get(aux.text.lower())
        if cue is not None and cue != "will":
            yield cue, aux


def is_modal(token) -> bool:
    """A modal auxiliary by its tag; never after a determiner ("the will", "his might"), nor
    before "to": a modal takes a bare verb, so "all he could to defeat" is an ellipsis."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if after is not None and after.lower_ == "to":
        return False
    return token.tag_ == "MD" and (before is None or before.tag_ not in ("DT", "PRP$", "POS"))


def phrase(token) -> str:
    """The words of ``token``'s phrase, at most :data:`SOURCE_WORDS`, from the last line break
    before it (the parse may join a headline to the first sentence), its relative clause
    and punctuation left out."""
    words = [t for t in near(token) if t.dep_ not in ("acl:relcl", "punct")]
    breaks = [t.i for t in words if t.i < token.i and "\n" in t.text]
    words = [t for t in words if not breaks or t.i > breaks[-1]][:SOURCE_WORDS]
    return " ".join(t.text for t in words)
