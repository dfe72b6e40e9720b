"""In-process cost of a full forecast next to updating it with one more article's claims.

On the shipped example scenario: one untimed warm-up run (compiles the sampler), then

* full:   the median of ``--repeats`` ``run_forecast`` calls on the seed claims plus one
  follow-up article (sampling and leave-one-claim-out influence);
* update: the median of ``--repeats`` ``run_forecast(..., previous=seed_forecast)`` calls on
  the same claims, which reweight the seed forecast's draws instead of sampling.

It also prints how each run was fitted and the largest Pareto k of the leave-one-claim-out
weights: over ``tau`` alone (what the engine uses) and over ``(theta, tau)`` (the classic
``1 / p(y_c | y_-c, theta, tau)``), to show why refits are now rare. Usage::

    python benchmarks/bench_update.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

import numpy as np

# This checkout's package, not an installed one, and the synthetic-case helpers.
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import synthetic

# The first sentence links to no event of the scenario (no "Japan"); the second does.
FOLLOW_UP = (
    "White House officials said the president will fly directly back to Washington "
    "after the summit. White House officials said Trump is unlikely to stop in Japan on "
    "his way back from Singapore."
)


def seed_claims():
    """The example scenario, its articles' claims, and the claims of one follow-up article."""
    from forecast.language.extract import extract_claims
    from forecast.reading.article import Article, read_article
    from forecast.scenario import default_scenario_path, load_scenario

    scenario = load_scenario(default_scenario_path())
    articles = [read_article(path) for path in scenario.article_paths()]
    claims = [claim for article in articles for claim in extract_claims(article)]
    newest = max((a.published for a in articles if a.published), default=dt.date(2018, 5, 13))
    follow_up = Article(FOLLOW_UP, published=newest + dt.timedelta(days=1), source="Follow-up")
    return scenario, claims, extract_claims(follow_up)


def max_pareto_k(posterior) -> tuple[float, float]:
    """Largest PSIS k over claims: weights over tau alone, and over (theta, tau)."""
    from forecast.model.loo import leave_one_out
    from forecast.model.reweight import psis_weights

    loo = leave_one_out(posterior.evidence, posterior.config, posterior.theta(), posterior.tau())
    loglik = posterior.log_likelihood()
    n_claims = loglik.shape[-1]
    tau_k = max(psis_weights(-loo.log_pred[..., c])[1] for c in range(n_claims))
    theta_k = max(psis_weights(-loglik[..., c])[1] for c in range(n_claims))
    return tau_k, theta_k


UPDATE_TARGETS = {100: 0.25, 1000: 1.0}  # claims: seconds
UPDATE_EVENTS = 20


def synthetic_update(n_claims: int, repeats: int) -> tuple[float, float, list[float], str]:
    """Median wall and CPU seconds of updating an ``n_claims`` forecast with one five-claim
    article (CPU time is what a busy machine changes least)."""
    from forecast.engine.run import run_forecast

    scenario = synthetic.scenario(UPDATE_EVENTS)
    claims = synthetic.claims(n_claims, UPDATE_EVENTS)
    base = run_forecast(scenario, claims, seed=1)
    combined = [*claims, *synthetic.claims(5, UPDATE_EVENTS, first=n_claims)]
    times, cpu = [], []
    for _ in range(repeats):
        started, cpu_started = time.perf_counter(), time.process_time()
        updated = run_forecast(scenario, combined, seed=2, previous=base)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    how = updated.diagnostics.messages[-1]
    return statistics.median(times), statistics.median(cpu), times, how


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table; return 0 (figures are reported, not enforced)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed runs each (default 3)")
    args = parser.parse_args(argv)
    import arviz as az

    from forecast.engine.run import run_forecast
    from forecast.scenario import link_claims as update_links

    az.Numba.disable_numba()  # as the CLI does
    scenario, claims, extra = seed_claims()
    base = run_forecast(scenario, claims, seed=1)  # warm-up: compile the sampler
    combined = [*claims, *extra]

    def timed(**options) -> tuple[float, object]:
        started = time.perf_counter()
        result = run_forecast(scenario, combined, seed=2, **options)
        return time.perf_counter() - started, result

    full = [timed() for _ in range(args.repeats)]
    update = [timed(previous=base) for _ in range(args.repeats)]
    full_s = statistics.median(t for t, _ in full)
    update_s = statistics.median(t for t, _ in update)
    linked = len(update_links(scenario, combined)) - len(update_links(scenario, claims))
    print(f"claims: seed {len(claims)}, follow-up {len(extra)} ({linked} linked to an event)")
    print(f"{'what':<32} {'median s':>9}  runs")
    for name, median, runs in (
        ("full run_forecast", full_s, full),
        ("update (previous=)", update_s, update),
    ):
        print(f"{name:<32} {median:>9.3f}  {', '.join(f'{t:.3f}' for t, _ in runs)}")
    print(f"{'ratio update / full':<32} {update_s / full_s:>9.3f}")
    updated = update[0][1]
    print("update diagnostics:", "; ".join(updated.diagnostics.messages) or "sampled")
    for name, forecast in (("seed", base), ("full", full[0][1]), ("update", updated)):
        tau_k, theta_k = max_pareto_k(forecast.posterior)
        probs = ", ".join(f"{e.event}={e.prob:.3f}" for e in forecast.events)
        print(f"{name:<7} max k tau-only {tau_k:.2f}  (theta, tau) {theta_k:.2f} | {probs}")
    gap = [
        abs(a.prob - b.prob) / np.hypot(a.mcse, b.mcse) if a.mcse + b.mcse > 0 else 0.0
        for a, b in zip(full[0][1].events, updated.events, strict=True)
    ]
    print(f"largest |full - update| / combined mcse: {max(gap):.2f}")
    print(f"{'update after one article':<32} {'median s':>9} {'cpu s':>7}  runs")
    for n_claims, target in UPDATE_TARGETS.items():
        median, cpu, times, how = synthetic_update(n_claims, args.repeats)
        verdict = "meets" if median <= target else "misses"
        runs = ", ".join(f"{t:.3f}" for t in times)
        print(
            f"{f'{n_claims} claims x {UPDATE_EVENTS} events':<32} {median:>9.3f} {cpu:>7.3f}  "
            f"{runs}  (wall {verdict} <= {target:g} s)"
        )
        print(f"  {how}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
