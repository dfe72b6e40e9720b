"""One BLAS thread around numerics on many small matrices.

The claim model works on batches of small matrices (one event x event precision per
posterior draw, a source x source matrix per NUTS step). OpenBLAS's threads gain nothing
on such sizes and, on a busy machine, lose a great deal while they spin and wait: a block
of 100 draws' (100 x 100) conditionals took 12.8 CPU-s with the default threads and
0.09 CPU-s with one (2 cores under load; see ``benchmarks/bench_evidence.py``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from threadpoolctl import ThreadpoolController

__all__ = ["one_blas_thread", "single_blas_thread"]


@functools.cache
def _controller() -> ThreadpoolController:
    """The loaded native thread pools, found once (scanning them costs milliseconds)."""
    return ThreadpoolController()


@contextmanager
def single_blas_thread() -> Iterator[None]:
    """BLAS limited to one thread inside the block, the previous limit restored after it."""
    with _controller().limit(limits=1, user_api="blas"):
        yield


def one_blas_thread(function: Callable[..., Any]) -> Callable[..., Any]:
    """Run ``function`` with BLAS limited to one thread, then restore the previous limit."""

    @functools.wraps(function)
    def limited(*args: Any, **kwargs: Any) -> Any:
        with single_blas_thread():
            return function(*args, **kwargs)

    return limited
