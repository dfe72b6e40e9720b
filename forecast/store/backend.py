"""The store's two backends: a SQLite file and a PostgreSQL database, behind one connection.

:class:`~forecast.store.store.Store` and the migrations in :mod:`forecast.store.schema` speak one
SQL (qmark ``?`` parameters, ``ON CONFLICT`` upserts, a ``rowid`` column for insertion
order) to a :class:`Connection`; each backend turns it into what its database
needs and gives the same guarantees:

- a write transaction (:meth:`Connection.write`) is committed whole or not at all, and
  writers queue one behind the other (SQLite's ``BEGIN IMMEDIATE``; on PostgreSQL an
  advisory lock held for the transaction), waiting at most :data:`BUSY_TIMEOUT_S`;
- readers never wait for a writer (SQLite's WAL journal; PostgreSQL's MVCC);
- a client killed mid-transaction leaves nothing of it (the journal; the server's rollback
  of a dropped connection).

Every failure is a database error of the backend's :attr:`Connection.errors`, which the
store turns into one :class:`~forecast.errors.InputError` line naming the store.
"""

from __future__ import annotations

import re
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from forecast.errors import InputError

BUSY_TIMEOUT_S = 30.0
"""How long a write waits for another process's transaction before giving up."""

URL_SCHEMES = ("postgresql://", "postgres://")
"""Store locations with these prefixes are PostgreSQL connection URLs, not files."""

WRITE_LOCK = 0x666F7265  # "fore": the advisory lock every PostgreSQL store write takes
CONNECT_TIMEOUT_S = 10


def is_url(location: str | Path) -> bool:
    """True when ``location`` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(location, str) and location.startswith(URL_SCHEMES)


class Connection(ABC):
    """One open connection to a store's database, in autocommit mode between writes."""

    errors: tuple[type[Exception], ...]
    """The exceptions a failing statement raises (reported as InputError by the store)."""

    in_json_list = ""
    """SQL testing a column against a JSON array of text given as one ``?`` parameter."""

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; the cursor (``fetchone``, ``fetchall``, ``rowcount``)."""

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement once per row of parameters."""

    @abstractmethod
    def insert_id(self, sql: str, params: Sequence[Any]) -> int:
        """Run one ``INSERT`` of a row into a table keyed by ``id``; the new row's ``id``."""

    @abstractmethod
    def begin_write(self) -> None:
        """Start a write transaction, waiting for any other writer to finish."""

    @abstractmethod
    def end_write(self) -> None:
        """Let the next writer in, once the write transaction is committed or rolled back."""

    @abstractmethod
    def begin_read(self) -> None:
        """Start a read-only transaction whose statements all see one committed state."""

    @abstractmethod
    def schema_version(self) -> int:
        """How many migrations the store has had (0 for an empty database)."""

    @abstractmethod
    def set_schema_version(self, version: int) -> None:
        """Record ``version`` inside the current write transaction."""

    @abstractmethod
    def user_tables(self) -> set[str]:
        """Names of the tables in the store, the backend's own bookkeeping left out."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    @property
    @abstractmethod
    def in_transaction(self) -> bool:
        """True while a transaction is open."""

    @abstractmethod
    def configure(self) -> None:
        """Session settings for a checked store, before it is migrated and used."""

    def not_a_database(self, error: Exception) -> bool:
        """True when ``error`` says the location holds something other than a database."""
        return False

    @contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction: committed whole, or rolled back whole on any error."""
        self.begin_write()
        try:
            yield
            self.execute("COMMIT")
        except BaseException:
            if self.in_transaction:
                self.execute("ROLLBACK")
            raise
        finally:
            self.end_write()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that see one committed state: another process's write (a new store's first
        migration) lands before all of them or after all of them, never in between."""
        self.begin_read()
        try:
            yield
        finally:
            if self.in_transaction:
                self.execute("ROLLBACK")  # it wrote nothing


class SQLiteConnection(Connection):
    """A SQLite store file (WAL journal, foreign keys enforced)."""

    errors = (sqlite3.Error,)
    in_json_list = "IN (SELECT value FROM json_each(?))"

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    @classmethod
    def open(cls, path: Path) -> SQLiteConnection:
        """Connect to the file at ``path`` in autocommit mode (not yet checked or set up)."""
        return cls(sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None))

    def not_a_database(self, error: Exception) -> bool:
        return isinstance(error, sqlite3.DatabaseError) and not isinstance(
            error, sqlite3.OperationalError
        )

    def configure(self) -> None:
        """Session settings: busy timeout, foreign keys, WAL journal (written once)."""
        self.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        self.execute("PRAGMA foreign_keys = ON")
        if self.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.execute("PRAGMA journal_mode = WAL")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self._db.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._db.executemany(sql, rows)

    def insert_id(self, sql: str, params: Sequence[Any]) -> int:
        return self.execute(sql, params).lastrowid  # RETURNING needs SQLite 3.35

    def begin_write(self) -> None:
        self.execute("BEGIN IMMEDIATE")

    def end_write(self) -> None:
        """Nothing to do: SQLite's write lock ends with the transaction."""

    def begin_read(self) -> None:
        """A deferred transaction: its first read fixes what the later ones see (WAL), or
        holds off writers until it ends (a journal)."""
        self.execute("BEGIN")

    def schema_version(self) -> int:
        return self.execute("PRAGMA user_version").fetchone()[0]

    def set_schema_version(self, version: int) -> None:
        self.execute(f"PRAGMA user_version = {version:d}")

    def user_tables(self) -> set[str]:
        rows = self.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        )
        return {name for (name,) in rows}

    def close(self) -> None:
        self._db.close()

    @property
    def in_transaction(self) -> bool:
        return self._db.in_transaction


class PostgresConnection(Connection):
    """A PostgreSQL store: the tables of the connection's current schema.

    The schema version lives in a one-row table :data:`VERSION_TABLE` (SQLite keeps it in
    the file header). Every table gets an explicit ``rowid`` identity column, which SQLite
    gives every table implicitly, so insertion order reads the same on both backends.
    """

    VERSION_TABLE = "forecast_schema_version"
    in_json_list = "IN (SELECT jsonb_array_elements_text(CAST(? AS jsonb)))"
    _DDL_TYPES = (
        (re.compile(r"\bINTEGER PRIMARY KEY\b"),
         "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
        (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
        (re.compile(r"\bBLOB\b"), "BYTEA"),
    )  # fmt: skip

    def __init__(self, db: Any) -> None:
        import psycopg

        self.errors = (psycopg.Error,)
        self._db = db

    @classmethod
    def open(cls, url: str) -> PostgresConnection:
        """Connect to the database ``url`` names, in autocommit mode (not yet checked).

        Raises
        ------
        InputError
            psycopg is not installed, the URL is malformed, or the server refuses.
        """
        try:
            import psycopg
        except ImportError:
            raise InputError(
                f"{redact(url)}: a PostgreSQL store needs psycopg (pip install 'psycopg[binary]')"
            ) from None
        try:
            db = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as error:
            problem = redact(one_line(error), url)
            raise InputError(f"{redact(url)}: cannot open the store ({problem})") from None
        return cls(db)

    def configure(self) -> None:
        """A write waits at most :data:`BUSY_TIMEOUT_S` for another writer's lock."""
        self.execute(f"SET lock_timeout = {int(BUSY_TIMEOUT_S * 1000)}")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if not params:  # psycopg sends a statement without parameters as it is
            return self._db.execute(self._translate_types(sql))
        return self._db.execute(self._placeholders(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._db.cursor() as cursor:
            cursor.executemany(self._placeholders(sql), list(rows))

    def insert_id(self, sql: str, params: Sequence[Any]) -> int:
        return self.execute(f"{sql} RETURNING id", params).fetchone()[0]

    def begin_write(self) -> None:
        """Take the store's write lock, then begin: in that order, so the transaction sees
        (and its catalog caches know of) everything the previous writer committed."""
        self.execute(f"SELECT pg_advisory_lock({WRITE_LOCK})")
        try:
            self.execute("BEGIN")
        except BaseException:
            self.end_write()
            raise

    def end_write(self) -> None:
        self.execute(f"SELECT pg_advisory_unlock({WRITE_LOCK})")

    def begin_read(self) -> None:
        """Repeatable read: one snapshot for the whole transaction, not one per statement."""
        self.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def schema_version(self) -> int:
        if self.execute("SELECT to_regclass(?)", (self.VERSION_TABLE,)).fetchone()[0] is None:
            return 0
        row = self.execute(f"SELECT version FROM {self.VERSION_TABLE}").fetchone()
        return 0 if row is None else row[0]

    def set_schema_version(self, version: int) -> None:
        self.execute(f"CREATE TABLE IF NOT EXISTS {self.VERSION_TABLE} (version INTEGER NOT NULL)")
        self.execute(f"DELETE FROM {self.VERSION_TABLE}")
        self.execute(f"INSERT INTO {self.VERSION_TABLE} VALUES (?)", (version,))

    def user_tables(self) -> set[str]:
        rows = self.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_name <> ?",
            (self.VERSION_TABLE,),
        )
        return {name for (name,) in rows}

    def close(self) -> None:
        self._db.close()

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self._db.info.transaction_status != TransactionStatus.IDLE

    def _translate_types(self, sql: str) -> str:
        """A ``CREATE TABLE`` with PostgreSQL's column types and a ``rowid``; else ``sql``."""
        if not sql.lstrip().upper().startswith("CREATE TABLE"):
            return sql
        for pattern, replacement in self._DDL_TYPES:
            sql = pattern.sub(replacement, sql)
        head, _, tail = sql.rpartition(")")
        return f"{head},\n    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE){tail}"

    @staticmethod
    def _placeholders(sql: str) -> str:
        """The qmark statement with psycopg's ``%s`` placeholders (and ``%`` escaped)."""
        return sql.replace("%", "%%").replace("?", "%s")


def connect(location: str | Path) -> Connection:
    """A connection to the store at ``location``: a PostgreSQL URL or a SQLite file path."""
    if is_url(location):
        return PostgresConnection.open(str(location))
    return SQLiteConnection.open(Path(location))


_PASSWORD = re.compile(r"^(\w+://[^:/@]*:)([^@/]*)@")


def redact(text: str, url: str | None = None) -> str:
    """``text`` with the password of ``url`` (default: ``text`` itself) shown as ``***``."""
    match = _PASSWORD.match(text if url is None else url)
    if match is None or not match[2]:
        return text
    if url is None:
        return _PASSWORD.sub(r"\1***@", text, count=1)
    return text.replace(match[2], "***")


def one_line(error: BaseException) -> str:
    """A database error's message on one line (libpq's span several)."""
    return " ".join(str(error).split()) or type(error).__name__
