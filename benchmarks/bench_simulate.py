"""Forward Monte Carlo over an event graph next to its floor: drawing the uniforms alone.

For the synthetic 30-event and 200-event graphs (`benchmarks/synthetic.py`), with
probabilities drawn uniformly per posterior draw:

* ``simulate``: one joint outcome per row of a ``(n_samples, latent)`` probability
  array; samples per second and the peak memory it allocates beyond its input
  (``tracemalloc``, which sees numpy's buffers);
* ``simulate_counts``: ``n_samples`` outcomes cycling over 2,000 posterior draws,
  counted without holding them; samples per second and peak memory;
* floor: ``numpy.random.Generator.random`` drawing one float64 uniform per latent event
  and sample (the same count), in the same chunks.

Targets: >= 10M samples/s on the 30-event graph, within 1.5x of the floor; >= 1M
samples/s on the 200-event graph; peak memory <= 256 MB whatever the sample count.
Usage::

    python benchmarks/bench_simulate.py [--samples 1000000 10000000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np

# This checkout's package, not an installed one, and the synthetic-case helpers.
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import synthetic

from forecast import simulate as sim

N_DRAWS = 2000
FLOOR_CHUNK = 2**16


def measure(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median seconds of ``repeats`` calls, and the peak bytes one call allocates."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak


def uniform_floor(n_samples: int, n_latent: int, rng: np.random.Generator) -> None:
    """Draw ``n_samples x n_latent`` float64 uniforms in chunks (the RNG's own cost)."""
    for start in range(0, n_samples, FLOOR_CHUNK):
        rng.random((min(FLOOR_CHUNK, n_samples - start), n_latent))


def main(argv: list[str] | None = None) -> int:
    """Print samples/s, ratio to the floor and peak memory per graph and sample count."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--events", type=int, nargs="+", default=[30, 200])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    print(
        f"{'events':>6} {'samples':>10} {'what':<16} {'M samples/s':>11} {'x floor':>8} "
        f"{'peak MB':>8}"
    )
    for n_events in args.events:
        graph = sim.build_graph(synthetic.scenario(n_events))
        n_latent = len(graph.latent)
        rng = np.random.default_rng(1)
        draws = rng.uniform(size=(N_DRAWS, n_latent))
        for n_samples in args.samples:
            floor, _ = measure(
                functools.partial(uniform_floor, n_samples, n_latent, rng), args.repeats
            )
            rows = [("uniform floor", floor, 0)]
            if hasattr(sim, "simulate_counts"):
                counted = measure(
                    functools.partial(sim.simulate_counts, graph, draws, n_samples, rng),
                    args.repeats,
                )
                rows.append(("simulate_counts", *counted))
            if n_samples * n_latent * 8 <= 2**30:
                probs = np.tile(draws, (n_samples // N_DRAWS + 1, 1))[:n_samples]
                rows.append(
                    ("simulate", *measure(functools.partial(sim.simulate, graph, probs, rng), 1))
                )
                del probs
            for what, seconds, peak in rows:
                print(
                    f"{n_events:>6} {n_samples:>10} {what:<16} {n_samples / seconds / 1e6:>11.2f} "
                    f"{seconds / floor:>8.2f} {peak / 2**20:>8.0f}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
