"""The ``extract`` command end to end through ``main``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from forecast.cli import main

JSON_FIELDS = {
    "article_id", "sentence", "sentence_span", "event", "predicate", "predicate_span", "cues",
    "polarity", "condition", "source", "tense", "dates", "prob", "low", "high", "logit_mean",
    "logit_sd",
}  # fmt: skip
TRAPS = (
    "Officials said Trump will not visit Japan.\n"
    "If Kim agrees, Abe may travel to Seoul on June 12.\n"
    "Kim may have met Xi last week.\n"
)


@pytest.fixture
def article_path(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TRAPS, encoding="utf-8")
    return path


def test_json_has_stable_fields_and_true_spans(seed_article_path, capsys):
    code = main(["extract", str(seed_article_path), "--format", "json", "--published",
                 "2018-05-13"])  # fmt: skip
    assert code == 0
    records = json.loads(capsys.readouterr().out)
    text = seed_article_path.read_text(encoding="utf-8")
    assert len(records) >= 9
    for record in records:
        assert set(record) >= JSON_FIELDS
        assert text[slice(*record["sentence_span"])] == record["sentence"]
        for cue in record["cues"]:
            start, end = cue["span"]
            assert record["sentence_span"][0] <= start < end <= record["sentence_span"][1]
        assert record["tense"] in {"forward", "fact", "past"}
        assert 0 <= record["low"] <= record["prob"] <= record["high"] <= 1
    visit = [r for r in records if r["event"] == "President Trump visit Japan"]
    assert [c["cue"] for c in visit[0]["cues"]] == [
        "the possibility of",
        "no schedule has been set yet",
    ]
    g7 = next(r for r in records if "G7" in r["event"])
    assert g7["dates"][0]["start"] == "2018-06-08" and g7["dates"][0]["end"] == "2018-06-09"


def test_json_reads_negation_condition_and_past(article_path, capsys):
    assert main(["extract", str(article_path), "--format", "json", "--published",
                 "2018-05-13"]) == 0  # fmt: skip
    visit, travel, met = json.loads(capsys.readouterr().out)
    assert visit["polarity"] == "negated" and visit["source"]["kind"] == "anonymous"
    start = TRAPS.index("will not")
    assert visit["cues"][0] == {"cue": "will", "span": [start, start + 8], "negated": True}
    start = TRAPS.index("Kim agrees")
    condition = {"event": "Kim agrees", "span": [start, start + 10], "negated": False}
    assert travel["condition"] == condition
    assert met["tense"] == "past"


def test_table_names_cues_and_hides_the_past(article_path, capsys):
    assert main(["extract", str(article_path), "--published", "2018-05-13"]) == 0
    out, err = capsys.readouterr()
    assert "not will" in out and "may" in out and "Kim agrees" in out
    assert "Xi" not in out and "1 past background claim hidden" in err
    assert main(["extract", str(article_path), "--published", "2018-05-13", "--all"]) == 0
    assert "Xi" in capsys.readouterr().out


def test_csv_keeps_every_claim(article_path, capsys):
    assert main(["extract", str(article_path), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("event,cues,polarity")
    assert len(lines) == 4


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_no_claims_is_not_an_error(tmp_path, capsys, fmt):
    path = tmp_path / "plain.txt"
    path.write_text("Photo: AP\n", encoding="utf-8")
    assert main(["extract", str(path), "--format", fmt]) == 0
    out, err = capsys.readouterr()
    assert "no claims found" in err
    if fmt == "json":
        assert json.loads(out) == []


def test_bad_date_and_missing_file_exit_2(article_path, tmp_path, capsys):
    assert main(["extract", str(article_path), "--published", "13/05/2018"]) == 2
    assert "--published" in capsys.readouterr().err
    assert main(["extract", str(tmp_path / "absent.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_extract_path_does_not_import_pymc(article_path):
    script = (
        "import sys; from forecast.cli import main; "
        f"main(['extract', {str(article_path)!r}, '--format', 'json']); "
        "sys.exit('pymc' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()


def test_several_articles_in_one_call(article_path, tmp_path, capsys):
    other = tmp_path / "other.txt"
    other.write_text("Sources said the summit is expected to go ahead.\n", encoding="utf-8")
    assert main(["extract", str(article_path), str(other)]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split()[0] == "article"
    assert {row.split()[0] for row in rows} == {"story.txt", "other.txt"}
    assert main(["extract", str(article_path), str(other), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len({record["article_id"] for record in records}) == 2


def test_with_a_model_each_claim_says_which_event_it_links_to_and_why(tmp_path, capsys):
    scenario = tmp_path / "plain.toml"
    scenario.write_text(
        'name = "plain"\ntitle = "Plain"\n\n[events.visit]\n'
        'question = "Will Trump visit Japan by 2018-06-30?"\nresolution = "R"\n',
        encoding="utf-8",
    )
    story = tmp_path / "story.txt"
    story.write_text("Trump may stop in Japan next month.\nKim met Xi last week.\n")
    args = ["extract", str(story), "--published", "2018-05-13", "--model", str(scenario)]
    assert main([*args, "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    links = [record["link"] for record in records]
    assert links[0] == {"event": "visit", "against": False, "reason": "frame: actor+action+target"}
    assert all(link is None for link in links[1:])
    assert main([*args, "--format", "csv"]) == 0
    assert "visit (frame: actor+action+target)" in capsys.readouterr().out
