"""Evidence sets and an independent closed-form reference for the claim-model tests."""

from __future__ import annotations

import numpy as np

from forecast.language.claim import SOURCE_KIND_LOGIT_SD, SourceKind
from forecast.model.evidence import EvidenceSet, ModelConfig


def evidence(**claims) -> EvidenceSet:
    """An `EvidenceSet` with per-claim fields given as lists; defaults for the rest."""
    n_events = claims.pop("n_events", 1)
    fields = {
        "events": tuple(f"e{i}" for i in range(n_events)),
        "prior_mean": (0.0,) * n_events,
        "prior_sd": (1.5,) * n_events,
    }
    fields.update(claims)
    n = len(fields["claim_logit"])
    fields.setdefault("claim_event", (0,) * n)
    fields.setdefault("claim_cue_sd", (1.0,) * n)
    fields.setdefault("claim_age_days", (0.0,) * n)
    fields.setdefault("claim_wording", tuple(range(n)))
    return EvidenceSet(**fields)


def seed_like() -> EvidenceSet:
    """Six events, ten claims, four sources: the shape of the seed article's evidence."""
    return EvidenceSet(
        events=("summit", "visit", "meet_g7", "briefed", "phone", "abduction"),
        prior_mean=(0.0,) * 6,
        prior_sd=(1.5,) * 6,
        claim_event=(0, 0, 0, 1, 1, 2, 3, 3, 4, 5),
        claim_logit=(0.85, 0.85, -1.1, 1.4, 0.4, 2.2, -0.5, 0.85, 0.0, 1.1),
        claim_cue_sd=(1.0, 1.0, 1.0, 1.0, 1.0, 0.7, 1.0, 1.0, 1.0, 1.0),
        claim_age_days=(0, 0, 0, 0, 0, 3, 0, 10, 0, 0),
        claim_source=(0, 0, 1, 2, 2, 3, 1, 0, 0, 3),
        claim_wording=(0, 0, 1, 2, 3, 4, 5, 6, 7, 8),
        source_kind=("anonymous", "outlet", "official", "hearsay"),
    )


def reference_covariance(ev: EvidenceSet, config: ModelConfig) -> np.ndarray:
    """Claim covariance written out pair by pair from the model statement (fixed scales)."""
    n = ev.n_claims
    cov = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if ev.claim_source[i] == ev.claim_source[j]:
                tau = SOURCE_KIND_LOGIT_SD[SourceKind(ev.source_kind[ev.claim_source[i]])]
                cov[i, j] += tau**2
            if ev.claim_wording[i] == ev.claim_wording[j]:
                cov[i, j] += ev.claim_cue_sd[i] * ev.claim_cue_sd[j]
        age = ev.claim_age_days[i]
        cov[i, i] += config.residual_sd**2 + config.staleness_per_30_days**2 * age / 30
    return cov


def exact_posterior(ev: EvidenceSet, config: ModelConfig) -> tuple[np.ndarray, np.ndarray]:
    """Conjugate Gaussian posterior (mean, covariance) of theta with the scales fixed."""
    design = np.zeros((ev.n_claims, len(ev.events)))
    design[np.arange(ev.n_claims), list(ev.claim_event)] = 1.0
    prior_precision = np.diag(1 / np.asarray(ev.prior_sd) ** 2)
    noise_precision = np.linalg.inv(reference_covariance(ev, config))
    cov = np.linalg.inv(prior_precision + design.T @ noise_precision @ design)
    mean = cov @ (
        prior_precision @ np.asarray(ev.prior_mean)
        + design.T @ noise_precision @ np.asarray(ev.claim_logit)
    )
    return mean, cov
