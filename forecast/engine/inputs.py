"""What a forecast as of a date reads: the claims known by then, as the model's evidence.

:func:`build_evidence` turns the claims linked to a scenario's events into the arrays of
:class:`~forecast.model.evidence.EvidenceSet`, each claim aged to the as-of date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from scipy.special import logit

from forecast.language.claim import Claim, SourceKind
from forecast.scenario import Evidence, Scenario

__all__ = [
    "build_evidence",
    "claim_age",
    "claims_as_of",
    "default_as_of",
    "known_by",
    "past_deadline",
    "related_events",
]


def default_as_of(claims: Iterable[Claim]) -> dt.date | None:
    """The latest publication date among ``claims`` (``None`` when none is dated).

    Forecasts speak for the date of their newest evidence, not for today, so the same
    articles give the same forecast whenever they are run.
    """
    dates = [claim.published for claim in claims if claim.published is not None]
    return max(dates, default=None)


def known_by(published: dt.date | None, as_of: dt.date | None) -> bool:
    """Whether news published on ``published`` can inform a forecast as of ``as_of``.

    Undated news, and any news when the forecast is undated, counts; dated news counts
    when published on or before ``as_of``.
    """
    return published is None or as_of is None or published <= as_of


def claims_as_of(claims: Iterable[Claim], as_of: dt.date | None) -> tuple[tuple[Claim, ...], int]:
    """The claims a forecast as of ``as_of`` may use, and how many were published after it."""
    claims = tuple(claims)
    kept = tuple(claim for claim in claims if known_by(claim.published, as_of))
    return kept, len(claims) - len(kept)


def past_deadline(scenario: Scenario, as_of: dt.date | None) -> tuple[str, ...]:
    """Events of ``scenario`` whose deadline is before ``as_of``, in scenario order."""
    if as_of is None:
        return ()
    return tuple(
        event.name
        for event in scenario.events
        if event.deadline is not None and event.deadline < as_of
    )


def build_evidence(
    scenario: Scenario,
    graph: Any,
    evidence_links: Sequence[Evidence],
    *,
    as_of: dt.date | None,
    outlets: Mapping[str, str] | None = None,
) -> Any:
    """Arrange linked claims as the arrays the Bayesian model reads.

    Parameters
    ----------
    scenario : Scenario
        Supplies each latent event's prior: ``logit(base_rate)`` and ``base_spread``.
    graph : EventGraph
        ``graph.latent`` names the events with a latent log-odds, in model order.
    evidence_links : sequence of Evidence
        Claims linked to events; links to events that are not latent are ignored
        (derived events have no log-odds of their own).
    as_of : date or None
        A claim's age is ``as_of - claim.published`` in days (0 when either is unknown,
        never negative).
    outlets : mapping, optional
        Article id -> outlet name. A source is the pair (outlet, or the article id when
        the outlet is unknown; source name), so one story carried by two outlets counts
        as two sources while ten sentences citing one outlet's "sources" count as one.

    Returns
    -------
    EvidenceSet
        Claims indexed into ``events``; ``claim_wording`` groups claims with the same
        source, event and set of cues (repeated wording, not new evidence).
    """
    from forecast.model.evidence import EvidenceSet

    outlets = outlets or {}
    events = tuple(graph.latent)
    position = {name: i for i, name in enumerate(events)}
    links = [link for link in evidence_links if link.event in position]
    sources: dict[tuple[str, str], int] = {}
    kinds: list[SourceKind] = []
    wordings: dict[tuple[int, str, frozenset[str]], int] = {}
    claim_source, claim_wording = [], []
    for link in links:
        claim = link.claim
        key = (outlets.get(claim.article_id) or claim.article_id, claim.source.name)
        if key not in sources:
            sources[key] = len(sources)
            kinds.append(claim.source.kind)
        source = sources[key]
        wording = (source, link.event, frozenset(match.cue for match in claim.cues))
        claim_source.append(source)
        claim_wording.append(wordings.setdefault(wording, len(wordings)))
    return EvidenceSet(
        events=events,
        prior_mean=tuple(float(logit(scenario[name].base_rate)) for name in events),
        prior_sd=tuple(float(scenario[name].base_spread) for name in events),
        claim_event=tuple(position[link.event] for link in links),
        claim_logit=tuple(float(link.logit) for link in links),
        claim_cue_sd=tuple(float(link.claim.cue_sd) for link in links),
        claim_age_days=tuple(claim_age(link.claim, as_of) for link in links),
        claim_source=tuple(claim_source),
        claim_wording=tuple(claim_wording),
        source_kind=tuple(kind.value for kind in kinds),
    )


def claim_age(claim: Claim, as_of: dt.date | None) -> float:
    """Days from the claim's publication to ``as_of``; 0 if either is unknown or it is later."""
    if as_of is None or claim.published is None:
        return 0.0
    return float(max((as_of - claim.published).days, 0))


def related_events(graph: Any) -> dict[str, frozenset[str]]:
    """Each event of an ``EventGraph`` with every event it depends on (and itself)."""
    return {name: frozenset(node.name for node in graph.ancestors([name])) for name in graph.names}
