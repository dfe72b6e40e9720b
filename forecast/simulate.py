"""Forward Monte Carlo over a scenario's event graph, and exact per-draw probabilities.

Semantics. A *latent* event e has, in each posterior draw, a probability p_e: the
probability that e happens given that all of its ``requires`` happen and its ``given``
expression holds; otherwise e does not happen. A *derived* event is its boolean
expression of other events. Equivalently, every latent event tosses its own coin with
probability p_e, independently of the others, and

    e happens  =  coin_e  and  all(requires)  and  given          (latent e)
    e happens  =  expr    and  all(requires)  and  given          (derived e)

evaluated in topological order. :func:`simulate` draws the coins; :func:`event_probs`
and :func:`expr_probs` sum over all coin states exactly. Summaries of drawn outcomes
(:func:`marginals`, :func:`conditional`, :func:`joint_scenarios`) carry a Monte Carlo
standard error; for draws that come from MCMC chains pass ``chains`` and the error uses
batch means (:func:`mcse_binary`). numpy and pandas only: this module never imports PyMC.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from forecast.errors import InputError
from forecast.graph import And, Expr, ExprError, Name, UnknownNameError, parse_expr
from forecast.graph import topological_order as order_names
from forecast.mcse import batch_means_mcse, group_mcse, mcse_binary

__all__ = [
    "MAX_EXACT_LATENT",
    "Conditional",
    "EventGraph",
    "Node",
    "build_graph",
    "conditional",
    "conditional_probs",
    "event_probs",
    "expr_probs",
    "joint_scenarios",
    "marginals",
    "mcse_binary",
    "simulate",
    "simulate_counts",
]

MAX_EXACT_LATENT = 16
"""Most latent ancestors one exact probability may have: 2**16 coin states per draw."""

_CHUNK_CELLS = 2**22  # draws x states per block in exact enumeration (32 MiB of float64)


@dataclass(frozen=True, slots=True)
class Node:
    """One event as the simulator sees it: its relations, with expressions parsed."""

    name: str
    requires: tuple[str, ...] = ()
    given: Expr | None = None
    expr: Expr | None = None

    @property
    def latent(self) -> bool:
        """True when the event has a probability of its own (it is not derived)."""
        return self.expr is None

    @property
    def parents(self) -> tuple[str, ...]:
        """Events this one reads: ``requires``, then names in ``given`` and ``expr``."""
        names = list(self.requires)
        for expr in (self.given, self.expr):
            if expr is not None:
                names.extend(sorted(expr.names))
        return tuple(dict.fromkeys(names))


@dataclass(frozen=True, slots=True)
class EventGraph:
    """A scenario compiled for simulation.

    ``names`` lists every event in topological order (the columns of outcomes);
    ``latent`` the events with a probability of their own, in the same order (the
    columns of ``probs``); ``nodes`` the compiled events, aligned with ``names``.
    """

    names: tuple[str, ...]
    latent: tuple[str, ...]
    nodes: tuple[Node, ...]

    def index(self, name: str) -> int:
        """Column of event ``name`` in outcomes."""
        try:
            return self.names.index(name)
        except ValueError:
            raise UnknownNameError(
                f"unknown event '{name}'; events are {list(self.names)}"
            ) from None

    def ancestors(self, names: Iterable[str]) -> tuple[Node, ...]:
        """Nodes of ``names`` and everything they depend on, in topological order."""
        nodes = dict(zip(self.names, self.nodes, strict=True))
        wanted: set[str] = set()
        stack = list(names)
        while stack:
            name = stack.pop()
            if name not in wanted:
                self.index(name)
                wanted.add(name)
                stack.extend(nodes[name].parents)
        return tuple(node for node in self.nodes if node.name in wanted)

    def subgraph(self, names: Iterable[str]) -> EventGraph:
        """The events ``names`` and everything they depend on, as a graph of their own."""
        nodes = self.ancestors(names)
        latent = tuple(node.name for node in nodes if node.latent)
        return EventGraph(tuple(node.name for node in nodes), latent, nodes)


def build_graph(scenario: Any) -> EventGraph:
    """Compile a scenario's events into an :class:`EventGraph`.

    Parameters
    ----------
    scenario : Scenario
        Anything with ``name``, ``path`` and ``events`` (each with ``name``, ``requires``,
        ``given`` and ``expr``).

    Raises
    ------
    ExprError, UnknownNameError, CycleError
        With the scenario and event named, if an expression breaks the grammar, a
        relation names an unknown event, or events depend on each other in a cycle.
    """
    here = getattr(scenario, "path", None) or f"scenario '{scenario.name}'"
    nodes = {}
    for event in scenario.events:
        parsed = {}
        for key in ("given", "expr"):
            text = getattr(event, key)
            try:
                parsed[key] = None if text is None else parse_expr(text)
            except ExprError as error:
                raise ExprError(f"{here}: event '{event.name}': key '{key}': {error}") from None
        nodes[event.name] = Node(event.name, tuple(event.requires), **parsed)
    try:
        names = order_names({name: node.parents for name, node in nodes.items()})
    except ValueError as error:
        raise type(error)(f"{here}: {error}") from None
    latent = tuple(name for name in names if nodes[name].latent)
    return EventGraph(names, latent, tuple(nodes[name] for name in names))


def _propagate(nodes: Iterable[Node], coins: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Outcome of every node, given the coin of every latent node (the model's rule)."""
    values: dict[str, np.ndarray] = {}
    for node in nodes:
        value = coins[node.name] if node.expr is None else node.expr.evaluate(values)
        for parent in node.requires:
            value = value & values[parent]
        if node.given is not None:
            value = value & node.given.evaluate(values)
        values[node.name] = value
    return values


def _check_probs(graph: EventGraph, probs: Any) -> np.ndarray:
    probs = np.asarray(probs, dtype=float)
    shape = ("n_draws", len(graph.latent))
    if probs.ndim != 2 or probs.shape[1] != len(graph.latent):
        raise InputError(
            f"probs: must have shape {shape} with columns {list(graph.latent)}; "
            f"got shape {probs.shape}"
        )
    bad = ~((probs >= 0) & (probs <= 1))
    if bad.any():
        row, column = np.argwhere(bad)[0]
        raise InputError(
            f"probs: every prob must be in [0, 1]; got {float(probs[row, column])!r} "
            f"for '{graph.latent[column]}' in draw {row}"
        )
    return probs


def simulate(graph: EventGraph, probs: Any, rng: Any = None) -> np.ndarray:
    """Draw one joint outcome of every event per posterior draw.

    Drawn in blocks (see :func:`simulate_counts`), so the memory beyond ``probs`` and
    the result stays under a few tens of MB.

    Parameters
    ----------
    graph : EventGraph
    probs : array_like, shape (n_draws, len(graph.latent))
        Per draw, the conditional probability of each latent event.
    rng : None, int or numpy.random.Generator

    Returns
    -------
    numpy.ndarray of bool, shape (n_draws, len(graph.names))
    """
    probs = _check_probs(graph, probs)
    rng = np.random.default_rng(rng)
    outcomes = np.empty((len(probs), len(graph.names)), dtype=bool)
    size = _block_size(graph)
    for start in range(0, len(probs), size):
        stop = min(start + size, len(probs))
        block = _thresholds(probs[start:stop])
        values = _simulate_block(graph, block, 1, rng)
        for j, name in enumerate(graph.names):
            outcomes[start:stop, j] = values[name]
    return outcomes


def simulate_counts(graph: EventGraph, probs: Any, n_samples: int, rng: Any = None) -> np.ndarray:
    """How many of ``n_samples`` forward-simulated outcomes have each event happen.

    Sample ``i`` uses posterior draw ``i mod n_draws``, so ``n_samples`` a multiple of
    the draws weighs every draw equally. Outcomes are counted block by block and never
    held, so memory stays bounded (tens of MB) whatever ``n_samples``.

    Returns
    -------
    numpy.ndarray of int64, shape (len(graph.names),)
    """
    probs = _check_probs(graph, probs)
    if not (isinstance(n_samples, int | np.integer) and n_samples >= 0):
        raise InputError(f"n_samples: must be an integer >= 0; got {n_samples!r}")
    rng = np.random.default_rng(rng)
    thresholds = _thresholds(probs)
    counts = np.zeros(len(graph.names), dtype=np.int64)
    size = _block_size(graph)
    n_draws = len(probs)
    # A block repeats a run of consecutive draws; leftovers use the leading draws.
    run = min(n_draws, size)
    repeats = max(1, size // n_draws)
    done = 0
    while done < n_samples:
        start = done % n_draws
        width = min(run, n_draws - start, n_samples - done)
        times = max(1, min(repeats, (n_samples - done) // width)) if start == 0 else 1
        block = thresholds[start : start + width]
        values = _simulate_block(graph, block, times, rng)
        counts += [np.count_nonzero(values[name]) for name in graph.names]
        done += width * times
    return counts


_SIM_CELLS = 2**21  # latent events x samples per simulation block (8 MiB of random bits)


def _block_size(graph: EventGraph) -> int:
    """Samples per simulation block."""
    return max(1, _SIM_CELLS // max(len(graph.latent), 1))


def _thresholds(probs: np.ndarray) -> np.ndarray:
    """Each prob as a uint32 threshold (prob * 2**32, rounded; ``u < t`` has prob ``t/2**32``).

    A prob of 1 cannot be represented and is marked by ``2**32 - 1`` plus the ``probs``
    check in :func:`_simulate_block`; every other prob is exact to 2**-32.
    """
    scaled = np.rint(probs * 2.0**32)
    return np.minimum(scaled, 2.0**32 - 1).astype(np.uint32)


def _simulate_block(
    graph: EventGraph, thresholds: np.ndarray, times: int, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Outcome of each event (samples,) in ``times`` passes over the draws' ``thresholds``.

    One call of the bit generator for the whole block: 32 random bits per coin.
    """
    n_rows, n_latent = thresholds.shape
    n_coins = n_latent * n_rows * times
    bits = rng.bit_generator.random_raw((n_coins + 1) // 2).view(np.uint32)[:n_coins]
    bits = bits.reshape(n_latent, times, n_rows)
    tosses = bits < thresholds.T[:, None, :]
    certain = thresholds == np.iinfo(np.uint32).max
    for column in np.flatnonzero(certain.any(axis=0)):
        tosses[column] |= certain[:, column]
    tosses = tosses.reshape(n_latent, times * n_rows)
    return _propagate(graph.nodes, dict(zip(graph.latent, tosses, strict=True)))


def _as_expr(expr: str | Expr) -> Expr:
    return parse_expr(expr) if isinstance(expr, str) else expr


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
    values = _propagate(nodes, dict(zip(latent, states.T, strict=True)))
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
    probs = _check_probs(graph, probs)
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
    probs = _check_probs(graph, probs)
    return _exact(graph, probs, (_as_expr(expr),))[:, 0]


def conditional_probs(graph: EventGraph, probs: Any, event: str, given: str | Expr) -> np.ndarray:
    """Exact per-draw P(event | given), shape (n_draws,); NaN in draws where P(given) = 0."""
    probs = _check_probs(graph, probs)
    condition = _as_expr(given)
    joint, base = _exact(graph, probs, (And(Name(event), condition), condition)).T
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(base > 0, joint / base, np.nan)


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
    condition = _as_expr(given_expr)
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
