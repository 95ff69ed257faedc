"""Pairwise votes, the median they select, the weighted mean, and probabilities of success.

All functions take arrays with a leading batch axis: positions ``x`` and weights of shape
``runs × actors``. Notation of Scholz, Calbert & Smith (2011), *SCS*:

* vote of actor k for x_i over x_j (SCS eq. 26 with eq. 14, i.e. eq. 28), with ``w_k = c_k s_k``,
  ``D_km = |x_k − x_m| / R`` and the voter's exponent ``ρ_k`` (1 as printed; ``r_k`` in the
  second pass of the code behind the paper, option ``vote_risk``)::

      v_k^{ij} ∝ w_k (D_kj^{ρ_k} − D_ki^{ρ_k})

* the median voter position μ: the x_j with the largest vote total Σ_k Σ_i v_i^{jk}
  (SCS appendix step 3; the Condorcet winner, which on one dimension is the capability × salience
  weighted median of the positions);
* the numerator of the probability that i prevails over j, the votes for i of those who prefer i::

      N_ij = Σ_{k: v_k^{ij} > 0} v_k^{ij}

  and the probability itself (SCS eqs. 30–31) with one of two denominators: the pair's own vote
  sum, ``N_ij + N_ji`` (as printed, so P^i + P^j = 1), or the sum of absolute votes over all
  voters and all pairs, ``Σ_{a,b} (N_ab + N_ba)`` (the code behind the paper).

:func:`vote_numerators` computes every N_ij from sorted positions and prefix sums in
``n² log n`` operations (``docs/bargaining.md``, *Algorithm*); the term-by-term ``n³`` tensor is
kept in :mod:`.reference`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

_DIRECT_COUNT = 32  # rows up to this length are counted by comparison, longer ones by search


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


def voter_disutilities(x: Array, xs: Array, ws: Array, width: Array, rho: Array | None) -> Array:
    """``f[..., m, u] = w_u D_um^{ρ_u}``: how much voter u (a column) dislikes position x_m."""
    dist = np.abs(x[..., :, None] - xs[..., None, :])
    dist /= width[..., None, None]
    if rho is not None:
        np.power(dist, rho[..., None, :], out=dist)
    dist *= ws[..., None, :]
    return dist


def count_below(xs: Array, mid: Array) -> NDArray[np.intp]:
    """``t[b, p] = #{u : xs[b, u] < mid[b, p]}`` for rows ``xs`` sorted ascending.

    A branchless binary search over every row at once: ``⌈log2(n + 1)⌉`` steps, each a gather
    and a comparison, so ``P log n`` operations for ``P`` queries a row. Up to
    :data:`_DIRECT_COUNT` actors the ``n`` one-byte comparisons of a query are cheaper than
    ``log n`` gathers and are used instead (same counts).
    """
    runs, n = xs.shape
    if n <= _DIRECT_COUNT:  # a few comparisons a query beat log n gathers at this size
        out: NDArray[np.intp] = np.count_nonzero(xs[:, None, :] < mid[:, :, None], axis=-1)
        return out
    width = 1 << int(np.ceil(np.log2(n + 1)))
    padded = np.full((runs, width), np.inf)
    padded[:, :n] = xs
    flat = padded.ravel()
    base = (np.arange(runs) * width - 1)[:, None]  # so that base + pos indexes xs[pos − 1]
    pos = np.zeros(mid.shape, dtype=np.intp)
    step = width >> 1
    while step:
        cand = pos + step
        below = flat[base + cand] < mid
        pos += step * below
        step >>= 1
    return pos


def vote_numerators(x: Array, w: Array, width: Array, rho: Array | None = None) -> Array:
    """``N[..., i, j]``: the votes for i over j of every voter who prefers x_i to x_j.

    ``N_ij = Σ_{k: D_ki < D_kj} w_k (D_kj^{ρ_k} − D_ki^{ρ_k})``, ``D_km = |x_k − x_m| / width``,
    with ``ρ = 1`` when ``rho`` is None. On a line the voters who prefer x_i to x_j are those on
    i's side of the midpoint (x_i + x_j)/2 — a prefix or a suffix of the voters sorted by
    position (for any ρ_k > 0, since t ↦ t^ρ is increasing). So with
    ``F[m, t] = Σ_{u < t} w_u D_{u m}^{ρ_u}`` over voters u in sorted order and
    ``t = #{u : x_u < (x_i + x_j)/2}``::

        N_ij = F[j, t] − F[i, t]                                     if x_i < x_j
        N_ij = (F[j, n] − F[j, t]) − (F[i, n] − F[i, t])            if x_i > x_j

    and ``N_ij = 0`` when x_i = x_j. A voter exactly at the midpoint casts a zero vote and may sit
    on either side. ``n² log n`` operations and ``n²`` memory a run instead of ``n³``.

    Examples
    --------
    >>> import numpy as np
    >>> n = vote_numerators(np.array([[0.0, 4.0, 10.0]]), np.array([[1.0, 1.0, 0.5]]),
    ...                     np.array([10.0]))
    >>> [round(float(v), 6) for v in (n[0, 0, 1], n[0, 1, 0])]  # A over B: 0.4; B over A: 0.6
    [0.4, 0.6]
    """
    shape = x.shape
    n = shape[-1]
    x2 = x.reshape(-1, n)
    w2 = np.broadcast_to(w, shape).reshape(-1, n)
    wid = np.broadcast_to(width, shape[:-1]).reshape(-1)
    runs = x2.shape[0]
    order = np.argsort(x2, axis=-1, kind="stable")
    xs = np.take_along_axis(x2, order, axis=-1)
    ws = np.take_along_axis(w2, order, axis=-1)
    rs = None
    if rho is not None:
        rs = np.take_along_axis(np.broadcast_to(rho, shape).reshape(-1, n), order, axis=-1)
    f = voter_disutilities(x2, xs, ws, wid, rs)  # (runs, m, u)
    prefix = np.empty((runs, n, n + 1))
    prefix[..., 0] = 0.0
    np.cumsum(f, axis=-1, out=prefix[..., 1:])
    total = prefix[..., n]  # (runs, m)
    iu, ju = np.triu_indices(n, 1)
    xi, xj = x2[:, iu], x2[:, ju]
    t = count_below(xs, 0.5 * (xi + xj))
    flat = prefix.reshape(-1)
    row = (np.arange(runs) * n)[:, None]
    at_i = flat[(row + iu) * (n + 1) + t]
    at_j = flat[(row + ju) * (n + 1) + t]
    below = at_j - at_i  # votes for i over j of the voters below the midpoint
    above = (total[:, iu] - at_i) - (total[:, ju] - at_j)  # for j over i, voters above it
    lower = xi < xj
    higher = xi > xj
    out = np.zeros((runs, n, n))
    out[:, iu, ju] = np.where(lower, below, np.where(higher, -above, 0.0))
    out[:, ju, iu] = np.where(lower, above, np.where(higher, -below, 0.0))
    return out.reshape(*shape, n)


def success_probabilities(numerators: Array, normalisation: str = "pair") -> Array:
    """``P[..., i, j] = P^i``, the probability that i prevails when i challenges j (SCS eq. 31).

    ``"pair"``: ``N_ij / (N_ij + N_ji)``, ½ where the pair's vote sum is 0 (x_i = x_j).
    ``"all_pairs"``: ``N_ij / Σ_{a,b} (N_ab + N_ba)``, 0 where every actor stands at one position.
    """
    num = numerators
    if normalisation == "pair":
        den = num + np.swapaxes(num, -1, -2)
        out: Array = np.divide(num, den, out=np.full_like(num, 0.5), where=den > 0)
        return out
    total = 2.0 * num.sum(axis=(-2, -1), keepdims=True)
    total = np.broadcast_to(total, num.shape)
    out = np.divide(num, total, out=np.zeros_like(num), where=total > 0)
    return out


def success_probability(x: Array, w: Array, d: Array | None = None) -> Array:
    """``P^i`` with linear votes and each pair's own vote sum (the equations as printed).

    ``d`` is accepted for compatibility and not used. See :func:`vote_numerators`.
    """
    return success_probabilities(vote_numerators(x, w, np.ones(x.shape[:-1])), "pair")
