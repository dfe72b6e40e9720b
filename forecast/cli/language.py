"""Commands on language: ``extract`` (claims from an article) and ``lexicon``."""

from __future__ import annotations


def add_commands(commands) -> None:
    """Register the language commands."""
