"""The wheel a user installs carries what the product reads at run time: parser, lexicon, models."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from forecast.language.parse import MODEL_DIR

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_contains_the_parser_with_its_notice_and_the_shipped_data(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), "."],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("forecast-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        "forecast/data/parser/" + path.relative_to(MODEL_DIR).as_posix()
        for path in MODEL_DIR.rglob("*")
        if path.is_file()
    }
    assert {
        "forecast/data/parser/NOTICE.txt",
        "forecast/data/parser/LICENSE.txt",
        "forecast/data/parser/metrics.json",
    } <= shipped
    assert shipped <= names, sorted(shipped - names)[:5]
    assert {"forecast/data/lexicon.json", "forecast/data/models/us_japan_2018.toml"} <= names
