"""Claim records: ``claim_from_dict`` is the exact inverse of ``claim_to_dict``."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forecast.errors import InputError
from forecast.language.extract import extract_claims
from forecast.language.records import claim_from_dict, claim_to_dict
from forecast.reading.article import Article

# Each sentence exercises a field: conditions (either polarity), dates (closed, open),
# attribution kinds, negation, past tense, stacked cues.
SENTENCES = (
    "Officials said Trump will not visit Japan.",
    "If Kim agrees, Abe may travel to Seoul on June 12.",
    "If Trump does not visit Japan afterward, Abe may fly to Washington.",
    "Kim may have met Xi last week.",
    "Sources say the summit is expected to take place within one week.",
    "No schedule has been set yet for a meeting between Moon and Abe.",
    "It is rumoured that Xi might possibly visit Pyongyang next month.",
    "The White House confirmed the summit taking place on June 12 in Singapore.",
    "Trump met Moon in Washington in April.",
    "White House spokeswoman Sarah Sanders said Trump may visit Japan.",
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5),
    st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))),
)
def test_round_trip_through_json_restores_every_claim(sentences, published):
    claims = extract_claims(Article(" ".join(sentences), published=published))
    records = json.loads(json.dumps([claim_to_dict(claim) for claim in claims]))
    assert tuple(claim_from_dict(record) for record in records) == claims


def test_round_trip_covers_every_field():
    """The fixed sentences between them give every optional field a non-default value."""
    text = " ".join(SENTENCES)
    claims = extract_claims(Article(text, published=dt.date(2018, 5, 13)))
    assert {claim.source.kind.value for claim in claims} >= {"official", "anonymous", "outlet"}
    assert any(claim.condition is not None and claim.condition.negated for claim in claims)
    assert any(claim.negated for claim in claims)
    assert any(date.start is not None for claim in claims for date in claim.dates)
    assert {claim.tense.value for claim in claims} >= {"forward", "past"}
    assert all(claim.published == dt.date(2018, 5, 13) for claim in claims)
    assert tuple(claim_from_dict(claim_to_dict(claim)) for claim in claims) == claims


@pytest.fixture
def record():
    return claim_to_dict(extract_claims(Article("Officials said Trump may visit Japan."))[0])


def test_missing_field_is_named(record):
    del record["cue_sd"]
    with pytest.raises(InputError, match="claim record: field 'cue_sd' is missing"):
        claim_from_dict(record)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("polarity", "maybe", "polarity must be 'asserted' or 'negated'; got 'maybe'"),
        ("tense", "someday", "'someday' is not a valid Tense"),
        ("sentence_span", [5], "not enough values"),
        ("published", "13 May 2018", "Invalid isoformat"),
    ],
)
def test_malformed_field_is_refused(record, field, value, message):
    record[field] = value
    with pytest.raises(InputError, match=f"claim record: malformed field .*{message}"):
        claim_from_dict(record)
