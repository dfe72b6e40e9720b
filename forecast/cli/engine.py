"""Commands on forecasting: ``run`` and ``draft``."""

from __future__ import annotations


def add_commands(commands) -> None:
    """Register the engine commands."""
