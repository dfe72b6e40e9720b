"""Store commands: ``ingest``, ``reforecast``, ``watch``, ``history``, ``resolve``, ``score``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from forecast.cli.common import (
    MODEL_HELP,
    add_engine_options,
    add_sampler_options,
    date_option,
    engine_options,
    load_sampler,
    model_path,
    note,
    note_caveats,
    quiet_arviz,
    read_articles,
    sampler_options,
)
from forecast.cli.output import add_format_option, add_wide_option, print_frame, print_json
from forecast.errors import AlreadyResolved, InputError
from forecast.scoring.resolutions import OUTCOMES

# Spelled out rather than imported: importing forecast.store.store loads pandas, and the parser is
# built before any input is checked (tests/test_cli_store.py checks the two agree).
STORE_HELP = ("store file or postgresql://USER@HOST/DB URL (default: $FORECAST_STORE, else "
              "~/.local/share/forecast/store.sqlite)")  # fmt: skip
AS_OF_HELP = "date to forecast for (default: the newest article's date in the store)"
HISTORY_SHOWN = ("created_at", "as_of", "scenario", "event", "prob", "low", "high", "mcse",
                 "trigger")  # fmt: skip
"""History columns; JSON and CSV add ``article`` (the title), the table shows it as trigger."""
PLOT_TYPES = "the suffix names the format: .png, .pdf, .svg, .jpg, ..."
SHORT_ID = 8
"""Characters of an untitled article's id shown in the history table."""


def add_commands(commands) -> None:
    """Register the store commands."""
    ingest = _command(commands, "ingest", "store articles and reforecast what they touch")
    ingest.add_argument("articles", nargs="+", metavar="ARTICLE", help="article files")
    ingest.add_argument("--model", metavar="FILE", help=f"{MODEL_HELP}: saved and activated first")
    ingest.add_argument("--published", metavar="DATE", help="publication date of the articles")
    ingest.add_argument("--as-of", metavar="DATE", help="date the forecasts speak for")
    add_sampler_options(ingest)
    add_format_option(ingest)
    ingest.set_defaults(handler=ingest_command)

    again = _command(commands, "reforecast", "reforecast every active scenario (e.g. from cron)")
    again.add_argument("--as-of", metavar="DATE", help=AS_OF_HELP)
    add_sampler_options(again)
    add_engine_options(again)
    add_format_option(again)
    again.set_defaults(handler=reforecast_command, batches=True)

    watch = _command(commands, "watch", "poll a folder or an RSS/Atom feed and reforecast")
    watch.add_argument("source", metavar="DIR|URL", help="folder of articles or feed URL")
    watch.add_argument("--every", default="15m", help="poll interval: 30s, 15m, 1h (default 15m)")
    watch.add_argument("--iterations", type=int, metavar="N", help="stop after N polls")
    watch.add_argument("--as-of", metavar="DATE", help=AS_OF_HELP)
    watch.add_argument("--allow-file-feeds", action="store_true",
                       help="accept a file:// feed URL (reads the local disk)")  # fmt: skip
    add_sampler_options(watch)
    watch.set_defaults(handler=watch_command)

    history = _command(commands, "history", "an event's probability over time and why it moved")
    history.add_argument("event", nargs="?", metavar="EVENT", help="event name (default: all)")
    history.add_argument("--scenario", metavar="NAME", help="scenario name")
    history.add_argument("--plot", metavar="FILE", help=f"draw the history of EVENT ({PLOT_TYPES})")
    add_format_option(history)
    add_wide_option(history)
    history.set_defaults(handler=history_command)

    resolve = _command(commands, "resolve", "record how an event turned out")
    resolve.add_argument("event", metavar="EVENT")
    resolve.add_argument("outcome", choices=sorted(OUTCOMES), metavar="yes|no")
    resolve.add_argument("--date", metavar="YYYY-MM-DD", help="resolution date (default today)")
    resolve.add_argument("--scenario", metavar="NAME", help="scenario name")
    resolve.add_argument("--replace", action="store_true", help="change an earlier resolution")
    resolve.set_defaults(handler=resolve_command)

    score = _command(commands, "score", "Brier score, log score and calibration")
    add_score_options(score)
    score.set_defaults(handler=score_command)


def add_score_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--mode``, ``--plot``, ``--format`` and ``--wide``, read by :func:`print_scores`."""
    parser.add_argument(
        "--mode", choices=("daily", "each"), default="daily",
        help="score the forecast standing each day, or each forecast once",
    )  # fmt: skip
    parser.add_argument("--plot", metavar="FILE", help=f"draw the calibration curve ({PLOT_TYPES})")
    add_format_option(parser)
    add_wide_option(parser)


def _command(commands, name: str, summary: str) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=summary, description=summary[0].upper() + summary[1:])
    parser.add_argument("--store", metavar="PATH|URL", help=STORE_HELP)
    return parser


def _open(args: argparse.Namespace, *, create: bool = False) -> Any:
    """The store the command names; only commands that add articles may create it."""
    from forecast.store.location import store_path
    from forecast.store.store import open_store

    return open_store(store_path(args.store), create=create)


def ingest_command(args: argparse.Namespace) -> int:
    """Handle ``forecast ingest``: check every input, then ingest.

    PyMC is imported only if a scenario must be sampled afresh: one article more
    usually reweights the posterior stored with the scenario's last forecast.
    """
    published = date_option(args.published, "--published")
    as_of = date_option(args.as_of, "--as-of")
    sampler = sampler_options(args)
    articles = read_articles(args.articles, published)
    scenario = None
    if args.model:
        from forecast.scenario import load_scenario

        scenario = load_scenario(model_path(args.model))
    with _open(args, create=True) as store:
        quiet_arviz()
        from forecast.loop.changes import describe_change
        from forecast.loop.reforecast import ingest_articles

        report = ingest_articles(
            store, articles, scenario=scenario, as_of=as_of, progress=note, **sampler
        )
    note_caveats(report.forecasts.values())
    if args.format == "json":
        print_json(report.to_dict())
    elif args.format == "csv":
        print_frame(report.changes_frame(), "csv")
    else:
        for update in report.resumed:
            print(f"{update.scenario}: completed a reforecast an earlier ingest left owed")
            for change in update.changes:
                print(f"  {describe_change(change)}")
        for outcome in report.articles:
            if not outcome.added:
                print(f"{outcome.name}: already stored; nothing changed")
                continue
            touched = ", ".join(u.scenario for u in outcome.updates) or "no scenario touched"
            claims = f"{outcome.n_claims} claim" + ("" if outcome.n_claims == 1 else "s")
            print(f"{outcome.name}: stored, {claims}; reforecast: {touched}")
            for update in outcome.updates:
                print(f"  {update.scenario}: {how_fitted(update.forecast)}")
                for change in update.changes:
                    print(f"  {describe_change(change)}")
    return 0


def how_fitted(forecast: Any) -> str:
    """Whether ``forecast`` reweighted a stored posterior (with its Pareto k) or sampled."""
    return forecast.update_note or "sampled afresh (a full fit)"


def reforecast_command(args: argparse.Namespace) -> int:
    """Handle ``forecast reforecast``."""
    import pandas as pd

    from forecast.loop.batch import open_engine
    from forecast.loop.changes import CHANGE_COLUMNS, describe_change
    from forecast.loop.reforecast import reforecast_all

    as_of = date_option(args.as_of, "--as-of")
    sampler = sampler_options(args)
    engine = engine_options(args)
    with _open(args) as store:
        load_sampler()
        n_tasks = len(store.active_scenarios())
        with open_engine(n_tasks=n_tasks, progressbar=sampler["progressbar"], progress=note,
                         **engine) as batch:  # fmt: skip
            updates = reforecast_all(store, as_of=as_of, progress=note, engine=batch, **sampler)
    note_caveats(update.forecast for update in updates)
    if not updates:
        note("no active scenario to reforecast (ingest an article or pass --model to ingest)")
    changes = [change for update in updates for change in update.changes]
    if args.format == "table":
        for change in changes:
            print(describe_change(change))
    else:
        frame = pd.DataFrame([c.to_dict() for c in changes], columns=list(CHANGE_COLUMNS))
        print_frame(frame, args.format)
    return 0


def watch_command(args: argparse.Namespace) -> int:
    """Handle ``forecast watch``: runs until Ctrl-C (or ``--iterations`` polls)."""
    from forecast.loop.watch import parse_every, watch

    every = parse_every(args.every)
    as_of = date_option(args.as_of, "--as-of")
    if args.iterations is not None and args.iterations < 1:
        raise InputError(f"--iterations: must be >= 1; got {args.iterations}")
    sampler = sampler_options(args)
    with _open(args, create=True) as store:
        load_sampler()
        note(f"watching {args.source} every {args.every} (Ctrl-C to stop)")
        summary = watch(args.source, every=every, store=store, iterations=args.iterations,
                        as_of=as_of, allow_files=args.allow_file_feeds, **sampler)  # fmt: skip
    note(summary.line())
    return 0


def history_command(args: argparse.Namespace) -> int:
    """Handle ``forecast history``."""
    with _open(args) as store:
        frame = store.forecast_history(args.scenario, args.event)
        articles = store.articles()
        if frame.empty:
            raise InputError(_no_history(store, args))
    rows = list(zip(articles["id"], articles["title"], articles["path"], strict=True))
    titles = {article_id: title or article_id[:SHORT_ID] for article_id, title, _ in rows}
    if args.plot:
        _plot_history(frame, args, titles)
    stamp = "%Y-%m-%d %H:%M:%S" if args.format == "table" else "%Y-%m-%dT%H:%M:%S.%fZ"
    shown = frame.loc[:, list(HISTORY_SHOWN)].assign(
        created_at=frame["created_at"].dt.strftime(stamp),
        as_of=[None if day is None else day.isoformat() for day in frame["as_of"]],
    )
    if args.format != "table":
        names = {article_id: title or path or article_id for article_id, title, path in rows}
        shown["article"] = [names.get(trigger, "") for trigger in frame["trigger"]]
        print_frame(shown, args.format)
        return 0
    for column in ("prob", "low", "high"):
        shown[column] = shown[column].map("{:.3f}".format)
    shown["mcse"] = shown["mcse"].map("{:.4f}".format)
    shown["trigger"] = [titles.get(trigger, trigger) for trigger in frame["trigger"]]
    print_frame(shown, "table", wide=args.wide, cut=("trigger",))
    return 0


def _no_history(store: Any, args: argparse.Namespace) -> str:
    """Why there is nothing to show: unknown scenario or event, or no forecast yet."""
    from forecast.scenario.validate import suggest

    if args.scenario is not None:
        store.scenario(args.scenario)  # raises for an unknown scenario
    names = sorted({name for s in store.active_scenarios() for name in s.names})
    if args.event is not None and args.event not in names:
        return f"{store.path}: unknown event {args.event!r}{suggest(args.event, names)}"
    return f"{store.path}: no forecasts yet; run 'forecast ingest ARTICLE...' first"


def _plot_history(frame: Any, args: argparse.Namespace, titles: dict[str, str]) -> None:
    from forecast.display.plots import plot_history, save_figure

    if args.event is None:
        raise InputError("--plot: name the EVENT to draw")
    ax = plot_history(frame, args.event, scenario=args.scenario, articles=titles)
    path = save_figure(ax, args.plot)
    note(f"wrote {path}")


def resolve_command(args: argparse.Namespace) -> int:
    """Handle ``forecast resolve``."""
    from forecast.scenario.validate import suggest

    resolved_on = date_option(args.date, "--date") or dt.date.today()
    if resolved_on > dt.date.today():
        raise InputError(
            f"--date: an outcome is recorded once known, so not after today "
            f"({dt.date.today()}); got {resolved_on}"
        )
    with _open(args) as store:
        name = args.scenario
        if name is None:
            holding = [s.name for s in store.active_scenarios() if args.event in s.names]
            if not holding:
                names = sorted({n for s in store.active_scenarios() for n in s.names})
                raise InputError(
                    f"{store.path}: unknown event {args.event!r} in the active scenarios"
                    f"{suggest(args.event, names)}"
                )
            if len(holding) > 1:
                raise InputError(
                    f"{store.path}: event {args.event!r} is in several scenarios "
                    f"({', '.join(holding)}); pass --scenario NAME"
                )
            name = holding[0]
        try:
            changed = store.resolve(
                name, args.event, OUTCOMES[args.outcome], resolved_on, replace=args.replace
            )
        except AlreadyResolved as error:
            raise error.with_remedy("--replace") from None
    state = "recorded" if changed else "already recorded; nothing changed"
    print(f"{name}.{args.event}: {args.outcome} on {resolved_on} ({state})")
    return 0


def score_command(args: argparse.Namespace) -> int:
    """Handle ``forecast score``."""
    from forecast.scoring.scores import score

    with _open(args) as store:
        report = score(store.forecast_history(), store.resolutions(), mode=args.mode)
    return print_scores(report, args)


def print_scores(report: Any, args: argparse.Namespace) -> int:
    """Print a :class:`~forecast.scoring.ScoreReport` as ``--format`` asks; draw ``--plot``."""
    if args.plot:
        from forecast.display.plots import plot_calibration, save_figure

        note(f"wrote {save_figure(plot_calibration(report.calibration_for()), Path(args.plot))}")
    if args.format == "json":
        print_json(report.to_dict())
        return 0
    if args.format == "csv":
        print_frame(report.table, "csv")
        return 0
    conventions = report.to_dict()["conventions"]
    print(f"scores ({report.mode} mode: the forecast standing on each "
          f"{'day' if report.mode == 'daily' else 'forecast'} until the resolution)")  # fmt: skip
    print_frame(report.table, "table", wide=args.wide)
    print(
        "\nBrier score: 0-1 scale, lower is better (mean squared error of the probability "
        "against the 0/1 outcome; 0 is perfect, always saying 50% earns 0.25)"
    )
    print(f"log score: {conventions['log_score']}")
    print(f"weighting: {conventions['weighting']}")
    print(f"\ncalibration ({conventions['calibration']}):")
    print_frame(report.calibration, "table", wide=args.wide)
    if report.unscored:
        missing = ", ".join(f"{s}.{e}" for s, e in report.unscored)
        print(f"\nresolved but with no forecast before the resolution: {missing}")
    return 0
