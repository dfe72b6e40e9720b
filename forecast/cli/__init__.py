"""Command line: parse arguments, call the core, print. Nothing else lives here.

Each command group registers itself through an ``add_commands(subparsers)`` function
in its own module; handlers take the parsed namespace and return an exit code.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import logging
import os
import signal
import sys
import threading
import warnings
from collections.abc import Iterator, Sequence
from typing import NoReturn

from forecast.errors import ForecastError

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    """The ``forecast`` argument parser with every command registered."""
    from forecast.cli import backtest, engine, language, lexicon, parse, scenario, store

    parser = argparse.ArgumentParser(
        prog="forecast",
        description="Turn hedged news language into calibrated, explainable probabilities.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks and library warnings")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    engine.add_commands(commands)
    language.add_commands(commands)
    lexicon.add_commands(commands)
    parse.add_commands(commands)
    scenario.add_commands(commands)
    store.add_commands(commands)
    backtest.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, own_process: bool = False) -> int:
    """Run one ``forecast`` command and return its exit code.

    User errors (:class:`~forecast.errors.ForecastError`) print one line on stderr;
    ``--debug`` re-raises them with the traceback. ``own_process`` says the process
    ends with the command (the ``forecast`` program), so a command that never runs a
    batch may keep Dask out of it (`_hide_dask`); a caller's process is left alone.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.debug:
        _quiet_libraries()
    if own_process and not getattr(args, "batches", False):
        _hide_dask()
    try:
        with _sigterm_as_interrupt():
            return args.handler(args)
    except ForecastError as error:
        if args.debug:
            raise
        print(f"forecast: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("forecast: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        # Readers report their own files; what reaches here is the environment: a
        # cache folder a library writes on import (ArviZ's, under HOME), a full disk.
        if args.debug:
            raise
        where = f"{error.filename}: " if error.filename else ""
        print(
            f"forecast: error: {where}{error.strerror or error} (a folder forecast or a "
            "library writes to; if HOME or XDG_CACHE_HOME is not writable, point it at "
            "one that is)",
            file=sys.stderr,
        )
        return ForecastError.exit_code


def entry_point() -> NoReturn:
    """The ``forecast`` command (and ``python -m forecast``): `main`, then `exit_now`."""
    exit_now(main(own_process=True))


def exit_now(code: int) -> NoReturn:
    """End the process with ``code`` without tearing the interpreter down.

    Freeing every object PyMC, PyTensor and spaCy created costs about a second of CPU at
    exit and changes nothing outside the process, so it is skipped: the exit handlers
    libraries registered still run (PyTensor tidies its compile cache in one) and the
    output is flushed first.
    """
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream
            stream.flush()
    os._exit(code)


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops a command as Ctrl-C does: cleanly, with nothing half-stored."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _hide_dask() -> None:
    """Make Dask look absent to this process, which runs no batch.

    xarray checks every array it wraps against Dask's array type and, with Dask
    installed, imports ``dask`` and ``dask.array`` to do so: ~0.3 CPU-s of a forecast
    that builds its draws' xarray objects and never uses Dask. A ``None`` entry in
    ``sys.modules`` makes ``importlib.util.find_spec("dask")`` return None and
    ``import dask`` raise ImportError, which xarray reads as "not installed". Commands
    that batch (``reforecast``, ``backtest``) set ``batches`` and keep Dask.
    """
    sys.modules.setdefault("dask", None)


def _quiet_libraries() -> None:
    """Keep library chatter (PyMC, PyTensor, ArviZ) off the analyst's terminal."""
    warnings.filterwarnings("ignore")
    for name in ("pymc", "pytensor", "arviz", "numba", "matplotlib"):
        logging.getLogger(name).setLevel(logging.ERROR)
