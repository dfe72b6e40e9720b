"""The `Posterior` value and its pymc-free helpers (ArviZ and numpy only).

Kept apart from `forecast.inference` so that reweighting an existing posterior
(`forecast.reweight`) never needs PyMC.
"""

from __future__ import annotations

from dataclasses import dataclass

import arviz as az
import numpy as np
import xarray as xr

from forecast.conditional import pointwise_loo_loglik
from forecast.diagnostics import Diagnostics, diagnose
from forecast.evidence import EvidenceSet, ModelConfig, claim_design

__all__ = ["Posterior", "log_likelihood_group", "prior_posterior", "tau_draws"]


@dataclass(frozen=True)
class Posterior:
    """Posterior draws of the claim model with their diagnostics and inputs."""

    idata: az.InferenceData
    diagnostics: Diagnostics
    evidence: EvidenceSet
    config: ModelConfig
    tune: int  # tuning steps per chain of the fit the draws came from
    prior_only: bool = False

    def theta(self) -> np.ndarray:
        """Event log-odds draws, shape (chain, draw, event)."""
        return self.idata.posterior["theta"].values

    def tau(self) -> np.ndarray:
        """Per-kind scale draws (chain, draw, kind); the fixed centres if not sampled."""
        return tau_draws(self.idata.posterior, self.evidence, self.config)

    def log_likelihood(self) -> np.ndarray:
        """Leave-one-out-ready pointwise log-likelihood, shape (chain, draw, claim)."""
        return self.idata.log_likelihood["y"].values


def tau_draws(posterior: xr.Dataset, evidence: EvidenceSet, config: ModelConfig) -> np.ndarray:
    """Per-kind scale draws (chain, draw, kind); fixed centres when ``kind_scale_sd`` is 0."""
    if "log_tau" in posterior:
        return np.exp(posterior["log_tau"].values)
    centre = claim_design(evidence, config).kind_centre
    return np.broadcast_to(centre, (*posterior["theta"].shape[:2], len(centre)))


def log_likelihood_group(
    posterior: xr.Dataset, evidence: EvidenceSet, config: ModelConfig
) -> xr.Dataset:
    """The pointwise leave-one-out log-likelihood as an ArviZ ``log_likelihood`` group."""
    theta = posterior["theta"].values
    values = pointwise_loo_loglik(evidence, config, theta, tau_draws(posterior, evidence, config))
    coords = {"chain": posterior["chain"], "draw": posterior["draw"]}
    coords["claim"] = np.arange(values.shape[-1])
    return xr.Dataset({"y": (("chain", "draw", "claim"), values)}, coords=coords)


def prior_posterior(
    evidence: EvidenceSet,
    n_draws: int,
    chains: int,
    tune: int,
    seed: int | None,
    config: ModelConfig,
) -> Posterior:
    """Exact independent prior draws, packaged like a posterior, for evidence with no claims."""
    rng = np.random.default_rng(seed)
    mean, sd = np.asarray(evidence.prior_mean), np.asarray(evidence.prior_sd)
    theta = mean + sd * rng.standard_normal((chains, n_draws, len(mean)))
    idata = az.from_dict(
        posterior={"theta": theta},
        log_likelihood={"y": np.zeros((chains, n_draws, 0))},
        coords={"event": list(evidence.events), "claim": []},
        dims={"theta": ["event"], "y": ["claim"]},
    )
    found = diagnose(idata)
    message = "no claims are linked to these events: the forecast is the prior"
    diagnostics = Diagnostics(
        found.r_hat, found.ess, found.divergences, found.ok, (message, *found.messages)
    )
    return Posterior(idata, diagnostics, evidence, config, tune, prior_only=True)
