"""Reading: files, HTML, Markdown, JSON and feed entries in, an :class:`Article` out.

:func:`read_article` reads a file and :func:`parse_article` a string into an ``Article``
(normalised text, published date, outlet, title and a content hash); markup is cleaned by
:mod:`~forecast.reading.textclean`, datelines read by :mod:`~forecast.reading.dateline`,
and :func:`non_article_reason` says why a file is data or code rather than news.
"""

from forecast.reading.article import (
    MAX_ARTICLE_BYTES,
    Article,
    article_id,
    normalise_text,
    parse_article,
    parse_published,
    read_article,
)
from forecast.reading.sniff import non_article_reason

__all__ = [
    "MAX_ARTICLE_BYTES",
    "Article",
    "article_id",
    "non_article_reason",
    "normalise_text",
    "parse_article",
    "parse_published",
    "read_article",
]
