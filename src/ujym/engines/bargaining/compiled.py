"""Compiled runs: each run's whole trajectory in one compiled loop, the runs in parallel.

The numpy path (:mod:`.votes`, :mod:`.utility`, :mod:`.offers`, :func:`.model.play_round`)
spends most of a round in about a hundred array passes over the ``n²`` pairs; at 20 actors that
per-pass overhead, not arithmetic, is the cost. Here one round is a few passes over the pairs,
written as loops and compiled with numba (``cache=True``: compiled once per machine, then loaded
from ``__pycache__``), and every run plays all its rounds — to its fixed point, cycle or round
limit — inside one call that releases the GIL, so that threads spread the runs over the cores
(each run's numbers do not depend on which thread plays it). The equations, options and tie
rules are those of the numpy path (``docs/bargaining.md``).

By algorithm rather than by vectorisation alone:

* the pairwise-vote median and the linear vote numerators come from prefix sums over the actors
  in sorted order (``O(n)`` and ``O(1)`` a pair; the sorted order is kept from round to round by
  an insertion sort, nearly ``n`` steps); votes with risk exponents keep one prefix row per
  actor (``n²``);
* what depends on positions only — the vote numerators, P, the logs, U_s and U_f against a
  position — is computed once per distinct position (actors that accept a full move share their
  proposer's place, so there are often far fewer positions than actors), bit for bit as if for
  every pair; the expected utilities of both sides of an offer are one matrix and its transpose;
* offers are stored receiver-major, so that each receiver's choice reads contiguous memory, and
  in the sequential reading only receivers that lost a candidate choose again;
* each stage is its own compiled function over contiguous rows (one large function defeated the
  compiler's vectoriser), with fused multiply-adds allowed (:data:`FASTMATH`), all work arrays
  allocated once per batch of runs and no reference counting in the stages (:data:`_OPTIONS`);
  data-dependent choices are selects or table lookups, not branches.

Results agree with the ``n³`` reference path to 1e-12 of the scale (tests with Hypothesis for
every preset; ``benchmarks/bargaining.py``). The order of floating-point sums differs from
numpy's, so where a reading amplifies rounding over many rounds (``scholz2011``) a long run may
separate from the reference path after a knife-edge choice; each of its rounds still agrees.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar, cast

import numba
import numpy as np
from llvmlite import ir
from numba import types
from numba.extending import intrinsic
from numpy.typing import NDArray

from ujym.core.errors import UjymError
from ujym.engines.bargaining.options import ModelOptions

Array = NDArray[np.float64]
F = TypeVar("F", bound=Callable[..., Any])

TIE = 1e-12  # as :data:`ujym.engines.bargaining.offers.TIE`
LIMIT = 1e300  # the largest magnitude of an input: sums of two positions stay finite
# codes of the options, as the compiled loop reads them
_RANGE = {"positions": 0, "initial": 1, "scale": 2}
_KEYS = {  # keys to minimise among one receiver's offers: move, weaker, kind, −a of compromise,
    # weighted position of compromise (see offers._keys); −1 ends the list
    ("strongest", "least_move"): (1, 0, -1),
    ("strongest", "strongest"): (1, 0, -1),
    ("strongest", "lowest_weighted"): (1, 0, -1),
    ("least_move", "least_move"): (0, 1, -1),
    ("least_move", "strongest"): (0, 1, -1),
    ("least_move", "lowest_weighted"): (0, 1, -1),
    ("by_type", "least_move"): (2, 0, -1),
    ("by_type", "strongest"): (2, 3, 0),
    ("by_type", "lowest_weighted"): (2, 4, 0),
}


FASTMATH = {"contract"}
"""Only fused multiply-adds (one rounding instead of two); no reassociation, no assumption
that values are finite, so results stay those of the equations to within rounding."""


_OPTIONS: dict[str, Any] = {
    "cache": True,
    "nogil": True,
    "error_model": "numpy",
    "fastmath": FASTMATH,
    "_nrt": False,
}
"""The stages allocate nothing (their work arrays come from :func:`_run_all`), so they are
compiled without numba's reference counting (``_nrt=False``, a numba option pinned with numba's
version in pyproject.toml): with it, calls and views of arrays counted references with atomic
instructions (the choice among offers went from 2.7 to 2.2 µs a round at 20 actors without them,
measured; the other stages changed less than this VM's noise)."""


def _jit(fn: F) -> F:
    return cast(F, numba.njit(**_OPTIONS)(fn))


def _jit_allocating(fn: F) -> F:
    """For the one function that allocates (the work arrays): with reference counting."""
    return cast(F, numba.njit(**{**_OPTIONS, "_nrt": True})(fn))


def _inline(fn: F) -> F:
    """Inlined where it is called, so that the loops that call it vectorise."""
    return cast(F, numba.njit(inline="always", **_OPTIONS)(fn))


def _f2i_impl(typingctx: Any, v: Any) -> Any:
    """The bits of a float64 as an int64."""
    sig = types.int64(types.float64)

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
        return builder.bitcast(args[0], ir.IntType(64))

    return sig, codegen


def _i2f_impl(typingctx: Any, v: Any) -> Any:
    """An int64's bits as a float64."""
    sig = types.float64(types.int64)

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
        return builder.bitcast(args[0], ir.DoubleType())

    return sig, codegen


_f2i: Any = intrinsic(_f2i_impl)
_i2f: Any = intrinsic(_i2f_impl)

LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
LOG2E = 1.4426950408889634
MAGIC = 6755399441055744.0  # 1.5 · 2^52


@_inline
def _exp(x: float) -> float:
    """e^x to 1 ulp for x ≥ −708 (below: e^−708 ≈ 3e−308, which no sum here tells from 0),
    as plain arithmetic the compiler can vectorise (libm's exp is a call).
    """
    x = max(x, -708.0)
    k = np.floor(x * LOG2E + 0.5)
    r = (x - k * LN2_HI) - k * LN2_LO
    p = 1.0 / 479001600.0
    p = p * r + 1.0 / 39916800.0
    p = p * r + 1.0 / 3628800.0
    p = p * r + 1.0 / 362880.0
    p = p * r + 1.0 / 40320.0
    p = p * r + 1.0 / 5040.0
    p = p * r + 1.0 / 720.0
    p = p * r + 1.0 / 120.0
    p = p * r + 1.0 / 24.0
    p = p * r + 1.0 / 6.0
    p = p * r + 0.5
    p = p * r + 1.0
    p = p * r + 1.0
    # 2^k from k's bits after adding 1.5·2^52 (exact for |k| < 2^51): AVX2 has no vector
    # conversion of a float to a 64-bit integer, so np.int64(k) would keep the loop scalar
    out: float = p * _i2f((_f2i(k + MAGIC) - _f2i(MAGIC) + 1023) << 52)
    return out


SQRT2 = 1.4142135623730951


@_inline
def _log(y: float) -> float:
    """Log y to 1 ulp for normal y > 0; −inf for y = 0 (vectorisable, as :func:`_exp`)."""
    bits = _f2i(y)
    e = ((bits >> 52) & 0x7FF) - 1023
    m = _i2f((bits & 0xFFFFFFFFFFFFF) | (1023 << 52))
    big = m > SQRT2
    m = m * 0.5 if big else m
    e = e + 1 if big else e
    f = m - 1.0
    s = f / (2.0 + f)
    z = s * s
    p = 1.0 / 21.0
    p = p * z + 1.0 / 19.0
    p = p * z + 1.0 / 17.0
    p = p * z + 1.0 / 15.0
    p = p * z + 1.0 / 13.0
    p = p * z + 1.0 / 11.0
    p = p * z + 1.0 / 9.0
    p = p * z + 1.0 / 7.0
    p = p * z + 1.0 / 5.0
    p = p * z + 1.0 / 3.0
    ef = _i2f(e + _f2i(MAGIC)) - MAGIC  # float(e), exactly, without a scalar conversion
    out = ef * LN2_HI + (2.0 * s + (2.0 * s * z * p + ef * LN2_LO))
    return out if y > 0 else -np.inf


# ---- one round -----------------------------------------------------------------------------------
@_jit
def _span(x: Array) -> float:
    lo, hi = x[0], x[0]
    for v in x:
        lo, hi = min(lo, v), max(hi, v)
    w = hi - lo
    return w if w > 0 else 1.0


@_jit
def _median_mean(
    x: Array, w: Array, width: float, highest: bool, order: NDArray[np.int64], work: Array
) -> tuple[float, float]:
    """The pairwise-vote median (largest vote total, ties within 1e-12) and the weighted mean.

    ``order`` is the actors sorted by position; the sums of distances to every other actor come
    from prefix sums in that order (``O(n)``; ``work`` a ``3 × n`` work array). Actor j's total
    is ``2(Σ_i w_i Σ_k |x_i − x_k| − n Σ_i w_i |x_i − x_j|) / R``.
    """
    n = x.size
    xs, ws, against = work[0], work[1], work[2]
    cx, cw, cwx = 0.0, 0.0, 0.0
    for t in range(n):
        u = order[t]
        xs[t], ws[t] = x[u], w[u]
        cx += xs[t]
        cw += ws[t]
        cwx += ws[t] * xs[t]
    per = 0.0
    bx, bw, bwx = 0.0, 0.0, 0.0  # sums over the actors at earlier sorted places
    for t in range(n):
        xt, wt = xs[t], ws[t]
        row = (xt * t - bx) + ((cx - bx - xt) - xt * (n - 1 - t))  # Σ_k |x_t − x_k|
        per += wt * row
        # Σ_i w_i |x_i − x_t| (the actor itself adds 0)
        against[t] = (xt * bw - bwx) + ((cwx - bwx - wt * xt) - xt * (cw - bw - wt))
        bx += xt
        bw += wt
        bwx += wt * xt
    best, big = -np.inf, 0.0
    for t in range(n):
        total = 2.0 * (per - n * against[t]) / width
        against[t] = total
        best = max(best, total)
        big = max(big, abs(total))
    slack = 1e-12 * max(big, 1.0)
    mu = -np.inf if highest else np.inf
    for t in range(n):
        if against[t] >= best - slack:
            mu = max(mu, xs[t]) if highest else min(mu, xs[t])
    top, bottom = 0.0, 0.0
    for i in range(n):
        top += w[i] * x[i]
        bottom += w[i]
    return mu, top / bottom


@_jit
def _resort(x: Array, order: NDArray[np.int64]) -> None:
    """Sort ``order`` by (position, index), i.e. as a stable sort of ``x``, by insertion from
    its previous state: positions barely move between rounds, so this is nearly ``n`` steps.
    """
    n = x.size
    for a in range(1, n):
        u = order[a]
        xu = x[u]
        b = a - 1
        while b >= 0 and (x[order[b]] > xu or (x[order[b]] == xu and order[b] > u)):
            order[b + 1] = order[b]
            b -= 1
        order[b + 1] = u


@_jit
def _groups(
    x: Array, order: NDArray[np.int64], grp: NDArray[np.int64], lead: NDArray[np.int64], gx: Array
) -> int:
    """The distinct positions, ascending: ``gx[g]``, the sorted place of the first actor there
    (``lead[g]``), each actor's ``grp[i]``; returns their number m. Actors that accept a full move
    land exactly on their proposer's position, so after a few rounds m is often far below n
    (``docs/bargaining.md``, *Algorithm*).
    """
    m = 0
    for a in range(x.size):
        u = order[a]
        if a == 0 or x[u] != gx[m - 1]:
            lead[m] = a
            gx[m] = x[u]
            m += 1
        grp[u] = m - 1
    return m


@_jit
def _linear_numerators(
    xs: Array,
    ws: Array,
    width: float,
    out: Array,
    cw: Array,
    cx: Array,
    lead: NDArray[np.int64],
    m: int,
) -> None:
    """``out[g, h] = N_pq`` (p at the distinct position g, q at h; :func:`_groups`) of linear
    votes in ``O(m²)`` from two prefix sums over the voters in sorted order (``xs``, ``ws``;
    ``cw``, ``cx`` work vectors of ``n + 1``). Actors at one position have the same numerators.

    For a pair at x_p < x_q with midpoint m, a voter below x_p gains x_q − x_p from p over q and
    one between x_p and m gains 2(m − x_k) (SCS eq. 30 with r = 1); with W and X the prefix sums
    of w and w·x, the voters below m give ``N_pq = W(x_p)(x_q − x_p) + 2(m·ΔW − ΔX)`` and those
    above it ``N_qp`` symmetrically. Voters at the midpoint give nothing to either.
    """
    n = xs.size
    cw[0], cx[0] = 0.0, 0.0
    for t in range(n):
        cw[t + 1] = cw[t] + ws[t]
        cx[t + 1] = cx[t] + ws[t] * xs[t]
    total = cw[n]
    inv = 1.0 / width
    for g in range(m):
        first = lead[g]  # the first sorted place of p's position (voters strictly below it)
        xp = xs[first]
        out[g, g] = 0.0  # actors at one place give each other nothing
        t = first  # voters strictly below the midpoint
        wp, xwp = cw[first], cx[first]
        for h in range(g + 1, m):
            upper = lead[h]  # the first sorted place of q's position
            xq = xs[upper]
            # voters strictly below the midpoint (none from q's place on: x_q > the midpoint)
            mid = 0.5 * (xp + xq)
            while xs[t] < mid:  # stops at q at the latest: |x| ≤ LIMIT, so x_p + x_q is finite
                t += 1
            gap = xq - xp
            below = wp * gap + 2.0 * (mid * (cw[t] - wp) - (cx[t] - xwp))
            above = (total - cw[upper]) * gap + 2.0 * (
                (cx[upper] - cx[t]) - mid * (cw[upper] - cw[t])
            )
            out[g, h] = below * inv
            out[h, g] = above * inv


@_jit
def _sort_voters(x: Array, w: Array, rho: Array, order: NDArray[np.int64], out: Array) -> None:
    """Positions, weights and exponents in sorted order (``out``: ``3 × n``), so that the loops
    over voters read contiguous memory.
    """
    for t in range(x.size):
        u = order[t]
        out[0, t], out[1, t], out[2, t] = x[u], w[u], rho[u]


@_jit
def _numerators(
    x: Array,
    w: Array,
    width: float,
    rho: Array,
    use_rho: bool,
    out: Array,
    f: Array,
    order: NDArray[np.int64],
    sorted_: Array,
    lead: NDArray[np.int64],
    gx: Array,
    m: int,
) -> None:
    """``out[g, h] = N_pq`` for actors p, q at the distinct positions g, h (:func:`_groups`), as
    ``votes.vote_numerators``, linear (:func:`_linear_numerators`) or with the voters' exponents
    ``rho`` (:func:`_risk_numerators`); ``f`` is an ``n × (n + 1)`` work array, ``sorted_`` a
    ``3 × n`` one. The round calls the two directly (a call that holds both loops compiled
    the linear one slower); this one serves ``benchmarks/bargaining_round_profile.py``.
    """
    _sort_voters(x, w, rho, order, sorted_)
    if use_rho:
        _risk_numerators(width, out, f, sorted_, lead, gx, m)
    else:
        _linear_numerators(sorted_[0], sorted_[1], width, out, f[0], f[1], lead, m)


@_jit
def _risk_numerators(
    width: float,
    out: Array,
    f: Array,
    sorted_: Array,
    lead: NDArray[np.int64],
    gx: Array,
    m: int,
) -> None:
    """``out[g, h] = N_pq`` with the voters' exponents (p, q at the distinct positions g, h)
    from one prefix row per distinct position: ``F[g, t] = Σ_{u < t} w_u D_{u g}^{ρ_u}`` over
    the voters in sorted order (``sorted_`` from :func:`_sort_voters`).

    The number of voters below each pair's midpoint comes from one sweep per position (midpoints
    grow with the partner's position), not from a binary search per pair.
    """
    n = sorted_.shape[1]
    xs, ws, rs = sorted_[0], sorted_[1], sorted_[2]
    for g in range(m):
        f[g, 0] = 0.0
        xm = gx[g]
        for t in range(n):  # first the terms (vectorised), then their running sum
            dist = abs(xm - xs[t]) / width
            f[g, t + 1] = ws[t] * (_exp(rs[t] * _log(dist)) if dist > 0 else 0.0)
        for t in range(1, n):
            f[g, t + 1] += f[g, t]
    for g in range(m):
        xp = gx[g]
        out[g, g] = 0.0
        t = lead[g]
        fpn = f[g, n]
        for h in range(g + 1, m):
            xq = gx[h]
            mid = 0.5 * (xp + xq)
            while t < n and xs[t] < mid:
                t += 1
            # xp < xq: N_pq = F[q, t] − F[p, t] (voters below the midpoint), N_qp the rest
            out[g, h] = f[h, t] - f[g, t]
            out[h, g] = (fpn - f[g, t]) - (f[h, n] - f[h, t])


@_jit
def _probabilities(num: Array, all_pairs: bool, m: int, gs: NDArray[np.int64]) -> None:
    """``num[:m, :m]`` ← P^i by distinct position (in place; SCS eq. 31 with either
    denominator). The sum over all pairs runs over every pair of actors (``gs``: the position of
    each sorted place), in the order a table of actors would add them.
    """
    n = m
    if all_pairs:
        total = 0.0
        for a in range(gs.size):
            row = num[gs[a]]
            for b in range(gs.size):
                total += row[gs[b]]
        total *= 2.0
        for i in range(n):
            for j in range(n):
                num[i, j] = num[i, j] / total if total > 0 else 0.0
        return
    for i in range(n):
        for j in range(i + 1, n):
            a, b = num[i, j], num[j, i]
            den = a + b
            num[i, j] = a / den if den > 0 else 0.5
            num[j, i] = b / den if den > 0 else 0.5
        num[i, i] = 0.5


@_inline
def _expected(
    us: float, uf: float, usq: float, ub: float, uw: float, tt: bool, p: float, sj: float, q: float
) -> float:
    """E(U_ij) of SCS eqs. 5–7 from its basic utilities (as ``utility.expected_utility``)."""
    e = us - sj * (1.0 - p) * (us - uf)
    if q == 1.0:
        return e - usq
    return e - (q * usq + (1.0 - q) * (ub if tt else uw))


@_inline
def _expected_linear(
    xi: float, xj: float, to_med_i: float, width: float, p: float, sj: float, q: float
) -> float:
    """E^i(U_ij) with r = 1: U_s = 2δ, U_f = −2δ, U_sq = 0, U_b = both, U_w = −both."""
    dij = abs(xi - xj)
    delta = dij / width
    both = (to_med_i + dij) / width
    return _expected(2.0 * delta, -2.0 * delta, 0.0, both, -both, to_med_i < dij, p, sj, q)


@_jit
def _better_worse(both: float, r: float) -> tuple[float, float]:
    return (
        2.0 - 4.0 * max(0.5 - 0.25 * both, 0.0) ** r,
        2.0 - 4.0 * (0.5 + 0.25 * both) ** r,
    )


@_inline
def _key(code: int, tij: float, xi: float, xj: float, aij: float, bij: float, kij: int) -> float:
    """The value of key ``code`` for the offer of i to j (scalars only)."""
    if code == 0:  # the move asked of j
        return abs(tij - xj)
    if code == 1:  # the weaker proposer last
        return -aij
    if code == 2:  # conflict < compromise < capitulation
        return float(kij)
    if code == 3:
        return -aij if kij == 2 else 0.0
    if kij != 2:
        return 0.0
    abs_a, abs_b = abs(aij), abs(bij)
    den = abs_a + abs_b
    return (abs_b * xj + abs_a * xi) / den if den > 0 else 0.0


@_inline
def _pick(
    j: int,
    ok: NDArray[np.bool_],
    keys: NDArray[np.int64],
    x: Array,
    kind: NDArray[np.int8],
    target: Array,
    a: Array,
    b: Array,
    cand: NDArray[np.bool_],
    kv: Array,
    pen: Array,
) -> int:
    """The proposer whose offer receiver j takes among ``ok[j]`` (−1 for none): the keys in
    turn (ties within :data:`TIE`), then the lowest target (within TIE), then the lowest index.

    The offer arrays are receiver-major (``ok[j, i]``: i's offer to j), so that one receiver's
    offers are contiguous; ``cand`` and ``kv`` are work vectors, ``pen`` holds (inf, 0). The
    first key and the lowest
    target are found in two passes; the later keys only run when the first leaves a tie.
    """
    n = x.size
    xj = x[j]
    code = keys[0]
    best, count = np.inf, 0
    # a key without an offer is +inf, added from ``pen`` (inf, 0) by index: a select between
    # floats compiles to a branch on this processor family (there is no floating-point cmov,
    # and the compiler folds a select in disguise back into one) — a branch on ok that the
    # branch predictor cannot learn (about 2 µs a round at 20 actors, measured)
    if code == 1:  # the strongest proposer (the default)
        for i in range(n):
            o = ok[j, i]
            v = pen[np.int64(o)] - a[j, i]
            kv[i] = v
            best = min(best, v)
            count += o
    else:
        for i in range(n):
            o = ok[j, i]
            v = pen[np.int64(o)] + _key(code, target[j, i], x[i], xj, a[j, i], b[j, i], kind[j, i])
            kv[i] = v
            best = min(best, v)
            count += o
    if count == 0:
        return -1
    slack = TIE * max(abs(best), 1.0)
    count, out = 0, -1
    for i in range(n):  # without a branch: kv is inf where there is no offer
        keep = kv[i] <= best + slack
        cand[i] = keep
        count += keep
        out = i if keep else out
    if count <= 1:
        return out
    for kk in range(1, keys.size):
        code = keys[kk]
        if code < 0 or count <= 1:
            break
        best = np.inf
        for i in range(n):
            v = pen[np.int64(cand[i])] + _key(
                code, target[j, i], x[i], xj, a[j, i], b[j, i], kind[j, i]
            )
            kv[i] = v
            best = min(best, v)
        slack = TIE * max(abs(best), 1.0)
        count = 0
        for i in range(n):
            keep = cand[i] and kv[i] <= best + slack
            cand[i] = keep
            count += keep
    low = np.inf  # the lowest target (within TIE), then the lowest index
    for i in range(n):
        if cand[i]:
            low = min(low, target[j, i])
    slack = TIE * max(abs(low), 1.0)
    for i in range(n):
        if cand[i] and target[j, i] <= low + slack:
            return i
    return -1


@_jit
def _choose_all(
    ok: NDArray[np.bool_],
    keys: NDArray[np.int64],
    x: Array,
    kind: NDArray[np.int8],
    target: Array,
    a: Array,
    b: Array,
    cand: NDArray[np.bool_],
    kv: Array,
    pen: Array,
    pick: NDArray[np.int64],
) -> int:
    """``pick[j]``: the proposer whose offer each receiver j takes (−1: none); returns how many
    receivers have one.
    """
    pending = 0
    for j in range(x.size):
        pick[j] = _pick(j, ok, keys, x, kind, target, a, b, cand, kv, pen)
        if pick[j] >= 0:
            pending += 1
    return pending


@_inline
def _gather(row: Array, grp: NDArray[np.int64], out: Array) -> None:
    """``out[j] = row[grp[j]]``: a row by distinct position spread over the actors, so that the
    loop that reads it runs over contiguous memory (with the gather inside, the compiler left
    that loop and its divisions scalar).
    """
    for j in range(grp.size):
        out[j] = row[grp[j]]


@_jit
def _transpose(a: Array, out: Array) -> None:
    """``out`` ← ``aᵀ`` (a plain loop: 16 × 16 tiles measured 2–3× slower at 20 and 200 actors)."""
    n = a.shape[0]
    for i in range(n):
        for j in range(n):
            out[j, i] = a[i, j]


@_jit
def _first_pass(
    x: Array,
    to_med: Array,
    width: float,
    pm: Array,
    grp: NDArray[np.int64],
    s: Array,
    q: float,
    sec: Array,
    prow: Array,
) -> None:
    """Security levels with r = 1: ``sec[i] = Σ_j E^j(U_ji)`` (SCS eq. 32; as
    ``utility.security``), where U_s = 2δ, U_f = −2δ, U_sq = 0, U_b = both, U_w = −both;
    P_ij is ``pm[grp[i], grp[j]]`` (by distinct position; ``prow`` a work vector).
    """
    n = x.size
    for i in range(n):
        sec[i] = 0.0
    for i in range(n):
        xi, mi = x[i], to_med[i]
        _gather(pm[grp[i]], grp, prow)
        for j in range(n):
            e = _expected_linear(xi, x[j], mi, width, prow[j], s[j], q)
            sec[j] += e if i != j else 0.0


@_jit
def _exponents(sec: Array, r: Array, scale: Array, sq: Array) -> None:
    """Risk exponents from security levels (SCS eqs. 33–34; levels within TIE of each other are
    equal, as :func:`.risk.risk_basis`), with ``4·0.5^r`` and U_sq.
    """
    n = sec.size
    hi, lo = sec[0], sec[0]
    for v in sec:
        hi, lo = max(hi, v), min(lo, v)
    spread = hi - lo
    apart = spread > TIE * max(abs(hi), abs(lo), 1.0)  # as risk.risk_basis
    for i in range(n):
        big_r = (2.0 * sec[i] - hi - lo) / spread if apart else 0.0
        r[i] = (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0)
        scale[i] = 4.0 * np.exp2(-r[i])
        sq[i] = 2.0 - scale[i]


@_jit
def _logs(gx: Array, m: int, width: float, ls: Array, lf: Array, flat: Array) -> None:
    """``ls[g, h] = log(1 − δ)``, ``lf[g, h] = log(1 + δ)`` for the distinct positions g, h
    (symmetric, 0 on the diagonal). The pairs' δ go to one contiguous run of ``flat`` (a work
    array of at least ``3 · m(m − 1)/2``) so that the compiler vectorises :func:`_log` over all
    of them: the rows of m − g − 1 pairs are mostly shorter than a vector.
    """
    pairs = m * (m - 1) // 2
    d, fs, ff = flat[:pairs], flat[pairs : 2 * pairs], flat[2 * pairs : 3 * pairs]
    k = 0
    for g in range(m):
        xg = gx[g]
        for h in range(g + 1, m):
            d[k] = abs(xg - gx[h]) / width
            k += 1
    for k in range(pairs):
        fs[k] = _log(max(1.0 - d[k], 0.0))
        ff[k] = _log(1.0 + d[k])
    k = 0
    for g in range(m):
        ls[g, g], lf[g, g] = 0.0, 0.0  # δ = 0: log 1
        for h in range(g + 1, m):
            ls[g, h], lf[g, h] = fs[k], ff[k]
            ls[h, g], lf[h, g] = fs[k], ff[k]
            k += 1


@_jit
def _powers(
    r: Array,
    scale: Array,
    grp: NDArray[np.int64],
    m: int,
    ls: Array,
    lf: Array,
    us: Array,
    uf: Array,
    flat: Array,
) -> None:
    """``us[i, h]``, ``uf[i, h]``: U_s, U_f of actor i (with r_i) against any actor at the
    distinct position h, ``2 − 4·0.5^r·(1 ∓ δ)^r`` (as ``utility.basic_utilities``), from the
    logs of :func:`_logs` — two exponentials per actor and position, not per pair.

    The exponents go to one contiguous run of ``flat`` (a work array of at least ``2nm``), so
    that the compiler vectorises :func:`_exp` over all of them (rows of m are often shorter
    than a vector).
    """
    n = r.size
    size = n * m
    es, ef = flat[:size], flat[size : 2 * size]
    for i in range(n):
        ri, lsi, lfi = r[i], ls[grp[i]], lf[grp[i]]
        for h in range(m):
            es[i * m + h] = ri * lsi[h]
            ef[i * m + h] = ri * lfi[h]
    for k in range(size):
        es[k] = _exp(es[k])
        ef[k] = _exp(ef[k])
    for i in range(n):
        sc = scale[i]
        for h in range(m):
            us[i, h] = 2.0 - sc * es[i * m + h]
            uf[i, h] = 2.0 - sc * ef[i * m + h]


@_jit
def _utilities(
    x: Array,
    to_med: Array,
    width: float,
    pm: Array,
    grp: NDArray[np.int64],
    s: Array,
    q: float,
    r: Array,
    sq: Array,
    us: Array,
    uf: Array,
    e: Array,
    rows: Array,
) -> None:
    """``e[i, j] = E^i(U_ij)`` with i's own exponent (SCS eqs. 5–7), row by row, from the
    tables by distinct position (``pm`` of :func:`_probabilities`, ``us``, ``uf`` of
    :func:`_powers`; ``rows`` three work vectors).
    """
    n = x.size
    prow, srow, frow = rows[0], rows[1], rows[2]
    for i in range(n):
        xi, mi, ri, sqi = x[i], to_med[i], r[i], sq[i]
        _gather(pm[grp[i]], grp, prow)
        _gather(us[i], grp, srow)
        _gather(uf[i], grp, frow)
        if q == 1.0:  # U_b, U_w unused: a loop without their powers, which the compiler vectorises
            for j in range(n):
                e[i, j] = _expected(srow[j], frow[j], sqi, 0.0, 0.0, False, prow[j], s[j], q)
        else:
            for j in range(n):
                dij = abs(xi - x[j])
                ub, uw = _better_worse((mi + dij) / width, ri)
                e[i, j] = _expected(srow[j], frow[j], sqi, ub, uw, mi < dij, prow[j], s[j], q)
        e[i, i] = 0.0


@_jit
def _receivers_view(
    x: Array,
    to_med: Array,
    width: float,
    pm: Array,
    grp: NDArray[np.int64],
    s: Array,
    q: float,
    r: Array,
    sq: Array,
    us: Array,
    uf: Array,
    a: Array,
    rows: Array,
) -> None:
    """``a[j, i] = E(U_ij)`` evaluated with the receiver j's exponent (U_s, U_f, U_sq of
    (j, i); P_ij), receiver-major like the offers, from the tables by distinct position
    (``rows`` three work vectors).
    """
    n = x.size
    prow, srow, frow = rows[0], rows[1], rows[2]
    for j in range(n):
        xj, sj, rj, sqj, gj = x[j], s[j], r[j], sq[j], grp[j]
        for i in range(n):
            prow[i] = pm[grp[i], gj]
        _gather(us[j], grp, srow)
        _gather(uf[j], grp, frow)
        if q == 1.0:  # as in _utilities
            for i in range(n):
                a[j, i] = _expected(srow[i], frow[i], sqj, 0.0, 0.0, False, prow[i], sj, q)
        else:
            for i in range(n):
                dij = abs(x[i] - xj)
                ub, uw = _better_worse((to_med[i] + dij) / width, rj)
                a[j, i] = _expected(srow[i], frow[i], sqj, ub, uw, to_med[i] < dij, prow[i], sj, q)
        a[j, j] = 0.0


@_jit
def _linear(
    x: Array,
    to_med: Array,
    width: float,
    pm: Array,
    grp: NDArray[np.int64],
    s: Array,
    q: float,
    e: Array,
    prow: Array,
) -> None:
    """``e[i, j]`` with r = 1 for every actor (``risk=False``; ``prow`` a work vector)."""
    n = x.size
    for i in range(n):
        xi, mi = x[i], to_med[i]
        _gather(pm[grp[i]], grp, prow)
        for j in range(n):
            v = _expected_linear(xi, x[j], mi, width, prow[j], s[j], q)
            e[i, j] = v if i != j else 0.0


@_jit
def _offers(
    x: Array,
    a: Array,
    b: Array,
    close: float,
    loser_moves: bool,
    kind: NDArray[np.int8],
    target: Array,
    ok: NDArray[np.bool_],
) -> None:
    """Each proposer's offer to each receiver (``offers.make_offers``), receiver-major:
    ``a[j, i]``, ``b[j, i]`` are the proposer's and the receiver's expected utilities of i's
    challenge to j; ``kind[j, i]``, ``target[j, i]`` the offer, ``ok[j, i]`` whether there is one.
    """
    n = x.size
    for j in range(n):
        xj = x[j]
        for i in range(n):
            ai, bi = a[j, i], b[j, i]
            total, gap = ai + bi, ai - bi
            # selects, not branches: which region a pair falls in is data the branch predictor
            # cannot learn (bitwise & on the booleans for the same reason)
            yields = (ai > 0) & (bi < 0)
            conflict = (ai > 0) & (bi > 0) & loser_moves & (gap > TIE * total)
            k = (2 if total > TIE * gap else 3) if yields else (1 if conflict else 0)
            k = k if abs(x[i] - xj) > close else 0
            kind[j, i] = k
            ok[j, i] = k > 0
            full = x[i] if k > 0 else xj  # a full move lands exactly on x_i (as make_offers)
            target[j, i] = xj + (x[i] - xj) * (-bi / ai) if k == 2 else full


@_jit
def _round(
    x: Array,
    c: Array,
    s: Array,
    init_width: float,
    close: float,
    prm: Array,
    keys: NDArray[np.int64],
    new: Array,
    kinds: NDArray[np.int8],
    props: NDArray[np.int32],
    work: Array,
    f: Array,
    kind: NDArray[np.int8],
    ok: NDArray[np.bool_],
    vec: Array,
    ivec: NDArray[np.int64],
    bvec: NDArray[np.bool_],
    pen: Array,
) -> tuple[float, float]:
    """One round for one run: ``new``, the accepted kinds and proposers; returns μ and the mean.

    ``work`` holds eight ``n × n`` arrays (P by distinct position, E, U_s and U_f by actor and
    distinct position, a, targets, two for flat runs of logs and exponentials), ``kind`` and
    ``ok`` the offers (receiver-major), ``vec`` (16 rows), ``ivec`` (6), ``bvec`` (4) work
    vectors (``ivec[0]``: the actors sorted by position, kept from round to round); ``prm`` the
    options (see :func:`_params`); ``pen`` holds (inf, 0) (see :func:`_pick`).
    """
    n = x.size
    q, range_mode, all_pairs, vote_risk = prm[0], int(prm[1]), prm[2] > 0, prm[3] > 0
    receiver, loser_moves, sequential = prm[4] > 0, prm[5] > 0, prm[6] > 0
    highest, risk = prm[7] > 0, prm[8] > 0
    pm, e, us, uf, a, target = work[0], work[1], work[2], work[3], work[4], work[5]
    flat = work[6:8].reshape(2 * n * n)
    to_med, sec, r, sq, scale, w, ones, kv = (
        vec[0], vec[1], vec[2], vec[3], vec[4], vec[5], vec[6], vec[7]
    )  # fmt: skip
    f3, gx, rows = vec[8:11], vec[12], vec[13:16]
    order, grp, lead, gs = ivec[0], ivec[3], ivec[4], ivec[5]
    for i in range(n):
        w[i] = c[i] * s[i]
        ones[i] = 1.0
    width = _span(x) if range_mode == 0 else init_width
    _resort(x, order)
    mu, mean = _median_mean(x, w, width, highest, order, f3)
    # what depends on positions only is computed once per distinct position (m of them)
    m = _groups(x, order, grp, lead, gx)
    for k in range(n):
        gs[k] = grp[order[k]]  # the position of each sorted place
    _sort_voters(x, w, ones, order, f3)
    # P by distinct position (pm[g, h], the top left m × m); every stage reads P_ij as
    # pm[grp[i], grp[j]]
    _linear_numerators(f3[0], f3[1], width, pm, f[0], f[1], lead, m)
    _probabilities(pm, all_pairs, m, gs)
    for i in range(n):
        to_med[i] = abs(x[i] - mu)
    if risk:
        _first_pass(x, to_med, width, pm, grp, s, q, sec, rows[0])
        _exponents(sec, r, scale, sq)
        if vote_risk:
            _sort_voters(x, w, r, order, f3)
            _risk_numerators(width, pm, f, f3, lead, gx, m)
            _probabilities(pm, all_pairs, m, gs)
        _logs(gx, m, width, a, target, flat)  # a and target are free until the offers
        _powers(r, scale, grp, m, a, target, us, uf, flat)  # us[i, h], uf[i, h]: n × m
        _utilities(x, to_med, width, pm, grp, s, q, r, sq, us, uf, e, rows)
    else:
        _linear(x, to_med, width, pm, grp, s, q, e, rows[0])
    # receiver-major offers: b[j, i] = E^j(U_ji) = e[j, i]; a[j, i] = E(U_ij) = e[i, j] with
    # the proposer's exponent, or with the receiver's (U of (j, i), P_ij)
    if risk and receiver:
        _receivers_view(x, to_med, width, pm, grp, s, q, r, sq, us, uf, a, rows)
    else:
        _transpose(e, a)
    _offers(x, a, e, close, loser_moves, kind, target, ok)
    # choice (offers.choose_offers / _settle_in_turn)
    cand, moved, held, settle = bvec[0], bvec[1], bvec[2], bvec[3]
    pick = ivec[1]
    for i in range(n):
        new[i] = x[i]
        kinds[i] = 0
        props[i] = -1
    if not sequential:
        _choose_all(ok, keys, x, kind, target, a, e, cand, kv, pen, pick)
        for j in range(n):
            i = pick[j]
            if i >= 0:
                new[j], kinds[j], props[j] = target[j, i], kind[j, i], i
        return mu, mean
    for i in range(n):
        moved[i] = False
        held[i] = False
    _settle_in_turn(ok, keys, x, kind, target, a, e, cand, kv, pen, pick, moved, held, settle,
                    vec[11], ivec[2], new, kinds, props)  # fmt: skip
    return mu, mean


@_inline
def _before(j: int, k: int, strength: Array) -> bool:
    """Whether the pending offer to j comes before the one to k: stronger, or as strong and to
    the lower index (non-pending receivers have strength +inf and come last).
    """
    return strength[j] < strength[k] or (strength[j] == strength[k] and j < k)


@_jit
def _settle_in_turn(
    ok: NDArray[np.bool_],
    keys: NDArray[np.int64],
    x: Array,
    kind: NDArray[np.int8],
    target: Array,
    a: Array,
    b: Array,
    cand: NDArray[np.bool_],
    kv: Array,
    pen: Array,
    pick: NDArray[np.int64],
    moved: NDArray[np.bool_],
    held: NDArray[np.bool_],
    settle: NDArray[np.bool_],
    strength: Array,
    rival: NDArray[np.int64],
    new: Array,
    kinds: NDArray[np.int8],
    props: NDArray[np.int32],
) -> None:
    """Offers settled in turn (``offers._settle_in_turn``): the strongest pending offer first;
    a receiver that moves can no longer propose, a proposer whose offer is taken stays.

    Each receiver's choice depends only on its own row of ``ok`` (receiver-major), so after
    each step only the receivers that lost a candidate choose again. Pending offers are ordered
    by strength (−a, ties to the lower receiver index); an offer to j settles in a step when it
    comes before the offer j itself takes (as a receiver, if any) and before every pending
    offer j makes — pairwise comparisons, with ``rival[j]`` the first of the offers j makes
    (no ranking of all offers: an insertion sort of 20 measured about 1.5 µs a round).
    """
    n = x.size
    _choose_all(ok, keys, x, kind, target, a, b, cand, kv, pen, pick)
    while True:
        pending = 0
        for j in range(n):
            has = pick[j] >= 0
            strength[j] = pen[np.int64(has)] - a[j, max(pick[j], 0)]  # inf without (see _pick)
            pending += has
            rival[j] = -1
            cand[j] = False  # receivers that lost a candidate
        if pending == 0:
            return
        for k in range(n):  # the first of the pending offers each proposer makes
            i = pick[k]
            if i >= 0 and (rival[i] < 0 or _before(k, rival[i], strength)):
                rival[i] = k
        # settle (strengths, rivals and picks do not change while the settled offers take effect)
        for j in range(n):
            i = pick[j]
            if not (
                i >= 0
                and _before(j, i, strength)
                and (rival[j] < 0 or _before(j, rival[j], strength))
            ):
                continue
            new[j], kinds[j], props[j] = target[j, i], kind[j, i], i
            moved[j] = True
            held[i] = True
            for k in range(n):  # j moved: it proposes to nobody any more (without a branch)
                cand[k] |= ok[k, j]
                ok[k, j] = False
        for j in range(n):
            if moved[j] or held[j]:  # no more offers to j
                if pick[j] >= 0:
                    for i in range(n):
                        ok[j, i] = False
                pick[j] = -1
            elif cand[j]:
                pick[j] = _pick(j, ok, keys, x, kind, target, a, b, settle, kv, pen)


# ---- whole runs ------------------------------------------------------------------------------
@_jit_allocating
def _run_all(
    x0: Array,
    c: Array,
    s: Array,
    scale_width: Array,
    init_width: Array,
    prm: Array,
    keys: NDArray[np.int64],
    limit: int,
    tolerance: float,
    limit_status: int,
    history: bool,
    final: Array,
    fmed: Array,
    fmean: Array,
    rounds: NDArray[np.int64],
    status: NDArray[np.int8],
    period: NDArray[np.int64],
    med_range: Array,
    mean_range: Array,
    played: NDArray[np.int64],
    h_pos: Array,
    h_med: Array,
    h_mean: Array,
    h_kind: NDArray[np.int8],
    h_prop: NDArray[np.int32],
) -> None:
    runs, n = x0.shape
    range_mode = int(prm[1])
    hist = np.empty((limit + 1, n))
    med = np.empty(limit + 1)
    mean = np.empty(limit + 1)
    work = np.empty((8, n, n))
    f = np.empty((n, n + 1))
    kind = np.empty((n, n), dtype=np.int8)
    ok = np.empty((n, n), dtype=np.bool_)
    vec = np.empty((16, n))
    ivec = np.empty((6, n), dtype=np.int64)
    bvec = np.empty((4, n), dtype=np.bool_)
    new = np.empty(n)
    kinds = np.empty(n, dtype=np.int8)
    props = np.empty(n, dtype=np.int32)
    pen = np.array([np.inf, 0.0])
    for run in range(runs):
        xr, cr, sr = x0[run], c[run], s[run]
        init = init_width[run]
        close = tolerance * init
        tol = tolerance * scale_width[run]
        for i in range(n):
            ivec[0, i] = i  # the actors by position, kept sorted from round to round
        hist[0] = xr
        t, last, back = 0, 0, -1
        while True:
            x = hist[t]
            mu, mn = _round(x, cr, sr, init, close, prm, keys, new, kinds, props, work, f, kind,
                            ok, vec, ivec, bvec, pen)  # fmt: skip
            med[t], mean[t] = mu, mn
            if history:
                h_kind[run, t] = kinds
                h_prop[run, t] = props
            fixed, back = False, -1
            for k in range(t + 1):
                same = True
                for i in range(n):
                    if abs(hist[k, i] - new[i]) > tol:
                        same = False
                        break
                if same:
                    if k == t:
                        fixed = True
                    elif back < 0:
                        back = k
            if fixed:  # a fixed point, even when an earlier state is also within tol of it
                back = -1
                status[run], rounds[run], last = 1, t, t
                fmed[run], fmean[run] = mu, mn
                break
            hist[t + 1] = new
            last = t + 1
            if back >= 0 or last >= limit:
                w = cr * sr
                width = _span(new) if range_mode == 0 else init
                _resort(new, ivec[0])
                fmed[run], fmean[run] = _median_mean(new, w, width, prm[7] > 0, ivec[0], vec[8:11])
                rounds[run] = last
                status[run] = 2 if back >= 0 else limit_status
                break
            t += 1
        final[run] = hist[last]
        played[run] = t + 1
        med_range[run, 0] = med_range[run, 1] = fmed[run]
        mean_range[run, 0] = mean_range[run, 1] = fmean[run]
        if back >= 0:
            period[run] = last - back
            lo, hi, lo2, hi2 = np.inf, -np.inf, np.inf, -np.inf
            for k in range(back, last):
                lo, hi = min(lo, med[k]), max(hi, med[k])
                lo2, hi2 = min(lo2, mean[k]), max(hi2, mean[k])
            if hi - lo > tol:
                med_range[run, 0], med_range[run, 1] = lo, hi
            if hi2 - lo2 > tol:
                mean_range[run, 0], mean_range[run, 1] = lo2, hi2
        else:
            period[run] = 0
        if history:
            for k in range(limit + 1):
                h_pos[run, k] = hist[min(k, last)]
                h_med[run, k] = med[k] if k < last else fmed[run]
                h_mean[run, k] = mean[k] if k < last else fmean[run]


def _params(options: ModelOptions) -> tuple[Array, NDArray[np.int64]]:
    prm = np.array(
        [
            options.q,
            _RANGE[options.distance_range],
            options.probability == "all_pairs",
            options.vote_risk,
            options.risk_exponent == "receiver",
            options.conflict == "loser_moves",
            options.sequential,
            options.median_ties == "highest",
            options.risk,
        ],
        dtype=np.float64,
    )
    keys = np.array(_KEYS[(options.offer_choice, options.compromise_choice)], dtype=np.int64)
    return prm, keys


def _threads(workers: int | None) -> int:
    return max(1, workers or os.cpu_count() or 1)


def run_compiled(
    x0: Array,
    c: Array,
    s: Array,
    options: ModelOptions,
    scale_width: Array,
    history: bool = False,
    workers: int | None = None,
    init_width: Array | None = None,
) -> dict[str, Any]:
    """Every run of ``x0``, ``c``, ``s`` (``runs × actors``) to its stop, compiled and parallel.

    Returns the arrays of a :class:`ujym.engines.bargaining.Trajectory` by name, runs first
    (``model.run_model`` assembles them); with ``history`` also each run's states, medians,
    means, kinds and proposers round by round. ``workers`` caps the threads (default: all).
    ``init_width`` overrides R for ``distance_range`` "initial" and "scale" (default: the span
    of each run's first state, or ``scale_width``).
    """
    runs, n = x0.shape
    for name, v in (("positions", x0), ("capabilities", c), ("saliences", s)):
        if v.size and not (np.isfinite(v).all() and np.abs(v).max() <= LIMIT):
            raise UjymError(
                f"the bargaining model's {name} must be finite numbers within ±{LIMIT:g}",
                f"check the {name} of the actor table or scenario",
            )
    prm, keys = _params(options)
    limit = options.round_limit
    limit_status = 0 if options.stopping == "rounds" else 3
    h = (runs, limit + 1) if history else (0, 1)
    out: dict[str, Any] = {
        "final": np.empty((runs, n)),
        "fmed": np.empty(runs),
        "fmean": np.empty(runs),
        "rounds": np.zeros(runs, dtype=np.int64),
        "status": np.zeros(runs, dtype=np.int8),
        "period": np.zeros(runs, dtype=np.int64),
        "median_range": np.empty((runs, 2)),
        "mean_range": np.empty((runs, 2)),
        "played": np.zeros(runs, dtype=np.int64),
        "positions": np.empty((*h, n)),
        "medians": np.empty(h),
        "means": np.empty(h),
        "kinds": np.zeros((*h, n), dtype=np.int8),
        "proposers": np.full((*h, n), -1, dtype=np.int32),
    }
    if init_width is None:  # R of "initial": the span of each run's first state
        init_width = _spans(x0) if options.distance_range == "initial" else scale_width
    # C-contiguous and writeable: another array type would compile another copy of the loop
    xs = [np.require(a, np.float64, ("C", "W")) for a in (x0, c, s, scale_width, init_width)]
    names = ("final", "fmed", "fmean", "rounds", "status", "period", "median_range",
             "mean_range", "played")  # fmt: skip
    hist = ("positions", "medians", "means", "kinds", "proposers")

    def part(a: int, b: int) -> None:
        cast(Any, _run_all)(
            *(v[a:b] for v in xs), prm, keys, limit, float(options.tolerance), limit_status,
            history, *(out[k][a:b] for k in names), *(out[k][a:b] if history else out[k] for k in hist),
        )  # fmt: skip

    threads = _threads(workers)
    if threads == 1 or runs < 2:
        part(0, runs)
        return out
    # several slices a thread, handed out as threads free up (runs differ in length)
    step = max(1, -(-runs // (8 * threads)))
    with ThreadPoolExecutor(threads) as pool:
        for done in [pool.submit(part, a, min(a + step, runs)) for a in range(0, runs, step)]:
            done.result()
    return out


def round_compiled(
    x: Array,
    c: Array,
    s: Array,
    options: ModelOptions,
    scale_width: Array | float,
    init_width: Array | float | None = None,
) -> Array:
    """One compiled round from every state (row) of ``x``: the next positions (a state that
    does not move by more than the tolerance is returned unchanged). ``init_width`` is R under
    ``distance_range`` "initial" (the span of the run's first state; default that of ``x``).
    """
    x = np.ascontiguousarray(np.atleast_2d(x), dtype=np.float64)
    runs = x.shape[0]
    sw = np.broadcast_to(np.asarray(scale_width, dtype=np.float64), (runs,))
    iw = None if init_width is None else np.broadcast_to(np.asarray(init_width, float), (runs,))
    one = options.with_(stopping="rounds", rounds=1)
    out = run_compiled(x, np.broadcast_to(c, x.shape), np.broadcast_to(s, x.shape), one, sw,
                       init_width=iw)  # fmt: skip
    final: Array = out["final"]
    return final


def kernels_cached() -> bool:
    """Whether numba's cache holds the compiled run loop for this source (so the first run only
    loads it, in seconds, instead of compiling it). ``True`` when it cannot tell.
    """
    try:
        index = cast(Any, _run_all)._cache._cache_file._load_index()
    except (AttributeError, OSError):  # numba's cache internals moved: do not guess
        return True
    return bool(index)


def _spans(x: Array) -> Array:
    width = x.max(axis=-1) - x.min(axis=-1)
    out: Array = np.where(width > 0, width, 1.0)
    return out


__all__ = ["kernels_cached", "round_compiled", "run_compiled"]
