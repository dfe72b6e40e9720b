"""Running PyMC quietly and stoppably: its logging silenced, Ctrl-C and SIGTERM honoured.

Kept apart from :mod:`forecast.model.inference` (which imports PyMC) because neither needs
PyMC itself: they wrap whatever ``pm.sample`` does.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
import warnings
from collections.abc import Callable, Iterator

__all__ = ["interrupts_raised", "quiet"]


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silence PyMC/PyTensor logging and warnings: the CLI shows its own progress."""
    loggers = [logging.getLogger(name) for name in ("pymc", "pytensor")]
    levels = [lg.level for lg in loggers]
    try:
        for lg in loggers:
            lg.setLevel(logging.ERROR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


@contextlib.contextmanager
def interrupts_raised() -> Iterator[Callable[..., None]]:
    """Re-raise a Ctrl-C or SIGTERM that arrives while PyMC samples, once it has returned.

    PyMC catches KeyboardInterrupt during sampling, ends the chain it reached and goes on
    to sample the next chains in full, then returns the draws so far, which would be
    reported (and stored) as if the fit were whole. Here the signal still ends the chain
    it reaches; the yielded callback (for ``pm.sample``'s ``callback``) ends each later
    chain at its first draw; and the interrupt is raised again when ``pm.sample`` returns,
    so an interrupted fit stops at once and never leaves the sampler. Outside the main
    thread signals cannot be handled and nothing changes.
    """
    received: list[int] = []

    def stop(signum: int, frame: object) -> None:
        received.append(signum)
        raise KeyboardInterrupt

    def stop_later_chains(**_: object) -> None:
        if received:
            raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield stop_later_chains
        return
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop_later_chains
    except Exception:
        if not received:
            raise  # cut-short chains may leave PyMC no trace to build: the signal wins
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if received:
        raise KeyboardInterrupt
