"""Forward Monte Carlo: seeded coins for every latent event, outcomes by the graph's rule.

numpy only; see :mod:`~forecast.simulate.network` for the semantics.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from forecast.errors import InputError
from forecast.simulate.network import EventGraph, check_probs, propagate

__all__ = ["simulate", "simulate_counts"]


def simulate(graph: EventGraph, probs: Any, rng: Any = None) -> np.ndarray:
    """Draw one joint outcome of every event per posterior draw.

    Drawn in blocks (see :func:`simulate_counts`), so the memory beyond ``probs`` and
    the result stays under a few tens of MB.

    Parameters
    ----------
    graph : EventGraph
    probs : array_like, shape (n_draws, len(graph.latent))
        Per draw, the conditional probability of each latent event.
    rng : None, int or numpy.random.Generator

    Returns
    -------
    numpy.ndarray of bool, shape (n_draws, len(graph.names))
    """
    probs = check_probs(graph, probs)
    rng = np.random.default_rng(rng)
    outcomes = np.empty((len(probs), len(graph.names)), dtype=bool)
    size = _block_size(graph)
    for start in range(0, len(probs), size):
        stop = min(start + size, len(probs))
        block = _thresholds(probs[start:stop])
        values = _simulate_block(graph, block, 1, rng)
        for j, name in enumerate(graph.names):
            outcomes[start:stop, j] = values[name]
    return outcomes


def simulate_counts(graph: EventGraph, probs: Any, n_samples: int, rng: Any = None) -> np.ndarray:
    """How many of ``n_samples`` forward-simulated outcomes have each event happen.

    Sample ``i`` uses posterior draw ``i mod n_draws``, so ``n_samples`` a multiple of
    the draws weighs every draw equally. Outcomes are counted block by block and never
    held, so memory stays bounded (tens of MB) whatever ``n_samples``.

    Returns
    -------
    numpy.ndarray of int64, shape (len(graph.names),)
    """
    probs = check_probs(graph, probs)
    if not (isinstance(n_samples, int | np.integer) and n_samples >= 0):
        raise InputError(f"n_samples: must be an integer >= 0; got {n_samples!r}")
    rng = np.random.default_rng(rng)
    thresholds = _thresholds(probs)
    counts = np.zeros(len(graph.names), dtype=np.int64)
    size = _block_size(graph)
    n_draws = len(probs)
    # A block repeats a run of consecutive draws; leftovers use the leading draws.
    run = min(n_draws, size)
    repeats = max(1, size // n_draws)
    done = 0
    while done < n_samples:
        start = done % n_draws
        width = min(run, n_draws - start, n_samples - done)
        times = max(1, min(repeats, (n_samples - done) // width)) if start == 0 else 1
        block = thresholds[start : start + width]
        values = _simulate_block(graph, block, times, rng)
        counts += [np.count_nonzero(values[name]) for name in graph.names]
        done += width * times
    return counts


_SIM_CELLS = 2**21  # latent events x samples per simulation block (8 MiB of random bits)


def _block_size(graph: EventGraph) -> int:
    """Samples per simulation block."""
    return max(1, _SIM_CELLS // max(len(graph.latent), 1))


def _thresholds(probs: np.ndarray) -> np.ndarray:
    """Each prob as a uint32 threshold (prob * 2**32, rounded; ``u < t`` has prob ``t/2**32``).

    A prob of 1 cannot be represented and is marked by ``2**32 - 1`` plus the ``probs``
    check in :func:`_simulate_block`; every other prob is exact to 2**-32.
    """
    scaled = np.rint(probs * 2.0**32)
    return np.minimum(scaled, 2.0**32 - 1).astype(np.uint32)


def _simulate_block(
    graph: EventGraph, thresholds: np.ndarray, times: int, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Outcome of each event (samples,) in ``times`` passes over the draws' ``thresholds``.

    One call of the bit generator for the whole block: 32 random bits per coin.
    """
    n_rows, n_latent = thresholds.shape
    n_coins = n_latent * n_rows * times
    bits = rng.bit_generator.random_raw((n_coins + 1) // 2).view(np.uint32)[:n_coins]
    bits = bits.reshape(n_latent, times, n_rows)
    tosses = bits < thresholds.T[:, None, :]
    certain = thresholds == np.iinfo(np.uint32).max
    for column in np.flatnonzero(certain.any(axis=0)):
        tosses[column] |= certain[:, column]
    tosses = tosses.reshape(n_latent, times * n_rows)
    return propagate(graph.nodes, dict(zip(graph.latent, tosses, strict=True)))
