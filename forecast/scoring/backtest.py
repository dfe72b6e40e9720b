"""Backtesting: replay archived news in publication order and score what the engine said.

For every scenario, the engine is run again as of each date on which news touching it was
published (a claim linked to one of its events), from the claims published by then only,
as ingesting the articles one by one would have done; between those dates its last
forecast stands. Each (scenario, as-of date) forecast is a task with its own seed
(:func:`forecast.loop.batch.task_seed`). A scenario's tasks form one *replay*, run in date order
where it lands: each forecast after the first reweights the previous one's posterior to
the claims known by its date and samples afresh only when the importance weights cannot
be trusted, as ``ingest`` does when an article arrives (:func:`run_replay`). So a replay's
results depend on its own tasks only, and the replays run in this process or on Dask
(:mod:`forecast.loop.batch`) with the same results. The forecasts are scored against the
recorded resolutions by :func:`forecast.scoring.scores.score`: Brier and log scores per scenario
and pooled, each question (event) weighing the same however many forecasts or days it has,
and calibration tables whose counts are questions.

A backtest reads the store and never writes to it. Only what can be scored is run:
scenarios with at least one resolved event, and dates before that event's resolution.
Undated claims count as known from the first day (as everywhere in the engine).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from forecast.engine.inputs import known_by
from forecast.engine.run import run_forecast
from forecast.errors import InputError
from forecast.language.claim import Claim
from forecast.loop.batch import Engine, InProcess, batch_seed, task_seed
from forecast.scenario import Scenario, link_claims
from forecast.scoring.scores import ScoreReport, score
from forecast.store.store import HISTORY_COLUMNS

__all__ = [
    "TRIGGER",
    "BacktestReport",
    "BacktestTask",
    "article_inputs",
    "backtest",
    "backtest_store",
    "backtest_tasks",
    "replays",
    "run_backtest",
    "run_replay",
    "store_inputs",
]

TRIGGER = "backtest"
"""The trigger of every backtest forecast in :attr:`BacktestReport.forecasts`."""


@dataclass(frozen=True, slots=True)
class BacktestTask:
    """One forecast of a backtest: a scenario as of a date, from the claims known by then.

    ``claims`` are the scenario's linked claims published on or before ``as_of`` (or
    undated); ``outlets`` pairs their article ids with outlet names; ``seed`` is the
    task's own (:func:`forecast.loop.batch.task_seed` of the scenario's name and the date).
    """

    scenario: Scenario
    as_of: dt.date
    claims: tuple[Claim, ...]
    outlets: tuple[tuple[str, str], ...]
    seed: int


@dataclass(frozen=True, slots=True)
class BacktestReport:
    """A backtest's forecasts and their scores.

    ``forecasts`` has the columns of ``Store.forecast_history`` (``trigger`` is
    :data:`TRIGGER`, ``created_at`` the as-of date at midnight UTC, so the table is the
    same on every run with the same seed); ``scores`` is :class:`ScoreReport`, whose
    ``table`` counts per scenario and pooled the events, the forecasts and the rows
    scored. ``n_tasks`` is the number of forecasts run, ``n_updated`` how many of them
    reweighted the previous forecast's posterior rather than sampling afresh; ``engine``
    says where they ran.
    """

    forecasts: pd.DataFrame
    scores: ScoreReport
    n_tasks: int
    engine: str
    n_updated: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping: the scores (as ``ScoreReport.to_dict``) and the task counts."""
        counts = {"n_tasks": self.n_tasks, "n_updated": self.n_updated, "engine": self.engine}
        return {**counts, **self.scores.to_dict()}


def backtest_tasks(
    scenarios: Iterable[Scenario],
    claims: Sequence[Claim],
    resolutions: pd.DataFrame,
    *,
    seed: int,
    outlets: Mapping[str, str] | None = None,
) -> tuple[BacktestTask, ...]:
    """The tasks of a backtest: per scenario, one per date on which news touched it.

    A date is kept when some resolved event of the scenario resolves after it (a forecast
    on or after every resolution scores nothing); a scenario with no resolved event
    gets no task. ``outlets`` maps article ids to outlet names (see
    :func:`forecast.engine.inputs.build_evidence`).
    """
    last_open = _last_open_day(resolutions)
    outlets = outlets or {}
    tasks = []
    for scenario in scenarios:
        until = last_open.get(scenario.name)
        if until is None:
            continue
        linked = tuple(dict.fromkeys(link.claim for link in link_claims(scenario, claims)))
        days = sorted({c.published for c in linked if c.published is not None})
        for day in (day for day in days if day <= until):
            known = tuple(claim for claim in linked if known_by(claim.published, day))
            ids = dict.fromkeys(claim.article_id for claim in known)
            sources = tuple((i, outlets[i]) for i in ids if i in outlets)
            key = task_seed(seed, scenario.name, day.isoformat())
            tasks.append(BacktestTask(scenario, day, known, sources, key))
    return tuple(tasks)


def _last_open_day(resolutions: pd.DataFrame) -> dict[str, dt.date]:
    """Per scenario, the last day a forecast can still score: before its last resolution."""
    days: dict[str, dt.date] = {}
    for name, resolved_on in zip(resolutions["scenario"], resolutions["resolved_on"], strict=True):
        day = pd.Timestamp(resolved_on).date() - dt.timedelta(days=1)
        days[name] = max(days.get(name, day), day)
    return days


def replays(tasks: Sequence[BacktestTask]) -> tuple[tuple[int, ...], ...]:
    """The positions of ``tasks`` grouped by scenario, each group in date order.

    Each group is one :func:`run_replay`; groups come in the order their scenarios first
    appear.
    """
    groups: dict[str, list[int]] = {}
    for position, task in enumerate(tasks):
        groups.setdefault(task.scenario.name, []).append(position)
    return tuple(tuple(sorted(group, key=lambda i: tasks[i].as_of)) for group in groups.values())


def run_replay(
    tasks: Sequence[BacktestTask], *, n_draws: int, chains: int, reuse: bool = True
) -> tuple[tuple[bool, tuple[tuple, ...]], ...]:
    """Forecast one scenario's tasks in the order given (their dates'): pure, runs anywhere.

    With ``reuse``, each forecast after the first passes the previous one's posterior to
    :func:`forecast.engine.run.run_forecast`, which reweights its draws to the claims known
    by the new date (Pareto-smoothed importance sampling) and samples afresh only when
    the Pareto k or the effective sample size says the weights cannot be trusted: the
    forecasts ``ingest`` would have made as the articles arrived, at a fraction of the
    cost of sampling each. Without it every forecast is sampled afresh. Each forecast is
    seeded by its own task, so the results depend on ``tasks`` alone.

    Returns
    -------
    tuple
        Per task, whether its posterior was reweighted (rather than sampled), and per
        event ``(event, prob, low, high, mcse)``.
    """
    previous = None
    results = []
    for task in tasks:
        forecast = run_forecast(
            task.scenario, task.claims, as_of=task.as_of, n_draws=n_draws, chains=chains,
            seed=task.seed, outlets=dict(task.outlets), previous=previous,
        )  # fmt: skip
        previous = forecast.posterior if reuse else None
        events = tuple((e.event, e.prob, e.low, e.high, e.mcse) for e in forecast.events)
        results.append((forecast.update_note is not None, events))
    return tuple(results)


def backtest(
    scenarios: Iterable[Scenario],
    claims: Sequence[Claim],
    resolutions: pd.DataFrame,
    *,
    n_draws: int = 1000,
    chains: int = 2,
    seed: int | None = None,
    outlets: Mapping[str, str] | None = None,
    mode: str = "daily",
    bins: int = 10,
    engine: Engine | None = None,
    reuse: bool = True,
) -> BacktestReport:
    """Replay ``claims`` in publication order through ``scenarios`` and score the forecasts.

    Parameters
    ----------
    scenarios : iterable of Scenario
        The scenarios to forecast.
    claims : sequence of Claim
        Every claim of the archive; each task uses those linked to its scenario and
        published by its date.
    resolutions : DataFrame
        Recorded outcomes, columns as ``Store.resolutions()`` (``scenario, event,
        outcome, resolved_on``, ...).
    n_draws, chains, seed
        Sampler settings; each task's seed derives from ``seed`` (fresh when None) and
        the task's scenario and date, so the scores do not depend on the engine.
    outlets : mapping, optional
        Article id -> outlet name.
    mode, bins
        Scoring, as :func:`forecast.scoring.scores.score` (``"daily"`` or ``"each"``).
    engine : Engine, optional
        Where the replays run (:func:`forecast.loop.batch.open_engine`); default this process.
    reuse : bool
        Reweight each scenario's previous posterior when the weights allow, as ``ingest``
        does (see :func:`run_replay`); False samples every forecast afresh.

    Raises
    ------
    InputError
        As :func:`run_backtest`.
    """
    tasks = backtest_tasks(scenarios, claims, resolutions, seed=batch_seed(seed), outlets=outlets)
    return run_backtest(tasks, resolutions, n_draws=n_draws, chains=chains, mode=mode,
                        bins=bins, engine=engine, reuse=reuse)  # fmt: skip


def run_backtest(
    tasks: Sequence[BacktestTask],
    resolutions: pd.DataFrame,
    *,
    n_draws: int = 1000,
    chains: int = 2,
    mode: str = "daily",
    bins: int = 10,
    engine: Engine | None = None,
    reuse: bool = True,
) -> BacktestReport:
    """Run the tasks of :func:`backtest_tasks` on ``engine`` and score their forecasts.

    The tasks run as one :func:`run_replay` per scenario (see :func:`replays`); the
    forecasts come back in task order.

    Raises
    ------
    InputError
        There is no task (no resolved event has news published before its resolution);
        or as :func:`forecast.scoring.scores.score`.
    """
    if not tasks:
        raise InputError(
            f"backtest: no resolved event has news published before its resolution; "
            f"got {len(resolutions)} resolution(s)"
        )
    engine = engine or InProcess()
    groups = replays(tasks)
    work = [tuple(tasks[i] for i in group) for group in groups]
    shared = {"n_draws": n_draws, "chains": chains, "reuse": reuse}
    results: list[Any] = [None] * len(tasks)
    for group, steps in zip(groups, engine.map(run_replay, work, shared=shared,
                                               label="backtest"), strict=True):  # fmt: skip
        for position, step in zip(group, steps, strict=True):
            results[position] = step
    forecasts = _history(tasks, (events for _, events in results))
    report = score(forecasts, resolutions, mode=mode, bins=bins)
    n_updated = sum(updated for updated, _ in results)
    return BacktestReport(forecasts, report, len(tasks), engine.description, n_updated)


def _history(tasks: Sequence[BacktestTask], results: Iterable[tuple]) -> pd.DataFrame:
    """The forecasts as a ``Store.forecast_history`` table, one row per task and event."""
    rows = [
        (number, task.scenario.name, event, pd.Timestamp(task.as_of, tz="UTC"), task.as_of,
         TRIGGER, *values)
        for number, (task, events) in enumerate(zip(tasks, results, strict=True), start=1)
        for event, *values in events
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))


def article_inputs(articles: Sequence[Any]) -> dict[str, Any]:
    """The ``claims`` of ``articles`` (extracted here) and their ``outlets`` for a backtest.

    ``articles`` are :class:`forecast.reading.article.Article` values, e.g. a folder's read with
    :func:`forecast.reading.article.read_article`.
    """
    from forecast.language.extract import extract_claims

    claims = tuple(claim for article in articles for claim in extract_claims(article))
    return {"claims": claims, "outlets": _outlets((a.id, a.source) for a in articles)}


def store_inputs(
    store: Any,
    *,
    articles: Sequence[Any] | None = None,
    scenarios: Sequence[Scenario] | None = None,
    resolutions: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """A store's ``scenarios``, ``claims``, ``resolutions`` and ``outlets`` for a backtest.

    ``articles`` replace the store's articles (see :func:`article_inputs`), ``scenarios``
    its active scenarios and ``resolutions`` (e.g. from
    :func:`forecast.scoring.resolutions.read_resolutions`) its recorded outcomes. The store is
    only read.
    """
    if articles is None:
        frame = store.articles()
        found = {"claims": store.claims(),
                 "outlets": _outlets(zip(frame["id"], frame["source"], strict=True))}  # fmt: skip
    else:
        found = article_inputs(articles)
    return {
        "scenarios": store.active_scenarios() if scenarios is None else tuple(scenarios),
        "resolutions": store.resolutions() if resolutions is None else resolutions,
        **found,
    }


def _outlets(pairs: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """Article id -> outlet name, for the articles whose outlet is known."""
    return {key: value for key, value in pairs if isinstance(value, str) and value}


def backtest_store(
    store: Any,
    *,
    articles: Sequence[Any] | None = None,
    scenarios: Sequence[Scenario] | None = None,
    resolutions: pd.DataFrame | None = None,
    **options: Any,
) -> BacktestReport:
    """:func:`backtest` of a store's claims, active scenarios and resolutions.

    ``articles``, ``scenarios`` and ``resolutions`` replace the store's, as for
    :func:`store_inputs`; ``options`` are those of :func:`backtest`. The store is only read.
    """
    inputs = store_inputs(store, articles=articles, scenarios=scenarios, resolutions=resolutions)
    return backtest(**inputs, **options)
