"""Helpers shared by the extraction tests: finding one claim, checking spans."""

from __future__ import annotations

import datetime as dt
import re

from forecast.language.claim import Claim
from forecast.language.cues import CONTRACTIONS
from forecast.language.extract import extract_claims
from forecast.language.lexicon import Lexicon
from forecast.reading.article import Article


def only(claims: tuple[Claim, ...], *, event: str, cue: str | None = None) -> Claim:
    """The one claim whose event contains ``event`` (and carries ``cue``, when given)."""
    found = [
        claim
        for claim in claims
        if event.lower() in claim.event.lower()
        and (cue is None or cue in [match.cue for match in claim.cues])
    ]
    assert len(found) == 1, f"{len(found)} claims with event {event!r} and cue {cue!r}: " + repr(
        [(claim.event, [m.cue for m in claim.cues]) for claim in claims]
    )
    return found[0]


def forward_claims(text: str, lexicon: Lexicon) -> list[Claim]:
    """The forward claims read in ``text``, published on a fixed date."""
    claims = extract_claims(Article(text, published=dt.date(2018, 5, 13)), lexicon)
    return [claim for claim in claims if claim.forward]


def cue_names(claim: Claim) -> list[str]:
    return [match.cue for match in claim.cues]


def check_spans(article: Article, claims: tuple[Claim, ...], lexicon: Lexicon) -> None:
    """Every span indexes the words it claims to: sentence, cue form, condition, dates."""
    text = article.text
    for claim in claims:
        start, end = claim.sentence_span
        assert text[start:end] == claim.sentence
        # Inside the sentence, except for an event carried over from an earlier sentence.
        assert 0 <= claim.predicate_span[0] < claim.predicate_span[1] <= len(text)
        for match in claim.cues:
            assert start <= match.span[0] < match.span[1] <= end
            words = text[match.span[0] : match.span[1]].lower()
            if not lexicon[match.cue].forms:
                continue  # "stated as fact" points at the predicate it reads as fact
            assert _form_of(words, lexicon) or words in CONTRACTIONS, (match.cue, words)
        if claim.condition is not None:
            c_start, c_end = claim.condition.span
            assert start <= c_start < c_end <= end
        for date in claim.dates:
            assert text[date.span[0] : date.span[1]] == date.text


def _form_of(words: str, lexicon: Lexicon) -> bool:
    """``words`` is a lexicon form, once negators and inserted adverbs are taken out."""
    forms = {form for cue in lexicon for form in cue.forms}
    variants = {words}
    for pattern in (
        r"\byet\b",
        r"\b(?:not|never|yet|necessarily|also|still|now|already|widely)\b|n't",
    ):
        variants.add(" ".join(re.sub(pattern, " ", words).split()))
    return bool(variants & forms)
