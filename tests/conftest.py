"""Shared fixtures: the seeded generator and the optional ../shared data folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# Suite-wide Monte Carlo failure budget: each statistical check uses z = 4.4
# (two-sided tail ~1e-5), so a few dozen such checks fail together with probability ~1e-4.
MC_Z = 4.4


@pytest.fixture
def rng() -> np.random.Generator:
    """A seeded generator; tests never touch global random state."""
    return np.random.default_rng(20180612)


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared folder beside the checkout; skips when a fresh clone lacks it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (fresh clone): public data not available")
    return SHARED


@pytest.fixture
def seed_article_path(shared_dir: Path) -> Path:
    """The seed article the project was created from (published 2018-05-13)."""
    return shared_dir / "seeds" / "000_aa4fdd9593ef0074.txt"
