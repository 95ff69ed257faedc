"""Monte Carlo: draw inputs from stated uncertainty, run every draw vectorised, summarise.

Draws are made once, up front, from one seeded :class:`numpy.random.Generator` — so a sweep split
into chunks (locally or on a Dask cluster) gives exactly the same numbers as one batch.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.stats import rankdata

from ujym.core.errors import UjymError
from ujym.core.scenarios import FIELDS, Kind, Uncertainty
from ujym.engines.bargaining.model import Trajectory, concat_trajectories, run_model
from ujym.engines.bargaining.options import ModelOptions

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Draws:
    """Inputs of every run: ``runs × actors`` arrays."""

    position: Array
    capability: Array
    salience: Array

    def __getitem__(self, item: slice) -> Draws:
        return Draws(self.position[item], self.capability[item], self.salience[item])

    @property
    def runs(self) -> int:
        """The number of Monte Carlo runs drawn."""
        return int(self.position.shape[0])


def _draw_one(
    rng: np.random.Generator, value: float, u: Uncertainty, runs: int, lo: float, hi: float
) -> Array:
    if u.kind == "fixed":
        out = np.full(runs, value, dtype=np.float64)
    elif u.kind == "uniform":
        out = rng.uniform(
            float(u.low if u.low is not None else value),
            float(u.high if u.high is not None else value),
            runs,
        )
    elif u.kind == "normal":
        out = rng.normal(value, u.sd or 0.0, runs)
    elif u.kind == "triangular":
        low, high = (
            float(u.low if u.low is not None else value),
            float(u.high if u.high is not None else value),
        )
        out = np.full(runs, value) if high <= low else rng.triangular(low, value, high, runs)
    else:  # pragma: no cover - validated by the scenario reader
        raise ValueError(u.kind)
    return np.clip(out, lo, hi)


def draw_inputs(
    position: Sequence[float] | Array,
    capability: Sequence[float] | Array,
    salience: Sequence[float] | Array,
    uncertainty: Sequence[dict[str, Uncertainty]],
    runs: int,
    seed: int | np.random.Generator,
    scale: tuple[float, float],
) -> Draws:
    """Draw ``runs`` versions of every actor's inputs (run 0 is always the stated values).

    ``uncertainty[a]`` maps ``position``/``capability``/``salience`` to an :class:`Uncertainty`;
    missing fields are fixed. Draws are in actor order, then field order, from one generator.
    """
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    n = len(position)
    base = {"position": position, "capability": capability, "salience": salience}
    bounds = {"position": scale, "capability": (0.0, np.inf), "salience": (0.0, 1.0)}
    out = {f: np.empty((runs, n)) for f in FIELDS}
    for a in range(n):
        for f in FIELDS:
            u = uncertainty[a].get(f, Uncertainty()) if a < len(uncertainty) else Uncertainty()
            out[f][:, a] = _draw_one(rng, float(base[f][a]), u, runs, *bounds[f])
    for f in FIELDS:
        out[f][0] = np.asarray(base[f], dtype=np.float64)
    return Draws(out["position"], out["capability"], out["salience"])


def _chunks(runs: int, size: int) -> list[slice]:
    return [slice(a, min(a + size, runs)) for a in range(0, runs, size)]


def _run_draws(
    draws: Draws, options: ModelOptions, scale_width: float, workers: int | None = None
) -> Trajectory:
    return run_model(
        draws.position,
        draws.capability,
        draws.salience,
        options,
        scale_width,
        history=False,
        workers=workers,
    )


def sweep(
    draws: Draws,
    options: ModelOptions,
    scale_width: float,
    chunk_runs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    scheduler: Any = None,
    workers: int | None = None,
) -> Trajectory:
    """Run every draw; locally by default, on a Dask cluster when ``scheduler`` is given.

    ``scheduler`` is a ``dask.distributed.Client`` or a scheduler address (``tcp://host:8786``).
    Runs are split into chunks of ``chunk_runs`` (1000 runs a task on Dask). With the compiled
    kernel (the default) each chunk is one call whose runs spread over ``workers`` threads
    (default: every core), and chunks only pace ``progress``; with the numpy kernels each chunk is
    one vectorised call (default: one chunk per thread) and chunks run on ``workers`` threads
    (numpy releases the GIL). Neither changes any number. ``progress(done, total)`` is called after each chunk.
    """
    if scheduler is not None:
        slices = _chunks(draws.runs, chunk_runs or 1000)
        return _sweep_dask(draws, options, scale_width, slices, progress, scheduler)
    cores = workers or os.cpu_count() or 1
    parts: list[Trajectory] = []
    if options.kernel == "compiled":  # parallel inside each call: chunks only for progress
        for sl in _chunks(draws.runs, chunk_runs or draws.runs):
            parts.append(_run_draws(draws[sl], options, scale_width, workers))
            if progress:
                progress(sl.stop, draws.runs)
        return concat_trajectories(parts)
    slices = _chunks(draws.runs, chunk_runs or -(-draws.runs // cores))
    threads = max(1, min(len(slices), cores))
    if threads == 1:
        for sl in slices:
            parts.append(_run_draws(draws[sl], options, scale_width))
            if progress:
                progress(sl.stop, draws.runs)
        return concat_trajectories(parts)
    with ThreadPoolExecutor(threads) as pool:
        futures = [pool.submit(_run_draws, draws[sl], options, scale_width) for sl in slices]
        for sl, fut in zip(slices, futures, strict=True):
            parts.append(fut.result())
            if progress:
                progress(sl.stop, draws.runs)
    return concat_trajectories(parts)


def _sweep_dask(
    draws: Draws,
    options: ModelOptions,
    scale_width: float,
    slices: list[slice],
    progress: Callable[[int, int], None] | None,
    scheduler: Any,
) -> Trajectory:
    try:
        from dask.distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - dask is in the dev/dask extras
        raise UjymError(
            "--scheduler needs dask.distributed, which is not installed",
            "pip install 'ujym[dask]'",
        ) from exc
    own = not isinstance(scheduler, Client)
    try:
        client = Client(scheduler, timeout="10s") if own else scheduler  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise UjymError(
            f"cannot reach the Dask scheduler at {scheduler}",
            "start one (`dask scheduler`) or check the address",
        ) from exc
    try:
        futures = [
            client.submit(_run_draws, draws[sl], options, scale_width, pure=False) for sl in slices
        ]
        index = {f.key: k for k, f in enumerate(futures)}
        results: list[Trajectory | None] = [None] * len(futures)
        done = 0
        for fut in as_completed(futures):  # type: ignore[no-untyped-call]
            k = index[fut.key]
            results[k] = fut.result()
            done += slices[k].stop - slices[k].start
            if progress:
                progress(done, draws.runs)
        return concat_trajectories([r for r in results if r is not None])
    finally:
        if own:
            client.close()


def rank(a: Array) -> Array:
    """Ranks (0..n−1, ties averaged) down the first axis of every column."""
    out: Array = rankdata(a, axis=0)
    return out


def sensitivity(draws: Draws, outcome: Array) -> list[tuple[int, str, float, float]]:
    """Which actor's inputs move the outcome most.

    For every actor and input that varies, the Spearman rank correlation between the drawn value
    and the outcome, and the outcome's shift from the input's lowest to highest decile (in scale
    units). Returns ``(actor index, field, correlation, shift)``; inputs that do not vary are left
    out (their effect cannot be estimated from this sweep).
    """
    rows: list[tuple[int, str, float, float]] = []
    y = np.asarray(outcome, dtype=np.float64)
    ry = None if y.size < 3 or np.ptp(y) == 0 else rank(y)
    for f in FIELDS:
        values = getattr(draws, f)
        for a in range(values.shape[1]):
            v = values[:, a]
            if np.ptp(v) == 0:
                continue
            if ry is None:
                rows.append((a, f, 0.0, 0.0))
                continue
            rv = rank(v)
            corr = float(np.corrcoef(rv, ry)[0, 1])
            lo, hi = np.quantile(v, [0.1, 0.9])
            shift = float(y[v >= hi].mean() - y[v <= lo].mean()) if hi > lo else 0.0
            rows.append((a, f, corr, shift))
    rows.sort(key=lambda r: -abs(r[2]))
    return rows


__all__ = [
    "FIELDS",
    "Draws",
    "Kind",
    "Uncertainty",  # defined in ujym.core.scenarios; kept here for existing imports
    "draw_inputs",
    "rank",
    "sensitivity",
    "sweep",
]
