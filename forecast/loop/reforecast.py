"""Reforecasting as news arrives: store articles, reforecast what they touch, say what changed.

The store is passed in (see :mod:`forecast.store.store`); nothing here opens files. An article
already stored changes nothing. A new article's claims are linked to every active scenario;
each scenario with at least one new linked claim is forecast again from *all* stored claims
published on or before the forecast's ``as_of`` date (later ones are left out, so a backtest
never sees the future), and the forecast is stored with the article as its trigger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from forecast.display.reprs import say
from forecast.engine.inputs import known_by
from forecast.engine.result import Forecast
from forecast.engine.run import run_forecast
from forecast.errors import InputError
from forecast.language.claim import Claim
from forecast.language.extract import extract_claims
from forecast.loop.changes import ArticleOutcome, IngestReport, ScenarioUpdate, forecast_changes
from forecast.reading.article import Article
from forecast.scenario import Scenario, default_scenario_path, link_claims, load_scenario

__all__ = [
    "ReforecastPlan",
    "activation_note",
    "complete_pending",
    "ingest_articles",
    "plan_reforecast",
    "record_reforecast",
    "reforecast_all",
    "reforecast_scenario",
    "run_plan",
    "store_as_of",
    "stored_posterior",
]


Progress = Callable[[str], None] | None


def ingest_articles(
    store: Any,
    articles: Sequence[Article],
    *,
    scenario: Scenario | None = None,
    n_draws: int,
    chains: int = 2,
    seed: int | None = None,
    as_of: dt.date | None = None,
    previous: Mapping[str, Forecast] | None = None,
    progress: Progress = None,
    progressbar: bool = False,
) -> IngestReport:
    """Store ``articles``, extract their claims, and reforecast the scenarios they touch.

    Parameters
    ----------
    store : Store
        An open store (:func:`forecast.store.store.open_store`).
    articles : sequence of Article
        Ingested in order; each new one is stored, then the active scenarios with at least
        one of its claims linked are forecast again (trigger: the article's id).
    scenario : Scenario, optional
        Saved and activated first. With none given and no active scenario, the shipped
        example scenario is activated (``IngestReport.activated`` names it).
    n_draws, chains, seed
        Sampler settings, as :func:`forecast.engine.run.run_forecast`.
    as_of : date, optional
        Date the forecasts speak for; default: the newest publication date in the store.
    previous : mapping, optional
        Scenario name -> its last :class:`Forecast`, reused by the engine when it can
        (a long-running watch keeps these); updated forecasts are in the report.
    progress : callable, optional
        Called with a short message before each slow stage.
    progressbar : bool
        Draw the sampler's and the influence step's progress bars on stderr.
    """
    activated = _activate(store, scenario, progress)
    sampler = {"n_draws": n_draws, "chains": chains, "seed": seed, "progressbar": progressbar}
    resumed = complete_pending(store, as_of=as_of, previous=previous, progress=progress,
                               **sampler)  # fmt: skip
    cache = {**(previous or {}), **{u.scenario: u.forecast for u in resumed}}
    outcomes = []
    for article in articles:
        name = article.path or article.url or article.title or article.id
        claims = extract_claims(article)
        touched = [active for active in store.active_scenarios() if link_claims(active, claims)]
        if not store.add_article(article, claims, pending=[s.name for s in touched]):
            outcomes.append(ArticleOutcome(article.id, name, False, len(claims)))
            continue
        updates = []
        for active in touched:
            say(progress, f"{name}: reforecasting {active.name!r}")
            update = reforecast_scenario(
                store, active, trigger=article.id, new_claims=claims, as_of=as_of,
                previous=cache.get(active.name), progress=progress, **sampler,
            )  # fmt: skip
            cache[active.name] = update.forecast
            updates.append(update)
        outcomes.append(ArticleOutcome(article.id, name, True, len(claims), tuple(updates)))
    return IngestReport(tuple(outcomes), activated, resumed)


def complete_pending(
    store: Any,
    *,
    as_of: dt.date | None = None,
    previous: Mapping[str, Forecast] | None = None,
    progress: Progress = None,
    **sampler: Any,
) -> tuple[ScenarioUpdate, ...]:
    """Make the reforecasts that stored articles still call for (see ``Store.add_article``).

    An article is stored with a mark per scenario it touches, and the forecast that uses
    it clears the mark; a kill, a full disk or a signal between the two leaves the mark,
    and this completes it: each such scenario is forecast again with those articles'
    claims as the new ones (trigger: the newest of them). ``sampler`` holds ``n_draws``,
    ``chains``, ``seed`` and ``progressbar``, as for :func:`ingest_articles`.
    """
    updates = []
    for name, article_ids in store.pending_forecasts().items():
        scenario = store.scenario(name)
        say(progress, f"completing the interrupted reforecast of {name!r}")
        update = reforecast_scenario(
            store, scenario, trigger=article_ids[-1], new_claims=store.claims(article_ids),
            as_of=as_of, previous=(previous or {}).get(name), progress=progress, **sampler,
        )  # fmt: skip
        updates.append(update)
    return tuple(updates)


def reforecast_all(
    store: Any,
    *,
    as_of: dt.date | None = None,
    n_draws: int,
    chains: int = 2,
    seed: int | None = None,
    previous: Mapping[str, Forecast] | None = None,
    progress: Progress = None,
    progressbar: bool = False,
    engine: Any = None,
) -> tuple[ScenarioUpdate, ...]:
    """Forecast every active scenario again, trigger ``reforecast``.

    ``as_of`` defaults, as for :func:`reforecast_scenario`, to the newest publication date
    in the store, so the same store gives the same forecast whenever it is run. Given a
    later date, the numbers move without news: every claim is older, so it says less.
    ``engine`` (:func:`forecast.loop.batch.open_engine`) runs the forecasts, e.g. on Dask; by
    default (or with an in-process engine) they run here, one after another, with
    progress messages. Either way each is stored here, in scenario order, as its result
    arrives: only this process writes to the store.
    """
    articles = store.articles()
    plans = [
        plan_reforecast(store, scenario, as_of or store_as_of(store, scenario, articles),
                        articles, (previous or {}).get(scenario.name), progress)
        for scenario in store.active_scenarios()
    ]  # fmt: skip
    claims = store.claims()
    sampler = {"n_draws": n_draws, "chains": chains, "seed": seed, "progressbar": progressbar}
    if engine is None or engine.in_process:
        forecasts = (_run_here(plan, claims, progress, sampler) for plan in plans)
    else:
        shared = {"claims": claims, **sampler, "progressbar": False}
        forecasts = engine.map(run_plan, plans, shared=shared, label="reforecasting")
    return tuple(
        record_reforecast(store, plan, forecast, trigger="reforecast")
        for plan, forecast in zip(plans, forecasts, strict=True)
    )


def _run_here(
    plan: ReforecastPlan, claims: Sequence[Claim], progress: Progress, sampler: Mapping
) -> Forecast:
    day = plan.as_of or "an undated store"
    say(progress, f"reforecasting {plan.scenario.name!r} as of {day}")
    return run_plan(plan, claims, progress=progress, **sampler)


@dataclass(frozen=True, slots=True)
class ReforecastPlan:
    """What one reforecast needs besides the claims, read from the store before it runs.

    ``inputs`` are the ids of the articles known by ``as_of``; ``outlets`` maps article
    ids to outlet names; ``old`` is the payload of the scenario's latest stored forecast;
    ``previous`` a forecast or posterior the engine may update instead of sampling.
    """

    scenario: Scenario
    as_of: dt.date | None
    inputs: tuple[str, ...]
    outlets: Mapping[str, str]
    old: Mapping[str, Any] | None
    previous: Any = None


def plan_reforecast(
    store: Any,
    scenario: Scenario,
    as_of: dt.date | None,
    articles: pd.DataFrame | None = None,
    previous: Any = None,
    progress: Progress = None,
) -> ReforecastPlan:
    """Read from the store what a reforecast of ``scenario`` as of ``as_of`` needs.

    ``as_of`` defaults as for :func:`reforecast_scenario`; ``articles`` is
    ``store.articles()`` when the caller has read it already. ``previous`` (a Forecast or
    a Posterior) defaults to the posterior stored with the scenario's newest forecast.
    """
    articles = store.articles() if articles is None else articles
    as_of = as_of or store_as_of(store, scenario, articles)
    used = tuple(
        article_id
        for article_id, day in zip(articles["id"], articles["published"], strict=True)
        if known_by(day, as_of)
    )
    outlets = {
        article_id: outlet
        for article_id, outlet in zip(articles["id"], articles["source"], strict=True)
        if isinstance(outlet, str) and outlet
    }
    old = store.latest_forecast(scenario.name)
    previous = previous or stored_posterior(store, scenario.name, progress)
    return ReforecastPlan(scenario, as_of, used, outlets, old, previous)


def run_plan(
    plan: ReforecastPlan,
    claims: Sequence[Claim],
    *,
    n_draws: int,
    chains: int = 2,
    seed: int | None = None,
    progress: Progress = None,
    progressbar: bool = False,
) -> Forecast:
    """The forecast ``plan`` calls for, from all stored ``claims``: pure, so it runs anywhere."""
    return run_forecast(
        plan.scenario, claims, as_of=plan.as_of, n_draws=n_draws, chains=chains, seed=seed,
        progress=progress, progressbar=progressbar, outlets=dict(plan.outlets),
        previous=plan.previous,
    )  # fmt: skip


def record_reforecast(
    store: Any,
    plan: ReforecastPlan,
    forecast: Forecast,
    *,
    trigger: str,
    new_claims: Sequence[Claim] = (),
) -> ScenarioUpdate:
    """Store ``forecast`` (made from ``plan``); say what changed since the plan's ``old``."""
    from forecast.model.posterior import posterior_record

    scenario = plan.scenario
    posterior = forecast.posterior
    forecast_id = store.add_forecast(
        scenario.name, forecast.to_dict(), trigger=trigger, inputs=plan.inputs,
        posterior=None if posterior is None else posterior_record(posterior),
    )  # fmt: skip
    changes = forecast_changes(scenario, forecast, plan.old, new_claims, trigger)
    return ScenarioUpdate(scenario.name, forecast_id, forecast, changes)


def reforecast_scenario(
    store: Any,
    scenario: Scenario,
    *,
    trigger: str,
    new_claims: Sequence[Claim] = (),
    as_of: dt.date | None = None,
    n_draws: int,
    chains: int = 2,
    seed: int | None = None,
    previous: Forecast | None = None,
    progress: Progress = None,
    progressbar: bool = False,
) -> ScenarioUpdate:
    """Forecast ``scenario`` from the stored claims dated on or before ``as_of``; store it.

    ``as_of`` defaults to the newest publication date among the stored articles (then to
    the scenario's own ``as_of``). Claims of undated articles are always used.
    ``new_claims`` are the claims that prompted the reforecast: the changes report the
    events they bear on, each with its strongest new driver; with none, every event's
    change is reported.
    """
    plan = plan_reforecast(store, scenario, as_of, previous=previous, progress=progress)
    forecast = run_plan(plan, store.claims(), n_draws=n_draws, chains=chains, seed=seed,
                        progress=progress, progressbar=progressbar)  # fmt: skip
    return record_reforecast(store, plan, forecast, trigger=trigger, new_claims=new_claims)


def stored_posterior(store: Any, name: str, progress: Progress = None) -> Any:
    """The ``Posterior`` stored with the newest forecast of scenario ``name``, or None.

    The engine reweights it when the new evidence allows and samples afresh otherwise;
    a record this version cannot read is reported and left for a fresh fit to replace.
    """
    from forecast.model.posterior import posterior_from_record  # ArviZ: only once forecasting

    found = store.latest_posterior(name)
    if found is None:
        return None
    try:
        return posterior_from_record(*found, where=f"{store.path}: posterior of {name!r}")
    except InputError as error:
        say(progress, f"{error}; sampling afresh")
        return None


def store_as_of(
    store: Any, scenario: Scenario, articles: pd.DataFrame | None = None
) -> dt.date | None:
    """The date a store's forecasts speak for by default (never today).

    The newest publication date among the stored articles, else the scenario's own
    ``as_of``; ``articles`` is ``store.articles()`` when the caller has read it already.
    """
    articles = store.articles() if articles is None else articles
    dated = [day for day in articles["published"] if day is not None]
    return max(dated, default=None) or scenario.as_of


def _activate(store: Any, scenario: Scenario | None, progress: Progress) -> str | None:
    """Save ``scenario`` as active; with none and nothing active, the shipped example."""
    if scenario is not None:
        store.save_scenario(scenario)
        return None
    if store.active_scenarios():
        return None
    example = load_scenario(default_scenario_path())
    store.save_scenario(example)
    say(progress, activation_note(example.name))
    return example.name


def activation_note(name: str) -> str:
    """What to tell the user when a store with no active scenario gets the shipped example.

    Examples
    --------
    >>> activation_note("us_japan_2018")
    "no active scenario: activated the shipped example 'us_japan_2018'"
    """
    return f"no active scenario: activated the shipped example {name!r}"
