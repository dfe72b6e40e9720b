"""Reporting standards: probability bands with words, and the reverse map from a probability.

The bands live in ``forecast/data/standards.json`` (data, not code), written by
``scripts/fit_lexicon.py``: ICD-203, Sherman Kent (1964), the UK PHIA yardstick, the IPCC
likelihood scale, and the default ``reader`` scale fitted to the perception surveys.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from forecast.errors import InputError

DEFAULT_STANDARD = "reader"
STANDARD_NAMES = ("reader", "icd203", "kent", "phia", "ipcc")
STANDARDS_FILE = "standards.json"


@dataclass(frozen=True, slots=True)
class Band:
    """A phrase and the probabilities ``[low, high]`` it stands for."""

    label: str
    low: float
    high: float
    phrases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.low <= self.high <= 1:
            raise InputError(
                f"band {self.label!r}: need 0 <= low <= high <= 1; got {self.low}-{self.high}"
            )

    @property
    def width(self) -> float:
        """``high - low``."""
        return self.high - self.low

    def distance(self, prob: float) -> float:
        """How far ``prob`` lies outside the band (0 inside it)."""
        return max(self.low - prob, prob - self.high, 0.0)


@dataclass(frozen=True, slots=True)
class Standard:
    """A named reporting standard: an ordered tuple of bands.

    Examples
    --------
    >>> scale = Standard("toy", "Toy", (Band("unlikely", 0, 0.4), Band("likely", 0.6, 1)))
    >>> scale.verbalise(0.3), scale.verbalise(0.55)
    ('unlikely', 'likely')
    """

    name: str
    title: str
    bands: tuple[Band, ...]
    source: str = ""
    verification: str = ""

    def __post_init__(self) -> None:
        if not self.bands:
            raise InputError(f"standard {self.name!r}: needs at least one band")

    def band_for(self, prob: float) -> Band:
        """The band that words ``prob``: the narrowest containing it, else the nearest.

        Overlapping scales (IPCC) resolve to the narrowest band; gaps between bands
        (PHIA, Kent) resolve to the nearest. Ties go to the band listed first.
        """
        if not (isinstance(prob, int | float) and math.isfinite(prob) and 0 <= prob <= 1):
            raise InputError(f"standard {self.name!r}: prob must be in [0, 1]; got {prob!r}")
        return min(self.bands, key=lambda band: (band.distance(prob), band.width))

    def verbalise(self, prob: float) -> str:
        """The standard's words for ``prob``."""
        return self.band_for(prob).label


def load_standard(name: str = DEFAULT_STANDARD) -> Standard:
    """One shipped reporting standard by name (see ``STANDARD_NAMES``).

    Examples
    --------
    >>> load_standard("icd203").verbalise(0.7)
    'likely'
    """
    if name not in STANDARD_NAMES:
        raise InputError(
            f"standard: unknown name {name!r}; valid names: {', '.join(STANDARD_NAMES)}"
        )
    return _load_standards()[name]


@cache
def _load_standards() -> dict[str, Standard]:
    path = f"forecast/data/{STANDARDS_FILE}"
    try:
        text = resources.files("forecast.data").joinpath(STANDARDS_FILE).read_text("utf-8")
        raw = json.loads(text)
        return {name: _standard_from_record(name, raw[name]) for name in STANDARD_NAMES}
    except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise InputError(f"{path}: cannot read standards: {error!r}") from error


def _standard_from_record(name: str, record: dict) -> Standard:
    bands = tuple(
        Band(b["label"], float(b["low"]), float(b["high"]), tuple(b.get("phrases", ())))
        for b in record["bands"]
    )
    return Standard(
        name=name,
        title=record["title"],
        bands=bands,
        source=record.get("source", ""),
        verification=record.get("verification", ""),
    )
