"""The constants of the claim model's Gaussian algebra given the evidence (numpy, scipy.sparse).

The model is stated in :mod:`forecast.model.conditional`. Nothing here forms a (claim x
claim) matrix per draw. ``Sigma = A + U T^2 U^T`` with ``A`` (wording, staleness and
residual noise) block-diagonal by wording group, each block a rank-one update of a
diagonal, and ``U`` the claim-to-source indicator. A wording group lies within one
source and one event, so with ``a = A^-1 1`` (per claim) the products ``U^T A^-1 U`` and
``X^T A^-1 X`` are diagonal and ``W = X^T A^-1 U`` is an (event x source) table, all
constant. By the Woodbury identity

    X^T Q X = diag(X^T A^-1 X) - W diag(k) W^T,     k_s = t_s^2 / (1 + t_s^2 (U^T A^-1 U)_ss)

so the per-draw work is one (event x event) precision over the events that have claims,
and every per-claim quantity is a gather from it: linear in claims and events per draw.
Draws are processed in blocks so that memory stays under `MEMORY_BUDGET` bytes whatever
the number of draws.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from forecast.errors import InputError
from forecast.model.evidence import EvidenceSet, ModelConfig, claim_design

__all__ = [
    "LOG_2PI",
    "MEMORY_BUDGET",
    "ClaimAlgebra",
    "available_memory",
    "claim_algebra",
    "draw_rows",
]

MEMORY_BUDGET = 2**26
"""Bytes of per-draw matrices held at once (64 MiB): draws are processed in blocks."""

LOG_2PI = float(np.log(2 * np.pi))


@dataclass(frozen=True, slots=True)
class ClaimAlgebra:
    """The constants of the Gaussian algebra for one evidence set and model config.

    ``informed`` lists the events with claims (the others keep their prior given any
    ``tau``); claim and cross-table indices refer to it and to the sources with claims.
    """

    prior_mean: np.ndarray  # (event,)
    prior_sd: np.ndarray  # (event,)
    informed: np.ndarray  # (informed,) event index of each event with claims
    claim_event: np.ndarray  # (claim,) index into informed
    claim_source: np.ndarray  # (claim,) index into the sources with claims
    source_kind: np.ndarray  # (source,) index into the kinds present
    a_one: np.ndarray  # (claim,) A^-1 1
    a_diag: np.ndarray  # (claim,) diag(A^-1)
    a_y: np.ndarray  # (claim,) A^-1 y
    a_resid: np.ndarray  # (claim,) A^-1 (y - X mu0)
    source_weight: np.ndarray  # (source,) diag(U^T A^-1 U)
    event_weight: np.ndarray  # (informed,) diag(X^T A^-1 X)
    cross: np.ndarray  # (informed, source) W = X^T A^-1 U
    pairs: _Pairs  # the nonzero terms of W diag(k) W^T
    source_y: np.ndarray  # (source,) U^T A^-1 y
    event_y: np.ndarray  # (informed,) X^T A^-1 y
    source_resid: np.ndarray  # (source,) U^T A^-1 (y - X mu0)
    event_resid: np.ndarray  # (informed,) X^T A^-1 (y - X mu0)
    log_det_a: float
    resid_a_resid: float  # (y - X mu0)^T A^-1 (y - X mu0)

    @property
    def n_claims(self) -> int:
        """Number of claims."""
        return len(self.a_one)

    @property
    def prior_precision(self) -> np.ndarray:
        """``D^-1`` of the informed events."""
        return 1.0 / self.prior_sd[self.informed] ** 2

    def block_rows(self, per_claim: int = 0) -> int:
        """Draws per block so that a block's matrices fit in `MEMORY_BUDGET`.

        ``per_claim`` counts extra (event)-vectors held per claim and draw.
        """
        per_draw = _draw_bytes(len(self.informed), len(self.source_kind), self.n_claims)
        per_draw += 8 * len(self.pairs.cell)
        per_draw += 8 * per_claim * self.n_claims * len(self.prior_mean)
        return max(1, MEMORY_BUDGET // per_draw)


def claim_algebra(evidence: EvidenceSet, config: ModelConfig) -> ClaimAlgebra:
    """Compute the constants of `ClaimAlgebra` once, in time linear in the claims."""
    y = np.asarray(evidence.claim_logit, dtype=float)
    event = np.asarray(evidence.claim_event, dtype=int)
    prior_mean = np.asarray(evidence.prior_mean, dtype=float)
    # A = blockdiag over wording groups of (w w^T + diag(v)): Sherman-Morrison per group.
    _, group = np.unique(np.asarray(evidence.claim_wording), return_inverse=True)
    cue = np.asarray(evidence.claim_cue_sd, dtype=float)
    age = np.asarray(evidence.claim_age_days, dtype=float)
    v = config.staleness_per_30_days**2 * age / 30.0 + config.residual_sd**2
    p = cue / v
    denom = 1.0 + np.bincount(group, cue * p)

    def a_inv(x: np.ndarray) -> np.ndarray:
        return x / v - p * (np.bincount(group, p * x) / denom)[group]

    resid = y - prior_mean[event]
    informed, claim_event = np.unique(event, return_inverse=True)
    _, claim_source = np.unique(np.asarray(evidence.claim_source, dtype=int), return_inverse=True)
    n_sources = int(claim_source.max()) + 1 if len(claim_source) else 0
    a_one, a_y, a_resid = a_inv(np.ones_like(y)), a_inv(y), a_inv(resid)
    _check_fits(len(informed), n_sources, len(y))
    cross = np.zeros((len(informed), n_sources))
    np.add.at(cross, (claim_event, claim_source), a_one)
    pairs = _pairs(cross)
    _check_fits(len(informed), n_sources, len(y), len(pairs.cell))
    return ClaimAlgebra(
        prior_mean=prior_mean,
        prior_sd=np.asarray(evidence.prior_sd, dtype=float),
        informed=informed,
        claim_event=claim_event,
        claim_source=claim_source,
        source_kind=claim_design(evidence, config).source_kind_index,
        a_one=a_one,
        a_diag=1.0 / v - p**2 / denom[group],
        a_y=a_y,
        a_resid=a_resid,
        source_weight=np.bincount(claim_source, a_one, n_sources),
        event_weight=np.bincount(claim_event, a_one, len(informed)),
        cross=cross,
        pairs=pairs,
        source_y=np.bincount(claim_source, a_y, n_sources),
        event_y=np.bincount(claim_event, a_y, len(informed)),
        source_resid=np.bincount(claim_source, a_resid, n_sources),
        event_resid=np.bincount(claim_event, a_resid, len(informed)),
        log_det_a=float(np.log(v).sum() + np.log(denom).sum()),
        resid_a_resid=float(resid @ a_resid),
    )


def available_memory() -> int:
    """Bytes of physical memory free now (0 when the system does not say)."""
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        return 0


def _draw_bytes(n_informed: int, n_sources: int, n_claims: int, n_pairs: int = 0) -> int:
    """Bytes of the matrices one draw's conditional needs (the least a block holds)."""
    return 8 * (4 * n_informed**2 + 2 * n_informed * n_sources + 6 * n_claims + 2 * n_pairs)


def _check_fits(n_informed: int, n_sources: int, n_claims: int, n_pairs: int = 0) -> None:
    """Refuse, with a clear message, evidence whose single draw cannot fit in memory."""
    needed = _draw_bytes(n_informed, n_sources, n_claims, n_pairs)
    available = available_memory()
    if available and needed > available // 2:
        raise InputError(
            f"evidence: {n_informed} events with claims from {n_sources} sources need "
            f"{needed / 2**30:.1f} GiB per posterior draw, more than half of the "
            f"{available / 2**30:.1f} GiB of memory free; split the scenario into smaller ones"
        )


@dataclass(frozen=True, slots=True)
class _Pairs:
    """``W diag(k) W^T`` as ``k @ terms``: a sparse product costing what ``W`` holds.

    A source's claims concern a few events, so ``W`` (event x source) is mostly zeros:
    ``terms`` (source, cell) holds ``W[e, s] W[f, s]`` in the column of cell ``(e, f)``,
    ``cell`` the flat index ``e * n_informed + f`` of each column.
    """

    terms: sparse.csr_array
    cell: np.ndarray

    def __len__(self) -> int:
        """Number of nonzero terms."""
        return self.terms.nnz


def _pairs(cross: np.ndarray) -> _Pairs:
    """`_Pairs` of ``W`` (informed, source): every two events of each source."""
    source, event = np.nonzero(cross.T)  # by source, then event
    value = cross[event, source]
    per_source = np.bincount(source, minlength=cross.shape[1])[source]
    left = np.repeat(np.arange(len(source)), per_source)
    first = np.searchsorted(source, source)  # each source's first nonzero
    offset = np.arange(len(left)) - np.repeat(np.cumsum(per_source) - per_source, per_source)
    right = first[left] + offset
    cells, column = np.unique(event[left] * cross.shape[0] + event[right], return_inverse=True)
    terms = sparse.csr_array(
        (value[left] * value[right], (source[left], column)), shape=(cross.shape[1], len(cells))
    )
    return _Pairs(terms, cells)


def draw_rows(tau: np.ndarray, size: int) -> Iterator[slice]:
    """Slices of ``size`` rows covering the flattened draws of ``tau``."""
    n_rows = int(np.prod(tau.shape[:-1]))
    for start in range(0, n_rows, size):
        yield slice(start, min(start + size, n_rows))
