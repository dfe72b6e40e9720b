"""The ``draft`` command: a starting scenario from an article's claims."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from forecast.cli.common import date_option, read_articles

DRAFT_EPILOG = """\
The output is TOML for models/: one event per happening the claims speak of (claims
in other words about the same actor, action and target share one), at most
--max-events, the article's central one first, each asked as a question with a
deadline and the sentences it came from as comments; conditions become 'given'
relations. Events carry no match rules: claims link to them by the frame of their
question. Resolution rules read "TODO: curate": say which source decides each event.
The 'articles' entry is an absolute path; make it relative to the scenario file when
you move the file into models/.

exit codes:
  0  TOML printed
  2  bad input: article file (or a file that is not an article: a scenario, a table,
     code), option, or no forward-looking claims in the article
"""


def add_commands(commands) -> None:
    """Register the scenario commands."""
    parser = commands.add_parser(
        "draft",
        help="write a starting scenario (TOML) from an article's claims",
        description="Draft a scenario file from the hedged claims in one article.",
        epilog=DRAFT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("article", metavar="ARTICLE", help="article file (txt, md, html, json)")
    parser.add_argument("--published", metavar="DATE", help="publication date (YYYY-MM-DD)")
    parser.add_argument(
        "--name", metavar="NAME", help="scenario name (default: from the file name)"
    )
    add_max_events_option(parser)
    parser.set_defaults(handler=draft_command)


def add_max_events_option(parser) -> None:
    """``--max-events N``: how many events a drafted scenario keeps."""
    from forecast.scenario.draft import MAX_EVENTS

    parser.add_argument(
        "--max-events",
        type=int,
        default=MAX_EVENTS,
        metavar="N",
        help=f"most events to draft, the best-evidenced first (default {MAX_EVENTS})",
    )


def draft_command(args: argparse.Namespace) -> int:
    """Handle ``forecast draft``: print the drafted scenario as TOML on stdout."""
    from forecast.language.extract import extract_claims
    from forecast.scenario import draft_scenario, scenario_to_toml
    from forecast.scenario.draft import draft_notes

    published = date_option(args.published, "--published")
    path = Path(args.article)
    (article,) = read_articles([path], published)
    claims = extract_claims(article)
    name = args.name if args.name is not None else draft_name(path)
    scenario = draft_scenario(
        claims,
        name=name,
        title=article.title or f"Drafted from {path.name}",
        as_of=article.published,
        articles=(path.resolve().as_posix(),),
        max_events=max_events(args.max_events),
    )
    print(scenario_to_toml(scenario, notes=draft_notes(scenario, claims)), end="")
    return 0


def max_events(value: int) -> int:
    """``--max-events`` checked: at least 1."""
    from forecast.errors import InputError

    if value < 1:
        raise InputError(f"--max-events: must be at least 1; got {value}")
    return value


def draft_name(path: Path) -> str:
    """A scenario name from a file name: lower case, runs of other characters as ``_``.

    Examples
    --------
    >>> draft_name(Path("articles/US-Japan 2018-05-13.txt"))
    'us_japan_2018_05_13'
    """
    slug = re.sub(r"[^a-z0-9]+", "_", path.stem.lower()).strip("_")
    if not slug or slug[0].isdigit():
        slug = f"draft_{slug}".rstrip("_")
    return slug
