"""How the cost of a forecast grows with the number of claims and events.

Each (claims, events) case of the grid runs ``run_forecast`` (default draws and chains,
seed 1) on a synthetic scenario (`benchmarks/synthetic.py`) in a fresh process, after an
untimed warm-up on a small case that fills PyTensor's compile cache, with a cap on its
address space and a timeout. It prints, per case, the CPU seconds spent in NUTS
(``forecast.model.inference._sample_scales``, refits included), the CPU seconds of everything
else after the claims are linked (the post-sampling numerics: Gaussian conditionals,
leave-one-claim-out influence, event probabilities, forward simulation), the wall time
and the peak resident memory; then the exponents ``b`` and ``c`` of a least-squares fit
``post-sampling CPU ~ claims**b * events**c`` over the cases that finished. The target
is 1,000 claims x 100 events in under 60 s and 2 GB, with ``b`` and ``c`` at most 1.
Usage::

    python benchmarks/bench_evidence.py [--claims 50 100 200 400 1000] [--events 10 30 100]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

TARGET_SECONDS = 60.0
TARGET_BYTES = 2 * 2**30


def run_case(n_claims: int, n_events: int) -> dict[str, float]:
    """Time one forecast in this process; the figures of one grid cell."""
    # This checkout's package, not an installed one, and the synthetic-case helpers.
    sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).parent)]
    import arviz as az
    import synthetic

    from forecast.engine.run import run_forecast
    from forecast.model import inference

    az.Numba.disable_numba()  # as the CLI does
    scenario = synthetic.scenario(n_events)
    claims = synthetic.claims(n_claims, n_events)
    nuts = [0.0]
    sample_scales = inference._sample_scales

    def timed_sampler(*args, **kwargs):
        started = time.process_time()
        try:
            return sample_scales(*args, **kwargs)
        finally:
            nuts[0] += time.process_time() - started

    inference._sample_scales = timed_sampler
    cpu, wall = time.process_time(), time.perf_counter()
    run_forecast(scenario, claims, seed=1)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"cpu": cpu, "nuts": nuts[0], "post": cpu - nuts[0], "wall": wall, "peak": peak}


def spawn(n_claims: int, n_events: int, timeout: float, cap: int) -> dict[str, float] | str:
    """Run one case in a fresh, memory-capped process: its figures, or why it failed."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    command = [sys.executable, __file__, "--case", str(n_claims), str(n_events)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, preexec_fn=limit
        )
    except subprocess.TimeoutExpired:
        return f"timed out after {timeout:.0f} s"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return f"failed (exit {done.returncode}): {last[:90]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def fit_exponents(rows: list[tuple[int, int, float]]) -> tuple[float, float] | None:
    """Least-squares ``(b, c)`` in ``log t = a + b log claims + c log events``."""
    if len({r[0] for r in rows}) < 2 or len({r[1] for r in rows}) < 2:
        return None
    x = np.array([[1.0, np.log(c), np.log(e)] for c, e, _ in rows])
    y = np.log([t for _, _, t in rows])
    _, b, c = np.linalg.lstsq(x, y, rcond=None)[0]
    return float(b), float(c)


def main(argv: list[str] | None = None) -> int:
    """Run the grid and print the table and the fitted exponents; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[50, 100, 200, 400, 1000])
    parser.add_argument("--events", type=int, nargs="+", default=[10, 30, 100])
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per case")
    parser.add_argument("--cap-gb", type=float, default=6.0, help="address-space cap per case")
    parser.add_argument("--case", type=int, nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.case:
        print(json.dumps(run_case(*args.case)))
        return 0
    cap = int(args.cap_gb * 2**30)
    spawn(10, 3, args.timeout, cap)  # warm the PyTensor compile cache
    print(
        f"{'claims':>6} {'events':>6} {'NUTS cpu s':>10} {'post cpu s':>10} "
        f"{'wall s':>8} {'peak MB':>8}"
    )
    finished = []
    for n_claims in args.claims:
        for n_events in args.events:
            got = spawn(n_claims, n_events, args.timeout, cap)
            if isinstance(got, str):
                print(f"{n_claims:>6} {n_events:>6}  {got}")
                continue
            finished.append((n_claims, n_events, got["post"]))
            verdict = ""
            if (n_claims, n_events) == (1000, 100):
                ok = got["wall"] < TARGET_SECONDS and got["peak"] < TARGET_BYTES
                verdict = "  meets the target" if ok else "  misses the target (60 s, 2 GB)"
            print(
                f"{n_claims:>6} {n_events:>6} {got['nuts']:>10.2f} {got['post']:>10.2f} "
                f"{got['wall']:>8.2f} {got['peak'] / 2**20:>8.0f}{verdict}",
                flush=True,
            )
    exponents = fit_exponents(finished)
    if exponents is not None:
        b, c = exponents
        print(f"post-sampling cpu ~ claims^{b:.2f} x events^{c:.2f} (target: both <= 1)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
