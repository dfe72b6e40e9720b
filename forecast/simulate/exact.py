"""Exact per-draw probabilities of events and expressions, summing over all coin states.

An expression depending on ``k`` latent events costs ``2**k`` states per draw, so ``k`` is
limited to `MAX_EXACT_LATENT`; beyond it use :func:`~forecast.simulate.forward.simulate`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from forecast.errors import InputError
from forecast.graph import And, Expr, Name
from forecast.simulate.network import EventGraph, as_expr, check_probs, propagate

__all__ = ["MAX_EXACT_LATENT", "conditional_probs", "event_probs", "expr_probs"]


MAX_EXACT_LATENT = 16
"""Most latent ancestors one exact probability may have: 2**16 coin states per draw."""

_CHUNK_CELLS = 2**22  # draws x states per block in exact enumeration (32 MiB of float64)


def _check_size(target: Expr, k: int) -> None:
    if k > MAX_EXACT_LATENT:
        raise InputError(
            f"exact probability: '{target}' depends on {k} latent events; the limit is "
            f"{MAX_EXACT_LATENT} (2**{MAX_EXACT_LATENT} states per draw); use simulate instead"
        )


def _exact(graph: EventGraph, probs: np.ndarray, targets: tuple[Expr, ...]) -> np.ndarray:
    """Exact per-draw probabilities of ``targets``: a sum over the relevant coin states."""
    nodes = graph.ancestors(set().union(*(target.names for target in targets)))
    latent = [node.name for node in nodes if node.latent]
    k = len(latent)
    _check_size(targets[0], k)
    states = (np.arange(2**k)[:, None] >> np.arange(k)) & 1 == 1
    values = propagate(nodes, dict(zip(latent, states.T, strict=True)))
    table = np.column_stack(
        [np.broadcast_to(target.evaluate(values), (2**k,)) for target in targets]
    ).astype(float)
    sub = probs[:, [graph.latent.index(name) for name in latent]]
    out = np.empty((len(probs), len(targets)))
    step = max(1, _CHUNK_CELLS // 2**k)
    for start in range(0, len(probs), step):
        block = sub[start : start + step]
        # State s sets coin i when bit i of s is 1: each coin doubles the table of
        # weights, its "no" half first (2 * 2**k products, not k * 2**k).
        weight = np.ones((len(block), 1))
        for i in range(k):
            weight = np.concatenate(
                [weight * (1.0 - block[:, i, None]), weight * block[:, i, None]], axis=1
            )
        out[start : start + step] = weight @ table
    return out


def event_probs(graph: EventGraph, probs: Any, names: Iterable[str] | None = None) -> np.ndarray:
    """Exact per-draw probability of every event, shape (n_draws, len(graph.names)).

    Each event's probability sums over the 2**k coin states of its k latent ancestors
    (itself included), so cost grows with the largest ancestry, not the whole graph.
    ``names`` (default every event) selects and orders the columns.

    Raises
    ------
    InputError
        If ``probs`` has the wrong shape or values outside [0, 1], or an event has more
        than :data:`MAX_EXACT_LATENT` latent ancestors (use :func:`simulate` instead).
    """
    probs = check_probs(graph, probs)
    names = graph.names if names is None else tuple(names)
    targets = tuple(Name(name) for name in names)
    ancestry = [sum(node.latent for node in graph.ancestors([name])) for name in names]
    for target, k in zip(targets, ancestry, strict=True):
        _check_size(target, k)
    if 2 ** len(graph.latent) <= sum(2**k for k in ancestry):
        # One pass over all coin states costs no more than one pass per event.
        return _exact(graph, probs, targets)
    columns = [_exact(graph, probs, (target,))[:, 0] for target in targets]
    return np.column_stack(columns) if columns else np.empty((len(probs), 0))


def expr_probs(graph: EventGraph, probs: Any, expr: str | Expr) -> np.ndarray:
    """Exact per-draw probability that a boolean expression over events holds, shape (n_draws,).

    Raises
    ------
    ExprError, UnknownNameError, InputError
        As :func:`parse_expr`, for names that are not events, and as :func:`event_probs`.
    """
    probs = check_probs(graph, probs)
    return _exact(graph, probs, (as_expr(expr),))[:, 0]


def conditional_probs(graph: EventGraph, probs: Any, event: str, given: str | Expr) -> np.ndarray:
    """Exact per-draw P(event | given), shape (n_draws,); NaN in draws where P(given) = 0."""
    probs = check_probs(graph, probs)
    condition = as_expr(given)
    joint, base = _exact(graph, probs, (And(Name(event), condition), condition)).T
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(base > 0, joint / base, np.nan)
