"""Plots for notebooks and the CLI: history, calibration, forest, scenarios, lexicon.

Each function takes tables (pandas DataFrames with the column names the rest of
``forecast`` produces) and an optional matplotlib ``ax``, draws on it (or on a new figure)
and returns the Axes. Nothing here writes files except :func:`save_figure`. matplotlib is
imported only when a plot is drawn, with the non-interactive Agg backend when there is no
display and no backend was chosen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from forecast.errors import InputError

__all__ = [
    "plot_calibration",
    "plot_forest",
    "plot_history",
    "plot_lexicon",
    "plot_scenarios",
    "save_figure",
]

REFORECAST = "reforecast"
LAST_STEP_SHARE = 20
"""The last forecast is drawn standing for 1/20 of the history's span (at least a day)."""
LABEL_CHARS = 40


def _pyplot() -> Any:
    import matplotlib

    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    chosen = "MPLBACKEND" in os.environ or "matplotlib.pyplot" in sys.modules
    if headless and not chosen and sys.platform.startswith("linux"):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _axes(ax: Any, size: tuple[float, float] = (7.0, 4.0)) -> Any:
    if ax is not None:
        return ax
    _, new = _pyplot().subplots(figsize=size)
    return new


def _require(frame: pd.DataFrame, columns: Sequence[str], name: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise InputError(f"{name}: missing columns {missing}; got {list(frame.columns)}")
    if frame.empty:
        raise InputError(f"{name}: needs at least one row; got none")


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def plot_history(
    history: pd.DataFrame,
    event: str,
    *,
    scenario: str | None = None,
    articles: Mapping[str, str] | None = None,
    ax: Any = None,
) -> Any:
    """Draw an event's probability over time with its 90% band and the articles that moved it.

    ``history`` has the store's history columns (``scenario, event, created_at, as_of,
    trigger, prob, low, high``); time is ``as_of`` (falling back to ``created_at``). The
    probability is drawn as a step (each forecast stands until the next), ``low``-``high``
    as a shaded band, and every forecast whose ``trigger`` is not ``"reforecast"`` as a
    marker labelled with ``articles[trigger]`` (for instance the article title) when given,
    else with the trigger itself.

    Raises
    ------
    InputError
        If a column is missing, the event has no forecasts, or it exists in several
        scenarios and ``scenario`` is not given.
    """
    _require(history, ("scenario", "event", "trigger", "prob", "low", "high"), "history")
    rows = history[history["event"] == event]
    if scenario is not None:
        rows = rows[rows["scenario"] == scenario]
    if rows.empty:
        raise InputError(f"history: no forecasts of event {event!r} (scenario {scenario!r})")
    if rows["scenario"].nunique() > 1:
        raise InputError(
            f"history: event {event!r} is in several scenarios "
            f"{sorted(rows['scenario'].unique())}; pass scenario="
        )
    created = pd.to_datetime(rows["created_at"], utc=True).dt.tz_localize(None)
    when = pd.to_datetime(rows["as_of"]).fillna(created) if "as_of" in rows else created
    rows = rows.assign(when=when, created=created).sort_values(["when", "created"])
    ax = _axes(ax)
    # Each forecast stands until the next; the last one is drawn standing for a short
    # while, so its interval shows as a band rather than a zero-width edge.
    last = rows["when"].iloc[-1]
    tail = max(pd.Timedelta(days=1), (last - rows["when"].iloc[0]) / LAST_STEP_SHARE)
    steps = pd.concat([rows, rows.iloc[[-1]].assign(when=last + tail)])
    ax.fill_between(
        steps["when"], steps["low"], steps["high"], step="post", alpha=0.25, label="90% interval"
    )
    ax.step(steps["when"], steps["prob"], where="post", marker=".", label="probability",
            markevery=list(range(len(rows))))  # fmt: skip
    triggered = rows[rows["trigger"] != REFORECAST]
    if not triggered.empty:
        ax.plot(triggered["when"], triggered["prob"], "v", ms=8, linestyle="", label="article")
        for when, prob, trigger in zip(
            triggered["when"], triggered["prob"], triggered["trigger"], strict=True
        ):
            text = (articles or {}).get(trigger, trigger)
            ax.annotate(
                _short(str(text)),
                (when, prob),
                xytext=(4, 6),
                textcoords="offset points",
                fontsize=8,
                rotation=20,
            )
    ax.set_ylim(0.0, 1.0)
    ax.tick_params(axis="x", labelrotation=30)
    ax.set_xlabel("date (as of)")
    ax.set_ylabel("probability")
    ax.set_title(f"{rows['scenario'].iloc[0]}: {event}")
    ax.legend(loc="best", fontsize=8)
    return ax


def plot_calibration(table: pd.DataFrame, ax: Any = None) -> Any:
    """Draw a reliability diagram from :func:`forecast.scoring.rules.calibration_table`.

    The diagonal is perfect calibration; each bin is a point at (mean forecast, observed
    frequency) with area proportional to its count and a bar for the 90% interval of the
    observed frequency.

    Raises
    ------
    InputError
        If a column is missing or the table is empty.
    """
    columns = ("n", "mean_prob", "observed", "observed_low", "observed_high")
    _require(table, columns, "calibration table")
    ax = _axes(ax, (5.0, 5.0))
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect calibration")
    below = table["observed"] - table["observed_low"]
    above = table["observed_high"] - table["observed"]
    ax.errorbar(
        table["mean_prob"],
        table["observed"],
        yerr=[below, above],
        fmt="none",
        ecolor="tab:blue",
        alpha=0.6,
        label="90% interval",
    )
    sizes = 20.0 + 380.0 * table["n"] / table["n"].max()
    ax.scatter(table["mean_prob"], table["observed"], s=sizes, zorder=3, label="bin (area ~ n)")
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(0.0, 1.0)
    ax.set_aspect("equal")
    ax.set_xlabel("forecast probability (bin mean)")
    ax.set_ylabel("observed frequency")
    ax.set_title("calibration")
    ax.legend(loc="upper left", fontsize=8, markerscale=0.5)
    return ax


def plot_forest(events_frame: pd.DataFrame, ax: Any = None) -> Any:
    """Draw each event's probability with its 90% interval, one row per event.

    Raises
    ------
    InputError
        If a column of ``event, prob, low, high`` is missing or the frame is empty.
    """
    _require(events_frame, ("event", "prob", "low", "high"), "events")
    rows = events_frame.iloc[::-1]  # first event on top
    ax = _axes(ax, (6.0, 0.6 * len(rows) + 1.2))
    y = np.arange(len(rows))
    xerr = [rows["prob"] - rows["low"], rows["high"] - rows["prob"]]
    ax.errorbar(rows["prob"], y, xerr=xerr, fmt="o", capsize=4, label="probability, 90% interval")
    ax.set_yticks(y, [str(name) for name in rows["event"]])
    ax.set_xlim(0.0, 1.0)
    ax.set_xlabel("probability")
    ax.set_title("events")
    ax.grid(axis="x", alpha=0.3)
    return ax


def _scenario_label(row: pd.Series, events: Sequence[str]) -> str:
    happening = [name for name in events if row[name]]
    return " + ".join(happening) if happening else "none"


def plot_scenarios(scenarios_frame: pd.DataFrame, ax: Any = None, top: int = 8) -> Any:
    """Draw the ``top`` most likely joint scenarios as horizontal bars.

    ``scenarios_frame`` is :func:`forecast.simulate.summary.joint_scenarios`' table: one bool column
    per event, ``prob`` and optionally ``mcse`` (drawn as error bars of two standard errors).
    Each bar is labelled with the events that happen in it ("none" when none does).

    Raises
    ------
    InputError
        If ``prob`` or every event column is missing, or ``top`` is not a positive integer.
    """
    _require(scenarios_frame, ("prob",), "scenarios")
    events = [c for c in scenarios_frame.columns if scenarios_frame[c].dtype == bool]
    if not events:
        raise InputError(
            f"scenarios: needs one bool column per event; got {list(scenarios_frame.columns)}"
        )
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise InputError(f"scenarios: top must be a positive integer; got {top!r}")
    rows = scenarios_frame.sort_values("prob", ascending=False, kind="stable").head(top)
    rows = rows.iloc[::-1]  # most likely on top
    ax = _axes(ax, (7.0, 0.5 * len(rows) + 1.2))
    y = np.arange(len(rows))
    xerr = 2.0 * rows["mcse"] if "mcse" in rows else None
    ax.barh(y, rows["prob"], xerr=xerr, capsize=3, color="tab:blue", alpha=0.8)
    ax.set_yticks(y, [_scenario_label(row, events) for _, row in rows.iterrows()])
    ax.set_xlabel("probability of the joint scenario")
    ax.set_title(f"most likely scenarios (events: {', '.join(events)})")
    return ax


def _survey_column(cue: str, survey: pd.DataFrame) -> str | None:
    by_name = {str(column).lower(): column for column in survey.columns}
    return by_name.get(cue.lower())


def plot_lexicon(
    lexicon_frame: pd.DataFrame,
    survey: pd.DataFrame | None = None,
    ax: Any = None,
    rng: Any = None,
) -> Any:
    """Draw each cue's median and 90% interval, beside the survey answers it was fitted to.

    ``lexicon_frame`` is :meth:`forecast.language.lexicon.Lexicon.to_frame` (columns ``cue,
    median, low, high, provenance``). When ``survey`` is given (one column per phrase,
    answers in percent, as the perceptions survey), each cue of provenance ``"survey"``
    whose name matches a column (ignoring case) gets its respondents' answers as jittered
    grey points; ``rng`` seeds the jitter.

    Raises
    ------
    InputError
        If a column is missing or the frame is empty.
    """
    _require(lexicon_frame, ("cue", "median", "low", "high", "provenance"), "lexicon")
    rng = np.random.default_rng(rng)
    rows = lexicon_frame.sort_values("median", kind="stable")
    ax = _axes(ax, (7.0, 0.3 * len(rows) + 1.5))
    y = np.arange(len(rows))
    if survey is not None:
        for position, (cue, provenance) in enumerate(
            zip(rows["cue"], rows["provenance"], strict=True)
        ):
            column = _survey_column(str(cue), survey) if provenance == "survey" else None
            if column is None:
                continue
            answers = pd.to_numeric(survey[column], errors="coerce").dropna() / 100.0
            jitter = rng.uniform(-0.25, 0.25, len(answers))
            ax.plot(answers, position + jitter, ".", color="grey", alpha=0.3, ms=3)
    for provenance, marker in (("survey", "o"), ("standard", "s"), ("elicited", "D")):
        mask = (rows["provenance"] == provenance).to_numpy()
        if not mask.any():
            continue
        part = rows[mask]
        xerr = [part["median"] - part["low"], part["high"] - part["median"]]
        ax.errorbar(part["median"], y[mask], xerr=xerr, fmt=marker, capsize=3, label=provenance)
    ax.set_yticks(y, [str(cue) for cue in rows["cue"]])
    ax.set_xlim(0.0, 1.0)
    ax.set_xlabel("probability conveyed (median, 90% interval)")
    ax.set_title("lexicon" + (" and survey answers" if survey is not None else ""))
    ax.legend(loc="lower right", fontsize=8)
    return ax


def save_figure(fig_or_ax: Any, path: str | Path, *, dpi: int = 150) -> Path:
    """Write the figure holding ``fig_or_ax`` to ``path`` in the format its suffix names.

    ``.png``, ``.pdf``, ``.svg``, ``.jpg`` and the other formats matplotlib writes; the
    suffix decides, so a ``.jpg`` file holds JPEG bytes, never PNG. Returns the path.

    Raises
    ------
    InputError
        If the suffix names no format matplotlib writes, or the path cannot be written
        (missing folder, no permission, ...).
    """
    figure = fig_or_ax if hasattr(fig_or_ax, "savefig") else fig_or_ax.figure
    target = Path(path)
    kind = target.suffix.lower().removeprefix(".")
    formats = figure.canvas.get_supported_filetypes()
    if kind not in formats:
        raise InputError(
            f"{target}: cannot tell the image format from the suffix {target.suffix!r}; "
            f"use one of {', '.join('.' + name for name in sorted(formats))}"
        )
    try:
        figure.savefig(target, format=kind, dpi=dpi, bbox_inches="tight")
    except OSError as error:
        raise InputError(
            f"{target}: cannot write {kind.upper()}: {error.strerror or error}"
        ) from error
    return target
