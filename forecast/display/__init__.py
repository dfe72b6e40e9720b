"""Display: claims, forecasts, scores and histories in; text, HTML and matplotlib figures out.

:mod:`~forecast.display.reprs` writes the text and notebook HTML of claims and forecasts
(and the one-line progress messages every stage prints through :func:`say`);
:mod:`~forecast.display.plots` draws the forest, history, scenario, calibration and
lexicon plots. Imports nothing from ``forecast`` but its errors, so any stage may use it.
"""

from forecast.lazy import lazy_exports

_EXPORTS = {
    # reprs
    "claim_html": "forecast.display.reprs",
    "claim_text": "forecast.display.reprs",
    "diagnostics_text": "forecast.display.reprs",
    "driver_excerpt": "forecast.display.reprs",
    "forecast_html": "forecast.display.reprs",
    "forecast_text": "forecast.display.reprs",
    "highlight": "forecast.display.reprs",
    "plural": "forecast.display.reprs",
    "prob_bar": "forecast.display.reprs",
    "say": "forecast.display.reprs",
    # plots
    "plot_calibration": "forecast.display.plots",
    "plot_forest": "forecast.display.plots",
    "plot_history": "forecast.display.plots",
    "plot_lexicon": "forecast.display.plots",
    "plot_scenarios": "forecast.display.plots",
    "save_figure": "forecast.display.plots",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
