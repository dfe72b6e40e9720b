"""Language: an :class:`~forecast.reading.Article` in, its :class:`Claim`s and their frames out.

The shipped spaCy pipeline parses the article (:mod:`~forecast.language.parse`, in pieces,
two processes for a long text); the predicate reader gives every event mention on the parse
its tense, polarity, governing cues and construction family
(:mod:`~forecast.language.predicates`); :func:`extract_claims` reads each sentence's hedge
cues against the :class:`Lexicon` (what each cue implies, with provenance) and returns the
claims with their sources and dates; :func:`claim_frames` reads each claim's event as actor,
action class, place and time, for drafting and linking. Names are imported on first use,
so ``import forecast.language`` loads neither spaCy nor pandas.
"""

from forecast.lazy import lazy_exports

_EXPORTS = {
    # claim values
    "Claim": "forecast.language.claim",
    "Condition": "forecast.language.claim",
    "CueMatch": "forecast.language.claim",
    "DateMention": "forecast.language.claim",
    "Source": "forecast.language.claim",
    "SourceKind": "forecast.language.claim",
    "Tense": "forecast.language.claim",
    # lexicon
    "Cue": "forecast.language.lexicon",
    "Lexicon": "forecast.language.lexicon",
    "Provenance": "forecast.language.lexicon",
    "load_lexicon": "forecast.language.lexicon",
    # parse
    "ParserError": "forecast.language.parse",
    "load_parser": "forecast.language.parse",
    "parse_text": "forecast.language.parse",
    "read_parsed": "forecast.language.parse",
    "stream_parsed": "forecast.language.parse",
    # predicates
    "PredicateReading": "forecast.language.predicates",
    "read_doc": "forecast.language.predicates",
    "read_text": "forecast.language.predicates",
    # claims
    "extract_claims": "forecast.language.extract",
    "claim_from_dict": "forecast.language.records",
    "claim_to_dict": "forecast.language.records",
    "claims_to_frame": "forecast.language.records",
    # frames
    "Frame": "forecast.language.frames",
    "claim_frames": "forecast.language.frames",
}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
