"""The ``backtest`` command: replay archived news and score what the engine would have said."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

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
    parser.add_argument(
        "--store", metavar="PATH",
        help=f"{STORE_HELP}; supplies what DIR, --model and --resolutions do not",
    )  # fmt: skip
    parser.add_argument(
        "--model", action="append", metavar="FILE",
        help="scenario file to backtest (repeatable; default: the store's active scenarios)",
    )  # fmt: skip
    parser.add_argument(
        "--resolutions", metavar="FILE",
        help="CSV of outcomes: header scenario,event,outcome,date; rows such as "
        "us_japan_2018,visit,no,2018-06-16 (default: those recorded in the store)",
    )  # fmt: skip
    add_score_options(parser)
    add_sampler_options(parser)
    add_engine_options(parser)
    parser.set_defaults(handler=backtest_command, batches=True)


def backtest_command(args: argparse.Namespace) -> int:
    """Handle ``forecast backtest``: check every input, then run the batch and score it."""
    from forecast.loop.batch import batch_seed, open_engine
    from forecast.scenario import load_scenario
    from forecast.scoring.backtest import (
        article_inputs,
        backtest_tasks,
        replays,
        run_backtest,
        store_inputs,
    )
    from forecast.store.location import store_path
    from forecast.store.store import open_store

    sampler = sampler_options(args)
    engine = engine_options(args)
    articles = None if args.folder is None else read_articles(_folder_files(args.folder), None)
    scenarios = [load_scenario(model_path(path)) for path in args.model or ()] or None
    if articles is not None and scenarios is not None and args.resolutions is not None:
        inputs = {"scenarios": tuple(scenarios), "resolutions": _resolutions(args, scenarios),
                  **article_inputs(articles)}  # fmt: skip
    else:  # the store supplies the rest; the resolutions file is checked before extraction
        with open_store(store_path(args.store), create=False) as store:
            scenarios = scenarios or store.active_scenarios()
            inputs = store_inputs(store, articles=articles, scenarios=scenarios,
                                  resolutions=_resolutions(args, scenarios))  # fmt: skip
    resolutions = inputs["resolutions"]
    tasks = backtest_tasks(inputs["scenarios"], inputs["claims"], resolutions,
                           seed=batch_seed(sampler["seed"]), outlets=inputs["outlets"])  # fmt: skip
    note(f"backtest: {len(tasks)} forecasts of {len(inputs['scenarios'])} scenario(s)")
    load_sampler()
    with open_engine(n_tasks=len(replays(tasks)), progressbar=sampler["progressbar"],
                     progress=note, **engine) as batch:  # fmt: skip
        report = run_backtest(tasks, resolutions, n_draws=sampler["n_draws"],
                              chains=sampler["chains"], mode=args.mode, engine=batch)  # fmt: skip
    note(f"backtest: {report.n_updated} of {report.n_tasks} forecasts reweighted the "
         "previous one's posterior, the others were sampled afresh")  # fmt: skip
    return print_scores(report.scores, args)


def _resolutions(args: argparse.Namespace, scenarios) -> Any:
    """The outcomes in ``--resolutions`` for ``scenarios``, or None without the option."""
    from forecast.scoring.resolutions import read_resolutions

    return None if args.resolutions is None else read_resolutions(args.resolutions, scenarios)


def _folder_files(folder: str) -> list[Path]:
    """The article files of ``folder`` (as ``watch`` reads them), by name."""
    from forecast.loop.watch import ARTICLE_SUFFIXES, is_article_name

    path = Path(folder)
    if not path.is_dir():
        raise InputError(f"{folder}: not a folder; expected a folder of articles")
    files = sorted(file for file in path.iterdir() if file.is_file() and is_article_name(file))
    if not files:
        raise InputError(f"{folder}: no article files ({', '.join(sorted(ARTICLE_SUFFIXES))})")
    return files
