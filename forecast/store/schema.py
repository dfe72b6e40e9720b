"""The store's schema: an ordered list of migrations, versioned per store.

Migration ``i`` (counting from 1) takes a store at version ``i - 1`` to version ``i``.
A new schema change is a new function appended to :data:`MIGRATIONS`; released ones are
never edited, so every store upgrades along the same path. :func:`migrate` applies the
missing ones in one transaction, so a store is never left half-upgraded. Migrations take a
:class:`~forecast.store.backend.Connection` and write SQLite's column types (``TEXT``,
``INTEGER``, ``REAL``, ``BLOB``, ``INTEGER PRIMARY KEY``), which the PostgreSQL backend maps to its
own; the version is SQLite's ``PRAGMA user_version``, or a one-row table on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

from forecast.errors import InputError
from forecast.store.backend import Connection, one_line


def _articles_and_claims(db: Connection) -> None:
    """Version 1: articles, identified by the hash of their normalised text, and claims."""
    db.execute(
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            title TEXT,
            source TEXT,
            url TEXT,
            path TEXT,
            published TEXT,
            text TEXT NOT NULL,
            n_claims INTEGER NOT NULL,
            ingested_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE claims (
            article_id TEXT NOT NULL REFERENCES articles(id),
            ordinal INTEGER NOT NULL,
            event TEXT NOT NULL,
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            tense TEXT NOT NULL,
            record TEXT NOT NULL,
            PRIMARY KEY (article_id, ordinal)
        )"""
    )
    db.execute("CREATE INDEX claims_event ON claims(event)")
    db.execute("CREATE INDEX claims_source ON claims(source, kind)")


def _scenarios_and_forecasts(db: Connection) -> None:
    """Version 2: scenarios in use and every forecast, with a per-event table for history."""
    db.execute(
        """CREATE TABLE scenarios (
            name TEXT PRIMARY KEY,
            toml TEXT NOT NULL,
            path TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            added_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE forecasts (
            id INTEGER PRIMARY KEY,
            scenario TEXT NOT NULL REFERENCES scenarios(name),
            created_at TEXT NOT NULL,
            as_of TEXT,
            trigger TEXT NOT NULL,
            inputs TEXT NOT NULL,
            payload TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX forecasts_scenario ON forecasts(scenario, created_at)")
    db.execute(
        """CREATE TABLE forecast_events (
            forecast_id INTEGER NOT NULL REFERENCES forecasts(id),
            event TEXT NOT NULL,
            prob REAL NOT NULL,
            low REAL,
            high REAL,
            mcse REAL,
            PRIMARY KEY (forecast_id, event)
        )"""
    )
    db.execute("CREATE INDEX forecast_events_event ON forecast_events(event)")


def _resolutions(db: Connection) -> None:
    """Version 3: how events turned out, one outcome per scenario and event."""
    db.execute(
        """CREATE TABLE resolutions (
            scenario TEXT NOT NULL REFERENCES scenarios(name),
            event TEXT NOT NULL,
            outcome INTEGER NOT NULL CHECK (outcome IN (0, 1)),
            resolved_on TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (scenario, event)
        )"""
    )


def _pending_forecasts(db: Connection) -> None:
    """Version 4: reforecasts an article's arrival calls for that are not stored yet.

    Written with the article in one transaction, deleted with the forecast that uses it
    in another, so a kill, a full disk or a signal in between leaves a mark that the
    next ``ingest``, ``reforecast`` or ``watch`` completes.
    """
    db.execute(
        """CREATE TABLE pending_forecasts (
            article_id TEXT NOT NULL REFERENCES articles(id),
            scenario TEXT NOT NULL REFERENCES scenarios(name),
            PRIMARY KEY (article_id, scenario)
        )"""
    )


def _posteriors(db: Connection) -> None:
    """Version 5: each scenario's posterior draws, so the next forecast can reweight them.

    One row per scenario, written (or deleted) in the transaction of the forecast it
    belongs to: ``record`` is JSON text (the evidence, settings and diagnostics the
    draws came with), ``draws`` the arrays as ``.npz`` bytes (`forecast.model.posterior`).
    """
    db.execute(
        """CREATE TABLE posteriors (
            scenario TEXT PRIMARY KEY REFERENCES scenarios(name),
            forecast_id INTEGER NOT NULL REFERENCES forecasts(id),
            record TEXT NOT NULL,
            draws BLOB NOT NULL
        )"""
    )


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (
    _articles_and_claims,
    _scenarios_and_forecasts,
    _resolutions,
    _pending_forecasts,
    _posteriors,
)
"""Schema migrations in order; the store's version is how many have been applied."""

SCHEMA_VERSION = len(MIGRATIONS)

TABLES = frozenset({"articles", "claims", "scenarios", "forecasts", "forecast_events",
                    "resolutions", "pending_forecasts", "posteriors"})  # fmt: skip
"""Every table any version of the schema has; other tables mean the file is not a store."""


def schema_version(db: Connection) -> int:
    """The store's schema version: how many of :data:`MIGRATIONS` it has had."""
    return db.schema_version()


def migrate(db: Connection) -> int:
    """Bring ``db`` (in autocommit mode) up to :data:`SCHEMA_VERSION`; return how many ran.

    The version is read again inside the write transaction, so two processes opening a
    new store at once apply each migration exactly once. A current store is only read,
    so opening it never waits for a writer.
    """
    if db.schema_version() == SCHEMA_VERSION:
        return 0
    with db.write():
        start = db.schema_version()
        for migration in MIGRATIONS[start:]:
            migration(db)
        if start < SCHEMA_VERSION:
            db.set_schema_version(SCHEMA_VERSION)
    return max(SCHEMA_VERSION - start, 0)


def check_schema(db: Connection) -> str | None:
    """Why ``db`` is not a store this code can use, found by reading only; None if it is."""
    try:
        with db.snapshot():  # a store another process creates meanwhile is seen whole or not
            version, tables = db.schema_version(), db.user_tables()
    except db.errors as error:  # read-only mount, full disk, locked, I/O, server gone
        if db.not_a_database(error):
            return f"not a forecast store ({error})"
        return f"cannot open the store ({one_line(error)})"
    if version > SCHEMA_VERSION:
        return (
            f"store schema version {version} is newer than this forecast ({SCHEMA_VERSION}); "
            "upgrade forecast"
        )
    if unknown := sorted(tables - TABLES):
        return f"not a forecast store (unknown tables: {', '.join(unknown)})"
    if version == 0 and tables:
        return "not a forecast store (tables without a schema version)"
    return None


# --- values as column text ---------------------------------------------------------


def forecast_events(payload: Mapping[str, Any], where: str) -> list[tuple]:
    """``(event, prob, low, high, mcse)`` rows of a forecast payload, checked."""
    events = payload.get("events") if isinstance(payload, Mapping) else None
    if not isinstance(events, list) or not events:
        raise InputError(f"{where}: payload needs a non-empty list 'events'; got {events!r}")
    rows = []
    for item in events:
        try:
            numbers = [None if item.get(key) is None else float(item[key])
                       for key in ("prob", "low", "high", "mcse")]  # fmt: skip
            if not isinstance(item["event"], str) or numbers[0] is None:
                raise ValueError
        except (AttributeError, KeyError, TypeError, ValueError):
            raise InputError(
                f"{where}: each event needs a name 'event' and a number 'prob'; got {item!r}"
            ) from None
        rows.append((item["event"], *numbers))
    return rows


def utc_text(moment: dt.datetime | None = None) -> str:
    """``moment`` (default now) as fixed-width UTC ISO text, so text order is time order."""
    moment = dt.datetime.now(dt.UTC) if moment is None else moment.astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def date_text(day: dt.date | None) -> str | None:
    """A date column's text: ISO ``YYYY-MM-DD``, or None."""
    return None if day is None else day.isoformat()


def date_value(value: Any, field: str = "date") -> dt.date | None:
    """A date column (or payload field) read back as a date; ``field`` names it in errors."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(f"{field}: expected an ISO date (YYYY-MM-DD); got {value!r}") from None


def frame(rows: list[tuple], columns: Sequence[str], *, text: Sequence[str]) -> pd.DataFrame:
    """Rows as a DataFrame whose ``text`` columns keep None for a missing value.

    pandas would read a column of strings and NULLs as strings and NaN; NaN is truthy
    and not a date, so one NULL (an undated article) would poison every later read.
    Dates are read from the raw values too (see :func:`iso_dates`).
    """
    table = pd.DataFrame(rows, columns=list(columns))
    for column in (*text, *(c for c in columns if c in DATE_COLUMNS)):
        table[column] = pd.Series([row[columns.index(column)] for row in rows], dtype=object)
    return table


DATE_COLUMNS = frozenset({"published", "as_of", "resolved_on"})


def iso_dates(values: pd.Series) -> pd.Series:
    """A column of ISO date text or None as dates or None, with object dtype."""
    return pd.Series([date_value(value) for value in values], index=values.index, dtype=object)
