"""extract_claims on the trap sentences of each construction family (issue 10, point 3).

The verdict rule is the trap benchmark's (``benchmarks/trap_families.py``): an event still
ahead needs a forward claim with the case's direction; an event not ahead must not be read
"for" by a forward claim.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from forecast.language.lexicon import load_lexicon
from tests.language.trap_cases import CASES

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _load(name: str):
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))  # trap_families imports wikinews_labels
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


traps = _load("trap_families")


@pytest.mark.parametrize("case", CASES, ids=[case[0][:40] for case in CASES])
def test_claim_reads_the_family_right(nlp, case):
    del nlp  # the extractor loads the same parser; the fixture skips when there is none
    _, right, reading = traps.verdict(case, load_lexicon())
    assert right, f"{case[2]}: {reading}"
