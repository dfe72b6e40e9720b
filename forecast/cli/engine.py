"""The ``run`` command: articles and a scenario in, a forecast table (or JSON/CSV) out."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from forecast.cli.common import (
    DEFAULT_DRAWS,
    DRAWS_ENV,
    MODEL_HELP,
    add_sampler_options,
    date_option,
    elapsed,
    load_sampler,
    model_path,
    note,
    note_caveats,
    read_articles,
    sampler_options,
)
from forecast.cli.output import (
    add_format_option,
    add_wide_option,
    fit_table,
    print_frame,
    print_json,
    terminal_width,
)
from forecast.cli.scenario import add_max_events_option, max_events
from forecast.display.reprs import driver_excerpt, plural
from forecast.errors import InputError

EXIT_UNRELIABLE = 3
TOP_SCENARIOS = 5
DRIVER = "top driver (cue, shift, quote)"
QUOTE_CHARS = 60
"""Characters of a driver's quote shown from its cue on (all with ``--wide``)."""
HAPPEN = "events that happen (the others do not)"

RUN_EPILOG = f"""\
With no ARTICLE and no --model, runs the shipped example scenario with its example article.
With --model and no ARTICLE, uses the articles the scenario file lists. With ARTICLE and no
--model, drafts a scenario from the articles' claims (and says so on stderr).
--draws defaults to ${DRAWS_ENV} when set, else {DEFAULT_DRAWS}.

exit codes:
  0  forecast printed; sampler diagnostics met (R-hat, ESS, no divergences)
  2  bad input: scenario file, article, option, or no claims to draft a scenario from
  {EXIT_UNRELIABLE}  forecast printed, but the sampler diagnostics were not met (warning on stderr);
     rerun with more --draws
"""


def add_commands(commands) -> None:
    """Register the engine commands."""
    parser = commands.add_parser(
        "run",
        help="forecast a scenario's events from articles",
        description="Forecast a scenario's events from the hedged claims in news articles.",
        epilog=RUN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("articles", nargs="*", metavar="ARTICLE", help="article files")
    parser.add_argument("--model", metavar="FILE", help=MODEL_HELP)
    add_format_option(parser)
    add_wide_option(parser)
    add_sampler_options(parser)
    parser.add_argument(
        "--standard", default="reader", metavar="NAME", help="verbal scale for labels"
    )
    parser.add_argument("--as-of", metavar="DATE", help="date the forecast speaks for")
    parser.add_argument("--published", metavar="DATE", help="publication date of the articles read")
    add_max_events_option(parser)
    parser.set_defaults(handler=run_command)


def _extract(article: Any) -> Any:
    """Claims of ``article``, importing the reader (spaCy) only when a run needs it."""
    from forecast.language.extract import extract_claims

    return extract_claims(article)


def run_command(args: argparse.Namespace) -> int:
    """Handle ``forecast run``: check every input, then import the sampler and forecast."""
    from forecast.language.standards import load_standard

    sampler = sampler_options(args)
    published = date_option(args.published, "--published")
    as_of = date_option(args.as_of, "--as-of")
    load_standard(args.standard)
    paths = [Path(p) for p in args.articles]
    articles = read_articles(paths, published)
    scenario = None
    if args.model or not paths:
        from forecast.scenario import load_scenario

        scenario = load_scenario(model_path(args.model))
    if not paths:
        paths = list(scenario.article_paths())
        articles = read_articles(paths, published)
    note(f"extracting claims from {plural(len(paths), 'article')}")
    from forecast.store.claim_cache import cached_claims

    claims = []
    for path, article in zip(paths, articles, strict=True):
        found = cached_claims(article, _extract)
        if not found:
            note(f"{path}: no claims found")
        claims.extend(found)
    if scenario is None:
        if not claims:
            raise InputError(
                f"{', '.join(map(str, paths))}: no claims found, so no scenario can be drafted; "
                "give --model FILE"
            )
        scenario = _drafted(paths, articles, claims, as_of, max_events(args.max_events))
    outlets = {a.id: a.source for a in articles if a.source}
    load_sampler()
    from forecast.engine.run import run_forecast

    result = run_forecast(
        scenario,
        claims,
        as_of=as_of,
        standard=args.standard,
        progress=note,
        **sampler,
        outlets=outlets,
    )
    _print(result, args.format, args.wide)
    note(f"done in {elapsed():.1f} s")
    note_caveats([result])
    diagnostics = result.diagnostics
    if not diagnostics.ok:
        details = "; ".join(diagnostics.messages) or "diagnostics not met"
        note(f"warning: unreliable fit: {details}")
        return EXIT_UNRELIABLE
    return 0


def _drafted(paths, articles, claims, as_of, most: int):
    """A scenario drafted from the claims known as of ``as_of`` (said on stderr).

    Raises
    ------
    InputError
        Naming the files, when every article is newer than ``as_of`` or no claim names
        a happening to ask about.
    """
    from forecast.engine.inputs import claims_as_of
    from forecast.scenario import draft_scenario

    files = ", ".join(map(str, paths))
    known, n_excluded = claims_as_of(claims, as_of)
    if not known:
        raise InputError(
            f"{files}: every article is published after --as-of {as_of}, so there is "
            "nothing to draft from; give --model FILE or a later --as-of"
        )
    name = _draft_name(paths)
    try:
        scenario = draft_scenario(
            known,
            name=name,
            title=articles[0].title or f"Drafted from {paths[0].name}",
            max_events=most,
        )
    except InputError as error:
        reason = str(error).split(": ", 1)[-1]
        raise InputError(f"{files}: {reason}; give --model FILE") from error
    left_out = f", leaving out {plural(n_excluded, 'claim')} after --as-of" if n_excluded else ""
    note(
        f"no --model: drafted scenario '{name}' with {plural(len(scenario.events), 'event')} "
        f"from {plural(len(known), 'claim')}{left_out} (save it with 'forecast draft' to "
        "curate it):"
    )
    for event in scenario.events:
        note(f"  {event.name}: {event.question}")
    return scenario


def _draft_name(paths: Sequence[Path]) -> str:
    """A scenario name (identifier) from the first article's file name."""
    stem = "".join(c if c.isalnum() else "_" for c in paths[0].stem.lower()).strip("_")
    return f"draft_{stem}" if stem else "draft"


def _print(result: Any, fmt: str, wide: bool) -> None:
    if fmt == "json":
        print_json(result.to_dict())
    elif fmt == "csv":
        print_frame(result.to_frame(), "csv")
    else:
        print(render_table(result, terminal_width(), wide=wide), end="")


def render_table(result: Any, width: int, *, wide: bool = False) -> str:
    """The human report: events, the top joint scenarios, then one diagnostics line.

    Fits ``width`` columns (see :func:`~forecast.cli.output.fit_table`): the driver
    (an excerpt of its quote from the cue on) and the list of a joint scenario's events
    wrap; ``wide`` shows the whole quote and keeps every row on one line.
    """
    import pandas as pd

    as_of = result.as_of.isoformat() if result.as_of else "undated"
    heading = f"{result.title} [{result.scenario}], as of {as_of}"
    lines = [heading] if wide else textwrap.wrap(heading, width)
    lines.append("")
    rows = [_event_row(e, wide) for e in result.events]
    lines.append(fit_table(pd.DataFrame(rows), width, wide=wide, wrap=(DRIVER,)))
    joint = result.scenarios[:TOP_SCENARIOS]
    if joint:
        shown = pd.DataFrame(
            {
                "prob": f"{s.prob:.3f}",
                "mcse": f"{s.mcse:.3f}",
                HAPPEN: " ".join(name for name, happens in s.events if happens) or "(none)",
            }
            for s in joint
        )
        total = len(result.scenarios)
        lines += ["", f"most probable joint scenarios (top {len(joint)} of {total}):"]
        lines.append(fit_table(shown, width, wide=wide, wrap=(HAPPEN,)))
    lines += ["", diagnostics_line(result.diagnostics), ""]
    return "\n".join(lines)


def _event_row(event: Any, wide: bool) -> dict[str, str]:
    """One table row; an event past its deadline shows as due, without a forecast."""
    if event.due:
        numbers = {"prob": "due", "90% interval": "-", "label": f"deadline {event.deadline}"}
        return {"event": event.event, **numbers, "mcse": "-", DRIVER: "resolve it"}
    return {
        "event": event.event,
        "prob": f"{event.prob:.2f}",
        "90% interval": f"{event.low:.2f}-{event.high:.2f}",
        "label": event.label,
        "mcse": f"{event.mcse:.3f}",
        DRIVER: _driver_text(event, wide),
    }


def _driver_text(event: Any, wide: bool) -> str:
    """The strongest driver as ``cue +0.12 "quote"``, or how the number was reached.

    Unless ``wide``, the quote is an excerpt that starts shortly before its cue.
    """
    if not event.drivers:
        return event.evidence
    driver = event.drivers[0]
    quote = driver.quote if wide else driver_excerpt(driver, QUOTE_CHARS)
    return f'{driver.cue} {driver.delta:+.2f} "{quote}"'


def diagnostics_line(diagnostics: Any) -> str:
    """One line: ok or not, worst R-hat, smallest ESS, divergences."""
    r_hat = _worst(diagnostics.r_hat, max)
    ess = _worst(diagnostics.ess, min)
    status = "ok" if diagnostics.ok else "NOT MET"
    return (
        f"diagnostics: {status} (max R-hat {r_hat:.3f}, min ESS {ess:.0f}, "
        f"{int(diagnostics.divergences)} divergences)"
    )


def _worst(value: Any, pick) -> float:
    """The worst entry of a number or a mapping/sequence of numbers."""
    if isinstance(value, Mapping):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return float(pick(value)) if value else float("nan")
    return float(value)
