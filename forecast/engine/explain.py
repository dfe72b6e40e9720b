"""Which claims moved each number: leave-one-claim-out influence, ranked into drivers.

Each claim is left out of the posterior by PSIS (:func:`~forecast.model.reweight.claim_influence`)
and the shift of every event's probability it reads is measured; an event's drivers are
the claims about it or the events it depends on, largest shift first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from scipy.special import expit

from forecast.display.reprs import plural, say
from forecast.engine.result import Driver
from forecast.scenario import Evidence

__all__ = ["MAX_DRIVERS", "influence_values", "per_draw_probs", "rank_drivers"]

MAX_DRIVERS = 5


def per_draw_probs(graph: Any, theta: np.ndarray, event_probs: Callable) -> np.ndarray:
    """Exact probability of every event for each draw of latent log-odds ``(..., latent)``."""
    flat = expit(theta.reshape(-1, theta.shape[-1]))
    values = np.asarray(event_probs(graph, flat))
    return values.reshape(*theta.shape[:-1], values.shape[-1])


def influence_values(graph: Any, event_probs: Callable) -> Callable[..., np.ndarray]:
    """``values_fn`` for `claim_influence`: every event's probability per draw, or those of
    events ``columns`` from the latent events they read (each set's subgraph built once)."""
    subgraphs: dict[tuple[int, ...], Any] = {}

    def values(theta: np.ndarray, columns: Sequence[int] | None = None) -> np.ndarray:
        if columns is None:
            return per_draw_probs(graph, np.asarray(theta), event_probs)
        names = [graph.names[j] for j in columns]
        key = tuple(columns)
        if key not in subgraphs:
            subgraphs[key] = graph.subgraph(names)
        sub = subgraphs[key]
        flat = expit(np.asarray(theta).reshape(-1, len(sub.latent)))
        out = np.asarray(event_probs(sub, flat, names))
        return out.reshape(*theta.shape[:-1], len(names))

    return values


def rank_drivers(
    related: Mapping[str, frozenset[str]],
    links: tuple[Evidence, ...],
    posterior: Any,
    graph: Any,
    event_probs: Callable,
    seed: int,
    progress: Callable[[str], None] | None,
    progressbar: bool,
) -> dict[str, tuple[Driver, ...]]:
    """Per event, the claims that moved it most, ranked by the size of their shift."""
    names = tuple(graph.names)
    if not links:
        return {name: () for name in names}
    from forecast.model.reweight import claim_influence

    say(progress, f"influence of {plural(len(links), 'claim')}")
    evidence = posterior.evidence
    latent = [graph.latent[e] for e in evidence.claim_event]
    # A claim measures its own event's log-odds, so it can move that event and the
    # events that depend on it; any other claim's leave-one-out shift is noise.
    relevant = np.array([[event in related[name] for name in names] for event in latent])
    reads = np.array([[event in related[name] for event in graph.latent] for name in names])
    influence = claim_influence(
        posterior,
        influence_values(graph, event_probs),
        relevant=relevant.reshape(len(latent), len(names)),
        reads=reads.reshape(len(names), len(graph.latent)),
        seed=seed,
        progressbar=progressbar,
    )
    delta = np.asarray(influence.delta)
    drivers = {}
    for j, name in enumerate(names):
        rows = [i for i, link in enumerate(links) if link.event in related[name]]
        rows.sort(key=lambda i: -abs(delta[i, j]))
        drivers[name] = tuple(
            Driver.from_claim(links[i].claim, delta[i, j], links[i].reason)
            for i in rows[:MAX_DRIVERS]
        )
    return drivers
