"""The store: creation, migrations, idempotent and atomic ingest, refusals, forecasts.

Tests taking ``store``, ``talks`` or ``store_location`` run once per backend: a SQLite
file and a PostgreSQL database (tests/conftest.py); the rest are about one backend.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from forecast.errors import InputError
from forecast.language.extract import extract_claims
from forecast.reading.article import Article
from forecast.scenario.load import loads_scenario
from forecast.store.backend import connect
from forecast.store.location import store_path
from forecast.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from forecast.store.store import HISTORY_COLUMNS, open_store
from tests.conftest import CI_ENV, REPO, STORE_BACKENDS, no_server
from tests.pg_server import query
from tests.store_worker import generated, n_claims

STORY = (
    "Officials said Trump may visit Japan on June 12.\n"
    "If Kim agrees, Abe will probably meet Moon in Seoul."
)
SCENARIO = """# a small scenario
name = "talks"
title = "Talks in June"
as_of = 2018-05-13

[events.visit]
question = "Will Trump visit Japan?"
resolution = "Trump is in Japan before July."

[events.meet]
question = "Will Abe meet Moon?"
resolution = "A meeting is reported."
"""
WORKER = "from tests.store_worker import main; main()"
UTC = dt.UTC


@pytest.fixture
def store(store_location):
    with open_store(store_location) as opened:
        yield opened


def story(text: str = STORY, **meta) -> tuple[Article, tuple]:
    article = Article(text, published=dt.date(2018, 5, 13), **meta)
    return article, extract_claims(article)


def counts(location) -> tuple[int, int]:
    """Rows of articles and claims, read without the store's code.

    ``location`` may be a store's ``path``: the test server's URLs carry no password.
    """
    return tuple(query(location, f"SELECT count(*) FROM {t}")[0][0]
                 for t in ("articles", "claims"))  # fmt: skip


# --- where the store lives, creation, migrations ----------------------------------------


def test_store_path_prefers_argument_then_environment_then_xdg(tmp_path, monkeypatch):
    monkeypatch.setenv("FORECAST_STORE", str(tmp_path / "env.sqlite"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert store_path("given.sqlite") == tmp_path.__class__("given.sqlite")
    assert store_path(None) == tmp_path / "env.sqlite"
    monkeypatch.delenv("FORECAST_STORE")
    assert store_path(None) == tmp_path / "xdg" / "forecast" / "store.sqlite"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert store_path(None) == tmp_path / "home" / ".local/share/forecast/store.sqlite"


def test_created_on_first_use_with_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("FORECAST_STORE", str(tmp_path / "a" / "b" / "env.sqlite"))
    with open_store(store_path(None)) as store:
        assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
    assert (tmp_path / "a" / "b" / "env.sqlite").is_file()
    with sqlite3.connect(tmp_path / "a" / "b" / "env.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_store_path_takes_a_postgresql_url_as_it_is(monkeypatch):
    url = "postgresql://team@db.example:5432/forecast"
    assert store_path(url) == url
    monkeypatch.setenv("FORECAST_STORE", url.replace("postgresql", "postgres"))
    assert store_path(None) == "postgres://team@db.example:5432/forecast"


def test_reopening_applies_no_migration_twice(store_location):
    with open_store(store_location) as store:
        store.add_article(*story())
    with open_store(store_location) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert len(store.claims()) == 2
    db = connect(store_location)
    assert migrate(db) == 0
    db.close()


def test_a_version_1_store_is_upgraded_and_keeps_its_rows(store_location):
    path = store_location
    db = connect(path)
    with db.write():
        MIGRATIONS[0](db)
        db.set_schema_version(1)
    db.close()
    with open_store(path) as store:
        assert store.add_article(*story())
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.save_scenario(loads_scenario(SCENARIO))
        assert len(store.claims()) == 2


# --- ingest ---------------------------------------------------------------------------


def test_ingest_is_idempotent_and_round_trips(store):
    article, claims = story(source="Reuters", url="https://example.com/a")
    assert store.add_article(article, claims)
    before = counts(store.path)
    assert not store.add_article(article, claims)
    assert counts(store.path) == before == (1, 2)
    assert store.has_article(article.id) and not store.has_article("0" * 16)
    assert store.article(article.id) == article
    assert store.claims() == claims == store.claims([article.id])
    assert store.claims(["0" * 16]) == ()
    frame = store.articles()
    assert list(frame["id"]) == [article.id] and list(frame["n_claims"]) == [2]


def test_an_undated_untitled_article_reads_back_as_none_beside_dated_ones(store):
    undated = Article("Officials said Trump may visit Japan.")
    store.add_article(undated, extract_claims(undated))
    dated, claims = story()
    store.add_article(dated, claims)
    frame = store.articles()
    assert list(frame["published"]) == [None, dt.date(2018, 5, 13)]
    assert list(frame["title"]) == [None, None] and list(frame["source"]) == [None, None]
    assert store.article(undated.id).published is None
    store.save_scenario(loads_scenario(SCENARIO))
    store.add_forecast("talks", {"as_of": None, "events": [{"event": "meet", "prob": 0.5}]},
                       trigger=undated.id, inputs=[undated.id])  # fmt: skip
    assert list(store.forecast_history()["as_of"]) == [None]


def test_rewrapped_text_is_the_same_article_and_keeps_the_first_metadata(store):
    article, claims = story(source="Reuters")
    rewrapped = Article(STORY.replace(" ", "\n  ").replace("\n", " \n"), source="AP")
    assert rewrapped.id == article.id
    assert store.add_article(article, claims)
    assert not store.add_article(rewrapped, extract_claims(rewrapped))
    assert store.article(article.id).source == "Reuters"
    assert counts(store.path) == (1, 2)


def test_the_same_story_told_by_two_outlets_is_two_articles(store):
    first, claims = story(source="Reuters")
    second = story("Officials said on Sunday that Trump may visit Japan on June 12.",
                   source="AP")  # fmt: skip
    assert store.add_article(first, claims) and store.add_article(*second)
    assert list(store.articles()["source"]) == ["Reuters", "AP"]
    assert [c.article_id for c in store.claims()] == [first.id] * 2 + [second[0].id]


def test_claims_of_another_article_are_refused(store):
    article, claims = story()
    other = Article("Something else may happen.")
    with pytest.raises(InputError, match=f"belongs to article {article.id}, not to {other.id}"):
        store.add_article(other, claims)
    assert counts(store.path) == (0, 0)


def test_unknown_article_is_an_error(store):
    with pytest.raises(
        InputError, match=rf"{re.escape(str(store.path))}: no article with id 'nope'"
    ):
        store.article("nope")


# --- crashes and concurrency with real processes -----------------------------------------


def worker(path, start, stop, go=None) -> subprocess.Popen:
    args = [sys.executable, "-c", WORKER, str(path), str(start), str(stop)]
    return subprocess.Popen(args + ([str(go)] if go else []), cwd=REPO,
                            stdout=subprocess.PIPE, text=True)  # fmt: skip


def check_whole(location) -> int:
    """Integrity holds and every stored article has all its claims; return the article count.

    PostgreSQL checks its pages and foreign keys itself; a SQLite file is checked here.
    """
    if not isinstance(location, str):
        assert query(location, "PRAGMA integrity_check") == [("ok",)]
        assert query(location, "PRAGMA foreign_key_check") == []
    rows = query(location,
                 "SELECT a.title, a.n_claims, count(c.ordinal), max(c.ordinal) FROM articles a "
                 "LEFT JOIN claims c ON c.article_id = a.id GROUP BY a.id")  # fmt: skip
    for title, stored, found, last in rows:
        expected = n_claims(int(title.removeprefix("story ")))
        assert (stored, found, last) == (expected, expected, expected - 1), title
    return len(rows)


def test_killed_mid_ingest_leaves_no_partial_article(store_location):
    path = store_location
    rng = np.random.default_rng(20180612)
    for round_ in range(8):
        process = worker(path, 1000 * round_, 1000 * round_ + 999)
        assert process.stdout.readline() == "ready\n"
        assert process.stdout.readline() == "opened\n"
        time.sleep(rng.uniform(0.2, 0.6))  # mid-ingest: ~100 articles/s
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
        assert process.returncode == -signal.SIGKILL
    assert check_whole(path) > 8
    with open_store(path) as store:  # still usable after the crashes
        assert store.add_article(*generated(10**6))
        assert not store.add_article(*generated(10**6))
    check_whole(path)


def test_two_processes_ingesting_at_once_store_each_article_once(store_location, tmp_path):
    path, go = store_location, tmp_path / "go"
    processes = [worker(path, 0, 29, go), worker(path, 29, 0, go)]
    for process in processes:
        assert process.stdout.readline() == "ready\n"
    go.touch()
    added = []
    for process in processes:
        out, _ = process.communicate(timeout=120)
        assert process.returncode == 0
        opened, count = out.split()
        assert opened == "opened"
        added.append(int(count))
    assert sum(added) == 30
    assert check_whole(path) == 30
    assert counts(path) == (30, sum(n_claims(i) for i in range(30)))


def test_a_store_created_by_another_process_between_two_checks_is_opened(
    store_location, monkeypatch
):
    """Opening checks the schema version, then the tables. When another process's first
    migration commits between the two reads, the store must not look like "tables without
    a schema version" (the cause of a flaky two-process ingest on PostgreSQL)."""
    backend = type(connect(store_location))
    read_tables = backend.user_tables
    others: list[threading.Thread] = []

    def tables_after_another_process_created_the_store(db):
        if not others:  # the other opener's own check reads straight through
            others.append(threading.Thread(target=lambda: open_store(store_location).close()))
            others[0].start()
            # It commits meanwhile, unless the check's snapshot holds it off (a SQLite journal).
            others[0].join(timeout=2)
        return read_tables(db)

    monkeypatch.setattr(backend, "user_tables", tables_after_another_process_created_the_store)
    with open_store(store_location) as store:
        assert store.schema_version == SCHEMA_VERSION
    others[0].join(timeout=60)
    assert not others[0].is_alive()


# --- refusals: files and databases that are not stores ---------------------------------


def make_random(location, rng):
    location.write_bytes(rng.bytes(8192))


def make_foreign(location, rng):
    query(location, "CREATE TABLE recipes (name TEXT)")
    query(location, "CREATE TABLE articles (id TEXT)")


def make_unversioned(location, rng):
    query(location, "CREATE TABLE articles (id TEXT)")


def make_newer(location, rng):
    open_store(location).close()
    db = connect(location)
    with db.write():
        db.set_schema_version(7)
    db.close()


def snapshot(location) -> object:
    """Everything a refused open must leave as it was: the file's bytes, or every row."""
    if not isinstance(location, str):
        return location.read_bytes()
    tables = [name for (name,) in query(
        location, "SELECT table_name FROM information_schema.tables "
                  "WHERE table_schema = current_schema() ORDER BY table_name")]  # fmt: skip
    return {name: query(location, f"SELECT * FROM {name} ORDER BY 1") for name in tables}


REFUSALS = [
    (make_random, r"not a forecast store \(file is not a database\)"),
    (make_foreign, r"not a forecast store \(unknown tables: recipes\)"),
    (make_unversioned, r"not a forecast store \(tables without a schema version\)"),
    (make_newer, rf"store schema version 7 is newer than this forecast \({SCHEMA_VERSION}\); "
                 "upgrade forecast"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("store_location", "make", "message"),
    [(backend, make, message) for backend in STORE_BACKENDS for make, message in REFUSALS
     if backend == "sqlite" or make is not make_random],  # a database holds no random bytes
    indirect=["store_location"],
)  # fmt: skip
def test_a_location_that_is_not_a_store_is_refused_untouched(store_location, rng, make, message):
    make(store_location, rng)
    before = snapshot(store_location)
    with pytest.raises(InputError, match=f"^{re.escape(str(store_location))}: {message}$"):
        open_store(store_location)
    assert snapshot(store_location) == before


def test_an_empty_database_is_no_store_for_commands_that_only_read(store_location):
    if not isinstance(store_location, str):
        store_location.touch()
    with pytest.raises(InputError, match=f"^no store at {re.escape(str(store_location))}$"):
        open_store(store_location, create=False)
    assert snapshot(store_location) in (b"", {})


def test_a_folder_is_not_a_store(tmp_path):
    with pytest.raises(InputError, match="is a directory; expected a store file"):
        open_store(tmp_path)


# --- scenarios ----------------------------------------------------------------------


def test_scenarios_are_stored_with_their_text_and_parsed_back(store, tmp_path):
    scenario = loads_scenario(SCENARIO, path=str(tmp_path / "talks.toml"))
    assert store.save_scenario(scenario, SCENARIO)
    assert not store.save_scenario(scenario, SCENARIO)
    assert store.active_scenarios() == (scenario,) and store.scenario("talks") == scenario
    store.deactivate_scenario("talks")
    assert store.active_scenarios() == ()
    assert store.save_scenario(scenario)  # written anew by scenario_to_toml: reactivated
    assert store.active_scenarios() == (scenario,)


def test_scenario_errors(store):
    scenario = loads_scenario(SCENARIO)
    with pytest.raises(InputError, match="scenario text names 'other', not 'talks'"):
        store.save_scenario(scenario, SCENARIO.replace('"talks"', '"other"'))
    store.save_scenario(scenario)
    with pytest.raises(InputError, match="unknown scenario 'talk' \\(did you mean 'talks'\\?\\)"):
        store.deactivate_scenario("talk")
    with pytest.raises(InputError, match="unknown scenario 'nope'"):
        store.scenario("nope")


# --- forecasts and resolutions -------------------------------------------------------


def payload(visit: float, as_of: str | None = "2018-05-13") -> dict:
    events = [
        {"event": "visit", "prob": visit, "low": visit - 0.1, "high": visit + 0.1, "mcse": 0.002},
        {"event": "meet", "prob": 0.5, "low": None, "high": None},
    ]
    return {"scenario": "talks", "as_of": as_of, "events": events, "diagnostics": {}}  # fmt: skip


@pytest.fixture
def talks(store):
    store.save_scenario(loads_scenario(SCENARIO))
    return store


def test_forecasts_and_history_round_trip(talks):
    article, claims = story()
    talks.add_article(article, claims)
    assert talks.latest_forecast("talks") is None
    late = dt.datetime(2026, 1, 2, 12, tzinfo=UTC)
    second = talks.add_forecast("talks", payload(0.7), trigger=article.id, inputs=[article.id],
                                created_at=late)  # fmt: skip
    first = talks.add_forecast("talks", payload(0.4), trigger="run", inputs=[],
                               created_at=late - dt.timedelta(days=1))  # fmt: skip
    assert talks.latest_forecast("talks") == payload(0.7)
    history = talks.forecast_history()
    assert tuple(history.columns) == HISTORY_COLUMNS
    assert list(history["forecast_id"]) == [first, first, second, second]
    visit = talks.forecast_history("talks", "visit")
    assert list(visit["prob"]) == [0.4, 0.7] and list(visit["trigger"]) == ["run", article.id]
    assert list(visit["created_at"].dt.day) == [1, 2]
    assert visit["as_of"].iloc[0] == dt.date(2018, 5, 13)
    assert history["mcse"].isna().sum() == 2
    assert talks.forecast_history("other").empty


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"scenario": "nope"}, "unknown scenario 'nope'"),
        ({"trigger": "cron"}, "trigger must be 'run', 'reforecast' or a stored article id; "
                              "got 'cron'"),
        ({"payload": {"events": []}}, "payload needs a non-empty list 'events'"),
        ({"payload": {"events": [{"event": "visit"}]}}, "each event needs a name 'event' and "
                                                        "a number 'prob'"),
        ({"payload": {"events": [{"event": "visit", "prob": 0.5}], "as_of": "May"}},
         "forecast of 'talks': field 'as_of': expected an ISO date"),
        ({"created_at": dt.datetime(2026, 1, 1)}, "created_at must be timezone-aware"),
    ],
)  # fmt: skip
def test_forecast_errors_change_nothing(talks, kwargs, message):
    call = {"scenario": "talks", "payload": payload(0.5), "trigger": "run", "inputs": []}
    call.update(kwargs)
    with pytest.raises(InputError, match=message):
        talks.add_forecast(call.pop("scenario"), call.pop("payload"), **call)
    assert talks.forecast_history().empty


def test_resolutions(talks):
    talks.add_forecast("talks", payload(0.4), trigger="run", inputs=[])
    assert talks.resolve("talks", "visit", False, dt.date(2018, 6, 30))
    assert not talks.resolve("talks", "visit", False, dt.date(2018, 6, 30))
    with pytest.raises(InputError, match="already resolved no on 2018-06-30; pass replace=True"):
        talks.resolve("talks", "visit", True, dt.date(2018, 6, 30))
    assert talks.resolve("talks", "visit", True, dt.date(2018, 6, 30), replace=True)
    frame = talks.resolutions()
    assert list(frame["outcome"]) == [True]
    assert list(frame["resolved_on"]) == [dt.date(2018, 6, 30)]


@pytest.mark.parametrize(
    ("scenario", "event", "resolved_on", "message"),
    [
        ("nope", "visit", dt.date(2018, 6, 1), "unknown scenario 'nope'"),
        ("talks", "vist", dt.date(2018, 6, 1),
         "resolve talks.vist: no event 'vist' in the stored scenario \\(did you mean 'visit'"),
        ("talks", "visit", dt.date(2018, 5, 1),
         "resolved_on 2018-05-01 is before the first forecast of the event \\(2018-05-13\\)"),
        ("talks", "visit", "2018-06-01", "resolved_on must be a date; got '2018-06-01'"),
    ],
)  # fmt: skip
def test_resolution_errors(talks, scenario, event, resolved_on, message):
    talks.add_forecast("talks", payload(0.4), trigger="run", inputs=[])
    with pytest.raises(InputError, match=message):
        talks.resolve(scenario, event, True, resolved_on)
    assert talks.resolutions().empty


def test_first_forecast_without_as_of_dates_from_when_it_was_made(talks):
    made = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    talks.add_forecast("talks", payload(0.4, as_of=None), trigger="run", inputs=[],
                       created_at=made)  # fmt: skip
    with pytest.raises(InputError, match="before the first forecast of the event \\(2026-03-02"):
        talks.resolve("talks", "meet", True, dt.date(2026, 3, 1))
    assert talks.resolve("talks", "meet", True, dt.date(2026, 3, 2))


def test_environment_store_is_independent_of_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("FORECAST_STORE", str(tmp_path / "s.sqlite"))
    monkeypatch.chdir(tmp_path)
    os.makedirs("elsewhere")
    monkeypatch.chdir("elsewhere")
    with open_store(store_path(None)) as store:
        store.add_article(*story())
    assert counts(tmp_path / "s.sqlite") == (1, 2)


def test_damaged_pages_are_reported_and_never_written(tmp_path, rng):
    path = tmp_path / "store.sqlite"
    with open_store(path) as store:
        for number in range(3):
            store.add_article(*generated(number))
    data = bytearray(path.read_bytes())
    data[8192:] = rng.bytes(len(data) - 8192)  # keep the header and schema page
    path.write_bytes(bytes(data))
    with open_store(path) as store:
        with pytest.raises(InputError, match=r"cannot read the store \(database disk image"):
            store.claims()
        with pytest.raises(InputError, match=r"cannot add the article \(database disk image"):
            store.add_article(*generated(99))
    assert path.read_bytes() == data


def test_a_payload_that_is_not_json_is_refused(talks):
    with pytest.raises(InputError, match="forecast of 'talks': payload is not JSON-ready"):
        talks.add_forecast("talks", payload(0.5) | {"as_of": dt.date(2018, 5, 13)},
                           trigger="run", inputs=[])  # fmt: skip


@pytest.fixture
def mid_write(store_location):
    """A stored story, and a writer that has deleted its claims but not committed."""
    with open_store(store_location) as store:
        store.add_article(*story())
    writer = connect(store_location)
    writer.begin_write()
    writer.execute("DELETE FROM claims")
    yield writer
    writer.close()


def test_readers_do_not_wait_for_a_writer(store_location, mid_write):
    start = time.monotonic()
    with open_store(store_location) as store:  # readers see the last commit
        assert len(store.claims()) == 2
    assert time.monotonic() - start < 5  # far below the 30 s busy timeout a wait would take
    mid_write.execute("ROLLBACK")


def test_a_writer_waits_for_another_writer_to_commit(store_location, mid_write):
    waiter = worker(store_location, 0, 0)
    assert waiter.stdout.readline() == "ready\n"
    assert waiter.stdout.readline() == "opened\n"
    time.sleep(1.0)
    assert waiter.poll() is None  # queued behind the open transaction
    mid_write.execute("COMMIT")
    mid_write.end_write()
    out, _ = waiter.communicate(timeout=60)
    assert waiter.returncode == 0 and int(out) == 1
    assert counts(store_location) == (2, n_claims(0))


def test_a_missing_server_skips_the_tests_outside_ci_and_fails_them_in_ci(monkeypatch):
    for name in CI_ENV:
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(pytest.skip.Exception, match="no server here"):
        no_server("no server here")
    for name in CI_ENV:
        monkeypatch.setenv(name, "1")
        with pytest.raises(pytest.fail.Exception, match="no server here"):
            no_server("no server here")
        monkeypatch.delenv(name)


def server_address(url: str) -> str:
    return url.split("@", 1)[1].rsplit("/", 1)[0]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://forecast@127.0.0.1:1/store",
         r"postgresql://forecast@127\.0\.0\.1:1/store: cannot open the store \(connection "
         r"failed: .*Connection refused"),
        ("postgresql://ghost:secret@{server}/postgres",
         r"postgresql://ghost:\*\*\*@.*: cannot open the store \(.*role \"ghost\" does not exist"),
        ("postgresql://forecast@{server}/nowhere",
         r"postgresql://forecast@.*/nowhere: cannot open the store \(.*database \"nowhere\" "
         r"does not exist\)"),
        ("postgresql://forecast:secret@{server}/postgres?sslmode=bogus",
         r"postgresql://forecast:\*\*\*@.*: cannot open the store \(.*sslmode"),
        ("postgresql://[bad", r"postgresql://\[bad: cannot open the store \("),
    ],
    ids=["server down", "unknown user", "no such database", "bad option", "malformed URL"],
)  # fmt: skip
def test_a_server_store_that_cannot_be_used_is_one_line_exit_2(postgres_url, capsys, url,
                                                                message):  # fmt: skip
    from forecast.cli import main

    url = url.format(server=server_address(postgres_url))
    assert main(["history", "--store", url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "secret" not in err
    assert re.match(f"forecast: error: {message}", err), err


def test_the_posterior_of_the_last_forecast_is_kept_with_it(talks):
    """Stored in the forecast's transaction; a forecast without one clears the old one."""
    assert talks.latest_posterior("talks") is None
    talks.add_forecast("talks", payload(0.4), trigger="run", inputs=[],
                       posterior=("{}", b"\x00draws\xff"))  # fmt: skip
    assert talks.latest_posterior("talks") == ("{}", b"\x00draws\xff")
    talks.add_forecast("talks", payload(0.5), trigger="run", inputs=[],
                       posterior=("{}", b"newer"))  # fmt: skip
    assert talks.latest_posterior("talks") == ("{}", b"newer")
    with pytest.raises(InputError, match="not JSON-ready"):
        talks.add_forecast("talks", {**payload(0.6), "bad": object()}, trigger="run", inputs=[],
                           posterior=("{}", b"refused"))  # fmt: skip
    assert talks.latest_posterior("talks") == ("{}", b"newer")
    talks.add_forecast("talks", payload(0.6), trigger="run", inputs=[])
    assert talks.latest_posterior("talks") is None
