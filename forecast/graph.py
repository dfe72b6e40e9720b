"""Boolean expressions over event names, and the order in which events are drawn.

The grammar, with the usual precedence ``not`` > ``and`` > ``or``::

    expr    := and_expr (("or" | "|") and_expr)*
    and_expr:= unary (("and" | "&") unary)*
    unary   := ("not" | "~" | "!") unary | "(" expr ")" | NAME
    NAME    := [A-Za-z_][A-Za-z0-9_]*   (not one of and / or / not)

Binary operators group to the left: ``a and b and c`` is ``(a and b) and c``.
Everything here is pure Python and numpy; nothing is evaluated with ``eval``.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from forecast.errors import InputError

__all__ = [
    "And",
    "CycleError",
    "Expr",
    "ExprError",
    "Name",
    "Not",
    "Or",
    "UnknownNameError",
    "parse_expr",
    "topological_order",
]

KEYWORDS = frozenset({"and", "or", "not"})
MAX_EXPR_TOKENS = 100
"""Most names, operators and parentheses in one expression (trees are walked recursively)."""


class ExprError(InputError, ValueError):
    """A boolean expression does not follow the grammar; the message names the column."""


class CycleError(InputError, ValueError):
    """The events depend on each other in a circle; the message spells the cycle out."""


class UnknownNameError(InputError, ValueError):
    """An event depends on, or an expression uses, a name that is not an event."""


@dataclass(frozen=True, slots=True)
class Name:
    """One event: true where the event happens."""

    name: str

    @property
    def names(self) -> frozenset[str]:
        """Event names the expression reads."""
        return frozenset((self.name,))

    def evaluate(self, values: Mapping[str, Any]) -> np.ndarray:
        """Evaluate element-wise over boolean arrays (or Python bools) keyed by event name."""
        try:
            value = values[self.name]
        except KeyError:
            raise UnknownNameError(f"expression uses unknown event '{self.name}'") from None
        return np.asarray(value, dtype=bool)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Not:
    """Negation of one operand."""

    operand: Expr

    @property
    def names(self) -> frozenset[str]:
        return self.operand.names

    def evaluate(self, values: Mapping[str, Any]) -> np.ndarray:
        return np.logical_not(self.operand.evaluate(values))

    def __str__(self) -> str:
        return f"not {_wrap(self.operand, isinstance(self.operand, And | Or))}"


@dataclass(frozen=True, slots=True)
class And:
    """Conjunction of two operands."""

    left: Expr
    right: Expr

    @property
    def names(self) -> frozenset[str]:
        return self.left.names | self.right.names

    def evaluate(self, values: Mapping[str, Any]) -> np.ndarray:
        return np.logical_and(self.left.evaluate(values), self.right.evaluate(values))

    def __str__(self) -> str:
        left = _wrap(self.left, isinstance(self.left, Or))
        right = _wrap(self.right, isinstance(self.right, And | Or))
        return f"{left} and {right}"


@dataclass(frozen=True, slots=True)
class Or:
    """Disjunction of two operands."""

    left: Expr
    right: Expr

    @property
    def names(self) -> frozenset[str]:
        return self.left.names | self.right.names

    def evaluate(self, values: Mapping[str, Any]) -> np.ndarray:
        return np.logical_or(self.left.evaluate(values), self.right.evaluate(values))

    def __str__(self) -> str:
        return f"{self.left} or {_wrap(self.right, isinstance(self.right, Or))}"


Expr = Name | Not | And | Or
"""A parsed expression: a frozen tree with ``names``, ``evaluate(values)`` and canonical ``str``."""


def _wrap(expr: Expr, parenthesise: bool) -> str:
    """Text of a sub-expression, in parentheses when precedence or grouping needs them."""
    return f"({expr})" if parenthesise else str(expr)


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SYMBOLS = {"&": "and", "|": "or", "~": "not", "!": "not", "(": "(", ")": ")"}


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "name", "and", "or", "not", "(", ")" or "end"
    text: str
    column: int  # 1-based


def _tokenize(text: str) -> list[_Token]:
    tokens = []
    position = 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            position += 1
            continue
        column = position + 1
        match = _NAME.match(text, position)
        if match:
            word = match.group()
            tokens.append(_Token(word if word in KEYWORDS else "name", word, column))
            position = match.end()
        elif char in _SYMBOLS:
            tokens.append(_Token(_SYMBOLS[char], char, column))
            position += 1
        else:
            raise ExprError(f"unexpected character {char!r} at column {column}")
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


class _Parser:
    """Recursive descent over the token list; one method per grammar rule."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.index = 0

    def peek(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> Expr:
        expr = self.or_expr()
        token = self.peek()
        if token.kind == ")":
            raise ExprError(f"unexpected ')' at column {token.column}")
        if token.kind != "end":
            raise ExprError(
                f"expected 'and', 'or' or the end at column {token.column}; got {token.text!r}"
            )
        return expr

    def or_expr(self) -> Expr:
        expr = self.and_expr()
        while self.peek().kind == "or":
            self.take()
            expr = Or(expr, self.and_expr())
        return expr

    def and_expr(self) -> Expr:
        expr = self.unary()
        while self.peek().kind == "and":
            self.take()
            expr = And(expr, self.unary())
        return expr

    def unary(self) -> Expr:
        token = self.take()
        if token.kind == "not":
            return Not(self.unary())
        if token.kind == "name":
            return Name(token.text)
        if token.kind == "(":
            expr = self.or_expr()
            closing = self.take()
            if closing.kind != ")":
                got = "the end" if closing.kind == "end" else repr(closing.text)
                raise ExprError(
                    f"expected ')' at column {closing.column} to close '(' at column "
                    f"{token.column}; got {got}"
                )
            return expr
        got = "the end" if token.kind == "end" else repr(token.text)
        raise ExprError(f"expected an event name at column {token.column}; got {got}")


def parse_expr(text: str) -> Expr:
    """Parse a boolean expression over event names.

    Parameters
    ----------
    text : str
        For example ``"visit or phone_briefing"`` or ``"meet_g7 & !(visit | call)"``.

    Returns
    -------
    Expr
        A frozen tree; ``str(expr)`` is canonical text that parses back to an equal tree.

    Raises
    ------
    ExprError
        If the text is empty or breaks the grammar; the message names the column.

    Examples
    --------
    >>> str(parse_expr("a & (b | !c)"))
    'a and (b or not c)'
    >>> bool(parse_expr("a or b").evaluate({"a": False, "b": True}))
    True
    """
    if not isinstance(text, str):
        raise ExprError(f"expression must be a string; got {type(text).__name__}")
    if not text.strip():
        raise ExprError("empty expression")
    tokens = _tokenize(text)
    if len(tokens) - 1 > MAX_EXPR_TOKENS:
        raise ExprError(
            f"expression has {len(tokens) - 1} names, operators and parentheses; at most "
            f"{MAX_EXPR_TOKENS} are allowed"
        )
    return _Parser(tokens).parse()


def topological_order(parents: Mapping[str, Iterable[str]]) -> tuple[str, ...]:
    """Order names so that every name comes after all of its parents.

    At each step the next name is the earliest, in the mapping's order, of those whose
    parents are all placed; so the order is deterministic and keeps the mapping's order
    wherever the edges allow.

    Parameters
    ----------
    parents : Mapping[str, Iterable[str]]
        Each name's parents; every parent must itself be a key.

    Raises
    ------
    UnknownNameError
        If a parent is not a key.
    CycleError
        If the names depend on each other in a circle (including a name on itself).

    Examples
    --------
    >>> topological_order({"briefed": ["visit", "call"], "visit": [], "call": []})
    ('visit', 'call', 'briefed')
    """
    position = {name: i for i, name in enumerate(parents)}
    edges = {name: tuple(dict.fromkeys(parents[name])) for name in parents}
    for name, own in edges.items():
        for parent in own:
            if parent not in position:
                raise UnknownNameError(f"event '{name}' depends on unknown event '{parent}'")
    children: dict[str, list[str]] = {name: [] for name in edges}
    waiting = {name: len(own) for name, own in edges.items()}
    for name, own in edges.items():
        for parent in own:
            children[parent].append(name)
    ready = [position[name] for name, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    names = tuple(edges)
    order = []
    while ready:
        name = names[heapq.heappop(ready)]
        order.append(name)
        for child in children[name]:
            waiting[child] -= 1
            if waiting[child] == 0:
                heapq.heappush(ready, position[child])
    if len(order) < len(names):
        raise CycleError(f"cycle: {' -> '.join(_find_cycle(edges, waiting))}")
    return tuple(order)


def _find_cycle(edges: Mapping[str, tuple[str, ...]], waiting: Mapping[str, int]) -> list[str]:
    """One cycle among the names left unordered, written parent -> child -> ... -> parent."""
    stuck = [name for name in edges if waiting[name] > 0]
    seen: dict[str, int] = {}
    path: list[str] = []
    name = stuck[0]
    # Every stuck name has a stuck parent, so walking up parents must revisit a name.
    while name not in seen:
        seen[name] = len(path)
        path.append(name)
        name = next(parent for parent in edges[name] if waiting[parent] > 0)
    cycle = [*path[seen[name] :], name]
    return cycle[::-1]
