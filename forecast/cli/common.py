"""Options and messages shared by the commands: sampler sizes, dates, stderr notes."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from forecast.errors import InputError

DRAWS_ENV = "FORECAST_DRAWS"
DEFAULT_DRAWS = 1000
EXAMPLE = "example"
MODEL_HELP = f"scenario file (models/*.toml), or '{EXAMPLE}' for the shipped example"
_LOADED = time.perf_counter()


def model_path(value: str | None) -> Path:
    """The scenario file ``--model`` names; ``example`` (or no option) is the shipped one.

    The shipped example lives in the installed package, so ``--model example`` works from
    a wheel as well as from a checkout.
    """
    from forecast.scenario import default_scenario_path

    return default_scenario_path() if value in (None, EXAMPLE) else Path(value)


def note(message: str) -> None:
    """Progress and warnings for people: one ``forecast:`` line on stderr."""
    print(f"forecast: {message}", file=sys.stderr, flush=True)


def note_caveats(forecasts: Iterable[Any]) -> None:
    """Note on stderr what each forecast's date implies: news left out, deadlines passed."""
    for forecast in forecasts:
        for line in forecast.caveats():
            note(line)


def elapsed() -> float:
    """Wall seconds since this process started, so "done in" counts the imports too.

    Linux states the start in ``/proc/self/stat`` (clock ticks after boot, beside
    ``/proc/uptime``); elsewhere the count starts when the command line was loaded.
    """
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(uptime - ticks / os.sysconf("SC_CLK_TCK"), 0.0)
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _LOADED


def load_sampler() -> None:
    """Import the sampler, saying so, and warn when its model will be compiled first.

    Commands validate every argument, file and scenario before this, so input errors
    are reported at once rather than after the ~10 s PyMC import.
    """
    note("importing the sampler (PyMC)")
    quiet_arviz()
    from forecast.model.inference import compile_cache_cold

    if compile_cache_cold():
        note("compiling the model, first run only (about 20 s)")


def quiet_arviz() -> None:
    """Turn off ArviZ's numba helpers: they cost ~1-2 s to JIT per process, more than
    they save on one scenario's few thousand draws."""
    import arviz as az

    az.Numba.disable_numba()


def progressbar() -> bool:
    """Whether to draw progress bars: only when stderr is a terminal, never in a log."""
    return sys.stderr.isatty()


def read_articles(paths: Sequence[str | Path], published: dt.date | None) -> list[Any]:
    """Read article files, refusing any that holds data or code rather than news text."""
    from forecast.reading.article import read_article
    from forecast.reading.sniff import non_article_reason

    articles = []
    for path in paths:
        article = read_article(path, published=published)
        reason = non_article_reason(path, article.text)
        if reason is not None:
            raise InputError(
                f"{path}: not an article: {reason}; expected news text (txt, md, html, json)"
            )
        articles.append(article)
    return articles


def date_option(value: str | None, option: str) -> dt.date | None:
    """An ISO date option (``--published``, ``--as-of``, ``--date``), or None when absent."""
    from forecast.reading.article import parse_published

    return None if value is None else parse_published(value, field=option)


def add_sampler_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--draws``, ``--chains`` and ``--seed`` to a command that samples."""
    parser.add_argument("--draws", type=int, metavar="N", help="posterior draws per chain")
    parser.add_argument("--chains", type=int, default=2, metavar="N", help="chains (default: 2)")
    parser.add_argument("--seed", type=int, metavar="N", help="random seed (default: fresh)")


def draws_option(value: int | None, environ: Mapping[str, str] = os.environ) -> int:
    """Posterior draws per chain: the option, else ``$FORECAST_DRAWS``, else 1000."""
    where = "--draws"
    if value is None and environ.get(DRAWS_ENV):
        where = DRAWS_ENV
        try:
            value = int(environ[DRAWS_ENV])
        except ValueError:
            raise InputError(
                f"{DRAWS_ENV}: must be a whole number; got {environ[DRAWS_ENV]!r}"
            ) from None
    value = DEFAULT_DRAWS if value is None else value
    if value < 1:
        raise InputError(f"{where}: must be >= 1; got {value}")
    return value


def sampler_options(args: argparse.Namespace) -> dict[str, Any]:
    """``n_draws``, ``chains`` and ``seed`` from the parsed options, checked, and
    ``progressbar``: whether sampling draws bars (only when stderr is a terminal)."""
    if args.chains < 1:
        raise InputError(f"--chains: must be >= 1; got {args.chains}")
    if args.seed is not None and not 0 <= args.seed < 2**32:
        raise InputError(f"--seed: must be a whole number in [0, 2**32); got {args.seed}")
    return {
        "n_draws": draws_option(args.draws),
        "chains": args.chains,
        "seed": args.seed,
        "progressbar": progressbar(),
    }


SCHEDULER_HELP = (
    "address of a Dask scheduler to run the batch on, e.g. tcp://host:8786 (default: "
    "$FORECAST_SCHEDULER, else a local cluster of one worker per core)"
)


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--scheduler`` and ``--workers`` to a command that runs a batch of forecasts."""
    parser.add_argument("--scheduler", metavar="ADDRESS", help=SCHEDULER_HELP)
    parser.add_argument(
        "--workers", type=int, metavar="N",
        help="worker processes of the local cluster (default: one per core; 0: this process)",
    )  # fmt: skip


def engine_options(args: argparse.Namespace) -> dict[str, Any]:
    """``scheduler`` and ``n_workers`` for :func:`forecast.loop.batch.open_engine`, checked."""
    if args.workers is not None and args.workers < 0:
        raise InputError(f"--workers: must be >= 0; got {args.workers}")
    return {"scheduler": args.scheduler, "n_workers": args.workers}
