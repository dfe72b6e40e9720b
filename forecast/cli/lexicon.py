"""The ``lexicon`` command: every cue with its median, 90% interval and provenance."""

from __future__ import annotations

import argparse

from forecast.cli.output import add_format_option, add_wide_option, print_frame
from forecast.language.standards import DEFAULT_STANDARD, STANDARD_NAMES, load_standard

COLUMNS = ["cue", "category", "median", "low", "high", "provenance", "label", "rationale"]
DIGITS = 4


def add_commands(commands) -> None:
    """Register the lexicon command."""
    parser = commands.add_parser(
        "lexicon",
        help="what each hedge cue conveys, with provenance",
        description=(
            "List every hedge cue with its median probability, 90% interval, provenance "
            "and the median in the words of a reporting standard."
        ),
    )
    add_format_option(parser)
    add_wide_option(parser)
    parser.add_argument(
        "--standard",
        default=DEFAULT_STANDARD,
        metavar="NAME",
        help=f"reporting standard for the label: {', '.join(STANDARD_NAMES)} "
        f"(default: {DEFAULT_STANDARD})",
    )
    parser.set_defaults(handler=run_lexicon)


def run_lexicon(args: argparse.Namespace) -> int:
    """Print the lexicon table; return the exit code."""
    from forecast.language.lexicon import load_lexicon

    standard = load_standard(args.standard)
    frame = load_lexicon().to_frame(mass=0.9)
    frame["label"] = frame["median"].map(standard.verbalise)
    frame = frame[COLUMNS].round({"median": DIGITS, "low": DIGITS, "high": DIGITS})
    print_frame(frame, args.format, wide=args.wide, cut=("rationale",))
    return 0
