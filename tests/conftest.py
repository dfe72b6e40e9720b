"""Shared fixtures: the seeded generator, the optional ../shared data folder, store backends.

Tests that read public data find it through :data:`SHARED` (the ``shared_dir`` fixture or
``needs_shared``) and skip when it is absent. ``FORECAST_SHARED_DIR=none python -m pytest``
runs the suite as it runs in a fresh clone without ../shared (``.ci/run`` does so).
"""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_ENV = "FORECAST_SHARED_DIR"
"""Where the public data folder is; a value that is not a folder (e.g. ``none``) hides it."""
SHARED = Path(os.environ.get(SHARED_ENV) or REPO.parent / "shared")
HAVE_SHARED = SHARED.is_dir()
ABSENT = (
    f"{SHARED_ENV}={os.environ[SHARED_ENV]}: not a folder, so the public data is taken as absent"
    if os.environ.get(SHARED_ENV)
    else f"{SHARED} is absent (a fresh clone): public data not available"
)
needs_shared = pytest.mark.skipif(not HAVE_SHARED, reason=ABSENT)
CI_ENV = ("CI", "FORECAST_CI")
"""Set in CI (``.ci/run`` sets FORECAST_CI=1): a missing PostgreSQL server fails the tests
that need one instead of skipping them."""
STORE_BACKENDS = ("sqlite", "postgresql")

# Monte Carlo tolerance: every statistical check allows z = 4.4 standard errors (two-sided
# tail 1.1e-5 per check). The suite makes on the order of 50 such checks, so a change of
# seeds fails one by chance with probability about 5e-4; with the seeds fixed here the
# outcome is deterministic, and a failure means the code, not luck, changed.
MC_Z = 4.4


WIDE_TERMINAL = "250"


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    """Tables fit the terminal (``$COLUMNS``); pin a wide one so no test depends on the
    developer's. Tests of the fitting set their own width."""
    monkeypatch.setenv("COLUMNS", WIDE_TERMINAL)


@pytest.fixture(autouse=True)
def no_claim_cache(monkeypatch):
    """Every test extracts afresh (and writes nothing to the user's cache folder);
    tests of the cache point it at a folder of their own."""
    monkeypatch.setenv("FORECAST_CLAIM_CACHE", "none")


@pytest.fixture
def rng() -> np.random.Generator:
    """A seeded generator; tests never touch global random state."""
    return np.random.default_rng(20180612)


@pytest.fixture
def shared_dir() -> Path:
    """The public data folder (``$FORECAST_SHARED_DIR``, else ../shared); skips when absent."""
    if not HAVE_SHARED:
        pytest.skip(ABSENT)
    return SHARED


@pytest.fixture
def seed_article_path(shared_dir: Path) -> Path:
    """The seed article the project was created from (published 2018-05-13)."""
    return shared_dir / "seeds" / "000_aa4fdd9593ef0074.txt"


@pytest.fixture(scope="session")
def postgres_url():
    """URL of a PostgreSQL server whose user may create databases.

    ``$FORECAST_TEST_POSTGRES`` when set, else a throwaway server started for this session
    (tests/pg_server.py) and stopped after it. When none can be started, tests that need
    it skip with the reason, or fail in CI.
    """
    from tests.pg_server import POSTGRES_ENV, ServerUnavailable, start, stop

    if os.environ.get(POSTGRES_ENV):
        yield os.environ[POSTGRES_ENV]
        return
    folder = Path(tempfile.mkdtemp(prefix="forecast-pg-"))
    try:
        url = start(folder)
    except (ServerUnavailable, OSError) as error:
        stop(folder)
        no_server(f"no PostgreSQL server for the store tests: {error}")
    try:
        yield url
    finally:
        stop(folder)


def no_server(reason: str) -> None:
    """Skip the test for want of a PostgreSQL server, with ``reason``; fail it in CI."""
    if any(os.environ.get(name) for name in CI_ENV):
        pytest.fail(reason)
    pytest.skip(reason)


_DATABASES = itertools.count()


@pytest.fixture
def postgres_store(postgres_url):
    """URL of a new, empty database on the test server, dropped after the test."""
    import psycopg

    from tests.pg_server import with_database

    name = f"forecast_test_{os.getpid()}_{next(_DATABASES)}"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield with_database(postgres_url, name)
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(params=STORE_BACKENDS)
def store_location(request, tmp_path):
    """Where a new store goes, once per backend: a SQLite file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return tmp_path / "store.sqlite"
    return request.getfixturevalue("postgres_store")
