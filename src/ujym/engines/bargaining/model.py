"""Rounds of the model and the run to a stopping rule, vectorised across runs.

One round (Scholz, Calbert & Smith 2011, *SCS*, appendix steps 3–11), for every run at once:

1. μ, the median voter position, from pairwise votes (step 3);
2. P^i for every ordered pair (step 5, eqs. 30–31);
3. expected utilities with r = 1 (steps 4–7), security levels and risk exponents r_i
   (steps 8–9, eqs. 32–34), then expected utilities again with those r_i (step 10);
4. offers, their classification and each actor's choice among the offers it received
   (step 11, §6); all accepted offers take effect together.

A run stops at its stopping rule (:class:`ModelOptions`), and also as soon as it reaches a fixed
point (no position moves) or revisits an earlier state — a cycle, which is reported with its
period instead of looping on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ujym.engines.bargaining.offers import (
    KIND_NAMES,
    NONE,
    Choice,
    Offers,
    choose_offers,
    make_offers,
)
from ujym.engines.bargaining.options import ModelOptions
from ujym.engines.bargaining.reference import vote_numerators_reference
from ujym.engines.bargaining.risk import risk_exponents
from ujym.engines.bargaining.utility import basic_utilities, expected_utility, offer_utilities
from ujym.engines.bargaining.votes import (
    distances,
    pairwise_median,
    span,
    success_probabilities,
    vote_numerators,
    weighted_mean,
)

Array = NDArray[np.float64]

# why a run stopped
RAN_ALL_ROUNDS, FIXED_POINT, CYCLE, ROUND_CAP = 0, 1, 2, 3
STATUS_NAMES = {
    RAN_ALL_ROUNDS: "rounds",
    FIXED_POINT: "fixed point",
    CYCLE: "cycle",
    ROUND_CAP: "round cap",
}

# keep the largest array of one chunk near this many float64 elements: actors² a run for the fast
# kernels (about 2 MB, so that a round's arrays stay in cache), actors³/2 for the reference tensor
_CHUNK_ELEMENTS = {"fast": 250_000, "reference": 2_000_000}


@dataclass(frozen=True)
class RoundDetail:
    """Every intermediate value of one round (arrays carry the batch axis first)."""

    x: Array
    width: Array
    median: Array
    mean: Array
    p: Array  # P^i, [.., i, j], as used by the second pass
    e_first: Array  # E^i(U_ij) with r = 1
    r: Array  # risk exponents r_i
    e: Array  # E^i(U_ij) with r_i
    offers: Offers  # strength a and resistance b as the options read them
    choice: Choice
    p_first: Array | None = None  # P^i of the first pass (r = 1), when it differs from p

    @property
    def new_x(self) -> Array:
        """Each actor's new position (the offer it accepts, or where it stays)."""
        return self.choice.position


def _width(x: Array, options: ModelOptions, scale_width: Array) -> Array:
    return span(x) if options.distance_range == "positions" else scale_width


def play_round(
    x: Array, c: Array, s: Array, options: ModelOptions, scale_width: Array | float = 1.0
) -> RoundDetail:
    """One round for positions ``x`` (``runs × actors``), capabilities ``c``, saliences ``s``.

    ``scale_width`` is R under ``distance_range="scale"`` and ``"initial"`` (where the caller
    passes the width of the initial positions, as :func:`run_model` does).
    """
    x = np.asarray(x, dtype=np.float64)
    w = c * s
    sw = np.broadcast_to(np.asarray(scale_width, dtype=np.float64), x.shape[:-1])
    width = _width(x, options, sw)
    d = distances(x)
    mu = pairwise_median(x, w, width, options.median_ties, d)
    mean = weighted_mean(x, w)
    numerators = vote_numerators if options.kernel == "fast" else vote_numerators_reference
    p_first = success_probabilities(numerators(x, w, width, None), options.probability)
    bw = options.q != 1.0
    u_first = basic_utilities(x, mu, None, width, bw, d)
    e_first = expected_utility(p_first, s, u_first, options.q)
    if not options.risk:
        r, p, u, e = np.ones_like(x), p_first, u_first, e_first
    else:
        r = risk_exponents(e_first)
        p = p_first
        if options.vote_risk:
            p = success_probabilities(numerators(x, w, width, r), options.probability)
        u = basic_utilities(x, mu, r, width, bw, d)
        e = expected_utility(p, s, u, options.q)
    a, b = offer_utilities(
        p,
        s,
        options.q,
        u,
        e,
        options.risk and options.risk_exponent == "receiver",
        lambda: basic_utilities(x, mu, r, width, bw, d, by="challenged"),
    )
    offers = make_offers(x, a, options.conflict, b, options.tolerance * sw)
    choice = choose_offers(
        x,
        offers,
        options.offer_choice,
        compromise=options.compromise_choice,
        sequential=options.sequential,
    )
    return RoundDetail(
        x, width, mu, mean, p, e_first, r, e, offers, choice, None if p is p_first else p_first
    )


@dataclass(frozen=True)
class Move:
    """One accepted offer: in ``round`` actor ``actor`` moved from ``start`` to ``end`` on the
    offer of ``proposer`` (indices into the actors), of kind ``kind`` (:data:`KIND_NAMES`).
    """

    round: int
    actor: int
    proposer: int
    kind: str
    start: float
    end: float


@dataclass(frozen=True)
class Trajectory:
    """Runs of the model to their stopping rule.

    ``positions[t]`` are the positions after round t (``positions[0]`` the inputs); a run that
    stopped earlier repeats its last state. ``rounds[b]`` is the number of rounds run b played
    that moved someone (for a cycle: up to the state that repeats an earlier one).
    ``kinds[t, b, j]`` and ``proposers[t, b, j]`` record the offer actor j accepted in round
    t + 1 (kind code, proposer index or −1). A run that ends in a cycle has no single forecast:
    ``median_range[b]`` and ``mean_range[b]`` hold the (min, max) over the states of its cycle;
    for every other run both ends equal the final value.
    """

    positions: Array  # (T + 1, runs, actors)
    medians: Array  # (T + 1, runs)
    means: Array  # (T + 1, runs)
    kinds: NDArray[np.int8]  # (T, runs, actors): kind of offer each actor accepted in round t + 1
    rounds: NDArray[np.int64]  # (runs,)
    status: NDArray[np.int8]  # (runs,)
    period: NDArray[np.int64]  # (runs,) cycle length, 0 when no cycle
    median_range: Array  # (runs, 2): min and max of the median over the cycle (or final twice)
    mean_range: Array  # (runs, 2)
    proposers: NDArray[np.int32]  # (T, runs, actors): whose offer each actor accepted, −1 none

    @property
    def final_positions(self) -> Array:
        """Each run's actor positions after the last round."""
        out: Array = self.positions[-1]
        return out

    @property
    def forecast(self) -> Array:
        """The median voter position of each run's final state (for a cycle: where it was
        detected — report :attr:`median_range` for those runs).
        """
        out: Array = self.medians[-1]
        return out

    @property
    def forecast_mean(self) -> Array:
        """The mean position of each run's final state."""
        out: Array = self.means[-1]
        return out

    @property
    def is_range(self) -> NDArray[np.bool_]:
        """Runs whose median forecast is a range: they ended in a cycle along which it moves."""
        out: NDArray[np.bool_] = self.median_range[:, 0] < self.median_range[:, 1]
        return out

    def moves(self, run: int = 0) -> list[Move]:
        """Who moved to whom, round by round, in one run (needs ``history=True``)."""
        out = []
        for t in range(self.kinds.shape[0]):
            for j in np.flatnonzero(self.kinds[t, run]):
                out.append(
                    Move(
                        round=t + 1,
                        actor=int(j),
                        proposer=int(self.proposers[t, run, j]),
                        kind=KIND_NAMES[int(self.kinds[t, run, j])],
                        start=float(self.positions[t, run, j]),
                        end=float(self.positions[t + 1, run, j]),
                    )
                )
        return out


def _median_mean(x: Array, w: Array, options: ModelOptions, sw: Array) -> tuple[Array, Array]:
    width = _width(x, options, sw)
    return pairwise_median(x, w, width, options.median_ties), weighted_mean(x, w)


def _range_over(values: Array, inside: NDArray[np.bool_], final: Array, tol: Array) -> Array:
    """(min, max) of ``values[b, k]`` over the steps ``inside[b, k]``; a spread within ``tol``
    is no range (both ends are then the final value).
    """
    lo = np.where(inside, values, np.inf).min(axis=-1)
    hi = np.where(inside, values, -np.inf).max(axis=-1)
    flat = hi - lo <= tol
    return np.stack([np.where(flat, final, lo), np.where(flat, final, hi)], axis=-1)


def _run_pooled(
    x0: Array, c: Array, s: Array, options: ModelOptions, scale_width: Array, batch: int
) -> Trajectory:
    """Final states only, for many runs: a pool of ``batch`` runs plays round after round, and
    each run that stops hands its slot to the next waiting run, so that every round is a full
    vectorised batch (no long tail of rounds played by a few slow runs). Same numbers as
    :func:`_run_chunk`: every run's rounds are the same operations on the same values.
    """
    runs, n = x0.shape
    limit = options.round_limit
    init = span(x0) if options.distance_range == "initial" else scale_width
    tol_all = options.tolerance * scale_width
    final = np.empty((runs, n))
    fmed, fmean = np.empty(runs), np.empty(runs)
    rounds = np.zeros(runs, dtype=np.int64)
    status = np.zeros(runs, dtype=np.int8)
    period = np.zeros(runs, dtype=np.int64)
    median_range, mean_range = np.empty((runs, 2)), np.empty((runs, 2))
    size = min(batch, runs)
    slot_run = np.arange(size)
    waiting = size
    hist = np.empty((size, limit + 1, n))
    hist[:, 0] = x0[:size]
    probe = 1.0 + np.arange(n) / n  # unequal weights, so that swapped actors project apart
    probe_norm = float(probe.sum())
    proj = np.zeros((size, limit + 1))  # steps not yet played: 0, never compared (masked)
    proj[:, 0] = hist[:, 0] @ probe
    med, mean = np.empty((size, limit + 1)), np.empty((size, limit + 1))
    t = np.zeros(size, dtype=np.int64)
    live = np.ones(size, dtype=bool)
    steps = np.arange(limit + 1)
    while live.any():
        idx = np.flatnonzero(live)
        run = slot_run[idx]
        tt = t[idx]
        row = np.arange(idx.size)
        x = hist[idx, tt]
        detail = play_round(x, c[run], s[run], options, init[run])
        new = detail.new_x
        med[idx, tt], mean[idx, tt] = detail.median, detail.mean
        top = int(tt.max()) + 1
        tol = tol_all[run]
        # states equal within tol have projections within tol·Σv: compare those in full only
        key = new @ probe
        slack = (tol + 1e-12 * scale_width[run])[:, None] * probe_norm  # + the products' rounding
        near = np.abs(proj[idx, :top] - key[:, None]) <= slack
        near &= steps[None, :top] <= tt[:, None]
        same = np.zeros_like(near)
        rr, kk = np.nonzero(near)
        if rr.size:
            diff = np.abs(hist[idx[rr], kk] - new[rr]) <= tol[rr, None]
            same[rr, kk] = diff.all(axis=-1)
        fixed = same[row, tt]
        back_mask = same & (steps[None, :top] < tt[:, None])
        earlier = back_mask.any(axis=1) & ~fixed
        moving = ~fixed
        hist[idx[moving], tt[moving] + 1] = new[moving]
        proj[idx[moving], tt[moving] + 1] = key[moving]
        last = tt + moving
        ended = moving & ~earlier & (last >= limit)
        done = fixed | earlier | ended
        t[idx] = last
        if not done.any():
            continue
        d_idx, d_run, d_last = idx[done], run[done], last[done]
        final[d_run] = hist[d_idx, d_last]
        rounds[d_run] = d_last
        # the last state of a run that moved in this round has no median yet
        fresh = moving[done]
        if fresh.any():
            fw = c[d_run[fresh]] * s[d_run[fresh]]
            m, a = _median_mean(final[d_run[fresh]], fw, options, init[d_run[fresh]])
            med[d_idx[fresh], d_last[fresh]], mean[d_idx[fresh], d_last[fresh]] = m, a
        fmed[d_run], fmean[d_run] = med[d_idx, d_last], mean[d_idx, d_last]
        code = np.where(
            fixed[done],
            FIXED_POINT,
            np.where(
                earlier[done], CYCLE, RAN_ALL_ROUNDS if options.stopping == "rounds" else ROUND_CAP
            ),
        )
        status[d_run] = code
        median_range[d_run] = np.stack([fmed[d_run], fmed[d_run]], axis=-1)
        mean_range[d_run] = np.stack([fmean[d_run], fmean[d_run]], axis=-1)
        cyc = earlier[done]
        if cyc.any():
            back = np.argmax(back_mask[done][cyc], axis=1)
            c_idx, c_run, c_last = d_idx[cyc], d_run[cyc], d_last[cyc]
            period[c_run] = c_last - back
            inside = (steps[None, :] >= back[:, None]) & (steps[None, :] < c_last[:, None])
            for rng_, vals, fin in ((median_range, med, fmed), (mean_range, mean, fmean)):
                rng_[c_run] = _range_over(vals[c_idx], inside, fin[c_run], tol_all[c_run])
        # hand the slots to waiting runs
        k = min(d_idx.size, runs - waiting)
        if k:
            slots, fresh_runs = d_idx[:k], np.arange(waiting, waiting + k)
            waiting += k
            slot_run[slots] = fresh_runs
            hist[slots, 0] = x0[fresh_runs]
            proj[slots, 0] = hist[slots, 0] @ probe
            t[slots] = 0
        live[d_idx[k:]] = False
    none = np.zeros((0, runs, n), dtype=np.int8)
    return Trajectory(
        final[None],
        fmed[None],
        fmean[None],
        none,
        rounds,
        status,
        period,
        median_range,
        mean_range,
        np.zeros((0, runs, n), dtype=np.int32),
    )


def _run_chunk(
    x0: Array,
    c: Array,
    s: Array,
    options: ModelOptions,
    scale_width: Array,
    history: bool = True,
) -> Trajectory:
    runs, n = x0.shape
    limit = options.round_limit
    w = c * s
    width = span(x0) if options.distance_range == "initial" else scale_width
    hist = np.empty((limit + 1, runs, n))
    hist[0] = x0
    medians = np.empty((limit + 1, runs))
    means = np.empty((limit + 1, runs))
    kinds = np.zeros((limit if history else 0, runs, n), dtype=np.int8)
    proposers = np.full((limit if history else 0, runs, n), -1, dtype=np.int32)
    rounds = np.zeros(runs, dtype=np.int64)
    status = np.full(runs, RAN_ALL_ROUNDS if options.stopping == "rounds" else ROUND_CAP, np.int8)
    period = np.zeros(runs, dtype=np.int64)
    first = np.full(runs, -1, dtype=np.int64)  # the state a cycle returns to
    tol = options.tolerance * scale_width  # (runs,)
    active = np.arange(runs)
    last = np.zeros(runs, dtype=np.int64)  # index of each run's last stored state
    t = 0
    while t < limit and active.size:
        x = hist[t, active]
        detail = play_round(x, c[active], s[active], options, width[active])
        new = detail.new_x
        medians[t, active] = detail.median
        means[t, active] = detail.mean
        if history:
            kinds[t, active] = detail.choice.kind
            proposers[t, active] = detail.choice.proposer
        # compare with every stored state of these runs: (t + 1, active)
        same = np.all(
            np.abs(hist[: t + 1, active] - new[None]) <= tol[active][None, :, None], axis=-1
        )
        fixed = same[t]
        earlier = same[:t].any(axis=0) & ~fixed if t > 0 else np.zeros(active.size, bool)
        moving = ~fixed
        hist[t + 1, active] = np.where(fixed[:, None], x, new)
        rounds[active[moving]] = t + 1
        last[active] = np.where(fixed, t, t + 1)
        if earlier.any():
            back = np.argmax(same[:t], axis=0)
            period[active[earlier]] = (t + 1 - back)[earlier]
            first[active[earlier]] = back[earlier]
            status[active[earlier]] = CYCLE
        status[active[fixed]] = FIXED_POINT
        active = active[moving & ~earlier]
        t += 1
    played = t
    # the median and mean of each run's last state (not yet computed for runs that moved last)
    final = np.take_along_axis(hist, last[None, :, None], axis=0)[0]
    fmed, fmean = _median_mean(final, w, options, width)
    median_range = np.stack([fmed, fmed], axis=-1)
    mean_range = np.stack([fmean, fmean], axis=-1)
    cyc = np.flatnonzero(first >= 0)
    if cyc.size:  # states first .. last − 1 of a cycle all had their median computed
        steps = np.arange(played + 1)[None, :]
        inside = (steps >= first[cyc, None]) & (steps < last[cyc, None])
        for rng, values in ((median_range, medians), (mean_range, means)):
            rng[cyc] = _range_over(values[: played + 1, cyc].T, inside, rng[cyc, 0], tol[cyc])
    if not history:
        return Trajectory(
            final[None],
            fmed[None],
            fmean[None],
            kinds,
            rounds,
            status,
            period,
            median_range,
            mean_range,
            proposers,
        )
    hist = hist[: played + 1]
    kinds = kinds[:played]
    proposers = proposers[:played]
    # runs that stopped early repeat their last state
    steps = np.arange(played + 1)[:, None]
    idx = np.minimum(steps, last[None, :])
    hist = np.take_along_axis(hist, idx[:, :, None], axis=0)
    after = steps >= last[None, :]
    medians = np.where(after, fmed[None, :], medians[: played + 1])
    means = np.where(after, fmean[None, :], means[: played + 1])
    return Trajectory(
        hist, medians, means, kinds, rounds, status, period, median_range, mean_range, proposers
    )


def _pad(a: Array, length: int) -> Array:
    if a.shape[0] == length:
        return a
    extra = np.repeat(a[-1:], length - a.shape[0], axis=0)
    return np.concatenate([a, extra], axis=0)


def _pad_records(a: NDArray[Any], length: int, fill: int) -> NDArray[Any]:
    missing = length - a.shape[0]
    if missing <= 0:
        return a
    pad = np.full((missing, *a.shape[1:]), fill, dtype=a.dtype)
    return np.concatenate([a, pad], axis=0)


def concat_trajectories(parts: list[Trajectory]) -> Trajectory:
    """Join trajectories of disjoint sets of runs (padding shorter histories)."""
    if len(parts) == 1:
        return parts[0]
    length = max(p.positions.shape[0] for p in parts)
    records = max(p.kinds.shape[0] for p in parts)
    return Trajectory(
        positions=np.concatenate([_pad(p.positions, length) for p in parts], axis=1),
        medians=np.concatenate([_pad(p.medians, length) for p in parts], axis=1),
        means=np.concatenate([_pad(p.means, length) for p in parts], axis=1),
        kinds=np.concatenate([_pad_records(p.kinds, records, NONE) for p in parts], axis=1),
        rounds=np.concatenate([p.rounds for p in parts]),
        status=np.concatenate([p.status for p in parts]),
        period=np.concatenate([p.period for p in parts]),
        median_range=np.concatenate([p.median_range for p in parts]),
        mean_range=np.concatenate([p.mean_range for p in parts]),
        proposers=np.concatenate([_pad_records(p.proposers, records, -1) for p in parts], axis=1),
    )


def _run_compiled(
    x0: Array,
    c: Array,
    s: Array,
    options: ModelOptions,
    sw: Array,
    history: bool,
    workers: int | None,
) -> Trajectory:
    from ujym.engines.bargaining.compiled import run_compiled

    out = run_compiled(x0, c, s, options, sw, history, workers)
    runs, n = x0.shape
    rng = (out["median_range"], out["mean_range"])
    if not history:
        none = np.zeros((0, runs, n), dtype=np.int8)
        return Trajectory(
            out["final"][None], out["fmed"][None], out["fmean"][None], none, out["rounds"],
            out["status"], out["period"], *rng, np.zeros((0, runs, n), dtype=np.int32),
        )  # fmt: skip
    played = int(out["played"].max()) if runs else 0
    return Trajectory(
        np.ascontiguousarray(out["positions"][:, : played + 1].transpose(1, 0, 2)),
        np.ascontiguousarray(out["medians"][:, : played + 1].T),
        np.ascontiguousarray(out["means"][:, : played + 1].T),
        np.ascontiguousarray(out["kinds"][:, :played].transpose(1, 0, 2)),
        out["rounds"], out["status"], out["period"], *rng,
        np.ascontiguousarray(out["proposers"][:, :played].transpose(1, 0, 2)),
    )  # fmt: skip


def run_model(
    x0: Array,
    c: Array,
    s: Array,
    options: ModelOptions | None = None,
    scale_width: Array | float = 1.0,
    chunk_size: int | None = None,
    history: bool = True,
    workers: int | None = None,
) -> Trajectory:
    """Run the model for every run (row) of ``x0``, ``c``, ``s`` (``runs × actors``).

    One-dimensional inputs are treated as a single run. ``scale_width`` is the width of the
    issue scale (used by ``distance_range="scale"`` and by the tolerance). With the default
    ``kernel="compiled"`` every run plays its rounds in one compiled loop, the runs spread over
    ``workers`` threads (default: every core); with the numpy kernels runs are processed in
    chunks of ``chunk_size`` so that memory stays bounded, every chunk vectorised.
    ``history=False`` keeps only each run's final state (what a Monte Carlo sweep needs).

    Examples
    --------
    >>> import numpy as np
    >>> tr = run_model(np.array([0.0, 4.0, 10.0]), np.array([1.0, 2.0, 1.0]),
    ...                np.array([1.0, 0.5, 0.5]), ModelOptions(stopping="converged"), 10.0)
    >>> STATUS_NAMES[int(tr.status[0])], float(tr.forecast[0])
    ('fixed point', 0.0)
    """
    options = options or ModelOptions()
    x0 = np.atleast_2d(np.asarray(x0, dtype=np.float64))
    c = np.broadcast_to(np.atleast_2d(np.asarray(c, dtype=np.float64)), x0.shape)
    s = np.broadcast_to(np.atleast_2d(np.asarray(s, dtype=np.float64)), x0.shape)
    runs, n = x0.shape
    sw = np.broadcast_to(np.asarray(scale_width, dtype=np.float64), (runs,)).copy()
    if options.kernel == "compiled":
        return _run_compiled(x0, c, s, options, sw, history, workers)
    per_run = n * n if options.kernel == "fast" else n * n * max(n - 1, 1) // 2
    size = chunk_size or max(1, _CHUNK_ELEMENTS[options.kernel] // max(per_run, 1))
    if not history:
        return _run_pooled(x0, c, s, options, sw, size)
    parts = [
        _run_chunk(
            x0[a : a + size], c[a : a + size], s[a : a + size], options, sw[a : a + size], history
        )
        for a in range(0, runs, size)
    ]
    return concat_trajectories(parts)
