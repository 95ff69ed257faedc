"""Offers and their classification (Scholz, Calbert & Smith 2011, *SCS* §6, fig. 6, §6.2).

For the ordered pair (i proposer, j receiver) with ``a = E(U_ij)``, the proposer's expected
utility of challenging j, and ``b = E(U_ji)``, the receiver's of challenging i (whose risk
exponent evaluates a is option ``risk_exponent``):

* **conflict** — ``a > 0`` and ``b > 0``: both expect to win. With ``a > b`` j, the weaker
  party, moves fully to x_i (option ``conflict="no_move"``: nobody moves). ``a = b``: no move.
* **compromise** — ``a > 0 > b`` and ``|a| > |b|``: j moves part way toward i (eq. 35)::

      x_j ← x_j + (x_i − x_j) · |b / a|

* **capitulation** — ``a > 0 > b`` and ``|b| ≥ |a|``: j moves fully to x_i.
* otherwise (``a ≤ 0``): i makes j no offer; ``a < 0`` and ``b < 0`` is the status quo.

Comparisons of a with b treat values within 1e-12 (relative) as equal, so that a tie does not
depend on rounding. Each receiver accepts at most one offer per round (§6.2, option
``offer_choice``); all accepted offers take effect together at the end of the round, unless
``sequential`` forbids accepting an offer from a proposer that itself accepts one.
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
TIE = 1e-12  # relative: |a − b| ≤ TIE (|a| + |b|) is a tie


@dataclass(frozen=True)
class Offers:
    """Every offer of a round, ``[..., i, j]`` = proposer i → receiver j."""

    kind: NDArray[np.int8]
    target: Array  # the position j is asked to take
    strength: Array  # a = E(U_ij), how enforceable the offer is
    resistance: Array  # b = E(U_ji), the receiver's own expected utility of challenging i


def make_offers(
    x: Array, e: Array, conflict: str = "loser_moves", b: Array | None = None
) -> Offers:
    """Classify every ordered pair and compute the position each offer asks for.

    ``e[..., i, j] = a``; ``b`` defaults to ``eᵀ`` (each actor's expected utility with its own
    risk exponent).
    """
    a = e
    b = np.swapaxes(e, -1, -2) if b is None else b
    abs_a, abs_b = np.abs(a), np.abs(b)
    slack = TIE * (abs_a + abs_b)
    kind = np.zeros(a.shape, dtype=np.int8)
    if conflict == "loser_moves":
        kind[(a > 0) & (b > 0) & (a - b > slack)] = CONFLICT
    opposed = (a > 0) & (b < 0)
    wins = abs_a - abs_b > slack
    kind[opposed & wins] = COMPROMISE
    kind[opposed & ~wins] = CAPITULATION
    fraction = np.where(
        kind == COMPROMISE, np.divide(abs_b, abs_a, out=np.ones_like(a), where=abs_a > 0), 1.0
    )
    xi = x[..., :, None]
    xj = x[..., None, :]
    target = np.where(kind > 0, xj + (xi - xj) * fraction, xj)
    return Offers(kind, target, a, b)


@dataclass(frozen=True)
class Choice:
    """The offer each receiver accepted: proposer index (−1 for none), kind and new position."""

    proposer: NDArray[np.intp]
    kind: NDArray[np.int8]
    position: Array


def _keys(x: Array, offers: Offers, rule: str, compromise: str) -> list[Array]:
    """Keys to minimise, in order, among one receiver's offers (then the lowest target)."""
    move = np.abs(offers.target - x[..., None, :])
    if rule == "strongest":
        return [-offers.strength, move]
    if rule == "least_move":
        return [move, -offers.strength]
    kind = offers.kind.astype(np.float64)  # by_type: conflict < compromise < capitulation
    if compromise == "least_move":
        return [kind, move]
    is_compromise = offers.kind == COMPROMISE
    if compromise == "strongest":
        return [kind, np.where(is_compromise, -offers.strength, 0.0), move]
    # lowest_weighted: the expected-utility-weighted mean of the two positions, lowest first
    abs_a, abs_b = np.abs(offers.strength), np.abs(offers.resistance)
    xi, xj = x[..., :, None], x[..., None, :]
    den = abs_a + abs_b
    weighted = np.divide(abs_b * xj + abs_a * xi, den, out=np.zeros_like(den), where=den > 0)
    return [kind, np.where(is_compromise, weighted, 0.0), move]


def _choose(x: Array, offers: Offers, valid: NDArray[np.bool_], keys: list[Array]) -> Choice:
    cand = valid
    for key in keys:
        masked = np.where(cand, key, np.inf)
        best = masked.min(axis=-2, keepdims=True)
        slack = TIE * np.maximum(np.abs(np.where(np.isfinite(best), best, 0.0)), 1.0)
        cand = cand & (masked <= best + slack)
    pick = np.where(cand, offers.target, np.inf).argmin(axis=-2)  # lowest target among the tied
    has = valid.any(axis=-2)
    kind = np.take_along_axis(offers.kind, pick[..., None, :], axis=-2)[..., 0, :]
    target = np.take_along_axis(offers.target, pick[..., None, :], axis=-2)[..., 0, :]
    return Choice(
        proposer=np.where(has, pick, -1),
        kind=np.where(has, kind, NONE).astype(np.int8),
        position=np.where(has, target, x),
    )


def _settle_in_turn(
    x: Array, offers: Offers, valid: NDArray[np.bool_], keys: list[Array]
) -> Choice:
    """The sequential reading: offers are settled one after another, the strongest first.

    Each step, every actor that can still move picks its preferred offer among proposers that
    have not moved. A receiver settles when its offer outranks (higher strength a, then lower
    index) both its proposer's own pending offer and every pending offer that asks someone to
    move to it. A settled receiver moves; its proposer holds its position for the rest of the
    round; offers from actors that moved lapse. The strongest pending offer always settles,
    so a round with any offer moves someone, and no actor accepts an offer from a proposer that
    moves in the same round.
    """
    n = x.shape[-1]
    moved = np.zeros(x.shape, dtype=bool)
    held = np.zeros(x.shape, dtype=bool)
    proposer = np.full(x.shape, -1, dtype=np.intp)
    kind = np.zeros(x.shape, dtype=np.int8)
    position = x.copy()
    index = np.arange(n)
    while True:
        can_move = ~(moved | held)
        valid = valid & can_move[..., None, :] & ~moved[..., :, None]
        ch = _choose(x, offers, valid, keys)
        pending = ch.proposer >= 0
        if not pending.any():
            break
        pick = np.maximum(ch.proposer, 0)
        strength = np.take_along_axis(offers.strength, pick[..., None, :], axis=-2)[..., 0, :]
        order = np.argsort(np.where(pending, -strength, np.inf), axis=-1, kind="stable")
        rank = np.empty_like(order)
        np.put_along_axis(rank, order, np.broadcast_to(index, order.shape), axis=-1)
        rank = np.where(pending, rank, n)  # n: no pending offer
        # (1) the proposer has no pending offer of its own, or a lower-ranked one
        beats_proposer = rank < np.take_along_axis(rank, pick, axis=-1)
        # (2) no pending offer that asks someone to move to this actor outranks its own
        asks = pending[..., :, None] & (ch.proposer[..., :, None] == index)  # [k, j]: k ← j
        rival = np.where(asks, rank[..., :, None], n).min(axis=-2)
        settle = pending & beats_proposer & (rank < rival)
        proposer = np.where(settle, ch.proposer, proposer)
        kind = np.where(settle, ch.kind, kind)
        position = np.where(settle, ch.position, position)
        moved |= settle
        held |= (settle[..., :, None] & (pick[..., :, None] == index)).any(axis=-2)
    return Choice(proposer=proposer, kind=kind, position=position)


def choose_offers(
    x: Array,
    offers: Offers,
    rule: str = "strongest",
    eps: float = TIE,
    compromise: str = "least_move",
    sequential: bool = False,
) -> Choice:
    """Each receiver j accepts one offer (SCS §6.2); receivers without offers keep x_j.

    ``"strongest"``: highest proposer expected utility, then smallest move;
    ``"least_move"``: smallest move, then highest proposer expected utility;
    ``"by_type"``: conflict, then compromise, then capitulation; within a type the smallest move,
    except that compromises are ranked by ``compromise`` (``"least_move"``, ``"strongest"`` or
    ``"lowest_weighted"``). Remaining ties: the lowest target, then the lowest proposer index.
    ``sequential``: no actor accepts an offer from a proposer that moves in the same round
    (offers settle in turn, the strongest first; see :func:`_settle_in_turn`).
    ``eps`` is kept for compatibility; ties are decided with :data:`TIE`.
    """
    valid = offers.kind > 0
    keys = _keys(x, offers, rule, compromise)
    if sequential:
        return _settle_in_turn(x, offers, valid, keys)
    return _choose(x, offers, valid, keys)
