"""The ``extract`` command: the hedged claims in one article, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import functools

from forecast.cli.common import date_option, note
from forecast.cli.output import add_format_option, print_frame, print_json

EXTRACT_EPILOG = """\
The table is for people: forward-looking and settled (fact) claims; --all adds past
background. JSON and CSV are for pipelines and always hold every claim with its tense.
JSON field names are stable; spans are [start, end) character offsets into the article
text. An article with no claims prints an empty table or list, notes it on stderr and
exits 0.

exit codes:
  0  claims printed (possibly none)
  2  bad input: article file or option
"""


TABLE_WIDTH = 60
"""Widest text cell in the table; JSON and CSV keep the full text."""


def add_commands(commands) -> None:
    """Register the language commands."""
    parser = commands.add_parser(
        "extract",
        help="list the hedged claims in an article",
        description="Extract claims (cue, polarity, condition, source, dates, implied "
        "probability) from one article.",
        epilog=EXTRACT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("article", metavar="ARTICLE", help="article file (txt, md, html, json)")
    parser.add_argument("--published", metavar="DATE", help="publication date (YYYY-MM-DD)")
    add_format_option(parser)
    parser.add_argument(
        "--all", action="store_true", help="include past background claims in the table"
    )
    parser.set_defaults(handler=extract_command)


def extract_command(args: argparse.Namespace) -> int:
    """Handle ``forecast extract``: print the article's claims."""
    from forecast.article import read_article
    from forecast.language.extract import extract_claims
    from forecast.language.records import claim_to_dict, claims_to_frame

    published = date_option(args.published, "--published")
    article = read_article(args.article, published=published)
    claims = extract_claims(article)
    if not claims:
        note(f"no claims found in {args.article}")
    if args.format == "json":
        print_json([claim_to_dict(claim) for claim in claims])
        return 0
    if args.format == "csv":
        print_frame(claims_to_frame(claims), "csv")
        return 0
    if not args.all:
        hidden = sum(not claim.forward for claim in claims)
        claims = tuple(claim for claim in claims if claim.forward)
        if hidden:
            note(f"{hidden} past background claim(s) hidden; --all shows them")
    if claims:
        print(_table(claims_to_frame(claims)))
    return 0


def _table(frame) -> str:
    """Aligned text for people: text cells left-aligned and cut to ``TABLE_WIDTH``."""
    formatters = {}
    for column in frame.select_dtypes(include="object").columns:
        frame[column] = frame[column].map(_clip)
        width = max(len(column), int(frame[column].str.len().max()))
        formatters[column] = functools.partial(_left, width=width)
    return frame.to_string(index=False, justify="left", formatters=formatters)


def _left(value: str, width: int) -> str:
    return value.ljust(width)


def _clip(value: str) -> str:
    return value if len(value) <= TABLE_WIDTH else value[: TABLE_WIDTH - 3] + "..."
