"""The ``backtest`` command: replay archived news and score what the engine would have said."""

from __future__ import annotations

import argparse
from pathlib import Path

from forecast.cli.common import (
    add_engine_options,
    add_sampler_options,
    engine_options,
    load_sampler,
    model_path,
    note,
    read_articles,
    sampler_options,
)
from forecast.cli.store import STORE_HELP, add_score_options, print_scores
from forecast.errors import InputError


def add_commands(commands) -> None:
    """Register ``backtest``."""
    summary = "replay archived news in publication order and score the forecasts"
    parser = commands.add_parser("backtest", help=summary, description=summary.capitalize())
    parser.add_argument(
        "folder", nargs="?", metavar="DIR",
        help="folder of articles to replay (default: the store's articles)",
    )  # fmt: skip
    parser.add_argument("--store", metavar="PATH", help=f"{STORE_HELP}; holds the resolutions")
    parser.add_argument(
        "--model", action="append", metavar="FILE",
        help="scenario file to backtest (repeatable; default: the store's active scenarios)",
    )  # fmt: skip
    add_score_options(parser)
    add_sampler_options(parser)
    add_engine_options(parser)
    parser.set_defaults(handler=backtest_command, batches=True)


def backtest_command(args: argparse.Namespace) -> int:
    """Handle ``forecast backtest``: check every input, then run the batch and score it."""
    from forecast.backtest import backtest_tasks, run_backtest, store_inputs
    from forecast.batch import batch_seed, open_engine
    from forecast.scenario import load_scenario
    from forecast.store import open_store, store_path

    sampler = sampler_options(args)
    engine = engine_options(args)
    articles = None if args.folder is None else read_articles(_folder_files(args.folder), None)
    scenarios = None
    if args.model:
        scenarios = [load_scenario(model_path(path)) for path in args.model]
    with open_store(store_path(args.store), create=False) as store:
        inputs = store_inputs(store, articles=articles, scenarios=scenarios)
    resolutions = inputs["resolutions"]
    tasks = backtest_tasks(inputs["scenarios"], inputs["claims"], resolutions,
                           seed=batch_seed(sampler["seed"]), outlets=inputs["outlets"])  # fmt: skip
    note(f"backtest: {len(tasks)} forecasts of {len(inputs['scenarios'])} scenario(s)")
    load_sampler()
    with open_engine(n_tasks=len(tasks), progressbar=sampler["progressbar"], progress=note,
                     **engine) as batch:  # fmt: skip
        report = run_backtest(tasks, resolutions, n_draws=sampler["n_draws"],
                              chains=sampler["chains"], mode=args.mode, engine=batch)  # fmt: skip
    return print_scores(report.scores, args)


def _folder_files(folder: str) -> list[Path]:
    """The article files of ``folder`` (as ``watch`` reads them), by name."""
    from forecast.watch import ARTICLE_SUFFIXES, is_article_name

    path = Path(folder)
    if not path.is_dir():
        raise InputError(f"{folder}: not a folder; expected a folder of articles")
    files = sorted(file for file in path.iterdir() if file.is_file() and is_article_name(file))
    if not files:
        raise InputError(f"{folder}: no article files ({', '.join(sorted(ARTICLE_SUFFIXES))})")
    return files
