"""Run independent replicates of one computation: in this process, on local processes, or on Dask.

A replicate is ``fn(*shared, *task)``: ``shared`` is the large input every replicate reads (sent
once to each worker), ``task`` the small per-replicate arguments (typically a seed). Results come
back in the order of ``tasks`` whatever runs them, so a seeded computation gives the same numbers
in one process, on local processes and on a cluster.

``scheduler`` is ``None`` (local) or what the bargaining forecasts take as ``--scheduler``: a
``dask.distributed.Client`` or a scheduler address (``tcp://host:8786``).

>>> from ujym.engines.replicates import run_replicates
>>> run_replicates(pow, [(2,), (3,)], shared=(10,), workers=1)
[100, 1000]
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ujym.core.errors import UjymError
from ujym.i18n import _

R = TypeVar("R")

_SHARED: tuple[Any, ...] = ()


def _init_worker(shared: tuple[Any, ...]) -> None:
    global _SHARED
    _SHARED = shared


def _call_with_shared(fn: Callable[..., R], task: tuple[Any, ...]) -> R:
    return fn(*_SHARED, *task)


def run_replicates(
    fn: Callable[..., R],
    tasks: Sequence[tuple[Any, ...]],
    *,
    shared: tuple[Any, ...] = (),
    scheduler: Any = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[R]:
    """``[fn(*shared, *task) for task in tasks]``, locally or on a Dask cluster.

    Locally the replicates run on ``workers`` processes (default: one per CPU core; 1 runs them
    in this process). ``fn`` must be a module-level function so that it can be sent to workers.
    ``progress(done, total)`` is called as replicates finish.
    """
    total = len(tasks)
    if scheduler is not None:
        return _on_dask(fn, tasks, shared, scheduler, progress)
    n_workers = max(1, min(total, workers or os.cpu_count() or 1))
    results: list[R] = []
    if n_workers == 1:
        for k, task in enumerate(tasks):
            results.append(fn(*shared, *task))
            if progress is not None:
                progress(k + 1, total)
        return results
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(n_workers, initializer=_init_worker, initargs=(shared,)) as pool:
        futures = [pool.submit(_call_with_shared, fn, task) for task in tasks]
        for k, fut in enumerate(futures):
            results.append(fut.result())
            if progress is not None:
                progress(k + 1, total)
    return results


def _on_dask(
    fn: Callable[..., R],
    tasks: Sequence[tuple[Any, ...]],
    shared: tuple[Any, ...],
    scheduler: Any,
    progress: Callable[[int, int], None] | None,
) -> list[R]:
    try:
        from dask.distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - dask is in the dev/dask extras
        raise UjymError(
            _("--scheduler needs dask.distributed, which is not installed"),
            _("pip install 'ujym[dask]'"),
        ) from exc
    own = not isinstance(scheduler, Client)
    try:
        client = Client(scheduler, timeout="10s") if own else scheduler  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise UjymError(
            _("cannot reach the Dask scheduler at {address}").format(address=scheduler),
            _("start one (`dask scheduler`) or check the address"),
        ) from exc
    try:
        sent = [client.scatter(item, broadcast=True) for item in shared]
        futures = [client.submit(fn, *sent, *task, pure=False) for task in tasks]
        index = {f.key: k for k, f in enumerate(futures)}
        results: list[Any] = [None] * len(futures)
        for done, fut in enumerate(as_completed(futures), start=1):  # type: ignore[no-untyped-call]
            results[index[fut.key]] = fut.result()
            if progress is not None:
                progress(done, len(futures))
        return results
    finally:
        if own:
            client.close()


__all__ = ["run_replicates"]
