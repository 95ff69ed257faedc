"""estimate_ideal_points / add_ideal_points / `ujym ideal`: frames, bad input, the command line."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ideal_helpers import simulate_votes
from ujym.core.errors import UjymError, UjymWarning
from ujym.core.provenance import Provenance, Unit, attach, provenance_of
from ujym.core.votes import Vote, VoteMatrix
from ujym.engines.ideal import IdealSettings
from ujym.pipeline.ideal import COLUMNS, add_ideal_points, estimate_ideal_points


def _with_gap(vm: VoteMatrix, ccode: int, session: int, code: int = Vote.ABSENT) -> VoteMatrix:
    votes = vm.votes.copy()
    votes[vm.row(ccode), vm.session == session] = code
    return VoteMatrix(vm.ccodes, vm.rcids, votes, vm.session, vm.year, vm.important)


@pytest.fixture(scope="module")
def sim() -> tuple[VoteMatrix, np.ndarray]:
    return simulate_votes(seed=1)


def test_frame_has_documented_columns_and_one_row_per_state_session(sim) -> None:
    vm, truth = sim
    df = estimate_ideal_points(vm, seed=0)
    assert list(df.columns) == list(COLUMNS)
    assert len(df) == truth.size
    assert not df.duplicated(["ccode", "session"]).any()
    assert (df["status"] == "ok").all()
    assert df["ideal_point"].notna().all() and (df["se"] > 0).all()
    assert np.allclose(df["upper"] - df["lower"], 2 * 1.96 * df["se"])
    meta = provenance_of(df)
    assert meta.unit is Unit.STATE_SESSION
    assert meta.details["model"]["converged"] and meta.details["model"]["anchor"] == 2
    assert meta.details["problems"] == []
    us = df[df["ccode"] == 2]
    assert (us["iso3"] == "USA").all()
    assert us["ideal_point"].mean() > 0


def test_slices_by_session_and_year(sim) -> None:
    vm, _ = sim
    df = estimate_ideal_points(vm, years=(1950, 1955), seed=0)
    assert set(df["year"]) == set(range(1950, 1956))
    df2 = estimate_ideal_points(vm, sessions=[1, 2, 3], seed=0)
    assert set(df2["session"]) == {1, 2, 3}


def test_a_session_cut_by_the_slice_keeps_its_opening_year(sim) -> None:
    vm, _ = sim
    # make every session span two calendar years: its later roll calls fall in the next year
    year = np.asarray(vm.year).astype(np.int16).copy()
    for s in np.unique(vm.session):
        cols = np.flatnonzero(np.asarray(vm.session) == s)
        year[cols[len(cols) // 2 :]] += 1
    spanning = VoteMatrix(vm.ccodes, vm.rcids, vm.votes, vm.session, year, vm.important)
    opened = {int(s): int(year[np.asarray(vm.session) == s].min()) for s in np.unique(vm.session)}
    first = min(opened.values())
    df = estimate_ideal_points(spanning, years=(first + 1, first + 6), seed=0)
    cut = int(df["session"].min())  # its first roll calls lie before the slice
    assert opened[cut] == first
    assert set(df.loc[df["session"] == cut, "year"]) == {first}


def test_same_seed_same_frame(sim) -> None:
    vm, _ = sim
    a = estimate_ideal_points(vm, seed=3)
    b = estimate_ideal_points(vm, seed=3)
    pd.testing.assert_frame_equal(a, b)


def test_state_with_no_votes_in_a_session_is_missing_with_a_reason(sim) -> None:
    vm, _ = sim
    gap = _with_gap(vm, 100, 5)
    df = estimate_ideal_points(gap, seed=0)
    row = df[(df["ccode"] == 100) & (df["session"] == 5)].iloc[0]
    assert row["status"] == "no_votes"
    assert np.isnan(row["ideal_point"]) and np.isnan(row["se"])
    assert row["n_votes"] == 0
    assert "absent" in row["reason"]
    # the other sessions of the state are estimated
    others = df[(df["ccode"] == 100) & (df["session"] != 5)]
    assert (others["status"] == "ok").all()
    # a session outside its membership (not a member, code 9) says so too
    df9 = estimate_ideal_points(_with_gap(vm, 100, 5, Vote.NOT_MEMBER), seed=0)
    row9 = df9[(df9["ccode"] == 100) & (df9["session"] == 5)].iloc[0]
    assert row9["status"] == "no_votes" and "not a member" in row9["reason"]


def test_only_states_between_first_and_last_vote_get_rows(sim) -> None:
    vm, _ = sim
    votes = vm.votes.copy()
    votes[vm.row(101), vm.session <= 3] = Vote.NOT_MEMBER  # joins in session 4
    late = VoteMatrix(vm.ccodes, vm.rcids, votes, vm.session, vm.year, vm.important)
    df = estimate_ideal_points(late, seed=0)
    assert df[df["ccode"] == 101]["session"].min() == 4


def test_few_votes_are_flagged_but_estimated(sim) -> None:
    vm, _ = sim
    votes = vm.votes.copy()
    cols = np.flatnonzero(vm.session == 6)
    votes[vm.row(102), cols[2:]] = Vote.ABSENT  # two votes left in session 6
    df = estimate_ideal_points(
        VoteMatrix(vm.ccodes, vm.rcids, votes, vm.session, vm.year, vm.important), seed=0
    )
    row = df[(df["ccode"] == 102) & (df["session"] == 6)].iloc[0]
    assert row["status"] == "few_votes" and row["n_votes"] <= 2
    assert np.isfinite(row["ideal_point"]) and "2" in row["reason"]


def test_too_few_states_gives_unidentified_rows_and_a_warning(sim) -> None:
    vm, _ = sim
    small = VoteMatrix(vm.ccodes[:3], vm.rcids, vm.votes[:3], vm.session, vm.year, vm.important)
    with pytest.warns(UjymWarning, match="too few states"):
        df = estimate_ideal_points(small, seed=0)
    assert len(df) > 0
    assert (df["status"] == "unidentified").all()
    assert df["ideal_point"].isna().all()
    assert df["reason"].str.contains("too few").all()
    assert provenance_of(df).details["problems"]


def test_too_few_roll_calls_gives_unidentified_rows(sim) -> None:
    vm, _ = sim
    few = VoteMatrix(
        vm.ccodes, vm.rcids[:3], vm.votes[:, :3], vm.session[:3], vm.year[:3], vm.important[:3]
    )
    with pytest.warns(UjymWarning):
        df = estimate_ideal_points(few, seed=0)
    assert (df["status"] == "unidentified").all()


def test_non_converging_run_is_flagged_not_hidden(sim) -> None:
    vm, _ = sim
    with pytest.warns(UjymWarning, match="did not converge"):
        df = estimate_ideal_points(vm, settings=IdealSettings(max_iter=2), seed=0)
    assert (df["status"] == "not_converged").all()
    assert df["ideal_point"].notna().all()  # the last iterate is kept, flagged
    assert provenance_of(df).details["model"]["converged"] is False


def test_empty_slice_raises_a_clear_error(sim) -> None:
    vm, _ = sim
    with pytest.raises(UjymError, match="no yes, abstain or no votes"):
        estimate_ideal_points(vm, years=(2030, 2040))


def test_bad_bridges_raise(sim) -> None:
    vm, _ = sim
    with pytest.raises(UjymError):
        estimate_ideal_points(vm, bridges=np.array([1, 2, 3]))


def test_interval_methods_widen_the_mean_field_standard_errors(sim) -> None:
    # Changed with the calibrated intervals (docs/ideal_points.md, "Uncertainty"): the default is
    # now the corrected posterior, so the bootstrap is compared with the plain mean-field SD.
    vm, _ = sim
    plain = estimate_ideal_points(vm, seed=0, intervals="variational")
    corrected = estimate_ideal_points(vm, seed=0)
    boot = estimate_ideal_points(vm, seed=0, bootstrap=3, workers=1)
    assert np.allclose(plain["ideal_point"], corrected["ideal_point"])
    assert (corrected["se"] >= plain["se"] - 1e-9).all()
    assert (boot["se"] >= plain["se"] - 1e-9).all()
    assert corrected["se"].mean() > 1.2 * plain["se"].mean()
    assert np.allclose(corrected["upper"] - corrected["lower"], 2 * 1.96 * corrected["se"])
    assert [provenance_of(d).details["model"]["intervals"] for d in (plain, corrected, boot)] == [
        "variational",
        "corrected",
        "bootstrap",
    ]
    assert provenance_of(boot).details["model"]["replicates"] == 3
    assert "bootstrap" in provenance_of(boot).details["model"]["se"]


def test_bad_interval_options_raise(sim) -> None:
    vm, _ = sim
    with pytest.raises(UjymError, match="interval method"):
        estimate_ideal_points(vm, intervals="posterior")
    with pytest.raises(UjymError, match="at least 2 refits"):
        estimate_ideal_points(vm, intervals="bootstrap", bootstrap=1)


# ---- add_ideal_points ----------------------------------------------------------------------------


def test_add_to_state_years_keeps_rows(sim) -> None:
    vm, _ = sim
    ip = estimate_ideal_points(vm, seed=0)
    sy = pd.DataFrame({"ccode": [2, 2, 100, 999, 2], "year": [1946, 1950, 1947, 1950, 2030]})
    attach(sy, Provenance(Unit.STATE_YEAR, casebook=True))
    out = add_ideal_points(sy, ip)
    assert len(out) == len(sy)
    assert list(out["ccode"]) == list(sy["ccode"])
    got = ip.set_index(["ccode", "year"]).loc[(2, 1950), "ideal_point"]
    assert out.loc[1, "ideal_point"] == pytest.approx(got)
    assert np.isnan(out.loc[3, "ideal_point"]) and out.loc[3, "ideal_status"] == "no_votes"
    prov = provenance_of(out)
    assert prov.unit is Unit.STATE_YEAR
    assert prov.casebook
    assert "model" in prov.details["ideal_points"]


def test_add_to_dyad_years_gives_absolute_distance(sim) -> None:
    vm, _ = sim
    ip = estimate_ideal_points(vm, seed=0)
    dy = pd.DataFrame(
        {"ccode1": [2, 2, 100, 100], "ccode2": [100, 101, 2, 999], "year": [1946, 1950, 1946, 1947]}
    )
    attach(dy, Provenance(Unit.DYAD_YEAR))
    out = add_ideal_points(dy, ip)
    assert len(out) == len(dy)
    assert np.allclose(
        out["ideal_distance"].iloc[:3], (out["ideal_point1"] - out["ideal_point2"]).abs().iloc[:3]
    )
    assert out.loc[0, "ideal_distance"] == pytest.approx(out.loc[2, "ideal_distance"])
    assert np.isnan(out.loc[3, "ideal_distance"]) and out.loc[3, "ideal_status2"] == "no_votes"
    # dyad-session frames join on the session
    ds = attach(
        pd.DataFrame({"ccode1": [2], "ccode2": [100], "session": [3]}),
        Provenance(Unit.DYAD_SESSION),
    )
    assert len(add_ideal_points(ds, ip)) == 1


def test_add_rejects_frames_without_keys(sim) -> None:
    vm, _ = sim
    ip = estimate_ideal_points(vm, seed=0)
    with pytest.raises(UjymError):
        add_ideal_points(pd.DataFrame({"x": [1]}), ip)
    with pytest.raises(UjymError):
        sy = attach(pd.DataFrame({"ccode": [2], "year": [1950]}), Provenance(Unit.STATE_YEAR))
        add_ideal_points(sy, ip.drop(columns="se"))


# ---- command line ----------------------------------------------------------------------------------
