"""Published values of the EU emission-standards example and the known defects, pinned absent."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from ujym.engines.bargaining import (
    CYCLE,
    FIXED_POINT,
    PRESETS,
    ModelOptions,
    play_round,
    preset,
    run_model,
)
from ujym.engines.bargaining.offers import CAPITULATION, make_offers
from ujym.engines.bargaining.votes import pairwise_median, span, weighted_mean


@pytest.fixture(scope="module")
def eu(reference_dir):
    df = pd.read_csv(reference_dir / "bdm_eu_emissions_example.csv")
    return (
        df.position.to_numpy(float),
        df.capability.to_numpy(float),
        df.salience.to_numpy(float) / 100,
    )


def test_initial_weighted_mean(eu):
    x, c, s = eu
    assert weighted_mean(x[None], (c * s)[None])[0] == pytest.approx(7.38996, abs=5e-6)
    assert (c * s).sum() == pytest.approx(0.677) and (c * s * x).sum() == pytest.approx(5.003)


def test_initial_pairwise_vote_median(eu):
    x, c, s = eu
    assert pairwise_median(x[None], (c * s)[None], span(x[None]))[0] == 7.0


def test_median_is_not_the_mean(eu):
    # defect: a "median" that computes the mean
    x, c, s = eu
    detail = play_round(x[None], c[None], s[None], ModelOptions(), 6.0)
    assert detail.median[0] == 7.0 and detail.mean[0] != pytest.approx(7.0)


def test_as_printed_reading_runs_to_a_fixed_point_at_ten(eu):
    # NOT a published value: the as-printed reading's own behaviour on the example (the paper
    # reports 8.4, 9.9, ... — pinned for the scholz2011 preset in test_bargaining_replication.py)
    x, c, s = eu
    tr = run_model(x, c, s, preset("as-printed"), 6.0)
    assert tr.status[0] == FIXED_POINT and tr.period[0] == 0
    assert tr.rounds[0] == 3
    assert tr.medians[:, 0].tolist()[:4] == [7.0, 10.0, 10.0, 10.0]
    assert tr.forecast[0] == 10.0
    assert tr.median_range[0].tolist() == [10.0, 10.0]


@pytest.mark.parametrize("name", sorted(PRESETS))
@pytest.mark.parametrize("stopping", ["rounds", "converged"])
@pytest.mark.parametrize("conflict", ["loser_moves", "no_move"])
@pytest.mark.parametrize("choice", ["strongest", "least_move", "by_type"])
def test_never_loops_silently(eu, name, stopping, conflict, choice):
    # defect: oscillation (Belgium switching partners, the median flipping 7 ↔ 10) with no stop
    x, c, s = eu
    opts = preset(name, stopping=stopping, conflict=conflict, offer_choice=choice, max_rounds=60)
    tr = run_model(x, c, s, opts, 6.0)
    assert tr.rounds[0] <= opts.round_limit
    # every state a run visits is new, except the one a cycle returns to — which is reported
    states = tr.positions[: tr.rounds[0] + 1, 0]
    repeats = [
        (a, b)
        for a, b in itertools.combinations(range(len(states)), 2)
        if np.allclose(states[a], states[b], rtol=0, atol=opts.tolerance * 6.0)
    ]
    if tr.status[0] == CYCLE:
        assert repeats == [(len(states) - 1 - tr.period[0], len(states) - 1)]
    else:
        assert repeats == []


def test_cycles_are_detected_and_reported():
    # three actors that trade places on stale offers: each accepts a conflict offer from a
    # proposer that itself moves in the same round, so the state returns every second round
    x, c, s = [10.0, 0.0, 3.0], [0.9, 0.4, 0.4], [0.3, 0.1, 0.1]
    opts = preset("as-printed", stopping="converged", distance_range="scale", max_rounds=50)
    tr = run_model(x, c, s, opts, 10.0)
    assert tr.status[0] == CYCLE and tr.period[0] == 2 and tr.rounds[0] == 2


def test_capitulation_branch_runs(eu):
    # defect: a capitulation test comparing a value with its own absolute value never fires
    x, c, s = eu
    d = play_round(x[None], c[None], s[None], preset("as-printed", conflict="no_move"), 6.0)
    offers = make_offers(x[None], d.e)
    e = np.array([[[0.0, 0.2], [-0.5, 0.0]]])
    assert make_offers(np.array([[0.0, 1.0]]), e).kind[0, 0, 1] == CAPITULATION
    assert offers.kind.shape == (1, 10, 10)


def test_one_minus_q_sign(eu):
    # defect: a flipped sign on the (1 − Q) term; with Q < 1 E must fall as U_b/U_w rise
    x, c, s = eu
    d1 = play_round(x[None], c[None], s[None], preset("as-printed", q=1.0, risk=False), 6.0)
    d5 = play_round(x[None], c[None], s[None], preset("as-printed", q=0.5, risk=False), 6.0)
    # r = 1: U_sq = 0; E(Q) = E(1) − (1 − Q)(T U_b + (1 − T) U_w) with U_b = δ_m, U_w = −δ_m
    mu = 7.0
    dm = (np.abs(x - mu)[:, None] + np.abs(x[:, None] - x[None, :])) / 6.0
    t = (np.abs(x - mu)[:, None] < np.abs(x[:, None] - x[None, :])).astype(float)
    expected = d1.e[0] - 0.5 * (t * dm - (1 - t) * dm)
    np.fill_diagonal(expected, 0.0)
    assert d5.e[0] == pytest.approx(expected)
