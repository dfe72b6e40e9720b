"""Simulation: a scenario's event graph and per-draw event probabilities in, outcomes out.

:func:`build_graph` turns a scenario into an :class:`EventGraph`
(:mod:`~forecast.simulate.network`, which states the semantics); :func:`simulate` draws
outcomes for every posterior draw (:mod:`~forecast.simulate.forward`); :func:`event_probs`,
:func:`expr_probs` and :func:`conditional_probs` are exact per draw
(:mod:`~forecast.simulate.exact`); :func:`marginals`, :func:`conditional` and
:func:`joint_scenarios` summarise drawn outcomes with Monte Carlo standard errors
(:mod:`~forecast.simulate.summary`, :mod:`~forecast.simulate.mcse`). numpy and pandas
only: never PyMC.
"""

from forecast.lazy import lazy_exports

_EXPORTS = {
    # network
    "EventGraph": "forecast.simulate.network",
    "Node": "forecast.simulate.network",
    "build_graph": "forecast.simulate.network",
    # forward
    "simulate": "forecast.simulate.forward",
    "simulate_counts": "forecast.simulate.forward",
    # exact
    "MAX_EXACT_LATENT": "forecast.simulate.exact",
    "conditional_probs": "forecast.simulate.exact",
    "event_probs": "forecast.simulate.exact",
    "expr_probs": "forecast.simulate.exact",
    # summary
    "Conditional": "forecast.simulate.summary",
    "conditional": "forecast.simulate.summary",
    "joint_scenarios": "forecast.simulate.summary",
    "marginals": "forecast.simulate.summary",
    # mcse
    "batch_means_mcse": "forecast.simulate.mcse",
    "group_mcse": "forecast.simulate.mcse",
    "mcse_binary": "forecast.simulate.mcse",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
