"""Reusing posterior draws: leave-one-claim-out influence and updates with new claims.

Given the per-kind scales ``tau``, the event log-odds ``theta`` have an exact Gaussian
conditional (`forecast.model.algebra`). Both operations here therefore importance-weight
over ``tau`` only, with ``theta`` integrated out, and carry ``theta`` exactly:

* leaving claim ``c`` out, each draw's ``theta`` is mapped to ``theta | tau, y_-c`` and
  the draw weighted by ``1 / p(y_c | y_-c, tau)``;
* adding claims (``y -> y'``), each ``tau`` is weighted by ``p(y' | tau) / p(y | tau)``,
  resampled, and ``theta`` drawn afresh from ``theta | tau, y'``.

The weights depend on a few smooth scales, not on ``theta``, so they are far better
behaved than the classic ``1 / p(y_c | y_-c, theta, tau)``. They are Pareto-smoothed
(PSIS, Vehtari et al. 2024, JMLR 25(72)) and the Pareto k decides whether to trust them:
above ``K_MAX`` influence falls back to an exact refit and an update returns ``None`` so
the caller samples afresh. PyMC is imported only for those refits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from forecast.errors import InputError
from forecast.language.claim import SOURCE_KIND_LOGIT_SD, SourceKind
from forecast.model.conditional import draw_theta, log_marginal
from forecast.model.diagnostics import ESS_MIN, Diagnostics
from forecast.model.evidence import EvidenceSet, claim_design
from forecast.model.loo import LeaveOneOut, leave_one_out
from forecast.model.posterior import Posterior, draws_idata
from forecast.model.psis import psis
from forecast.threads import one_blas_thread

__all__ = ["K_MAX", "UPDATED", "Influence", "claim_influence", "psis_weights", "update_posterior"]

K_MAX = 0.7  # Vehtari et al. (2024): above this PSIS estimates are unreliable
UPDATED = "updated by importance weighting"


@dataclass(frozen=True)
class Influence:
    """How much each claim moved each quantity: full-posterior mean minus leave-it-out mean.

    ``delta`` is (n_claims, q); ``pareto_k`` is the PSIS shape estimate per claim (above
    ~0.7 importance sampling is unreliable); ``refit`` marks claims whose leave-out mean
    came from an exact refit instead.
    """

    delta: np.ndarray
    pareto_k: np.ndarray
    refit: tuple[bool, ...]

    def ranked(self, q_index: int) -> list[tuple[int, float]]:
        """Claims as ``(claim_index, delta)`` by how much they moved quantity ``q_index``."""
        column = self.delta[:, q_index]
        order = sorted(range(len(column)), key=lambda c: (-abs(column[c]), c))
        return [(c, float(column[c])) for c in order]


def _values(
    values_fn: Callable[..., np.ndarray], theta: np.ndarray, columns: np.ndarray | None = None
) -> np.ndarray:
    """``values_fn(theta)``, or ``values_fn(theta, columns)``, checked to be (chain, draw, q)."""
    values = values_fn(theta) if columns is None else values_fn(theta, columns)
    values = np.asarray(values, dtype=float)
    width = None if columns is None else len(columns)
    if not (
        values.ndim == 3
        and values.shape[:2] == theta.shape[:2]
        and width in (None, values.shape[2])
    ):
        raise InputError(
            f"claim_influence: values_fn must return (chain, draw, q) = "
            f"{(*theta.shape[:2], width or 'q')}; got shape {values.shape}"
        )
    return values


@one_blas_thread
def claim_influence(
    posterior: Posterior,
    values_fn: Callable[..., np.ndarray],
    *,
    relevant: np.ndarray | None = None,
    reads: np.ndarray | None = None,
    refit: bool = True,
    k_threshold: float = K_MAX,
    seed: int | None = None,
    progressbar: bool = False,
) -> Influence:
    """Leave-one-claim-out influence of every claim on the quantities ``values_fn`` computes.

    ``values_fn`` maps theta draws (chain, draw, event) to per-draw quantities
    (chain, draw, q). For claim ``c`` each draw's theta is moved to the exact conditional
    ``theta | tau, y_-c`` and the draws are reweighted by PSIS with log weights
    ``-log p(y_c | y_-c, tau)`` (theta integrated out). When the Pareto k exceeds
    ``k_threshold`` and ``refit`` is true, the model is refitted without ``c`` (same
    sampler settings, seeded from ``seed``) and the refit's mean is used instead.
    ``progressbar`` draws a bar over the blocks of draws on stderr. ``values_fn`` must
    compute each draw's quantities from that draw alone: the moved draws of many claims
    reach it stacked along the draw axis.

    ``relevant`` (claim, q), a boolean table, limits the work to the quantities each
    claim may move: the others' ``delta`` is 0, not computed, and ``values_fn`` is then
    also called as ``values_fn(theta, columns)`` to compute the quantities ``columns``
    only. ``reads`` (q, event), a boolean table, says which events each quantity reads:
    ``values_fn(theta, columns)`` then receives only the events ``columns`` read, in
    event order, and only those are moved.
    """
    theta = posterior.theta()
    flat = _values(values_fn, theta).reshape(theta.shape[0] * theta.shape[1], -1)
    evidence = posterior.evidence
    n_claims, n_values = evidence.n_claims, flat.shape[1]
    delta = np.zeros((n_claims, n_values))
    pareto_k = np.zeros(n_claims)
    if n_claims == 0:
        return Influence(delta, pareto_k, ())
    loo = leave_one_out(evidence, posterior.config, theta, posterior.tau())
    weights, pareto_k = psis(-loo.log_pred)
    use_refit = refit & (pareto_k > k_threshold)
    if relevant is None:
        relevant = np.ones((n_claims, n_values), dtype=bool)
    relevant = np.asarray(relevant, dtype=bool)
    groups = _groups(relevant, reads, np.flatnonzero(~use_refit), full=relevant.all())
    moved = _moved_means(loo, values_fn, weights, groups, n_values, progressbar)
    delta[:] = np.where(relevant, flat.mean(axis=0) - moved, 0.0)
    seeds = np.random.default_rng(seed).integers(2**31, size=n_claims)
    for c in np.flatnonzero(use_refit):
        delta[c] = flat.mean(axis=0) - _refit_mean(posterior, c, values_fn, int(seeds[c]))
    return Influence(delta, pareto_k, tuple(bool(r) for r in use_refit))


@dataclass(frozen=True, slots=True)
class _Group:
    """Claims whose leave-out means are wanted for the same quantities and events."""

    claims: np.ndarray
    columns: np.ndarray | None  # None: every quantity, by ``values_fn(theta)``
    events: np.ndarray | None  # None: every event is moved


def _groups(
    relevant: np.ndarray, reads: np.ndarray | None, claims: np.ndarray, *, full: bool
) -> list[_Group]:
    """``claims`` grouped by the quantities they may move (one group when all may move all)."""
    if len(claims) == 0:
        return []
    if full and reads is None:
        return [_Group(claims, None, None)]
    patterns, which = np.unique(relevant[claims], axis=0, return_inverse=True)
    groups = []
    for g, pattern in enumerate(patterns):
        columns = np.flatnonzero(pattern)
        if len(columns) == 0:
            continue
        events = None if reads is None else np.flatnonzero(np.asarray(reads)[columns].any(0))
        groups.append(_Group(claims[np.ravel(which) == g], columns, events))
    return groups


def _moved_means(
    loo: LeaveOneOut,
    values_fn: Callable[..., np.ndarray],
    weights: np.ndarray,
    groups: list[_Group],
    n_values: int,
    progressbar: bool,
) -> np.ndarray:
    """Per claim (rows of the result), the weighted mean of ``values_fn`` over moved draws.

    The moved draws come in blocks of draws, a group of claims at once, and pass through
    ``values_fn`` as one (1, rows * claims, event) array, so its cost per call is shared.
    """
    sums = np.zeros((weights.shape[0], n_values))
    if not groups:
        return sums
    blocks = loo.row_blocks(max(len(group.claims) for group in groups))
    for rows in _tracked(blocks, "influence of claims", progressbar):
        shifts = loo.shifts(rows)
        for group in groups:
            moved = shifts.moved(group.claims, group.events)
            n_rows, n_claims, n_events = moved.shape
            stacked = moved.reshape(1, n_rows * n_claims, n_events)
            values = _values(values_fn, stacked, group.columns)
            columns = slice(None) if group.columns is None else group.columns
            sums[np.ix_(group.claims, np.arange(n_values)[columns])] += np.einsum(
                "cr,rcq->cq", weights[group.claims, rows], values.reshape(n_rows, n_claims, -1)
            )
    return sums


def _tracked(steps: Sequence[Any], description: str, show: bool) -> Iterable[Any]:
    """``steps``, drawn as a transient progress bar on stderr when ``show``."""
    if not show:
        return steps
    from rich.console import Console
    from rich.progress import track

    return track(steps, description=description, console=Console(stderr=True), transient=True)


def psis_weights(log_weights: np.ndarray) -> tuple[np.ndarray, float]:
    """Normalised PSIS weights over flattened (chain, draw) log weights, and the Pareto k.

    Constant weights (fixed scales) need no smoothing: importance sampling is then exact
    and k is reported as 0.
    """
    weights, k = psis(np.atleast_2d(np.asarray(log_weights, dtype=float))[..., None])
    return weights[0], float(k[0])


def _refit_mean(
    posterior: Posterior, claim: int, values_fn: Callable[[np.ndarray], np.ndarray], seed: int
) -> np.ndarray:
    """Mean quantities from an exact refit without ``claim``."""
    from forecast.model.inference import sample_posterior

    theta = posterior.theta()
    again = sample_posterior(
        posterior.evidence.without_claim(claim),
        n_draws=theta.shape[1],
        chains=theta.shape[0],
        tune=posterior.tune,
        seed=seed,
        config=posterior.config,
    )
    values = _values(values_fn, again.theta())
    return values.reshape(-1, values.shape[-1]).mean(axis=0)


@one_blas_thread
def update_posterior(
    posterior: Posterior,
    evidence: EvidenceSet,
    *,
    k_threshold: float = K_MAX,
    seed: int | None = None,
) -> Posterior | None:
    """The posterior given ``evidence`` from the draws of one fitted on other claims, or None.

    ``evidence`` must concern the same events with the same priors; its claims are
    usually the old ones plus new ones, but old claims may have aged (a later ``as_of``):
    the weights ``p(y' | tau) / p(y | tau)`` compare the two likelihoods whole, so any
    change is accounted for. Scales of source kinds new to ``evidence`` are drawn from
    their prior (seeded by ``seed``), which is their distribution under the old
    posterior. Each chain is resampled to equal weights (systematic resampling, keeping
    chain order) and theta drawn afresh from ``theta | tau, y'``, so the result is a
    plain `Posterior` with ``n_draws`` per chain.

    Its diagnostics keep the sampler's R-hat and divergences; its ESS is the sampler's
    times the relative efficiency of the weights (Kish ESS / draws), and a message
    states the Pareto k and the weight ESS. Returns ``None`` -- sample afresh instead --
    when the events or priors differ, there are no claims, the old fit had warnings,
    the Pareto k exceeds ``k_threshold``, or the ESS would fall below ``ESS_MIN``.
    """
    old, config = posterior.evidence, posterior.config
    same = (old.events, old.prior_mean, old.prior_sd) == (
        evidence.events,
        evidence.prior_mean,
        evidence.prior_sd,
    )
    base = posterior.diagnostics
    if not same or evidence.n_claims == 0 or not (base.ok or posterior.prior_only):
        return None
    rng = np.random.default_rng(seed)
    tau_old = posterior.tau()
    tau = _extend_scales(tau_old, posterior, evidence, rng)
    new_marginal = log_marginal(evidence, config, tau)
    log_w = new_marginal - posterior.log_marginal()
    weights, k = psis_weights(log_w)
    n_chains, n_draws = log_w.shape
    weight_ess = 1.0 / float(np.sum(weights**2))
    ess = base.ess * weight_ess / weights.size
    if not (k <= k_threshold and ess >= ESS_MIN):
        return None
    chosen = _systematic(weights.reshape(n_chains, n_draws), rng)
    tau = np.take_along_axis(tau, chosen[..., None], axis=1)
    marginal = np.take_along_axis(new_marginal, chosen, axis=1)
    theta = draw_theta(evidence, config, tau, rng)
    log_tau = np.log(tau) if config.kind_scale_sd > 0 else None
    idata = draws_idata(evidence, config, theta, log_tau)
    carried = () if posterior.prior_only else base.messages
    note = (
        f"{UPDATED} from the previous fit's draws, not resampled "
        f"(Pareto k = {k:.2f}, weight ESS {weight_ess:.0f} of {weights.size})"
    )
    messages = (*(m for m in carried if not m.startswith(UPDATED)), note)
    diagnostics = Diagnostics(base.r_hat, ess, base.divergences, True, messages)
    return Posterior(idata, diagnostics, evidence, config, posterior.tune, marginal=marginal)


def _extend_scales(
    tau_old: np.ndarray, posterior: Posterior, evidence: EvidenceSet, rng: np.random.Generator
) -> np.ndarray:
    """Scale draws for the kinds of ``evidence``: old draws where known, else prior draws."""
    config = posterior.config
    old_kinds = claim_design(posterior.evidence, config).kinds
    columns = []
    for kind in claim_design(evidence, config).kinds:
        if kind in old_kinds:
            columns.append(tau_old[..., old_kinds.index(kind)])
        else:
            centre = np.log(SOURCE_KIND_LOGIT_SD[SourceKind(kind)])
            noise = rng.standard_normal(tau_old.shape[:-1])
            columns.append(np.exp(centre + config.kind_scale_sd * noise))
    return np.stack(columns, axis=-1)


def _systematic(weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Per chain, draw indices by systematic resampling of that chain's weights (in order)."""
    n_chains, n_draws = weights.shape
    cumulative = np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)
    points = (rng.uniform(size=(n_chains, 1)) + np.arange(n_draws)) / n_draws
    chosen = [np.searchsorted(cumulative[i], points[i]) for i in range(n_chains)]
    return np.minimum(np.asarray(chosen), n_draws - 1)
