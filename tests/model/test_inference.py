"""The collapsed PyMC claim model: exact answers, direction of evidence, diagnostics, SBC.

NUTS samples the scales with ``theta`` integrated out; ``theta`` is drawn exactly given
them. The model's log density is checked against the marginal likelihood written out
with scipy, the draws against closed forms and simulation-based calibration.

Monte Carlo tolerances are ``MC_Z`` (4.4) standard errors, the standard error being
posterior sd / sqrt(ESS) from ArviZ.
"""

from __future__ import annotations

import dataclasses
import signal

import arviz as az
import numpy as np
import pytest
from scipy import stats

from forecast.errors import InputError
from forecast.language.claim import SOURCE_KIND_LOGIT_SD, SourceKind
from forecast.model.evidence import ModelConfig, simulate_claims
from forecast.model.inference import build_model, sample_posterior
from forecast.model.reweight import Influence, claim_influence
from tests.conftest import MC_Z
from tests.model_cases import evidence, exact_posterior, seed_like

FIXED = ModelConfig(kind_scale_sd=0.0)


def _mean_se(posterior) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Posterior mean, sd and Monte Carlo standard error of the mean of theta per event."""
    theta = posterior.idata.posterior["theta"]
    mean = theta.mean(("chain", "draw")).values
    sd = theta.std(("chain", "draw")).values
    return mean, sd, sd / np.sqrt(_ess(posterior, "bulk"))


def _ess(posterior, method: str) -> np.ndarray:
    """Effective sample size of theta per event."""
    return az.ess(posterior.idata, var_names=["theta"], method=method)["theta"].values


@pytest.fixture(scope="module")
def seed_posterior():
    """Default model and sampler settings on seed-shaped evidence."""
    return sample_posterior(seed_like(), seed=11)


KINDS = ("official", "anonymous", "outlet", "hearsay")  # seed_like's kinds, in model order
CENTRES = np.log([SOURCE_KIND_LOGIT_SD[SourceKind(k)] for k in KINDS])


def _scipy_marginal(ev, config, log_tau: np.ndarray) -> float:
    """log N(y; X mu0, Sigma(tau) + X D X^T) for seed_like's kinds, written out with scipy."""
    tau = dict(zip(KINDS, np.exp(log_tau), strict=True))
    n = ev.n_claims
    cov = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if ev.claim_source[i] == ev.claim_source[j]:
                cov[i, j] += tau[ev.source_kind[ev.claim_source[i]]] ** 2
            if ev.claim_wording[i] == ev.claim_wording[j]:
                cov[i, j] += ev.claim_cue_sd[i] * ev.claim_cue_sd[j]
            if ev.claim_event[i] == ev.claim_event[j]:
                cov[i, j] += ev.prior_sd[ev.claim_event[i]] ** 2
        age = ev.claim_age_days[i]
        cov[i, i] += config.residual_sd**2 + config.staleness_per_30_days**2 * age / 30
    mean = np.asarray(ev.prior_mean)[list(ev.claim_event)]
    return stats.multivariate_normal(mean, cov).logpdf(ev.claim_logit)


def _scipy_log_density(ev, config, log_tau: np.ndarray) -> float:
    """The scales' log prior plus their theta-integrated log likelihood."""
    prior = stats.norm(CENTRES, config.kind_scale_sd).logpdf(log_tau).sum()
    return prior + _scipy_marginal(ev, config, log_tau)


def test_collapsed_model_logp_and_gradient_match_scipy():
    """The compiled log density is the scales' prior plus the theta-integrated likelihood.

    The gradient, computed by hand in the model, matches central differences of scipy's.
    """
    ev, config = seed_like(), ModelConfig()
    model = build_model(ev, config)
    log_tau = np.log([0.5, 0.9, 0.7, 1.3])
    assert model.compile_logp()({"log_tau": log_tau}) == pytest.approx(
        _scipy_log_density(ev, config, log_tau), abs=1e-9
    )
    step = 1e-5
    numeric = [
        (_scipy_log_density(ev, config, log_tau + h) - _scipy_log_density(ev, config, log_tau - h))
        / (2 * step)
        for h in step * np.eye(len(log_tau))
    ]
    got = model.compile_dlogp()({"log_tau": log_tau})
    np.testing.assert_allclose(got, numeric, rtol=1e-6, atol=1e-6)


def test_fixed_scales_model_is_the_marginal_likelihood():
    """With the scales fixed nothing is free: the log density is log N(y; X mu0, S)."""
    ev = seed_like()
    model = build_model(ev, FIXED)
    assert model.value_vars == []
    expected = _scipy_marginal(ev, FIXED, CENTRES)
    assert model.compile_logp()({}) == pytest.approx(expected, abs=1e-9)


def test_build_model_needs_claims():
    ev = evidence(claim_logit=(), claim_source=(), source_kind=())
    with pytest.raises(InputError, match="build_model: evidence must have at least one claim"):
        build_model(ev)


def test_posterior_matches_the_closed_form_with_fixed_scales():
    """Two events, two sources, a repeated wording: NUTS agrees with the conjugate answer."""
    ev = evidence(
        n_events=2,
        claim_event=(0, 0, 0, 0, 1),
        claim_logit=(1.0, 1.0, 0.4, 2.0, -1.0),
        claim_cue_sd=(1.0, 1.0, 0.8, 0.7, 1.0),
        claim_age_days=(0, 0, 15, 0, 40),
        claim_source=(0, 0, 0, 1, 1),
        claim_wording=(0, 0, 1, 2, 3),
        source_kind=("anonymous", "official"),
    )
    posterior = sample_posterior(ev, seed=3, config=FIXED)
    assert (
        "log_tau" not in posterior.idata.posterior and "kind" not in posterior.idata.posterior.dims
    )
    mean, cov = exact_posterior(ev, FIXED)
    exact_sd = np.sqrt(np.diag(cov))
    got_mean, got_sd, se = _mean_se(posterior)
    assert np.all(np.abs(got_mean - mean) < MC_Z * se)
    ess_sd = _ess(posterior, "sd")
    assert np.all(np.abs(got_sd - exact_sd) < MC_Z * exact_sd / np.sqrt(2 * ess_sd))


def _base(**extra) -> dict:
    return {
        "claim_logit": (1.0,),
        "claim_source": (0,),
        "source_kind": ("anonymous",),
        **extra,
    }


def _fit(ev):
    return _mean_se(sample_posterior(ev, n_draws=600, tune=600, seed=5))


def test_evidence_moves_the_forecast_the_right_way():
    base_mean, _, base_se = _fit(evidence(**_base()))
    for logit, sign in ((3.0, 1), (-2.0, -1)):  # "will certainly"; negated "will not"
        ev = evidence(
            claim_logit=(1.0, logit),
            claim_cue_sd=(1.0, 0.7),
            claim_source=(0, 1),
            source_kind=("anonymous", "outlet"),
        )
        mean, _, se = _fit(ev)
        assert sign * (mean[0] - base_mean[0]) > MC_Z * np.hypot(se[0], base_se[0])


def test_repetition_is_not_corroboration():
    """A duplicated sentence moves theta far less than the same claim from another source.

    With the scales at their centres, a duplicate adds only the residual noise's
    information: the closed form gives a move ratio of about 0.01.
    """
    ev_one = evidence(claim_logit=(2.0,), claim_source=(0,), source_kind=("anonymous",))
    duplicate = evidence(
        claim_logit=(2.0, 2.0),
        claim_source=(0, 0),
        claim_wording=(0, 0),
        source_kind=("anonymous",),
    )
    independent = evidence(
        claim_logit=(2.0, 2.0), claim_source=(0, 1), source_kind=("anonymous", "anonymous")
    )
    exact = [exact_posterior(e, FIXED)[0][0] for e in (ev_one, duplicate, independent)]
    assert (exact[1] - exact[0]) / (exact[2] - exact[0]) < 0.05
    (one, _, se_one), (dup, _, se_dup), (ind, _, se_ind) = map(
        _fit, (ev_one, duplicate, independent)
    )
    move_dup, move_ind = dup[0] - one[0], ind[0] - one[0]
    se_dup_move, se_ind_move = np.hypot(se_dup[0], se_one[0]), np.hypot(se_ind[0], se_one[0])
    assert move_ind > MC_Z * se_ind_move
    assert move_dup < 0.25 * (move_ind - MC_Z * se_ind_move) + MC_Z * se_dup_move


def test_seed_like_evidence_samples_cleanly(seed_posterior):
    diagnostics = seed_posterior.diagnostics
    assert diagnostics.divergences == 0
    assert diagnostics.r_hat <= 1.01 and diagnostics.ess >= 400
    assert diagnostics.ok and diagnostics.messages == ()
    assert seed_posterior.theta().shape == (2, 1000, 6)
    assert list(seed_posterior.idata.posterior["theta"].coords["event"].values) == list(
        seed_like().events
    )
    assert seed_posterior.log_likelihood().shape == (2, 1000, 10)
    kinds = seed_posterior.idata.posterior["log_tau"].coords["kind"].values
    assert list(kinds) == ["official", "anonymous", "outlet", "hearsay"]


def test_a_bad_fit_is_reported():
    posterior = sample_posterior(seed_like(), n_draws=20, tune=5, seed=1)
    assert not posterior.diagnostics.ok
    assert any("effective sample size" in m for m in posterior.diagnostics.messages)


def test_one_chain_cannot_be_checked():
    posterior = sample_posterior(seed_like(), n_draws=50, tune=50, chains=1, seed=1)
    assert not posterior.diagnostics.ok
    assert "at least 2 chains" in posterior.diagnostics.messages[0]


def test_sampling_settings_are_validated():
    with pytest.raises(InputError, match="sampling: n_draws must be >= 1; got 0"):
        sample_posterior(seed_like(), n_draws=0)


def test_no_claims_gives_the_prior():
    ev = evidence(claim_logit=(), claim_source=(), source_kind=(), n_events=2)
    posterior = sample_posterior(ev, n_draws=2000, seed=2)
    assert posterior.prior_only
    assert "no claims" in posterior.diagnostics.messages[0]
    mean, _, se = _mean_se(posterior)
    assert np.all(np.abs(mean) < MC_Z * se)
    influence = claim_influence(posterior, lambda theta: theta)
    assert influence.delta.shape == (0, 2) and influence.refit == ()
    with pytest.raises(InputError, match=r"values_fn must return \(chain, draw, q\)"):
        claim_influence(posterior, lambda theta: theta[..., 0])


def test_one_interrupt_ends_every_chain_not_only_the_one_sampling(monkeypatch):
    """PyMC ends the chain a KeyboardInterrupt reaches and samples the next one in full."""
    from pymc.step_methods.hmc.base_hmc import BaseHMC

    real, steps = BaseHMC.astep, []

    def counted(self, *args, **kwargs):
        steps.append(len(steps))
        if len(steps) == 50:  # in the first chain's tuning: Ctrl-C
            signal.raise_signal(signal.SIGINT)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(BaseHMC, "astep", counted)
    with pytest.raises(KeyboardInterrupt):
        sample_posterior(seed_like(), n_draws=1000, chains=2, tune=100, seed=1)
    assert len(steps) <= 51  # the interrupted step, then at most one step of the next chain


def test_same_seed_same_numbers():
    ev = seed_like()
    first, again, other = (sample_posterior(ev, n_draws=50, tune=50, seed=s) for s in (7, 7, 8))
    np.testing.assert_array_equal(first.theta(), again.theta())
    assert not np.array_equal(first.theta(), other.theta())


def test_influence_matches_the_exact_leave_one_out():
    """PSIS deltas of theta agree with closed-form refits without each claim (fixed scales)."""
    ev = evidence(
        claim_logit=(1.5, 0.3, -0.5, 0.6, 0.2),
        claim_cue_sd=(0.7, 1.0, 1.0, 1.0, 1.0),
        claim_source=(0, 1, 2, 3, 4),
        source_kind=("official", "anonymous", "hearsay", "outlet", "anonymous"),
    )
    posterior = sample_posterior(ev, seed=4, config=FIXED)
    influence = claim_influence(posterior, lambda theta: theta, refit=False)
    full = exact_posterior(ev, FIXED)[0][0]
    _, _, se = _mean_se(posterior)
    # k < 0.5: the region where PSIS converges at the usual Monte Carlo rate.
    reliable = [c for c in range(ev.n_claims) if influence.pareto_k[c] < 0.5]
    assert len(reliable) >= 3
    for c in reliable:
        exact = full - exact_posterior(ev.without_claim(c), FIXED)[0][0]
        # PSIS adds its own error, of the order of the full-posterior MC error.
        assert abs(influence.delta[c, 0] - exact) < MC_Z * 2 * se[0]
    assert influence.ranked(0)[0][0] == 0  # the confident official claim moved it most


def test_refit_fallback_agrees_with_psis():
    ev = evidence(
        claim_logit=(1.5, 0.5),
        claim_source=(0, 1),
        source_kind=("official", "anonymous"),
    )
    posterior = sample_posterior(ev, n_draws=300, tune=300, seed=6)
    psis = claim_influence(posterior, lambda theta: theta, refit=False)
    forced = claim_influence(posterior, lambda theta: theta, k_threshold=-np.inf, seed=1)
    assert forced.refit == (True, True) and psis.refit == (False, False)
    _, _, se = _mean_se(posterior)
    assert np.any(psis.pareto_k < 0.5)
    for c in range(ev.n_claims):
        if psis.pareto_k[c] < 0.5:
            assert abs(forced.delta[c, 0] - psis.delta[c, 0]) < MC_Z * 2 * se[0]


def test_ranked_orders_by_size_of_move():
    influence = Influence(np.array([[0.1], [-0.3], [0.2]]), np.zeros(3), (False,) * 3)
    assert influence.ranked(0) == [(1, -0.3), (2, 0.2), (0, 0.1)]


def test_sbc_with_free_scales():
    """Simulation-based calibration through NUTS: ranks of the truth are not grossly skewed.

    20 replications (``benchmarks/sbc.py`` runs more); 2 x 100 draws thinned to 100 so
    ranks are near independent; one KS test per parameter at alpha = 1e-4 / 3.
    """
    rng = np.random.default_rng(20)
    ev = evidence(
        n_events=2,
        claim_event=(0, 0, 1),
        claim_logit=(0.0, 0.0, 0.0),
        claim_source=(0, 1, 1),
        source_kind=("anonymous", "outlet"),
    )
    theta, log_tau, y = simulate_claims(ev, ModelConfig(), 20, rng)
    pit = []
    for r in range(len(y)):
        fit = sample_posterior(
            dataclasses.replace(ev, claim_logit=tuple(y[r])), n_draws=100, tune=200, seed=r
        )
        draws = fit.idata.posterior
        pairs = (
            (draws["theta"].values[..., 0], theta[r, 0]),
            (draws["theta"].values[..., 1], theta[r, 1]),
            (draws["log_tau"].values[..., 0], log_tau[r, 0]),
        )
        ranks = [np.sum(d.reshape(-1)[::2] < truth) for d, truth in pairs]
        pit.append((np.asarray(ranks) + rng.uniform(size=3)) / 101)
    pit = np.asarray(pit)
    for j in range(pit.shape[1]):
        assert stats.kstest(pit[:, j], "uniform").pvalue > 1e-4 / 3
