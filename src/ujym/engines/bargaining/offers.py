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

from collections.abc import Callable
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
    x: Array,
    e: Array,
    conflict: str = "loser_moves",
    b: Array | None = None,
    close: Array | float = 0.0,
) -> Offers:
    """Classify every ordered pair and compute the position each offer asks for.

    ``e[..., i, j] = a``; ``b`` defaults to ``eᵀ`` (each actor's expected utility with its own
    risk exponent). Actors within ``close`` of each other (per run; the state tolerance) stand at
    one position and make each other no offer: their expected utilities are rounding noise.
    """
    a = e
    b = np.swapaxes(e, -1, -2) if b is None else b
    total, gap = a + b, a - b  # for a > 0 > b: |a| − |b| = a + b and |a| + |b| = a − b
    proposes = a > 0
    opposed = proposes & (b < 0)
    compromise = opposed & (total > TIE * gap)
    kind = compromise.astype(np.int8) * np.int8(COMPROMISE)
    kind += (opposed & ~compromise).astype(np.int8) * np.int8(CAPITULATION)
    if conflict == "loser_moves":
        kind += (proposes & (b > 0) & (gap > TIE * total)).astype(np.int8)  # CONFLICT = 1
    apart = np.abs(x[..., :, None] - x[..., None, :]) > np.asarray(close)[..., None, None]
    kind *= apart
    compromise &= apart
    # how far j goes toward x_i: |b/a| for a compromise, all the way otherwise, 0 with no offer
    fraction = np.divide(-b, a, out=(kind > 0).astype(np.float64), where=compromise)
    xj, xi = x[..., None, :], x[..., :, None]
    # a full move lands exactly on x_i (x_j + (x_i − x_j) may miss it by an ulp, and two actors
    # an ulp apart are not at one position: their vote sums are rounding noise)
    target = np.where((kind > 0) & ~compromise, xi, xj + (xi - xj) * fraction)
    return Offers(kind, target, a, b)


@dataclass(frozen=True)
class Choice:
    """The offer each receiver accepted: proposer index (−1 for none), kind and new position."""

    proposer: NDArray[np.intp]
    kind: NDArray[np.int8]
    position: Array


Key = Callable[[Array, Offers], Array]


def _move(x: Array, offers: Offers) -> Array:
    out: Array = np.abs(offers.target - x[..., None, :])
    return out


def _weaker(x: Array, offers: Offers) -> Array:
    return -offers.strength


def _kind(x: Array, offers: Offers) -> Array:
    return offers.kind.astype(np.float64)  # by_type: conflict < compromise < capitulation


def _compromise_strength(x: Array, offers: Offers) -> Array:
    return np.where(offers.kind == COMPROMISE, -offers.strength, 0.0)


def _compromise_weighted(x: Array, offers: Offers) -> Array:
    # the expected-utility-weighted mean of the two positions, lowest first
    abs_a, abs_b = np.abs(offers.strength), np.abs(offers.resistance)
    den = abs_a + abs_b
    top = abs_b * x[..., None, :] + abs_a * x[..., :, None]
    weighted = np.divide(top, den, out=np.zeros_like(den), where=den > 0)
    return np.where(offers.kind == COMPROMISE, weighted, 0.0)


def _keys(rule: str, compromise: str) -> list[Key]:
    """Keys to minimise, in order, among one receiver's offers (then the lowest target)."""
    if rule == "strongest":
        return [_weaker, _move]
    if rule == "least_move":
        return [_move, _weaker]
    if compromise == "least_move":
        return [_kind, _move]
    if compromise == "strongest":
        return [_kind, _compromise_strength, _move]
    return [_kind, _compromise_weighted, _move]


def _choose(x: Array, offers: Offers, valid: NDArray[np.bool_], keys: list[Key]) -> Choice:
    cand = valid
    tied = True
    for key in keys:
        tied = bool((cand.sum(axis=-2) > 1).any())
        if not tied:  # every receiver has at most one offer left: later keys change nothing
            break
        masked = np.where(cand, key(x, offers), np.inf)
        best = masked.min(axis=-2, keepdims=True)
        slack = TIE * np.maximum(np.abs(np.where(np.isfinite(best), best, 0.0)), 1.0)
        cand = cand & (masked <= best + slack)
    # the lowest target among the tied (targets within TIE of it count as that target, so that
    # rounding does not decide between two proposers at one place), then the lowest index
    if tied:
        masked = np.where(cand, offers.target, np.inf)
        low = masked.min(axis=-2, keepdims=True)
        slack = TIE * np.maximum(np.abs(np.where(np.isfinite(low), low, 0.0)), 1.0)
        cand = cand & (masked <= low + slack)
    pick = cand.argmax(axis=-2)
    has = valid.any(axis=-2)
    kind = np.take_along_axis(offers.kind, pick[..., None, :], axis=-2)[..., 0, :]
    target = np.take_along_axis(offers.target, pick[..., None, :], axis=-2)[..., 0, :]
    return Choice(
        proposer=np.where(has, pick, -1),
        kind=np.where(has, kind, NONE).astype(np.int8),
        position=np.where(has, target, x),
    )


def _settle_in_turn(x: Array, offers: Offers, valid: NDArray[np.bool_], keys: list[Key]) -> Choice:
    """The sequential reading: offers are settled one after another, the strongest first.

    Each step, every actor that can still move picks its preferred offer among proposers that
    have not moved. A receiver settles when its offer outranks (higher strength a, then lower
    index) both its proposer's own pending offer and every pending offer that asks someone to
    move to it. A settled receiver moves; its proposer holds its position for the rest of the
    round; offers from actors that moved lapse. The strongest pending offer always settles,
    so a round with any offer moves someone, and no actor accepts an offer from a proposer that
    moves in the same round.
    """
    shape = x.shape
    n = shape[-1]
    x2 = x.reshape(-1, n)
    full = Offers(
        offers.kind.reshape(-1, n, n),
        offers.target.reshape(-1, n, n),
        offers.strength.reshape(-1, n, n),
        offers.resistance.reshape(-1, n, n),
    )
    runs = x2.shape[0]
    moved = np.zeros((runs, n), dtype=bool)
    held = np.zeros((runs, n), dtype=bool)
    proposer = np.full((runs, n), -1, dtype=np.intp)
    kind = np.zeros((runs, n), dtype=np.int8)
    position = x2.copy()
    index = np.arange(n)
    rows = np.arange(runs)  # runs that may still have offers to settle
    ok = valid.reshape(-1, n, n)
    sub, xr = full, x2
    while True:
        mv, hd = moved[rows], held[rows]
        ok = ok & ~(mv | hd)[:, None, :] & ~mv[:, :, None]
        ch = _choose(xr, sub, ok, keys)
        pending = ch.proposer >= 0
        alive = pending.any(axis=-1)
        if not alive.any():
            break
        if 2 * int(alive.sum()) < alive.size:  # most runs are done: carry on with the rest only
            rows, ok, xr, pending, mv = rows[alive], ok[alive], xr[alive], pending[alive], mv[alive]
            sub = Offers(
                sub.kind[alive], sub.target[alive], sub.strength[alive], sub.resistance[alive]
            )
            ch = Choice(ch.proposer[alive], ch.kind[alive], ch.position[alive])
        pick = np.maximum(ch.proposer, 0)
        strength = np.take_along_axis(sub.strength, pick[:, None, :], axis=-2)[:, 0, :]
        order = np.argsort(np.where(pending, -strength, np.inf), axis=-1, kind="stable")
        rank = np.empty_like(order)
        np.put_along_axis(rank, order, np.broadcast_to(index, order.shape), axis=-1)
        rank = np.where(pending, rank, n)  # n: no pending offer
        # (1) the proposer has no pending offer of its own, or a lower-ranked one
        beats_proposer = rank < np.take_along_axis(rank, pick, axis=-1)
        # (2) no pending offer that asks someone to move to this actor outranks its own
        asks = pending[:, :, None] & (ch.proposer[:, :, None] == index)  # [k, j]: k ← j
        rival = np.where(asks, rank[:, :, None], n).min(axis=-2)
        settle = pending & beats_proposer & (rank < rival)
        proposer[rows] = np.where(settle, ch.proposer, proposer[rows])
        kind[rows] = np.where(settle, ch.kind, kind[rows])
        position[rows] = np.where(settle, ch.position, position[rows])
        moved[rows] = mv | settle
        held[rows] |= (settle[:, :, None] & (pick[:, :, None] == index)).any(axis=-2)
    return Choice(
        proposer=proposer.reshape(shape), kind=kind.reshape(shape), position=position.reshape(shape)
    )


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
    ``"lowest_weighted"``). Remaining ties: the lowest target (within :data:`TIE`), then the
    lowest proposer index.
    ``sequential``: no actor accepts an offer from a proposer that moves in the same round
    (offers settle in turn, the strongest first; see :func:`_settle_in_turn`).
    ``eps`` is kept for compatibility; ties are decided with :data:`TIE`.
    """
    valid = offers.kind > 0
    keys = _keys(rule, compromise)
    if sequential:
        return _settle_in_turn(x, offers, valid, keys)
    return _choose(x, offers, valid, keys)
