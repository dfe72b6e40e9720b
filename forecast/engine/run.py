"""Tie the stages together: claims and a scenario in, a :class:`~.result.Forecast` out.

The pipeline is ``link_claims`` -> :func:`~.inputs.build_evidence` -> ``sample_posterior`` (PyMC,
imported only here, lazily, through :mod:`forecast.model.inference`) -> per-draw event
probabilities over the event graph -> marginals, intervals, joint scenarios and the claims
that moved each number (leave-one-claim-out influence).

Monte Carlo standard errors: an event's ``prob`` is the mean over posterior draws of its
*exact* per-draw probability (``event_probs``, a Rao-Blackwellised estimator), so its MCSE
is the MCMC standard error of that mean, computed from the per-draw probabilities with
their effective sample size. Forward-simulated 0/1 outcomes would add binomial noise the
reported number does not carry. Joint scenarios are estimated from forward-simulated
outcomes (one per draw), so their MCSE is that of a 0/1 indicator over the chains (batch
means, ``forecast.simulate.mcse.mcse_binary``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from scipy.special import expit

from forecast.display.reprs import plural, say
from forecast.engine.explain import per_draw_probs, rank_drivers
from forecast.engine.inputs import (
    build_evidence,
    claims_as_of,
    default_as_of,
    past_deadline,
    related_events,
)
from forecast.engine.result import EventForecast, Forecast, JointScenario
from forecast.language.claim import Claim
from forecast.scenario import Evidence, Scenario, link_claims
from forecast.threads import one_blas_thread

__all__ = ["INTERVAL", "joint_rows", "mcse_mean", "run_forecast"]


INTERVAL = (0.05, 0.95)


@one_blas_thread
def run_forecast(
    scenario: Scenario,
    claims: Sequence[Claim],
    *,
    as_of: dt.date | None = None,
    n_draws: int = 1000,
    chains: int = 2,
    seed: int | None = None,
    standard: str = "reader",
    progress: Callable[[str], None] | None = None,
    outlets: Mapping[str, str] | None = None,
    config: Any = None,
    previous: Any = None,
    progressbar: bool = False,
) -> Forecast:
    """Forecast every event of ``scenario`` from ``claims``.

    Parameters
    ----------
    scenario : Scenario
        The events and their relations.
    claims : sequence of Claim
        Extracted claims; those no event's match rule links stay in ``Forecast.unlinked``.
        Claims published after ``as_of`` are left out (``Forecast.n_excluded`` counts
        them), so a backdated forecast never sees later news.
    as_of : date, optional
        Date the forecast speaks for; defaults to the scenario's ``as_of``, then to the
        newest claim's publication date (deterministic, never today). Events whose
        deadline is before it are named in ``Forecast.past_deadline``.
    n_draws, chains : int
        Posterior draws per chain and number of chains.
    seed : int, optional
        Seeds sampling, forward simulation and influence refits: same seed, same numbers.
    standard : str
        Verbal probability standard for the labels (see ``forecast.language.standards``).
    progress : callable, optional
        Called with a short message before each slow stage.
    outlets : mapping, optional
        Article id -> outlet name, to tell sources apart (see :func:`build_evidence`).
    config : ModelConfig, optional
        Model settings passed to ``sample_posterior``.
    previous : Forecast or Posterior, optional
        An earlier forecast of the same scenario (or its ``Posterior``, as the store
        keeps it), with the same draws and chains, usually from fewer claims. Its
        posterior is then updated by importance weighting
        (``forecast.model.reweight.update_posterior``) instead of sampled again, when the
        weights are reliable; the diagnostics' messages say which happened.
    progressbar : bool
        Draw progress bars on stderr while sampling and computing influence (for a
        terminal; a log or a pipe gets the ``progress`` messages only).
    """
    from forecast.language.standards import load_standard
    from forecast.simulate.exact import event_probs
    from forecast.simulate.forward import simulate
    from forecast.simulate.network import build_graph
    from forecast.simulate.summary import joint_scenarios

    verbal = load_standard(standard)
    graph = build_graph(scenario)
    as_of = as_of or scenario.as_of or default_as_of(claims)
    claims, n_excluded = claims_as_of(claims, as_of)
    links = tuple(link_claims(scenario, claims))
    evidence = build_evidence(scenario, graph, links, as_of=as_of, outlets=outlets)
    sample_seed, simulate_seed, influence_seed = _seeds(seed)
    posterior = _fit(scenario.name, evidence, previous, n_draws, chains, sample_seed, config)
    if posterior is None:
        sizes = f"{plural(chains, 'chain')} x {plural(n_draws, 'draw')}"
        say(progress, f"sampling {sizes} ({plural(len(links), 'claim')})")
        from forecast.model import inference

        options = {} if config is None else {"config": config}
        posterior = inference.sample_posterior(
            evidence,
            n_draws=n_draws,
            chains=chains,
            seed=sample_seed,
            progressbar=progressbar,
            **options,
        )
    else:
        say(progress, posterior.diagnostics.messages[-1])
    theta = np.asarray(posterior.theta())
    per_draw = per_draw_probs(graph, theta, event_probs)
    names = tuple(graph.names)
    related = related_events(graph)
    drivers = rank_drivers(
        related, links, posterior, graph, event_probs, influence_seed, progress, progressbar
    )
    linked = {link.event for link in links}
    counts = {name: sum(link.event == name for link in links) for name in names}
    due = frozenset(past_deadline(scenario, as_of))
    events = []
    for j, name in enumerate(names):
        values = per_draw[..., j]
        prob = float(values.mean())
        low, high = (float(q) for q in np.quantile(values, INTERVAL))
        events.append(
            EventForecast(
                event=name,
                question=scenario[name].question,
                prob=prob,
                low=low,
                high=high,
                mcse=mcse_mean(values),
                label=verbal.verbalise(prob),
                drivers=drivers[name],
                n_claims=counts[name],
                prior_only=not (related[name] & linked),
                deadline=scenario[name].deadline,
                due=name in due,
            )
        )
    flat = expit(theta).reshape(-1, theta.shape[-1])
    outcomes = simulate(graph, flat, np.random.default_rng(simulate_seed))
    table = joint_scenarios(outcomes, graph, chains=theta.shape[0])
    return Forecast(
        scenario=scenario.name,
        title=scenario.title,
        as_of=as_of,
        standard=standard,
        events=tuple(events),
        scenarios=joint_rows(table, names),
        diagnostics=posterior.diagnostics,
        unlinked=_unlinked(claims, links),
        n_excluded=n_excluded,
        past_deadline=past_deadline(scenario, as_of),
        idata=posterior.idata,
        posterior=posterior,
    )


def _unlinked(claims: Sequence[Claim], links: Sequence[Evidence]) -> tuple[Claim, ...]:
    """The claims no link holds (``unlinked_claims`` without matching every claim again)."""
    linked = {id(link.claim) for link in links}
    return tuple(claim for claim in claims if id(claim) not in linked)


def _fit(
    scenario: str,
    evidence: Any,
    previous: Any,
    n_draws: int,
    chains: int,
    seed: int,
    config: Any,
) -> Any:
    """``previous``'s posterior updated to ``evidence``, or None when it must be sampled."""
    from forecast.model.evidence import ModelConfig
    from forecast.model.posterior import Posterior
    from forecast.model.reweight import update_posterior

    if isinstance(previous, Posterior):
        fitted = previous  # its evidence, checked by update_posterior, names the events
    elif previous is not None and previous.scenario == scenario:
        fitted = previous.posterior
    else:
        fitted = None
    if fitted is None:
        return None
    if fitted.theta().shape[:2] != (chains, n_draws) or fitted.config != (config or ModelConfig()):
        return None
    return update_posterior(fitted, evidence, seed=seed)


def _seeds(seed: int | None) -> tuple[int, np.random.SeedSequence, int]:
    """Independent streams for sampling, simulation and refits, all from one seed."""
    sample, simulate, influence = np.random.SeedSequence(seed).spawn(3)
    return int(sample.generate_state(1)[0]), simulate, int(influence.generate_state(1)[0])


def mcse_mean(values: np.ndarray) -> float:
    """Monte Carlo standard error of the mean of ``values`` shaped ``(chain, draw)``.

    ``sd / sqrt(ESS)`` with the chains' effective sample size for the mean
    (``arviz.mcse(method="mean")``); 0 when every draw is the same.
    """
    import arviz as az

    values = np.asarray(values, dtype=float)
    if np.ptp(values) == 0:
        return 0.0
    return float(np.ravel(az.mcse(values, method="mean"))[0])


def joint_rows(table: Any, names: Sequence[str]) -> tuple[JointScenario, ...]:
    """Joint scenarios from a ``joint_scenarios`` table (bool column per event, prob, mcse)."""
    outcomes = table[list(names)].to_numpy(dtype=bool)
    return tuple(
        JointScenario(
            events=tuple(zip(names, map(bool, row), strict=True)),
            prob=float(prob),
            mcse=float(mcse),
        )
        for row, prob, mcse in zip(outcomes, table["prob"], table["mcse"], strict=True)
    )
