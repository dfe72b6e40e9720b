"""Sampler diagnostics in plain words: R-hat, effective sample size, divergences (ArviZ)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import arviz as az

R_HAT_MAX = 1.01  # Vehtari et al. (2021), "Rank-normalization, folding, and localization"
ESS_MIN = 400.0  # ibid.: bulk and tail ESS of at least 400 before trusting estimates


@dataclass(frozen=True)
class Diagnostics:
    """Sampler diagnostics and whether the fit meets the bar, in plain words when not."""

    r_hat: float  # worst (largest) rank-normalised R-hat over all parameters
    ess: float  # worst (smallest) bulk effective sample size
    divergences: int
    ok: bool
    messages: tuple[str, ...] = ()


def diagnose(idata: az.InferenceData) -> Diagnostics:
    """Compute R-hat, bulk ESS and divergences and say what is wrong, if anything."""
    posterior = idata.posterior
    n_chains = posterior.sizes["chain"]
    ess = float(min(float(v.min()) for v in az.ess(posterior, method="bulk").data_vars.values()))
    r_hat = (
        float(max(float(v.max()) for v in az.rhat(posterior).data_vars.values()))
        if n_chains > 1
        else math.nan
    )
    divergences = int(idata.sample_stats["diverging"].sum()) if "sample_stats" in idata else 0
    messages = []
    if n_chains < 2:
        messages.append("convergence cannot be checked with one chain: run at least 2 chains")
    elif not r_hat <= R_HAT_MAX:
        messages.append(
            f"R-hat is {r_hat:.3f} (above {R_HAT_MAX}): the chains disagree, so the sampler "
            "has not converged; run longer (more tuning and draws)"
        )
    if not ess >= ESS_MIN:
        messages.append(
            f"effective sample size is {ess:.0f} (below {ESS_MIN:.0f}): too few independent "
            "draws for stable probabilities; run more draws"
        )
    if divergences:
        messages.append(
            f"{divergences} divergent transitions: the sampler could not explore the "
            "posterior faithfully, so the probabilities may be biased"
        )
    return Diagnostics(r_hat, ess, divergences, not messages, tuple(messages))
