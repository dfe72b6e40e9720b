"""Whether a drafted question reads as one an analyst could answer ("Will Abe visit Ohio?").

A question is put back into statement order (:func:`forecast.language.questions.statement_root`)
and its parse checked against :data:`FAULTS`, one rule each:

- ``no subject``: the main verb has no subject ("Will be given a house?"), or only a
  determiner ("Will the rule the party?", "the" read as the subject of "rule");
- ``no verb``: the question has no verb to ask about ("Will the rule the party's
  candidate?");
- ``pronoun subject``: the subject is a pronoun or has a demonstrative determiner ("Will
  they leave?", "Will this plan succeed?"): the question does not say who or what;
- ``missing complement``: a verb that needs a complement stands without one ("Will the
  mayor be declared?" declared what?), the verbs listed in :data:`COMPLEMENT_VERBS`;
- ``slug``: an event name ("trump_visit_japan") is shown in place of words;
- ``wh-word``: a relative or question word inside the question ("Will Peru build what the
  biggest dam?"), a misread clause;
- ``capitalised function word``: a preposition, determiner or conjunction in capitals past
  the first word ("Will Peru grow After the reform?"), a sentence opener moved inside.
"""

from __future__ import annotations

import re

from forecast.language import tokens as tk
from forecast.language.questions import question_body, statement_root

__all__ = ["COMPLEMENT_VERBS", "FAULTS", "question_faults"]

FAULTS = (
    "no subject",
    "no verb",
    "pronoun subject",
    "missing complement",
    "slug",
    "wh-word",
    "capitalised function word",
)
"""What :func:`question_faults` can find wrong with a question, in the order it reports."""
COMPLEMENT_VERBS = frozenset(
    ["declare", "deem", "consider", "position", "prove", "render", "label", "term", "dub"]
)
"""Verbs whose question says nothing without their complement ("be declared [the winner]",
"be positioned [at 26 degrees east]")."""
COMPLEMENT_DEPS = frozenset(["obj", "iobj", "xcomp", "ccomp", "obl", "advmod", "acomp", "oprd"])
"""Dependents that complete a :data:`COMPLEMENT_VERBS` verb."""
_SLUG = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
_WH_TAGS = frozenset(["WDT", "WP", "WP$", "WRB"])
_FUNCTION_POS = frozenset(["ADP", "SCONJ", "CCONJ", "DET", "PART", "PRON"])


def question_faults(question: str, nlp=None) -> tuple[str, ...]:
    """The :data:`FAULTS` of ``question``, empty when it is well formed.

    Examples
    --------
    >>> question_faults("Will Abe visit Ohio by 2018-06-30?")
    ()
    >>> question_faults("Will they visit Ohio by 2018-06-30?")
    ('pronoun subject',)
    """
    body = question_body(question)
    root = statement_root(body, nlp) if body else None
    if root is None:
        return ("no subject",)
    subject = next(tk.children(root, "nsubj", "nsubj:pass", "expl"), None)
    found = {
        "no subject": subject is None or subject.i > root.i or subject.pos_ == "DET",
        "no verb": root.pos_ not in ("VERB", "AUX"),
        "pronoun subject": subject is not None and _pronoun(subject),
        "missing complement": tk.lemma(root) in COMPLEMENT_VERBS
        and not any(tk.children(root, *COMPLEMENT_DEPS)),
        "slug": _SLUG.search(question) is not None,
        "wh-word": any(t.tag_ in _WH_TAGS for t in root.doc),
        "capitalised function word": any(_capitalised(t) for t in root.doc),
    }
    return tuple(fault for fault in FAULTS if found[fault])


def _pronoun(subject) -> bool:
    """A pronoun ("they"), or a noun under a demonstrative ("these girls")."""
    if subject.pos_ == "PRON":
        return True
    return any("Dem" in t.morph.get("PronType") for t in tk.children(subject, "det"))


def _capitalised(token) -> bool:
    """A function word in capitals past the first word, outside a name ("The Hague")."""
    inside = token.i > 0 and token.text[:1].isupper() and token.pos_ in _FUNCTION_POS
    return inside and token.head.pos_ != "PROPN"
