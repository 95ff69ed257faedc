"""Pairwise votes, the median they select, the weighted mean, and probabilities of success.

All functions take arrays with a leading batch axis: positions ``x`` and weights of shape
``runs × actors``. Notation of Scholz, Calbert & Smith (2011), *SCS*:

* vote of actor i for position x_j over x_k (SCS eq. 26 with eq. 14, i.e. eq. 28)::

      v_i^{jk} = c_i s_i (u^i x_j − u^i x_k) = 2 c_i s_i (|x_i − x_k| − |x_i − x_j|) / (x_max − x_min)

* the median voter position μ: the x_j with the largest vote total Σ_k Σ_i v_i^{jk}
  (SCS appendix step 3; the Condorcet winner, which on one dimension is the capability × salience
  weighted median of the positions);
* the probability that i prevails over j (SCS eqs. 30–31)::

      P^i = Σ_{k: u^k x_i > u^k x_j} v_k^{ij} / Σ_k |v_k^{ij}|
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def distances(x: Array) -> Array:
    """``d[..., k, m] = |x_k − x_m|`` for every pair of actors."""
    return np.abs(x[..., :, None] - x[..., None, :])


def span(x: Array) -> Array:
    """``x_max − x_min`` of each run (``runs``); 1 where all positions coincide (no division by 0)."""
    width = x.max(axis=-1) - x.min(axis=-1)
    return np.where(width > 0, width, 1.0)


def vote_tensor(x: Array, c: Array, s: Array, width: Array) -> Array:
    """``v[..., i, j, k] = v_i^{jk}``: the votes actor i casts for x_j over x_k (SCS eq. 28).

    Memory grows with actors³; meant for inspection and tests, not for the round loop.
    """
    d = distances(x)  # d[i, m] = |x_i − x_m|
    w = (c * s)[..., :, None, None]
    out: Array = 2.0 * w * (d[..., :, None, :] - d[..., :, :, None]) / width[..., None, None, None]
    return out


def vote_totals(x: Array, w: Array, width: Array, d: Array | None = None) -> Array:
    """``Σ_k Σ_i v_i^{jk}`` for every candidate position x_j (``runs × actors``).

    Uses Σ_k Σ_i w_i(|x_i − x_k| − |x_i − x_j|) = Σ_i w_i Σ_k |x_i − x_k| − n Σ_i w_i |x_i − x_j|,
    which is exact and needs actors² operations instead of actors³.
    """
    d = distances(x) if d is None else d
    n = x.shape[-1]
    per_actor = (w * d.sum(axis=-1)).sum(axis=-1)[..., None]
    against = np.einsum("...i,...ij->...j", w, d)
    out: Array = 2.0 * (per_actor - n * against) / width[..., None]
    return out


def pairwise_median(
    x: Array, w: Array, width: Array, ties: str = "lowest", d: Array | None = None
) -> Array:
    """The median voter position μ of each run: the position with the largest vote total.

    Positions whose totals tie (to 1e-12 relative) are resolved by ``ties`` (lowest/highest).
    """
    totals = vote_totals(x, w, width, d)
    best = totals.max(axis=-1, keepdims=True)
    slack = 1e-12 * np.maximum(np.abs(totals).max(axis=-1, keepdims=True), 1.0)
    winners = totals >= best - slack
    if ties == "highest":
        out: Array = np.where(winners, x, -np.inf).max(axis=-1)
    else:
        out = np.where(winners, x, np.inf).min(axis=-1)
    return out


def weighted_mean(x: Array, w: Array) -> Array:
    """The capability × salience weighted mean position Σ c_i s_i x_i / Σ c_i s_i."""
    out: Array = (w * x).sum(axis=-1) / w.sum(axis=-1)
    return out


def success_probability(x: Array, w: Array, d: Array | None = None) -> Array:
    """``P[..., i, j] = P^i``: the probability that i prevails when i challenges j (SCS eq. 31).

    With ``g_k = |x_k − x_j| − |x_k − x_i|`` (positive when k is closer to i)::

        P^i = Σ_{k: g_k > 0} w_k g_k / Σ_k w_k |g_k|,      w_k = c_k s_k

    The common factor 2/(x_max − x_min) of the votes cancels. Where i and j stand at the same
    position the ratio is 0/0 and P^i = 0.5 (neither side is favoured).
    """
    d = distances(x) if d is None else d  # (..., k, m)
    n = x.shape[-1]
    # |g_k| is symmetric in (i, j): evaluate the n(n−1)/2 pairs i < j only. On a line,
    # |g_k| = | |x_k − x_j| − |x_k − x_i| | = min(|x_i − x_j|, |2 x_k − x_i − x_j|): outside the
    # pair's interval the distance between i and j, inside it twice k's distance to the midpoint.
    # This avoids gathering d for every pair (same values up to rounding, ~2× faster).
    iu, ju = np.triu_indices(n, 1)
    xi, xj = x[..., iu], x[..., ju]
    g = 2.0 * x[..., :, None] - (xi + xj)[..., None, :]  # g[..., k, pair]
    np.abs(g, out=g)
    np.minimum(g, np.abs(xi - xj)[..., None, :], out=g)
    upper = np.matmul(w[..., None, :], g)[..., 0, :]  # Σ_k w_k |g_k|
    den = np.zeros((*x.shape[:-1], n, n))
    den[..., iu, ju] = upper
    den[..., ju, iu] = upper
    # Σ_k w_k g_k = (w·d)_j − (w·d)_i, and Σ max(g, 0) = (Σ g + Σ |g|) / 2
    wd = np.einsum("...k,...km->...m", w, d)
    lin = wd[..., None, :] - wd[..., :, None]
    num = 0.5 * (lin + den)
    out: Array = np.divide(num, den, out=np.full_like(den, 0.5), where=den > 0)
    return out
