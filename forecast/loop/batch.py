"""Batches of independent forecasts, run in this process or on a Dask cluster.

A batch is a list of tasks, each a pure function of its inputs and its own seed (see
:func:`task_seed`), so where and in which order the tasks run cannot change a result. An
engine maps a task function over the tasks and yields the results *in task order* to the
one caller that stores them: workers compute, they never write to the store.

- :class:`InProcess` runs the tasks one after another here (a single task, or no cluster).
- :class:`DaskEngine` submits them to ``dask.distributed``: an embedded ``LocalCluster`` of
  one single-threaded worker process per core, or an existing scheduler by address
  (``--scheduler`` or ``$FORECAST_SCHEDULER``). Worker processes live for the whole batch,
  so the compiled model of each shape (``forecast.model.inference``) stays warm across tasks and
  a task costs its sampling. A worker that dies mid-batch loses its tasks to the scheduler,
  which runs them again elsewhere (up to ``distributed.scheduler.allowed-failures`` times);
  each task's result still reaches the caller once.

:func:`open_engine` picks the engine.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from distributed.diagnostics.plugin import WorkerPlugin

from forecast.display.reprs import plural, say
from forecast.errors import ForecastError, InputError

__all__ = [
    "SCHEDULER_ENV",
    "BatchError",
    "DaskEngine",
    "Engine",
    "InProcess",
    "batch_seed",
    "open_engine",
    "task_seed",
]

SCHEDULER_ENV = "FORECAST_SCHEDULER"
"""Address of an existing Dask scheduler (``tcp://host:8786``) used by every batch."""

CONNECT_TIMEOUT = "30s"


class BatchError(ForecastError):
    """A batch could not finish for a reason outside its inputs (a worker kept dying)."""


class Engine(Protocol):
    """Runs ``fn(task, **shared)`` for every task; yields the results in task order.

    ``description`` says where (for people); ``in_process`` is true when the tasks run in
    the caller's process, where they may report progress to the terminal themselves.
    """

    description: str
    in_process: bool

    def map(
        self,
        fn: Callable[..., Any],
        tasks: Sequence[Any],
        *,
        shared: Mapping[str, Any] | None = None,
        label: str = "tasks",
    ) -> Iterator[Any]: ...


def task_seed(seed: int, *key: object) -> int:
    """The seed of one task: a function of the batch's seed and the task's key only.

    The key names the task (e.g. scenario name and as-of date), so the same task gets the
    same seed whichever worker runs it, in whatever order, and distinct tasks get
    independent streams (``numpy.random.SeedSequence``).

    Examples
    --------
    >>> task_seed(7, "us_japan_2018", "2018-06-01") == task_seed(7, "us_japan_2018", "2018-06-01")
    True
    >>> task_seed(7, "a", "2018-06-01") == task_seed(7, "a", "2018-06-02")
    False
    """
    digest = hashlib.sha256("\x1f".join(map(str, key)).encode()).digest()
    words = np.frombuffer(digest[:16], dtype=np.uint32)
    return int(np.random.SeedSequence([seed, *words.tolist()]).generate_state(1)[0])


def batch_seed(seed: int | None) -> int:
    """``seed``, or a fresh one when None, so that every task of a batch derives from one."""
    return int(np.random.SeedSequence().generate_state(1)[0]) if seed is None else seed


@dataclass
class InProcess:
    """Run the tasks one after another in this process (with a progress bar if asked)."""

    progressbar: bool = False
    description: str = field(default="in this process", init=False)
    in_process: bool = field(default=True, init=False)

    def map(self, fn, tasks, *, shared=None, label="tasks") -> Iterator[Any]:
        """``fn(task, **shared)`` for each task, in order."""
        with _bar(len(tasks), label, self.progressbar) as advance:
            for task in tasks:
                result = fn(task, **(shared or {}))
                advance()
                yield result


@dataclass
class DaskEngine:
    """Submit the tasks to a ``dask.distributed`` client; collect the results in order."""

    client: Any
    progressbar: bool = False
    description: str = "on Dask"
    in_process: bool = field(default=False, init=False)

    def map(self, fn, tasks, *, shared=None, label="tasks") -> Iterator[Any]:
        """Submit ``fn(task, **shared)`` for every task; yield the results in task order.

        ``shared`` values are sent to every worker once (``Client.scatter``), not once per
        task. Stopping early (an error, Ctrl-C) cancels the tasks still queued.
        """
        from distributed import as_completed

        inputs = {name: self.client.scatter([value], broadcast=True)[0]
                  for name, value in (shared or {}).items()}  # fmt: skip
        futures = self.client.map(fn, tasks, pure=False, **inputs)
        position = {future.key: i for i, future in enumerate(futures)}
        finished: dict[int, Any] = {}
        next_index = 0
        try:
            with _bar(len(futures), label, self.progressbar) as advance:
                for future in as_completed(futures):
                    advance()
                    finished[position[future.key]] = future
                    while next_index in finished:
                        yield _result(finished.pop(next_index))
                        next_index += 1
        finally:
            self.client.cancel(futures)


def _result(future: Any) -> Any:
    """A finished task's result, or the task's own error.

    Two failures of the cluster rather than of the task are a :class:`BatchError` (one
    line): workers kept dying on the task, or the scheduler or a worker could not load
    it (a different ``forecast``, or none, installed there).
    """
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker as error:
        raise BatchError(f"dask: workers died running task {future.key} ({error})") from None
    except RuntimeError as error:
        if "deserializ" not in str(error):
            raise
        raise BatchError(
            f"dask: the cluster cannot load task {future.key} ({str(error).splitlines()[0]}); "
            "install this version of forecast on the scheduler and every worker"
        ) from None


@contextlib.contextmanager
def open_engine(
    scheduler: str | None = None,
    *,
    n_tasks: int,
    n_workers: int | None = None,
    progressbar: bool = False,
    progress: Callable[[str], None] | None = None,
) -> Iterator[Engine]:
    """The engine for a batch of ``n_tasks``, closed (with its cluster) on exit.

    Parameters
    ----------
    scheduler : str, optional
        Address of an existing Dask scheduler; default ``$FORECAST_SCHEDULER``. With
        neither, a single task (or ``n_workers=0``) runs in this process and a larger
        batch on an embedded ``LocalCluster``.
    n_workers : int, optional
        Worker processes of the embedded cluster (one thread each); default one per core.
    progressbar : bool
        Draw a progress bar on stderr (for a terminal).
    progress : callable, optional
        Told where the batch runs, and the dashboard's address when there is one.
    """
    address = scheduler or os.environ.get(SCHEDULER_ENV) or None
    if n_workers is not None and n_workers < 0:
        raise InputError(f"workers: must be >= 0; got {n_workers}")
    if address is None and (n_tasks <= 1 or n_workers == 0):
        yield InProcess(progressbar)
        return
    with _client(address, n_workers) as client:
        engine = DaskEngine(client, progressbar, _describe(client, address))
        say(progress, f"running {plural(n_tasks, 'task')} {engine.description}")
        dashboard = _dashboard(client)
        if dashboard:
            say(progress, f"dashboard: {dashboard}")
        yield engine


@contextlib.contextmanager
def _client(address: str | None, n_workers: int | None) -> Iterator[Any]:
    """A client of the scheduler at ``address``, or of a new embedded ``LocalCluster``."""
    from distributed import Client, LocalCluster

    if address is not None:
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as error:
            raise InputError(f"scheduler {address}: cannot connect ({error})") from None
        with client:
            _set_up_workers(client, address)
            yield client
        return
    cluster = LocalCluster(
        n_workers=n_workers or os.cpu_count() or 1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=50,
    )
    with cluster, Client(cluster) as client:
        _set_up_workers(client, "the local cluster")
        yield client


def _set_up_workers(client: Any, where: str) -> None:
    """Register :class:`_WorkerSetup`; a worker without this ``forecast`` is a BatchError."""
    try:
        client.register_plugin(_WorkerSetup(), name="forecast-setup")
    except Exception as error:  # the remote failure arrives as a bare Exception
        raise BatchError(
            f"scheduler {where}: its workers cannot load forecast ({error}); install this "
            "version of forecast on the scheduler and every worker"
        ) from None


class _WorkerSetup(WorkerPlugin):
    """Prepare each worker process once, as the command line prepares itself.

    ArviZ's numba helpers cost a JIT per process for nothing on small posteriors, and
    library warnings would flood the workers' logs. A worker started later (one that
    replaces a dead one) is set up too.
    """

    idempotent = True

    def setup(self, worker: Any) -> None:
        """Quiet the libraries and turn ArviZ's numba off in this worker process."""
        import logging
        import warnings

        import arviz as az

        warnings.filterwarnings("ignore")
        for name in ("pymc", "pytensor", "arviz", "numba"):
            logging.getLogger(name).setLevel(logging.ERROR)
        az.Numba.disable_numba()


def _describe(client: Any, address: str | None) -> str:
    n = len(client.scheduler_info(n_workers=-1).get("workers", {}))
    where = f"the Dask scheduler at {address}" if address else "a local Dask cluster"
    return f"on {where} ({plural(n, 'worker')})"


def _dashboard(client: Any) -> str | None:
    """The dashboard's link, when the scheduler serves one (its pages need bokeh there)."""
    services = client.scheduler_info(n_workers=0).get("services", {})
    return client.dashboard_link if "dashboard" in services else None


@contextlib.contextmanager
def _bar(total: int, label: str, shown: bool) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr when ``shown``; yields the function that advances it."""
    if not shown:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)
