"""The scripted timeline: the shipped example article, then invented follow-ups, one at a time.

Each follow-up (``tests/fixtures/timeline/``, marked as invented test material) confirms,
weakens or contradicts a claim of the example article; the event it bears on must move the
stated way by more than z = 4.4 combined Monte Carlo standard errors (the suite-wide
failure budget in ``conftest.py``), and ingesting any article again must change nothing.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import pytest

from forecast.engine.result import Driver
from forecast.loop.changes import Change, describe_change
from forecast.loop.reforecast import ingest_articles, reforecast_scenario
from forecast.reading.article import read_article
from forecast.scenario import default_scenario_path, load_scenario
from forecast.store.store import open_store
from tests.conftest import MC_Z

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "timeline"
EXAMPLE = default_scenario_path().parent / "articles" / "us_japan_2018-05-13.txt"
N_DRAWS = 150
# (fixture, event it bears on, direction of the move)
STEPS = (
    ("2018-06-01_g7_meeting_confirmed.txt", "g7_meeting", +1),
    ("2018-06-05_visit_doubted.txt", "visit", -1),
    ("2018-06-10_no_stop_in_japan.txt", "visit", -1),
)
PATHS = (EXAMPLE, *(FIXTURES / name for name, _, _ in STEPS))


@pytest.fixture(scope="module")
def timeline(tmp_path_factory):
    """A store holding the timeline, ingested article by article; the reports in order."""
    path = tmp_path_factory.mktemp("timeline") / "store.sqlite"
    scenario = load_scenario(FIXTURES / "scenario.toml")
    with open_store(path) as store:
        reports = []
        for i, article in enumerate(PATHS):
            first = scenario if i == 0 else None
            report = ingest_articles(
                store, [read_article(article)], scenario=first, n_draws=N_DRAWS, seed=7
            )
            reports.append(report)
    return path, reports


def test_every_article_is_stored_and_triggers_one_forecast(timeline):
    path, reports = timeline
    with open_store(path) as store:
        history = store.forecast_history("us_japan_2018_small", "visit")
        ids = [read_article(p).id for p in PATHS]
    assert [r.articles[0].status for r in reports] == ["stored"] * len(PATHS)
    assert list(history["trigger"]) == ids
    assert list(history["as_of"]) == [dt.date(2018, 5, 13), dt.date(2018, 6, 1),
                                      dt.date(2018, 6, 5), dt.date(2018, 6, 10)]  # fmt: skip


@pytest.mark.parametrize(("name", "event", "direction"), STEPS)
def test_each_step_moves_its_event_the_stated_way(timeline, name, event, direction):
    path, _ = timeline
    article_id = read_article(FIXTURES / name).id
    with open_store(path) as store:
        history = store.forecast_history("us_japan_2018_small", event).reset_index(drop=True)
    step = history.index[history["trigger"] == article_id][0]
    before, after = history.loc[step - 1], history.loc[step]
    tolerance = MC_Z * math.hypot(before["mcse"], after["mcse"])
    assert direction * (after["prob"] - before["prob"]) > tolerance, (before, after)


def test_the_change_names_the_new_claim_that_drove_it(timeline):
    _, reports = timeline
    (change,) = [c for c in reports[-1].changes if c.event == "visit"]
    assert change.old_prob is not None and change.new_prob < change.old_prob
    assert change.driver is not None and change.driver.published == dt.date(2018, 6, 10)
    assert "Trump will definitely not stop in Japan" in change.driver.quote
    pattern = (r"P\(Trump stop in Japan on his way back from the Singapore summit\) "
               r"\d+% → \d+% \(driven by: 'Trump will definitely not stop in Japan .*', "
               r"anonymous officials, 2018-06-10\)")  # fmt: skip
    assert re.fullmatch(pattern, describe_change(change))


def test_unrelated_events_are_not_reported(timeline):
    _, reports = timeline
    assert {c.event for c in reports[1].changes} == {"g7_meeting"}


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_ingesting_an_article_twice_changes_nothing(timeline, path):
    store_file, _ = timeline
    with open_store(store_file) as store:
        forecasts, claims = len(store.forecast_history()), len(store.claims())
        report = ingest_articles(store, [read_article(path)], n_draws=N_DRAWS, seed=7)
        assert [a.status for a in report.articles] == ["already stored"]
        assert report.changes == ()
        assert len(store.forecast_history()) == forecasts
        assert len(store.claims()) == claims


def test_claims_published_after_as_of_are_left_out(timeline, tmp_path):
    path, _ = timeline
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(path.read_bytes())
    with open_store(copy) as store:
        scenario = store.scenario("us_japan_2018_small")
        update = reforecast_scenario(
            store, scenario, trigger="reforecast", as_of=dt.date(2018, 5, 31),
            n_draws=N_DRAWS, seed=7,
        )  # fmt: skip
        seed_only = len(store.claims([read_article(EXAMPLE).id]))
    linked = sum(event.n_claims for event in update.forecast.events)
    assert update.forecast.as_of == dt.date(2018, 5, 31)
    assert 0 < linked <= seed_only
    assert update.forecast["g7_meeting"].n_claims == 1  # the June 1 confirmations are unseen


def test_describe_change_without_a_new_driver():
    reforecast = Change("s", "visit", "Will Trump visit?", 0.41, 0.39, 0.01,
                        dt.date(2018, 6, 20), "reforecast")  # fmt: skip
    assert describe_change(reforecast) == "P(Trump visit) 41% → 39% (reforecast as of 2018-06-20)"
    driver = Driver("He will come.", "will", "Sanders", "official", dt.date(2018, 6, 10), -0.3)
    first = Change("s", "visit", "Will Trump visit?", None, 0.12, 0.01, None, "abc", driver)
    assert describe_change(first) == (
        "P(Trump visit) new → 12% (driven by: 'He will come.', on-record officials, 2018-06-10)"
    )


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("If Trump does not stop in Japan, will Japan be briefed by June 14, 2018?",
         "Japan be briefed by June 14, 2018 | Trump does not stop in Japan"),
        ("Does the summit take place?", "summit"),
        ("Will Trump visit?", "Trump visit"),
    ],
)  # fmt: skip
def test_change_lines_never_wrap_the_question_itself(question, subject):
    change = Change("s", "summit", question, 0.41, 0.39, 0.01, dt.date(2018, 6, 20), "reforecast")
    line = describe_change(change)
    assert line == f"P({subject}) 41% → 39% (reforecast as of 2018-06-20)"
    assert "P(If" not in line and "?)" not in line
