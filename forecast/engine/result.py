"""The Forecast value: per-event probabilities, the quotes that moved them, joint scenarios.

Everything here is plain data with methods that render it (a DataFrame for people and
notebooks, a dict with stable names for JSON pipelines); nothing here samples or imports
PyMC. :func:`forecast.engine.run.run_forecast` builds these values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from forecast.language.claim import Claim

EVENT_COLUMNS = ("event", "question", "prob", "low", "high", "mcse", "label", "top_driver")
DRIVER_COLUMNS = ("quote", "cue", "source", "kind", "published", "delta")


@dataclass(frozen=True, slots=True)
class Driver:
    """One claim's pull on an event: the quote, its cue(s) and source, and the shift it caused.

    ``delta`` is the event's probability with the claim minus without it (leave-one-claim-out),
    so a positive value means the claim raised the probability. ``spans`` locate the cues in
    ``quote`` (``(start, end)`` offsets, for highlighting; empty when unknown).
    """

    quote: str
    cue: str
    source: str
    kind: str
    published: dt.date | None
    delta: float
    spans: tuple[tuple[int, int], ...] = ()
    link: str = ""  # why the claim links to its event: "match: all_of", "frame: actor+action"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping: ``quote, cue, source, kind, published, delta, link``."""
        return {
            "quote": self.quote,
            "cue": self.cue,
            "source": self.source,
            "kind": self.kind,
            "published": None if self.published is None else self.published.isoformat(),
            "delta": self.delta,
            "link": self.link,
        }

    @classmethod
    def from_claim(cls, claim: Claim, delta: float, link: str = "") -> Driver:
        """The driver record of ``claim`` with its probability shift ``delta``."""
        return cls(
            link=link,
            quote=claim.sentence,
            cue=", ".join(match.cue for match in claim.cues),
            source=claim.source.name,
            kind=str(claim.source.kind),
            published=claim.published,
            delta=float(delta),
            spans=tuple(
                (start - claim.sentence_span[0], end - claim.sentence_span[0])
                for start, end in (match.span for match in claim.cues)
            ),
        )


@dataclass(frozen=True, slots=True)
class EventForecast:
    """The forecast of one event.

    ``prob`` is the posterior mean probability, ``low``/``high`` its 90% credible interval,
    ``mcse`` the Monte Carlo standard error of ``prob``; ``label`` verbalises ``prob`` in the
    chosen standard. ``n_claims`` counts the claims linked to this event itself;
    ``prior_only`` is true when no claim is linked to it or to any event it depends on, so
    the numbers are its prior. ``due`` is true when the event's ``deadline`` is before the
    forecast's date: it is decided by now and waits to be resolved, so its numbers say
    only what the evidence said, not a forecast of an open question.
    """

    event: str
    question: str
    prob: float
    low: float
    high: float
    mcse: float
    label: str
    drivers: tuple[Driver, ...]
    n_claims: int
    prior_only: bool
    deadline: dt.date | None = None
    due: bool = False

    @property
    def status(self) -> str:
        """``"due"`` (deadline passed, to resolve) or ``"open"``."""
        return "due" if self.due else "open"

    @property
    def evidence(self) -> str:
        """``"prior only"`` or the number of linked claims, for people."""
        if self.prior_only:
            return "prior only"
        return f"{self.n_claims} claim" + ("" if self.n_claims == 1 else "s")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping with stable names."""
        return {
            "event": self.event,
            "question": self.question,
            "prob": self.prob,
            "low": self.low,
            "high": self.high,
            "mcse": self.mcse,
            "label": self.label,
            "n_claims": self.n_claims,
            "evidence": self.evidence,
            "status": self.status,
            "deadline": None if self.deadline is None else self.deadline.isoformat(),
            "drivers": [driver.to_dict() for driver in self.drivers],
        }


@dataclass(frozen=True, slots=True)
class JointScenario:
    """One joint outcome of every event, with its probability and Monte Carlo standard error."""

    events: tuple[tuple[str, bool], ...]
    prob: float
    mcse: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping: ``events`` {name: bool}, ``prob``, ``mcse``."""
        return {"events": dict(self.events), "prob": self.prob, "mcse": self.mcse}


@dataclass(frozen=True, slots=True)
class Forecast:
    """A scenario's forecast as of one date.

    ``n_excluded`` counts the claims left out because their articles were published after
    ``as_of`` (a backdated forecast never sees later news); ``past_deadline`` names the
    events whose deadline is before ``as_of``. :meth:`caveats` says both in words.

    ``idata`` keeps the posterior (ArviZ ``InferenceData``) for notebooks, and ``posterior``
    the fitted model (``forecast.model.posterior.Posterior``) so a later forecast with more claims
    can update it instead of sampling again (``run_forecast(..., previous=...)``); neither
    takes part in equality or hashing.
    """

    scenario: str
    title: str
    as_of: dt.date | None
    standard: str
    events: tuple[EventForecast, ...]
    scenarios: tuple[JointScenario, ...]
    diagnostics: Any
    unlinked: tuple[Claim, ...] = ()
    n_excluded: int = 0
    past_deadline: tuple[str, ...] = ()
    idata: Any = field(default=None, compare=False, repr=False)
    posterior: Any = field(default=None, compare=False, repr=False)

    def __getitem__(self, event: str) -> EventForecast:
        for item in self.events:
            if item.event == event:
                return item
        raise KeyError(event)

    def __str__(self) -> str:
        from forecast.display.reprs import forecast_text

        return forecast_text(self)

    def _repr_html_(self) -> str:
        from forecast.display.reprs import forecast_html

        return forecast_html(self)

    @property
    def update_note(self) -> str | None:
        """The diagnostics' note that the posterior was reweighted from a previous fit's
        draws (with its Pareto k), or None when it was sampled afresh."""
        from forecast.model.reweight import UPDATED

        messages = () if self.diagnostics is None else self.diagnostics.messages
        updated = [message for message in messages if message.startswith(UPDATED)]
        return updated[-1] if updated else None

    def caveats(self) -> tuple[str, ...]:
        """What a reader must know about the date: claims left out, deadlines passed.

        Examples
        --------
        >>> f = Forecast("s", "S", dt.date(2018, 1, 1), "reader", (), (), None, n_excluded=3)
        >>> f.caveats()
        ('as of 2018-01-01: left out 3 claims from articles published after that date',)
        """
        lines = []
        if self.n_excluded:
            claims = "claim" if self.n_excluded == 1 else "claims"
            lines.append(
                f"as of {self.as_of}: left out {self.n_excluded} {claims} from articles "
                "published after that date"
            )
        if self.past_deadline:
            lines.append(
                f"as of {self.as_of}: past the deadline of {', '.join(self.past_deadline)} "
                "(due, not forecast: decided by now; record the outcome with 'forecast resolve')"
            )
        return tuple(lines)

    def explain(self, event: str) -> pd.DataFrame:
        """The claims that moved ``event``, strongest first: one row per driver.

        Columns: ``quote, cue, source, kind, published, delta`` (``delta`` is the event's
        probability with the claim minus without it).

        Raises
        ------
        KeyError
            If the forecast has no event ``event``.
        """
        rows = [
            (d.quote, d.cue, d.source, d.kind, d.published, d.delta) for d in self[event].drivers
        ]
        return pd.DataFrame(rows, columns=list(DRIVER_COLUMNS))

    def to_frame(self) -> pd.DataFrame:
        """One row per event: event, question, prob, low, high, mcse, label, top_driver."""
        rows = [
            (e.event, e.question, e.prob, e.low, e.high, e.mcse, e.label, _top_quote(e))
            for e in self.events
        ]
        return pd.DataFrame(rows, columns=list(EVENT_COLUMNS))

    def scenarios_frame(self, top: int | None = None) -> pd.DataFrame:
        """Joint scenarios, most probable first: one bool column per event, then prob, mcse."""
        chosen = self.scenarios if top is None else self.scenarios[:top]
        names = [e.event for e in self.events]
        rows = [[dict(s.events)[name] for name in names] + [s.prob, s.mcse] for s in chosen]
        return pd.DataFrame(rows, columns=[*names, "prob", "mcse"])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping with stable names (see the README's ``run --format json``)."""
        return {
            "scenario": self.scenario,
            "title": self.title,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "standard": self.standard,
            "events": [event.to_dict() for event in self.events],
            "scenarios": [joint.to_dict() for joint in self.scenarios],
            "diagnostics": diagnostics_dict(self.diagnostics),
            "unlinked": [
                {"quote": claim.sentence, "event": claim.event} for claim in self.unlinked
            ],
            "n_excluded": self.n_excluded,
            "past_deadline": list(self.past_deadline),
        }


def _top_quote(event: EventForecast) -> str:
    """The quote of the event's strongest driver, or how the number was reached."""
    return event.drivers[0].quote if event.drivers else event.evidence


def diagnostics_dict(diagnostics: Any) -> dict[str, Any]:
    """Sampler diagnostics as ``r_hat, ess, divergences, ok, messages`` with JSON-safe values."""
    return {
        "r_hat": _plain(diagnostics.r_hat),
        "ess": _plain(diagnostics.ess),
        "divergences": int(diagnostics.divergences),
        "ok": bool(diagnostics.ok),
        "messages": [str(message) for message in diagnostics.messages],
    }


def _plain(value: Any) -> Any:
    """Numbers, mappings and sequences of numbers as built-in JSON types (NaN -> None)."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value):
        return _plain(dataclasses.asdict(value))
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if hasattr(value, "tolist"):
        return _plain(value.tolist())
    if isinstance(value, float | int):
        number = float(value)
        return None if math.isnan(number) else number
    return value
