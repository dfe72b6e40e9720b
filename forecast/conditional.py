"""Gaussian conditioning of the claim model given the source scales (numpy only).

Given the per-kind scales ``tau`` the claim model is linear-Gaussian in the event
log-odds: ``theta ~ N(mu0, D)`` with ``D`` diagonal and ``y | theta, tau ~ N(X theta,
Sigma(tau))``, ``X`` the claim-to-event indicator. So, per posterior draw of ``tau``,

* ``theta | tau, y ~ N(m, V)`` with ``V^-1 = D^-1 + X^T Q X``, ``Q = Sigma^-1`` and
  ``m = V (D^-1 mu0 + X^T Q y)``;
* ``y | tau ~ N(X mu0, S)`` with ``S = Sigma + X D X^T`` (``theta`` integrated out).

Leaving claim ``c`` out replaces ``Q`` by the precision of the other claims,
``Q - Q[:, c] Q[c, :] / Q_cc`` (a rank-one downdate), and the predictive density of
``y_c`` given the others follows from ``S^-1`` as in Bürkner, Gabry & Vehtari (2021,
Computational Statistics 36:1243-1261). A draw of ``theta`` from ``N(m, V)`` becomes an
exact draw from ``N(m', V')`` under ``m' + L' L^-1 (theta - m)``, ``L`` and ``L'`` the
Cholesky factors of ``V`` and ``V'``. These are the pieces of Rao-Blackwellised
leave-one-claim-out and of updating a posterior with new claims by importance weighting
over ``tau`` alone (`forecast.inference`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from forecast.evidence import EvidenceSet, ModelConfig, claim_covariance

__all__ = [
    "LeaveOneOut",
    "ThetaConditional",
    "leave_one_out",
    "log_marginal",
    "move_draws",
    "theta_conditional",
]


@dataclass(frozen=True, slots=True)
class ThetaConditional:
    """Per draw, the Gaussian ``theta | tau, y``: ``mean`` (..., event), ``chol`` (..., e, e).

    ``chol`` is the lower Cholesky factor of the covariance.
    """

    mean: np.ndarray
    chol: np.ndarray

    def draw(self, rng=None) -> np.ndarray:
        """One independent draw of ``theta`` per conditional, shape (..., event)."""
        rng = np.random.default_rng(rng)
        z = rng.standard_normal(self.mean.shape)
        return self.mean + np.einsum("...ij,...j->...i", self.chol, z)


def _indicator(evidence: EvidenceSet) -> np.ndarray:
    """``X``: (claim, event), 1 where claim ``c`` measures event ``e``."""
    design = np.zeros((evidence.n_claims, len(evidence.events)))
    design[np.arange(evidence.n_claims), np.asarray(evidence.claim_event, dtype=int)] = 1.0
    return design


def _precision_parts(
    evidence: EvidenceSet, config: ModelConfig, tau: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``Q``, ``X``, the posterior precision ``P`` and the shift ``b`` (so ``m = P^-1 b``)."""
    design = _indicator(evidence)
    prior_precision = 1.0 / np.asarray(evidence.prior_sd, dtype=float) ** 2
    q = np.linalg.inv(claim_covariance(evidence, config, tau))
    precision = np.einsum("ci,...cd,dj->...ij", design, q, design) + np.diag(prior_precision)
    y = np.asarray(evidence.claim_logit, dtype=float)
    shift = np.einsum("ci,...cd,d->...i", design, q, y)
    shift = shift + prior_precision * np.asarray(evidence.prior_mean, dtype=float)
    return q, design, precision, shift


def _gaussian(precision: np.ndarray, shift: np.ndarray) -> ThetaConditional:
    """Mean and covariance Cholesky factor from a precision matrix and its shift."""
    cov = np.linalg.inv(precision)
    cov = 0.5 * (cov + np.swapaxes(cov, -1, -2))
    return ThetaConditional(np.einsum("...ij,...j->...i", cov, shift), np.linalg.cholesky(cov))


def theta_conditional(
    evidence: EvidenceSet, config: ModelConfig, tau: np.ndarray
) -> ThetaConditional:
    """The exact conditional ``theta | tau, y`` for scale draws ``tau`` (..., kind)."""
    tau = np.asarray(tau, dtype=float)
    if evidence.n_claims == 0:
        sd = np.asarray(evidence.prior_sd, dtype=float)
        shape = (*tau.shape[:-1], len(sd))
        mean = np.broadcast_to(np.asarray(evidence.prior_mean, dtype=float), shape)
        return ThetaConditional(mean, np.broadcast_to(np.diag(sd), (*shape, len(sd))))
    _, _, precision, shift = _precision_parts(evidence, config, tau)
    return _gaussian(precision, shift)


def _marginal_precision(
    evidence: EvidenceSet, config: ModelConfig, tau: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``S^-1`` and the residual ``y - X mu0`` of the claims with ``theta`` integrated out."""
    design = _indicator(evidence)
    prior_var = np.asarray(evidence.prior_sd, dtype=float) ** 2
    cov = claim_covariance(evidence, config, np.asarray(tau, dtype=float))
    cov = cov + (design * prior_var) @ design.T
    resid = np.asarray(evidence.claim_logit) - design @ np.asarray(evidence.prior_mean)
    return np.linalg.inv(cov), resid


def log_marginal(evidence: EvidenceSet, config: ModelConfig, tau: np.ndarray) -> np.ndarray:
    """``log p(y | tau)`` with ``theta`` integrated out, per draw: shape ``tau.shape[:-1]``."""
    tau = np.asarray(tau, dtype=float)
    if evidence.n_claims == 0:
        return np.zeros(tau.shape[:-1])
    k, resid = _marginal_precision(evidence, config, tau)
    logdet = np.linalg.slogdet(k)[1]
    quad = np.einsum("i,...ij,j->...", resid, k, resid)
    return 0.5 * (logdet - quad - evidence.n_claims * np.log(2 * np.pi))


@dataclass(frozen=True, slots=True)
class LeaveOneOut:
    """Per draw and claim: ``theta`` moved to ``theta | tau, y_-c`` and ``log p(y_c | y_-c, tau)``.

    ``theta`` is (..., claim, event); ``log_pred`` is (..., claim).
    """

    theta: np.ndarray
    log_pred: np.ndarray


def leave_one_out(
    evidence: EvidenceSet, config: ModelConfig, theta: np.ndarray, tau: np.ndarray
) -> LeaveOneOut:
    """Map each draw of ``theta | tau, y`` to ``theta | tau, y_-c`` for every claim ``c``.

    ``theta`` (..., event) must be draws of the full-data conditional at the paired
    ``tau`` (..., kind), as joint posterior draws are; the map is then exact in
    distribution. ``log_pred`` is the theta-integrated predictive density of each claim
    given the others, whose inverse is the leave-one-out importance weight over ``tau``.
    """
    theta = np.asarray(theta, dtype=float)
    q, design, precision, shift = _precision_parts(evidence, config, tau)
    full = _gaussian(precision, shift)
    q_diag = np.diagonal(q, axis1=-2, axis2=-1)  # (..., c)
    u = np.einsum("...dc,dj->...cj", q, design)  # (..., c, event): X^T Q[:, c]
    y = np.asarray(evidence.claim_logit, dtype=float)
    qy = np.einsum("...cd,d->...c", q, y)  # Q[c, :] y
    precision_c = precision[..., None, :, :] - (
        u[..., :, None] * u[..., None, :] / q_diag[..., None, None]
    )
    shift_c = shift[..., None, :] - u * (qy / q_diag)[..., None]
    per_claim = ThetaConditional(full.mean[..., None, :], full.chol[..., None, :, :])
    moved = move_draws(theta[..., None, :], per_claim, _gaussian(precision_c, shift_c))
    k, resid = _marginal_precision(evidence, config, tau)
    g = np.einsum("...ij,j->...i", k, resid)
    k_diag = np.diagonal(k, axis1=-2, axis2=-1)
    log_pred = 0.5 * (np.log(k_diag) - np.log(2 * np.pi) - g**2 / k_diag)
    return LeaveOneOut(moved, log_pred)


def move_draws(theta: np.ndarray, source: ThetaConditional, target: ThetaConditional) -> np.ndarray:
    """Map draws of ``source`` to draws of ``target`` by the affine map matching them."""
    z = np.linalg.solve(source.chol, (np.asarray(theta) - source.mean)[..., None])[..., 0]
    return target.mean + np.einsum("...ij,...j->...i", target.chol, z)
