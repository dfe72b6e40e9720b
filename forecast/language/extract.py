"""Claim extraction: hedged statements in an article, as uncertain evidence about events.

Rule-based and pure Python over the shipped parse. The article is parsed in pieces
(:mod:`.parse`); each sentence, outside page furniture, is read by
:class:`~forecast.language.sentence_claims.SentenceReading` with its source (an
attribution, or the last official or anonymous one before it) and the parse's readings of
its predicates.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing

from forecast.language.attribution import resolve_source
from forecast.language.claim import Claim
from forecast.language.furniture import furniture_lines, without_datelines
from forecast.language.lexicon import Lexicon, load_lexicon
from forecast.language.parse import stream_parsed
from forecast.language.predicates import PredicateReading, read_doc
from forecast.language.records import claim_to_dict, claims_to_frame
from forecast.language.sentence_claims import SentenceReading, cues_of
from forecast.language.sentences import split_sentences
from forecast.language.speakers import Earlier, quoted_attributions, spoken
from forecast.reading.article import Article

__all__ = ["claim_to_dict", "claims_to_frame", "extract_claims"]

FRONT_SHARE = 0.44
"""Share of a long article this process parses while a forked helper parses the rest.

This process also reads every sentence, as the helper's pieces arrive, so it parses less
than half: reading sentences costs about an eighth of parsing and reading predicates (5 MB
of prose: 15.6 of 118 CPU-s), and (1 - 0.13) / 2 ~ 0.44 has both cores finish together."""


def extract_claims(article: Article, lexicon: Lexicon | None = None, nlp=None) -> tuple[Claim, ...]:
    """Every claim in ``article``, in text order, past background included (``Tense.PAST``).

    The cue-driven reading of each sentence is checked against the predicate reader on the
    dependency parse (``nlp``, default the shipped parser; :mod:`.reconcile`): bad-news
    constructions take the parse's reading, claims the parse puts in the present or past
    become background, and forward events no cue reached become claims.

    Examples
    --------
    >>> import datetime as dt
    >>> article = Article("President Trump may stop in Japan.", published=dt.date(2018, 5, 13))
    >>> [(c.event, [m.cue for m in c.cues]) for c in extract_claims(article)]
    [('President Trump stop in Japan', ['may'])]
    """
    lexicon = lexicon if lexicon is not None else load_lexicon()
    claims: list[Claim] = []
    text = without_datelines(article.text)
    pieces = stream_parsed(
        text, lambda doc, offset: read_doc(doc, lexicon, offset), nlp, FRONT_SHARE
    )
    with closing(pieces):
        _read_sentences(article, text, lexicon, _Readings(pieces), claims)
    return tuple(claims)


def _read_sentences(
    article: Article, text: str, lexicon: Lexicon, predicates: _Readings, claims: list[Claim]
) -> None:
    """Append the claims of each sentence of ``text`` (``article``'s, its datelines blanked)
    to ``claims``, in text order."""
    outlet = article.source or "outlet"
    article_id = article.id  # hashed once: the whole text, not once per claim
    cues = cues_of(lexicon)
    earlier = Earlier(outlet)
    position = 0
    furniture, line = furniture_lines(text), 0
    sentences = split_sentences(text)
    for sentence, (attribution, quoted) in zip(
        sentences, quoted_attributions(text, sentences), strict=True
    ):
        while line < len(furniture) and furniture[line][1] <= sentence.span[0]:
            line += 1
        if line < len(furniture) and furniture[line][0] <= sentence.span[0]:
            continue  # headings, "Related:" lines, captions: no statement to weigh
        readings = predicates.reach(sentence.span[1])
        while position < len(readings) and readings[position].span[0] < sentence.span[0]:
            position += 1
        parsed = tuple(_within(readings, position, sentence.span[1]))
        source = resolve_source(attribution, earlier.written, outlet)
        # An attribution clause is not part of the event; a hearsay word inside the
        # statement ("reportedly") stays readable, since it is also a cue.
        masked = () if attribution is None or attribution.marker else (attribution.span,)
        reading = SentenceReading(
            article, article_id, sentence, source, lexicon, cues, masked, claims, parsed
        )
        found = [spoken(claim, parsed, source, earlier, quoted) for claim in reading.claims()]
        claims.extend(found)
        names = [earlier.source(name) for r in parsed for name in (*r.sources, *r.holders)]
        earlier = earlier.after(source, [*filter(None, names), *(claim.source for claim in found)])


class _Readings:
    """The parse's readings of an article in text order, pulled in only as far as the
    sentence being read needs, so reading sentences overlaps the helper's parse of later
    pieces (:func:`~forecast.language.parse.stream_parsed`)."""

    def __init__(self, pieces: Iterator[tuple[int, tuple[PredicateReading, ...]]]):
        self._pieces = pieces
        self._reached = 0
        self._items: list[PredicateReading] = []

    def reach(self, end: int) -> list[PredicateReading]:
        """Every reading of the pieces up to the one that reaches offset ``end``."""
        while self._reached < end:
            self._reached, piece = next(self._pieces)
            self._items.extend(piece)
        return self._items


def _within(readings, start: int, end: int):
    """Readings from index ``start`` while they begin before ``end`` (text order); indexed,
    not sliced, so that each sentence costs its own readings, not the article's rest."""
    for index in range(start, len(readings)):
        if readings[index].span[0] >= end:
            return
        yield readings[index]
