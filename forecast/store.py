"""The store: one SQLite file holding articles, claims, scenarios, forecasts and resolutions.

The only module that does I/O on state. Every write is one transaction (``BEGIN
IMMEDIATE``), so a process killed mid-write leaves the store as it was, and processes
writing at once queue on SQLite's lock (WAL journal, so readers never wait) instead of
corrupting it. Every failure, including a file that is not a store, is an
:class:`~forecast.errors.InputError` naming the file; a file that is refused is never
modified. The schema and its migrations live in :mod:`forecast.store_schema`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from forecast.article import Article
from forecast.errors import AlreadyResolved, InputError
from forecast.language.claim import Claim
from forecast.language.records import claim_from_dict, claim_to_dict
from forecast.scenario import Scenario, scenario_to_toml
from forecast.scenario.load import loads_scenario
from forecast.scenario.validate import suggest
from forecast.store_schema import (
    check_schema,
    date_text,
    date_value,
    forecast_events,
    migrate,
    schema_version,
    utc_text,
)

STORE_ENV = "FORECAST_STORE"
BUSY_TIMEOUT_S = 30.0
"""How long a write waits for another process's transaction before giving up."""

TRIGGERS = ("run", "reforecast")
"""Forecast triggers other than the id of the article that prompted it."""

ARTICLE_COLUMNS = ("id", "title", "source", "url", "path", "published", "n_claims",
                   "ingested_at")  # fmt: skip
HISTORY_COLUMNS = ("forecast_id", "scenario", "event", "created_at", "as_of", "trigger",
                   "prob", "low", "high", "mcse")  # fmt: skip
RESOLUTION_COLUMNS = ("scenario", "event", "outcome", "resolved_on", "recorded_at")


def store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Where the store lives: ``explicit``, else ``$FORECAST_STORE``, else a per-user file.

    The per-user file is ``$XDG_DATA_HOME/forecast/store.sqlite``, or
    ``~/.local/share/forecast/store.sqlite`` when ``XDG_DATA_HOME`` is unset.
    """
    if explicit is not None:
        return Path(explicit)
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV])
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "forecast" / "store.sqlite"


def open_store(path: str | os.PathLike[str], *, create: bool = True) -> Store:
    """Open the store at ``path``, creating it (and its folders) on first use.

    ``create=False`` opens only an existing store: commands that only read (or record
    facts about stored scenarios) must not leave a new empty store at a mistyped path.

    Raises
    ------
    InputError
        The path is a folder or cannot be created; there is no store at ``path`` and
        ``create`` is False; the file is not SQLite, holds tables a store does not have,
        or has a schema newer than this version knows.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a directory; expected a store file")
    if not create and not path.exists():
        raise InputError(f"no store at {path}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except (OSError, sqlite3.Error) as error:
        raise InputError(f"{path}: cannot open the store ({error})") from None
    try:
        if problem := check_schema(db):
            raise InputError(f"{path}: {problem}")
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        db.execute("PRAGMA foreign_keys = ON")
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        migrate(db)
    except sqlite3.Error as error:
        db.close()
        raise InputError(f"{path}: cannot open the store ({error})") from None
    except InputError:
        db.close()
        raise
    return Store(db, path)


class Store:
    """An open store; use :func:`open_store` to get one, and as a context manager."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self._db = db

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; the store stays on disk."""
        self._db.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the file (see :data:`forecast.store_schema.MIGRATIONS`)."""
        return self._read(lambda db: schema_version(db))

    # --- articles and claims -------------------------------------------------------

    def add_article(
        self, article: Article, claims: Sequence[Claim], *, pending: Iterable[str] = ()
    ) -> bool:
        """Store ``article`` and its claims in one transaction; False if already stored.

        ``pending`` names the scenarios the article calls to be forecast again: they are
        marked in the same transaction, and each mark is cleared by the first forecast of
        its scenario that uses the article (:meth:`add_forecast`), so an interruption in
        between leaves work that :meth:`pending_forecasts` lists.

        Identity is :attr:`Article.id`, the hash of the normalised text: the same story
        from two outlets is two articles unless the texts are identical, and identical
        text under different metadata (outlet, title, url) is the same article, whose
        first metadata is kept. An article already stored changes nothing; two
        processes adding it at once store it once.
        """
        for claim in claims:
            if claim.article_id != article.id:
                raise InputError(
                    f"{self.path}: claim {claim.event!r} belongs to article "
                    f"{claim.article_id}, not to {article.id}"
                )
        rows = [
            (article.id, i, claim.event, claim.source.name, claim.source.kind.value,
             claim.tense.value, json.dumps(claim_to_dict(claim)))
            for i, claim in enumerate(claims)
        ]  # fmt: skip
        with self._transaction("add the article"):
            added = self._db.execute(
                "INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article.id, article.title, article.source, article.url, article.path,
                 date_text(article.published), article.text, len(rows), utc_text()),
            ).rowcount  # fmt: skip
            if added:
                self._db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
                self._db.executemany(
                    "INSERT INTO pending_forecasts VALUES (?, ?)",
                    [(article.id, name) for name in dict.fromkeys(pending)],
                )
        return bool(added)

    def pending_forecasts(self) -> dict[str, tuple[str, ...]]:
        """Active scenario name -> ids of stored articles whose forecast is still owed."""
        sql = ("SELECT p.scenario, p.article_id FROM pending_forecasts p "
               "JOIN scenarios s ON s.name = p.scenario JOIN articles a ON a.id = p.article_id "
               "WHERE s.active = 1 ORDER BY p.scenario, a.rowid")  # fmt: skip
        pending: dict[str, tuple[str, ...]] = {}
        for scenario, article_id in self._read(lambda db: db.execute(sql).fetchall()):
            pending[scenario] = (*pending.get(scenario, ()), article_id)
        return pending

    def has_article(self, article_id: str) -> bool:
        """True when an article with this id is stored."""
        sql = "SELECT 1 FROM articles WHERE id = ?"
        return self._read(lambda db: db.execute(sql, (article_id,)).fetchone() is not None)

    def article(self, article_id: str) -> Article:
        """The stored article with this id."""
        sql = "SELECT text, published, title, source, url, path FROM articles WHERE id = ?"
        row = self._read(lambda db: db.execute(sql, (article_id,)).fetchone())
        if row is None:
            raise InputError(f"{self.path}: no article with id {article_id!r}")
        text, published, *rest = row
        return Article(text, date_value(published), *rest)

    def articles(self) -> pd.DataFrame:
        """Stored articles in ingestion order, one row each, columns ``ARTICLE_COLUMNS``."""
        sql = f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles ORDER BY rowid"
        frame = _frame(self._read(lambda db: db.execute(sql).fetchall()), ARTICLE_COLUMNS,
                       text=("id", "title", "source", "url", "path"))  # fmt: skip
        frame["published"] = _dates(frame["published"])
        frame["ingested_at"] = pd.to_datetime(frame["ingested_at"], utc=True)
        return frame

    def claims(self, article_ids: Iterable[str] | None = None) -> tuple[Claim, ...]:
        """Stored claims in ingestion order, of all articles or of ``article_ids`` only."""
        sql = "SELECT c.record FROM claims c JOIN articles a ON a.id = c.article_id"
        params: tuple[str, ...] = ()
        if article_ids is not None:
            sql += " WHERE c.article_id IN (SELECT value FROM json_each(?))"
            params = (json.dumps(list(article_ids)),)
        sql += " ORDER BY a.rowid, c.ordinal"
        rows = self._read(lambda db: db.execute(sql, params).fetchall())
        try:
            return tuple(claim_from_dict(json.loads(record)) for (record,) in rows)
        except (InputError, ValueError) as error:
            raise InputError(f"{self.path}: stored claim is damaged: {error}") from None

    # --- scenarios -----------------------------------------------------------------

    def save_scenario(self, scenario: Scenario, toml_text: str | None = None) -> bool:
        """Store ``scenario`` as active, replacing one of the same name; False if unchanged.

        ``toml_text`` is the file's own text (comments kept); by default the scenario is
        written with :func:`~forecast.scenario.scenario_to_toml`.
        """
        text = scenario_to_toml(scenario) if toml_text is None else toml_text
        parsed = loads_scenario(text, name_for_errors=f"{self.path}: scenario text")
        if parsed.name != scenario.name:
            raise InputError(
                f"{self.path}: scenario text names {parsed.name!r}, not {scenario.name!r}"
            )
        with self._transaction("save the scenario"):
            old = self._db.execute(
                "SELECT toml, path, active FROM scenarios WHERE name = ?", (scenario.name,)
            ).fetchone()
            self._db.execute(
                "INSERT INTO scenarios VALUES (?, ?, ?, 1, ?) ON CONFLICT(name) DO UPDATE "
                "SET toml = excluded.toml, path = excluded.path, active = 1",
                (scenario.name, text, scenario.path, utc_text()),
            )
        return old != (text, scenario.path, 1)

    def scenario(self, name: str) -> Scenario:
        """The stored scenario called ``name``, active or not."""
        sql = "SELECT toml, path FROM scenarios WHERE name = ?"
        row = self._read(lambda db: db.execute(sql, (name,)).fetchone())
        if row is None:
            raise self._unknown_scenario(name)
        return self._parse_scenario(name, *row)

    def active_scenarios(self) -> tuple[Scenario, ...]:
        """The active scenarios, by name."""
        sql = "SELECT name, toml, path FROM scenarios WHERE active = 1 ORDER BY name"
        rows = self._read(lambda db: db.execute(sql).fetchall())
        return tuple(self._parse_scenario(*row) for row in rows)

    def deactivate_scenario(self, name: str) -> None:
        """Stop using the scenario ``name``; its forecasts and resolutions stay."""
        with self._transaction("deactivate the scenario"):
            sql = "UPDATE scenarios SET active = 0 WHERE name = ?"
            if not self._db.execute(sql, (name,)).rowcount:
                raise self._unknown_scenario(name)

    def _unknown_scenario(self, name: str) -> InputError:
        names = [name for (name,) in self._db.execute("SELECT name FROM scenarios")]
        return InputError(f"{self.path}: unknown scenario {name!r}{suggest(name, names)}")

    def _parse_scenario(self, name: str, text: str, path: str | None) -> Scenario:
        where = f"{self.path}: stored scenario {name!r}"
        try:
            return loads_scenario(text, name_for_errors=where, path=path)
        except InputError as error:
            message = str(error)
            prefixed = message if message.startswith(where) else f"{where}: {message}"
            raise InputError(prefixed) from None

    # --- forecasts -----------------------------------------------------------------

    def add_forecast(
        self,
        scenario: str,
        payload: Mapping[str, Any],
        *,
        trigger: str,
        inputs: Sequence[str],
        created_at: dt.datetime | None = None,
        posterior: tuple[str, bytes] | None = None,
    ) -> int:
        """Record a forecast of the stored scenario ``scenario``; return its id.

        ``payload`` is ``Forecast.to_dict()``: its ``events`` (``event``, ``prob`` and
        optional ``low``, ``high``, ``mcse``) feed :meth:`forecast_history`, its ``as_of``
        the date the forecast speaks for. ``trigger`` is ``"run"``, ``"reforecast"`` or
        the id of a stored article; ``inputs`` the ids of the articles used;
        ``created_at`` (timezone-aware, default now) when it was made. The forecast
        completes the pending marks of ``scenario`` for its trigger and every article in
        ``inputs``. ``posterior`` (``forecast.posterior.posterior_record``) becomes the
        scenario's stored posterior (:meth:`latest_posterior`); a forecast without one
        clears it, so the stored draws are always those of the newest forecast.
        """
        where = f"{self.path}: forecast of {scenario!r}"
        events = forecast_events(payload, where)
        as_of = date_value(payload.get("as_of"), f"{where}: field 'as_of'")
        try:
            text = json.dumps(payload)
        except (TypeError, ValueError) as error:
            raise InputError(f"{where}: payload is not JSON-ready ({error})") from None
        if created_at is not None and created_at.utcoffset() is None:
            raise InputError(f"{self.path}: created_at must be timezone-aware; got {created_at}")
        with self._transaction("add the forecast"):
            sql = "SELECT 1 FROM scenarios WHERE name = ?"
            if self._db.execute(sql, (scenario,)).fetchone() is None:
                raise self._unknown_scenario(scenario)
            if trigger not in TRIGGERS and not self.has_article(trigger):
                raise InputError(
                    f"{self.path}: trigger must be 'run', 'reforecast' or a stored article "
                    f"id; got {trigger!r}"
                )
            cursor = self._db.execute(
                "INSERT INTO forecasts (scenario, created_at, as_of, trigger, inputs, payload) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (scenario, utc_text(created_at), date_text(as_of), trigger,
                 json.dumps(list(inputs)), text),
            )  # fmt: skip
            self._db.executemany(
                "INSERT INTO forecast_events VALUES (?, ?, ?, ?, ?, ?)",
                [(cursor.lastrowid, *event) for event in events],
            )
            self._db.execute(
                "DELETE FROM pending_forecasts WHERE scenario = ? "
                "AND (article_id = ? OR article_id IN (SELECT value FROM json_each(?)))",
                (scenario, trigger, json.dumps(list(inputs))),
            )
            self._db.execute("DELETE FROM posteriors WHERE scenario = ?", (scenario,))
            if posterior is not None:
                record, draws = posterior
                self._db.execute(
                    "INSERT INTO posteriors VALUES (?, ?, ?, ?)",
                    (scenario, cursor.lastrowid, record, draws),
                )
        return cursor.lastrowid

    def latest_posterior(self, scenario: str) -> tuple[str, bytes] | None:
        """The posterior stored with the newest forecast of ``scenario``, or None.

        ``(record, draws)`` as :meth:`add_forecast` took it.
        """
        sql = "SELECT record, draws FROM posteriors WHERE scenario = ?"
        row = self._read(lambda db: db.execute(sql, (scenario,)).fetchone())
        return None if row is None else (row[0], bytes(row[1]))

    def latest_forecast(self, scenario: str) -> dict[str, Any] | None:
        """The payload of the most recent forecast of ``scenario``, or None."""
        sql = ("SELECT payload FROM forecasts WHERE scenario = ? "
               "ORDER BY created_at DESC, id DESC LIMIT 1")  # fmt: skip
        row = self._read(lambda db: db.execute(sql, (scenario,)).fetchone())
        return None if row is None else json.loads(row[0])

    def forecast_history(
        self, scenario: str | None = None, event: str | None = None
    ) -> pd.DataFrame:
        """Every forecast probability over time, columns ``HISTORY_COLUMNS``, oldest first."""
        sql = (
            "SELECT f.id, f.scenario, e.event, f.created_at, f.as_of, f.trigger, e.prob, "
            "e.low, e.high, e.mcse FROM forecasts f JOIN forecast_events e "
            "ON e.forecast_id = f.id WHERE (?1 IS NULL OR f.scenario = ?1) "
            "AND (?2 IS NULL OR e.event = ?2) ORDER BY f.created_at, f.id, e.rowid"
        )
        rows = self._read(lambda db: db.execute(sql, (scenario, event)).fetchall())
        frame = _frame(rows, HISTORY_COLUMNS, text=("scenario", "event", "trigger"))
        frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
        frame["as_of"] = _dates(frame["as_of"])
        return frame

    # --- resolutions ---------------------------------------------------------------

    def resolve(
        self,
        scenario: str,
        event: str,
        outcome: bool,
        resolved_on: dt.date,
        *,
        replace: bool = False,
    ) -> bool:
        """Record how ``event`` of ``scenario`` turned out; False if already recorded so.

        Raises
        ------
        InputError
            Unknown scenario or event; ``resolved_on`` before the first forecast of the
            event (its ``as_of``, else the day it was made); or the event already
            resolved differently and ``replace`` is not set.
        """
        where = f"{self.path}: resolve {scenario}.{event}"
        if not isinstance(resolved_on, dt.date) or isinstance(resolved_on, dt.datetime):
            raise InputError(f"{where}: resolved_on must be a date; got {resolved_on!r}")
        names = self.scenario(scenario).names
        if event not in names:
            raise InputError(f"{where}: no event {event!r} in the stored scenario"
                             f"{suggest(event, names)}")  # fmt: skip
        with self._transaction("record the resolution"):
            (first,) = self._db.execute(
                "SELECT min(coalesce(f.as_of, substr(f.created_at, 1, 10))) FROM forecasts f "
                "JOIN forecast_events e ON e.forecast_id = f.id "
                "WHERE f.scenario = ? AND e.event = ?",
                (scenario, event),
            ).fetchone()
            if first is not None and resolved_on.isoformat() < first:
                raise InputError(
                    f"{where}: resolved_on {resolved_on} is before the first forecast of "
                    f"the event ({first})"
                )
            old = self._db.execute(
                "SELECT outcome, resolved_on FROM resolutions WHERE scenario = ? AND event = ?",
                (scenario, event),
            ).fetchone()
            new = (int(bool(outcome)), resolved_on.isoformat())
            if old == new:
                return False
            if old is not None and not replace:
                raise AlreadyResolved(where, bool(old[0]), old[1], "replace=True")
            self._db.execute(
                "INSERT OR REPLACE INTO resolutions VALUES (?, ?, ?, ?, ?)",
                (scenario, event, *new, utc_text()),
            )
        return True

    def resolutions(self) -> pd.DataFrame:
        """Recorded outcomes, columns ``RESOLUTION_COLUMNS``, by scenario and event."""
        sql = (f"SELECT {', '.join(RESOLUTION_COLUMNS)} FROM resolutions "
               "ORDER BY scenario, event")  # fmt: skip
        frame = _frame(self._read(lambda db: db.execute(sql).fetchall()), RESOLUTION_COLUMNS,
                       text=("scenario", "event"))  # fmt: skip
        frame["outcome"] = frame["outcome"].astype(bool)
        frame["resolved_on"] = _dates(frame["resolved_on"])
        frame["recorded_at"] = pd.to_datetime(frame["recorded_at"], utc=True)
        return frame

    # --- plumbing ------------------------------------------------------------------

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[None]:
        """One write transaction: committed whole, or rolled back whole on any error."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            raise InputError(f"{self.path}: cannot {doing} ({error})") from None

    def _read(self, query):
        """Run ``query(db)``, reporting SQLite failures (corruption, locks) as InputError."""
        try:
            return query(self._db)
        except sqlite3.Error as error:
            raise InputError(f"{self.path}: cannot read the store ({error})") from None


def _frame(rows: list[tuple], columns: Sequence[str], *, text: Sequence[str]) -> pd.DataFrame:
    """Rows as a DataFrame whose ``text`` columns keep None for a missing value.

    pandas would read a column of strings and NULLs as strings and NaN; NaN is truthy
    and not a date, so one NULL (an undated article) would poison every later read.
    Dates are read from the raw values too (see :func:`_dates`).
    """
    frame = pd.DataFrame(rows, columns=list(columns))
    for column in (*text, *(c for c in columns if c in _DATE_COLUMNS)):
        frame[column] = pd.Series([row[columns.index(column)] for row in rows], dtype=object)
    return frame


_DATE_COLUMNS = frozenset({"published", "as_of", "resolved_on"})


def _dates(values: pd.Series) -> pd.Series:
    """A column of ISO date text or None as dates or None, with object dtype."""
    return pd.Series([date_value(value) for value in values], index=values.index, dtype=object)
