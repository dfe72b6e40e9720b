"""Semi-modals: "have to" is an obligation on its infinitive, which is the event.

"will have to find the money", "would have to resign": the happening is the infinitive's,
and the modal or future above "have" is its time ("have" itself is no state here). On a
state ("would have to be wrong") "have to" is a necessity inferred, not a duty: no act. A negated
"have to" ("will not have to pay") lifts the obligation and says nothing of the act, so it
is left as it is read.
"""

from __future__ import annotations

from forecast.language import predicate_rules as rules
from forecast.language import tokens as tk

__all__ = ["obliged"]


def obliged(governor, clause) -> bool:
    """``clause`` is the eventive infinitive of "have to" on ``governor``: "have to find"."""
    state = any(tk.children(clause, "cop")) or tk.lemma(clause) in rules.STATIVE
    infinitive = clause.dep_ == "xcomp" and tk.to_marked(clause)
    return tk.lemma(governor) == "have" and infinitive and not state
