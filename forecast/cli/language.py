"""The ``extract`` command: the hedged claims in articles, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from forecast.cli.common import date_option, note, read_articles
from forecast.cli.output import add_format_option, add_wide_option, print_frame, print_json
from forecast.display import plural

EXTRACT_EPILOG = """\
The table is for people: forward-looking and settled (fact) claims; --all adds past
background. JSON and CSV are for pipelines and always hold every claim with its tense.
JSON field names are stable; spans are [start, end) character offsets into the article
text. An article with no claims prints an empty table or list, notes it on stderr and
exits 0. The table fits the terminal (long text cut); --wide shows every cell whole.

exit codes:
  0  claims printed (possibly none)
  2  bad input: article file or option
"""


TEXT_COLUMNS = ("event", "source", "dates", "condition")
"""Free text narrowed first when the table is wider than the terminal."""


def add_commands(commands) -> None:
    """Register the language commands."""
    parser = commands.add_parser(
        "extract",
        help="list the hedged claims in an article",
        description="Extract claims (cue, polarity, condition, source, dates, implied "
        "probability) from articles.",
        epilog=EXTRACT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "articles", nargs="+", metavar="ARTICLE", help="article files (txt, md, html, json)"
    )
    parser.add_argument("--published", metavar="DATE", help="publication date (YYYY-MM-DD)")
    add_format_option(parser)
    add_wide_option(parser)
    parser.add_argument(
        "--all", action="store_true", help="include past background claims in the table"
    )
    parser.set_defaults(handler=extract_command)


def extract_command(args: argparse.Namespace) -> int:
    """Handle ``forecast extract``: print the articles' claims, in article order."""
    from forecast.language.extract import extract_claims
    from forecast.language.records import claim_to_dict, claims_to_frame

    published = date_option(args.published, "--published")
    claims, names = [], {}
    for path, article in zip(args.articles, read_articles(args.articles, published), strict=True):
        found = extract_claims(article)
        if not found:
            note(f"no claims found in {path}")
        claims.extend(found)
        names[article.id] = Path(path).name
    if args.format == "json":
        print_json([claim_to_dict(claim) for claim in claims])
        return 0
    if args.format == "csv":
        print_frame(claims_to_frame(claims), "csv")
        return 0
    if not args.all:
        hidden = sum(not claim.forward for claim in claims)
        claims = [claim for claim in claims if claim.forward]
        if hidden:
            note(f"{plural(hidden, 'past background claim')} hidden; --all shows them")
    if claims:
        frame = claims_to_frame(claims)
        if len(args.articles) > 1:
            frame.insert(0, "article", [names[claim.article_id] for claim in claims])
        print_frame(frame, "table", wide=args.wide, cut=TEXT_COLUMNS)
    return 0
