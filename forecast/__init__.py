"""forecast: hedged news language to calibrated, explainable event probabilities.

The public API, stage by stage (each name is importable from ``forecast``):

read an article
    ``Article``, ``read_article``, ``parse_article``
extract claims
    ``Claim``, ``extract_claims``, ``claims_to_frame``, ``claim_to_dict``,
    ``Lexicon``, ``Cue``, ``load_lexicon``, ``Standard``, ``load_standard``
load or draft a scenario
    ``Scenario``, ``Event``, ``load_scenario``, ``default_scenario_path``,
    ``draft_scenario``, ``link_claims``, ``scenario_to_toml``
run a forecast
    ``run_forecast`` -> ``Forecast`` (``EventForecast`` per event, ``JointScenario``;
    ``Forecast.idata`` holds the posterior draws as ArviZ ``InferenceData``)
explain it
    ``Forecast.explain(event)``, ``Driver``
ingest news and keep history
    ``open_store``, ``Store`` (``Store.forecast_history()``), ``store_path``,
    ``ingest_articles`` -> ``IngestReport``, ``reforecast_all``
score
    ``score`` -> ``ScoreReport``, ``calibration_table``, ``brier_score``, ``log_score``
backtest and batches (Dask)
    ``backtest_store`` -> ``BacktestReport`` (and ``forecast.scoring.backtest.backtest`` for
    claims and scenarios in memory), ``read_resolutions`` (outcomes from a CSV file);
    ``open_engine`` (a local or remote Dask cluster, or this process) runs the tasks of a
    backtest or of ``reforecast_all``
plot (matplotlib)
    ``plot_forest``, ``plot_history``, ``plot_scenarios``, ``plot_calibration``,
    ``plot_lexicon``, ``save_figure``
errors
    ``ForecastError``, ``InputError``

``import forecast`` stays light: each name is imported from its module on first use
(PEP 562), so the command line does not pay for pandas, SciPy or PyMC until it needs them,
and PyMC is imported only when a forecast is sampled.
"""

from forecast.errors import ForecastError, InputError
from forecast.lazy import lazy_exports
from forecast.reading.article import Article

__version__ = "0.1.0"

_LAZY = {
    "read_article": "forecast.reading.article",
    "parse_article": "forecast.reading.article",
    "Claim": "forecast.language.claim",
    "extract_claims": "forecast.language.extract",
    "claims_to_frame": "forecast.language.records",
    "claim_to_dict": "forecast.language.records",
    "Cue": "forecast.language.lexicon",
    "Lexicon": "forecast.language.lexicon",
    "load_lexicon": "forecast.language.lexicon",
    "Standard": "forecast.language.standards",
    "load_standard": "forecast.language.standards",
    "Event": "forecast.scenario",
    "Scenario": "forecast.scenario",
    "default_scenario_path": "forecast.scenario",
    "draft_scenario": "forecast.scenario",
    "link_claims": "forecast.scenario",
    "load_scenario": "forecast.scenario",
    "scenario_to_toml": "forecast.scenario",
    "run_forecast": "forecast.engine.run",
    "Driver": "forecast.engine.result",
    "EventForecast": "forecast.engine.result",
    "Forecast": "forecast.engine.result",
    "JointScenario": "forecast.engine.result",
    "Store": "forecast.store.store",
    "open_store": "forecast.store.store",
    "store_path": "forecast.store.location",
    "IngestReport": "forecast.loop.changes",
    "ingest_articles": "forecast.loop.reforecast",
    "reforecast_all": "forecast.loop.reforecast",
    "ScoreReport": "forecast.scoring.scores",
    "brier_score": "forecast.scoring.rules",
    "calibration_table": "forecast.scoring.rules",
    "log_score": "forecast.scoring.rules",
    "score": "forecast.scoring.scores",
    "BacktestReport": "forecast.scoring.backtest",
    "backtest_store": "forecast.scoring.backtest",
    "read_resolutions": "forecast.scoring.resolutions",
    "open_engine": "forecast.loop.batch",
    "plot_calibration": "forecast.display.plots",
    "plot_forest": "forecast.display.plots",
    "plot_history": "forecast.display.plots",
    "plot_lexicon": "forecast.display.plots",
    "plot_scenarios": "forecast.display.plots",
    "save_figure": "forecast.display.plots",
}

__all__ = ["Article", "ForecastError", "InputError", *_LAZY]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())
