"""The numpy core of the claim model: validation, covariance, LOO likelihood, simulation."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from scipy import stats

from forecast.errors import InputError
from forecast.model.evidence import (
    EvidenceSet,
    ModelConfig,
    claim_covariance,
    claim_design,
    simulate_claims,
)
from forecast.model.loo import pointwise_loo_loglik
from tests.conftest import MC_Z
from tests.model_cases import evidence, exact_posterior, reference_covariance, seed_like

FIXED = ModelConfig(kind_scale_sd=0.0)

BAD_EVIDENCE = [
    ({"events": ()}, "events must not be empty"),
    ({"events": ("a", "a")}, "events must be unique"),
    ({"prior_sd": (1.0, 1.0)}, r"prior_sd must have one entry per event \(1\); got 2"),
    ({"claim_logit": (1.0,)}, r"claim_logit must have one entry per claim \(2\); got 1"),
    ({"source_kind": ("pundit",)}, r"source_kind\[0\] must be one of .*; got 'pundit'"),
    ({"prior_mean": (float("nan"),)}, r"prior_mean\[0\] must be finite; got nan"),
    ({"prior_sd": (0.0,)}, r"prior_sd\[0\] must be > 0; got 0.0"),
    ({"claim_logit": (1.0, float("inf"))}, r"claim_logit\[1\] must be finite; got inf"),
    ({"claim_cue_sd": (1.0, -0.5)}, r"claim_cue_sd\[1\] must be > 0; got -0.5"),
    ({"claim_age_days": (-1.0, 0.0)}, r"claim_age_days\[0\] must be >= 0; got -1.0"),
    ({"claim_event": (0, 3)}, r"claim_event\[1\] must index events \(0..0\); got 3"),
    ({"claim_source": (0, 1)}, r"claim_source\[1\] must index sources \(0..0\); got 1"),
]


def _two_claims(**change) -> EvidenceSet:
    fields = {
        "events": ("a",),
        "prior_mean": (0.0,),
        "prior_sd": (1.5,),
        "claim_event": (0, 0),
        "claim_logit": (1.0, 0.5),
        "claim_cue_sd": (1.0, 1.0),
        "claim_age_days": (0.0, 0.0),
        "claim_source": (0, 0),
        "claim_wording": (0, 1),
        "source_kind": ("anonymous",),
    }
    fields.update(change)
    return EvidenceSet(**fields)


@pytest.mark.parametrize(("change", "message"), BAD_EVIDENCE)
def test_evidence_rejects_broken_rules(change, message):
    with pytest.raises(InputError, match=message):
        _two_claims(**change)


def test_wording_group_must_stay_within_one_source():
    with pytest.raises(InputError, match=r"claim_wording\[1\] = 0 must group claims of one source"):
        _two_claims(claim_source=(0, 1), claim_wording=(0, 0), source_kind=("anonymous", "outlet"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind_scale_sd": -0.1}, "kind_scale_sd must be finite and >= 0; got -0.1"),
        ({"staleness_per_30_days": float("nan")}, "staleness_per_30_days must be finite"),
        ({"residual_sd": 0.0}, "residual_sd must be > 0; got 0"),
    ],
)
def test_model_config_rejects_broken_rules(change, message):
    with pytest.raises(InputError, match=message):
        ModelConfig(**change)


def test_lists_become_tuples_and_without_claim_drops_one():
    ev = dataclasses.replace(_two_claims(), claim_logit=[1.0, 0.5])
    assert ev.claim_logit == (1.0, 0.5)
    assert ev.without_claim(0).claim_logit == (0.5,)
    assert ev.without_claim(0).source_kind == ev.source_kind


def test_covariance_matches_the_model_written_pair_by_pair():
    ev = seed_like()
    tau = claim_design(ev, FIXED).kind_centre
    np.testing.assert_allclose(claim_covariance(ev, FIXED, tau), reference_covariance(ev, FIXED))


def test_loo_loglik_is_the_gaussian_conditional(rng):
    """Precision-matrix shortcut equals the conditional density computed by partitioning."""
    ev = seed_like()
    design = claim_design(ev, FIXED)
    theta = rng.standard_normal((3, len(ev.events)))
    tau = np.broadcast_to(design.kind_centre, (3, len(design.kinds)))
    got = pointwise_loo_loglik(ev, FIXED, theta, tau)
    cov = reference_covariance(ev, FIXED)
    y = np.asarray(ev.claim_logit)
    for d in range(3):
        mu = theta[d, list(ev.claim_event)]
        for c in range(ev.n_claims):
            rest = [i for i in range(ev.n_claims) if i != c]
            gain = cov[c, rest] @ np.linalg.inv(cov[np.ix_(rest, rest)])
            mean = mu[c] + gain @ (y[rest] - mu[rest])
            var = cov[c, c] - gain @ cov[rest, c]
            assert got[d, c] == pytest.approx(stats.norm(mean, np.sqrt(var)).logpdf(y[c]))


def test_simulated_claims_have_the_model_covariance(rng):
    ev = seed_like()
    _, log_tau, y = simulate_claims(ev, FIXED, 20_000, rng)
    assert np.all(log_tau == np.log(claim_design(ev, FIXED).kind_centre))
    design = np.zeros((ev.n_claims, len(ev.events)))
    design[np.arange(ev.n_claims), list(ev.claim_event)] = 1.0
    expected = reference_covariance(ev, FIXED) + design @ np.diag(np.square(ev.prior_sd)) @ design.T
    got = np.cov(y, rowvar=False)
    # se of a sample covariance: sqrt((s_ii s_jj + s_ij^2) / n)
    se = np.sqrt((np.outer(np.diag(expected), np.diag(expected)) + expected**2) / len(y))
    assert np.all(np.abs(got - expected) < MC_Z * se)


def test_prior_predictive_spans_the_lexicon(rng):
    """Prior-predictive check: simulated claim log-odds cover the lexicon, and not absurdly more.

    The lexicon's cue centres run from about -3 ("almost certainly not") to +3 ("almost
    certainly"). With the default base-rate spread (1.5) and an anonymous source, the 90%
    prior-predictive interval of a claim must be wider than [-3, 3] (the model can
    explain any cue) and narrower than [-12, 12] (probabilities not all pushed to 0 or 1).
    """
    ev = evidence(claim_logit=(0.0,), claim_source=(0,), source_kind=("anonymous",))
    _, _, y = simulate_claims(ev, ModelConfig(), 20_000, rng)
    low, high = np.quantile(y[:, 0], [0.05, 0.95])
    assert low < -3 and high > 3
    assert low > -12 and high < 12


def test_closed_form_sbc_ranks_are_uniform(rng):
    """SBC with the scales fixed: the exact posterior's CDF at the true theta is uniform."""
    ev = seed_like()
    theta, _, y = simulate_claims(ev, FIXED, 400, rng)
    pit = []
    for truth, claims in zip(theta, y, strict=True):
        mean, cov = exact_posterior(dataclasses.replace(ev, claim_logit=tuple(claims)), FIXED)
        pit.append(stats.norm.cdf(truth, mean, np.sqrt(np.diag(cov))))
    pit = np.asarray(pit)
    for j in range(pit.shape[1]):
        assert stats.kstest(pit[:, j], "uniform").pvalue > 1e-4 / pit.shape[1]
