"""Datelines are page furniture: outlet, place and day, never a source or part of an event."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from forecast.language.extract import extract_claims
from forecast.language.furniture import without_datelines
from forecast.reading.article import Article
from forecast.reading.dateline import dateline_end

DATELINES = [
    ("OSLO, April 9 -- ", "Ministers may meet again."),
    ("OSLO, April 9 (Reuters) - ", "Ministers may meet again."),
    ("HANOI (AP) \u2014 ", "The ferry could resume service."),
    ("LVIV, Ukraine \u2014 ", "Trains might stop at noon."),
    ("SEOUL, Nov. 12 (Yonhap) -- ", "Exports will rise."),
    ("Austin, Texas \u2013 ", "Voters may decide in May."),
    ("KUALA LUMPUR: ", "Fares are expected to rise."),
    ("CAPE TOWN, South Africa, 4 June 2019 (AFP) \u2014 ", "Talks may end."),
    ("BERLIN\u2014", "The coalition may fall."),
    ("  ST. PAUL, Minn. (AP) -- ", '"We will build it," the mayor said.'),
]

SENTENCES = [
    "UN envoys said -- without naming anyone -- that fighting would stop.",
    "May 5 was chosen for the vote.",
    "April 9 -- the day of the vote -- may be a holiday.",
    "IBM and HP \u2014 rivals for decades \u2014 may merge.",
    "Oslo, Bergen and Tromso \u2014 The three cities may bid.",
    "Later, Smith \u2014 who may run \u2014 spoke.",
    "OSLO - ministers may meet.",
    "The OSLO, April 9 -- meeting may be moved.",
    "Officials in OSLO: ministers may meet.",
]


@pytest.mark.parametrize(("dateline", "rest"), DATELINES)
def test_a_dateline_ends_where_the_sentence_begins(dateline, rest):
    assert dateline_end(dateline + rest) == len(dateline)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_sentence_start_is_no_dateline(sentence):
    assert dateline_end(sentence) == 0


def test_blanking_keeps_every_offset():
    text = "Talks\n\nOSLO (AP) \u2014 Talks may end.\nHANOI: Fares may rise.\n"
    blanked = without_datelines(text)
    assert len(blanked) == len(text)
    assert blanked.split() == ["Talks", "Talks", "may", "end.", "Fares", "may", "rise."]
    assert blanked.index("Fares") == text.index("Fares")


@pytest.mark.parametrize(
    "hostile",
    [
        "A" * 400_000 + " -- B",
        ("ABCDEFGHIJKLMNOPQRSTUVWXY " * 40_000) + "-- B",
        ("OSLO, " * 60_000) + "April 9 -- B",
        "OSLO -- B\n" * 50_000,
    ],
)
def test_hostile_lines_take_linear_time(hostile):
    began = time.process_time()
    blanked = without_datelines(hostile)
    assert time.process_time() - began < 2.0
    assert len(blanked) == len(hostile)


def test_a_dateline_is_neither_event_nor_source(nlp):
    del nlp  # extract_claims parses with the same model; skip when there is none
    text = (
        "Ferry plans\n\n"
        "HANOI, May 2 -- No date has been set for the new ferry service to the islands.\n"
        "OSLO, April 9 (Reuters) - The minister may visit the islands next month.\n"
    )
    claims = extract_claims(Article(text, published=dt.date(2019, 5, 2)))
    assert claims
    for claim in claims:
        assert not {"HANOI", "OSLO", "May 2", "April 9", "--"} & set(claim.event.split(" "))
        assert "Reuters" not in claim.event
        assert text[slice(*claim.sentence_span)] == claim.sentence
    visit = next(claim for claim in claims if "visit" in claim.event)
    assert visit.event.startswith("The minister")
    assert [date.text for date in visit.dates] == ["next month"]
