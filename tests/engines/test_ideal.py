"""Dynamic ideal-point engine: numerics, recovery on simulated votes, determinism, direction."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from ideal_helpers import simulate_votes
from ujym.core.votes import Vote, VoteMatrix
from ujym.engines.ideal import IdealSettings, fit, prepare
from ujym.engines.ideal.bootstrap import bootstrap_sd
from ujym.engines.ideal.data import ABSTAIN, NO, YES
from ujym.engines.ideal.kalman import smooth_random_walks
from ujym.engines.ideal.truncnorm import truncated_moments, truncated_moments_grouped

# ---- numerics ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lo", "hi"),
    [(0.0, np.inf), (-np.inf, 0.0), (0.0, 1.0), (1.0, np.inf), (-np.inf, -3.0), (2.0, 2.5)],
)
def test_truncated_moments_match_scipy(lo: float, hi: float) -> None:
    mu = np.array([-9.0, -3.0, -0.5, 0.0, 0.7, 2.0, 8.0])
    sd = np.array([1.0, 0.5, 1.0, 2.0, 1.0, 0.3, 1.0])
    lo_a, hi_a = np.full_like(mu, lo), np.full_like(mu, hi)
    mean, var = truncated_moments(mu, sd, lo_a, hi_a)
    a, b = (lo - mu) / sd, (hi - mu) / sd
    ref_mean, ref_var = stats.truncnorm.stats(a, b, loc=mu, scale=sd, moments="mv")
    ok = np.isfinite(ref_mean) & np.isfinite(ref_var)
    assert np.allclose(mean[ok], ref_mean[ok], rtol=1e-6, atol=1e-6)
    assert np.allclose(var[ok], ref_var[ok], rtol=1e-4, atol=1e-7)
    # far tails stay finite and inside the interval
    assert np.all(np.isfinite(mean)) and np.all(var > 0)
    assert np.all(mean >= lo - 1e-9) and np.all(mean <= hi + 1e-9)


def test_grouped_moments_equal_general_ones() -> None:
    rng = np.random.default_rng(3)
    mu = rng.normal(0, 3, 300)
    sd = rng.uniform(0.2, 2, 300)
    lo = np.r_[np.zeros(100), np.full(100, -np.inf), np.zeros(100)]
    hi = np.r_[np.full(100, np.inf), np.zeros(100), np.ones(100)]
    m1, v1 = truncated_moments(mu, sd, lo, hi)
    m2, v2 = truncated_moments_grouped(mu, sd, lo, hi, 100, 100)
    assert np.allclose(m1, m2) and np.allclose(v1, v2)


def test_kalman_smoother_equals_dense_gaussian_posterior() -> None:
    rng = np.random.default_rng(0)
    n, t_n, omega2, prior_var = 3, 6, 0.3, 1.5
    prec = rng.uniform(0.5, 4.0, (n, t_n))
    prec[1, 2] = 0.0  # a session without votes
    info = rng.normal(0, 2, (n, t_n)) * prec
    first = np.array([0, 1, 0])
    last = np.array([5, 5, 3])
    prec[1, 0] = info[1, 0] = 0.0
    prec[2, 4:] = info[2, 4:] = 0.0
    gap = np.array([1.0, 1.0, 2.0, 1.0, 1.0, 1.0])
    mean, var = smooth_random_walks(prec, info, first, last, gap, omega2, 0.0, prior_var)
    for i in range(n):
        ts = np.arange(first[i], last[i] + 1)
        k = len(ts)
        q = np.zeros((k, k))
        q[0, 0] += 1.0 / prior_var
        for a in range(1, k):
            w = 1.0 / (omega2 * gap[ts[a]])
            q[a, a] += w
            q[a - 1, a - 1] += w
            q[a, a - 1] -= w
            q[a - 1, a] -= w
        q += np.diag(prec[i, ts])
        cov = np.linalg.inv(q)
        assert np.allclose(mean[i, ts], cov @ info[i, ts], atol=1e-10)
        assert np.allclose(var[i, ts], np.diag(cov), atol=1e-10)


def test_bridges_merge_chains_into_one_item() -> None:
    votes = np.array([[1, 1, 3, 1], [3, 3, 1, 1], [2, 1, 3, 3]], dtype=np.int8)
    vm = VoteMatrix(
        ccodes=np.array([2, 20, 365], dtype=np.int16),
        rcids=np.array([10, 20, 30, 40], dtype=np.int32),
        votes=votes,
        session=np.array([1, 2, 3, 3], dtype=np.int16),
        year=np.array([1946, 1947, 1948, 1948], dtype=np.int16),
        important=np.zeros(4, dtype=bool),
    )
    d = prepare(vm, np.array([[10, 20], [20, 30], [40, 999]]))
    assert d.n_items == 2
    assert sorted(map(sorted, d.item_rcids)) == [[10, 20, 30], [40]]
    assert d.n_bridged_pairs_used == 2
    assert list(d.periods) == [1, 2, 3]
    # yes/abstain/no → 2/1/0 on the latent scale
    assert set(np.unique(d.obs_y)) == {NO, ABSTAIN, YES}


def test_unanimous_roll_calls_are_dropped() -> None:
    vm = VoteMatrix(
        ccodes=np.array([2, 20, 365], dtype=np.int16),
        rcids=np.array([1, 2], dtype=np.int32),
        votes=np.array([[1, 1], [1, 3], [1, Vote.ABSENT]], dtype=np.int8),
        session=np.array([1, 1], dtype=np.int16),
        year=np.array([1946, 1946], dtype=np.int16),
        important=np.zeros(2, dtype=bool),
    )
    d = prepare(vm)
    assert d.n_items == 1 and d.n_rollcalls_dropped_unanimous == 1
    assert d.n_states == 2  # state 365 voted only on the unanimous roll call


# ---- recovery on simulated votes ----------------------------------------------------------------

#: Thresholds met on simulated data with 60 states, 12 sessions, 40 roll calls a session and
#: random-walk steps of SD 0.3 (typical values 0.96, 0.955, 0.85, 0.75).
POOLED_MIN = 0.93
SESSION_MIN = 0.92
WITHIN_STATE_MIN = 0.75
CHANGES_MIN = 0.6


@pytest.mark.parametrize("sim_seed", [1, 2, 3])
def test_recovers_simulated_random_walk_positions(sim_seed: int) -> None:
    vm, truth = simulate_votes(seed=sim_seed)
    f = fit(prepare(vm), seed=0)
    est = f.mean
    assert f.converged
    assert np.corrcoef(est.ravel(), truth.ravel())[0, 1] > POOLED_MIN
    per_session = [np.corrcoef(est[:, t], truth[:, t])[0, 1] for t in range(truth.shape[1])]
    assert min(per_session) > SESSION_MIN
    # the dynamic part: each state's path around its own mean, and session-to-session moves
    dev_est = est - est.mean(axis=1, keepdims=True)
    dev_true = truth - truth.mean(axis=1, keepdims=True)
    assert np.corrcoef(dev_est.ravel(), dev_true.ravel())[0, 1] > WITHIN_STATE_MIN
    moves = np.corrcoef(np.diff(est, axis=1).ravel(), np.diff(truth, axis=1).ravel())[0, 1]
    assert moves > CHANGES_MIN


def test_scale_is_standardised_and_uncertainty_is_positive() -> None:
    vm, _ = simulate_votes(seed=4)
    f = fit(prepare(vm), seed=0)
    obs = f.counts > 0
    assert abs(f.mean[obs].mean()) < 1e-6
    assert abs(f.mean[obs].std() - 1.0) < 1e-6
    assert np.all(f.sd[obs] > 0) and np.all(np.isfinite(f.sd[obs]))


def test_more_votes_give_smaller_standard_errors() -> None:
    vm, _ = simulate_votes(seed=5, items_per_session=15)
    vm_big, _ = simulate_votes(seed=5, items_per_session=80)
    small = fit(prepare(vm), seed=0).sd.mean()
    big = fit(prepare(vm_big), seed=0).sd.mean()
    assert big < small


def test_bootstrap_standard_errors_are_larger_than_variational_ones() -> None:
    vm, _ = simulate_votes(seed=6)
    d = prepare(vm)
    f = fit(d, seed=0)
    boot = bootstrap_sd(d, f, n=4, seed=1)
    obs = f.counts > 0
    assert np.all(np.isfinite(boot[obs]))
    assert boot[obs].mean() > 0.5 * f.sd[obs].mean()
    assert np.array_equal(boot, bootstrap_sd(d, f, n=4, seed=1))


# ---- determinism and identification --------------------------------------------------------------


def test_same_seed_gives_identical_results() -> None:
    vm, _ = simulate_votes(seed=7)
    d = prepare(vm)
    a, b = fit(d, seed=11), fit(d, seed=11)
    assert np.array_equal(a.mean, b.mean) and np.array_equal(a.sd, b.sd)
    assert a.iterations == b.iterations


def test_different_seeds_reach_the_same_solution() -> None:
    vm, _ = simulate_votes(seed=7)
    d = prepare(vm)
    a, b = fit(d, seed=1), fit(d, seed=2)
    obs = a.counts > 0
    assert np.max(np.abs(a.mean[obs] - b.mean[obs])) < 0.02


@pytest.mark.parametrize("us_position", [2.0, -2.0])
def test_direction_is_fixed_by_the_united_states(us_position: float) -> None:
    """Higher = closer to the US: the US ends positive whatever side the simulation put it on."""
    vm, truth = simulate_votes(seed=8)
    row = vm.row(2)
    if us_position < 0:
        # mirror the world: every position flips, so the simulated US is on the low side
        flipped = vm.votes.copy()
        flipped[vm.votes == Vote.YES] = Vote.NO
        flipped[vm.votes == Vote.NO] = Vote.YES
        vm = VoteMatrix(vm.ccodes, vm.rcids, flipped, vm.session, vm.year, vm.important)
        truth = -truth
    f = fit(prepare(vm), seed=0)
    us = f.mean[list(f.data.ccodes).index(2)]
    assert us.mean() > 0
    assert truth[row].mean() * us_position > 0
    # positions agree with the truth up to the sign that puts the US up
    sign = np.sign(truth[row].mean())
    assert sign * np.corrcoef(f.mean.ravel(), truth.ravel())[0, 1] > POOLED_MIN
    assert f.anchor == 2


def test_falls_back_to_other_anchors_without_the_us() -> None:
    vm, _ = simulate_votes(seed=9)
    ccodes = vm.ccodes.copy()
    ccodes[ccodes == 2] = 200  # the anchor is now the United Kingdom
    order = np.argsort(ccodes)
    vm = VoteMatrix(ccodes[order], vm.rcids, vm.votes[order], vm.session, vm.year, vm.important)
    f = fit(prepare(vm), seed=0)
    assert f.anchor == 200
    assert f.mean[list(f.data.ccodes).index(200)].mean() > 0


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError):
        IdealSettings(omega2=0.0)
    with pytest.raises(ValueError):
        IdealSettings(tol=0.0)
