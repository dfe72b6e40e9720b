"""Messages that name the real problem (issue 12, item 10)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

import pytest

from forecast.cli import main
from forecast.errors import InputError
from forecast.language.claim import SourceKind
from forecast.language.extract import extract_claims
from forecast.reading.article import parse_article
from forecast.scenario import load_scenario
from forecast.scenario.link import phrase_matches
from forecast.store.backend import SQLiteConnection
from forecast.store.schema import check_schema
from tests.conftest import REPO

SCENARIO = """name = "talks"
title = "Talks"
{articles}

[events.meet]
question = "Will they meet in München?"
resolution = "A meeting is reported."
match = {{ all_of = [["münchen"], ["meet"]] }}
"""


class Unopenable:
    """A connection as SQLite gives one on a read-only mount or a full disk."""

    def execute(self, sql: str, params=()):
        raise sqlite3.OperationalError("unable to open database file")


def test_a_store_that_cannot_be_opened_is_not_called_not_a_store():
    assert (
        check_schema(SQLiteConnection(Unopenable()))
        == "cannot open the store (unable to open database file)"
    )


def test_a_file_that_is_no_database_is_still_not_a_store(tmp_path):
    path = tmp_path / "x.sqlite"
    path.write_bytes(b"not sqlite at all, just some bytes" * 40)
    with sqlite3.connect(path) as db:
        assert check_schema(SQLiteConnection(db)).startswith(
            "not a forecast store (file is not a database"
        )


def test_a_fifo_is_named_as_such_not_as_missing(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    model = tmp_path / "s.toml"
    model.write_text(SCENARIO.format(articles='articles = ["pipe.txt"]'), encoding="utf-8")
    with pytest.raises(InputError, match=r"key 'articles': not a regular file 'pipe\.txt'"):
        load_scenario(model)
    os.mkfifo(tmp_path / "pipe.toml")
    with pytest.raises(InputError, match=r"pipe\.toml: not a regular scenario file"):
        load_scenario(tmp_path / "pipe.toml")


def test_non_ascii_match_phrases_have_words_and_match(tmp_path):
    model = tmp_path / "s.toml"
    model.write_text(SCENARIO.format(articles=""), encoding="utf-8")
    assert load_scenario(model).events[0].match.all_of == (("münchen",), ("meet",))
    assert phrase_matches("Leaders meet in München", [["münchen"], ["meet"]])
    assert not phrase_matches("Leaders meet in Munich", [["münchen"], ["meet"]])


def test_resolution_dates_after_today_are_refused(capsys, tmp_path):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    argv = ["resolve", "meet", "yes", "--date", str(tomorrow), "--store", str(tmp_path / "s")]
    assert main(argv) == 2
    assert "--date: an outcome is recorded once known, so not after today" in (
        capsys.readouterr().err
    )
    assert not (tmp_path / "s").exists()


def test_an_article_touching_no_scenario_says_so_not_that_none_is_active(capsys, tmp_path):
    store = tmp_path / "store.sqlite"
    model = REPO / "tests" / "fixtures" / "watch" / "geneva.toml"
    article = tmp_path / "other.txt"
    article.write_text("Officials said the bank may raise rates in March.\n", encoding="utf-8")
    argv = ["ingest", "--store", str(store), "--model", str(model), str(article)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "reforecast: no scenario touched" in out and "no active scenario" not in out


def test_a_dateline_is_not_part_of_the_source():
    article = parse_article(
        "TOKYO, June 3, 2018 (Kyodo) - Officials said Trump may visit Japan.", "text"
    )
    (claim,) = extract_claims(article)
    assert (claim.source.name, claim.source.kind) == ("Officials", SourceKind.ANONYMOUS)
    assert (article.source, article.published) == ("Kyodo", dt.date(2018, 6, 3))
