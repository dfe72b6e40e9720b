"""Scoring: a store's forecast history and resolutions in, scores and calibration out.

The proper scoring rules and the calibration table (:mod:`~forecast.scoring.rules`);
:func:`score` over the forecasts standing on each resolved event
(:mod:`~forecast.scoring.scores`); resolutions read from a CSV file
(:mod:`~forecast.scoring.resolutions`); and :func:`backtest_store`, which replays archived
news date by date and scores what the engine would have said
(:mod:`~forecast.scoring.backtest`).
"""

from forecast.lazy import lazy_exports

_EXPORTS = {
    # rules
    "LOG_CLIP": "forecast.scoring.rules",
    "brier_score": "forecast.scoring.rules",
    "calibration_table": "forecast.scoring.rules",
    "log_score": "forecast.scoring.rules",
    "question_weights": "forecast.scoring.rules",
    # scores
    "MODES": "forecast.scoring.scores",
    "OVERALL": "forecast.scoring.scores",
    "ScoreReport": "forecast.scoring.scores",
    "score": "forecast.scoring.scores",
    "standing_forecasts": "forecast.scoring.scores",
    # resolutions
    "COLUMNS": "forecast.scoring.resolutions",
    "OUTCOMES": "forecast.scoring.resolutions",
    "parse_resolutions": "forecast.scoring.resolutions",
    "read_resolutions": "forecast.scoring.resolutions",
    # backtest
    "TRIGGER": "forecast.scoring.backtest",
    "BacktestReport": "forecast.scoring.backtest",
    "BacktestTask": "forecast.scoring.backtest",
    "article_inputs": "forecast.scoring.backtest",
    "backtest_store": "forecast.scoring.backtest",
    "backtest_tasks": "forecast.scoring.backtest",
    "replays": "forecast.scoring.backtest",
    "run_backtest": "forecast.scoring.backtest",
    "run_replay": "forecast.scoring.backtest",
    "store_inputs": "forecast.scoring.backtest",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
