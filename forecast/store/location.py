"""Where the store lives and how it is opened: a SQLite file path or a PostgreSQL URL."""

from __future__ import annotations

import os
from pathlib import Path

from forecast.errors import InputError
from forecast.store.backend import (
    Connection,
    SQLiteConnection,
    connect,
    is_url,
    one_line,
    redact,
)
from forecast.store.schema import check_schema, migrate

STORE_ENV = "FORECAST_STORE"


def store_path(explicit: str | os.PathLike[str] | None = None) -> Path | str:
    """Where the store lives: ``explicit``, else ``$FORECAST_STORE``, else a per-user file.

    A ``postgresql://`` (or ``postgres://``) URL is returned as it is, a string; anything
    else is a file path. The per-user file is ``$XDG_DATA_HOME/forecast/store.sqlite``, or
    ``~/.local/share/forecast/store.sqlite`` when ``XDG_DATA_HOME`` is unset.
    """
    for location in (explicit, os.environ.get(STORE_ENV) or None):
        if location is not None:
            return str(location) if is_url(str(location)) else Path(location)
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "forecast" / "store.sqlite"


def open_connection(
    location: str | os.PathLike[str], *, create: bool = True
) -> tuple[Connection, Path | str]:
    """A checked, migrated connection to the store at ``location``, and the store's name.

    ``location`` is a file path or a PostgreSQL URL; the name (for messages) is the path,
    or the URL with its password hidden.

    A file store is created with its folders; a PostgreSQL store is created as tables in
    an existing database (the URL's, in its current schema), which the server's
    administrator makes. ``create=False`` opens only an existing store: commands that
    only read (or record facts about stored scenarios) must not leave a new empty store
    at a mistyped location.

    Raises
    ------
    InputError
        The path is a folder or cannot be created; the URL is malformed, or the server
        cannot be reached or refuses the login; there is no store at ``location`` and
        ``create`` is False; the file or database is not a store (holds tables a store does
        not have) or has a schema newer than this version knows.
    """
    name = redact(str(location)) if is_url(str(location)) else _file(Path(location), create)
    try:
        db = connect(location)
    except SQLiteConnection.errors as error:
        raise InputError(f"{name}: cannot open the store ({error})") from None
    try:
        if problem := check_schema(db):
            raise InputError(f"{name}: {problem}")
        if not create and db.schema_version() == 0:
            raise InputError(f"no store at {name}")
        db.configure()
        migrate(db)
    except db.errors as error:
        db.close()
        raise InputError(f"{name}: cannot open the store ({one_line(error)})") from None
    except InputError:
        db.close()
        raise
    return db, name


def _file(path: Path, create: bool) -> Path:
    """``path``, checked to be a store file, or a place for one (its folders made)."""
    if path.is_dir():
        raise InputError(f"{path}: is a directory; expected a store file")
    if not create and not path.exists():
        raise InputError(f"no store at {path}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{path}: cannot open the store ({error})") from None
    return path
