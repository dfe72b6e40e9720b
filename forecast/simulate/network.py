"""A scenario's event graph and the rule that turns latent coins into outcomes.

Semantics. A *latent* event e has, in each posterior draw, a probability p_e: the
probability that e happens given that all of its ``requires`` happen and its ``given``
expression holds; otherwise e does not happen. A *derived* event is its boolean
expression of other events. Equivalently, every latent event tosses its own coin with
probability p_e, independently of the others, and

    e happens  =  coin_e  and  all(requires)  and  given          (latent e)
    e happens  =  expr    and  all(requires)  and  given          (derived e)

evaluated in topological order. :mod:`~forecast.simulate.forward` draws the coins;
:mod:`~forecast.simulate.exact` sums over all coin states. Summaries of drawn outcomes are
in :mod:`~forecast.simulate.summary`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from forecast.errors import InputError
from forecast.graph import Expr, ExprError, UnknownNameError, parse_expr
from forecast.graph import topological_order as order_names

__all__ = ["EventGraph", "Node", "build_graph"]


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


def as_expr(expr: str | Expr) -> Expr:
    return parse_expr(expr) if isinstance(expr, str) else expr


def propagate(nodes: Iterable[Node], coins: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
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


def check_probs(graph: EventGraph, probs: Any) -> np.ndarray:
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
