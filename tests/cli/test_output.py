"""Tables for people fit the terminal (``$COLUMNS``); ``--wide`` shows every cell whole."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from forecast.cli import main
from forecast.cli.output import fit_table

REPO = Path(__file__).resolve().parents[2]
ARTICLE = REPO / "models" / "articles" / "us_japan_2018-05-13.txt"
NARROW = 80


def widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


@pytest.fixture
def narrow(monkeypatch):
    monkeypatch.setenv("COLUMNS", str(NARROW))


@pytest.fixture(autouse=True)
def small_draws(monkeypatch):
    monkeypatch.setenv("FORECAST_DRAWS", "100")


def test_numbers_stay_whole_and_right_aligned_while_text_is_cut():
    table = pd.DataFrame({"cue": ["may"], "rationale": ["x" * 200], "prob": [0.123456]})
    text = fit_table(table, 40, cut=("rationale",))
    assert widest(text) <= 40
    assert text.splitlines()[1].endswith("0.123456") and "..." in text
    assert "x" * 200 in fit_table(table, 40, wide=True)


def test_short_text_wraps_rather_than_losing_its_end():
    table = pd.DataFrame({"cue": ["almost certainly"], "note": ["y" * 60], "prob": [0.9]})
    text = fit_table(table, 30, cut=("note",))
    assert widest(text) <= 30
    words = " ".join(line.split()[0] for line in text.splitlines()[1:])
    assert words.startswith("almost certainly")


@given(
    st.lists(st.text(alphabet="abc de", max_size=40), min_size=1, max_size=5),
    st.integers(min_value=30, max_value=120),
)
def test_any_text_table_fits_when_its_numbers_do(cells, width):
    table = pd.DataFrame({"a": cells, "b": cells, "n": range(len(cells))})
    assert widest(fit_table(table, width, cut=("a",))) <= width  # 30 > 2 * MIN_CELL + n + gaps


@pytest.mark.parametrize(
    ("argv", "full_text"),
    [
        (["lexicon"], "fitted to 46 respondents"),
        (["extract", str(ARTICLE)], "Prime Minister Shinzo Abe and President Donald Trump"),
    ],
    ids=["lexicon", "extract"],
)
def test_tables_fit_the_terminal_and_wide_shows_everything(argv, full_text, narrow, capsys):
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert widest(out) <= NARROW and full_text not in out
    assert main([*argv, "--wide"]) == 0
    wide = capsys.readouterr().out
    assert full_text in wide and widest(wide) > NARROW


def test_run_table_fits_the_terminal(narrow, capsys):
    assert main(["run", "--seed", "1"]) in (0, 3)
    out = capsys.readouterr().out
    assert widest(out) <= NARROW
    assert "events that happen" in out and "diagnostics:" in out
