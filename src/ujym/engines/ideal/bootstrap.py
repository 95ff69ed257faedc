"""Parametric bootstrap of the ideal points: honest(er) standard errors at the price of refits.

The variational posterior SD of :func:`ujym.engines.ideal.vem.fit` is conditional on the item
parameters and on the mean-field factorisation, so it is too small (Imai, Lo & Olmsted 2016 make
the same point). The parametric bootstrap simulates ``n`` new vote sets from the fitted model
(same states, sessions and roll calls; latent utilities drawn from the fitted ordered probit at
the estimated ideal points), refits each one from the fitted values and reports, for every
state-session, the standard deviation of its ideal point across the refits. It measures how much
the estimate would vary if the UN voted again under the fitted model; it does not include model
misspecification.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from ujym.engines.ideal.data import ABSTAIN, NO, YES, IdealData
from ujym.engines.ideal.vem import IdealFit, IdealSettings, fit

F64 = npt.NDArray[np.float64]


def simulate_votes(d: IdealData, f: IdealFit, rng: np.random.Generator) -> IdealData:
    """A new vote set drawn from the fitted model, on the same observations as ``d``."""
    g = d.obs_item
    mu = f.alpha[g] + f.beta[g] * f.mean[d.obs_state, d.obs_period]
    z = mu + rng.standard_normal(len(g)) / np.sqrt(f.tau[g])
    ordinal = np.asarray(d.item_ordinal, dtype=bool)[g]
    y = np.where(z < 0.0, NO, np.where(ordinal & (z < 1.0), ABSTAIN, YES)).astype(np.int8)
    return replace(d, obs_y=y)


def bootstrap_sd(
    d: IdealData,
    f: IdealFit,
    settings: IdealSettings | None = None,
    *,
    n: int = 20,
    seed: int | np.random.Generator = 0,
    progress: Callable[[int, int], None] | None = None,
) -> F64:
    """Standard deviation over ``n`` parametric-bootstrap refits (n_states × n_periods)."""
    if n < 2:
        raise ValueError("the bootstrap needs at least 2 replicates")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    st = settings or IdealSettings()
    total = np.zeros_like(f.mean)
    total_sq = np.zeros_like(f.mean)
    for r in range(n):
        sim = simulate_votes(d, f, rng)
        refit = fit(sim, st, seed=rng, start=f)
        total += refit.mean
        total_sq += refit.mean**2
        if progress is not None:
            progress(r + 1, n)
    var = (total_sq - total**2 / n) / (n - 1)
    return np.sqrt(np.maximum(var, 0.0))


__all__ = ["bootstrap_sd", "simulate_votes"]
