"""Simulation-based calibration of the claim model, at a size too slow for the test suite.

Talts et al. (2018), "Validating Bayesian inference algorithms with simulation-based
calibration", arXiv:1804.06788: draw parameters from the prior, simulate claims, fit,
and record the rank of each true parameter among (thinned) posterior draws. A calibrated
sampler gives uniform ranks. Prints, per parameter, a chi-square test of the rank
histogram and a KS test of the randomised normalised ranks, and the fits' diagnostics.
Also prints the wall time of ``sample_posterior`` on seed-shaped evidence.

Usage::

    python benchmarks/sbc.py [--replications 200] [--draws 500] [--bins 10] [--seed 0]
"""

from __future__ import annotations

import argparse
import dataclasses
import time

import numpy as np
from scipy import stats

from forecast.model.evidence import EvidenceSet, ModelConfig, simulate_claims
from forecast.model.inference import sample_posterior

# The seed article's shape: six events, ten claims, four sources of four kinds.
EVIDENCE = EvidenceSet(
    events=("summit", "visit", "meet_g7", "briefed", "phone", "abduction"),
    prior_mean=(0.0,) * 6,
    prior_sd=(1.5,) * 6,
    claim_event=(0, 0, 0, 1, 1, 2, 3, 3, 4, 5),
    claim_logit=(0.0,) * 10,
    claim_cue_sd=(1.0, 1.0, 1.0, 1.0, 1.0, 0.7, 1.0, 1.0, 1.0, 1.0),
    claim_age_days=(0, 0, 0, 0, 0, 3, 0, 10, 0, 0),
    claim_source=(0, 0, 1, 2, 2, 3, 1, 0, 0, 3),
    claim_wording=(0, 0, 1, 2, 3, 4, 5, 6, 7, 8),
    source_kind=("anonymous", "outlet", "official", "hearsay"),
)


def build_parser() -> argparse.ArgumentParser:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=200)
    parser.add_argument("--draws", type=int, default=500, help="draws per chain (2 chains)")
    parser.add_argument("--bins", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    return parser


def sbc_ranks(args: argparse.Namespace) -> tuple[list[str], np.ndarray, int, int]:
    """Normalised randomised ranks (replication, parameter), rank count L, bad fits."""
    rng = np.random.default_rng(args.seed)
    config = ModelConfig()
    theta, log_tau, y = simulate_claims(EVIDENCE, config, args.replications, rng)
    names = [f"theta[{e}]" for e in EVIDENCE.events] + [f"log_tau[{k}]" for k in range(4)]
    thin = 4
    n_kept = 2 * args.draws // thin
    ranks, bad = [], 0
    for r in range(args.replications):
        fit = sample_posterior(
            dataclasses.replace(EVIDENCE, claim_logit=tuple(y[r])),
            n_draws=args.draws,
            tune=500,
            seed=args.seed * 100_000 + r,
        )
        bad += not fit.diagnostics.ok
        post = fit.idata.posterior
        draws = np.concatenate([post["theta"].values, post["log_tau"].values], axis=-1)
        kept = draws.reshape(-1, draws.shape[-1])[::thin]
        truth = np.concatenate([theta[r], log_tau[r]])
        ranks.append((kept < truth).sum(axis=0))
    return names, np.asarray(ranks), n_kept, bad


def main() -> int:
    """Run the calibration and print its figures."""
    args = build_parser().parse_args()
    started = time.perf_counter()
    sample_posterior(EVIDENCE, seed=1)
    first = time.perf_counter() - started
    started = time.perf_counter()
    sample_posterior(EVIDENCE, seed=2)
    second = time.perf_counter() - started
    print(
        f"sample_posterior, 6 events x 10 claims, 2 x 1000 draws: first {first:.2f} s, "
        f"second {second:.2f} s (same process)"
    )
    started = time.perf_counter()
    names, ranks, n_kept, bad = sbc_ranks(args)
    elapsed = time.perf_counter() - started
    print(
        f"SBC: {args.replications} replications, ranks among {n_kept} thinned draws, "
        f"{bad} fits not ok, {elapsed:.0f} s"
    )
    rng = np.random.default_rng(args.seed + 1)
    print(f"{'parameter':<22}{'chi2 p':>10}{'KS p':>10}")
    for j, name in enumerate(names):
        counts = np.histogram(ranks[:, j], bins=args.bins, range=(0, n_kept + 1))[0]
        chi2 = stats.chisquare(counts).pvalue
        pit = (ranks[:, j] + rng.uniform(size=len(ranks))) / (n_kept + 1)
        ks = stats.kstest(pit, "uniform").pvalue
        print(f"{name:<22}{chi2:>10.3f}{ks:>10.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
