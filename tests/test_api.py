"""The public API: ``import forecast`` exposes every stage, stays light, and renders well."""

from __future__ import annotations

import datetime as dt
import importlib
import subprocess
import sys

import pandas as pd
import pytest

import forecast
from forecast.engine.result import DRIVER_COLUMNS, Driver, EventForecast, Forecast
from forecast.language.claim import Claim, Condition, CueMatch, Source, SourceKind, Tense
from forecast.model.diagnostics import Diagnostics
from tests.conftest import REPO

HEAVY = ("pymc", "pytensor", "arviz", "matplotlib")


def test_every_exported_name_resolves_to_its_module_object():
    for name in forecast.__all__:
        value = getattr(forecast, name)
        module = importlib.import_module(forecast._LAZY.get(name, value.__module__))
        assert getattr(module, name) is value, name
    assert set(forecast.__all__) <= set(dir(forecast))
    assert len(set(forecast.__all__)) == len(forecast.__all__)


def test_star_import_gives_the_documented_stages():
    namespace: dict = {}
    exec("from forecast import *", namespace)
    for name in ("read_article", "extract_claims", "load_scenario", "draft_scenario",
                 "run_forecast", "Forecast", "ingest_articles", "open_store", "score",
                 "plot_forest", "plot_lexicon"):  # fmt: skip
        assert name in namespace
        assert name in forecast.__doc__


def test_unknown_attribute_raises_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'run_forcast'"):
        forecast.run_forcast  # noqa: B018


def test_import_is_light_and_never_imports_pymc():
    code = (
        "import sys, forecast\n"
        f"heavy = {HEAVY!r}\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "for name in forecast.__all__: getattr(forecast, name)\n"
        "print('pymc' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    on_import, after_every_name = result.stdout.split()
    assert on_import == "[]"
    assert after_every_name == "False"


# --- reprs ---------------------------------------------------------------------------

SENTENCE = 'Officials said <Trump> "may" stop in Japan & Korea.'
MAY = SENTENCE.index("may")


def make_claim(offset: int = 100) -> Claim:
    """A claim whose sentence starts at ``offset`` in its article, with markup in its text."""
    return Claim(
        article_id="0" * 16,
        sentence=SENTENCE,
        sentence_span=(offset, offset + len(SENTENCE)),
        event="<Trump> stop in Japan",
        predicate="stop",
        predicate_span=(offset + 28, offset + 32),
        cues=(CueMatch("may", (offset + MAY, offset + MAY + 3)),),
        negated=False,
        source=Source("officials & <aides>", SourceKind.ANONYMOUS),
        tense=Tense.FORWARD,
        logit_mean=-0.2,
        cue_sd=0.9,
        condition=Condition("the summit <happen>", (offset, offset + 5), negated=True),
        published=dt.date(2018, 5, 13),
    )


def make_forecast(driver: Driver) -> Forecast:
    event = EventForecast(
        event="visit",
        question="Will <Trump> visit?",
        prob=0.4,
        low=0.2,
        high=0.6,
        mcse=0.01,
        label="about even",
        drivers=(driver,),
        n_claims=1,
        prior_only=False,
    )
    quiet = EventForecast("call", "Will they call?", 0.7, 0.5, 0.9, 0.01, "likely", (), 0, True)
    return Forecast(
        scenario="s",
        title="Trump & <Abe>",
        as_of=dt.date(2018, 5, 13),
        standard="reader",
        events=(event, quiet),
        scenarios=(),
        diagnostics=Diagnostics(1.002, 812.0, 0, True),
    )


def test_claim_html_escapes_text_and_marks_the_cue():
    page = make_claim()._repr_html_()
    assert "<mark>may</mark>" in page
    assert "&lt;Trump&gt;" in page and "<Trump>" not in page
    assert "officials &amp; &lt;aides&gt;" in page
    assert "if the summit &lt;happen&gt; does not happen" in page
    assert "2018-05-13" in page


def test_claim_str_is_one_line_with_probability_and_interval():
    claim = make_claim()
    low, high = claim.interval(0.9)
    text = str(claim)
    assert "\n" not in text
    assert f"{100 * claim.prob:.0f}% [{100 * low:.0f}%, {100 * high:.0f}%]" in text
    assert "if not the summit <happen>" in text
    assert repr(claim).startswith("Claim(article_id=")


def test_driver_spans_locate_the_cues_in_the_quote():
    driver = Driver.from_claim(make_claim(offset=250), delta=-0.1)
    assert [driver.quote[a:b] for a, b in driver.spans] == ["may"]


def test_forecast_html_escapes_text_and_marks_driver_cues():
    driver = Driver.from_claim(make_claim(), delta=-0.12)
    page = make_forecast(driver)._repr_html_()
    assert "Trump &amp; &lt;Abe&gt;" in page
    assert "<mark>may</mark>" in page
    assert "<Trump>" not in page and "&lt;Trump&gt;" in page
    assert "40%" in page and "[20%, 60%]" in page
    assert "−12 pts" in page
    assert "prior only" in page
    assert "R-hat 1.002, ESS 812, 0 divergences: ok" in page


def test_forecast_html_finds_cues_when_spans_are_unknown():
    driver = Driver("Abe may meet <Trump>.", "may", "o", "outlet", None, 0.1)
    page = make_forecast(driver)._repr_html_()
    assert "Abe <mark>may</mark> meet &lt;Trump&gt;." in page


def test_forecast_str_lists_events_and_diagnostics():
    text = str(make_forecast(Driver.from_claim(make_claim(), delta=0.05)))
    lines = text.splitlines()
    assert lines[0] == "Trump & <Abe> (s, as of 2018-05-13)"
    assert "visit" in lines[1] and "40% [20%, 60%]" in lines[1] and "about even" in lines[1]
    assert "prior only" in lines[2]
    assert lines[-1].startswith("  diagnostics: R-hat 1.002")


def test_explain_lists_drivers_and_rejects_unknown_events():
    driver = Driver.from_claim(make_claim(), delta=-0.12)
    result = make_forecast(driver)
    table = result.explain("visit")
    assert list(table.columns) == list(DRIVER_COLUMNS)
    assert table.iloc[0].to_dict() == {
        "quote": SENTENCE,
        "cue": "may",
        "source": "officials & <aides>",
        "kind": "anonymous",
        "published": dt.date(2018, 5, 13),
        "delta": -0.12,
    }
    assert result.explain("call").empty
    assert isinstance(table, pd.DataFrame)
    with pytest.raises(KeyError, match="nope"):
        result.explain("nope")
