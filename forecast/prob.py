"""Probability and log-odds helpers shared by every stage (stdlib only, cheap to import)."""

from __future__ import annotations

import math
from statistics import NormalDist

_STANDARD_NORMAL = NormalDist()


def logit(prob: float) -> float:
    """Log-odds of a probability in (0, 1)."""
    return math.log(prob / (1.0 - prob))


def expit(value: float) -> float:
    """Probability of a log-odds value (numerically stable logistic function)."""
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    odds = math.exp(value)
    return odds / (1.0 + odds)


def central_z(mass: float) -> float:
    """Standard-normal quantile bounding a central interval holding ``mass``.

    Examples
    --------
    >>> round(central_z(0.9), 4)
    1.6449
    """
    if not 0.0 < mass < 1.0:
        raise ValueError(f"mass must be in (0, 1); got {mass}")
    return _STANDARD_NORMAL.inv_cdf(0.5 + mass / 2.0)


def logit_normal_interval(logit_mean: float, logit_sd: float, mass: float) -> tuple[float, float]:
    """Central interval of ``expit(X)`` for ``X ~ Normal(logit_mean, logit_sd)``."""
    z = central_z(mass)
    return expit(logit_mean - z * logit_sd), expit(logit_mean + z * logit_sd)
