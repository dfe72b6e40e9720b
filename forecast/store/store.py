"""The store: articles, claims, scenarios, forecasts and resolutions, in one database.

With :mod:`~forecast.store.outcomes`, the only code that does I/O on state. The database
is a SQLite file or, for a team, a PostgreSQL database named by a ``postgresql://`` URL;
both backends (:mod:`forecast.store.backend`) hold the same schema
(:mod:`forecast.store.schema`) and give the same guarantees. Every write is one
transaction, so a process killed mid-write leaves the store as it was, and processes
writing at once queue one behind the other (readers never wait) instead of corrupting
it. Every failure, including a file or database that is not a store and a server that
cannot be reached, is an :class:`~forecast.errors.InputError` naming the store; a store
that is refused is never modified.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from forecast.errors import InputError
from forecast.language.claim import Claim
from forecast.language.records import claim_from_dict, claim_to_dict
from forecast.reading.article import Article
from forecast.scenario import Scenario, scenario_to_toml
from forecast.scenario.load import loads_scenario
from forecast.scenario.validate import suggest
from forecast.store.backend import Connection, one_line
from forecast.store.location import open_connection
from forecast.store.outcomes import record_resolution
from forecast.store.schema import (
    date_text,
    date_value,
    forecast_events,
    frame,
    iso_dates,
    schema_version,
    utc_text,
)

TRIGGERS = ("run", "reforecast")
"""Forecast triggers other than the id of the article that prompted it."""

ARTICLE_COLUMNS = ("id", "title", "source", "url", "path", "published", "n_claims",
                   "ingested_at")  # fmt: skip
HISTORY_COLUMNS = ("forecast_id", "scenario", "event", "created_at", "as_of", "trigger",
                   "prob", "low", "high", "mcse")  # fmt: skip
RESOLUTION_COLUMNS = ("scenario", "event", "outcome", "resolved_on", "recorded_at")


def open_store(location: str | os.PathLike[str], *, create: bool = True) -> Store:
    """Open the store at ``location`` (a file path or a PostgreSQL URL), creating it on first use.

    See :func:`forecast.store.location.open_connection` for what is created and refused.

    Raises
    ------
    InputError
        The location cannot be opened or holds no store this version can use.
    """
    return Store(*open_connection(location, create=create))


class Store:
    """An open store; use :func:`open_store` to get one, and as a context manager.

    ``path`` names the store in messages: the file's path, or the PostgreSQL URL with
    its password hidden.
    """

    def __init__(self, db: Connection, path: Path | str) -> None:
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
        """The schema version of the store (see :data:`forecast.store.schema.MIGRATIONS`)."""
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
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
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
        table = frame(self._read(lambda db: db.execute(sql).fetchall()), ARTICLE_COLUMNS,
                      text=("id", "title", "source", "url", "path"))  # fmt: skip
        table["published"] = iso_dates(table["published"])
        table["ingested_at"] = pd.to_datetime(table["ingested_at"], utc=True)
        return table

    def claims(self, article_ids: Iterable[str] | None = None) -> tuple[Claim, ...]:
        """Stored claims in ingestion order, of all articles or of ``article_ids`` only."""
        sql = "SELECT c.record FROM claims c JOIN articles a ON a.id = c.article_id"
        params: tuple[str, ...] = ()
        if article_ids is not None:
            sql += f" WHERE c.article_id {self._db.in_json_list}"
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
        ``inputs``. ``posterior`` (``forecast.model.posterior.posterior_record``) becomes the
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
            forecast_id = self._db.insert_id(
                "INSERT INTO forecasts (scenario, created_at, as_of, trigger, inputs, payload) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (scenario, utc_text(created_at), date_text(as_of), trigger,
                 json.dumps(list(inputs)), text),
            )  # fmt: skip
            self._db.executemany(
                "INSERT INTO forecast_events VALUES (?, ?, ?, ?, ?, ?)",
                [(forecast_id, *event) for event in events],
            )
            self._db.execute(
                "DELETE FROM pending_forecasts WHERE scenario = ? "
                f"AND (article_id = ? OR article_id {self._db.in_json_list})",
                (scenario, trigger, json.dumps(list(inputs))),
            )
            self._db.execute("DELETE FROM posteriors WHERE scenario = ?", (scenario,))
            if posterior is not None:
                record, draws = posterior
                self._db.execute(
                    "INSERT INTO posteriors (scenario, forecast_id, record, draws) "
                    "VALUES (?, ?, ?, ?)",
                    (scenario, forecast_id, record, draws),
                )
        return forecast_id

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
        chosen = {"f.scenario": scenario, "e.event": event}
        where = [f"{column} = ?" for column, value in chosen.items() if value is not None]
        sql = (
            "SELECT f.id, f.scenario, e.event, f.created_at, f.as_of, f.trigger, e.prob, "
            "e.low, e.high, e.mcse FROM forecasts f JOIN forecast_events e "
            f"ON e.forecast_id = f.id WHERE {' AND '.join(where) or 'TRUE'} "
            "ORDER BY f.created_at, f.id, e.rowid"
        )
        params = [value for value in chosen.values() if value is not None]
        rows = self._read(lambda db: db.execute(sql, params).fetchall())
        table = frame(rows, HISTORY_COLUMNS, text=("scenario", "event", "trigger"))
        table["created_at"] = pd.to_datetime(table["created_at"], utc=True)
        table["as_of"] = iso_dates(table["as_of"])
        return table

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
        names = self.scenario(scenario).names
        with self._transaction("record the resolution"):
            return record_resolution(self._db, where, scenario, event, outcome, resolved_on,
                                     names=names, replace=replace)  # fmt: skip

    def resolutions(self) -> pd.DataFrame:
        """Recorded outcomes, columns ``RESOLUTION_COLUMNS``, by scenario and event."""
        sql = (f"SELECT {', '.join(RESOLUTION_COLUMNS)} FROM resolutions "
               "ORDER BY scenario, event")  # fmt: skip
        table = frame(self._read(lambda db: db.execute(sql).fetchall()), RESOLUTION_COLUMNS,
                      text=("scenario", "event"))  # fmt: skip
        table["outcome"] = table["outcome"].astype(bool)
        table["resolved_on"] = iso_dates(table["resolved_on"])
        table["recorded_at"] = pd.to_datetime(table["recorded_at"], utc=True)
        return table

    # --- plumbing ------------------------------------------------------------------

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[None]:
        """One write transaction: committed whole, or rolled back whole on any error."""
        try:
            with self._db.write():
                yield
        except self._db.errors as error:
            raise InputError(f"{self.path}: cannot {doing} ({one_line(error)})") from None

    def _read(self, query):
        """Run ``query(db)``, reporting database failures (corruption, locks) as InputError."""
        try:
            return query(self._db)
        except self._db.errors as error:
            raise InputError(f"{self.path}: cannot read the store ({one_line(error)})") from None
