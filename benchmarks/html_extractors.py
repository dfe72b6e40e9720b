"""Which HTML article extractor keeps the story and drops the page furniture.

News pages wrap the story in furniture: navigation, bylines, photo captions, share buttons,
"Related:" links, "Story highlights" bullets, newsletter and advertisement slots, corrections,
reader comments, copyright lines. Some of it is hedged text ("I doubt the talks will go ahead")
that would become evidence if it leaked into the article. This benchmark builds pages in six
common layouts around the paragraphs of real Wikinews articles (``../shared/data/wikinews``,
CC BY 2.5, attributed there) and furniture of our own, and scores each extractor, followed by
the claim extractor's own furniture filter: the share of story paragraphs kept, and the share
of furniture items that leak into the text whose sentences become claims. It compares
``clean_html`` with trafilatura (``pip install trafilatura``), the candidate to replace it.

    python benchmarks/html_extractors.py [--articles 41]
"""

from __future__ import annotations

import argparse
import html
import logging
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from forecast.language.furniture import furniture_lines
from forecast.reading.textclean import clean_html

WIKINEWS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wikinews" / "articles"

NAV = ("Home", "World news", "Politics", "Business", "Opinion", "Subscribe now")
FURNITURE = (
    "By Dana Whitfield, Diplomatic Correspondent",
    "A delegation is greeted on the tarmac on Monday. Photo: Example Wire",
    "Share this story on Facebook, on X or by email",
    "Related: Ministers could meet again before the vote, aides say",
    "Officials may hold a second round of talks next month",
    "Sign up for our morning briefing, delivered before breakfast",
    "Advertisement",
    "Correction: An earlier version of this story gave the wrong day for the meeting.",
    "Most read: Storm might reach the coast by Friday",
    "I doubt the talks will go ahead at all, honestly",
    "Copyright 2024 Example News Group. All rights reserved.",
    "Read more: What the treaty would change for border towns",
)
BYLINE, CAPTION, SHARE, RELATED, HIGHLIGHT, SIGNUP, ADVERT, CORRECTION, MOST_READ, COMMENT = (
    FURNITURE[:10]
)
COPYRIGHT, READ_MORE = FURNITURE[10:]


def _p(text: str, cls: str = "") -> str:
    attribute = f' class="{cls}"' if cls else ""
    return f"<p{attribute}>{html.escape(text)}</p>"


def _nav() -> str:
    return "<nav><ul>" + "".join(f"<li><a href='#'>{item}</a></li>" for item in NAV) + "</ul></nav>"


def semantic(title: str, paragraphs: list[str]) -> str:
    """An ``<article>`` page with header, figure, aside and footer elements."""
    body = "".join(_p(text) for text in paragraphs)
    return (
        f"<html><head><title>{html.escape(title)} | Example News</title></head><body>"
        f"<header>{_nav()}</header><main><article><h1>{html.escape(title)}</h1>"
        f"{_p(BYLINE, 'byline')}<figure><img src='a.jpg'><figcaption>{CAPTION}</figcaption>"
        f"</figure>{body}<div class='share'>{SHARE}</div><aside>{_p(RELATED)}</aside>"
        f"</article><section class='comments'><h2>Comments</h2>{_p(COMMENT)}</section></main>"
        f"<footer>{_p(COPYRIGHT)}</footer></body></html>"
    )


def div_soup(title: str, paragraphs: list[str]) -> str:
    """No semantic elements: the story in one ``<div>`` among sidebars and slots."""
    half = len(paragraphs) // 2
    first = "".join(_p(text) for text in paragraphs[:half])
    second = "".join(_p(text) for text in paragraphs[half:])
    return (
        f"<html><head><title>{html.escape(title)}</title></head><body>"
        f"<div id='top'>{''.join(f'<a href=#>{item}</a> ' for item in NAV)}</div>"
        f"<div class='story'><h1>{html.escape(title)}</h1><div class='meta'>{BYLINE}</div>"
        f"<div class='highlights'><h3>Story highlights</h3><ul><li>{HIGHLIGHT}</li></ul></div>"
        f"{first}<div class='ad'>{ADVERT}</div>{second}</div>"
        f"<div class='sidebar'><h3>Most read</h3><ul><li><a href=#>{MOST_READ}</a></li></ul>"
        f"<div class='signup'>{SIGNUP}</div></div><div class='foot'>{COPYRIGHT}</div></body></html>"
    )


def inline_slots(title: str, paragraphs: list[str]) -> str:
    """Furniture as paragraphs inside the story: links, slots, a correction."""
    items = [_p(text) for text in paragraphs]
    items.insert(min(2, len(items)), f"<p><a href='#'>{READ_MORE}</a></p>")
    items.insert(min(4, len(items)), f"<p class='newsletter'>{SIGNUP}</p>")
    items.append(f"<p><em>{CORRECTION}</em></p>")
    return (
        f"<html><head><title>{html.escape(title)}</title></head><body>{_nav()}"
        f"<article><h1>{html.escape(title)}</h1><p class='byline'>{BYLINE}</p>"
        f"{''.join(items)}<p><a href='#'>{RELATED}</a></p></article>"
        f"<footer>{COPYRIGHT}</footer></body></html>"
    )


def table_layout(title: str, paragraphs: list[str]) -> str:
    """An old page laid out with tables, the story in one cell beside link lists."""
    body = "<br><br>".join(html.escape(text) for text in paragraphs)
    links = "".join(f"<a href=#>{item}</a><br>" for item in (*NAV, MOST_READ, READ_MORE))
    return (
        f"<html><head><title>{html.escape(title)}</title></head><body><table><tr>"
        f"<td class='left'>{links}</td><td class='story'><b>{html.escape(title)}</b><br>"
        f"<i>{BYLINE}</i><br><br>{body}<br><br><small>{COPYRIGHT}</small></td>"
        f"<td class='right'>{SIGNUP}<br>{ADVERT}</td></tr></table></body></html>"
    )


def _linked(text: str) -> str:
    """The paragraph with its fourth to sixth words as a link, as news sites link names."""
    words = html.escape(text).split(" ")
    if len(words) < 8:
        return " ".join(words)
    return " ".join([*words[:3], f"<a href='#'>{' '.join(words[3:6])}</a>", *words[6:]])


def linked_divs(title: str, paragraphs: list[str]) -> str:
    """A CMS page whose paragraphs are ``<div>`` blocks with links in them."""
    body = "".join(f"<div class='para'>{_linked(text)}</div>" for text in paragraphs)
    return (
        f"<html><head><title>{html.escape(title)}</title></head><body>{_nav()}"
        f"<div class='content'><h1>{html.escape(title)}</h1><div class='byline'>{BYLINE}</div>"
        f"{body}<div class='share'>{SHARE}</div></div><footer>{COPYRIGHT}</footer></body></html>"
    )


def mixed_blocks(title: str, paragraphs: list[str]) -> str:
    """An ``<article>`` whose paragraphs are ``<p>``, with every third one a bare ``<div>``."""
    body = "".join(
        _p(text) if index % 3 else f"<div>{html.escape(text)}</div>"
        for index, text in enumerate(paragraphs)
    )
    return (
        f"<html><head><title>{html.escape(title)}</title></head><body>{_nav()}<article>"
        f"<h1>{html.escape(title)}</h1>{body}</article><footer>{COPYRIGHT}</footer></body></html>"
    )


LAYOUTS: dict[str, Callable[[str, list[str]], str]] = {
    "semantic": semantic,
    "div_soup": div_soup,
    "inline_slots": inline_slots,
    "table_layout": table_layout,
    "linked_divs": linked_divs,
    "mixed_blocks": mixed_blocks,
}


def _trafilatura(**settings) -> Callable[[str], str]:
    """Trafilatura's main text (no comments, tables or fallback extractors, no minimum
    length: below 250 characters it returns a story as one run-on block)."""
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    options = {"include_comments": False, "include_tables": False, "fast": True, **settings}
    return lambda page: trafilatura.extract(page, config=config, **options) or ""


def extractors() -> dict[str, Callable[[str], str]]:
    """Our cleaner, and trafilatura's two modes when it is installed."""
    found = {"forecast (clean_html)": lambda page: clean_html(page).text}
    try:
        found["trafilatura"] = _trafilatura()
        found["trafilatura, precision"] = _trafilatura(favor_precision=True)
    except ImportError:
        print("trafilatura is not installed (pip install trafilatura): ours alone")
    return found


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def story(path: Path) -> tuple[str, list[str]]:
    """An article's title and body paragraphs (the file's date lines dropped)."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    return lines[0], lines[3:]


def statements(text: str) -> str:
    """``text`` without the lines the claim extractor skips as page furniture."""
    cut = furniture_lines(text)
    kept, start = [], 0
    for line in text.splitlines(keepends=True):
        if not any(begin <= start < end for begin, end in cut):
            kept.append(line)
        start += len(line)
    return "".join(kept)


def statement_paragraphs(paragraphs: list[str]) -> list[str]:
    """The story paragraphs the furniture filter keeps in the plain text: the Wikinews texts
    carry their own headings, captions and "Sources" lists, which no extractor should keep."""
    kept = {_norm(line) for line in statements("\n".join(paragraphs)).splitlines()}
    return [paragraph for paragraph in paragraphs if _norm(paragraph) in kept]


def score(extract: Callable[[str], str], pages: list[tuple[str, list[str]]]) -> dict:
    """Story paragraphs kept, furniture items leaked (both after the claim extractor's own
    furniture filter), and seconds per page."""
    kept = total = leaked = shown = 0
    start = time.perf_counter()
    for page, paragraphs in pages:
        text = _norm(statements(extract(page)))
        wanted = statement_paragraphs(paragraphs)
        kept += sum(_norm(p) in text for p in wanted)
        total += len(wanted)
        leaked += sum(_norm(item) in text for item in FURNITURE if _norm(item) in _norm(page))
        shown += sum(_norm(item) in _norm(page) for item in FURNITURE)
    seconds = (time.perf_counter() - start) / len(pages)
    return {"kept": kept / total, "leaked": leaked / shown, "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=41)
    args = parser.parse_args(argv)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    if not WIKINEWS.is_dir():
        print(f"needs the Wikinews articles at {WIKINEWS}", file=sys.stderr)
        return 2
    stories = [story(path) for path in sorted(WIKINEWS.glob("*.txt"))[: args.articles]]
    print(f"{len(stories)} Wikinews stories x {len(LAYOUTS)} layouts, {len(FURNITURE)} "
          f"furniture items")  # fmt: skip
    print(
        f"{'extractor':24} {'layout':13} {'story kept':>10} {'furniture leaked':>17} {'ms/page':>8}"
    )
    for name, extract in extractors().items():
        for layout, build in LAYOUTS.items():
            pages = [(build(title, paragraphs), paragraphs) for title, paragraphs in stories]
            found = score(extract, pages)
            print(f"{name:24} {layout:13} {found['kept']:10.3f} {found['leaked']:17.3f} "
                  f"{1000 * found['seconds']:8.1f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
