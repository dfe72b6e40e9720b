"""Boolean expressions and topological order: reference tables, errors and properties."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecast.errors import InputError
from forecast.graph import (
    And,
    CycleError,
    Expr,
    ExprError,
    Name,
    Not,
    Or,
    UnknownNameError,
    parse_expr,
    topological_order,
)

# Each expression with its truth table: the rows of itertools.product((False, True), ...)
# over the sorted names, written out by hand.
TRUTH_TABLES = [
    ("a", "FT"),
    ("not a", "TF"),
    ("!a", "TF"),
    ("~a", "TF"),
    ("not not a", "FT"),
    ("a and b", "FFFT"),
    ("a & b", "FFFT"),
    ("a or b", "FTTT"),
    ("a | b", "FTTT"),
    ("a and not b", "FFTF"),
    ("not a or b", "TTFT"),
    ("not (a or b)", "TFFF"),
    ("(a)", "FT"),
    ("a or b and c", "FFFTTTTT"),
    ("(a or b) and c", "FFFTFTFT"),
    ("a and b or c", "FTFTFTTT"),
    ("a and (b or c)", "FFFFFTTT"),
    ("not a and b", "FTFF"),
    ("  visit   or\tphone_briefing ", "FTTT"),
]


@pytest.mark.parametrize(("text", "table"), TRUTH_TABLES)
def test_truth_table(text: str, table: str) -> None:
    expr = parse_expr(text)
    names = sorted(expr.names)
    rows = list(itertools.product((False, True), repeat=len(names)))
    got = "".join("T" if expr.evaluate(dict(zip(names, row, strict=True))) else "F" for row in rows)
    assert got == table
    columns = {name: np.array([row[i] for row in rows]) for i, name in enumerate(names)}
    vectorised = expr.evaluate(columns)
    assert vectorised.dtype == bool
    assert "".join("T" if v else "F" for v in vectorised) == table


def test_canonical_text_and_tree() -> None:
    expr = parse_expr("meet_g7 & !(visit | call)")
    assert expr == And(Name("meet_g7"), Not(Or(Name("visit"), Name("call"))))
    assert str(expr) == "meet_g7 and not (visit or call)"
    assert expr.names == frozenset({"meet_g7", "visit", "call"})
    assert isinstance(expr, Expr)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty expression"),
        ("   ", "empty expression"),
        ("a or b)", r"unexpected '\)' at column 7"),
        ("a or", "expected an event name at column 5; got the end"),
        ("a and or b", "expected an event name at column 7; got 'or'"),
        ("not", "expected an event name at column 4; got the end"),
        ("(a or b", r"expected '\)' at column 8 to close '\(' at column 1; got the end"),
        ("a b", "expected 'and', 'or' or the end at column 3; got 'b'"),
        ("a $ b", "unexpected character '\\$' at column 3"),
        ("()", r"expected an event name at column 2; got '\)'"),
    ],
)
def test_syntax_errors(text: str, message: str) -> None:
    with pytest.raises(ExprError, match=message):
        parse_expr(text)


def test_errors_are_input_and_value_errors() -> None:
    with pytest.raises(InputError):
        parse_expr("or")
    with pytest.raises(ValueError):
        parse_expr("or")
    with pytest.raises(ExprError, match="must be a string; got int"):
        parse_expr(3)  # type: ignore[arg-type]


def test_evaluate_unknown_name() -> None:
    with pytest.raises(UnknownNameError, match="unknown event 'b'"):
        parse_expr("a or b").evaluate({"a": True})


NAMES = ("a", "b", "c", "d")


def _trees() -> st.SearchStrategy:
    leaves = st.sampled_from(NAMES).map(Name)
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            inner.map(Not),
            st.tuples(inner, inner).map(lambda pair: And(*pair)),
            st.tuples(inner, inner).map(lambda pair: Or(*pair)),
        ),
        max_leaves=12,
    )


def _python_value(expr: Expr, values: dict[str, bool]) -> bool:
    """The same expression evaluated by Python's own and/or/not."""
    if isinstance(expr, Name):
        return values[expr.name]
    if isinstance(expr, Not):
        return not _python_value(expr.operand, values)
    if isinstance(expr, And):
        return _python_value(expr.left, values) and _python_value(expr.right, values)
    return _python_value(expr.left, values) or _python_value(expr.right, values)


@settings(max_examples=300, deadline=None)
@given(_trees(), st.lists(st.booleans(), min_size=len(NAMES), max_size=len(NAMES)))
def test_round_trip_and_python_semantics(expr: Expr, bits: list[bool]) -> None:
    assert parse_expr(str(expr)) == expr
    values = dict(zip(NAMES, bits, strict=True))
    assert bool(expr.evaluate(values)) == _python_value(expr, values)


@settings(max_examples=100, deadline=None)
@given(_trees(), st.sampled_from([("&", "|", "!"), ("and", "or", "~")]))
def test_symbol_spellings_parse_alike(expr: Expr, symbols: tuple[str, str, str]) -> None:
    text = str(expr)
    spelt = " ".join(
        {"and": symbols[0], "or": symbols[1], "not": symbols[2]}.get(word, word)
        for word in text.split(" ")
    )
    assert parse_expr(spelt) == expr


def test_order_breaks_ties_by_insertion() -> None:
    parents = {"briefed": ["visit", "call"], "visit": [], "call": [], "meet": []}
    assert topological_order(parents) == ("visit", "call", "briefed", "meet")
    assert topological_order({"z": [], "y": [], "x": ["z"]}) == ("z", "y", "x")
    assert topological_order({}) == ()


@pytest.mark.parametrize(
    ("parents", "message"),
    [
        ({"a": ["b"], "b": ["a"]}, "cycle: a -> b -> a"),
        ({"a": ["a"]}, "cycle: a -> a"),
        ({"x": [], "a": ["c"], "b": ["a"], "c": ["b", "x"]}, "cycle: a -> b -> c -> a"),
    ],
)
def test_cycles(parents: dict[str, list[str]], message: str) -> None:
    with pytest.raises(CycleError, match=message):
        topological_order(parents)


def test_unknown_parent() -> None:
    with pytest.raises(UnknownNameError, match="event 'b' depends on unknown event 'zz'"):
        topological_order({"a": [], "b": ["a", "zz"]})


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.integers(0, 2**32 - 1))
def test_order_respects_every_edge(n: int, seed: int) -> None:
    generator = random.Random(seed)
    rank = list(range(n))
    generator.shuffle(rank)  # a hidden order; edges only go from lower to higher rank
    names = [f"e{i}" for i in range(n)]
    parents = {
        names[i]: [names[j] for j in range(n) if rank[j] < rank[i] and generator.random() < 0.4]
        for i in generator.sample(range(n), n)
    }
    order = topological_order(parents)
    assert sorted(order) == sorted(names)
    position = {name: i for i, name in enumerate(order)}
    for child, own in parents.items():
        for parent in own:
            assert position[parent] < position[child]
