"""Summaries of drawn outcomes with their Monte Carlo standard errors.

Marginals, conditionals ("P(briefed | no visit)") and the joint scenarios of the
outcomes :func:`~forecast.simulate.forward.simulate` draws. For draws from MCMC chains
pass ``chains`` and the error uses batch means (:mod:`~forecast.simulate.mcse`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from forecast.errors import InputError
from forecast.simulate.mcse import batch_means_mcse, group_mcse
from forecast.simulate.network import EventGraph, as_expr

__all__ = ["Conditional", "conditional", "joint_scenarios", "marginals"]


def _mcse(series: np.ndarray, prob: float, count: int, chains: int | None) -> float:
    """Standard error of a proportion: closed form for independent draws, else batch means."""
    if chains is None:
        return float(np.sqrt(prob * (1 - prob) / count)) if count else float("nan")
    return batch_means_mcse(series.reshape(chains, -1))


def _check_outcomes(outcomes: Any, graph: EventGraph, chains: int | None) -> np.ndarray:
    outcomes = np.asarray(outcomes)
    if outcomes.ndim != 2 or outcomes.shape[1] != len(graph.names) or outcomes.dtype != bool:
        raise InputError(
            f"outcomes: must be bool with shape ('n_draws', {len(graph.names)}); "
            f"got {outcomes.dtype} with shape {outcomes.shape}"
        )
    if len(outcomes) == 0:
        raise InputError("outcomes: need at least one draw; got 0")
    if chains is not None and (chains < 1 or len(outcomes) % chains):
        raise InputError(
            f"chains: must divide the {len(outcomes)} draws into equal chains; got {chains}"
        )
    return outcomes


def marginals(outcomes: Any, graph: EventGraph, chains: int | None = None) -> pd.DataFrame:
    """Probability of each event with its Monte Carlo standard error.

    Parameters
    ----------
    outcomes : numpy.ndarray of bool, shape (n_draws, len(graph.names))
        From :func:`simulate`.
    graph : EventGraph
    chains : int, optional
        When the draws are ``chains`` MCMC chains stacked chain by chain, the standard
        error uses :func:`mcse_binary`; otherwise draws count as independent.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``event`` (topological order), columns ``prob`` and ``mcse``.
    """
    outcomes = _check_outcomes(outcomes, graph, chains)
    probs = outcomes.mean(axis=0)
    mcse = [_mcse(outcomes[:, j], p, len(outcomes), chains) for j, p in enumerate(probs)]
    index = pd.Index(graph.names, name="event")
    return pd.DataFrame({"prob": probs, "mcse": mcse}, index=index)


class Conditional(float):
    """P(event | given) estimated from drawn outcomes: a float with its provenance.

    ``mcse`` is its Monte Carlo standard error and ``n_given`` the number of draws where
    the condition held. When the condition never held the value is NaN and ``defined`` is
    False.
    """

    __slots__ = ("event", "given", "mcse", "n_given")

    def __new__(cls, prob: float, *, event: str, given: str, mcse: float, n_given: int):
        self = super().__new__(cls, prob)
        self.event, self.given, self.mcse, self.n_given = event, given, mcse, n_given
        return self

    @property
    def defined(self) -> bool:
        """False when the condition never occurred in the draws (the value is then NaN)."""
        return self.n_given > 0

    def __repr__(self) -> str:
        if not self.defined:
            return f"P({self.event} | {self.given}) undefined: the condition never occurred"
        return (
            f"P({self.event} | {self.given}) = {float(self):.4g} "
            f"(mcse {self.mcse:.2g}, {self.n_given} draws)"
        )


def conditional(
    outcomes: Any, graph: EventGraph, event: str, given_expr: str, chains: int | None = None
) -> Conditional:
    """P(event | given_expr) among the drawn outcomes where ``given_expr`` holds.

    The standard error for independent draws is ``sqrt(p (1 - p) / n_given)``; with
    ``chains`` it is the batch-means error of the ratio estimator (delta method).

    Raises
    ------
    UnknownNameError, ExprError
        If ``event`` or a name in ``given_expr`` is not an event, or the expression
        does not parse.
    """
    outcomes = _check_outcomes(outcomes, graph, chains)
    condition = as_expr(given_expr)
    values = dict(zip(graph.names, outcomes.T, strict=True))
    holds = np.broadcast_to(condition.evaluate(values), (len(outcomes),))
    happens = outcomes[:, graph.index(event)]
    n_given = int(holds.sum())
    label = str(condition)
    if n_given == 0:
        return Conditional(float("nan"), event=event, given=label, mcse=float("nan"), n_given=0)
    prob = float(happens[holds].mean())
    if chains is None:
        mcse = float(np.sqrt(prob * (1 - prob) / n_given))
    else:
        # Influence of each draw on the ratio mean(happens & holds) / mean(holds).
        influence = holds * (happens - prob) / holds.mean()
        mcse = batch_means_mcse(influence.reshape(chains, -1))
    return Conditional(prob, event=event, given=label, mcse=mcse, n_given=n_given)


def _unique_rows(columns: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct bool rows, each draw's row number, and counts (bytes-packed: fast)."""
    packed = np.ascontiguousarray(np.packbits(columns, axis=1))
    keys = packed.view(np.dtype((np.void, packed.shape[1]))).reshape(-1)
    unique, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    as_bytes = unique.view(np.uint8).reshape(len(unique), packed.shape[1])
    rows = np.unpackbits(as_bytes, axis=1, count=columns.shape[1]).astype(bool)
    return rows, inverse.reshape(-1), counts


def joint_scenarios(
    outcomes: Any,
    graph: EventGraph,
    events: Iterable[str] | None = None,
    top: int | None = None,
    chains: int | None = None,
) -> pd.DataFrame:
    """Each distinct joint outcome of ``events`` with its probability, most likely first.

    Returns
    -------
    pandas.DataFrame
        One bool column per event, then ``count`` (draws with that outcome; they add up
        to n_draws), ``prob`` (count / n_draws; they add up to 1 when ``top`` is None)
        and ``mcse``. Ties are ordered by the outcome, so the table is deterministic.
        ``top`` keeps only the most likely rows.
    """
    outcomes = _check_outcomes(outcomes, graph, chains)
    names = list(graph.names if events is None else events)
    if not names:
        raise InputError("joint_scenarios: events must name at least one event; got none")
    if top is not None and (not isinstance(top, int) or top < 1):
        raise InputError(f"joint_scenarios: top must be a positive integer; got {top!r}")
    columns = outcomes[:, [graph.index(name) for name in names]]
    rows, inverse, counts = _unique_rows(columns)
    # Most likely first; among equals, the outcome with events happening first.
    order = np.lexsort((*(~rows[:, ::-1]).T, -counts))[:top]
    n = len(outcomes)
    table = pd.DataFrame(rows[order], columns=names)
    table["count"] = counts[order]
    table["prob"] = counts[order] / n
    if chains is None:
        table["mcse"] = [_mcse(inverse == i, counts[i] / n, n, chains) for i in order]
    else:
        table["mcse"] = group_mcse(np.ravel(inverse), len(rows), chains)[order]
    return table
