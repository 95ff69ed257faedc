"""Utilities of success, failure, status quo, better and worse, and the expected utility of challenging.

Arrays are ``[..., i, j]`` for the challenge of j by i (batch axes first). Notation of Scholz,
Calbert & Smith (2011), *SCS* §3, with ``δ_ij = |x_i − x_j| / (x_max − x_min)``::

    U_s^i  = 2 − 4 (0.5 − 0.5 δ_ij)^{r_i}                                   (eq. 15)
    U_f^i  = 2 − 4 (0.5 + 0.5 δ_ij)^{r_i}                                   (eq. 16)
    U_b^i  = 2 − 4 (0.5 − 0.25 (|x_i − μ| + |x_i − x_j|)/(x_max − x_min))^{r_i}   (eq. 22)
    U_w^i  = 2 − 4 (0.5 + 0.25 (|x_i − μ| + |x_i − x_j|)/(x_max − x_min))^{r_i}   (eq. 23)
    U_sq^i = 2 − 4 (0.5)^{r_i}                                              (eq. 24)

    E^i(U_ij) = s_j [P^i U_s^i + (1 − P^i) U_f^i] + (1 − s_j) U_s^i
                − Q U_sq^i − (1 − Q) [T U_b^i + (1 − T) U_w^i]              (eqs. 5–7)

with ``T = 1`` when the median is closer to i than j is (``|x_i − μ| < |x_i − x_j|``, SCS figs. 1–4:
cases 1 and 3A) and ``T = 0`` otherwise (cases 2 and 3B).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ujym.engines.bargaining.votes import distances

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Utilities:
    """The five basic utilities of i in its challenge of j, each ``[..., i, j]``."""

    success: Array
    failure: Array
    better: Array
    worse: Array
    status_quo: Array  # [..., i, 1]
    t: Array  # T as 0.0/1.0, [..., i, j]


def basic_utilities(
    x: Array,
    mu: Array,
    r: Array | None,
    width: Array,
    need_better_worse: bool = True,
    d: Array | None = None,
    by: str = "challenger",
) -> Utilities:
    """SCS eqs. 15, 16, 22, 23, 24 for every ordered pair (i, j) and risk exponents ``r``.

    ``r=None`` means r_i = 1 for all, where the utilities are linear (``U_s = 2δ``, ``U_f = −2δ``,
    ``U_sq = 0``) and no powers are taken. ``need_better_worse=False`` skips ``U_b``/``U_w``
    (they are multiplied by ``1 − Q = 0`` when ``Q = 1``) and returns zeros for them.
    ``by="challenger"`` evaluates the pair (i, j) with r_i (the equations as printed);
    ``by="challenged"`` with r_j, the exponent of the actor that receives the offer
    (option ``risk_exponent="receiver"``).
    """
    wid = width[..., None, None]
    dist = distances(x) if d is None else d
    delta = dist / wid
    if r is None:
        success = 2.0 * delta
        failure = -success
        status_quo = np.zeros((*x.shape, 1))
    else:
        # (0.5 ∓ 0.5δ)^r = 0.5^r (1 ∓ δ)^r = 0.5^r exp(r log(1 ∓ δ)): two logs and two exps
        # instead of two general powers (δ ≤ 1 on the current range; clipped as eq. 15 needs)
        ri = r[..., :, None] if by == "challenger" else r[..., None, :]
        scale = 4.0 * np.exp2(-ri)  # 4 · 0.5^r
        with np.errstate(divide="ignore"):
            near = np.log1p(-np.minimum(delta, 1.0))
        far = np.log1p(delta)
        success = 2.0 - scale * np.exp(ri * near)
        failure = 2.0 - scale * np.exp(ri * far)
        status_quo = 2.0 - scale
    if not need_better_worse:
        zero = np.zeros(())
        return Utilities(success, failure, zero, zero, status_quo, zero)
    to_median = np.abs(x - mu[..., None])  # |x_i − μ|
    t = (to_median[..., :, None] < dist).astype(np.float64)
    both = (to_median[..., :, None] + dist) / wid
    if r is None:
        better, worse = both, -both
    else:
        better = 2.0 - 4.0 * np.power(np.clip(0.5 - 0.25 * both, 0.0, None), ri)
        worse = 2.0 - 4.0 * np.power(0.5 + 0.25 * both, ri)
    return Utilities(success, failure, better, worse, status_quo, t)


def expected_utility(p: Array, s: Array, u: Utilities, q: float) -> Array:
    """``E[..., i, j] = E^i(U_ij)``, i's expected utility of challenging j (SCS eqs. 5–7).

    ``p[..., i, j] = P^i``; ``s`` are saliences in [0, 1] (the responder's ``s_j`` weights the
    branch where j resists). The diagonal (an actor challenging itself) is 0. Evaluated as
    ``U_s − s_j (1 − P)(U_s − U_f) − [Q U_sq + (1 − Q)(T U_b + (1 − T) U_w)]``, the same sum.
    """
    sj = s[..., None, :]
    e: Array = u.success - sj * (1.0 - p) * (u.success - u.failure)
    if q == 1.0:
        e -= u.status_quo
    else:
        e -= q * u.status_quo + (1.0 - q) * (u.t * u.better + (1.0 - u.t) * u.worse)
    n = e.shape[-1]
    e[..., np.arange(n), np.arange(n)] = 0.0
    return e


def _transposed(u: Utilities) -> Utilities:
    """The utilities of the pair (j, i) seen as those of (i, j) (valid where U_b/U_w are unused)."""
    return Utilities(
        np.swapaxes(u.success, -1, -2),
        np.swapaxes(u.failure, -1, -2),
        u.better,
        u.worse,
        np.swapaxes(u.status_quo, -1, -2),
        u.t,
    )


def offer_utilities(
    p: Array,
    s: Array,
    q: float,
    u: Utilities,
    e: Array,
    receiver_view: bool,
    challenged: Callable[[], Utilities],
) -> tuple[Array, Array]:
    """``a[..., i, j] = E(U_ij)`` and ``b[..., i, j] = E(U_ji)`` that decide an offer from i to j.

    ``u`` and ``e`` are the utilities and expected utilities with each challenger's own risk
    exponent (``e[i, j] = E^i(U_ij)`` with r_i), so ``b = eᵀ`` (j's own view) in both readings.
    With ``receiver_view`` a is evaluated with the receiver's exponent r_j. U_s, U_f and U_sq
    depend on the pair only through δ_ij = δ_ji, so when Q = 1 (no U_b/U_w) the utilities of
    (i, j) with r_j are those of (j, i) with r_j: the transpose, no new powers. Otherwise
    ``challenged()`` computes them.
    """
    b = np.swapaxes(e, -1, -2)
    if not receiver_view:
        return e, b
    uc = _transposed(u) if q == 1.0 else challenged()
    return expected_utility(p, s, uc, q), b
