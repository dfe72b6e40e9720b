"""Tie the stages together: claims and a scenario in, a :class:`~forecast.result.Forecast` out.

The pipeline is ``link_claims`` -> :func:`build_evidence` -> ``sample_posterior`` (PyMC,
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
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from scipy.special import expit, logit

from forecast.display import plural, say
from forecast.language.claim import Claim, SourceKind
from forecast.result import Driver, EventForecast, Forecast, JointScenario
from forecast.scenario import Evidence, Scenario, link_claims
from forecast.threads import one_blas_thread

__all__ = [
    "Forecast",
    "build_evidence",
    "claims_as_of",
    "default_as_of",
    "known_by",
    "past_deadline",
    "run_forecast",
]

MAX_DRIVERS = 5
INTERVAL = (0.05, 0.95)


def default_as_of(claims: Iterable[Claim]) -> dt.date | None:
    """The latest publication date among ``claims`` (``None`` when none is dated).

    Forecasts speak for the date of their newest evidence, not for today, so the same
    articles give the same forecast whenever they are run.
    """
    dates = [claim.published for claim in claims if claim.published is not None]
    return max(dates, default=None)


def known_by(published: dt.date | None, as_of: dt.date | None) -> bool:
    """Whether news published on ``published`` can inform a forecast as of ``as_of``.

    Undated news, and any news when the forecast is undated, counts; dated news counts
    when published on or before ``as_of``.
    """
    return published is None or as_of is None or published <= as_of


def claims_as_of(claims: Iterable[Claim], as_of: dt.date | None) -> tuple[tuple[Claim, ...], int]:
    """The claims a forecast as of ``as_of`` may use, and how many were published after it."""
    claims = tuple(claims)
    kept = tuple(claim for claim in claims if known_by(claim.published, as_of))
    return kept, len(claims) - len(kept)


def past_deadline(scenario: Scenario, as_of: dt.date | None) -> tuple[str, ...]:
    """Events of ``scenario`` whose deadline is before ``as_of``, in scenario order."""
    if as_of is None:
        return ()
    return tuple(
        event.name
        for event in scenario.events
        if event.deadline is not None and event.deadline < as_of
    )


def build_evidence(
    scenario: Scenario,
    graph: Any,
    evidence_links: Sequence[Evidence],
    *,
    as_of: dt.date | None,
    outlets: Mapping[str, str] | None = None,
) -> Any:
    """Arrange linked claims as the arrays the Bayesian model reads.

    Parameters
    ----------
    scenario : Scenario
        Supplies each latent event's prior: ``logit(base_rate)`` and ``base_spread``.
    graph : EventGraph
        ``graph.latent`` names the events with a latent log-odds, in model order.
    evidence_links : sequence of Evidence
        Claims linked to events; links to events that are not latent are ignored
        (derived events have no log-odds of their own).
    as_of : date or None
        A claim's age is ``as_of - claim.published`` in days (0 when either is unknown,
        never negative).
    outlets : mapping, optional
        Article id -> outlet name. A source is the pair (outlet, or the article id when
        the outlet is unknown; source name), so one story carried by two outlets counts
        as two sources while ten sentences citing one outlet's "sources" count as one.

    Returns
    -------
    EvidenceSet
        Claims indexed into ``events``; ``claim_wording`` groups claims with the same
        source, event and set of cues (repeated wording, not new evidence).
    """
    from forecast.model.evidence import EvidenceSet

    outlets = outlets or {}
    events = tuple(graph.latent)
    position = {name: i for i, name in enumerate(events)}
    links = [link for link in evidence_links if link.event in position]
    sources: dict[tuple[str, str], int] = {}
    kinds: list[SourceKind] = []
    wordings: dict[tuple[int, str, frozenset[str]], int] = {}
    claim_source, claim_wording = [], []
    for link in links:
        claim = link.claim
        key = (outlets.get(claim.article_id) or claim.article_id, claim.source.name)
        if key not in sources:
            sources[key] = len(sources)
            kinds.append(claim.source.kind)
        source = sources[key]
        wording = (source, link.event, frozenset(match.cue for match in claim.cues))
        claim_source.append(source)
        claim_wording.append(wordings.setdefault(wording, len(wordings)))
    return EvidenceSet(
        events=events,
        prior_mean=tuple(float(logit(scenario[name].base_rate)) for name in events),
        prior_sd=tuple(float(scenario[name].base_spread) for name in events),
        claim_event=tuple(position[link.event] for link in links),
        claim_logit=tuple(float(link.logit) for link in links),
        claim_cue_sd=tuple(float(link.claim.cue_sd) for link in links),
        claim_age_days=tuple(claim_age(link.claim, as_of) for link in links),
        claim_source=tuple(claim_source),
        claim_wording=tuple(claim_wording),
        source_kind=tuple(kind.value for kind in kinds),
    )


def claim_age(claim: Claim, as_of: dt.date | None) -> float:
    """Days from the claim's publication to ``as_of``; 0 if either is unknown or it is later."""
    if as_of is None or claim.published is None:
        return 0.0
    return float(max((as_of - claim.published).days, 0))


def related_events(graph: Any) -> dict[str, frozenset[str]]:
    """Each event of an ``EventGraph`` with every event it depends on (and itself)."""
    return {name: frozenset(node.name for node in graph.ancestors([name])) for name in graph.names}


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
    per_draw = _per_draw(graph, theta, event_probs)
    names = tuple(graph.names)
    related = related_events(graph)
    drivers = _drivers(
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


def _per_draw(graph: Any, theta: np.ndarray, event_probs: Callable) -> np.ndarray:
    """Exact probability of every event for each draw of latent log-odds ``(..., latent)``."""
    flat = expit(theta.reshape(-1, theta.shape[-1]))
    values = np.asarray(event_probs(graph, flat))
    return values.reshape(*theta.shape[:-1], values.shape[-1])


def _influence_values(graph: Any, event_probs: Callable) -> Callable[..., np.ndarray]:
    """``values_fn`` for `claim_influence`: every event's probability per draw, or those of
    events ``columns`` from the latent events they read (each set's subgraph built once)."""
    subgraphs: dict[tuple[int, ...], Any] = {}

    def values(theta: np.ndarray, columns: Sequence[int] | None = None) -> np.ndarray:
        if columns is None:
            return _per_draw(graph, np.asarray(theta), event_probs)
        names = [graph.names[j] for j in columns]
        key = tuple(columns)
        if key not in subgraphs:
            subgraphs[key] = graph.subgraph(names)
        sub = subgraphs[key]
        flat = expit(np.asarray(theta).reshape(-1, len(sub.latent)))
        out = np.asarray(event_probs(sub, flat, names))
        return out.reshape(*theta.shape[:-1], len(names))

    return values


def _drivers(
    related: Mapping[str, frozenset[str]],
    links: tuple[Evidence, ...],
    posterior: Any,
    graph: Any,
    event_probs: Callable,
    seed: int,
    progress: Callable[[str], None] | None,
    progressbar: bool,
) -> dict[str, tuple[Driver, ...]]:
    """Per event, the claims that moved it most, ranked by the size of their shift."""
    names = tuple(graph.names)
    if not links:
        return {name: () for name in names}
    from forecast.model.reweight import claim_influence

    say(progress, f"influence of {plural(len(links), 'claim')}")
    evidence = posterior.evidence
    latent = [graph.latent[e] for e in evidence.claim_event]
    # A claim measures its own event's log-odds, so it can move that event and the
    # events that depend on it; any other claim's leave-one-out shift is noise.
    relevant = np.array([[event in related[name] for name in names] for event in latent])
    reads = np.array([[event in related[name] for event in graph.latent] for name in names])
    influence = claim_influence(
        posterior,
        _influence_values(graph, event_probs),
        relevant=relevant.reshape(len(latent), len(names)),
        reads=reads.reshape(len(names), len(graph.latent)),
        seed=seed,
        progressbar=progressbar,
    )
    delta = np.asarray(influence.delta)
    drivers = {}
    for j, name in enumerate(names):
        rows = [i for i, link in enumerate(links) if link.event in related[name]]
        rows.sort(key=lambda i: -abs(delta[i, j]))
        drivers[name] = tuple(
            Driver.from_claim(links[i].claim, delta[i, j], links[i].reason)
            for i in rows[:MAX_DRIVERS]
        )
    return drivers


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
