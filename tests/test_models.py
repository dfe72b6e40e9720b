"""The shipped scenarios in models/: they load, and the example article is ours."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from forecast.language.extract import extract_claims
from forecast.reading.article import read_article
from forecast.scenario import default_scenario_path, link_claims, load_scenario

REPO = Path(__file__).resolve().parents[1]
MODELS = sorted((REPO / "models").glob("*.toml"))
ARTICLE = REPO / "models" / "articles" / "us_japan_2018-05-13.txt"
SHINGLE = 8  # words: a run this long shared with the seed counts as copied

# Events the example article (and the seed it restates) bears on, and the one it cannot.
LINKED = {"summit", "g7_meeting", "visit", "phone_briefing", "liaison_team", "abductions_raised"}


def test_there_are_models():
    assert MODELS, "models/*.toml is empty"


@pytest.mark.parametrize("path", MODELS, ids=[p.name for p in MODELS])
def test_every_model_loads_with_its_articles(path):
    scenario = load_scenario(path)
    assert scenario.name == path.stem
    assert all(article.is_file() for article in scenario.article_paths())


def test_the_default_scenario_is_the_shipped_one():
    path = default_scenario_path()
    assert path.resolve() == (REPO / "models" / "us_japan_2018.toml").resolve()
    scenario = load_scenario(path)
    assert scenario.as_of == dt.date(2018, 5, 13)
    assert scenario["briefed"].expr == "visit or phone_briefing"
    assert scenario["phone_briefing"].given == "not visit"
    assert "summit" in scenario["visit"].requires


def test_the_example_article_is_marked_and_dated():
    article = read_article(ARTICLE)  # no --published: the dateline must give the date
    assert article.published == dt.date(2018, 5, 13)
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    assert "Illustrative article" in lines[1] and "forecast project" in lines[1]
    assert lines[3].startswith("TOKYO, May 13, 2018 -")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def test_shingles_catch_a_copied_sentence():
    copied = "He said the two leaders will meet again on the same day."
    assert _shingles(_words(copied)) & _shingles(_words("x " + copied + " y"))


def test_the_example_article_copies_no_run_of_eight_words_from_the_seed(seed_article_path):
    seed = _shingles(_words(seed_article_path.read_text(encoding="utf-8")))
    ours = _shingles(_words(ARTICLE.read_text(encoding="utf-8")))
    assert not {" ".join(run) for run in seed & ours}


def _linked_events(path: Path) -> set[str]:
    scenario = load_scenario(default_scenario_path())
    claims = extract_claims(read_article(path, published=dt.date(2018, 5, 13)))
    return {evidence.event for evidence in link_claims(scenario, claims)}


def test_the_example_article_informs_every_event_it_reports():
    assert _linked_events(ARTICLE) == LINKED


def test_the_real_seed_runs_through_the_same_path(seed_article_path):
    assert _linked_events(seed_article_path) == LINKED
