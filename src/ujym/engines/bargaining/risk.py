"""Security levels and risk exponents (Scholz, Calbert & Smith 2011, *SCS* §5, eqs. 32–34).

Security of i is the sum of the expected utilities its adversaries expect from challenging it,
computed with every ``r = 1`` (first pass)::

    S_i = Σ_{j≠i} E^j(U_ji)
    R_i = (2 S_i − max_k S_k − min_k S_k) / (max_k S_k − min_k S_k)        (eqs. 32/34)
    r_i = (1 − R_i / 3) / (1 + R_i / 3)                                      (eq. 33)

so ``R_i ∈ [−1, 1]`` and ``r_i ∈ [0.5, 2]``. Security levels within :data:`TIE` (relative) of
each other count as equal, and then ``R_i = 0`` for every actor: the levels are sums, and two
that are equal in exact arithmetic can differ in their last bit, which the division would turn
into ``R = ±1`` (r = 2 or 0.5) decided by rounding. With r = 1 for all in the first pass,
``E^i(U_ji)`` (the appendix's superscript) and ``E^j(U_ji)`` (the text's) are the same number.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ujym.engines.bargaining.offers import TIE

Array = NDArray[np.float64]


def security_levels(e: Array) -> Array:
    """``S_i = Σ_{j≠i} E^j(U_ji)``: column sums of ``E[..., j, i]`` (diagonal is 0)."""
    out: Array = e.sum(axis=-2)
    return out


def risk_basis(security: Array) -> Array:
    """``R_i`` of eq. 34; 0 for every actor of a run whose security levels are all equal (within
    :data:`TIE` of the largest in magnitude, or of 1).

    Examples
    --------
    >>> risk_basis(np.array([0.8, 0.8 - 1e-16, 0.8])).tolist()  # equal but for the last bit
    [0.0, 0.0, 0.0]
    >>> risk_basis(np.array([0.25, 0.75, 0.5])).tolist()
    [-1.0, 1.0, 0.0]
    """
    hi = security.max(axis=-1, keepdims=True)
    lo = security.min(axis=-1, keepdims=True)
    spread = hi - lo
    apart = spread > TIE * np.maximum(np.maximum(np.abs(hi), np.abs(lo)), 1.0)
    out: Array = np.divide(
        2.0 * security - hi - lo, spread, out=np.zeros_like(security), where=apart
    )
    return out


def risk_exponents(e_first_pass: Array) -> Array:
    """``r_i`` of eq. 33 from the first-pass (r = 1) expected utilities."""
    big_r = risk_basis(security_levels(e_first_pass))
    out: Array = (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0)
    return out
