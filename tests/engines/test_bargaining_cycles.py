"""Cycles reported as ranges, and the sequential reading that removes stale-offer cycles."""

from __future__ import annotations

import numpy as np

from ujym.engines.bargaining import CYCLE, FIXED_POINT, preset, run_model
from ujym.engines.bargaining.montecarlo import Uncertainty, draw_inputs, sweep

# three actors that trade places: in round 1 A accepts B's conflict offer while B accepts C's and
# C accepts A's — every proposer moves away in the round its offer is accepted (a stale offer)
X, C, S = [10.0, 0.0, 3.0], [0.9, 0.4, 0.4], [0.3, 0.1, 0.1]
SIMULTANEOUS = preset("as-printed", stopping="converged", distance_range="scale", max_rounds=50)


def test_a_cycling_run_reports_the_range_over_its_cycle():
    tr = run_model(X, C, S, SIMULTANEOUS, 10.0)
    assert tr.status[0] == CYCLE and tr.period[0] == 2 and tr.is_range[0]
    cycle = tr.medians[: tr.rounds[0], 0][-tr.period[0] :]  # the states the run keeps returning to
    assert sorted(cycle.tolist()) == [0.0, 10.0]
    assert tr.median_range[0].tolist() == [cycle.min(), cycle.max()]
    means = tr.means[: tr.rounds[0], 0][-tr.period[0] :]
    assert tr.mean_range[0].tolist() == [means.min(), means.max()]
    # where detection stopped is only one end of the range
    assert tr.forecast[0] in (0.0, 10.0) and tr.median_range[0, 0] < tr.median_range[0, 1]


def test_the_cycle_comes_from_stale_offers():
    tr = run_model(X, C, S, SIMULTANEOUS, 10.0)
    first = [m for m in tr.moves(0) if m.round == 1]
    movers = {m.actor for m in first}
    assert len(first) == 3 and all(m.proposer in movers for m in first)


def test_the_sequential_reading_removes_it():
    tr = run_model(X, C, S, SIMULTANEOUS.with_(sequential=True), 10.0)
    assert tr.status[0] == FIXED_POINT and tr.period[0] == 0 and not tr.is_range[0]
    for t in range(1, tr.rounds[0] + 1):
        moves = [m for m in tr.moves(0) if m.round == t]
        assert moves, "a round with an offer on the table moves someone"
        assert not {m.proposer for m in moves} & {m.actor for m in moves}
    assert tr.median_range[0, 0] == tr.median_range[0, 1] == tr.forecast[0]


def test_sequential_rounds_never_accept_from_a_moving_proposer():
    rng = np.random.default_rng(3)
    shape = (100, 20)
    x, c, s = rng.uniform(0, 100, shape), rng.uniform(0.05, 1, shape), rng.uniform(0.2, 1, shape)
    opts = preset("ujym", stopping="converged", max_rounds=30)
    tr = run_model(x, c, s, opts, 100.0)
    moved = tr.kinds > 0
    prop = np.where(moved, tr.proposers, 0)
    proposer_moved = np.take_along_axis(moved, prop, axis=-1)
    assert moved.any() and not (moved & proposer_moved).any()
    simultaneous = run_model(x, c, s, opts.with_(sequential=False), 100.0, history=False)
    assert (simultaneous.status == CYCLE).mean() > 0.5 > 2 * (tr.status == CYCLE).mean()


def test_the_monte_carlo_summary_counts_ranges():
    from ujym.pipeline.bargaining import simulate_bargaining

    res = simulate_bargaining("csto-new-type", runs=300, seed=2, options=preset("scholz2011"))
    fr = res.forecast
    cycles = int((fr["stopped"] == "cycle").sum())
    assert res.summary["ranges"] == int((fr["median_low"] < fr["median_high"]).sum())
    assert cycles >= res.summary["ranges"] and cycles > 0
    lo, hi = res.summary["interval"]
    assert (
        lo <= fr["median_low"].quantile(0.05) + 1e-9
        and hi >= fr["median_high"].quantile(0.95) - 1e-9
    )
    p_lo, p_hi = res.summary["p_above_threshold_range"]
    assert p_lo <= p_hi and res.summary["p_above_threshold"] == p_lo


def test_draws_and_sweep_keep_ranges():
    unc = [{"position": Uncertainty.plus_minus(v, 2.0)} for v in X]
    d = draw_inputs(X, C, S, unc, 40, 1, (0.0, 10.0))
    swept = sweep(d, SIMULTANEOUS, 10.0, chunk_runs=7)
    whole = run_model(d.position, d.capability, d.salience, SIMULTANEOUS, 10.0)
    np.testing.assert_array_equal(swept.median_range, whole.median_range)
    assert swept.is_range.any()
