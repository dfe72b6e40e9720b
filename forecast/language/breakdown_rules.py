"""Tables for cancellations that news words as a breakdown or a retreat, as data.

Read by :mod:`forecast.language.breakdowns`. Every key is a lemma, or a lemma and its
particle ("fall through"); none holds a probability (the families' lexicon cues do).
"""

from __future__ import annotations

BREAKDOWN_VERBS = frozenset(
    [
        *("collapse", "fall through", "fall apart", "break down", "founder", "unravel"),
        *("fizzle out", "derail", "scuttle", "torpedo"),
    ]
)
"""Verbs that end the happening they are said of: its subject when they take no object
("the talks collapsed", "the deal fell through", "the summit was derailed"), else their
object ("the row scuttled the merger"). "Stall" is left out: a stalled deal is delayed,
not ended."""

DROPPING_VERBS = frozenset(["give up", "withdraw", "ditch"])
"""Verbs that call off a plan they take as object ("gave up efforts to", "withdrew its offer
to"), besides the cancel verbs of :data:`~forecast.language.predicate_rules.CANCEL_VERBS`;
a plan noun keeps them off withdrawn troops."""

RETREAT_VERBS = {
    "back away": "from",
    "back down": "from",
    "back off": "from",
    "walk away": "from",
    "pull back": "from",
    "step back": "from",
    "shy away": "from",
    "retreat": "from",
    "stop short": "of",
}
"""A retreat and the preposition of what it retreats from ("backed away from plans to",
"stopped short of calling for"): that act is not taken."""

PARTICLES = frozenset(
    ["off", "out", "up", "down", "away", "back", "through", "apart", "short"]
)  # fmt: skip
"""Words that join a verb as its particle: "fall through", "stop short" ("short" parsed as
an object)."""
PARTICLE_DEPS = frozenset(["compound:prt", "compound", "advmod", "obj"])
"""Relations a particle is parsed with ("ruled out" may come as a compound)."""

MORE_PLAN_NOUNS = frozenset(
    [
        *("proposal", "offer", "scheme", "idea", "hope", "ambition", "demand", "request"),
        "application",
    ]
)
"""Nouns of an intended act a verb calls off ("shelved proposals to", "withdrew its offer
to"), besides :data:`~forecast.language.frame_rules.PLAN_NOUNS`."""

WITHDRAWN = frozenset(["plain", "hedged", "appeal"])
"""Families of an act a retreat withdraws from ("stopped short of calling for a boycott"):
a call the speaker held back is no call."""
