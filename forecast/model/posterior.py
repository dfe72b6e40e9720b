"""The `Posterior` value and its pymc-free helpers (ArviZ and numpy only).

Kept apart from `forecast.model.inference` so that reweighting an existing posterior
(`forecast.model.reweight`) never needs PyMC. `posterior_record` and `posterior_from_record`
turn a posterior into what the store keeps (JSON text and the draws as ``.npz`` bytes)
and back, so that a later process reweights it instead of sampling afresh.
"""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from dataclasses import dataclass, field

import arviz as az
import numpy as np
import xarray as xr

from forecast.errors import InputError
from forecast.model.conditional import log_marginal
from forecast.model.diagnostics import Diagnostics, diagnose
from forecast.model.evidence import EvidenceSet, ModelConfig, claim_design
from forecast.model.loo import pointwise_loo_loglik

__all__ = [
    "RECORD_FORMAT",
    "Posterior",
    "draws_idata",
    "log_likelihood_group",
    "posterior_from_record",
    "posterior_record",
    "prior_posterior",
    "tau_draws",
]

RECORD_FORMAT = 1
"""Version of `posterior_record`'s layout; a record of another version is not read."""


@dataclass(frozen=True)
class Posterior:
    """Posterior draws of the claim model with their diagnostics and inputs."""

    idata: az.InferenceData
    diagnostics: Diagnostics
    evidence: EvidenceSet
    config: ModelConfig
    tune: int  # tuning steps per chain of the fit the draws came from
    prior_only: bool = False
    marginal: np.ndarray | None = field(default=None, repr=False, compare=False)

    def log_marginal(self) -> np.ndarray:
        """``log p(y | tau)`` per draw (chain, draw), theta integrated out.

        What reweighting divides by; it does not change between updates, so it is
        computed once and kept (an update passes its own on; the store keeps it).
        """
        if self.marginal is None:
            value = log_marginal(self.evidence, self.config, self.tau())
            object.__setattr__(self, "marginal", value)  # a cache, not a change of value
        return self.marginal

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


def draws_idata(
    evidence: EvidenceSet, config: ModelConfig, theta: np.ndarray, log_tau: np.ndarray | None
) -> az.InferenceData:
    """Draws of ``theta`` (and ``log_tau`` when the scales are free) as InferenceData,
    with the leave-one-out ``log_likelihood`` group."""
    draws = {"theta": theta}
    dims = {"theta": ["event"]}
    coords = {"event": list(evidence.events)}
    if log_tau is not None:
        draws["log_tau"] = log_tau
        dims["log_tau"] = ["kind"]
        coords["kind"] = list(claim_design(evidence, config).kinds)
    idata = az.from_dict(posterior=draws, coords=coords, dims=dims)
    idata.add_groups(log_likelihood=log_likelihood_group(idata.posterior, evidence, config))
    return idata


def posterior_record(posterior: Posterior) -> tuple[str, bytes]:
    """What the store keeps of ``posterior``: JSON text of its inputs and diagnostics, and
    its draws (``theta``, ``log_tau``, ``log p(y | tau)``) as ``.npz`` bytes."""
    text = json.dumps(
        {
            "format": RECORD_FORMAT,
            "evidence": dataclasses.asdict(posterior.evidence),
            "config": dataclasses.asdict(posterior.config),
            "diagnostics": dataclasses.asdict(posterior.diagnostics),
            "tune": posterior.tune,
            "prior_only": posterior.prior_only,
        }
    )
    arrays = {"theta": posterior.theta(), "marginal": posterior.log_marginal()}
    if "log_tau" in posterior.idata.posterior:
        arrays["log_tau"] = posterior.idata.posterior["log_tau"].values
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return text, buffer.getvalue()


def posterior_from_record(text: str, draws: bytes, where: str = "stored posterior") -> Posterior:
    """The `Posterior` that `posterior_record` stored.

    Raises
    ------
    InputError
        Naming ``where``, when the record is damaged or of another `RECORD_FORMAT`.
    """
    try:
        record = json.loads(text)
        if record.get("format") != RECORD_FORMAT:
            raise ValueError(f"format {record.get('format')!r}, not {RECORD_FORMAT}")
        evidence = EvidenceSet(**record["evidence"])
        config = ModelConfig(**record["config"])
        found = record["diagnostics"]
        diagnostics = Diagnostics(**{**found, "messages": tuple(found["messages"])})
        with np.load(io.BytesIO(draws), allow_pickle=False) as arrays:
            theta, marginal = arrays["theta"], arrays["marginal"]
            log_tau = arrays.get("log_tau")
        idata = draws_idata(evidence, config, theta, log_tau)
        tune, prior_only = int(record["tune"]), bool(record["prior_only"])
    except (ValueError, TypeError, KeyError, AttributeError, OSError, zipfile.BadZipFile) as error:
        raise InputError(f"{where} is damaged: {error}") from None
    return Posterior(idata, diagnostics, evidence, config, tune, prior_only, marginal)
