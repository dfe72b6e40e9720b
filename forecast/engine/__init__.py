"""The engine: a scenario and claims in, a :class:`Forecast` (with its explanations) out.

:func:`run_forecast` links the claims to the scenario's events, builds the evidence as of
a date (:mod:`~forecast.engine.inputs`), samples or reweights the model
(:mod:`forecast.model`), simulates the event graph (:mod:`forecast.simulate`) and ranks
the claims that moved each number (:mod:`~forecast.engine.explain`); the result values
(:class:`Forecast`, :class:`EventForecast`, :class:`JointScenario`, :class:`Driver`) are
in :mod:`~forecast.engine.result`.
"""

from forecast.lazy import lazy_exports

_EXPORTS = {
    # inputs
    "build_evidence": "forecast.engine.inputs",
    "claim_age": "forecast.engine.inputs",
    "claims_as_of": "forecast.engine.inputs",
    "default_as_of": "forecast.engine.inputs",
    "known_by": "forecast.engine.inputs",
    "past_deadline": "forecast.engine.inputs",
    "related_events": "forecast.engine.inputs",
    # run
    "INTERVAL": "forecast.engine.run",
    "joint_rows": "forecast.engine.run",
    "mcse_mean": "forecast.engine.run",
    "run_forecast": "forecast.engine.run",
    # explain
    "MAX_DRIVERS": "forecast.engine.explain",
    "influence_values": "forecast.engine.explain",
    "per_draw_probs": "forecast.engine.explain",
    "rank_drivers": "forecast.engine.explain",
    # result
    "Driver": "forecast.engine.result",
    "EventForecast": "forecast.engine.result",
    "JointScenario": "forecast.engine.result",
    "Forecast": "forecast.engine.result",
    "diagnostics_dict": "forecast.engine.result",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
