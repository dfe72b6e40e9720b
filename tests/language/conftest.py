"""Fixtures for the language tests: the parsed pipeline, skipped when no model is installed.

``FORECAST_PARSER`` names a model directory to use instead of the shipped one (an interim
training checkpoint); without it the shipped ``forecast/data/parser`` is loaded.
"""

from __future__ import annotations

import pytest

from forecast.language.parse import ParserError, load_parser


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline; the test skips, saying why, when no parser model is available."""
    try:
        return load_parser()
    except ParserError as error:
        pytest.skip(str(error))
