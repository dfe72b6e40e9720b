"""A throwaway PostgreSQL server for the store tests, and raw access to a store's database.

The tests' ``postgres_url`` fixture (tests/conftest.py) starts one with :func:`start` when
``$FORECAST_TEST_POSTGRES`` gives none; ``.ci/run`` starts one for the whole run with
``python -m tests.pg_server start DIR`` (prints the URL) and stops it with
``python -m tests.pg_server stop DIR``. The server runs from a fresh ``initdb`` in ``DIR``
on a free loopback port, trusting local logins (it is only for tests); as root it runs as
the ``postgres`` user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

POSTGRES_ENV = "FORECAST_TEST_POSTGRES"
"""A server URL for the tests (its user may create databases); else one is started."""
SUPERUSER = "forecast"
RUN_AS = "postgres"
"""The account that runs the server when the tests run as root."""


class ServerUnavailable(Exception):
    """No PostgreSQL server can be started here; the message says why."""


def bin_dir() -> Path:
    """The folder of ``initdb`` and ``pg_ctl``: on PATH, else Debian's newest install."""
    if found := shutil.which("initdb"):
        return Path(found).parent
    installed = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                       key=lambda path: int(Path(path).parts[-3]))  # fmt: skip
    if not installed:
        raise ServerUnavailable("PostgreSQL is not installed (no initdb on PATH or in "
                                "/usr/lib/postgresql/*/bin)")  # fmt: skip
    return Path(installed[-1]).parent


def _run(args: list[str], folder: Path) -> None:
    """Run a PostgreSQL tool, as :data:`RUN_AS` when we are root; its output on failure."""
    account: dict[str, Any] = {}
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam(RUN_AS)
        except KeyError:
            raise ServerUnavailable(f"running as root and there is no {RUN_AS!r} user to "
                                    "run PostgreSQL as") from None  # fmt: skip
        os.chown(folder, user.pw_uid, user.pw_gid)
        account = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
    done = subprocess.run(args, capture_output=True, text=True, check=False, cwd="/", **account)
    if done.returncode:
        log = folder / "server.log"
        tail = log.read_text(errors="replace")[-2000:] if log.is_file() else ""
        raise ServerUnavailable(f"{Path(args[0]).name} failed: {done.stderr.strip()} {tail}")


def _free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(folder: Path) -> str:
    """Initialise and start a server in the empty folder ``folder``; its URL."""
    tools = bin_dir()
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    port = _free_port()
    _run([str(tools / "initdb"), "-D", str(folder / "data"), "-U", SUPERUSER, "--auth=trust",
          "-E", "UTF8", "--no-sync"], folder)  # fmt: skip
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    _run([str(tools / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "server.log"),
          "-o", options, "-w", "-t", "60", "start"], folder)  # fmt: skip
    return f"postgresql://{SUPERUSER}@127.0.0.1:{port}/postgres"


def stop(folder: Path) -> None:
    """Stop the server running from ``folder`` and delete it."""
    if (folder / "data" / "postmaster.pid").exists():
        _run([str(bin_dir() / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "-w",
              "stop"], folder)  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)


def with_database(url: str, database: str) -> str:
    """``url`` naming the database ``database`` on the same server."""
    return url.rsplit("/", 1)[0] + "/" + database


@contextmanager
def raw(location: Path | str) -> Iterator[Any]:
    """A plain DB-API connection (autocommit) to a store's database, without the store's code."""
    if isinstance(location, str) and location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(location, autocommit=True) as db:
            yield db
    else:
        db = sqlite3.connect(location, isolation_level=None)
        try:
            yield db
        finally:
            db.close()


def query(location: Path | str, sql: str) -> list[tuple]:
    """Rows of one parameterless statement run on the store's database."""
    with raw(location) as db:
        cursor = db.execute(sql)
        return cursor.fetchall() if cursor.description else []


def main() -> None:
    """``python -m tests.pg_server start|stop DIR``: start prints the server's URL."""
    command, folder = sys.argv[1], Path(sys.argv[2])
    if command == "start":
        print(start(folder))
    else:
        stop(folder)


if __name__ == "__main__":
    main()
