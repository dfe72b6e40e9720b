"""Articles: text plus metadata, identified by a hash of the normalised text.

Readers for plain text, Markdown, HTML and JSON live here; they validate at the
edge and raise :class:`~forecast.errors.InputError` with the path and the rule.
Markup cleaning lives in :mod:`forecast.reading.textclean`, dateline reading in
:mod:`forecast.reading.dateline`.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from forecast.errors import InputError
from forecast.reading.dateline import (
    DATELINE_CHARS,
    date_out_of_range,
    find_date,
    find_outlet,
    headline,
)
from forecast.reading.textclean import Cleaned, clean_html, clean_json, clean_markdown

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

    def __post_init__(self) -> None:
        if not isinstance(self.text, str) or not self.text.strip():
            raise InputError(
                f"Article: field 'text': expected a string with non-whitespace content; "
                f"got {_show(self.text)}"
            )
        if self.published is not None and (
            not isinstance(self.published, dt.date) or isinstance(self.published, dt.datetime)
        ):
            raise InputError(
                f"Article: field 'published': expected a datetime.date or None; "
                f"got {_show(self.published)}"
            )
        for field in ("title", "source", "url", "path"):
            value = getattr(self, field)
            if value is not None and not isinstance(value, str):
                raise InputError(
                    f"Article: field {field!r}: expected a string or None; got {_show(value)}"
                )

    @property
    def id(self) -> str:
        """Hash of the normalised text (see :func:`article_id`)."""
        return article_id(self.text)


def _show(value: object) -> str:
    """A short repr of ``value`` with its type, for error messages."""
    text = repr(value)
    text = text if len(text) <= 60 else text[:57] + "..."
    return f"{text} ({type(value).__name__})"


# --- reading -------------------------------------------------------------------------

MAX_ARTICLE_BYTES = 5_000_000
"""Largest article file read (5 MB); news stories are tens of kilobytes."""

MAX_CONTROL_SHARE = 0.01
"""Share of control characters (other than tab and line breaks) above which text is binary."""

FORMATS = ("text", "markdown", "html", "json")
_FORMAT_NAMES = {
    "text": "text", "txt": "text", "plain": "text", "markdown": "markdown", "md": "markdown",
    "html": "html", "htm": "html", "json": "json", "auto": "auto",
}  # fmt: skip
_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".json": "json",
}  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|article|p|div)\b", re.I)
_MARKDOWN_SNIFF = re.compile(r"^(?:#{1,6}\s|```|~~~|>\s|[-*+]\s)|\]\([^)\s]+\)", re.M)


def read_article(
    path: str | os.PathLike[str],
    *,
    published: dt.date | None = None,
    fmt: str | None = None,
) -> Article:
    """Read one article file into an :class:`Article`.

    Parameters
    ----------
    path
        The file. Its format comes from the extension (``.txt``/``.text``, ``.md``/
        ``.markdown``, ``.html``/``.htm``, ``.json``), or is sniffed from the content
        when the extension is unknown.
    published
        Publication date; overrides any date the file states.
    fmt
        Force a format: one of ``text``, ``markdown``, ``html``, ``json`` or ``auto``.

    Raises
    ------
    InputError
        The file is missing, a directory, larger than :data:`MAX_ARTICLE_BYTES`, binary,
        not UTF-8 (or UTF-16 with a byte-order mark), empty, or breaks its format's rules.
    """
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read the file ({error.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name}: is a directory; expected an article file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{name}: not a regular file; expected an article file")
    _check_size(name, info.st_size)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as error:
        raise InputError(f"{name}: cannot read the file ({error.strerror})") from None
    _check_size(name, len(data))
    if fmt is None:
        fmt = _EXTENSIONS.get(Path(name).suffix.lower(), "auto")
    article = parse_article(_decode(data, name), fmt, name=name, published=published)
    return dataclasses.replace(article, path=name)


def parse_article(
    text: str, fmt: str, *, name: str = "<text>", published: dt.date | None = None
) -> Article:
    """Turn article text in format ``fmt`` into an :class:`Article`.

    The in-memory half of :func:`read_article`. ``fmt`` is ``text``, ``markdown``,
    ``html``, ``json`` or ``auto`` (sniff); ``name`` labels error messages. The date
    is ``published`` if given, else the one the markup states, else a dateline near
    the start of the text; the outlet likewise falls back to a dateline such as
    ``(Reuters) -``.

    Examples
    --------
    >>> story = "Talks may resume\\nWASHINGTON, June 10, 2018 (Reuters) - Talks may."
    >>> a = parse_article(story, "text")
    >>> a.title, a.published, a.source
    ('Talks may resume', datetime.date(2018, 6, 10), 'Reuters')
    """
    kind = _FORMAT_NAMES.get(fmt.lower()) if isinstance(fmt, str) else None
    if kind is None:
        raise InputError(f"{name}: format must be one of auto, {', '.join(FORMATS)}; got {fmt!r}")
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    if not text.strip():
        raise InputError(f"{name}: empty article (no text, or whitespace only)")
    if kind == "auto":
        kind = sniff_format(text)
    if kind == "json":
        cleaned = clean_json(text, name=name)
    elif kind == "markdown":
        cleaned = clean_markdown(text)
    elif kind == "html":
        cleaned = clean_html(text)
    else:
        cleaned = Cleaned(text)
    if not cleaned.text.strip():
        where = "field 'text' is blank" if kind == "json" else f"nothing left of the {kind}"
        raise InputError(f"{name}: no article text ({where})")
    head = cleaned.text[:DATELINE_CHARS]
    # JSON is a declared schema, so its date must be valid; page metadata is read leniently.
    stated = (
        parse_published(cleaned.published, field=f"{name}: field 'published'")
        if kind == "json" and cleaned.published is not None
        else find_date(cleaned.published or "")
    )
    title = cleaned.title
    if title is None and kind in ("text", "markdown"):
        title = headline(cleaned.text)
    return Article(
        text=cleaned.text,
        published=published or stated or find_date(head),
        title=title,
        source=cleaned.source or find_outlet(head),
        url=cleaned.url,
    )


def sniff_format(text: str) -> str:
    """Guess the format of article text: ``json``, ``html``, ``markdown`` or ``text``."""
    stripped = text.strip()
    if stripped.startswith("{") and stripped.endswith("}"):
        return "json"
    if _HTML_SNIFF.search(stripped[:2000]):
        return "html"
    if _MARKDOWN_SNIFF.search(stripped[:5000]):
        return "markdown"
    return "text"


def parse_published(value: str, *, field: str = "--published") -> dt.date:
    """Parse an ISO date (``YYYY-MM-DD``, optionally with a time) for ``field``.

    Examples
    --------
    >>> parse_published("2018-05-13")
    datetime.date(2018, 5, 13)
    """
    match = _ISO_VALUE.fullmatch(value.strip()) if isinstance(value, str) else None
    reason = ""
    if match:
        try:
            day = dt.date.fromisoformat(match.group(1))
        except ValueError as error:
            reason = f" ({error})"
        else:
            if problem := date_out_of_range(day):
                raise InputError(f"{field}: {problem}")
            return day
    raise InputError(f"{field}: expected an ISO date (YYYY-MM-DD); got {value!r}{reason}")


_ISO_VALUE = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?"
)


def _check_size(name: str, size: int) -> None:
    if size > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{name}: file is {size / 1e6:.1f} MB; articles are limited to "
            f"{MAX_ARTICLE_BYTES / 1e6:g} MB (MAX_ARTICLE_BYTES)"
        )


def _decode(data: bytes, name: str) -> str:
    """Decode file bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM; refuse binary."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(
                f"{name}: not UTF-16 text despite its byte-order mark ({error.reason} "
                f"at byte {error.start})"
            ) from None
    elif b"\x00" in data:
        raise InputError(f"{name}: binary file (contains NUL bytes); expected text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError(
                f"{name}: not UTF-8 text (invalid byte 0x{data[error.start]:02x} at offset "
                f"{error.start}); save it as UTF-8, or UTF-16 with a byte-order mark"
            ) from None
    n_control = len(_CONTROL.findall(text))
    if "\x00" in text or n_control > MAX_CONTROL_SHARE * len(text):
        raise InputError(
            f"{name}: binary file ({n_control} control characters in {len(text)}; "
            f"text allows at most {MAX_CONTROL_SHARE:.0%})"
        )
    return text
