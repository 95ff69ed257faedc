"""Parametric bootstrap of the ideal points: the spread of refits to votes simulated from the fit.

The bootstrap simulates ``n`` new vote sets from the fitted model (same states, sessions and roll
calls; latent utilities drawn from the fitted ordered probit at the estimated ideal points),
refits each one from the fitted values and reports, for every state-session, the standard
deviation of its ideal point across the refits: how much the estimate would vary if the UN voted
again under the fitted model. It does not include model misspecification, and it misses what
the priors alone decide (each refit puts a session where the first fit put it), so on its own it
is too narrow; ``ujym.pipeline.ideal`` adds it to the conditional variance of
:mod:`ujym.engines.ideal.uncertainty` (docs/ideal_points.md, "Uncertainty").

Replicates are seeded one by one (``numpy.random.SeedSequence(seed).spawn(n)``), so they give the
same numbers in this process, on local processes or on a Dask cluster
(:func:`ujym.engines.replicates.run_replicates`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt

from ujym.engines.ideal.data import ABSTAIN, NO, YES, IdealData
from ujym.engines.ideal.vem import IdealFit, IdealSettings, fit
from ujym.engines.replicates import run_replicates

F64 = npt.NDArray[np.float64]


def simulate_votes(d: IdealData, f: IdealFit, rng: np.random.Generator) -> IdealData:
    """A new vote set drawn from the fitted model, on the same observations as ``d``."""
    g = d.obs_item
    mu = f.alpha[g] + f.beta[g] * f.mean[d.obs_state, d.obs_period]
    z = mu + rng.standard_normal(len(g)) / np.sqrt(f.tau[g])
    ordinal = np.asarray(d.item_ordinal, dtype=bool)[g]
    y = np.where(z < 0.0, NO, np.where(ordinal & (z < 1.0), ABSTAIN, YES)).astype(np.int8)
    return replace(d, obs_y=y)


def refit_simulated(
    d: IdealData, f: IdealFit, st: IdealSettings, seed: np.random.SeedSequence
) -> F64:
    """One replicate: simulate votes from ``f`` and refit from it; the refitted positions."""
    rng = np.random.default_rng(seed)
    refit = fit(simulate_votes(d, f, rng), st, seed=rng, start=f)
    return refit.mean


def bootstrap_sd(
    d: IdealData,
    f: IdealFit,
    settings: IdealSettings | None = None,
    *,
    n: int = 20,
    seed: int | np.random.Generator = 0,
    progress: Callable[[int, int], None] | None = None,
    scheduler: Any = None,
    workers: int | None = None,
) -> F64:
    """Standard deviation over ``n`` parametric-bootstrap refits (n_states × n_periods).

    ``scheduler`` and ``workers`` are those of :func:`ujym.engines.replicates.run_replicates`.
    """
    if n < 2:
        raise ValueError("the bootstrap needs at least 2 replicates")
    if isinstance(seed, np.random.Generator):
        seed = int(seed.integers(2**63))
    st = settings or IdealSettings()
    seeds = np.random.SeedSequence(seed).spawn(n)
    means = run_replicates(
        refit_simulated,
        [(s,) for s in seeds],
        shared=(d, f, st),
        scheduler=scheduler,
        workers=workers,
        progress=progress,
    )
    sd: F64 = np.std(np.stack(means), axis=0, ddof=1)
    return sd


__all__ = ["bootstrap_sd", "refit_simulated", "simulate_votes"]
