"""Options and messages shared by the commands: sampler sizes, dates, stderr notes."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Mapping
from typing import Any

from forecast.errors import InputError

DRAWS_ENV = "FORECAST_DRAWS"
DEFAULT_DRAWS = 1000


def note(message: str) -> None:
    """Progress and warnings for people: one ``forecast:`` line on stderr."""
    print(f"forecast: {message}", file=sys.stderr, flush=True)


def date_option(value: str | None, option: str) -> dt.date | None:
    """An ISO date option (``--published``, ``--as-of``, ``--date``), or None when absent."""
    from forecast.article import parse_published

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
    """``n_draws``, ``chains`` and ``seed`` from the parsed options, checked.

    Also switches ArviZ to its numpy code paths: JIT-compiling its helpers costs ~1-2 s
    per process, more than it saves on one scenario's few thousand draws.
    """
    if args.chains < 1:
        raise InputError(f"--chains: must be >= 1; got {args.chains}")
    if args.seed is not None and not 0 <= args.seed < 2**32:
        raise InputError(f"--seed: must be a whole number in [0, 2**32); got {args.seed}")
    n_draws = draws_option(args.draws)
    import arviz as az

    az.Numba.disable_numba()
    return {"n_draws": n_draws, "chains": args.chains, "seed": args.seed}
