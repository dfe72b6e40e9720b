"""The ``extract`` command: the hedged claims in articles, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from forecast.cli.common import date_option, note, read_articles
from forecast.cli.output import add_format_option, add_wide_option, print_frame, print_json
from forecast.display.reprs import plural

EXTRACT_EPILOG = """\
The table is for people: forward-looking and settled (fact) claims; --all adds past
background. JSON and CSV are for pipelines and always hold every claim with its tense.
JSON field names are stable; spans are [start, end) character offsets into the article
text. An article with no claims prints an empty table or list, notes it on stderr and
exits 0. The table fits the terminal (long text cut); --wide shows every cell whole.

With --model FILE (a scenario, or 'example'), each claim also shows the event it links
to and why: JSON adds "link": {"event", "against", "reason"} (null when it informs no
event), the table and CSV a "link" column; the reason is "match: all_of" or
"match: against" for a match rule, "frame: actor+action+target" (the frame fields that
agree) for an event linked by the frame of its question.

exit codes:
  0  claims printed (possibly none)
  2  bad input: article file, scenario file or option
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
    parser.add_argument(
        "--model", metavar="FILE", help="scenario whose events the claims link to (or 'example')"
    )
    parser.set_defaults(handler=extract_command)


def extract_command(args: argparse.Namespace) -> int:
    """Handle ``forecast extract``: print the articles' claims, in article order."""
    from forecast.language.extract import extract_claims
    from forecast.language.records import claim_to_dict, claims_to_frame

    published = date_option(args.published, "--published")
    scenario = None
    if args.model:
        from forecast.cli.common import model_path
        from forecast.scenario import load_scenario

        scenario = load_scenario(model_path(args.model))
    claims, names = [], {}
    for path, article in zip(args.articles, read_articles(args.articles, published), strict=True):
        found = extract_claims(article)
        if not found:
            note(f"no claims found in {path}")
        claims.extend(found)
        names[article.id] = Path(path).name
    links = _links(scenario, claims)
    if args.format == "json":
        records = [claim_to_dict(claim) for claim in claims]
        if links is not None:
            for record, link in zip(records, links, strict=True):
                record["link"] = None if link is None else _link_dict(link)
        print_json(records)
        return 0
    if args.format == "csv":
        print_frame(_with_links(claims_to_frame(claims), links), "csv")
        return 0
    if not args.all:
        hidden = sum(not claim.forward for claim in claims)
        if links is not None:
            links = [link for claim, link in zip(claims, links, strict=True) if claim.forward]
        claims = [claim for claim in claims if claim.forward]
        if hidden:
            note(f"{plural(hidden, 'past background claim')} hidden; --all shows them")
    if claims:
        frame = _with_links(claims_to_frame(claims), links)
        if len(args.articles) > 1:
            frame.insert(0, "article", [names[claim.article_id] for claim in claims])
        print_frame(frame, "table", wide=args.wide, cut=TEXT_COLUMNS)
    return 0


def _links(scenario, claims):
    """Each claim's link to ``scenario``'s events (None without a scenario)."""
    if scenario is None:
        return None
    from forecast.scenario.link import link_all

    return list(link_all(scenario, claims))


def _link_dict(link) -> dict:
    return {"event": link.event, "against": link.against, "reason": link.reason}


def _with_links(frame, links):
    """``frame`` with a ``link`` column ("event (reason)") when there are links."""
    if links is not None:
        frame["link"] = [
            ""
            if link is None
            else f"{link.event}{' against' if link.against else ''} ({link.reason})"
            for link in links
        ]
    return frame
