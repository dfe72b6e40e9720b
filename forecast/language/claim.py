"""The Claim value: one statement about one possible event, with the words that justify it.

Spans are ``(start, end)`` half-open character offsets into ``Article.text``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from enum import StrEnum

from forecast.prob import expit, logit_normal_interval

Span = tuple[int, int]


class SourceKind(StrEnum):
    """Who a claim is attributed to, from most to least reliable."""

    OFFICIAL = "official"  # a named official speaking on the record
    ANONYMOUS = "anonymous"  # unnamed officials or "sources"
    OUTLET = "outlet"  # the outlet's own statement or inference
    HEARSAY = "hearsay"  # rumour, "it is said", second-hand reports


# Extra logit-scale noise a claim carries because of who it is attributed to: prior
# centres for the per-kind unreliability the model learns (forecast.model.inference), and
# the widening ``Claim.logit_sd`` applies over the cue's own spread. Elicited:
# on-record officials rarely mislead about their own plans; hearsay often does.
SOURCE_KIND_LOGIT_SD: dict[SourceKind, float] = {
    SourceKind.OFFICIAL: 0.3,
    SourceKind.ANONYMOUS: 0.6,
    SourceKind.OUTLET: 0.8,
    SourceKind.HEARSAY: 1.2,
}


class Tense(StrEnum):
    """Where a claim stands in time relative to the article date."""

    FORWARD = "forward"  # hedged or planned future event: evidence for a forecast
    FACT = "fact"  # settled arrangement stated as fact ("the summit scheduled for June 12")
    PAST = "past"  # background: already happened; not a forward-looking claim


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A hedge cue found in a sentence: the lexicon entry and where it stands."""

    cue: str
    span: Span
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """The attributed source of a claim.

    ``side`` is whose side an anonymous source speaks for, when the text says so
    ("sources close to the president": "the president"), else "".
    """

    name: str
    kind: SourceKind
    side: str = ""


@dataclass(frozen=True, slots=True)
class Condition:
    """The event a claim is conditional on ("if X does not visit Japan afterward").

    ``event`` is stated positively ("President Trump visit Japan afterward");
    ``negated`` says the claim holds when that event does *not* happen.
    """

    event: str
    span: Span
    negated: bool = False


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or deadline mentioned in a claim, resolved against the article date.

    ``start``/``end`` bound the period meant ("June 8-9" -> 8 June to 9 June;
    "within one week" -> published to published + 7 days). Unresolvable
    mentions keep ``None`` bounds.
    """

    text: str
    span: Span
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement about one possible event, as uncertain evidence.

    The implied probability is logit-normal: ``logit(p) ~ Normal(logit_mean, logit_sd)``,
    taken from the lexicon after negation and attribution are applied: ``cue_sd`` is the
    cue's own vagueness, ``logit_sd`` adds the source kind's unreliability in quadrature.
    ``construction`` is the parse's construction family of the event ("hedged",
    "cancellation", "open_question", ...; see ``forecast.language.predicate_rules``) and
    ``sources`` the attribution chain the parse reads, innermost first ("an aide", "the
    paper"); both are empty when the parse says nothing.
    """

    article_id: str
    sentence: str
    sentence_span: Span
    event: str
    predicate: str
    predicate_span: Span
    cues: tuple[CueMatch, ...]
    negated: bool
    source: Source
    tense: Tense
    logit_mean: float
    cue_sd: float
    condition: Condition | None = None
    dates: tuple[DateMention, ...] = ()
    published: dt.date | None = None
    construction: str = ""
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not math.isfinite(self.logit_mean):
            raise ValueError(f"claim {self.event!r}: logit_mean must be finite")
        if not (math.isfinite(self.cue_sd) and self.cue_sd > 0):
            raise ValueError(f"claim {self.event!r}: cue_sd must be > 0; got {self.cue_sd}")
        start, end = self.sentence_span
        if not 0 <= start < end:
            raise ValueError(f"claim {self.event!r}: sentence_span must satisfy 0 <= start < end")

    @property
    def logit_sd(self) -> float:
        """Spread of the implied log-odds: cue vagueness and source unreliability combined."""
        return math.hypot(self.cue_sd, SOURCE_KIND_LOGIT_SD[self.source.kind])

    @property
    def prob(self) -> float:
        """Median implied probability (the logit-normal median)."""
        return expit(self.logit_mean)

    @property
    def forward(self) -> bool:
        """True when the claim is evidence about an unresolved event."""
        return self.tense is not Tense.PAST

    def interval(self, mass: float = 0.9) -> tuple[float, float]:
        """Central interval of the implied probability holding ``mass``."""
        return logit_normal_interval(self.logit_mean, self.logit_sd, mass)

    def __str__(self) -> str:
        from forecast.display.reprs import claim_text

        return claim_text(self)

    def _repr_html_(self) -> str:
        from forecast.display.reprs import claim_html

        return claim_html(self)
