"""The ``draft`` command: a starting scenario from an article's claims."""

from __future__ import annotations


def add_commands(commands) -> None:
    """Register the scenario commands."""
