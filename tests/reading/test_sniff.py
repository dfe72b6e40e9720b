"""Telling news text from data and code: every shipped article passes, structured files do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from forecast.cli import main
from forecast.reading.article import read_article
from forecast.reading.sniff import non_article_reason

REPO = Path(__file__).resolve().parents[2]
ARTICLE_FOLDERS = ("models/articles", "notebooks/data", "tests/fixtures")
ARTICLES = sorted(
    path
    for folder in ARTICLE_FOLDERS
    for path in (REPO / folder).rglob("*")
    if path.suffix in (".txt", ".md", ".html", ".json") and path.is_file()
)
SCENARIO = REPO / "models" / "us_japan_2018.toml"

CSV = "event,prob,low,high\nvisit,0.38,0.16,0.62\nsummit,0.83,0.61,0.95\ng7,0.69,0.38,0.90\n"
TSV = CSV.replace(",", "\t")
PYTHON = (REPO / "forecast" / "reading" / "sniff.py").read_text(encoding="utf-8")
C_CODE = (
    "#include <stdio.h>\n\nint main(void) {\n    int n = 3;\n    for (int i = 0; i < n; i++) {\n"
    '        printf("%d\\n", i);\n    }\n    return 0;\n}\n'
)
INI = "[server]\nhost = example.org\nport = 8080\n\n[client]\nretries = 3\ntimeout = 2.5\n"
STRUCTURED = {
    "scenario": SCENARIO.read_text(encoding="utf-8"),
    "pyproject": (REPO / "pyproject.toml").read_text(encoding="utf-8"),
    "csv": CSV,
    "tsv": TSV,
    "python": PYTHON,
    "c": C_CODE,
    "ini": INI,
}


@pytest.mark.parametrize("path", ARTICLES, ids=[p.name for p in ARTICLES])
def test_every_shipped_article_reads_as_an_article(path):
    assert non_article_reason(path, read_article(path).text) is None


@pytest.mark.parametrize("name", sorted(STRUCTURED))
def test_structured_text_is_refused_whatever_its_suffix(name):
    """Content alone decides when the suffix says nothing (a .txt file)."""
    reason = non_article_reason(f"{name}.txt", STRUCTURED[name])
    assert reason is not None and "of" in reason and "lines" in reason


@pytest.mark.parametrize("suffix", [".toml", ".csv", ".py", ".yaml", ".ipynb"])
def test_data_and_code_suffixes_are_refused(suffix):
    assert non_article_reason(f"x{suffix}", "Trump may visit Japan.") is not None


def test_article_with_a_short_dateline_and_a_list_is_an_article():
    story = (
        "Talks may resume\n"
        "Updated: June 10, 2018\n"
        "WASHINGTON (Reuters) - Officials said talks may resume next week, sources say.\n"
        "- The summit is expected to take place in Singapore.\n"
        "- No schedule has been set yet, a spokesman said.\n"
    )
    assert non_article_reason("story.txt", story) is None


@pytest.mark.parametrize("command", [["draft"], ["extract"], ["run"]])
@pytest.mark.parametrize("kind", ["scenario", "csv", "python"])
def test_commands_refuse_non_articles_with_one_line(command, kind, tmp_path, capsys):
    path = tmp_path / f"{kind}.txt"
    path.write_text(STRUCTURED[kind], encoding="utf-8")
    assert main([*command, str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"forecast: error: {path}: not an article: ")


def test_draft_refuses_the_shipped_scenario_file(capsys):
    assert main(["draft", str(SCENARIO)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == (
        f"forecast: error: {SCENARIO}: not an article: a TOML file (a scenario file goes to "
        "--model); expected news text (txt, md, html, json)"
    )
