"""A three-actor case whose every intermediate value is computed by hand below (as-printed reading;
the other readings' hand checks are in test_bargaining_kernels.py).

Actors A, B, C: positions x = (0, 4, 10) on a 0–10 scale, capabilities c = (1, 2, 1), saliences
s = (1, 0.5, 0.5); weights w = c·s = (1, 1, 0.5); distances are divided by R = 10.
"""

from __future__ import annotations

import numpy as np
import pytest

from ujym.engines.bargaining import play_round, preset
from ujym.engines.bargaining.offers import (
    CAPITULATION,
    COMPROMISE,
    CONFLICT,
    NONE,
    choose_offers,
    make_offers,
)
from ujym.engines.bargaining.votes import vote_tensor

X = np.array([[0.0, 4.0, 10.0]])
C = np.array([[1.0, 2.0, 1.0]])
S = np.array([[1.0, 0.5, 0.5]])
OPTS = preset("as-printed", distance_range="scale")  # R = 10 (also x_max − x_min here)


@pytest.fixture(scope="module")
def detail():
    return play_round(X, C, S, OPTS, 10.0)


def test_votes_by_hand():
    v = vote_tensor(X, C, S, np.array([10.0]))[0]
    # v_A^{BC} = 2·1·(|0−10| − |0−4|)/10 = 2·6/10 = 1.2
    assert v[0, 1, 2] == pytest.approx(1.2)
    # v_C^{BA} = 2·0.5·(|10−0| − |10−4|)/10 = 1·4/10 = 0.4
    assert v[2, 1, 0] == pytest.approx(0.4)
    # v_B^{AC} = 2·1·(|4−10| − |4−0|)/10 = 2·2/10 = 0.4
    assert v[1, 0, 2] == pytest.approx(0.4)
    # totals Σ_k Σ_i v_i^{jk}: Σ_i w_i Σ_k d_ik = 1·14 + 1·10 + 0.5·16 = 32;
    # Σ_i w_i d_ij = 9 (A), 7 (B), 16 (C) → T_j = 2(32 − 3·that)/10 = 1.0, 2.2, −3.2
    totals = v.sum(axis=(0, 2))
    assert totals == pytest.approx([1.0, 2.2, -3.2])


def test_median_and_mean_by_hand(detail):
    assert detail.median[0] == 4.0  # the largest total (2.2) is B's position
    assert detail.mean[0] == pytest.approx((0 * 1 + 4 * 1 + 10 * 0.5) / 2.5)  # 3.6


def test_probabilities_by_hand(detail):
    p = detail.p[0]
    # A vs B: g_k = |x_k − 4| − |x_k − 0| = 4, −4, −4 → P = 1·4 / (4 + 4 + 0.5·4) = 0.4
    assert p[0, 1] == pytest.approx(0.4)
    assert p[1, 0] == pytest.approx(0.6)
    # A vs C: g_k = |x_k − 10| − |x_k| = 10, 2, −10 → P = (10 + 2)/(10 + 2 + 5) = 12/17
    assert p[0, 2] == pytest.approx(12 / 17)
    assert p[2, 0] == pytest.approx(5 / 17)
    # B vs C: g_k = |x_k − 10| − |x_k − 4| = 6, 6, −6 → P = 12/(12 + 3) = 0.8
    assert p[1, 2] == pytest.approx(0.8)
    assert p[2, 1] == pytest.approx(0.2)


def test_first_pass_expected_utilities_by_hand(detail):
    # r = 1, Q = 1: U_s = 2δ, U_f = −2δ, U_sq = 0, so E = s_j·2δ(2P − 1) + (1 − s_j)·2δ
    e = detail.e_first[0]
    assert e[0, 1] == pytest.approx(0.5 * 0.8 * (2 * 0.4 - 1) + 0.5 * 0.8)  # 0.32
    assert e[1, 0] == pytest.approx(1.0 * 0.8 * (2 * 0.6 - 1))  # 0.16
    assert e[0, 2] == pytest.approx(0.5 * 2 * (24 / 17 - 1) + 0.5 * 2)  # 24/17
    assert e[2, 0] == pytest.approx(2 * (10 / 17 - 1))  # −14/17
    assert e[1, 2] == pytest.approx(0.5 * 1.2 * 0.6 + 0.5 * 1.2)  # 0.96
    assert e[2, 1] == pytest.approx(0.5 * 1.2 * (-0.6) + 0.5 * 1.2)  # 0.24


def test_risk_exponents_by_hand(detail):
    # security S_i = Σ_j E^j(U_ji): S_A = 0.16 − 14/17, S_B = 0.32 + 0.24, S_C = 24/17 + 0.96
    sa, sb, sc = 0.16 - 14 / 17, 0.56, 24 / 17 + 0.96
    big_r = [(2 * v - sc - sa) / (sc - sa) for v in (sa, sb, sc)]  # −1, −0.19380, +1
    assert big_r[0] == pytest.approx(-1) and big_r[2] == pytest.approx(1)
    expected = [(1 - R / 3) / (1 + R / 3) for R in big_r]  # 2, 1.13812, 0.5
    assert detail.r[0] == pytest.approx(expected)
    assert detail.r[0, 0] == pytest.approx(2.0) and detail.r[0, 2] == pytest.approx(0.5)


def test_second_pass_utilities_and_expected_utilities_by_hand(detail):
    r_b = float(detail.r[0, 1])
    e = detail.e[0]
    # A (r = 2) vs B, δ = 0.4: U_s = 2 − 4·0.3² = 1.64, U_f = 2 − 4·0.7² = 0.04, U_sq = 2 − 4·0.5² = 1
    assert e[0, 1] == pytest.approx(0.5 * (0.4 * 1.64 + 0.6 * 0.04) + 0.5 * 1.64 - 1.0)  # 0.16
    # A vs C, δ = 1: U_s = 2, U_f = −2 → 0.5(12/17·2 − 5/17·2) + 0.5·2 − 1 = 7/17
    assert e[0, 2] == pytest.approx(7 / 17)
    # C (r = 0.5) vs A, δ = 1: U_s = 2, U_f = −2, U_sq = 2 − 4√0.5 → −14/17 − U_sq
    usq_c = 2 - 4 * 0.5**0.5  # −0.828427
    assert e[2, 0] == pytest.approx(-14 / 17 - usq_c)  # 0.004898
    # C vs B, δ = 0.6: U_s = 2 − 4√0.2, U_f = 2 − 4√0.8
    us, uf = 2 - 4 * 0.2**0.5, 2 - 4 * 0.8**0.5
    assert e[2, 1] == pytest.approx(0.5 * (0.2 * us + 0.8 * uf) + 0.5 * us - usq_c)  # 0.324031
    # B (r_B) vs A, δ = 0.4, s_A = 1
    us, uf, usq = 2 - 4 * 0.3**r_b, 2 - 4 * 0.7**r_b, 2 - 4 * 0.5**r_b
    assert e[1, 0] == pytest.approx(0.6 * us + 0.4 * uf - usq)  # 0.141549
    # B vs C, δ = 0.6, s_C = 0.5
    us, uf = 2 - 4 * 0.2**r_b, 2 - 4 * 0.8**r_b
    assert e[1, 2] == pytest.approx(0.5 * (0.8 * us + 0.2 * uf) + 0.5 * us - usq)  # 0.930628


def test_offers_by_hand(detail):
    # A→B: 0.16 > 0.141549 > 0 conflict, B moves to 0; A→C: 0.4118 > 0.0049 conflict;
    # B→C: 0.9306 > 0.3240 conflict. C gets two offers and accepts the stronger (B's, 0.93).
    kind = detail.offers.kind[0]
    assert kind[0, 1] == CONFLICT and kind[0, 2] == CONFLICT and kind[1, 2] == CONFLICT
    assert kind[1, 0] == NONE and kind[2, 0] == NONE and kind[2, 1] == NONE
    assert detail.choice.proposer[0].tolist() == [-1, 0, 1]
    assert detail.new_x[0].tolist() == [0.0, 0.0, 4.0]


def test_compromise_and_capitulation_by_hand():
    # hand-made expected utilities E[i, j] for x = (0, 4, 10):
    #   A→B: a = 0.5, b = E[B, A] = −0.2 → |a| > |b| compromise: x_B = 4 + (0 − 4)·0.2/0.5 = 2.4
    #   A→C: a = 0.3, b = E[C, A] = −0.6 → |b| ≥ |a| capitulation: x_C = 0
    #   B→C: a = −0.1 → no offer
    e = np.array([[[0.0, 0.5, 0.3], [-0.2, 0.0, -0.1], [-0.6, -0.4, 0.0]]])
    offers = make_offers(X, e)
    assert offers.kind[0, 0, 1] == COMPROMISE and offers.target[0, 0, 1] == pytest.approx(2.4)
    assert offers.kind[0, 0, 2] == CAPITULATION and offers.target[0, 0, 2] == 0.0
    assert offers.kind[0, 1, 2] == NONE
    chosen = choose_offers(X, offers)
    assert chosen.position[0].tolist() == pytest.approx([0.0, 2.4, 0.0])


def test_q_below_one_by_hand():
    # Q = 0.5, r = 1 pass: A vs C, μ = 4, T = 1 (|0 − 4| < |0 − 10|), U_b = (4 + 10)/10 = 1.4,
    # U_sq = 0 → E = 24/17 − 0.5·0 − 0.5·1.4 = 24/17 − 0.7
    d = play_round(X, C, S, OPTS.with_(q=0.5, risk=False), 10.0)
    assert d.e_first[0, 0, 2] == pytest.approx(24 / 17 - 0.7)
    # A vs B: T = 0 (|0 − 4| = |0 − 4|), U_w = −(4 + 4)/10 = −0.8 → E = 0.32 − 0.5·(−0.8) = 0.72
    assert d.e_first[0, 0, 1] == pytest.approx(0.72)


def test_equal_security_levels_give_every_actor_r_1():
    # A at 0, B and C at 4 (the state after the default reading's first round): by hand, with
    # R = 4 and P = (0.5 0.4 0.4 / 0.6 0.5 0.5 / 0.6 0.5 0.5), every first-pass expected utility
    # is 2δ − s_j(1 − P_ij)·4δ, so S_A = 0.4 + 0.4, S_B = 0.8 + 0, S_C = 0.8 + 0: all 0.8. The
    # sums differ in their last bit, which must not make anyone's exponent 2 or 0.5.
    from ujym.engines.bargaining.compiled import round_compiled

    x = np.array([[0.0, 4.0, 4.0]])
    opts = preset("ujym")
    for kernel in ("fast", "reference"):
        d = play_round(x, C, S, opts.with_(kernel=kernel), 4.0)
        np.testing.assert_array_equal(d.r[0], [1.0, 1.0, 1.0])
        # r = 1: B and C each lose a conflict to A (a = 0.8 > b = 0.4 > 0) and move to 0
        np.testing.assert_allclose(d.new_x[0], [0.0, 0.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(round_compiled(x, C, S, opts, 4.0)[0], [0.0, 0.0, 0.0], atol=1e-12)
