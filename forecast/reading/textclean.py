"""From markup to the words of an article: Markdown, HTML and JSON, with their metadata.

The cleaners return a :class:`Cleaned` value: the plain text (one block per line) and
whatever metadata the markup itself states. Dates stay strings here; the reader in
:mod:`forecast.reading.article` decides how to parse them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString, Tag

from forecast.errors import InputError

_INLINE_WS = re.compile(r"[^\S\n]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Plain text recovered from markup, with the metadata the markup stated.

    ``published`` is the raw date string as found (e.g. an ISO timestamp); None
    fields mean the markup said nothing.
    """

    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


# --- Markdown ------------------------------------------------------------------------

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")
_SETEXT_H1 = re.compile(r"^\s{0,3}=+\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
# Each inline pattern stops at the next opening mark of its kind (a span holds no mark
# of its own kind), so a line full of unclosed marks costs time in proportion to its
# length, not to its square; code spans pair whole backtick runs, as CommonMark does.
_IMAGE = re.compile(r"!\[[^\][]*\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\][]*\])?")
_LINK = re.compile(r"\[([^\][]*)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\][]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_INLINE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_CODE = re.compile(r"(?<!`)(`+)(?!`)([^`]+)\1(?!`)")
_STRONG = re.compile(
    r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*|__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__"
)
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)((?:[^~]|~(?!~))+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>~|])")
# Escaped characters are parked in the Private Use Area while emphasis is removed,
# so that ``\*`` survives as a literal asterisk.
_PARK = 0xE000
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_KEYS = {
    "title": "title",
    "date": "published",
    "published": "published",
    "source": "source",
    "outlet": "source",
    "url": "url",
}


def clean_markdown(text: str) -> Cleaned:
    """Strip Markdown syntax from ``text``, keeping the words.

    Headings, emphasis, code fences and spans, blockquote markers, list bullets and
    link syntax go (``[t](u)`` becomes ``t``); images go entirely. A YAML-style front
    matter block supplies ``title``, ``date``/``published``, ``source``/``outlet`` and
    ``url``; otherwise the first level-1 heading (or failing that the first heading)
    is the title.

    Examples
    --------
    >>> clean_markdown("# Talks *may* resume\\n\\nSee [the report](http://x.org).").text
    'Talks may resume\\n\\nSee the report.'
    """
    meta: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        meta = _front_matter(front.group(1))
        text = text[front.end() :]
    lines: list[str] = []
    headings: list[tuple[int, str]] = []
    fence: str | None = None
    for raw in text.split("\n"):
        opened = _FENCE.match(raw)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            else:
                lines.append(raw.rstrip())
            continue
        if opened:
            fence = opened.group(1)
            continue
        if _SETEXT_H1.match(raw) and lines and lines[-1]:
            headings.append((1, lines[-1]))
            continue
        if _RULE.match(raw) or _LINK_DEF.match(raw):
            continue
        heading = _HEADING.match(raw)
        if heading:
            line = _clean_inline(_closing_hashes(heading.group(2)))
            headings.append((len(heading.group(1)), line))
        else:
            line = _clean_inline(_BULLET.sub("", _QUOTE.sub("", raw), count=1))
        lines.append(line)
    body = _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
    title = meta.get("title") or next((h for level, h in headings if level == 1), None)
    if title is None and headings:
        title = headings[0][1]
    return Cleaned(body, title or None, meta.get("published"), meta.get("source"), meta.get("url"))


def _closing_hashes(text: str) -> str:
    """A heading's text without its optional closing ``#`` run ("# Title ##")."""
    text = text.rstrip()
    bare = text.rstrip("#")
    return bare.rstrip() if bare != text and (not bare or bare[-1].isspace()) else text


def _clean_inline(line: str) -> str:
    """Remove inline Markdown from one line."""
    line = _ESCAPE.sub(lambda m: chr(_PARK + ord(m.group(1))), line)
    line = _CODE.sub(lambda m: m.group(2).strip(), line)
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _INLINE_TAG.sub("", line)
    for pattern in (_STRONG, _STRIKE):
        line = pattern.sub(lambda m: m.group(m.lastindex), line)
    line = _EM_STAR.sub(r"\1", line)
    line = _EM_UNDER.sub(r"\1", line)
    line = re.sub(r"[\ue000-\ue0ff]", lambda m: chr(ord(m.group()) - _PARK), line)
    return _INLINE_WS.sub(" ", line).strip()


def _front_matter(block: str) -> dict[str, str]:
    """The recognised ``key: value`` pairs of a front matter block."""
    meta: dict[str, str] = {}
    for line in block.split("\n"):
        key, sep, value = line.partition(":")
        field = _FRONT_KEYS.get(key.strip().lower())
        value = value.strip().strip("\"'").strip()
        if sep and field and value and field not in meta:
            meta[field] = value
    return meta


# --- HTML ----------------------------------------------------------------------------

_DROP = (
    "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg",
    "template", "button", "select", "object", "embed", "canvas", "menu", "dialog", "head",
    "title",
)  # fmt: skip
_BLOCKS = (
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "caption",
    "figure", "figcaption", "address", "hr", "details", "summary", "center",
)  # fmt: skip


def clean_html(text: str) -> Cleaned:
    """Extract an article's text and metadata from an HTML page.

    Parsed with BeautifulSoup over lxml (libxml2: linear in the page, however deeply
    nested or unclosed its tags). Scripts, styles, navigation, footers, asides and forms
    are dropped (and page headers outside ``<article>``); the largest ``<article>``
    (else ``<main>``, else ``<body>``) is the content; each paragraph or other block
    becomes one line. Metadata: title from ``<title>`` or ``<h1>``; date from
    ``article:published_time``, ``<meta name="date">``, ``datePublished`` or
    ``<time datetime>``; url from ``<link rel="canonical">`` or ``og:url``; outlet from
    ``og:site_name``.

    Examples
    --------
    >>> page = "<title>Summit</title><p>Talks <b>may</b>\\nresume.</p><p>Next.</p>"
    >>> clean_html(page)
    Cleaned(text='Talks may resume.\\nNext.', title='Summit', published=None, source=None, url=None)
    """
    soup = BeautifulSoup(text, "lxml")
    meta = _html_metadata(soup)
    articles = [_page_text(a, in_article=True) for a in _outermost(soup, "article")]
    if articles:
        body = max(articles, key=lambda pieces: sum(map(len, pieces)))
    else:
        # No article outside dropped tags, so the content is in no article either.
        body = _page_text(soup.find("main") or soup.body or soup, in_article=False)
    lines = (_INLINE_WS.sub(" ", line).strip() for line in "".join(body).split("\n"))
    return Cleaned("\n".join(line for line in lines if line), **meta)


def _outermost(soup: BeautifulSoup, name: str) -> list[Tag]:
    """The ``name`` tags not inside another one or a dropped tag, in document order.

    An enclosing tag holds all of its inner ones' text, so only the outermost can be
    the longest; looking at them alone keeps nested pages linear.
    """
    found, stack = [], list(reversed(soup.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, Tag) and node.name not in _DROP:
            if node.name == name:
                found.append(node)
            else:
                stack.extend(reversed(node.contents))
    return found


_AFTER = {name: "\n" for name in _BLOCKS} | {"td": " ", "th": " "}


@dataclass(frozen=True, slots=True)
class _Mark:
    """Text to emit when the walk leaves a tag (after all of its children)."""

    text: str


def _page_text(root: Tag, *, in_article: bool) -> list[str]:
    """The pieces of text under ``root`` in document order, with line breaks at blocks.

    One iterative walk with no ancestor lookups, so deep nesting costs no more than
    its size: dropped tags are skipped whole, ``<pre>`` keeps its line breaks, other
    text has its whitespace collapsed, comments and declarations go, and ``<header>``
    counts only inside an ``<article>``.
    """
    pieces: list[str] = []
    stack: list[tuple[object, bool, bool]] = [(root, False, in_article)]
    while stack:
        node, pre, article = stack.pop()
        if isinstance(node, _Mark):
            pieces.append(node.text)
        elif isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):
                pieces.append(str(node) if pre else _INLINE_WS.sub(" ", node.replace("\n", " ")))
        elif isinstance(node, Tag) and (
            node is root or not (node.name in _DROP or (node.name == "header" and not article))
        ):
            if node.name == "br":
                pieces.append("\n")
                continue
            if node.name in _BLOCKS:
                pieces.append("\n")
            stack.append((_Mark(_AFTER.get(node.name, "")), pre, article))
            inner = (pre or node.name == "pre", article or node.name == "article")
            stack.extend((child, *inner) for child in reversed(node.contents))
    return pieces


def _html_metadata(soup: BeautifulSoup) -> dict[str, str | None]:
    """Title, published date, outlet and url as the page's markup states them."""
    title = next((t for t in (_text_of(soup.find("title")), _text_of(soup.find("h1"))) if t), None)
    time_tag = soup.find("time", attrs={"datetime": True})
    published = (
        _meta(soup, property="article:published_time")
        or _meta(soup, name="date")
        or _meta(soup, itemprop="datePublished")
        or (str(time_tag["datetime"]).strip() or None if time_tag else None)
    )
    canonical = soup.find("link", rel="canonical", href=True)
    url = (str(canonical["href"]).strip() or None if canonical else None) or _meta(
        soup, property="og:url"
    )
    return {
        "title": title,
        "published": published,
        "source": _meta(soup, property="og:site_name"),
        "url": url,
    }


def _meta(soup: BeautifulSoup, **attrs: str) -> str | None:
    """The stripped ``content`` of the first ``<meta>`` matching ``attrs``, if any."""
    tag = soup.find("meta", attrs={**attrs, "content": True})
    return str(tag["content"]).strip() or None if isinstance(tag, Tag) else None


def _text_of(tag: Tag | NavigableString | None) -> str | None:
    """The whitespace-collapsed text of ``tag``, or None when absent or blank."""
    if tag is None:
        return None
    return " ".join(tag.get_text().split()) or None


# --- JSON ----------------------------------------------------------------------------

_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number",
               bool: "boolean", type(None): "null"}  # fmt: skip


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _brief(value: object) -> str:
    """A JSON value shown in a message: scalars as written, containers by their brackets."""
    if isinstance(value, dict):
        return "{...}"
    return "[...]" if isinstance(value, list) else json.dumps(value)[:60]


def clean_json(text: str, *, name: str = "<json>") -> Cleaned:
    """The fields of a JSON article object, type-checked.

    The object has a required string ``text`` and optional strings (or nulls)
    ``title``, ``published``, ``source`` and ``url``; other keys are ignored. Errors
    name ``name`` and the field.

    Examples
    --------
    >>> clean_json('{"text": "Talks may resume.", "source": "Kyodo"}').source
    'Kyodo'
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{name}: not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise InputError(f"{name}: JSON nested too deeply to read") from None
    except ValueError as error:  # e.g. an integer longer than Python converts
        raise InputError(f"{name}: not readable JSON ({str(error).split(';')[0]})") from None
    if not isinstance(data, dict):
        raise InputError(
            f"{name}: expected a JSON object with a 'text' field; got a JSON "
            f"{_JSON_TYPES.get(type(data), type(data).__name__)}"
        )
    if "text" not in data:
        raise InputError(f"{name}: field 'text' is required (the article body)")
    for key in ("text", "title", "published", "source", "url"):
        value = data.get(key)
        if (value is not None or key == "text") and not isinstance(value, str):
            raise InputError(
                f"{name}: field {key!r}: expected a string; got {_brief(value)} "
                f"({_JSON_TYPES.get(type(value), type(value).__name__)})"
            )
        if isinstance(value, str) and (lone := _LONE_SURROGATE.search(value)):
            raise InputError(
                f"{name}: field {key!r}: lone surrogate \\u{ord(lone.group()):04x} at "
                f"character {lone.start()} (not text; JSON escapes must pair)"
            )
    text = data["text"].replace("\r\n", "\n").replace("\r", "\n")
    meta = {key: data.get(key) or None for key in ("title", "published", "source", "url")}
    return Cleaned(text, **meta)
