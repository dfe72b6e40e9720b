"""Tests for forecast.display.reprs: span highlighting, quote shortening, probability bars."""

from __future__ import annotations

import dataclasses

import pytest

from forecast.display.reprs import (
    diagnostics_text,
    driver_excerpt,
    driver_html,
    find_phrases,
    highlight,
    merge_spans,
    prob_bar,
)
from forecast.engine.result import Driver
from forecast.model.diagnostics import Diagnostics


def test_highlight_escapes_everything_and_marks_spans():
    assert highlight("a <b> & c", [(2, 5)]) == "a <mark>&lt;b&gt;</mark> &amp; c"
    assert highlight("no spans", []) == "no spans"


@pytest.mark.parametrize(
    ("spans", "merged"),
    [
        ([(4, 8), (0, 2)], [(0, 2), (4, 8)]),
        ([(0, 5), (3, 8)], [(0, 8)]),  # overlapping
        ([(0, 3), (3, 6)], [(0, 6)]),  # touching
        ([(-2, 3), (8, 20)], [(0, 3), (8, 10)]),  # clipped to the text
        ([(4, 4), (12, 15)], []),  # empty, or outside the text
    ],
)
def test_merge_spans(spans, merged):
    assert merge_spans(spans, 10) == merged


def test_find_phrases_matches_whole_words_ignoring_case_and_spacing():
    text = "Trump MAY  stop; dismay is not a cue; they may not."
    assert [text[a:b] for a, b in find_phrases(text, ["may"])] == ["MAY", "may"]
    assert find_phrases(text, ["may stop"]) == [(6, 15)]
    assert find_phrases(text, [""]) == []


def test_long_quotes_are_shortened_around_the_cue_and_keep_it_marked():
    quote = "x " * 200 + "Trump may visit." + " y" * 200
    start = quote.index("may")
    driver = Driver(quote, "may", "src", "outlet", None, 0.05, ((start, start + 3),))
    page = driver_html(driver, chars=80)
    assert page.startswith("…") and "<mark>may</mark>" in page
    assert len(page) < 250
    assert "(src; +5 pts)" in page


def test_prob_bar_places_interval_and_tick():
    bar = prob_bar(0.5, 0.25, 0.75, width=100)
    assert "left:25px;width:50px" in bar
    assert "left:49px;width:3px" in bar
    assert 'title="50% [25%, 75%]"' in bar


def test_diagnostics_text_says_what_is_not_met():
    good = Diagnostics(1.001, 950.4, 0, True)
    assert diagnostics_text(good) == "R-hat 1.001, ESS 950, 0 divergences: ok"
    bad = dataclasses.replace(good, divergences=3, ok=False, messages=("3 divergent", "low ESS"))
    assert diagnostics_text(bad).endswith("3 divergences: NOT MET: 3 divergent; low ESS")


def test_driver_excerpt_starts_at_the_cue():
    quote = "According to government sources who spoke on condition of anonymity, Trump may stop."
    driver = Driver(quote, "may", "sources", "anonymous", None, 0.1)
    assert driver_excerpt(driver, 4) == "…may…"
    assert driver_excerpt(driver, 200) == "…may stop."
    first = Driver("May be delayed, officials said.", "may", "officials", "anonymous", None, 0.1)
    assert driver_excerpt(first, 200) == first.quote
