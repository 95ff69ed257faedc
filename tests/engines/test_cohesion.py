"""Group cohesion (Hix–Noury–Roland AI, mean pairwise kappa) and the multi-vector index."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ujym.engines.alignment import kappa
from ujym.engines.cohesion import agreement_index, mean_pairwise_kappa
from ujym.engines.multivector import EU_CORE, eu_core, multivector_index

Y, A, N, ABS, NM = 1, 2, 3, 8, 9


def test_agreement_index_by_hand() -> None:
    votes = np.array(
        [
            # rc1 rc2 rc3 rc4 rc5 rc6
            [Y, Y, Y, ABS, Y, Y],
            [Y, Y, N, ABS, N, A],
            [Y, N, A, NM, ABS, ABS],
            [ABS, N, NM, NM, NM, ABS],
        ]
    )
    ai = agreement_index(votes)
    # rc1: Y=3 → (3 - 0)/3 = 1
    # rc2: Y=2 N=2 → (2 - .5·2)/4 = .25
    # rc3: Y=N=A=1 → (1 - .5·2)/3 = 0
    # rc4: nobody voted → NaN
    # rc5: Y=1 N=1 → (1 - .5)/2 = .25
    # rc6: Y=1 A=1 → .25
    assert ai[:3].tolist() == pytest.approx([1.0, 0.25, 0.0])
    assert math.isnan(ai[3])
    assert ai[4:].tolist() == pytest.approx([0.25, 0.25])


def test_agreement_index_single_voter_is_one() -> None:
    assert agreement_index(np.array([[N], [ABS]])).tolist() == [1.0]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 8).flatmap(
        lambda k: st.integers(1, 20).flatmap(
            lambda m: st.lists(
                st.lists(st.sampled_from([0, Y, A, N, ABS, NM]), min_size=m, max_size=m),
                min_size=k,
                max_size=k,
            )
        )
    ),
    st.randoms(use_true_random=False),
)
def test_agreement_index_bounds_and_order(rows, rnd) -> None:  # type: ignore[no-untyped-def]
    votes = np.array(rows)
    ai = agreement_index(votes)
    voted = ((votes >= 1) & (votes <= 3)).any(axis=0)
    assert np.isnan(ai[~voted]).all()
    assert ((ai[voted] >= -1e-12) & (ai[voted] <= 1 + 1e-12)).all()
    # members' order does not matter; roll calls move with their values
    perm_rows = list(range(len(rows)))
    rnd.shuffle(perm_rows)
    np.testing.assert_allclose(agreement_index(votes[perm_rows]), ai, equal_nan=True)
    cols = list(range(votes.shape[1]))
    rnd.shuffle(cols)
    np.testing.assert_allclose(agreement_index(votes[:, cols]), ai[cols], equal_nan=True)


def test_mean_pairwise_kappa_equals_mean_of_pairs() -> None:
    rng = np.random.default_rng(3)
    votes = rng.choice([Y, A, N, ABS], size=(5, 40))
    expected = np.mean([kappa(votes[i], votes[j]) for i, j in itertools.combinations(range(5), 2)])
    assert mean_pairwise_kappa(votes) == pytest.approx(expected)
    sq = np.mean(
        [
            kappa(votes[i], votes[j], metric="squared")
            for i, j in itertools.combinations(range(5), 2)
        ]
    )
    assert mean_pairwise_kappa(votes, metric="squared") == pytest.approx(sq)


def test_mean_pairwise_kappa_nan_cases() -> None:
    assert math.isnan(mean_pairwise_kappa(np.array([[Y, N]])))  # one member
    assert math.isnan(mean_pairwise_kappa(np.array([[Y, ABS], [ABS, N]])))  # no common vote
    assert mean_pairwise_kappa(np.array([[Y, N, A], [Y, N, A]])) == pytest.approx(1.0)


# ---- multi-vector index ---------------------------------------------------------------------
def test_multivector_index_by_hand() -> None:
    # .8 - (.3 + .7 + .5)/3 = .8 - .5 = .3;  second year: EU missing → .6 - (.6 + .6)/2 = 0
    out = multivector_index([0.8, 0.6], [0.3, 0.6], [0.7, 0.6], [0.5, np.nan])
    assert out.tolist() == pytest.approx([0.3, 0.0])


def test_multivector_index_nan() -> None:
    out = multivector_index([np.nan, 0.5], [0.2, np.nan], [0.2, np.nan], [0.2, np.nan])
    assert np.isnan(out).all()


def test_eu_core_membership_by_year() -> None:
    assert eu_core(1980) == (220, 260, 325, 200)
    assert eu_core(1990) == (220, 260, 255, 325, 200)  # the year of unification: both Germanies
    assert eu_core(2019) == (220, 255, 325, 200)
    assert eu_core(2020) == (220, 255, 325)  # the UK left on 31 January 2020
    assert {c for c, _f, _l in EU_CORE} == {200, 220, 255, 260, 325}


def test_mean_pairwise_kappa_leaves_out_pairs_below_the_minimum() -> None:
    votes = np.array([[Y, N, Y, A, Y], [Y, N, N, A, N], [ABS, ABS, ABS, ABS, Y]])
    pair01 = kappa(votes[0], votes[1])
    assert mean_pairwise_kappa(votes, min_common=2) == pytest.approx(pair01)
    assert mean_pairwise_kappa(votes, min_common=1) != pytest.approx(pair01)
    assert math.isnan(mean_pairwise_kappa(votes, min_common=6))
