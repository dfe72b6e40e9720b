"""``forecast draft``: TOML on stdout that loads back and links the article's claims."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from forecast.cli import main
from forecast.language.extract import extract_claims
from forecast.reading.article import read_article
from forecast.scenario import link_claim, link_claims, load_scenario
from forecast.scenario.draft import MAX_EVENTS

REPO = Path(__file__).resolve().parents[2]
ARTICLE = REPO / "models" / "articles" / "us_japan_2018-05-13.txt"


def draft(capsys, tmp_path: Path, *args: str) -> Path:
    """Run ``forecast draft`` and save its stdout as a scenario file."""
    assert main(["draft", *args]) == 0
    out = capsys.readouterr().out
    path = tmp_path / "new.toml"
    path.write_text(out, encoding="utf-8")
    return path


def drafted_well(scenario, claims) -> None:
    """Few events, each asked with a deadline and informed by a claim (or a condition)."""
    assert 0 < len(scenario.events) <= MAX_EVENTS
    assert all(re.search(r" by \d{4}-\d{2}-\d{2}\?$", e.question) for e in scenario.events)
    linked = {evidence.event for evidence in link_claims(scenario, claims)}
    conditions = {name for e in scenario.events if e.given for name in e.parents}
    assert all(e.name in linked | conditions for e in scenario.events)
    assert all(link_claim(scenario, claim) is None for claim in claims if not claim.forward)


def test_the_draft_loads_back_and_its_events_are_informed(capsys, tmp_path):
    scenario = load_scenario(draft(capsys, tmp_path, str(ARTICLE)))
    assert scenario.name == "us_japan_2018_05_13"
    assert scenario.as_of == dt.date(2018, 5, 13)
    assert scenario.article_paths() == (ARTICLE.resolve(),)
    drafted_well(scenario, extract_claims(read_article(ARTICLE)))
    assert all("TODO: curate" in event.resolution for event in scenario.events)


def test_max_events_caps_the_draft(capsys, tmp_path):
    scenario = load_scenario(draft(capsys, tmp_path, str(ARTICLE), "--max-events", "2"))
    assert len(scenario.events) == 2


def test_the_conditional_claim_becomes_a_given_relation(capsys, tmp_path):
    scenario = load_scenario(draft(capsys, tmp_path, str(ARTICLE)))
    conditional = [event for event in scenario.events if event.given is not None]
    assert conditional, "the article's 'If Trump does not visit Japan' claim was not drafted"
    assert all(event.given.startswith("not ") for event in conditional)


def test_options_name_and_published(capsys, tmp_path):
    path = draft(capsys, tmp_path, str(ARTICLE), "--name", "mine", "--published", "2018-05-20")
    scenario = load_scenario(path)
    assert scenario.name == "mine" and scenario.as_of == dt.date(2018, 5, 20)
    assert "# from: " in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt"], r"missing\.txt: no such file"),
        ([str(ARTICLE), "--published", "May 13"], r"--published: expected an ISO date"),
        ([str(ARTICLE), "--name", "has space"], r"key 'name': must be a name"),
    ],
)
def test_bad_input_prints_one_line_and_exits_2(capsys, args, message):
    assert main(["draft", *args]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert re.search(message, err)


def test_an_article_without_forward_claims_is_an_error(capsys, tmp_path):
    path = tmp_path / "old.txt"
    path.write_text("Officials met in Tokyo last week.\n", encoding="utf-8")
    assert main(["draft", str(path), "--published", "2018-05-13"]) == 2
    assert "no forward-looking claims" in capsys.readouterr().err


def test_drafting_the_real_seed(capsys, tmp_path, seed_article_path):
    path = draft(capsys, tmp_path, str(seed_article_path), "--published", "2018-05-13")
    scenario = load_scenario(path)
    claims = extract_claims(read_article(seed_article_path, published=dt.date(2018, 5, 13)))
    drafted_well(scenario, claims)
