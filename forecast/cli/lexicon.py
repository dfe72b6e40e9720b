"""The ``lexicon`` command: every cue with its median, 90% interval and provenance."""

from __future__ import annotations


def add_commands(commands) -> None:
    """Register the lexicon command."""
