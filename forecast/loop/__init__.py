"""The news loop: new articles and a store in, reforecasts and what changed out.

:func:`ingest_articles` stores articles and reforecasts the scenarios their claims touch;
:func:`reforecast_all` forecasts every active scenario again
(:mod:`~forecast.loop.reforecast`); each reports its :class:`Change` values
(:mod:`~forecast.loop.changes`). :mod:`~forecast.loop.watch` polls a folder or a feed,
and :func:`open_engine` runs a batch's tasks here or on a Dask cluster
(:mod:`~forecast.loop.batch`).
"""

from forecast.lazy import lazy_exports

_EXPORTS = {
    # changes
    "CHANGE_COLUMNS": "forecast.loop.changes",
    "KIND_WORDS": "forecast.loop.changes",
    "ArticleOutcome": "forecast.loop.changes",
    "Change": "forecast.loop.changes",
    "IngestReport": "forecast.loop.changes",
    "ScenarioUpdate": "forecast.loop.changes",
    "describe_change": "forecast.loop.changes",
    "forecast_changes": "forecast.loop.changes",
    # reforecast
    "ReforecastPlan": "forecast.loop.reforecast",
    "activation_note": "forecast.loop.reforecast",
    "complete_pending": "forecast.loop.reforecast",
    "ingest_articles": "forecast.loop.reforecast",
    "plan_reforecast": "forecast.loop.reforecast",
    "record_reforecast": "forecast.loop.reforecast",
    "reforecast_all": "forecast.loop.reforecast",
    "reforecast_scenario": "forecast.loop.reforecast",
    "run_plan": "forecast.loop.reforecast",
    "store_as_of": "forecast.loop.reforecast",
    "stored_posterior": "forecast.loop.reforecast",
    # watch
    "FetchedItem": "forecast.loop.watch",
    "WatchSummary": "forecast.loop.watch",
    "parse_every": "forecast.loop.watch",
    "poll": "forecast.loop.watch",
    "poll_feed": "forecast.loop.watch",
    "poll_folder": "forecast.loop.watch",
    # batch
    "SCHEDULER_ENV": "forecast.loop.batch",
    "BatchError": "forecast.loop.batch",
    "DaskEngine": "forecast.loop.batch",
    "Engine": "forecast.loop.batch",
    "InProcess": "forecast.loop.batch",
    "batch_seed": "forecast.loop.batch",
    "open_engine": "forecast.loop.batch",
    "task_seed": "forecast.loop.batch",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
