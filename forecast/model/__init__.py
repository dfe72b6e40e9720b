"""The model: claims linked to a scenario's events in, a posterior over event log-odds out.

One direction, each module importing only those before it: the evidence design
(:mod:`~forecast.model.evidence`: claims as arrays, the model's settings) -> the Gaussian
algebra given the source scales (:mod:`~forecast.model.algebra`,
:mod:`~forecast.model.conditional`, :mod:`~forecast.model.loo`) -> the posterior record
and its diagnostics (:mod:`~forecast.model.diagnostics`, :mod:`~forecast.model.posterior`)
-> the PyMC sampler (:mod:`~forecast.model.inference`, the only module that imports PyMC)
-> reweighting a posterior by PSIS for new claims or one claim left out
(:mod:`~forecast.model.psis`, :mod:`~forecast.model.reweight`). Names are imported on
first use, so ``import forecast.model`` loads neither SciPy nor PyMC.
"""

from forecast.lazy import lazy_exports

_EXPORTS = {
    # evidence
    "EvidenceSet": "forecast.model.evidence",
    "ModelConfig": "forecast.model.evidence",
    "ClaimDesign": "forecast.model.evidence",
    "claim_design": "forecast.model.evidence",
    "claim_covariance": "forecast.model.evidence",
    "simulate_claims": "forecast.model.evidence",
    # algebra
    "LOG_2PI": "forecast.model.algebra",
    "MEMORY_BUDGET": "forecast.model.algebra",
    "ClaimAlgebra": "forecast.model.algebra",
    "available_memory": "forecast.model.algebra",
    "claim_algebra": "forecast.model.algebra",
    "draw_rows": "forecast.model.algebra",
    # conditional
    "PrecisionBlock": "forecast.model.conditional",
    "ThetaConditional": "forecast.model.conditional",
    "draw_theta": "forecast.model.conditional",
    "log_marginal": "forecast.model.conditional",
    "precision_block": "forecast.model.conditional",
    "theta_conditional": "forecast.model.conditional",
    # loo
    "LeaveOneOut": "forecast.model.loo",
    "Shifts": "forecast.model.loo",
    "leave_one_out": "forecast.model.loo",
    "pointwise_loo_loglik": "forecast.model.loo",
    # diagnostics
    "Diagnostics": "forecast.model.diagnostics",
    "diagnose": "forecast.model.diagnostics",
    # posterior
    "RECORD_FORMAT": "forecast.model.posterior",
    "Posterior": "forecast.model.posterior",
    "draws_idata": "forecast.model.posterior",
    "log_likelihood_group": "forecast.model.posterior",
    "posterior_from_record": "forecast.model.posterior",
    "posterior_record": "forecast.model.posterior",
    "prior_posterior": "forecast.model.posterior",
    "tau_draws": "forecast.model.posterior",
    # psis
    "relative_ess": "forecast.model.psis",
    # inference
    "DEFAULT_CONFIG": "forecast.model.inference",
    "build_model": "forecast.model.inference",
    "compile_cache_cold": "forecast.model.inference",
    "sample_posterior": "forecast.model.inference",
    # reweight
    "K_MAX": "forecast.model.reweight",
    "UPDATED": "forecast.model.reweight",
    "Influence": "forecast.model.reweight",
    "claim_influence": "forecast.model.reweight",
    "psis_weights": "forecast.model.reweight",
    "update_posterior": "forecast.model.reweight",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
