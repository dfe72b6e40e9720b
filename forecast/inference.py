"""Sampling the claim model with PyMC: the only module that imports pymc.

The model is stated in `forecast.evidence`. Here the source and wording effects are
marginalised analytically, so NUTS samples only ``theta`` (per event) and ``log_tau``
(per source kind present): no funnel, nothing discrete. The likelihood is evaluated with
the Sherman-Morrison formula per source block (``Sigma_s = A_s + tau_s^2 1 1^T``), which
keeps the graph to a few dot products and element-wise terms, quick to compile and run.

Leave-one-claim-out influence and updates with new claims reuse the draws by importance
weighting over the scales alone (`forecast.reweight`, `forecast.conditional`); they are
re-exported here.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import warnings
from collections.abc import Iterator

import numpy as np
import pymc as pm
import pytensor.tensor as pt

from forecast.diagnostics import Diagnostics, diagnose
from forecast.errors import InputError
from forecast.evidence import EvidenceSet, ModelConfig, claim_design, simulate_claims
from forecast.posterior import Posterior, log_likelihood_group, prior_posterior
from forecast.reweight import Influence, claim_influence, update_posterior

__all__ = [
    "Diagnostics",
    "EvidenceSet",
    "Influence",
    "ModelConfig",
    "Posterior",
    "build_model",
    "claim_influence",
    "diagnose",
    "sample_posterior",
    "simulate_claims",
    "update_posterior",
]

DEFAULT_CONFIG = ModelConfig()


def build_model(evidence: EvidenceSet, config: ModelConfig = DEFAULT_CONFIG) -> pm.Model:
    """Build the PyMC claim model with the source and wording effects marginalised.

    Free variables: ``theta`` (dim ``event``) and, when ``config.kind_scale_sd > 0``,
    ``log_tau`` (dim ``kind``: the source kinds present among the claims). The claims
    enter as one potential, ``log N(y; theta[claim_event], Sigma(tau))``. Every number
    taken from ``evidence`` is a ``pm.Data`` container, so a model of the same shape can
    be refilled with `pymc.set_data` without recompiling.
    """
    data = _model_data(evidence, config)
    model = _model_graph(_shape(data), config.kind_scale_sd > 0)
    pm.set_data(data, model=model)
    return model


def _model_data(evidence: EvidenceSet, config: ModelConfig) -> dict[str, np.ndarray]:
    """The values of the model's data containers."""
    data = {
        "prior_mean": np.asarray(evidence.prior_mean, dtype=float),
        "prior_sd": np.asarray(evidence.prior_sd, dtype=float),
    }
    if evidence.n_claims == 0:
        return data
    design = claim_design(evidence, config)
    const = evidence.n_claims * math.log(2 * math.pi) + design.base_logdet
    return data | {
        "claim_event": np.asarray(evidence.claim_event, dtype=int),
        "claim_logit": np.asarray(evidence.claim_logit, dtype=float),
        "log_tau_centre": np.log(design.kind_centre),
        "kind_scale_sd": np.asarray(config.kind_scale_sd, dtype=float),
        "source_kind_index": design.source_kind_index,
        "ones_ainv": design.ones_ainv,
        "ones_ainv_ones": design.ones_ainv_ones,
        "base_precision": design.base_precision,
        "const": np.asarray(const),
    }


def _shape(data: dict[str, np.ndarray]) -> tuple[int, ...]:
    """Sizes that fix the compiled graph: events, claims, sources with claims, kinds."""
    if "claim_logit" not in data:
        return (len(data["prior_mean"]),)
    return (len(data["prior_mean"]), *data["ones_ainv"].shape, len(data["log_tau_centre"]))


def _model_graph(shape: tuple[int, ...], free_scales: bool) -> pm.Model:
    """The model graph for evidence of ``shape``, with zero-filled data containers."""
    n_events = shape[0]
    coords = {"event": [f"e{i}" for i in range(n_events)]}
    with pm.Model(coords=coords) as model:
        prior_mean = pm.Data("prior_mean", np.zeros(n_events))
        prior_sd = pm.Data("prior_sd", np.ones(n_events))
        theta = pm.Normal("theta", mu=prior_mean, sigma=prior_sd, dims="event")
        if len(shape) == 1:
            return model
        _, n_claims, n_sources, n_kinds = shape
        model.add_coord("kind", [f"k{i}" for i in range(n_kinds)])
        d = {
            name: pm.Data(name, np.zeros(size, dtype=dtype))
            for name, size, dtype in (
                ("claim_event", n_claims, int),
                ("claim_logit", n_claims, float),
                ("log_tau_centre", n_kinds, float),
                ("kind_scale_sd", (), float),
                ("source_kind_index", n_sources, int),
                ("ones_ainv", (n_sources, n_claims), float),
                ("ones_ainv_ones", n_sources, float),
                ("base_precision", (n_claims, n_claims), float),
                ("const", (), float),
            )
        }
        if free_scales:
            log_tau = pm.Normal(
                "log_tau", mu=d["log_tau_centre"], sigma=d["kind_scale_sd"], dims="kind"
            )
        else:
            log_tau = d["log_tau_centre"]
        tau2 = pt.exp(2 * log_tau)[d["source_kind_index"]]
        resid = d["claim_logit"] - theta[d["claim_event"]]
        # Sherman-Morrison per source block; products as element-wise sums, since
        # PyTensor's Python Gemv fallback is slower than that at this size.
        u = pt.sum(d["ones_ainv"] * resid, axis=1)
        denom = 1 + tau2 * d["ones_ainv_ones"]
        quad = pt.sum(d["base_precision"] * pt.outer(resid, resid)) - pt.sum(tau2 * u**2 / denom)
        pm.Potential("claims", -0.5 * (d["const"] + pt.sum(pt.log(denom)) + quad))
    return model


@functools.lru_cache(maxsize=8)
def _compiled(shape: tuple[int, ...], free_scales: bool) -> tuple[pm.Model, pm.NUTS]:
    """A model and its compiled NUTS step per graph shape, reused across fits.

    Compiling the log density and its gradient costs more than sampling a small model;
    refits for leave-one-out and repeated forecasts share a shape. ``pm.sample`` resets
    the step's adaptation at the start of every chain.
    """
    model = _model_graph(shape, free_scales)
    with _quiet():
        step = pm.NUTS(model=model)
    return model, step


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
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


def sample_posterior(
    evidence: EvidenceSet,
    *,
    n_draws: int = 1000,
    chains: int = 2,
    tune: int = 1000,
    seed: int | None = None,
    config: ModelConfig = DEFAULT_CONFIG,
    progressbar: bool = False,
) -> Posterior:
    """Sample the posterior of the claim model with NUTS and diagnose the fit.

    With no claims the posterior is the prior: it is drawn exactly (independent draws)
    and the diagnostics say so.
    """
    for name, value, low in (("n_draws", n_draws, 1), ("chains", chains, 1), ("tune", tune, 0)):
        if value < low:
            raise InputError(f"sampling: {name} must be >= {low}; got {value}")
    if evidence.n_claims == 0:
        return prior_posterior(evidence, n_draws, chains, tune, seed, config)
    data = _model_data(evidence, config)
    model, step = _compiled(_shape(data), config.kind_scale_sd > 0)
    pm.set_data(data, model=model)
    with _quiet():
        idata = pm.sample(
            draws=n_draws,
            tune=tune,
            chains=chains,
            cores=1,
            random_seed=seed,
            progressbar=progressbar,
            compute_convergence_checks=False,
            step=step,
            initvals=_initial_values(evidence, config, chains, seed),
            model=model,
        )
    # The cached model carries placeholder labels; name events and kinds for this evidence.
    labels = {"event": list(evidence.events)}
    if "log_tau" in idata.posterior:
        labels["kind"] = list(claim_design(evidence, config).kinds)
    idata.posterior = idata.posterior.assign_coords(labels)
    idata.add_groups(log_likelihood=log_likelihood_group(idata.posterior, evidence, config))
    return Posterior(idata, diagnose(idata), evidence, config, tune)


def _initial_values(
    evidence: EvidenceSet, config: ModelConfig, chains: int, seed: int | None
) -> list[dict[str, np.ndarray]]:
    """Over-dispersed starting points, one prior draw per chain, so R-hat can see disagreement."""
    rng = np.random.default_rng(None if seed is None else [seed, 1])
    theta, log_tau, _ = simulate_claims(evidence, config, chains, rng)
    if config.kind_scale_sd > 0:
        return [{"theta": t, "log_tau": k} for t, k in zip(theta, log_tau, strict=True)]
    return [{"theta": t} for t in theta]
