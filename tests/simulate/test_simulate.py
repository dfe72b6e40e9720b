"""Forward Monte Carlo and exact probabilities, checked against independent answers.

Independent answers: (a) exact enumeration over the 2**5 joint outcomes written here by the
chain rule of the Bayesian network, (b) pgmpy's variable elimination (test-only oracle).
Monte Carlo checks use n = 200_000 seeded draws and |estimate - exact| <= z * se with
z = MC_Z = 4.4 and se = sqrt(p (1 - p) / n) (n_given for conditionals): 1.1e-5 per
check, so the 19 such checks in this file (5 marginals, 3 conditionals, 6 joint outcomes,
5 marginals under varying probs) fail together with probability ~2e-4.
"""

from __future__ import annotations

import itertools
import math
import warnings
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecast.errors import InputError
from forecast.graph import CycleError, ExprError, UnknownNameError
from forecast.scenario import Event, Scenario
from forecast.simulate.exact import MAX_EXACT_LATENT, conditional_probs, event_probs, expr_probs
from forecast.simulate.forward import simulate, simulate_counts
from forecast.simulate.network import build_graph
from forecast.simulate.summary import conditional, joint_scenarios, marginals
from tests.conftest import MC_Z

N_DRAWS = 200_000
P = {"visit": 0.3, "meet": 0.6, "phone": 0.5, "raised": 0.7}


def _scenario() -> Scenario:
    """A root, a `requires` child, a `given` conditional, a derived `or`, and a chain on it."""

    def event(name: str, **relations: object) -> Event:
        return Event(name, f"Will {name} happen?", "Reported by a major outlet.", **relations)

    return Scenario(
        "seed",
        "Trump, Abe and the summit",
        (
            event("briefed", expr="visit or phone"),
            event("visit"),
            event("meet", requires=("visit",)),
            event("phone", given="not visit"),
            event("raised", requires=("briefed",), given="not meet"),
        ),
    )


# The same network written as P(event = 1 | parents), independently of forecast.simulate.
PARENTS = {
    "visit": (),
    "meet": ("visit",),
    "phone": ("visit",),
    "briefed": ("visit", "phone"),
    "raised": ("briefed", "meet"),
}


def _cond_prob(name: str, p: dict[str, float], pa: dict[str, bool]) -> float:
    if name == "visit":
        return p["visit"]
    if name == "meet":
        return p["meet"] if pa["visit"] else 0.0
    if name == "phone":
        return p["phone"] if not pa["visit"] else 0.0
    if name == "briefed":
        return 1.0 if (pa["visit"] or pa["phone"]) else 0.0
    return p["raised"] if (pa["briefed"] and not pa["meet"]) else 0.0


def _joint_table(p: dict[str, float]) -> dict[tuple[bool, ...], float]:
    """P(every joint outcome) by the chain rule, keyed in PARENTS order."""
    names = list(PARENTS)
    table = {}
    for state in itertools.product((False, True), repeat=len(names)):
        values = dict(zip(names, state, strict=True))
        prob = 1.0
        for name in names:
            q = _cond_prob(name, p, {parent: values[parent] for parent in PARENTS[name]})
            prob *= q if values[name] else 1.0 - q
        table[state] = prob
    return table


def _exact(p: dict[str, float], event: str, given_: dict[str, bool] | None = None) -> float:
    names = list(PARENTS)
    given_ = given_ or {}
    joint = base = 0.0
    for state, prob in _joint_table(p).items():
        values = dict(zip(names, state, strict=True))
        if all(values[k] == v for k, v in given_.items()):
            base += prob
            joint += prob if values[event] else 0.0
    return joint / base


@pytest.fixture(scope="module")
def graph():
    return build_graph(_scenario())


@pytest.fixture(scope="module")
def fixed_probs(graph) -> np.ndarray:
    return np.tile([P[name] for name in graph.latent], (N_DRAWS, 1))


@pytest.fixture(scope="module")
def outcomes(graph, fixed_probs) -> np.ndarray:
    return simulate(graph, fixed_probs, rng=20180612)


def _within(estimate: float, exact: float, n: int) -> None:
    se = math.sqrt(exact * (1 - exact) / n)
    assert abs(estimate - exact) <= MC_Z * se, (estimate, exact, se)


def test_graph_order_and_columns(graph) -> None:
    assert graph.names == ("visit", "meet", "phone", "briefed", "raised")
    assert graph.latent == ("visit", "meet", "phone", "raised")
    assert graph.index("briefed") == 3
    assert [node.name for node in graph.ancestors(["raised"])] == list(graph.names)
    assert [node.name for node in graph.ancestors(["meet"])] == ["visit", "meet"]


def _pgmpy_network(p: dict[str, float]):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # pgmpy's own deprecation notices
        models = pytest.importorskip("pgmpy.models")
        from pgmpy.factors.discrete import TabularCPD
        from pgmpy.inference import VariableElimination

    network_class = getattr(models, "DiscreteBayesianNetwork", None) or models.BayesianNetwork
    network = network_class([(parent, child) for child in PARENTS for parent in PARENTS[child]])
    for name, parents in PARENTS.items():
        # pgmpy columns: parent states with the last parent varying fastest; state 1 = True.
        ones = [
            _cond_prob(name, p, dict(zip(parents, state, strict=True)))
            for state in itertools.product((False, True), repeat=len(parents))
        ]
        network.add_cpds(
            TabularCPD(
                name,
                2,
                [[1 - q for q in ones], ones],
                evidence=list(parents) or None,
                evidence_card=[2] * len(parents) or None,
            )
        )
    assert network.check_model()
    return VariableElimination(network)


def _pgmpy_prob(inference, event: str, evidence: dict[str, bool] | None = None) -> float:
    evidence = {k: int(v) for k, v in (evidence or {}).items()}
    factor = inference.query([event], evidence=evidence or None, show_progress=False)
    return float(factor.values[1])


def test_oracles_agree() -> None:
    inference = _pgmpy_network(P)
    for name in PARENTS:
        assert _pgmpy_prob(inference, name) == pytest.approx(_exact(P, name), abs=1e-12)
    oracle = _pgmpy_prob(inference, "briefed", {"visit": False})
    assert oracle == pytest.approx(_exact(P, "briefed", {"visit": False}), abs=1e-12)


def test_marginals_match_pgmpy(graph, outcomes) -> None:
    inference = _pgmpy_network(P)
    table = marginals(outcomes, graph)
    assert list(table.columns) == ["prob", "mcse"]
    for name in graph.names:
        exact = _pgmpy_prob(inference, name)
        _within(table.loc[name, "prob"], exact, N_DRAWS)
        assert table.loc[name, "mcse"] == pytest.approx(
            math.sqrt(exact * (1 - exact) / N_DRAWS), rel=0.05
        )


@pytest.mark.parametrize(
    ("event", "given_expr", "evidence"),
    [
        ("briefed", "not visit", {"visit": False}),
        ("meet", "visit", {"visit": True}),
        ("raised", "phone", {"phone": True}),
    ],
)
def test_conditionals_match_pgmpy(graph, outcomes, event, given_expr, evidence) -> None:
    exact = _pgmpy_prob(_pgmpy_network(P), event, evidence)
    result = conditional(outcomes, graph, event, given_expr)
    column = graph.index(next(iter(evidence)))
    n_given = int((outcomes[:, column] == next(iter(evidence.values()))).sum())
    assert result.defined and result.n_given == n_given
    _within(result, exact, n_given)
    assert result.mcse == pytest.approx(math.sqrt(result * (1 - result) / n_given))


def test_joint_scenarios_match_enumeration(graph, outcomes) -> None:
    table = joint_scenarios(outcomes, graph)
    assert int(table["count"].sum()) == N_DRAWS
    assert math.fsum(table["prob"]) == pytest.approx(1.0, abs=1e-15)
    assert table["prob"].is_monotonic_decreasing
    exact = _joint_table(P)
    for row in table.itertuples(index=False):
        state = tuple(getattr(row, name) for name in PARENTS)
        _within(row.prob, exact[state], N_DRAWS)
    possible = sum(prob > 0 for prob in exact.values())
    assert len(table) == possible  # impossible outcomes (e.g. meet without visit) never drawn
    top = joint_scenarios(outcomes, graph, events=["visit", "briefed"], top=2)
    assert list(top.columns) == ["visit", "briefed", "count", "prob", "mcse"]
    assert len(top) == 2 and top["prob"].iloc[0] == pytest.approx(0.35, abs=0.01)


def test_event_probs_exact(graph, rng) -> None:
    probs = rng.uniform(size=(50, len(graph.latent)))
    got = event_probs(graph, probs)
    for row, draw in zip(got, probs, strict=True):
        p = dict(zip(graph.latent, draw, strict=True))
        expected = [_exact(p, name) for name in graph.names]
        np.testing.assert_allclose(row, expected, rtol=0, atol=1e-12)
    fixed = dict(zip(graph.latent, probs[0], strict=True))
    assert conditional_probs(graph, probs[:1], "briefed", "not visit")[0] == pytest.approx(
        _exact(fixed, "briefed", {"visit": False}), abs=1e-12
    )
    np.testing.assert_allclose(
        expr_probs(graph, probs, "visit or phone"), got[:, graph.index("briefed")], atol=1e-12
    )


def test_varying_probs_per_draw(graph, rng) -> None:
    probs = rng.uniform(size=(N_DRAWS, len(graph.latent)))
    outcomes = simulate(graph, probs, rng=rng)
    expected = event_probs(graph, probs).mean(axis=0)
    for j in range(len(graph.names)):
        _within(outcomes[:, j].mean(), expected[j], N_DRAWS)


@pytest.mark.parametrize("n_draws", [7, 3001])
def test_counts_cycle_over_the_draws(graph, rng, n_draws) -> None:
    """Counts of many passes over few draws, and of a pass and a part over many draws."""
    probs = rng.uniform(size=(n_draws, len(graph.latent)))
    n_samples = 50 * n_draws + 3 if n_draws < 100 else n_draws + 1000
    counts = simulate_counts(graph, probs, n_samples, rng=rng)
    weights = np.bincount(np.arange(n_samples) % n_draws, minlength=n_draws)
    per_draw = event_probs(graph, probs)
    expected = weights @ per_draw
    sd = np.sqrt(weights @ (per_draw * (1 - per_draw)))
    assert np.all(np.abs(counts - expected) <= MC_Z * sd), (counts, expected, sd)


def test_probs_zero_and_one_are_exact(graph, rng) -> None:
    """A certain coin always lands, an impossible one never: no rounding at the ends."""
    probs = np.tile([1.0, 0.0, 1.0, 1.0], (4000, 1))
    outcomes = simulate(graph, probs, rng=rng)
    expected = {"visit": True, "meet": False, "phone": False, "briefed": True, "raised": True}
    for name, value in expected.items():
        assert (outcomes[:, graph.index(name)] == value).all()
    counts = simulate_counts(graph, probs, 10_000, rng=rng)
    assert counts.tolist() == [10_000 * expected[name] for name in graph.names]


def test_conditional_never_observed(graph, rng) -> None:
    outcomes = simulate(graph, np.full((100, 4), 0.5), rng=rng)
    result = conditional(outcomes, graph, "meet", "phone and visit")
    assert not result.defined and math.isnan(result) and result.n_given == 0
    assert "never occurred" in repr(result)
    assert np.isnan(conditional_probs(graph, np.full((1, 4), 0.5), "meet", "phone and visit"))[0]


def test_same_seed_same_outcomes(graph, fixed_probs) -> None:
    first = simulate(graph, fixed_probs[:1000], rng=7)
    assert np.array_equal(first, simulate(graph, fixed_probs[:1000], rng=7))
    assert not np.array_equal(first, simulate(graph, fixed_probs[:1000], rng=8))
    assert first.dtype == bool and first.shape == (1000, 5)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=4, max_size=4))
def test_union_bound(draw: list[float]) -> None:
    graph = build_graph(_scenario())
    probs = np.array([draw])
    single = event_probs(graph, probs)[0]
    assert ((single >= 0) & (single <= 1 + 1e-15)).all()
    for a, b in itertools.combinations(graph.names, 2):
        union = expr_probs(graph, probs, f"{a} or {b}")[0]
        assert -1e-15 <= union <= 1 + 1e-15
        assert union <= single[graph.index(a)] + single[graph.index(b)] + 1e-12


def test_chain_aware_summaries(graph, outcomes) -> None:
    table = marginals(outcomes, graph, chains=4)
    plain = marginals(outcomes, graph)
    np.testing.assert_allclose(table["mcse"], plain["mcse"], rtol=0.2)
    result = conditional(outcomes, graph, "briefed", "not visit", chains=4)
    assert result.mcse == pytest.approx(
        conditional(outcomes, graph, "briefed", "not visit").mcse, rel=0.2
    )
    assert joint_scenarios(outcomes, graph, chains=4)["mcse"].gt(0).all()


@pytest.mark.parametrize(
    ("probs", "message"),
    [
        (np.full((3, 2), 0.5), r"probs: must have shape \('n_draws', 4\)"),
        (np.full(4, 0.5), r"got shape \(4,\)"),
        (np.array([[0.5, 1.5, 0.5, 0.5]]), r"prob must be in \[0, 1\]; got 1.5 for 'meet'"),
        (np.array([[0.5, 0.5, np.nan, 0.5]]), "got nan for 'phone' in draw 0"),
    ],
)
def test_bad_probs(graph, probs, message) -> None:
    with pytest.raises(InputError, match=message):
        simulate(graph, probs)
    with pytest.raises(InputError, match=message):
        event_probs(graph, probs)


def test_bad_queries(graph, outcomes) -> None:
    with pytest.raises(UnknownNameError, match="unknown event 'summit'"):
        conditional(outcomes, graph, "summit", "visit")
    with pytest.raises(UnknownNameError, match="unknown event 'summit'"):
        conditional(outcomes, graph, "meet", "summit")
    with pytest.raises(ExprError, match="expected an event name at column 5"):
        conditional(outcomes, graph, "meet", "not and")
    with pytest.raises(InputError, match="outcomes: must be bool"):
        marginals(outcomes.astype(int), graph)
    with pytest.raises(InputError, match="chains: must divide the 200000 draws"):
        marginals(outcomes, graph, chains=3)
    with pytest.raises(InputError, match="top must be a positive integer; got 0"):
        joint_scenarios(outcomes, graph, top=0)
    with pytest.raises(InputError, match="events must name at least one event"):
        joint_scenarios(outcomes, graph, events=[])
    with pytest.raises(UnknownNameError, match="unknown event 'summit'"):
        expr_probs(graph, np.full((1, 4), 0.5), "summit")


def _duck(*events: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(name="toy", path="models/toy.toml", events=events)


def _event(name: str, requires=(), given=None, expr=None) -> SimpleNamespace:
    return SimpleNamespace(name=name, requires=requires, given=given, expr=expr)


def test_build_graph_errors() -> None:
    with pytest.raises(
        ExprError, match=r"models/toy.toml: event 'b': key 'given': empty expression"
    ):
        build_graph(_duck(_event("a"), _event("b", given=" ")))
    with pytest.raises(CycleError, match=r"models/toy.toml: cycle: a -> b -> a"):
        build_graph(_duck(_event("a", expr="b"), _event("b", requires=("a",))))
    with pytest.raises(UnknownNameError, match="event 'a' depends on unknown event 'zz'"):
        build_graph(_duck(_event("a", given="not zz")))


def test_exact_limit() -> None:
    many = [_event(f"e{i}") for i in range(MAX_EXACT_LATENT + 1)]
    anyone = " or ".join(event.name for event in many)
    graph = build_graph(_duck(*many, _event("any", expr=anyone)))
    probs = np.full((2, MAX_EXACT_LATENT + 1), 0.1)
    with pytest.raises(InputError, match="'any' depends on 17 latent events; the limit is 16"):
        event_probs(graph, probs)
    with pytest.raises(InputError, match="'not any' depends on 17 latent events"):
        expr_probs(graph, probs, "not any")
    # Events with small ancestries stay exact even in a large graph.
    assert expr_probs(graph, probs, "e0 or e1") == pytest.approx(0.19, abs=1e-12)
