"""Tests for forecast.reading.article: the Article value, the readers and their error messages."""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forecast.errors import InputError
from forecast.reading.article import (
    FORMATS,
    MAX_ARTICLE_BYTES,
    Article,
    article_id,
    parse_article,
    parse_published,
    read_article,
    sniff_format,
)

STORY = (
    "Abe and Trump may meet in Japan\n"
    "TOKYO, May 13, 2018 (Kyodo) - President Trump may stop in Japan on his way back.\n"
    "No schedule has been set yet, a source said.\n"
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- the Article value ----------------------------------------------------------------


def test_article_accepts_valid_fields():
    article = Article("Trump may visit.", dt.date(2018, 5, 13), title="T", source="S")
    assert article.published == dt.date(2018, 5, 13)
    assert article.id == article_id("Trump may visit.")


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"text": ""}, r"field 'text': expected a string with non-whitespace content; got ''"),
        ({"text": " \n\t"}, r"field 'text'.*non-whitespace"),
        ({"text": None}, r"field 'text'.*got None \(NoneType\)"),
        ({"text": "x", "published": dt.datetime(2018, 5, 13, 9)}, r"field 'published'.*datetime"),
        ({"text": "x", "published": "2018-05-13"}, r"field 'published'.*got '2018-05-13' \(str\)"),
        ({"text": "x", "title": 3}, r"field 'title': expected a string or None; got 3 \(int\)"),
    ],
)
def test_article_rejects_invalid_fields(fields, match):
    with pytest.raises(InputError, match=match):
        Article(**fields)


def test_article_replace_revalidates():
    with pytest.raises(InputError, match="field 'text'"):
        dataclasses.replace(Article("ok"), text="  ")


# --- identity ---------------------------------------------------------------------------


def test_identity_ignores_wrapping_case_and_quote_style():
    original = "Tokyo said \u201cno schedule has been set yet\u201d for Trump\u2019s visit."
    rewrapped = 'TOKYO said\n  "no schedule has been set\tyet"\r\nfor Trump\'s visit.  '
    assert article_id(original) == article_id(rewrapped)
    assert Article(original).id == Article(rewrapped).id


def test_identity_distinguishes_different_text():
    assert article_id("Trump may visit Japan.") != article_id("Trump will visit Japan.")


def test_identity_survives_format_round_trip(tmp_path):
    as_text = read_article(write(tmp_path, "a.txt", STORY))
    as_json = read_article(write(tmp_path, "a.json", json.dumps({"text": STORY})))
    assert as_text.id == as_json.id


_WORD = st.text(
    st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs")), min_size=1, max_size=8
)
_GAP = st.sampled_from([" ", "  ", "\n", "\t", "\r\n", " \n ", "\u00a0", "\u2003"])


@given(st.lists(st.tuples(_WORD, _GAP), min_size=1, max_size=12), _GAP, _GAP)
def test_article_id_is_invariant_under_whitespace(pairs, lead, trail):
    words = [word for word, _ in pairs]
    spaced = lead + "".join(word + gap for word, gap in pairs) + trail
    assert article_id(spaced) == article_id(" ".join(words))


# --- plain text -----------------------------------------------------------------------


def test_plain_text_keeps_text_and_takes_headline_title(tmp_path):
    article = read_article(write(tmp_path, "a.txt", STORY.replace("\n", "\r\n")))
    assert article.text == STORY
    assert article.title == "Abe and Trump may meet in Japan"
    assert article.published == dt.date(2018, 5, 13)
    assert article.source == "Kyodo"
    assert article.path == str(tmp_path / "a.txt")


@pytest.mark.parametrize(
    "text",
    [
        "Trump may stop in Japan on his way back.\nMore text follows.",  # a sentence
        "Only one line without a period",  # nothing after it
        " ".join(["word"] * 30) + "\nMore text.",  # too long for a headline
        "(Reuters) - Trump may stop in Japan\nMore text.",  # a dateline, not a headline
    ],
)
def test_plain_text_first_line_is_title_only_when_headline_like(text):
    assert parse_article(text, "text").title is None


def test_seed_article(seed_article_path):
    article = read_article(seed_article_path)
    first_line = seed_article_path.read_text(encoding="utf-8").splitlines()[0]
    assert article.title == first_line
    assert article.source == "Baonghean.vn"
    assert article.published is None  # "On May 13," has no year: no date is guessed
    dated = read_article(seed_article_path, published=dt.date(2018, 5, 13))
    assert dated.published == dt.date(2018, 5, 13)
    assert dated.id == article.id


# --- datelines --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("WASHINGTON, June 10, 2018 (Reuters) - Talks may resume.", dt.date(2018, 6, 10)),
        ("Talks may resume, officials said on May 13, 2018.", dt.date(2018, 5, 13)),
        ("HANOI, 13 May 2018 - Talks may resume.", dt.date(2018, 5, 13)),
        ("2018-05-13 - Talks may resume.", dt.date(2018, 5, 13)),
        ("Sept. 3rd, 2018: talks may resume.", dt.date(2018, 9, 3)),
        ("Published: 2 Jan 2019\nTalks may resume.", dt.date(2019, 1, 2)),
        ("Updated: 2019-01-05 Published: 2019-01-02\nTalks.", dt.date(2019, 1, 2)),
        ("On May 13, Japanese sources said talks may resume.", None),  # no year
        ("Talks may 13 2018 resume.", None),  # the modal verb is not a month
        ("February 30, 2018 - talks may resume.", None),  # no such day
        ("x" * 300 + " May 13, 2018", None),  # past the dateline window
    ],
)
def test_dateline_date(opening, expected):
    assert parse_article(opening + "\nMore text.", "text").published == expected


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("(Baonghean.vn) - On May 13, sources said", "Baonghean.vn"),
        ("WASHINGTON (Reuters) \u2014 Talks may resume.", "Reuters"),
        ("Talks (June 8-9) - may resume.", None),
        ("Talks may resume (as expected).", None),
    ],
)
def test_dateline_outlet(opening, expected):
    assert parse_article(opening, "text").source == expected


def test_published_argument_overrides_file_and_dateline(tmp_path):
    path = write(tmp_path, "a.json", json.dumps({"text": STORY, "published": "2018-05-01"}))
    assert read_article(path).published == dt.date(2018, 5, 1)
    assert read_article(path, published=dt.date(2018, 5, 20)).published == dt.date(2018, 5, 20)


# --- Markdown ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("## Talks *may* resume ##", "Talks may resume"),
        ("**Bold** and __strong__ and _em_ and ~~gone~~", "Bold and strong and em and gone"),
        ("See [the report](http://example.org/r) now", "See the report now"),
        ("Photo ![Abe and Trump](http://example.org/p.jpg) here", "Photo here"),
        ("> > Quoted *claim*", "Quoted claim"),
        ("- bullet item", "bullet item"),
        ("12. numbered item", "numbered item"),
        ("Use `code` inline", "Use code inline"),
        ("snake_case_name and 2 * 3 * 4", "snake_case_name and 2 * 3 * 4"),
        (r"a \*literal\* star", "a *literal* star"),
        ("Link <https://example.org> here", "Link https://example.org here"),
    ],
)
def test_markdown_syntax_is_stripped(markdown, expected):
    assert parse_article(markdown, "markdown").text == expected


def test_markdown_document(tmp_path):
    text = (
        '---\ntitle: "Summit plans"\ndate: 2018-05-13\nsource: Kyodo\n---\n'
        "# Leaders may meet\n\nThe plan is for them to meet.\n\n"
        "```\nfenced *code* kept\n```\n***\n[ref]: http://example.org\n"
    )
    article = read_article(write(tmp_path, "a.md", text))
    assert article.text == (
        "Leaders may meet\n\nThe plan is for them to meet.\n\nfenced *code* kept"
    )
    assert (article.title, article.published, article.source) == (
        "Summit plans",
        dt.date(2018, 5, 13),
        "Kyodo",
    )


def test_markdown_title_from_heading(tmp_path):
    path = write(tmp_path, "a.markdown", "Intro line.\n\nLeaders meet\n===\n\n## Later\n")
    assert read_article(path).title == "Leaders meet"


# --- HTML -------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Abe and Trump to meet</title>
{meta}
<script>var claim = "this must not appear";</script><style>p {{ color: red }}</style>
</head><body><nav>Home | World</nav><header>Site banner</header>
<article><h1>Leaders to meet</h1><p>TOKYO - The plan is
for Abe to <b>meet</b> Trump.<br>No schedule has been set yet.</p>
<div>Another <a href="#">block</a></div><noscript>Enable JS</noscript></article>
<aside>Related stories</aside><footer>Copyright</footer><!-- a comment --></body></html>"""


def test_html_text_blocks_and_metadata(tmp_path):
    meta = (
        '<meta property="article:published_time" content="2018-05-13T10:00:00+09:00">'
        '<meta property="og:site_name" content="Kyodo News">'
        '<link rel="canonical" href="https://example.org/a">'
    )
    article = read_article(write(tmp_path, "a.html", PAGE.format(meta=meta)))
    assert article.text == (
        "Leaders to meet\nTOKYO - The plan is for Abe to meet Trump.\n"
        "No schedule has been set yet.\nAnother block"
    )
    assert article.title == "Abe and Trump to meet"
    assert article.published == dt.date(2018, 5, 13)
    assert article.source == "Kyodo News"
    assert article.url == "https://example.org/a"


@pytest.mark.parametrize(
    "meta",
    [
        '<meta name="date" content="2018-05-13">',
        '<meta itemprop="datePublished" content="May 13, 2018">',
        '<time datetime="2018-05-13T08:00Z">yesterday</time>',
    ],
)
def test_html_date_sources(meta):
    assert parse_article(PAGE.format(meta=meta), "html").published == dt.date(2018, 5, 13)


def test_html_without_metadata_falls_back_to_h1_and_og_url():
    page = (
        '<meta property="og:url" content="https://example.org/b"><body><h1>Talks</h1>'
        "<p>(Reuters) - Talks may resume on June 10, 2018.</p></body>"
    )
    article = parse_article(page, "html")
    assert (article.title, article.url, article.source) == (
        "Talks",
        "https://example.org/b",
        "Reuters",
    )
    assert article.published == dt.date(2018, 6, 10)


def test_html_with_only_scripts_has_no_text(tmp_path):
    path = write(tmp_path, "a.htm", "<html><script>x()</script><nav>Menu</nav></html>")
    with pytest.raises(InputError, match=r"a\.htm: no article text \(nothing left of the html\)"):
        read_article(path)


# --- JSON -------------------------------------------------------------------------------


def test_json_fields(tmp_path):
    record = {
        "title": "Leaders to meet",
        "text": "Trump may stop in Japan.",
        "published": "2018-05-13",
        "source": "Kyodo",
        "url": "https://example.org/c",
        "author": "ignored",
    }
    article = read_article(write(tmp_path, "a.json", json.dumps(record)))
    assert article == Article(
        "Trump may stop in Japan.",
        dt.date(2018, 5, 13),
        "Leaders to meet",
        "Kyodo",
        "https://example.org/c",
        str(tmp_path / "a.json"),
    )


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ('{"text": "x", "published": "yesterday"}',
         r"/a\.json: field 'published': expected an ISO date \(YYYY-MM-DD\); got 'yesterday'$"),
        ('{"text": "x", "published": "2018-02-30"}', r"field 'published'.*'2018-02-30' \(day"),
        ('{"text": 42}', r"a\.json: field 'text': expected a string; got 42 \(number\)"),
        ('{"text": null}', r"field 'text': expected a string; got null"),
        ('{"text": "x", "title": ["a"]}', r"field 'title': expected a string.*\(array\)"),
        ('{"title": "no body"}', r"a\.json: field 'text' is required"),
        ('{"text": "  "}', r"a\.json: no article text \(field 'text' is blank\)"),
        ('["text"]', r"a\.json: expected a JSON object with a 'text' field; got a JSON array"),
        ('{"text": "x",\n  "title": }', r"a\.json: not valid JSON: .* at line 2, column 12"),
    ],
)  # fmt: skip
def test_json_errors(tmp_path, content, match):
    with pytest.raises(InputError, match=match):
        read_article(write(tmp_path, "a.json", content))


# --- format choice ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"text": "Talks may resume."}', "json"),
        ("<html><body><p>Talks may resume.</p></body></html>", "html"),
        ("# Talks\n\nThey *may* resume.", "markdown"),
        ("See [report](http://example.org).", "markdown"),
        ("Talks may resume. 2 < 3 and {braces} inside.", "text"),
    ],
)
def test_unknown_extension_is_sniffed(tmp_path, content, expected):
    assert sniff_format(content) == expected
    via_sniff = read_article(write(tmp_path, "story.dat", content))
    assert via_sniff == dataclasses.replace(
        parse_article(content, expected), path=str(tmp_path / "story.dat")
    )


def test_fmt_overrides_extension(tmp_path):
    path = write(tmp_path, "a.txt", "<p>Talks <b>may</b> resume.</p>")
    assert read_article(path).text == "<p>Talks <b>may</b> resume.</p>"
    assert read_article(path, fmt="html").text == "Talks may resume."


def test_unknown_fmt_is_refused():
    with pytest.raises(InputError, match=r"<text>: format must be one of auto, text, .*got 'xml'"):
        parse_article("Talks.", "xml")


# --- parse_published ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["2018-05-13", " 2018-05-13 ", "2018-05-13T10:00:00Z", "2018-05-13 10:00+09:00"]
)
def test_parse_published_accepts_iso(value):
    assert parse_published(value) == dt.date(2018, 5, 13)


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ("yesterday", r"^--published: expected an ISO date \(YYYY-MM-DD\); got 'yesterday'$"),
        ("13/05/2018", r"got '13/05/2018'"),
        ("2018-13-01", r"got '2018-13-01' \(month must be in 1\.\.12\)"),
        ("20180513", r"got '20180513'"),
    ],
)
def test_parse_published_rejects(value, match):
    with pytest.raises(InputError, match=match):
        parse_published(value)


def test_parse_published_names_field():
    with pytest.raises(InputError, match=r"^x\.json: field 'published': "):
        parse_published("soon", field="x.json: field 'published'")


# --- encodings and bad files -----------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        STORY.encode("utf-8"),
        codecs.BOM_UTF8 + STORY.encode("utf-8"),
        codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_accepted_encodings(tmp_path, data):
    article = read_article(write(tmp_path, "a.txt", data))
    assert article.text == STORY
    assert article.title == "Abe and Trump may meet in Japan"


@pytest.mark.parametrize(
    ("name", "data", "match"),
    [
        ("a.txt", b"", r"a\.txt: empty article \(no text, or whitespace only\)"),
        ("a.txt", b" \n\t\r\n ", r"a\.txt: empty article"),
        ("a.txt", "Caf\u00e9 talks".encode("latin-1"),
         r"a\.txt: not UTF-8 text \(invalid byte 0xe9 at offset 3\)"),
        ("a.txt", STORY.encode("utf-16-le"), r"a\.txt: binary file \(contains NUL bytes\)"),
        ("a.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
         r"a\.bin: binary file \(contains NUL bytes\)"),
        ("a.txt", b"text" + b"\x01\x02\x1b" * 10 + b"more text" * 20,
         r"a\.txt: binary file \(30 control characters in 214; text allows at most 1%\)"),
        ("a.txt", codecs.BOM_UTF16_LE + b"\x00\xd8",
         r"a\.txt: not UTF-16 text despite its byte-order mark"),
    ],
)  # fmt: skip
def test_undecodable_or_binary_files(tmp_path, name, data, match):
    with pytest.raises(InputError, match=match):
        read_article(write(tmp_path, name, data))


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file$"):
        read_article(str(tmp_path / "nope.txt"))


def test_directory(tmp_path):
    with pytest.raises(InputError, match=r": is a directory; expected an article file$"):
        read_article(tmp_path)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = write(tmp_path, "huge.txt", b"word " * (10 * 2**20))  # 50 MiB of real bytes
    # Bounded work is shown by memory, not by a wall-clock limit (machines here are noisy):
    # a refusal that read the file would allocate tens of megabytes.
    tracemalloc.start()
    with pytest.raises(InputError, match=r"huge\.txt: file is 52\.4 MB; articles are limited "
                       r"to 5 MB \(MAX_ARTICLE_BYTES\)"):  # fmt: skip
        read_article(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 1_000_000


def test_file_at_the_limit_is_read(tmp_path):
    line = b"Talks may resume.\n"
    data = line * (MAX_ARTICLE_BYTES // len(line))
    assert len(data) <= MAX_ARTICLE_BYTES
    assert read_article(write(tmp_path, "big.txt", data)).text.startswith("Talks may resume.")


_PIECES = st.sampled_from(
    [
        *'ab #*_[]()!<>`~-=\n{}":,\\/|.\r',
        *("<p>", "</p>", "<script>", "<title>", "<br>", "<article>", "&amp;", "```", "---\n"),
        *("May 13, 2018", "(Reuters) - ", "\x00"),
    ]
)


@given(st.lists(_PIECES, max_size=40).map("".join), st.sampled_from([*FORMATS, "auto"]))
def test_readers_fail_only_with_input_error(text, fmt):
    try:
        article = parse_article(text, fmt)
    except InputError:
        return
    assert article.text.strip()


# --- hostile structure: unclosed marks and deep nesting read whole ---------------------


def test_markdown_unclosed_marks_stay_as_text_and_closed_ones_go():
    line = "*leaders **may _meet ~~soon `x [link " * 50 + "**Talks** may *resume*."
    cleaned = parse_article(line, "markdown").text
    assert cleaned.endswith("Talks may resume.")
    assert cleaned.count("**may") == 50


def test_markdown_heading_with_closing_hashes_and_a_long_gap():
    text = "# Talks may resume" + " " * 5000 + "x ##\n\nBody text here."
    assert parse_article(text, "markdown").title == "Talks may resume x"


@pytest.mark.parametrize("unit", ["<div><b>", "<p><i>", "<!--x ", "<![CDATA[ ", "<a x"])
def test_html_deeply_nested_or_unclosed_keeps_the_text_after_it(unit):
    page = "<p>Talks may resume.</p>" + unit * 20_000 + "<p>Leaders may meet.</p>"
    text = parse_article(page, "html").text
    assert text.startswith("Talks may resume.")
    if unit in ("<div><b>", "<p><i>"):
        assert text.endswith("Leaders may meet.")


def test_html_nested_articles_take_the_outermost():
    page = "<article><p>Outer may go.</p>" + "<article><p>In.</p>" * 3000 + "</article>" * 3001
    text = parse_article(page, "html").text
    assert text.startswith("Outer may go.") and text.count("In.") == 3000
