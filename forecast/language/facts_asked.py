"""Questions of fact: an open question about a present state or a past event is no forecast.

"checking whether the driver is a resident", "trying to establish whether she used a
knife", "asked if he has resigned": what is open is what is (or was) so, already settled
in the world however unknown to the writer. Only an event still ahead stays an open forward
question: a future or modal ("whether the talks will resume"), an infinitive ("whether to
hold a vote"), or an eventive verb in the present with nothing past about it ("whether the
firm appeals").
"""

from __future__ import annotations

from forecast.language import predicate_rules as rules
from forecast.language import tokens as tk

__all__ = ["asked_of_a_fact", "of_a_fact"]


def of_a_fact(carrier) -> bool:
    """``carrier``'s clause, asked about, speaks of a past event or a present state: a past
    or perfect with no modal, or a present copula or stative verb."""
    if any(tk.is_modal(aux) for aux in tk.children(carrier, "aux")):
        return False
    tense, aspect = tk.tense(carrier)
    if tense == "past" or aspect == "perfect":
        return True
    state = any(tk.children(carrier, "cop")) or tk.lemma(carrier) in rules.STATIVE
    return tense == "present" and aspect == "simple" and state


def asked_of_a_fact(carrier, asker) -> bool:
    """A question of fact put by a word outside the clause (``asker``: "whether" under
    "know", "unclear", "ask"); a doubt said in the event's own clause ("the merger is up in
    the air") asks of the event, not of a fact."""
    inside = asker is not None and carrier.left_edge.i <= asker.i <= carrier.right_edge.i
    return not inside and of_a_fact(carrier)
