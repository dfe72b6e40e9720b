"""The README's sample output is what the code prints (``scripts/readme_sample.py``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "readme_sample.py"


def load_script():
    spec = importlib.util.spec_from_file_location("readme_sample", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rewriting_replaces_only_the_sample_block():
    script = load_script()
    readme = "intro\n<!-- sample: run --seed 1 -->\n\n    old\n\n<!-- /sample -->\nrest\n"
    assert script.with_sample(readme, "new line\n\nnext\n") == (
        "intro\n<!-- sample: run --seed 1 -->\n\n"
        "    new line\n\n    next\n\n<!-- /sample -->\nrest\n"
    )


@pytest.mark.slow
def test_readme_sample_matches_what_run_seed_1_prints():
    script = load_script()
    readme = script.README.read_text(encoding="utf-8")
    assert script.with_sample(readme, script.sample_output()) == readme, (
        "README.md's sample is stale: run python scripts/readme_sample.py"
    )
