"""Leaving one claim out of the Gaussian conditional ``theta | tau, y`` (numpy).

In the notation of :mod:`forecast.model.conditional`, leaving claim ``c`` out replaces
``Q`` by the precision of the other claims, ``Q - Q[:, c] Q[c, :] / Q_cc`` (a rank-one
downdate), and the predictive density of ``y_c`` given the others follows from ``S^-1``
as in Bürkner, Gabry & Vehtari (2021, Computational Statistics 36:1243-1261). A draw of
``theta`` from ``N(m, V)`` becomes an exact draw from the leave-one-out ``N(m', V')``
under a rank-one affine map (see `LeaveOneOut`). These are the pieces of Rao-
Blackwellised leave-one-claim-out and of updating a posterior with new claims by
importance weighting over ``tau`` alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from forecast.model.algebra import LOG_2PI, ClaimAlgebra, claim_algebra, draw_rows
from forecast.model.conditional import PrecisionBlock, precision_block
from forecast.model.evidence import EvidenceSet, ModelConfig
from forecast.threads import one_blas_thread

__all__ = ["LeaveOneOut", "Shifts", "leave_one_out", "pointwise_loo_loglik"]


@one_blas_thread
def pointwise_loo_loglik(
    evidence: EvidenceSet, config: ModelConfig, theta: np.ndarray, tau: np.ndarray
) -> np.ndarray:
    """Per draw and claim, ``log p(y_c | y_-c, theta, tau)`` from the precision ``Q``.

    ``theta`` is (..., event) and ``tau`` (..., kind); the result is (..., claim). For
    ``y ~ N(mu, Sigma)`` with ``Q = Sigma^-1`` and ``g = Q (y - mu)`` the leave-one-out
    conditional is Normal with mean ``y_c - g_c / Q_cc`` and variance ``1 / Q_cc``
    (Bürkner, Gabry & Vehtari 2021). ``Q`` is applied by Woodbury over sources, never
    formed.
    """
    algebra = claim_algebra(evidence, config)
    theta = np.asarray(theta, dtype=float)[..., algebra.informed]
    t2 = np.asarray(tau, dtype=float)[..., algebra.source_kind] ** 2
    k = t2 / (1.0 + t2 * algebra.source_weight)
    a_resid = algebra.a_y - algebra.a_one * theta[..., algebra.claim_event]
    source_resid = algebra.source_y - theta @ algebra.cross
    k_claim = k[..., algebra.claim_source]
    g = a_resid - algebra.a_one * k_claim * source_resid[..., algebra.claim_source]
    q_diag = algebra.a_diag - algebra.a_one**2 * k_claim
    return 0.5 * (np.log(q_diag) - LOG_2PI - g**2 / q_diag)


@dataclass(frozen=True, slots=True)
class LeaveOneOut:
    """Leaving each claim out of draws of ``theta | tau, y``, with ``tau`` paired.

    ``log_pred`` (..., claim) is ``log p(y_c | y_-c, tau)``, ``theta`` integrated out,
    whose inverse is the leave-one-out importance weight over ``tau``. `shifts`, `blocks`
    and `moved` map each draw's ``theta`` to an exact draw of ``theta | tau, y_-c``: with
    ``u = X^T Q[:, c]``, ``q = Q_cc``, ``v = V u`` and ``gamma = u^T v`` the leave-out
    precision is ``V^-1 - u u^T / q``, so ``V' = V + alpha v v^T`` with
    ``alpha = 1 / (q - gamma)``, ``m' = m + alpha v (u^T m - (Q y)_c)``, and
    ``theta' = m' + (I + beta v u^T)(theta - m)`` has covariance ``V'`` when
    ``2 beta + beta^2 gamma = alpha``. Each claim costs (event) work per draw.
    """

    algebra: ClaimAlgebra
    theta: np.ndarray  # (n, event) flattened draws
    tau: np.ndarray  # (n, kind)
    log_pred: np.ndarray  # (..., claim)
    whole: Shifts | None = None  # the maps of all draws, when they fit in one block

    def row_blocks(self, n_moved: int | None = None) -> list[slice]:
        """Blocks of draws such that ``n_moved`` moved draws per row (default one per
        claim) fit in `MEMORY_BUDGET`."""
        algebra = self.algebra
        n_moved = algebra.n_claims if n_moved is None else n_moved
        size = max(1, algebra.block_rows(per_claim=4) * algebra.n_claims // max(n_moved, 1))
        return list(draw_rows(self.tau, size))

    def shifts(self, rows: slice) -> Shifts:
        """The leave-one-out maps of every claim for the draws ``rows``."""
        if self.whole is not None:
            return self.whole.rows(rows)
        return _shifts(
            self.algebra, self.theta[rows], precision_block(self.algebra, self.tau[rows])
        )

    def blocks(self, claims: np.ndarray | None = None) -> Iterator[tuple[slice, np.ndarray]]:
        """Per block of draws: its rows and the moved draws (rows, claim, event).

        ``claims`` (default all) selects the claims; blocks fit in `MEMORY_BUDGET`.
        """
        claims = np.arange(self.algebra.n_claims) if claims is None else np.asarray(claims)
        for rows in self.row_blocks(len(claims)):
            yield rows, self.shifts(rows).moved(claims)

    def moved(self, claim: int) -> np.ndarray:
        """Draws of ``theta | tau, y_-claim``, shaped like the draws (..., event)."""
        parts = [moved[:, 0] for _, moved in self.blocks(np.array([claim]))]
        return np.concatenate(parts).reshape(*self.log_pred.shape[:-1], self.theta.shape[-1])


@dataclass(frozen=True, slots=True)
class Shifts:
    """The leave-one-out maps of a block of draws, ready for any claims and events.

    ``theta' = theta + v scale`` per claim (see `LeaveOneOut`): ``scale`` (rows, claim)
    is gathered from the block's per-draw matrices, and ``v = V u`` is formed only for
    the events asked for.
    """

    algebra: ClaimAlgebra
    theta: np.ndarray  # (rows, event)
    cov: np.ndarray  # (rows, e1, e1): V
    cov_cross: np.ndarray  # (rows, e1, source): V W
    k: np.ndarray  # (rows, claim)
    scale: np.ndarray  # (rows, claim)
    spread: np.ndarray  # (rows, claim): q - gamma, the variance of y_c given y_-c and tau

    def rows(self, rows: slice) -> Shifts:
        """The maps of some of these draws."""
        return Shifts(
            self.algebra,
            *(part[rows] for part in (self.theta, self.cov, self.cov_cross, self.k)),
            self.scale[rows],
            self.spread[rows],
        )

    def moved(self, claims: np.ndarray, events: np.ndarray | None = None) -> np.ndarray:
        """Draws of ``theta | tau, y_-c`` for ``claims``: (rows, claims, events).

        ``events`` (sorted indices, default all) selects the events drawn.
        """
        algebra = self.algebra
        events = np.arange(self.theta.shape[1]) if events is None else np.asarray(events)
        columns = np.flatnonzero(np.isin(algebra.informed, events))  # informed and asked for
        event, source = algebra.claim_event[claims, None], algebra.claim_source[claims, None]
        weight = algebra.a_one[claims] * self.scale[:, claims]  # (rows, c)
        shift = _gather(self.cov, event, columns)  # V[e_c, R]: (rows, c, R)
        shift *= weight[..., None]
        weight *= self.k[:, claims]
        at_source = _gather(self.cov_cross, columns[None, :], source)  # (V W)[R, s_c]
        at_source *= weight[..., None]
        shift -= at_source
        moved = np.repeat(self.theta[:, None, events], len(claims), axis=1)
        moved[..., np.searchsorted(events, algebra.informed[columns])] += shift
        return moved


def _shifts(algebra: ClaimAlgebra, theta: np.ndarray, block: PrecisionBlock) -> Shifts:
    """`Shifts` for rows of ``theta`` (rows, event) with the `PrecisionBlock` of their ``tau``."""
    event, source, a1 = algebra.claim_event, algebra.claim_source, algebra.a_one
    cross = algebra.cross
    k = block.k[:, source]  # (rows, c)
    cov = block.covariance()
    cov_cross = np.matmul(cov, cross)  # V W: (rows, e1, s)
    source_quad = np.einsum("es,res->rs", cross, cov_cross)  # diag(W^T V W)
    # Every (rows, claim) array below is updated in place: at a thousand claims these
    # passes over memory, not arithmetic, are the cost.
    # gamma = u^T V u with u = a1 (e_event - k W[:, source]), gathered per claim.
    gamma = source_quad[:, source]
    gamma *= k
    gamma -= 2.0 * _gather(cov_cross, event, source)
    gamma *= k
    gamma += _gather(cov, event, event)
    gamma *= a1**2
    q = k * -(a1**2)
    q += algebra.a_diag
    spread = q - gamma
    alpha = 1.0 / spread
    beta = np.sqrt(q * alpha, out=q)
    beta += 1.0
    np.divide(alpha, beta, out=beta)
    # scale = alpha (u^T m - (Q y)_c) + beta u^T (theta - m), where u^T x = a1 (x_e -
    # k (x W)_s) and (Q y)_c = a_y - a1 k (U^T A^-1 y)_s share the gathers.
    scale = _u_dot(algebra, k, block.mean, block.mean @ cross - algebra.source_y)
    scale -= algebra.a_y
    scale *= alpha
    centred = theta[:, algebra.informed] - block.mean
    moved = _u_dot(algebra, k, centred, centred @ cross)
    moved *= beta
    scale += moved
    return Shifts(algebra, theta, cov, cov_cross, k, scale, spread)


def _gather(matrices: np.ndarray, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """``matrices[:, rows, columns]`` for a stack (n, a, b), by one take on the flat axis
    (2-D fancy indexing of each matrix is several times slower). Index arrays broadcast."""
    flat = matrices.reshape(len(matrices), -1)
    return np.take(flat, rows * matrices.shape[2] + columns, axis=1)


def _u_dot(algebra: ClaimAlgebra, k: np.ndarray, at_event: np.ndarray, at_source: np.ndarray):
    """Per claim ``a1 (at_event[:, e_c] - k at_source[:, s_c])`` for (rows, e1) and
    (rows, source) arrays, in one new (rows, claim) array."""
    out = at_source[:, algebra.claim_source]
    out *= k
    np.subtract(at_event[:, algebra.claim_event], out, out=out)
    out *= algebra.a_one
    return out


@one_blas_thread
def leave_one_out(
    evidence: EvidenceSet, config: ModelConfig, theta: np.ndarray, tau: np.ndarray
) -> LeaveOneOut:
    """Leave-one-claim-out of joint draws ``theta`` (..., event) at paired ``tau`` (..., kind).

    ``theta`` must be draws of the full-data conditional at the paired ``tau``, as joint
    posterior draws are; the maps of `LeaveOneOut` are then exact in distribution.
    ``log_pred`` uses ``diag(S^-1) = q - gamma`` (see `LeaveOneOut`) and
    ``S^-1 (y - X mu0)`` gathered per claim from the per-draw Woodbury pieces
    (`ClaimAlgebra`). When all draws fit in one block, their `Shifts` are kept.
    """
    theta = np.asarray(theta, dtype=float)
    tau = np.asarray(tau, dtype=float)
    algebra = claim_algebra(evidence, config)
    flat_theta = theta.reshape(-1, theta.shape[-1])
    flat_tau = tau.reshape(-1, tau.shape[-1])
    log_pred = np.empty((len(flat_tau), algebra.n_claims))
    source, event, a1 = algebra.claim_source, algebra.claim_event, algebra.a_one
    kept = []
    for rows in draw_rows(tau, algebra.block_rows()):
        block = precision_block(algebra, flat_tau[rows])
        shifts = _shifts(algebra, flat_theta[rows], block)
        g = algebra.event_resid - (block.k * algebra.source_resid) @ algebra.cross.T
        beta = np.matmul(shifts.cov, g[..., None])[..., 0]  # P^-1 g
        alpha = block.k * (algebra.source_resid - beta @ algebra.cross)
        s_resid = algebra.a_resid - a1 * (alpha[:, source] + beta[:, event])
        s_diag = shifts.spread
        log_pred[rows] = 0.5 * (np.log(s_diag) - LOG_2PI - s_resid**2 / s_diag)
        kept.append(shifts)
    return LeaveOneOut(
        algebra,
        flat_theta,
        flat_tau,
        log_pred.reshape(*tau.shape[:-1], algebra.n_claims),
        kept[0] if len(kept) == 1 else None,
    )
