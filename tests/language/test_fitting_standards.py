"""Building the reporting standards: the reader scale's edges and the documented errors."""

from __future__ import annotations

import pytest
from scipy.special import logit

from forecast.errors import InputError
from forecast.language.fitting import ScaleRow
from forecast.language.fitting_standards import build_reader_standard, build_standards

ROWS = (ScaleRow("Toy", "toss-up", 0.4, 0.6),)


def _survey_record(cue, prob):
    return {"cue": cue, "provenance": "survey", "logit_mean": float(logit(prob))}


def test_reader_edges_are_logit_midpoints():
    records = [_survey_record("low", 0.1), _survey_record("mid", 0.5), _survey_record("hi", 0.9)]
    bands = build_reader_standard(records, ["low", "mid", "hi"])["bands"]
    assert [band["low"] for band in bands] == pytest.approx([0, 0.25, 0.75])
    assert [band["high"] for band in bands] == pytest.approx([0.25, 0.75, 1])


@pytest.mark.parametrize(
    ("cues", "message"),
    [(["low", "elicited"], "not a survey cue"), (["mid", "low"], "strictly increasing")],
)
def test_reader_rejects_bad_cue_list(cues, message):
    records = [
        _survey_record("low", 0.1),
        _survey_record("mid", 0.5),
        {"cue": "elicited", "provenance": "elicited", "logit_mean": 0.0},
    ]
    with pytest.raises(InputError, match=message):
        build_reader_standard(records, cues)


def test_build_standards_needs_every_scale():
    with pytest.raises(InputError, match="no rows for scale"):
        build_standards(ROWS, [], [])
