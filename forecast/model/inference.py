"""Sampling the claim model with PyMC: the only module that imports pymc.

The model is stated in `forecast.model.evidence`. Given the per-kind scales ``tau`` it is
linear-Gaussian in the event log-odds ``theta`` (`forecast.model.algebra`), so the sampler
is collapsed (Rao-Blackwellised): NUTS samples only ``log_tau`` (per source kind present)
from its marginal posterior ``p(tau | y) ∝ p(tau) N(y; X mu0, S(tau))``, ``theta``
integrated out, and each draw of ``tau`` gets an exact draw of ``theta`` from
``N(m(tau), V(tau))`` in numpy. The joint draws are draws of the full posterior; NUTS
moves in a few smooth dimensions only (no funnel, nothing discrete). With the scales
fixed (``kind_scale_sd = 0``) there is nothing left to sample by MCMC: ``theta`` is drawn
exactly and independently, and the diagnostics are those of independent draws.

``S(tau) = B + U diag(t^2) U^T`` with the constant ``B = A + X D X^T`` (wording,
staleness and residual covariance ``A``, prior covariance ``D``), ``U`` the claim-to-source
indicator and ``t`` each source's scale. By the Woodbury identity and the matrix
determinant lemma, with ``M = U^T B^-1 U``, ``r = y - X mu0`` and ``u = U^T B^-1 r``::

    log det S = log det B + log det K,      K = I + diag(t) M diag(t)
    r^T S^-1 r = r^T B^-1 r - w^T K^-1 w,   w = t * u

Both terms and their gradient in ``log tau`` are computed by one small numpy `Op`
(`_ScaleLikelihood`, a (source x source) inverse per evaluation): fewer nodes than a
PyTensor Cholesky and its gradient, so compiling and every NUTS step are cheaper.

Leave-one-claim-out influence and updates with new claims reuse the draws by importance
weighting over the scales alone (`forecast.model.reweight`, after this module).
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import arviz as az
import numpy as np
import pymc as pm
import pytensor
import pytensor.tensor as pt
from pytensor.gradient import disconnected_type
from pytensor.graph.basic import Apply
from pytensor.graph.op import Op
from scipy.linalg import lapack

from forecast.errors import InputError
from forecast.model.algebra import claim_algebra
from forecast.model.conditional import draw_theta
from forecast.model.diagnostics import diagnose
from forecast.model.evidence import EvidenceSet, ModelConfig, claim_design, simulate_claims
from forecast.model.posterior import Posterior, log_likelihood_group, prior_posterior
from forecast.model.sampling import interrupts_raised, quiet
from forecast.threads import one_blas_thread

__all__ = ["DEFAULT_CONFIG", "build_model", "compile_cache_cold", "sample_posterior"]

DEFAULT_CONFIG = ModelConfig()


def build_model(evidence: EvidenceSet, config: ModelConfig = DEFAULT_CONFIG) -> pm.Model:
    """Build the collapsed PyMC claim model: the scales' posterior with ``theta`` integrated out.

    Free variable, when ``config.kind_scale_sd > 0``: ``log_tau`` (dim ``kind``: the
    source kinds present among the claims). The claims enter as one potential,
    ``log N(y; X mu0, Sigma(tau) + X D X^T)``. Every number taken from ``evidence`` is a
    ``pm.Data`` container, so a model of the same shape can be refilled with
    `pymc.set_data` without recompiling. Requires at least one claim.
    """
    if evidence.n_claims == 0:
        raise InputError("build_model: evidence must have at least one claim; got 0")
    data = _model_data(evidence, config)
    model = _model_graph(_shape(data), config.kind_scale_sd > 0)
    pm.set_data(data, model=model)
    return model


def _model_data(evidence: EvidenceSet, config: ModelConfig) -> dict[str, np.ndarray]:
    """The values of the collapsed model's data containers (see the module docstring).

    ``B = A + X D X^T`` is never formed: with ``X^T A^-1 X`` diagonal (`ClaimAlgebra`),
    Woodbury over the events gives ``B^-1 = A^-1 - A^-1 X diag(1 / (D^-1 + X^T A^-1 X))
    X^T A^-1``, so ``M``, ``u`` and the constants cost time linear in the claims.
    """
    algebra = claim_algebra(evidence, config)
    prior_precision = algebra.prior_precision
    event_precision = prior_precision + algebra.event_weight  # diag(D^-1 + X^T A^-1 X)
    cross = algebra.cross / np.sqrt(event_precision)[:, None]
    gram = np.diag(algebra.source_weight) - cross.T @ cross
    event_resid = algebra.event_resid / event_precision
    const = (
        evidence.n_claims * math.log(2 * math.pi)
        + algebra.log_det_a
        + np.log(event_precision / prior_precision).sum()
        + algebra.resid_a_resid
        - algebra.event_resid @ event_resid
    )
    design = claim_design(evidence, config)
    return {
        "log_tau_centre": np.log(design.kind_centre),
        "kind_scale_sd": np.asarray(config.kind_scale_sd, dtype=float),
        "source_kind_index": design.source_kind_index,
        "source_gram": gram,
        "source_resid": algebra.source_resid - algebra.cross.T @ event_resid,
        "const": np.asarray(const),
    }


def _shape(data: dict[str, np.ndarray]) -> tuple[int, int]:
    """Sizes that fix the compiled graph: sources with claims, kinds."""
    return len(data["source_kind_index"]), len(data["log_tau_centre"])


def _model_graph(shape: tuple[int, int], free_scales: bool) -> pm.Model:
    """The collapsed model graph for evidence of ``shape``, with zero-filled data containers."""
    n_sources, n_kinds = shape
    with pm.Model(coords={"kind": [f"k{i}" for i in range(n_kinds)]}) as model:
        d = {
            name: pm.Data(name, np.zeros(size, dtype=dtype))
            for name, size, dtype in (
                ("log_tau_centre", n_kinds, float),
                ("kind_scale_sd", (), float),
                ("source_kind_index", n_sources, int),
                ("source_gram", (n_sources, n_sources), float),
                ("source_resid", n_sources, float),
                ("const", (), float),
            )
        }
        if free_scales:
            log_tau = pm.Normal(
                "log_tau", mu=d["log_tau_centre"], sigma=d["kind_scale_sd"], dims="kind"
            )
        else:
            log_tau = d["log_tau_centre"]
        like = _ScaleLikelihood()(
            log_tau, d["source_kind_index"], d["source_gram"], d["source_resid"]
        )[0]
        pm.Potential("claims", like - 0.5 * d["const"])
    return model


class _ScaleLikelihood(Op):
    """``-0.5 (log det K - w^T K^-1 w)`` and its gradient in ``log_tau``, in numpy.

    Inputs: ``log_tau`` (kind), ``source_kind_index`` (source), ``M`` (source, source)
    and ``u`` (source), as in the module docstring. Outputs: the value and its gradient,
    so that one evaluation serves both the log density and its derivative. With
    ``a = K^-1 w``: ``d log det K / d t_s = 2 (M T K^-1)_ss`` and
    ``d (w^T K^-1 w) / d t_s = 2 a_s (u_s - (M T a)_s)``; then ``d t_s / d log tau = t_s``.
    """

    __props__ = ()

    def make_node(self, log_tau, kind_index, gram, resid) -> Apply:
        """Vector, integer vector, matrix, vector in; a scalar and a vector out."""
        inputs = [pt.as_tensor_variable(v) for v in (log_tau, kind_index, gram, resid)]
        return Apply(self, inputs, [pt.dscalar(), pt.dvector()])

    def perform(self, node, inputs, output_storage) -> None:
        """Evaluate the value and its gradient for one ``log_tau``."""
        log_tau, kind_index, gram, resid = inputs
        t = np.exp(log_tau)[kind_index]
        diagonal = slice(None, None, len(t) + 1)  # of a matrix's flat view
        # K is symmetric positive definite (I plus a Gram matrix): one Cholesky gives
        # its log determinant and its inverse, three times cheaper than inv + slogdet.
        # NUTS calls this tens of thousands of times per fit on matrices of a few rows,
        # so each numpy call counts: K is built and K^-1 mirrored in place.
        k = np.outer(t, t)
        k *= gram
        k.flat[diagonal] += 1.0
        chol, info = lapack.dpotrf(k, lower=1)  # the upper triangle zeroed (clean=1)
        if info:
            raise np.linalg.LinAlgError(f"claim likelihood: K is not positive definite ({info})")
        lower, _ = lapack.dpotri(chol, lower=1)  # the inverse's lower triangle, zeros above
        k_inv = lower + lower.T
        k_inv.flat[diagonal] *= 0.5
        w = t * resid
        a = k_inv @ w
        d_logdet = 2 * ((gram * k_inv) @ t)
        d_quad = 2 * a * (resid - gram @ (t * a))
        value = 0.5 * (w @ a) - np.log(chol.diagonal()).sum()
        grad_t = -0.5 * (d_logdet - d_quad)
        output_storage[0][0] = np.asarray(value)
        output_storage[1][0] = np.bincount(kind_index, grad_t * t, minlength=len(log_tau))

    def connection_pattern(self, node) -> list[list[bool]]:
        """Only ``log_tau`` is differentiable; the data containers are constants."""
        return [[True, False], [False, False], [False, False], [False, False]]

    def L_op(self, inputs, outputs, output_grads) -> list:
        """The chain rule with the gradient computed alongside the value."""
        return [output_grads[0] * outputs[1], *(disconnected_type() for _ in inputs[1:])]


def compile_cache_cold() -> bool:
    """Whether PyTensor's compile cache holds no compiled module yet (a first run).

    PyTensor keeps each compiled C module in its own folder of ``config.compiledir``, with
    the module's keys in ``key.pkl``; an empty or new folder means the model's C code will
    be compiled now, which takes tens of seconds once. Without a C compiler nothing is
    compiled, so the cache is never cold.
    """
    if not pytensor.config.cxx:
        return False
    return not any(Path(pytensor.config.compiledir).glob("*/key.pkl"))


@functools.lru_cache(maxsize=64)
def _compiled(shape: tuple[int, int]) -> tuple[pm.Model, pm.NUTS]:
    """A collapsed model with free scales and its compiled NUTS step per graph shape.

    Compiling the log density and its gradient costs more than sampling a small model;
    refits for leave-one-out and repeated forecasts share a shape. ``pm.sample`` resets
    the step's adaptation at the start of every chain. A batch worker (``forecast.loop.batch``)
    meets every shape of a desk's scenarios as their news accumulates (one more source
    per article, up to four kinds): 64 entries (under 1 MB each) keep them all warm where
    8 would recompile each task in turn (about 0.2 s each).
    """
    model = _model_graph(shape, free_scales=True)
    with quiet():
        step = pm.NUTS(model=model)
    return model, step


@one_blas_thread
def sample_posterior(
    evidence: EvidenceSet,
    *,
    n_draws: int = 1000,
    chains: int = 2,
    tune: int = 500,
    seed: int | None = None,
    config: ModelConfig = DEFAULT_CONFIG,
    progressbar: bool = False,
) -> Posterior:
    """Sample the posterior of the claim model and diagnose the fit.

    NUTS samples ``log_tau`` from its marginal posterior and ``theta`` is drawn exactly
    given each scale draw (seeded from ``seed``). R-hat and ESS are computed over both:
    ``theta`` inherits the autocorrelation of the scales it is drawn at. With fixed
    scales (``config.kind_scale_sd == 0``) or no claims, the draws are exact and
    independent and no MCMC runs; the diagnostics are those of independent draws.
    ``tune`` defaults to 500: on the shipped example's evidence, 40 seeded fits each at
    500 and 1000 tuning steps raised no warning (worst R-hat 1.007 and 1.008, smallest
    ESS 1301 and 1232).
    """
    for name, value, low in (("n_draws", n_draws, 1), ("chains", chains, 1), ("tune", tune, 0)):
        if value < low:
            raise InputError(f"sampling: {name} must be >= {low}; got {value}")
    if evidence.n_claims == 0:
        return prior_posterior(evidence, n_draws, chains, tune, seed, config)
    kinds = list(claim_design(evidence, config).kinds)
    if config.kind_scale_sd == 0:
        idata = _fixed_scale_draws(evidence, config, chains, n_draws, seed)
    else:
        idata = _sample_scales(evidence, config, chains, n_draws, tune, seed, progressbar)
        tau = np.exp(idata.posterior["log_tau"].values)
        theta = draw_theta(evidence, config, tau, _theta_rng(seed))
        idata.posterior["theta"] = (("chain", "draw", "event"), theta)
        labels = {"event": list(evidence.events), "kind": kinds}
        idata.posterior = idata.posterior.assign_coords(labels)
    idata.add_groups(log_likelihood=log_likelihood_group(idata.posterior, evidence, config))
    return Posterior(idata, diagnose(idata), evidence, config, tune)


def _theta_rng(seed: int | None) -> np.random.Generator:
    """The stream for the exact ``theta`` draws, apart from the sampler's and the inits'."""
    return np.random.default_rng(None if seed is None else [seed, 2])


def _fixed_scale_draws(
    evidence: EvidenceSet, config: ModelConfig, chains: int, n_draws: int, seed: int | None
) -> az.InferenceData:
    """Exact independent draws of ``theta | y`` with the scales fixed at their centres."""
    centre = claim_design(evidence, config).kind_centre
    tau = np.broadcast_to(centre, (chains, n_draws, len(centre)))
    theta = draw_theta(evidence, config, tau, _theta_rng(seed))
    return az.from_dict(
        posterior={"theta": theta},
        coords={"event": list(evidence.events)},
        dims={"theta": ["event"]},
    )


def _sample_scales(
    evidence: EvidenceSet,
    config: ModelConfig,
    chains: int,
    n_draws: int,
    tune: int,
    seed: int | None,
    progressbar: bool,
) -> az.InferenceData:
    """NUTS draws of ``log_tau`` from the collapsed model (placeholder ``kind`` labels).

    With a single free scale NUTS's trajectories end in a U-turn after a step or two and
    successive draws are positively correlated (effective sample size near 40% of the
    draws); then twice the draws are taken and every other one kept.
    """
    data = _model_data(evidence, config)
    shape = _shape(data)
    model, step = _compiled(shape)
    pm.set_data(data, model=model)
    thin = 2 if shape[1] == 1 else 1
    with quiet(), interrupts_raised() as stop_later_chains:
        idata = pm.sample(
            draws=n_draws * thin,
            tune=tune,
            chains=chains,
            cores=1,
            random_seed=seed,
            progressbar=progressbar,
            compute_convergence_checks=False,
            step=step,
            initvals=_initial_values(evidence, config, chains, seed),
            model=model,
            callback=stop_later_chains,
        )
    for group in ("posterior", "sample_stats"):
        kept = idata[group].isel(draw=slice(None, None, thin))
        idata[group] = kept.assign_coords(draw=np.arange(n_draws))
    return idata


def _initial_values(
    evidence: EvidenceSet, config: ModelConfig, chains: int, seed: int | None
) -> list[dict[str, np.ndarray]]:
    """Over-dispersed starting points, one prior draw per chain, so R-hat can see disagreement."""
    rng = np.random.default_rng(None if seed is None else [seed, 1])
    _, log_tau, _ = simulate_claims(evidence, config, chains, rng)
    return [{"log_tau": k} for k in log_tau]
