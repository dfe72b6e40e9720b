"""Building the reporting standards from the calibrated scales and the fitted lexicon.

``scripts/fit_lexicon.py`` calls :func:`build_standards` after fitting the lexicon and ships
its output as ``forecast/data/standards.json``, which :mod:`forecast.language.standards`
reads at run time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

import numpy as np
from scipy.special import expit

from forecast.errors import InputError
from forecast.language.fitting import ICD_SCALE, ScaleRow, percent_text, phrase_alternatives

# The calibrated scales that become reporting standards. NATO AJP-2.1 is left out: its
# rows in scales.csv are unverified.
STANDARD_SCALES = {
    "icd203": ICD_SCALE,
    "kent": "Sherman Kent 1964",
    "phia": "UK PHIA probability yardstick (2018)",
    "ipcc": "IPCC AR5/AR6 calibrated language",
}
READER_TITLE = "Empirical reader scale (fitted to the perception surveys: CAPphrase, 2015)"


def build_standards(
    rows: Sequence[ScaleRow], records: Sequence[Mapping], reader_cues: Sequence[str]
) -> dict:
    """Every reporting standard: the calibrated scales plus the empirical reader scale."""
    standards = {}
    for name, scale in STANDARD_SCALES.items():
        scale_rows = [row for row in rows if row.scale == scale]
        if not scale_rows:
            raise InputError(f"scales.csv: no rows for scale {scale!r} (standard {name!r})")
        standards[name] = {
            "title": scale,
            "source": scale_rows[0].source,
            "verification": scale_rows[0].verification,
            "bands": [_band_record(row) for row in scale_rows],
        }
    standards["reader"] = build_reader_standard(records, reader_cues)
    return standards


def _band_record(row: ScaleRow) -> dict:
    phrases = phrase_alternatives(row.phrase)
    return {"label": phrases[0], "phrases": list(phrases), "low": row.low, "high": row.high}


def build_reader_standard(records: Sequence[Mapping], reader_cues: Sequence[str]) -> dict:
    """Non-overlapping bands for survey cues, with edges half-way between fitted medians.

    The cues must be survey cues listed in increasing order of fitted median; the band
    edges are the logit mid-points between neighbours, the outer edges 0 and 1.
    """
    by_name = {record["cue"]: record for record in records}
    centres = []
    for cue in reader_cues:
        if by_name.get(cue, {}).get("provenance") != "survey":
            raise InputError(f"cue spec: [reader] cue {cue!r} is not a survey cue")
        centres.append(by_name[cue]["logit_mean"])
    if len(centres) < 2 or np.any(np.diff(centres) <= 0):
        raise InputError(
            "cue spec: [reader] cues must be at least 2, in strictly increasing order of "
            f"fitted median; got {[percent_text(expit(c)) for c in centres]}"
        )
    mids = [float(expit((a + b) / 2)) for a, b in pairwise(centres)]
    edges = [0.0, *mids, 1.0]
    bands = [
        {"label": cue, "phrases": [cue], "low": low, "high": high}
        for cue, low, high in zip(reader_cues, edges[:-1], edges[1:], strict=True)
    ]
    return {
        "title": READER_TITLE,
        "source": "forecast/data/lexicon.json (fitted medians of the survey cues)",
        "verification": "derived: band edges at logit mid-points between neighbouring medians",
        "bands": bands,
    }
