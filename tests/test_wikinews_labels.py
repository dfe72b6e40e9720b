"""The hand labels on Wikinews articles (benchmarks/labels): schema, cross-references, text.

The label files are committed; the articles they quote live in ``../shared``, so the
verbatim check skips on a fresh clone.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from forecast.language.extract import extract_claims
from forecast.reading.article import parse_article

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _load_module(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


labels_module = _load_module("wikinews_labels")
claims_benchmark = _load_module("wikinews_claims")


@pytest.fixture(scope="module")
def claim_labels() -> list[dict]:
    return labels_module.load_claim_labels()


@pytest.fixture(scope="module")
def question_labels(claim_labels) -> list[dict]:
    return labels_module.load_question_labels(claims=claim_labels)


def test_claim_labels_cover_41_articles_with_unique_ids(claim_labels) -> None:
    ids = Counter(label["id"] for label in claim_labels)
    assert [key for key, count in ids.items() if count > 1] == []
    forward = [label for label in claim_labels if label["forward"]]
    assert len({label["article"] for label in forward}) == 41


def test_questions_cover_20_articles_and_name_their_own_happening(question_labels) -> None:
    assert len({question["article"] for question in question_labels}) >= 20
    assert len({question["id"] for question in question_labels}) == len(question_labels)
    for question in question_labels:
        dt.date.fromisoformat(question["deadline"])
        assert question["claims"], question["id"]
        assert labels_module.question_fires(question, question["question"]), question["id"]


def test_labelled_sentences_occur_verbatim_in_their_articles(shared_dir, claim_labels) -> None:
    data = shared_dir / "data" / "wikinews"
    articles = labels_module.load_articles(data, (label["article"] for label in claim_labels))
    for label in claim_labels:
        article = articles[label["article"]]
        start, end = labels_module.label_span(article, label["sentence"])
        assert article.text[start:end] == label["sentence"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"cue": None}, r"wikinews_claims\.jsonl:1: field 'cue' must be a str"),
        ({"direction": "maybe"}, r"direction must be one of"),
        ({"action": "resign"}, r"action 'resign' not in sentence"),
    ],
)
def test_a_broken_claim_label_is_named(tmp_path, claim_labels, change, message) -> None:
    record = {**claim_labels[0], **change}
    path = tmp_path / "wikinews_claims.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        labels_module.load_claim_labels(path)


def test_a_question_citing_an_unknown_claim_is_named(tmp_path, claim_labels) -> None:
    question = {
        "id": "Q1",
        "article": claim_labels[0]["article"],
        "question": "Will it happen by 2020-01-01?",
        "deadline": "2020-01-01",
        "happening": "it happen",
        "actor": ["it"],
        "action": ["happen"],
        "claims": [{"id": "999-99", "relation": "for"}],
    }
    path = tmp_path / "wikinews_questions.jsonl"
    path.write_text(json.dumps(question) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"'999-99' is not a forward claim label"):
        labels_module.load_question_labels(path, claims=claim_labels)


def test_matching_needs_the_same_sentence_and_the_event_head() -> None:
    text = (
        "Minister to travel\n2020-01-01\n\n"
        "The minister will visit Paris next week. The minister may resign in March."
    )
    article = parse_article(text, "text")
    claims = labels_module.scored_claims(article, extract_claims(article))
    visit = {"sentence": "The minister will visit Paris next week.", "action": "visit"}
    wrong_head = {**visit, "action": "resign"}
    other_sentence = {"sentence": "The minister may resign in March.", "action": "visit"}
    matches = labels_module.match_claims(article, [visit, wrong_head, other_sentence], claims)
    assert [m.claim is not None for m in matches] == [True, False, False]
    assert matches[0].claim.predicate == "visit"


@pytest.mark.parametrize(
    ("sentence", "action"),
    [
        ("The council says a new bridge is to be built over the canal.", "built"),
        ("She is said to be going to Madrid as soon as the talks end.", "going"),
    ],
)
def test_an_irregular_action_matches_its_lemmatised_event(sentence, action) -> None:
    article = parse_article(f"Town news\n2020-01-01\n\n{sentence}", "text")
    claims = labels_module.scored_claims(article, extract_claims(article))
    label = {"sentence": sentence, "action": action}
    assert labels_module.match_claims(article, [label], claims)[0].claim is not None


def test_the_held_out_articles_are_labelled_and_kept_apart(claim_labels) -> None:
    held_out = claims_benchmark.labels_by_article(claim_labels, claims_benchmark.HELD_OUT)
    everything = claims_benchmark.article_prefixes("all", claim_labels)
    developed = claims_benchmark.labels_by_article(
        claim_labels, everything - claims_benchmark.HELD_OUT
    )
    assert {name[:3] for name in held_out} == claims_benchmark.HELD_OUT
    assert (len(held_out), len(developed)) == (7, 34)
    assert all(any(label["forward"] for label in labels) for labels in held_out.values())


@pytest.mark.parametrize("text", ["3x", "032,abc", "0321"])
def test_a_malformed_articles_option_is_named(claim_labels, text) -> None:
    with pytest.raises(ValueError, match=r"--articles: prefixes must be like 032,033"):
        claims_benchmark.article_prefixes(text, claim_labels)


def test_the_articles_option_reads_prefixes(claim_labels) -> None:
    prefixes = claims_benchmark.article_prefixes("032, 040", claim_labels)
    assert prefixes == frozenset({"032", "040"})
