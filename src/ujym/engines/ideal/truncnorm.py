"""Moments of a normal distribution truncated to an interval, computed stably in the tails.

The variational E-step for the latent utilities of an ordered probit needs, for every vote, the
mean and variance of ``N(mu, sd**2)`` truncated to the interval its observed category implies
(``(-inf, 0)`` for no, ``[0, 1)`` for abstain, ``[1, inf)`` for yes, or ``[0, inf)`` for yes on a
binary item). Far in the tails ``Phi`` underflows; the scaled complementary error function
``erfcx(x) = exp(x**2) * erfc(x)`` keeps the inverse Mills ratio exact there.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.special import erfcx, ndtr

_SQRT2 = float(np.sqrt(2.0))
_SQRT_2_OVER_PI = float(np.sqrt(2.0 / np.pi))
_INV_SQRT_2PI = float(1.0 / np.sqrt(2.0 * np.pi))

F64 = npt.NDArray[np.float64]


def upper_mills(a: F64) -> F64:
    """``phi(a) / (1 - Phi(a))``, exact for large ``a`` and fine for very negative ``a``."""
    out: F64 = _SQRT_2_OVER_PI / erfcx(a / _SQRT2)
    return out


def truncated_moments(mu: F64, sd: F64, lo: F64, hi: F64) -> tuple[F64, F64]:
    """Mean and variance of ``N(mu, sd**2)`` truncated to ``[lo, hi)``.

    ``lo`` may be ``-inf`` and ``hi`` may be ``+inf`` (not both). All arrays share one shape.
    """
    mean = np.empty_like(mu)
    var = np.empty_like(mu)
    lo_inf = np.isneginf(lo)
    hi_inf = np.isposinf(hi)

    # [lo, inf): upper tail.
    m = ~lo_inf & hi_inf
    if m.any():
        a = (lo[m] - mu[m]) / sd[m]
        lam = upper_mills(a)
        mean[m] = mu[m] + sd[m] * lam
        var[m] = sd[m] ** 2 * np.maximum(1.0 + a * lam - lam * lam, 1e-12)

    # (-inf, hi): lower tail, the mirror image of the upper tail.
    m = lo_inf & ~hi_inf
    if m.any():
        b = (hi[m] - mu[m]) / sd[m]
        lam = upper_mills(-b)
        mean[m] = mu[m] - sd[m] * lam
        var[m] = sd[m] ** 2 * np.maximum(1.0 - b * lam - lam * lam, 1e-12)

    # [lo, hi): two-sided.
    m = ~lo_inf & ~hi_inf
    if m.any():
        a = (lo[m] - mu[m]) / sd[m]
        b = (hi[m] - mu[m]) / sd[m]
        # Mirror intervals lying in the lower half so that a >= 0 or a < 0 < b.
        flip = b <= 0.0
        a2 = np.where(flip, -b, a)
        b2 = np.where(flip, -a, b)
        ra = np.empty_like(a2)
        rb = np.empty_like(a2)
        tail = a2 >= 0.0
        if tail.any():
            at, bt = a2[tail], b2[tail]
            ea = erfcx(at / _SQRT2)
            eb = erfcx(bt / _SQRT2)
            d = np.exp(-0.5 * (bt * bt - at * at))
            den = np.maximum(ea - eb * d, 1e-300)
            ra[tail] = 2.0 * _INV_SQRT_2PI / den
            rb[tail] = 2.0 * _INV_SQRT_2PI * d / den
        mid = ~tail
        if mid.any():
            am, bm = a2[mid], b2[mid]
            z = np.maximum(ndtr(bm) - ndtr(am), 1e-300)
            ra[mid] = _INV_SQRT_2PI * np.exp(-0.5 * am * am) / z
            rb[mid] = _INV_SQRT_2PI * np.exp(-0.5 * bm * bm) / z
        shift = ra - rb  # (phi(a) - phi(b)) / Z in the (possibly mirrored) frame
        second = a2 * ra - b2 * rb
        v = np.maximum(1.0 + second - shift * shift, 1e-12)
        shift = np.where(flip, -shift, shift)
        mean[m] = mu[m] + sd[m] * shift
        var[m] = sd[m] ** 2 * v
    return mean, var


def truncated_moments_grouped(
    mu: F64, sd: F64, lo: F64, hi: F64, n_upper: int, n_lower: int
) -> tuple[F64, F64]:
    """:func:`truncated_moments` for arrays sorted by interval kind.

    The first ``n_upper`` entries are ``[lo, inf)``, the next ``n_lower`` are ``(-inf, hi)`` and
    the rest are two-sided. Contiguous slices avoid boolean masking of the large arrays.
    """
    mean = np.empty_like(mu)
    var = np.empty_like(mu)
    u = slice(0, n_upper)
    if n_upper:
        s = sd[u]
        a = (lo[u] - mu[u]) / s
        lam = upper_mills(a)
        mean[u] = mu[u] + s * lam
        var[u] = s * s * np.maximum(1.0 + a * lam - lam * lam, 1e-12)
    w = slice(n_upper, n_upper + n_lower)
    if n_lower:
        s = sd[w]
        b = (hi[w] - mu[w]) / s
        lam = upper_mills(-b)
        mean[w] = mu[w] - s * lam
        var[w] = s * s * np.maximum(1.0 - b * lam - lam * lam, 1e-12)
    r = slice(n_upper + n_lower, len(mu))
    if len(mu) > n_upper + n_lower:
        mean[r], var[r] = truncated_moments(mu[r], sd[r], lo[r], hi[r])
    return mean, var
