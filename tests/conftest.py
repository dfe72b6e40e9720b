"""Shared fixtures: the seeded generator and the optional ../shared data folder.

Tests that read public data find it through :data:`SHARED` (the ``shared_dir`` fixture or
``needs_shared``) and skip when it is absent. ``FORECAST_SHARED_DIR=none python -m pytest``
runs the suite as it runs in a fresh clone without ../shared (``.ci/run`` does so).
"""

from __future__ import annotations

import os
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
