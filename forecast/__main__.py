"""``python -m forecast``."""

from forecast.cli import entry_point

entry_point()
