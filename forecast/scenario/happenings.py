"""Happenings: claims whose frames denote the same event, grouped for drafting and linking.

Two frames denote the same happening (:func:`same_happening`) when they share the action
class and do not disagree on who or where: their actors overlap (or one names none), the
proper names among their targets overlap (or one names none), and their actors or
targets overlap; a frame that names neither ("the summit") is the same happening only as
a frame with the same word. A cancellation ("the visit was called
off") has its cancelled event's class and joins that happening as evidence against it; so
does a frame of the opposite class (:func:`opposed_happening`: "would not withdraw from
the government" bears on taking part in it).

Only *questionable* frames start a happening (:func:`questionable`): a forward claim, a verb
or eventive noun that is no attitude, report or state ("say", "hope", "be") unless a report
is itself the news (:func:`made_known`: "the result will be announced"), a subject that
co-reference resolves, something named to ask about, no appeal to another to act ("urged
the leaders to stay calm"), no clause that only times another ("until he is informed"),
and a time that is neither wholly past nor stated in the past
tense ("filed paperwork last month to run in 2016").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from forecast.language import frame_rules as rules
from forecast.language import tokens as tk
from forecast.language.claim import Claim, Condition, Tense
from forecast.language.frames import Frame, parse_sentence
from forecast.language.predicate_rules import REPORTING

__all__ = [
    "NOT_ASKED",
    "Happening",
    "condition_of",
    "group_happenings",
    "latest_ahead",
    "made_known",
    "opposed_happening",
    "questionable",
    "same_happening",
]

NOT_ASKED = rules.NON_EVENTS | REPORTING
"""Lemmas and classes never asked about by themselves: attitudes, states, reports."""
ONGOING = frozenset(["continue", "keep", "remain", "persist", "still"])
"""Words of a condition that only goes on with the present course (:func:`condition_of`)."""
ONGOING_MARKS = ("as long as", "so long as")
"""Conjunctions of a condition that holds throughout, as it holds now (:func:`condition_of`)."""


@dataclass(frozen=True, slots=True)
class Happening:
    """One happening: its most specific frame and every (claim, frame) bearing on it."""

    frame: Frame
    claims: tuple[Claim, ...]
    frames: tuple[Frame, ...]

    @property
    def sources(self) -> frozenset[str]:
        """Distinct attributed sources of its claims."""
        return frozenset(claim.source.name for claim in self.claims)


def questionable(claim: Claim, frame: Frame | None) -> bool:
    """True when ``frame`` can stand as an analyst's question (rules in the module docstring)."""
    if frame is None or not claim.forward or condition_of(claim) is not None:
        return False
    if frame.kind == "other" or not frame.resolved or frame.urged or frame.timing:
        return False
    if (frame.action in NOT_ASKED or frame.lemma in NOT_ASKED) and not made_known(frame):
        return False
    if not (frame.actor or frame.targets or frame.kind == "noun"):
        return False
    return not background(claim, frame)


def made_known(frame: Frame) -> bool:
    """True when ``frame`` is a reporting verb in the passive with only what is reported as
    its subject ("the verdict will be announced on Friday", "she may be declared the
    winner"): the news coming out is itself a happening. A report by someone named ("will
    be announced by the board") is their statement, and an attitude ("is said", "is
    expected") no happening at all."""
    attitude = frame.lemma in rules.NON_EVENTS or frame.action in rules.NON_EVENTS
    return frame.passive and not (attitude or frame.actor) and bool(frame.targets)


def condition_of(claim: Claim) -> Condition | None:
    """The claim's condition, or None when it has none, when it is only a wish ("Georgia
    will become a NATO member if it wants to": no happening to condition on), or when it
    only goes on with the present course ("if the strike continues", "if prices keep
    rising", "as long as both sides show patience"): the expected course, so the claim
    bears on its happening as it stands."""
    condition = claim.condition
    if condition is None or condition.negated:
        return condition
    parse = parse_sentence(condition.event)
    wish = any(tk.lemma(t) in rules.WISHES for t in parse if t.head.i == t.i)
    before = claim.sentence[: condition.span[0] - claim.sentence_span[0]].lower().rstrip()
    ongoing = any(tk.lemma(t) in ONGOING for t in parse) or before.endswith(ONGOING_MARKS)
    return None if wish or ongoing else condition


def background(claim: Claim, frame: Frame) -> bool:
    """A frame wholly in the past or stated in the past tense, or an unhedged statement that
    names no time ahead or is dated from before publication ("It is dated October 6, 2006")."""
    published = claim.published
    start, end = frame.window
    if frame.past or (published is not None and end is not None and end < published):
        return True
    first = start if start is not None else end
    return claim.tense is Tense.FACT and (first is None or published is None or first < published)


def _keys(text: str) -> frozenset[str]:
    return frozenset(part for part in text.split("+") if part)


def same_happening(a: Frame | None, b: Frame | None) -> bool:
    """True when frames ``a`` and ``b`` denote the same happening (module docstring)."""
    if a is None or b is None or a.action != b.action:
        return False
    actors_a, actors_b = _keys(a.actor), _keys(b.actor)
    actors = bool(actors_a & actors_b)
    targets = bool(a.targets & b.targets)
    if actors_a and actors_b and not actors:
        return False
    if a.places and b.places and not a.places & b.places:
        return False  # different named places or parties: Japan is not Singapore
    if not (actors_a or a.targets) or not (actors_b or b.targets):
        return a.lemma == b.lemma  # "the summit" is the summit, not any meeting
    return actors or targets


def opposed_happening(a: Frame | None, b: Frame | None) -> bool:
    """True when ``a`` denotes undoing the happening ``b`` denotes: an opposite class
    (:data:`~forecast.language.frame_rules.OPPOSITE_CLASSES`), actors and targets agreeing
    as for :func:`same_happening`."""
    if a is None or b is None or frozenset([a.action, b.action]) not in rules.OPPOSITE_CLASSES:
        return False
    return same_happening(dataclasses.replace(a, action=b.action), b)


def group_happenings(
    claims: Sequence[Claim], frames: Sequence[Frame | None]
) -> tuple[Happening, ...]:
    """Questionable frames grouped into happenings; other forward claims join a matching one.

    Claims with a condition, and frames that may not start a happening but name one
    (a cancellation, a negated or open statement), join the first happening they match.
    """
    groups: list[tuple[Frame, list[Claim], list[Frame]]] = []
    for claim, frame in zip(claims, frames, strict=True):
        if not questionable(claim, frame):
            continue
        home = next(
            (g for g in groups if same_happening(g[0], frame) or opposed_happening(frame, g[0])),
            None,
        )
        if home is None:
            groups.append((frame, [claim], [frame]))
        else:
            home[1].append(claim)
            home[2].append(frame)
    return tuple(Happening(_specific(fs), tuple(c), tuple(fs)) for _, c, fs in groups)


def _specific(frames: Sequence[Frame]) -> Frame:
    """The frame that names most (actors and targets), the first on a tie: the question."""
    return max(frames, key=lambda f: len(_keys(f.actor)) + len(f.targets) - f.against)


def deadline(happening: Happening, horizon: dt.timedelta) -> dt.date | None:
    """The latest date its claims name ahead of publication, else ``horizon`` after the
    later of publication and the latest start ahead (an event due "after the 2030 census"
    is not due before it)."""
    published = max((c.published for c in happening.claims if c.published), default=None)
    ahead = latest_ahead((f.window[1] for f in happening.frames), published)
    if ahead is not None:
        return ahead
    start = latest_ahead((f.window[0] for f in happening.frames), published) or published
    return start + horizon if start is not None else None


def latest_ahead(ends, published: dt.date | None) -> dt.date | None:
    """The latest of the dates ``ends`` (None: no date) on or after ``published``, else None."""
    ahead = [end for end in ends if end is not None and (published is None or end >= published)]
    return max(ahead, default=None)
