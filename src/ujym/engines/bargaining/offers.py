"""Offers and their classification (Scholz, Calbert & Smith 2011, *SCS* §6, fig. 6, §6.2).

For the ordered pair (i proposer, j receiver) with ``a = E^i(U_ij)`` and ``b = E^j(U_ji)``:

* **conflict** — ``a > 0`` and ``b > 0``: both expect to win. With ``a > b`` j, the weaker
  party, moves fully to x_i (option ``conflict="no_move"``: nobody moves). ``a = b``: no move.
* **compromise** — ``a > 0 > b`` and ``|a| > |b|``: j moves part way toward i (eq. 35)::

      x_j ← x_j + (x_i − x_j) · |b / a|

* **capitulation** — ``a > 0 > b`` and ``|b| ≥ |a|``: j moves fully to x_i.
* otherwise (``a ≤ 0``): i makes j no offer; ``a < 0`` and ``b < 0`` is the status quo.

The receiver side (``a < 0 < b``) is the same pair seen from j, so every offer is written once as
"proposer i → receiver j". Each receiver accepts at most one offer per round (§6.2, option
``offer_choice``); all accepted offers take effect together at the end of the round.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

NONE, CONFLICT, COMPROMISE, CAPITULATION = 0, 1, 2, 3
KIND_NAMES = {
    NONE: "none",
    CONFLICT: "conflict",
    COMPROMISE: "compromise",
    CAPITULATION: "capitulation",
}


@dataclass(frozen=True)
class Offers:
    """Every offer of a round, ``[..., i, j]`` = proposer i → receiver j."""

    kind: NDArray[np.int8]
    target: Array  # the position j is asked to take
    strength: Array  # a = E^i(U_ij), how enforceable the offer is


def make_offers(x: Array, e: Array, conflict: str = "loser_moves") -> Offers:
    """Classify every ordered pair and compute the position each offer asks for."""
    a = e
    b = np.swapaxes(e, -1, -2)
    abs_a, abs_b = np.abs(a), np.abs(b)
    kind = np.zeros(a.shape, dtype=np.int8)
    if conflict == "loser_moves":
        kind[(a > 0) & (b > 0) & (a > b)] = CONFLICT
    opposed = (a > 0) & (b < 0)
    kind[opposed & (abs_a > abs_b)] = COMPROMISE
    kind[opposed & (abs_b >= abs_a)] = CAPITULATION
    fraction = np.where(
        kind == COMPROMISE, np.divide(abs_b, abs_a, out=np.ones_like(a), where=abs_a > 0), 1.0
    )
    xi = x[..., :, None]
    xj = x[..., None, :]
    target = np.where(kind > 0, xj + (xi - xj) * fraction, xj)
    return Offers(kind, target, a)


@dataclass(frozen=True)
class Choice:
    """The offer each receiver accepted: proposer index (−1 for none), kind and new position."""

    proposer: NDArray[np.intp]
    kind: NDArray[np.int8]
    position: Array


def choose_offers(x: Array, offers: Offers, rule: str = "strongest", eps: float = 1e-12) -> Choice:
    """Each receiver j accepts one offer (SCS §6.2); receivers without offers keep x_j.

    ``"strongest"``: highest proposer expected utility, then smallest move, then lowest target;
    ``"least_move"``: smallest move, then highest proposer expected utility, then lowest target.
    """
    valid = offers.kind > 0
    move = np.abs(offers.target - x[..., None, :])
    strength = offers.strength
    keys = (strength, -move) if rule == "strongest" else (-move, strength)
    cand = valid
    for key in keys:
        masked = np.where(cand, key, -np.inf)
        best = masked.max(axis=-2, keepdims=True)
        slack = eps * np.maximum(np.abs(np.where(np.isfinite(best), best, 0.0)), 1.0)
        cand = cand & (masked >= best - slack)
    pick = np.where(cand, offers.target, np.inf).argmin(axis=-2)  # lowest target among the tied
    has = valid.any(axis=-2)
    kind = np.take_along_axis(offers.kind, pick[..., None, :], axis=-2)[..., 0, :]
    target = np.take_along_axis(offers.target, pick[..., None, :], axis=-2)[..., 0, :]
    return Choice(
        proposer=np.where(has, pick, -1),
        kind=np.where(has, kind, NONE).astype(np.int8),
        position=np.where(has, target, x),
    )
