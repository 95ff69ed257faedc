"""Dyadic alignment measures: hand-computed cases, properties, vectorised = pairwise, real data."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ujym.core.votes import Vote
from ujym.engines.alignment import (
    MEASURES,
    agreement,
    all_dyads,
    contested,
    kappa,
    pi,
    s_score,
)

Y, A, N, ABS, NM, UNK = 1, 2, 3, 8, 9, 0

PAIRWISE = {
    "agreement": lambda a, b: agreement(a, b),
    "coincidence": lambda a, b: agreement(a, b, convention="state_department"),
    "identical": lambda a, b: agreement(a, b, convention="identical"),
    "s_abs": lambda a, b: s_score(a, b),
    "s_sq": lambda a, b: s_score(a, b, metric="squared"),
    "kappa_abs": lambda a, b: kappa(a, b),
    "kappa_sq": lambda a, b: kappa(a, b, metric="squared"),
    "pi_abs": lambda a, b: pi(a, b),
    "pi_sq": lambda a, b: pi(a, b, metric="squared"),
}
BOUNDS = {
    "agreement": (0, 1),
    "coincidence": (0, 1),
    "identical": (0, 1),
    "s_abs": (-1, 1),
    "s_sq": (-1, 1),
    "kappa_abs": (-1, 1),
    "kappa_sq": (-1, 1),
    "pi_abs": (-1, 1),
    "pi_sq": (-1, 1),
}


def test_vote_codes_match_the_core_type() -> None:
    assert (Y, A, N, ABS, NM, UNK) == (
        Vote.YES,
        Vote.ABSTAIN,
        Vote.NO,
        Vote.ABSENT,
        Vote.NOT_MEMBER,
        Vote.UNKNOWN,
    )
    assert set(PAIRWISE) == set(MEASURES)


# ---- hand-computed case ----------------------------------------------------------------------
# a = Y Y N A Y ABS, b = Y N N Y A Y. Roll call 6 drops out (a absent): 5 common votes,
# pairs (Y,Y) (Y,N) (N,N) (A,Y) (Y,A); positions a = 1 1 0 .5 1, b = 1 0 0 1 .5.
HAND_A = [Y, Y, N, A, Y, ABS]
HAND_B = [Y, N, N, Y, A, Y]


def test_voeten_agreement_by_hand() -> None:
    # |x - y| = 0 1 0 .5 .5, sum 2, mean .4 → 1 - .4 = .6
    assert agreement(HAND_A, HAND_B) == pytest.approx(0.6)


def test_state_department_coincidence_by_hand() -> None:
    # yes/no only: (Y,Y) (Y,N) (N,N) → identical 2, opposite 1 → 2 / 3; abstentions dropped
    assert agreement(HAND_A, HAND_B, convention="state_department") == pytest.approx(2 / 3)


def test_identical_share_by_hand() -> None:
    # identical: (Y,Y) (N,N) of 5 → .4
    assert agreement(HAND_A, HAND_B, convention="identical") == pytest.approx(0.4)


def test_s_score_by_hand() -> None:
    # absolute: 1 - 2 × .4 = .2; squared: d² = 0 1 0 .25 .25, mean .3 → 1 - .6 = .4
    assert s_score(HAND_A, HAND_B) == pytest.approx(0.2)
    assert s_score(HAND_A, HAND_B, metric="squared") == pytest.approx(0.4)


def test_kappa_by_hand() -> None:
    # marginals on the 5 common votes: p_a = (Y .6, A .2, N .2), p_b = (Y .4, A .2, N .4)
    # absolute d(Y,A) = d(A,N) = .5, d(Y,N) = 1:
    #   D_e = .6(.2·.5 + .4·1) + .2(.4·.5 + .4·.5) + .2(.4·1 + .2·.5) = .30 + .08 + .10 = .48
    #   κ = 1 - .4/.48 = 1/6
    assert kappa(HAND_A, HAND_B) == pytest.approx(1 / 6)
    # squared d(Y,A) = d(A,N) = .25, d(Y,N) = 1:
    #   D_e = .6(.2·.25 + .4) + .2(.4·.25 + .4·.25) + .2(.4 + .2·.25) = .27 + .04 + .09 = .40
    #   κ = 1 - .3/.4 = .25
    assert kappa(HAND_A, HAND_B, metric="squared") == pytest.approx(0.25)


def test_pi_by_hand() -> None:
    # pooled marginals q = (Y .5, A .2, N .3)
    # absolute: D_e = 2(.5·.2·.5 + .5·.3·1 + .2·.3·.5) = 2(.05 + .15 + .03) = .46 → π = 3/23
    assert pi(HAND_A, HAND_B) == pytest.approx(3 / 23)
    # squared: D_e = 2(.5·.2·.25 + .5·.3 + .2·.3·.25) = 2(.025 + .15 + .015) = .38 → π = 4/19
    assert pi(HAND_A, HAND_B, metric="squared") == pytest.approx(4 / 19)


def test_perfect_opposition() -> None:
    # two roll calls, always opposite yes/no: agreement 0, S -1, κ = π = -1
    a, b = [Y, N], [N, Y]
    assert agreement(a, b) == 0
    assert agreement(a, b, convention="state_department") == 0
    assert s_score(a, b) == -1
    assert kappa(a, b) == pytest.approx(-1)
    assert pi(a, b) == pytest.approx(-1)


def test_abstention_is_half_agreement_for_voeten_only() -> None:
    a, b = [Y, A], [A, N]
    assert agreement(a, b) == pytest.approx(0.5)  # two half-agreements
    assert math.isnan(agreement(a, b, convention="state_department"))  # no yes/no pair
    assert agreement(a, b, convention="identical") == 0


# ---- NaN, never 0, without a common vote -------------------------------------------------------
@pytest.mark.parametrize("name", sorted(PAIRWISE))
def test_nan_without_common_vote(name: str) -> None:
    a = [Y, ABS, NM, UNK, N]
    b = [ABS, Y, Y, N, UNK]
    assert math.isnan(PAIRWISE[name](a, b))
    assert math.isnan(PAIRWISE[name]([], []))


def test_chance_corrected_nan_when_chance_agreement_is_perfect() -> None:
    # both always yes: D_e = 0, κ and π undefined; raw agreement still 1
    a = b = [Y, Y, Y]
    assert math.isnan(kappa(a, b)) and math.isnan(pi(a, b))
    assert agreement(a, b) == 1


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        agreement([Y], [Y, N])
    with pytest.raises(ValueError):
        s_score([Y], [Y], metric="cubic")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        agreement([Y], [Y], convention="un")  # type: ignore[arg-type]


# ---- properties --------------------------------------------------------------------------------
CODES = st.sampled_from([Y, A, N, ABS, NM, UNK])
VOTED = st.sampled_from([Y, A, N])


@st.composite
def vote_pairs(
    draw: st.DrawFn, codes: st.SearchStrategy[int] = CODES
) -> tuple[list[int], list[int]]:
    n = draw(st.integers(0, 40))
    a = draw(st.lists(codes, min_size=n, max_size=n))
    b = draw(st.lists(codes, min_size=n, max_size=n))
    return a, b


def _common(a: list[int], b: list[int]) -> int:
    return sum(1 for x, y in zip(a, b, strict=True) if x in (Y, A, N) and y in (Y, A, N))


@settings(max_examples=300, deadline=None)
@given(vote_pairs())
def test_bounds_and_nan_iff_no_common_vote(pair: tuple[list[int], list[int]]) -> None:
    a, b = pair
    for name, f in PAIRWISE.items():
        value = f(a, b)
        lo, hi = BOUNDS[name]
        if _common(a, b) == 0:
            assert math.isnan(value), name
        elif not math.isnan(value):
            assert lo - 1e-9 <= value <= hi + 1e-9, (name, value)
        else:  # only chance-corrected measures, or coincidence without yes/no pairs, are NaN
            assert name.startswith(("kappa", "pi", "coincidence")), name


@settings(max_examples=300, deadline=None)
@given(vote_pairs())
def test_symmetry(pair: tuple[list[int], list[int]]) -> None:
    a, b = pair
    for name, f in PAIRWISE.items():
        x, y = f(a, b), f(b, a)
        assert (math.isnan(x) and math.isnan(y)) or x == pytest.approx(y, abs=1e-12), name


@settings(max_examples=300, deadline=None)
@given(st.lists(CODES, max_size=40))
def test_self_agreement(a: list[int]) -> None:
    voted = [v for v in a if v in (Y, A, N)]
    for name, f in PAIRWISE.items():
        value = f(a, a)
        defined = bool(voted)
        if name == "coincidence":
            defined = any(v in (Y, N) for v in voted)
        if name.startswith(("kappa", "pi")):
            defined = len(set(voted)) > 1  # one kind of vote only: chance agreement is perfect
        if defined:
            assert value == pytest.approx(1.0), name
        else:
            assert math.isnan(value), name


@settings(max_examples=200, deadline=None)
@given(vote_pairs(), st.randoms(use_true_random=False))
def test_invariant_to_roll_call_order(pair: tuple[list[int], list[int]], rnd) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    order = list(range(len(a)))
    rnd.shuffle(order)
    pa, pb = [a[i] for i in order], [b[i] for i in order]
    for name, f in PAIRWISE.items():
        x, y = f(a, b), f(pa, pb)
        assert (math.isnan(x) and math.isnan(y)) or x == pytest.approx(y, abs=1e-12), name


@settings(max_examples=200, deadline=None)
@given(vote_pairs(VOTED))
def test_s_is_twice_agreement_minus_one(pair: tuple[list[int], list[int]]) -> None:
    a, b = pair
    if a:
        assert s_score(a, b) == pytest.approx(2 * agreement(a, b) - 1)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 7).flatmap(
        lambda n: st.integers(0, 30).flatmap(
            lambda m: st.lists(st.lists(CODES, min_size=m, max_size=m), min_size=n, max_size=n)
        )
    )
)
def test_all_dyads_equals_pairwise(rows: list[list[int]]) -> None:
    votes = np.array(rows, dtype=np.int8).reshape(len(rows), -1)
    out = all_dyads(votes)
    for i in range(len(rows)):
        for j in range(len(rows)):
            assert out["n_votes"][i, j] == _common(rows[i], rows[j])
            for name, f in PAIRWISE.items():
                expected = f(rows[i], rows[j])
                got = out[name][i, j]
                if math.isnan(expected):
                    assert math.isnan(got), (name, i, j)
                else:
                    assert got == pytest.approx(expected, abs=1e-9), (name, i, j)


def test_all_dyads_shape_and_symmetry() -> None:
    rng = np.random.default_rng(7)
    votes = rng.choice(np.array([0, 1, 2, 3, 8, 9], dtype=np.int8), size=(12, 50))
    out = all_dyads(votes)
    for name in (*MEASURES, "n_votes", "n_yes_no"):
        assert out[name].shape == (12, 12)
        np.testing.assert_allclose(out[name], out[name].T, atol=1e-12, equal_nan=True)
    with pytest.raises(ValueError):
        all_dyads(votes[0])


# ---- Voeten's rule: contested roll calls -------------------------------------------------------
def test_contested_by_hand() -> None:
    votes = np.array(
        [
            # rc1 rc2 rc3 rc4 rc5 rc6 rc7
            [Y, Y, A, ABS, Y, UNK, A],
            [Y, N, A, Y, ABS, Y, A],
            [Y, Y, A, Y, NM, NM, N],
            [ABS, Y, NM, Y, ABS, NM, A],
        ]
    )
    # rc1 all yes (absence is not a vote), rc2 split, rc3 all abstain, rc4 all yes,
    # rc5 one vote, rc6 one vote, rc7 abstain against no
    assert contested(votes).tolist() == [False, True, False, False, False, False, True]
    assert contested(np.zeros((3, 0), dtype=int)).tolist() == []
    with pytest.raises(ValueError, match="2-D"):
        contested([1, 2, 3])


@settings(max_examples=200)
@given(
    st.lists(
        st.lists(st.sampled_from([Y, A, N, ABS, NM, UNK]), min_size=6, max_size=6),
        min_size=2,
        max_size=7,
    )
)
def test_contested_means_two_different_votes_among_those_present(rows: list[list[int]]) -> None:
    votes = np.array(rows)
    got = contested(votes)
    for j in range(votes.shape[1]):
        cast = {int(v) for v in votes[:, j] if v in (Y, A, N)}
        assert got[j] == (len(cast) >= 2)


def test_mask_counts_only_the_chosen_roll_calls() -> None:
    kaz = [Y, Y, A, N, Y, ABS]
    rus = [Y, N, N, N, Y, Y]
    keep = [False, True, True, True, False, True]
    # on rc2-rc4 only: (Y,N) (A,N) (N,N) → 1 - (1 + .5 + 0)/3 = .5
    assert agreement(kaz, rus, mask=keep) == pytest.approx(0.5)
    assert agreement(kaz, rus, convention="identical", mask=keep) == pytest.approx(1 / 3)
    assert agreement(kaz, rus, convention="state_department", mask=keep) == pytest.approx(0.5)
    assert s_score(kaz, rus, mask=keep) == pytest.approx(0.0)
    cut = (
        [v for v, k in zip(kaz, keep, strict=True) if k],
        [v for v, k in zip(rus, keep, strict=True) if k],
    )
    assert kappa(kaz, rus, mask=keep) == pytest.approx(kappa(*cut))
    assert pi(kaz, rus, metric="squared", mask=keep) == pytest.approx(pi(*cut, metric="squared"))
    assert math.isnan(agreement(kaz, rus, mask=[False] * 6))
    with pytest.raises(ValueError, match="one flag per roll call"):
        agreement(kaz, rus, mask=[True])


# ---- real data ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def unga(shared_data):  # type: ignore[no-untyped-def]
    import _unga_frames
    from ujym.sources.votematrix import build_vote_matrix

    votes, rc = _unga_frames.canonical(shared_data)
    return build_vote_matrix(votes, rc)


def test_sanity_figure_kazakhstan_russia_session_74(unga) -> None:  # type: ignore[no-untyped-def]
    # ../shared/data/README.md: "session 74, Kazakhstan voted as Russia on 67.8 % of the 87 roll
    # calls both voted in"
    cols = unga.session == 74
    kaz, rus = unga.votes[unga.row(705), cols], unga.votes[unga.row(365), cols]
    out = all_dyads(np.stack([kaz, rus]))
    assert out["n_votes"][0, 1] == 87
    assert agreement(kaz, rus, convention="identical") == pytest.approx(0.678, abs=5e-4)
    assert out["identical"][0, 1] == pytest.approx(59 / 87)
    # the half-credit Voeten agreement is higher, as abstentions against yes/no count ½
    assert agreement(kaz, rus) > agreement(kaz, rus, convention="identical")


def test_unanimous_roll_calls_of_the_whole_assembly(unga) -> None:  # type: ignore[no-untyped-def]
    # issue 9: Kazakhstan–Russia 1996 — 74 roll calls both voted on, 72 of them contested
    disputed = contested(unga.votes)
    assert int((~disputed).sum()) == 82  # unanimous among the states present, 1946-2020
    cols = unga.year == 1996
    kaz, rus = unga.votes[unga.row(705), cols], unga.votes[unga.row(365), cols]
    both = np.isin(kaz, (Y, A, N)) & np.isin(rus, (Y, A, N))
    assert int(both.sum()) == 74 and int((both & disputed[cols]).sum()) == 72
    assert agreement(kaz, rus) - agreement(kaz, rus, mask=disputed[cols]) == pytest.approx(
        0.0037537, abs=1e-6
    )
