"""Backtest replays: each scenario's forecasts in date order, each reweighting the one before.

A replay must make the forecasts the product would have stored had the articles been
ingested one by one (the store's path: a reforecast from the stored posterior), agree with
sampling every forecast afresh within Monte Carlo error, and depend on its own scenario's
tasks only. Cluster runs are compared with in-process ones in test_batch.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from benchmarks import synthetic
from forecast.loop.reforecast import reforecast_scenario
from forecast.scoring.backtest import backtest, backtest_tasks, replays
from forecast.store.store import open_store
from tests.conftest import MC_Z

N_DRAWS = 300
SEED = 11
DESK = synthetic.desk(2, 4, n_events=3, claims_per_article=2, seed=21)
PROBS = ["scenario", "event", "as_of", "prob", "low", "high", "mcse"]

pytestmark = pytest.mark.slow


def _backtest(scenarios=DESK.scenarios, *, reuse: bool = True):
    return backtest(scenarios, DESK.claims, DESK.resolutions, n_draws=N_DRAWS, seed=SEED,
                    reuse=reuse)  # fmt: skip


@pytest.fixture(scope="module")
def replayed():
    return _backtest()


@pytest.fixture(scope="module")
def sampled():
    return _backtest(reuse=False)


def test_replays_group_a_scenarios_tasks_in_date_order():
    tasks = backtest_tasks(DESK.scenarios, DESK.claims, DESK.resolutions, seed=1)
    shuffled = [tasks[i] for i in np.random.default_rng(0).permutation(len(tasks))]
    groups = replays(shuffled)
    assert sorted(i for group in groups for i in group) == list(range(len(tasks)))
    for group in groups:
        days = [shuffled[i].as_of for i in group]
        assert days == sorted(days) and len({shuffled[i].scenario.name for i in group}) == 1
    assert len(groups) == len(DESK.scenarios)


def test_a_replay_stores_what_ingesting_the_articles_one_by_one_would_have(replayed, tmp_path):
    # The product's path: each article stored in publication order, then its scenario
    # reforecast from the store (as of the newest article), which reweights the posterior
    # stored with the previous forecast or samples afresh.
    tasks = backtest_tasks(DESK.scenarios, DESK.claims, DESK.resolutions, seed=SEED)
    seeds = {(t.scenario.name, t.as_of): t.seed for t in tasks}
    owner = {claim.article_id: t.scenario for t in tasks for claim in t.claims}
    with open_store(tmp_path / "store.sqlite") as store:
        for scenario in DESK.scenarios:
            store.save_scenario(scenario)
        for article, claims in sorted(DESK.articles, key=lambda item: item[0].published):
            store.add_article(article, claims)
            scenario = owner[article.id]
            reforecast_scenario(store, scenario, trigger=article.id, n_draws=N_DRAWS,
                                seed=seeds[scenario.name, article.published])  # fmt: skip
        ingested = store.forecast_history()
    assert replayed.n_updated > 0  # the comparison covers reweighted forecasts
    order = ["scenario", "as_of", "event"]
    want = ingested[PROBS].sort_values(order).reset_index(drop=True)
    got = replayed.forecasts[PROBS].sort_values(order).reset_index(drop=True)
    pd.testing.assert_frame_equal(want, got, check_dtype=False)


def test_replayed_forecasts_agree_with_forecasts_sampled_afresh(replayed, sampled):
    assert sampled.n_updated == 0 and replayed.n_updated >= len(DESK.articles) // 2
    both = replayed.forecasts.merge(sampled.forecasts, on=["scenario", "event", "as_of"])
    assert len(both) == len(replayed.forecasts)
    se = np.hypot(both["mcse_x"], both["mcse_y"])
    gap = (both["prob_x"] - both["prob_y"]).abs()
    assert (gap <= MC_Z * se).all(), both.loc[gap > MC_Z * se, ["event", "prob_x", "prob_y"]]
    # Different numbers: the replay did reweight, it did not just sample again.
    assert not np.allclose(both["prob_x"], both["prob_y"])


def test_a_replay_does_not_depend_on_the_other_scenarios_or_their_order(replayed):
    alone = _backtest(DESK.scenarios[1:])
    name = DESK.scenarios[1].name
    mine = replayed.forecasts[replayed.forecasts["scenario"] == name]
    columns = PROBS[1:]
    pd.testing.assert_frame_equal(
        mine[columns].reset_index(drop=True), alone.forecasts[columns].reset_index(drop=True)
    )
    backward = _backtest(DESK.scenarios[::-1])
    key = ["scenario", "as_of", "event"]
    pd.testing.assert_frame_equal(
        replayed.forecasts[PROBS].sort_values(key).reset_index(drop=True),
        backward.forecasts[PROBS].sort_values(key).reset_index(drop=True),
    )
