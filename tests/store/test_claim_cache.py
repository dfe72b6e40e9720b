"""The claim cache: a rerun reads what extraction gave, and any change misses it."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from forecast.language.extract import extract_claims
from forecast.language.parse import MODEL_DIR, PARSER_ENV
from forecast.reading.article import Article
from forecast.store import claim_cache
from forecast.store.claim_cache import CACHE_ENV, cached_claims

ARTICLE = Article(
    "Officials said Trump may visit Japan on June 12. Abe will probably meet Moon in Seoul.",
    published=dt.date(2018, 5, 13),
    source="Wire",
)


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """The cache in a folder of its own, and an extractor that counts its calls."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "claims"))
    calls = []

    def extract(article):
        calls.append(article)
        return extract_claims(article)

    return extract, calls


def test_a_rerun_reads_the_claims_extraction_gave(counted):
    extract, calls = counted
    first = cached_claims(ARTICLE, extract)
    again = cached_claims(ARTICLE, extract)
    assert first and again == first == tuple(extract_claims(ARTICLE))
    assert len(calls) == 1


def test_another_article_or_another_reader_misses(counted, monkeypatch):
    extract, calls = counted
    cached_claims(ARTICLE, extract)
    other = Article(ARTICLE.text, published=dt.date(2018, 5, 20), source="Wire")
    assert cached_claims(other, extract)[0].published == dt.date(2018, 5, 20)
    monkeypatch.setattr(claim_cache, "reader_fingerprint", lambda parser: "an edited reader")
    cached_claims(ARTICLE, extract)
    assert len(calls) == 3


def test_a_damaged_cache_entry_is_extracted_again(counted, tmp_path):
    extract, calls = counted
    expected = cached_claims(ARTICLE, extract)
    (entry,) = (tmp_path / "claims").iterdir()
    entry.write_text('[{"event": ')
    assert cached_claims(ARTICLE, extract) == expected and len(calls) == 2


def test_an_unwritable_cache_or_none_still_gives_the_claims(monkeypatch, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    for setting in (str(blocked / "claims"), "none"):
        monkeypatch.setenv(CACHE_ENV, setting)
        assert cached_claims(ARTICLE, extract_claims) == tuple(extract_claims(ARTICLE))


def test_another_parser_model_misses(counted, monkeypatch, tmp_path):
    """$FORECAST_PARSER naming another model (here: other settings) is another reader."""
    extract, calls = counted
    cached_claims(ARTICLE, extract)
    other = tmp_path / "parser"
    shutil.copytree(MODEL_DIR, other)
    (other / "meta.json").write_text((other / "meta.json").read_text().replace("{", '{"x": 1,', 1))
    monkeypatch.setenv(PARSER_ENV, str(other))
    cached_claims(ARTICLE, extract)
    cached_claims(ARTICLE, extract)
    assert len(calls) == 2
