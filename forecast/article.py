"""Articles: text plus metadata, identified by a hash of the normalised text.

Readers for plain text, Markdown, HTML and JSON live here; they validate at the
edge and raise :class:`~forecast.errors.InputError` with the path and the rule.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Return ``text`` in the form its identity is computed from.

    Unicode NFKC, curly quotes folded to straight ones, whitespace collapsed and
    case folded, so re-wrapped or re-encoded copies of one story hash alike.
    """
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_QUOTES)
    return _WS.sub(" ", text).strip().casefold()


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def article_id(text: str) -> str:
    """Stable identity of an article: SHA-256 of its normalised text, 16 hex digits."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article.

    Parameters
    ----------
    text
        The body text claims are extracted from; spans index into it.
    published
        Publication date, used to resolve relative dates and staleness.
    title, source, url, path
        Optional metadata: headline, outlet name, address, file it came from.
    """

    text: str
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None

    @property
    def id(self) -> str:
        """Hash of the normalised text (see :func:`article_id`)."""
        return article_id(self.text)
