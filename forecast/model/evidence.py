"""Numeric inputs and the numpy core of the claim model (no pymc here).

The claim model (see `forecast.model.inference`): each event ``e`` has latent log-odds
``theta_e``; each claim ``c`` about it is a noisy measurement ``y_c``::

    theta_e    ~ Normal(prior_mean_e, prior_sd_e)
    log tau_k  ~ Normal(log SOURCE_KIND_LOGIT_SD[k], kind_scale_sd)   per source kind k
    y_c        = theta_e(c) + b_s(c) + w_g(c) + a_c + r_c
    b_s ~ Normal(0, tau_kind(s))           source effect, shared by every claim of source s
    w_g ~ Normal(0, cue_sd)                cue vagueness, shared by a wording group g
    a_c ~ Normal(0, staleness_sd(age_c))   drift since the claim was made
    r_c ~ Normal(0, residual_sd)           per-sentence reading noise

Marginalising ``b`` and ``w`` gives ``y ~ MvNormal(theta[claim_event], Sigma(tau))`` with
``Sigma = A + tau_s^2 * [same source]``, where the constant part ``A`` holds the wording,
staleness and residual terms. ``Sigma`` is block-diagonal by source, and each block is a
rank-one update of a constant matrix, so its inverse and determinant follow from the
Sherman-Morrison formula and the matrix determinant lemma.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from forecast.errors import InputError
from forecast.language.claim import SOURCE_KIND_LOGIT_SD, SourceKind

_KIND_ORDER = tuple(SourceKind)


@dataclass(frozen=True, slots=True)
class EvidenceSet:
    """Numeric inputs of the claim model: events, their priors and the linked claims.

    Claims are given as parallel tuples (one entry per claim); their order is the claim
    index used by `Influence`. A wording group collects claims with the same source,
    event and cue: they share the cue noise, so a repeated sentence is one measurement.
    """

    events: tuple[str, ...]
    prior_mean: tuple[float, ...]
    prior_sd: tuple[float, ...]
    claim_event: tuple[int, ...]
    claim_logit: tuple[float, ...]
    claim_cue_sd: tuple[float, ...]
    claim_age_days: tuple[float, ...]
    claim_source: tuple[int, ...]
    claim_wording: tuple[int, ...]
    source_kind: tuple[str, ...]

    def __post_init__(self) -> None:
        for name in self.__slots__:
            object.__setattr__(self, name, tuple(getattr(self, name)))
        _validate_evidence(self)

    @property
    def n_claims(self) -> int:
        """Number of claims."""
        return len(self.claim_event)

    def without_claim(self, index: int) -> EvidenceSet:
        """The same evidence with claim ``index`` left out (events and sources kept)."""
        keep = [i for i in range(self.n_claims) if i != index]
        return EvidenceSet(
            events=self.events,
            prior_mean=self.prior_mean,
            prior_sd=self.prior_sd,
            claim_event=tuple(self.claim_event[i] for i in keep),
            claim_logit=tuple(self.claim_logit[i] for i in keep),
            claim_cue_sd=tuple(self.claim_cue_sd[i] for i in keep),
            claim_age_days=tuple(self.claim_age_days[i] for i in keep),
            claim_source=tuple(self.claim_source[i] for i in keep),
            claim_wording=tuple(self.claim_wording[i] for i in keep),
            source_kind=self.source_kind,
        )


def _validate_evidence(ev: EvidenceSet) -> None:
    """Check the invariants of an `EvidenceSet`; raise `InputError` naming field and value."""
    n_events, n_claims, n_sources = len(ev.events), len(ev.claim_event), len(ev.source_kind)
    if n_events == 0:
        raise InputError("evidence: events must not be empty; got ()")
    if len(set(ev.events)) != n_events:
        raise InputError(f"evidence: events must be unique; got {ev.events}")
    for name, size in (("prior_mean", n_events), ("prior_sd", n_events)):
        if len(getattr(ev, name)) != size:
            raise InputError(
                f"evidence: {name} must have one entry per event ({size}); "
                f"got {len(getattr(ev, name))}"
            )
    for name in ("claim_logit", "claim_cue_sd", "claim_age_days", "claim_source", "claim_wording"):
        if len(getattr(ev, name)) != n_claims:
            raise InputError(
                f"evidence: {name} must have one entry per claim ({n_claims}); "
                f"got {len(getattr(ev, name))}"
            )
    kinds = {k.value for k in SourceKind}
    for i, kind in enumerate(ev.source_kind):
        if kind not in kinds:
            raise InputError(
                f"evidence: source_kind[{i}] must be one of {sorted(kinds)}; got {kind!r}"
            )
    _check_each(ev.prior_mean, "prior_mean", lambda v: math.isfinite(v), "be finite")
    _check_each(ev.prior_sd, "prior_sd", lambda v: math.isfinite(v) and v > 0, "be > 0")
    _check_each(ev.claim_logit, "claim_logit", lambda v: math.isfinite(v), "be finite")
    _check_each(ev.claim_cue_sd, "claim_cue_sd", lambda v: math.isfinite(v) and v > 0, "be > 0")
    _check_each(
        ev.claim_age_days, "claim_age_days", lambda v: math.isfinite(v) and v >= 0, "be >= 0"
    )
    _check_each(
        ev.claim_event,
        "claim_event",
        lambda v: 0 <= v < n_events,
        f"index events (0..{n_events - 1})",
    )
    _check_each(
        ev.claim_source,
        "claim_source",
        lambda v: 0 <= v < n_sources,
        f"index sources (0..{n_sources - 1})",
    )
    first: dict[int, int] = {}
    for i, group in enumerate(ev.claim_wording):
        j = first.setdefault(group, i)
        if (ev.claim_source[i], ev.claim_event[i]) != (ev.claim_source[j], ev.claim_event[j]):
            raise InputError(
                f"evidence: claim_wording[{i}] = {group} must group claims of one source and "
                f"event; claim {i} has (source {ev.claim_source[i]}, event {ev.claim_event[i]}) "
                f"but claim {j} has (source {ev.claim_source[j]}, event {ev.claim_event[j]})"
            )


def _check_each(values: tuple, name: str, ok: Callable[[float], bool], rule: str) -> None:
    """Raise `InputError` for the first entry of ``values`` that breaks ``rule``."""
    for i, value in enumerate(values):
        if not ok(value):
            raise InputError(f"evidence: {name}[{i}] must {rule}; got {value}")


@dataclass(frozen=True, slots=True)
class ModelConfig:
    """Stated priors and constants of the claim model (all on the logit scale).

    Attributes
    ----------
    kind_scale_sd : float
        Sd of ``log tau_k`` around ``log SOURCE_KIND_LOGIT_SD[k]``: 0.25 keeps each
        per-kind scale within a factor ~1.6 of its elicited centre (95%); informative on
        purpose, since one article's few sources cannot identify a variance. 0 fixes them.
    staleness_per_30_days : float
        Extra logit sd of a claim 30 days old. The staleness variance grows linearly
        with age (the event's log-odds drifting like a random walk since the claim was
        made), so the sd is ``staleness_per_30_days * sqrt(age_days / 30)``.
    residual_sd : float
        Independent per-sentence noise (paraphrase, extraction). It is what separates a
        repeated sentence from a single one, and keeps ``Sigma`` positive definite.
    """

    kind_scale_sd: float = 0.25
    staleness_per_30_days: float = 0.5
    residual_sd: float = 0.1

    def __post_init__(self) -> None:
        for name in self.__slots__:
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise InputError(f"model config: {name} must be finite and >= 0; got {value}")
        if self.residual_sd == 0:
            raise InputError("model config: residual_sd must be > 0; got 0")


@dataclass(frozen=True, slots=True)
class ClaimDesign:
    """How the claims of an `EvidenceSet` map to source kinds, in time linear in the claims.

    Only sources with claims appear; ``source_kind_index`` maps each to ``kinds``. The
    dense (claim x claim) covariance is built only by `claim_covariance`, for the tests
    and prior simulation that need it: the sampler and the reweighting never do.
    """

    kinds: tuple[str, ...]  # source kinds present among the claims, in SourceKind order
    claim_kind: np.ndarray  # per claim: index into kinds
    source_kind_index: np.ndarray  # per source with claims: index into kinds

    @property
    def kind_centre(self) -> np.ndarray:
        """Prior centre of each present kind's scale, from `SOURCE_KIND_LOGIT_SD`."""
        return np.array([SOURCE_KIND_LOGIT_SD[SourceKind(k)] for k in self.kinds])


def claim_design(ev: EvidenceSet, config: ModelConfig) -> ClaimDesign:
    """The claim-to-kind and source-to-kind maps (``config`` is accepted for symmetry
    with the other model constants; the maps do not depend on it)."""
    source = np.asarray(ev.claim_source, dtype=int)
    present = set(ev.source_kind[s] for s in np.unique(source))
    kinds = tuple(k.value for k in _KIND_ORDER if k.value in present)
    kind_of_source = np.array([kinds.index(k) if k in present else -1 for k in ev.source_kind])
    return ClaimDesign(
        kinds=kinds,
        claim_kind=kind_of_source[source],
        source_kind_index=kind_of_source[np.unique(source)],
    )


def claim_covariance(evidence: EvidenceSet, config: ModelConfig, tau: np.ndarray) -> np.ndarray:
    """Covariance ``Sigma`` of the claims given per-kind scales ``tau`` (..., kind): dense,
    (..., claim, claim), for checks and prior simulation on small evidence."""
    design = claim_design(evidence, config)
    source = np.asarray(evidence.claim_source, dtype=int)
    cue = np.asarray(evidence.claim_cue_sd, dtype=float)
    wording = np.asarray(evidence.claim_wording)
    age = np.asarray(evidence.claim_age_days, dtype=float)
    base = np.outer(cue, cue) * (wording[:, None] == wording[None, :])
    base += np.diag(config.staleness_per_30_days**2 * age / 30.0 + config.residual_sd**2)
    same_source = source[:, None] == source[None, :]
    tau_claim = np.asarray(tau)[..., design.claim_kind]
    return base + tau_claim[..., :, None] * tau_claim[..., None, :] * same_source


def simulate_claims(
    evidence: EvidenceSet, config: ModelConfig, n_draws: int, rng=None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Draw ``(theta, log_tau, y)`` from the prior: parameters, then claim log-odds.

    Only the claim structure of ``evidence`` is used (events, sources, wording groups,
    cue spreads, ages), not its observed log-odds. Shapes: (n_draws, event),
    (n_draws, kind) and (n_draws, claim). Used for prior-predictive checks and
    simulation-based calibration.
    """
    rng = np.random.default_rng(rng)
    design = claim_design(evidence, config)
    mean, sd = np.asarray(evidence.prior_mean), np.asarray(evidence.prior_sd)
    theta = mean + sd * rng.standard_normal((n_draws, len(mean)))
    log_tau = np.log(design.kind_centre) + config.kind_scale_sd * rng.standard_normal(
        (n_draws, len(design.kinds))
    )
    cov = claim_covariance(evidence, config, np.exp(log_tau))
    noise = np.einsum(
        "nij,nj->ni", np.linalg.cholesky(cov), rng.standard_normal((n_draws, evidence.n_claims))
    )
    return theta, log_tau, theta[:, np.asarray(evidence.claim_event, dtype=int)] + noise
