"""Recording how an event turned out: checked against the stored forecasts, then one upsert.

Runs inside the caller's write transaction (:meth:`forecast.store.store.Store.resolve`), so
the check and the write see the same forecasts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from forecast.errors import AlreadyResolved, InputError
from forecast.scenario.validate import suggest
from forecast.store.backend import Connection
from forecast.store.schema import utc_text

__all__ = ["record_resolution"]


def record_resolution(
    db: Connection,
    where: str,
    scenario: str,
    event: str,
    outcome: bool,
    resolved_on: dt.date,
    *,
    names: Sequence[str],
    replace: bool,
) -> bool:
    """Record ``outcome`` of ``scenario``'s ``event``; False if already recorded so.

    ``where`` names the store and the event in messages; ``names`` are the scenario's
    events. Refuses an unknown event, a ``resolved_on`` that is not a date or is before the
    first forecast of the event, and a different outcome already recorded unless
    ``replace``.
    """
    if not isinstance(resolved_on, dt.date) or isinstance(resolved_on, dt.datetime):
        raise InputError(f"{where}: resolved_on must be a date; got {resolved_on!r}")
    if event not in names:
        raise InputError(f"{where}: no event {event!r} in the stored scenario"
                         f"{suggest(event, names)}")  # fmt: skip
    (first,) = db.execute(
        "SELECT min(coalesce(f.as_of, substr(f.created_at, 1, 10))) FROM forecasts f "
        "JOIN forecast_events e ON e.forecast_id = f.id "
        "WHERE f.scenario = ? AND e.event = ?",
        (scenario, event),
    ).fetchone()
    if first is not None and resolved_on.isoformat() < first:
        raise InputError(
            f"{where}: resolved_on {resolved_on} is before the first forecast of "
            f"the event ({first})"
        )
    old = db.execute(
        "SELECT outcome, resolved_on FROM resolutions WHERE scenario = ? AND event = ?",
        (scenario, event),
    ).fetchone()
    new = (int(bool(outcome)), resolved_on.isoformat())
    if old == new:
        return False
    if old is not None and not replace:
        raise AlreadyResolved(where, bool(old[0]), old[1], "replace=True")
    db.execute(
        "INSERT INTO resolutions VALUES (?, ?, ?, ?, ?) ON CONFLICT (scenario, event) "
        "DO UPDATE SET outcome = excluded.outcome, resolved_on = excluded.resolved_on, "
        "recorded_at = excluded.recorded_at",
        (scenario, event, *new, utc_text()),
    )
    return True
