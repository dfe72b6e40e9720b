"""Claims already extracted from an article, kept on disk so a rerun skips the parser.

Loading spaCy and the shipped parser costs more than a second of CPU, the largest part
of a warm ``forecast run`` besides PyMC's own import. Extraction is a pure function of
the article and of the reader (the ``forecast.language`` code, the lexicon, the parser
model and spaCy's version, and the few modules they use), so its result is cached
under a key that hashes all of them: editing any of them, or the article, misses the
cache. Like PyTensor's compile cache, it lives in the user's cache folder
(``$FORECAST_CLAIM_CACHE``, else ``$XDG_CACHE_HOME/forecast/claims``, else
``~/.cache/forecast/claims``; ``none`` turns it off). A cache that cannot be read or
written is ignored: the claims are extracted.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

from forecast.errors import InputError
from forecast.language.claim import Claim
from forecast.language.parse import MODEL_DIR, PARSER_ENV
from forecast.reading.article import Article

__all__ = ["CACHE_ENV", "cache_dir", "cached_claims", "parser_in_use", "reader_fingerprint"]

CACHE_ENV = "FORECAST_CLAIM_CACHE"
_PACKAGE = Path(__file__).resolve().parents[1]
_READER_FILES = ("language/**/*.py", "reading/*.py", "prob.py", "data/lexicon.json")
_PARSER_FILES = ("*.json", "*.cfg")


def cache_dir() -> Path | None:
    """Where cached claims live; None when ``$FORECAST_CLAIM_CACHE`` is ``none``."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return None if explicit.lower() == "none" else Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "forecast" / "claims"


def parser_in_use() -> Path:
    """The parser model extraction loads: ``$FORECAST_PARSER``, else the shipped one."""
    return Path(os.environ.get(PARSER_ENV) or MODEL_DIR).resolve()


@functools.cache
def reader_fingerprint(parser: Path = MODEL_DIR) -> str:
    """A hash of everything extraction with the model at ``parser`` depends on besides the
    article: the reader's code and lexicon, the model's settings and scores, spaCy's version."""
    digest = hashlib.sha256()
    for folder, patterns in ((_PACKAGE, _READER_FILES), (Path(parser), _PARSER_FILES)):
        for pattern in patterns:
            for path in sorted(folder.glob(pattern)):
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    for package in ("spacy", "thinc"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    return digest.hexdigest()


def cached_claims(
    article: Article, extract: Callable[[Article], Sequence[Claim]]
) -> tuple[Claim, ...]:
    """``extract(article)``, read from the cache when this reader has seen the article."""
    from forecast.language.records import claim_from_dict, claim_to_dict

    folder = cache_dir()
    if folder is None:
        return tuple(extract(article))
    fields = json.dumps(dataclasses.asdict(article), default=str, sort_keys=True)
    reader = reader_fingerprint(parser_in_use())
    key = hashlib.sha256(f"{reader}\n{fields}".encode()).hexdigest()
    path = folder / f"{key}.json"
    try:
        return tuple(claim_from_dict(record) for record in json.loads(path.read_text()))
    except (OSError, ValueError, TypeError, KeyError, InputError):
        pass  # not cached yet, or unreadable: extract afresh
    claims = tuple(extract(article))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps([claim_to_dict(claim) for claim in claims]))
        partial.replace(path)  # atomic: a reader never sees half a file
    except OSError:
        pass  # a read-only or full cache folder costs only the next extraction
    return claims
