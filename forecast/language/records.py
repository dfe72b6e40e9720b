"""Claims as plain records: JSON-ready dicts for pipelines, DataFrames for people.

One mechanism for the CLI and notebooks. Field names are stable; spans are
``[start, end)`` character offsets into the article text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from forecast.errors import InputError
from forecast.language.claim import (
    Claim,
    Condition,
    CueMatch,
    DateMention,
    Source,
    SourceKind,
    Tense,
)

INTERVAL_MASS = 0.9
FRAME_COLUMNS = (
    "event", "cues", "polarity", "condition", "source", "source_kind", "tense", "dates",
    "prob", "low", "high",
)  # fmt: skip


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """One claim as a JSON-ready dict with stable field names.

    Examples
    --------
    >>> import datetime as dt
    >>> from forecast.reading.article import Article
    >>> from forecast.language.extract import extract_claims
    >>> text = "Trump will not visit Japan."
    >>> record = claim_to_dict(extract_claims(Article(text, published=dt.date(2018, 5, 13)))[0])
    >>> record["event"], record["polarity"], record["cues"][0]["span"]
    ('Trump visit Japan', 'negated', [6, 14])
    """
    low, high = claim.interval(INTERVAL_MASS)
    condition = claim.condition
    return {
        "article_id": claim.article_id,
        "sentence": claim.sentence,
        "sentence_span": list(claim.sentence_span),
        "event": claim.event,
        "predicate": claim.predicate,
        "predicate_span": list(claim.predicate_span),
        "cues": [
            {"cue": cue.cue, "span": list(cue.span), "negated": cue.negated} for cue in claim.cues
        ],
        "polarity": "negated" if claim.negated else "asserted",
        "condition": None
        if condition is None
        else {
            "event": condition.event,
            "span": list(condition.span),
            "negated": condition.negated,
        },
        "source": {
            "name": claim.source.name,
            "kind": claim.source.kind.value,
            "side": claim.source.side,
        },
        "tense": claim.tense.value,
        "dates": [
            {
                "text": date.text,
                "span": list(date.span),
                "start": None if date.start is None else date.start.isoformat(),
                "end": None if date.end is None else date.end.isoformat(),
            }
            for date in claim.dates
        ],
        "prob": claim.prob,
        "low": low,
        "high": high,
        "logit_mean": claim.logit_mean,
        "cue_sd": claim.cue_sd,
        "logit_sd": claim.logit_sd,
        "published": None if claim.published is None else claim.published.isoformat(),
        "construction": claim.construction,
        "sources": list(claim.sources),
    }


def claim_from_dict(record: Mapping[str, Any]) -> Claim:
    """Rebuild the :class:`Claim` a :func:`claim_to_dict` record came from.

    The exact inverse of :func:`claim_to_dict`; the derived fields (``prob``, ``low``,
    ``high``, ``logit_sd``) are ignored, since the claim recomputes them.

    Raises
    ------
    InputError
        A field is missing or has the wrong shape; the message names the field.

    Examples
    --------
    >>> from forecast.reading.article import Article
    >>> from forecast.language.extract import extract_claims
    >>> claim = extract_claims(Article("Officials said Trump may visit Japan."))[0]
    >>> claim_from_dict(claim_to_dict(claim)) == claim
    True
    """
    try:
        condition = record["condition"]
        return Claim(
            article_id=record["article_id"],
            sentence=record["sentence"],
            sentence_span=_span(record["sentence_span"]),
            event=record["event"],
            predicate=record["predicate"],
            predicate_span=_span(record["predicate_span"]),
            cues=tuple(
                CueMatch(cue["cue"], _span(cue["span"]), bool(cue["negated"]))
                for cue in record["cues"]
            ),
            negated=_polarity(record["polarity"]),
            source=Source(
                record["source"]["name"],
                SourceKind(record["source"]["kind"]),
                str(record["source"].get("side", "")),
            ),
            tense=Tense(record["tense"]),
            logit_mean=float(record["logit_mean"]),
            cue_sd=float(record["cue_sd"]),
            condition=None
            if condition is None
            else Condition(condition["event"], _span(condition["span"]), condition["negated"]),
            dates=tuple(
                DateMention(
                    date["text"], _span(date["span"]), _date(date["start"]), _date(date["end"])
                )
                for date in record["dates"]
            ),
            published=_date(record.get("published")),
            construction=str(record.get("construction", "")),
            sources=tuple(str(name) for name in record.get("sources", ())),
        )
    except KeyError as error:
        raise InputError(f"claim record: field {error.args[0]!r} is missing") from None
    except (TypeError, ValueError) as error:
        raise InputError(f"claim record: malformed field ({error})") from None


def _span(value: Any) -> tuple[int, int]:
    start, end = value
    return int(start), int(end)


def _polarity(value: Any) -> bool:
    if value not in ("asserted", "negated"):
        raise ValueError(f"polarity must be 'asserted' or 'negated'; got {value!r}")
    return value == "negated"


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def claims_to_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """Claims as a DataFrame for people: one row each, columns ``FRAME_COLUMNS``."""
    rows = []
    for claim in claims:
        low, high = claim.interval(INTERVAL_MASS)
        condition = claim.condition
        rows.append(
            {
                "event": claim.event,
                "cues": "; ".join(
                    f"not {cue.cue}" if cue.negated else cue.cue for cue in claim.cues
                ),
                "polarity": "negated" if claim.negated else "asserted",
                "condition": ""
                if condition is None
                else (f"{'not ' if condition.negated else ''}{condition.event}"),
                "source": claim.source.name,
                "source_kind": claim.source.kind.value,
                "tense": claim.tense.value,
                "dates": "; ".join(_date_text(date) for date in claim.dates),
                "prob": round(claim.prob, 3),
                "low": round(low, 3),
                "high": round(high, 3),
            }
        )
    return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))


def _date_text(date) -> str:
    if date.start is None:
        return date.text
    if date.start == date.end:
        return f"{date.text} ({date.start.isoformat()})"
    return f"{date.text} ({date.start.isoformat()}..{date.end.isoformat()})"
