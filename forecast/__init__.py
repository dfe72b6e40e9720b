"""forecast: hedged news language to calibrated, explainable event probabilities."""

from forecast.article import Article
from forecast.errors import ForecastError, InputError

__all__ = ["Article", "ForecastError", "InputError"]
__version__ = "0.1.0"
