"""Dyad-year frames: rows, row counts kept, provenance, groups, real-data series."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import polars as pl
import pytest

from ujym.core.errors import UjymError, UnknownCodeError
from ujym.core.provenance import Unit, attach, provenance_of
from ujym.engines.alignment import MEASURES, agreement, contested, kappa
from ujym.pipeline.cohesion import group_cohesion
from ujym.pipeline.dyads import (
    add_alignment,
    alignment_panel,
    alignment_profile,
    alignment_series,
    create_dyad_years,
    multivector_series,
)
from ujym.pipeline.identity import DYAD_COLUMNS
from ujym.sources.votematrix import build_vote_matrix

Y, A, N, ABS = 1, 2, 3, 8


@pytest.fixture()
def matrix():  # type: ignore[no-untyped-def]
    # 1991: rc 1-3, states 2, 365, 705 (705 absent on all → not active); 1992: rc 4-6, all four
    rows = {
        1: {2: Y, 365: N, 705: ABS},
        2: {2: Y, 365: Y, 705: ABS},
        3: {2: N, 365: A},
        4: {2: Y, 365: N, 705: N, 710: N},
        5: {2: N, 365: Y, 705: Y, 710: A},
        6: {2: Y, 365: Y, 705: A, 710: Y},
    }
    votes = pl.DataFrame(
        [(rc, c, v) for rc, d in rows.items() for c, v in d.items()],
        schema={"rcid": pl.Int32, "ccode": pl.Int16, "vote": pl.Int8},
        orient="row",
    )
    rc = pl.DataFrame(
        {
            "rcid": [1, 2, 3, 4, 5, 6],
            "session": [46, 46, 46, 47, 47, 47],
            "year": [1991, 1991, 1991, 1992, 1992, 1992],
            "importantvote": [False, True, False, False, True, False],
            "me": [True, False, False, True, False, False],
        },
        schema={
            "rcid": pl.Int32,
            "session": pl.Int16,
            "year": pl.Int16,
            "importantvote": pl.Boolean,
            "me": pl.Boolean,
        },
    )
    return build_vote_matrix(votes, rc)


def test_create_dyad_years_all_pairs(matrix) -> None:  # type: ignore[no-untyped-def]
    df = create_dyad_years(matrix=matrix)
    assert list(df.columns) == ["ccode1", "ccode2", "year", *DYAD_COLUMNS]
    # 1991: only 2 and 365 voted; 1992: 4 states → 6 pairs
    assert df[df.year == 1991][["ccode1", "ccode2"]].values.tolist() == [[2, 365]]
    assert len(df[df.year == 1992]) == 6
    assert (df.ccode1 < df.ccode2).all()
    assert provenance_of(df).unit is Unit.DYAD_YEAR


def test_create_dyad_years_states_and_partners(matrix) -> None:  # type: ignore[no-untyped-def]
    df = create_dyad_years([705], partners=[365, 2, 710], matrix=matrix)
    keys = ["ccode1", "ccode2", "year"]
    assert df[keys].values.tolist() == [[705, 2, 1992], [705, 365, 1992], [705, 710, 1992]]
    assert df["iso3_2"].tolist() == ["USA", "RUS", "CHN"]
    within = create_dyad_years([2, 365, 705], matrix=matrix)
    assert len(within) == 1 + 3
    by_session = create_dyad_years([2, 365], by="session", matrix=matrix)
    assert by_session[["ccode1", "ccode2", "session"]].values.tolist() == [
        [2, 365, 46],
        [2, 365, 47],
    ]
    assert provenance_of(by_session).unit is Unit.DYAD_SESSION
    assert create_dyad_years(matrix=matrix, years=1992).year.unique().tolist() == [1992]


def test_add_alignment_values_match_pairwise(matrix) -> None:  # type: ignore[no-untyped-def]
    df = add_alignment(create_dyad_years(matrix=matrix), matrix=matrix, min_rollcalls=1)
    assert set(MEASURES) <= set(df.columns)
    disputed = contested(matrix.votes)
    for row in df.itertuples():
        cols = matrix.year == row.year
        a = matrix.votes[matrix.row(row.ccode1), cols]
        b = matrix.votes[matrix.row(row.ccode2), cols]
        assert row.agreement == pytest.approx(agreement(a, b, mask=disputed[cols]))
        k = kappa(a, b, mask=disputed[cols])
        assert (math.isnan(k) and math.isnan(row.kappa_abs)) or row.kappa_abs == pytest.approx(k)
    # 1991 USA–Russia: (Y,N) (N,A) — rc 2 (Y,Y) is unanimous: Russia and the USA were the only
    # states present, so Voeten's rule leaves it out → 1 - (1 + .5)/2 = .25
    first = df[(df.year == 1991)].iloc[0]
    assert first.n_rollcalls == 2 and first.agreement == pytest.approx(0.25)
    assert first.coincidence == pytest.approx(0.0) and first.n_yes_no == 1
    assert first.status == "ok" and first.reason == ""
    # the other convention keeps it: (Y,N) (Y,Y) (N,A) → 1 - (1 + 0 + .5)/3 = .5
    dyads = create_dyad_years(matrix=matrix)
    every = add_alignment(dyads, matrix=matrix, rollcalls="all", min_rollcalls=1).iloc[0]
    assert (every.n_rollcalls, every.n_contested) == (3, 2)
    assert every.agreement == pytest.approx(0.5) and every.coincidence == pytest.approx(0.5)
    described = provenance_of(add_alignment(dyads, ["agreement"], rollcalls="all", matrix=matrix))
    assert "not Voeten's published series" in described.columns["agreement"]


def test_below_the_minimum_figures_are_withheld(matrix) -> None:  # type: ignore[no-untyped-def]
    dyads = create_dyad_years(matrix=matrix)
    default = add_alignment(dyads, matrix=matrix)  # 10 contested roll calls: none has them
    assert default[list(MEASURES)].isna().all().all()
    assert set(default.status) == {"insufficient"}
    assert default.reason.iloc[0] == "fewer than 10 contested roll calls in common"
    assert provenance_of(default).details["min_rollcalls"] == 10
    three = add_alignment(dyads, matrix=matrix, min_rollcalls=3)
    shown = three.status == "ok"
    assert (three.loc[shown, "n_rollcalls"] >= 3).all() and shown.any() and not shown.all()
    assert three.loc[shown, "agreement"].notna().all()
    assert three.loc[~shown, list(MEASURES)].isna().all().all()
    # the rollcalls="all" convention judges the minimum on the contested ones all the same
    every = add_alignment(dyads, matrix=matrix, rollcalls="all", min_rollcalls=3)
    assert (every.status == three.status).all()
    for bad in (0, -1, 2.5, "10"):
        with pytest.raises(UjymError, match="at least 1"):
            add_alignment(dyads, matrix=matrix, min_rollcalls=bad)  # type: ignore[arg-type]
    with pytest.raises(UjymError, match="--rollcalls contested"):
        add_alignment(dyads, matrix=matrix, rollcalls="unanimous")  # type: ignore[arg-type]


def test_add_alignment_keeps_row_count(matrix) -> None:  # type: ignore[no-untyped-def]
    import pandas as pd

    base = create_dyad_years(matrix=matrix)
    # add rows the matrix cannot fill: a state without votes, a year without roll calls, a
    # duplicate row: the row count must not change and those rows get NaN / 0
    extra = pd.DataFrame(
        {"ccode1": [2, 2, 2], "ccode2": [999, 365, 365], "year": [1992, 1980, 1992]}
    )
    df = pd.concat([base, extra], ignore_index=True).astype({"year": "int16"})
    attach(df, provenance_of(base))  # pandas keeps attrs through concat only when all agree
    out = add_alignment(df, ["agreement", "pi_sq"], matrix=matrix, min_rollcalls=1)
    assert len(out) == len(df)
    assert out[["ccode1", "ccode2", "year"]].equals(df[["ccode1", "ccode2", "year"]])
    tail = out.tail(3)
    assert tail.n_rollcalls.tolist()[:2] == [0, 0]
    assert tail.agreement.isna().tolist()[:2] == [True, True]
    assert tail.status.tolist()[:2] == ["insufficient"] * 2
    assert tail.reason.tolist()[0] == "no contested roll call in common"
    dup = out[(out.ccode1 == 2) & (out.ccode2 == 365) & (out.year == 1992)]
    assert len(dup) == 2 and dup.agreement.nunique() == 1
    assert "kappa_abs" not in out.columns and "n_yes_no" not in out.columns
    assert len(df.columns) == 3 + len(DYAD_COLUMNS)  # the input is not modified


def test_add_alignment_slices_and_provenance(matrix) -> None:  # type: ignore[no-untyped-def]
    df = create_dyad_years([2, 365], matrix=matrix)
    out = add_alignment(
        df, "agreement", important=True, rollcalls="all", min_rollcalls=1, matrix=matrix
    )
    # important votes only: rc 2 (1991: Y,Y, unanimous: no contested roll call, so withheld
    # even with the unanimous ones counted) and rc 5 (1992: N,Y → 0)
    assert out.agreement.isna().tolist() == [True, False] and out.agreement.iloc[1] == 0.0
    assert out.n_rollcalls.tolist() == [1, 1] and out.n_contested.tolist() == [0, 1]
    assert out.status.tolist() == ["insufficient", "ok"]  # the minimum reads contested ones
    meta = provenance_of(out)
    assert meta.unit is Unit.DYAD_YEAR
    assert meta.details["measures"]["agreement"]["important"] is True
    assert meta.details["measures"]["agreement"]["rollcalls"] == "all"
    me = add_alignment(df, ["identical"], issues=["me"], min_rollcalls=1, matrix=matrix)
    assert me.n_rollcalls.tolist() == [1, 1]


def test_unknown_measure_and_missing_columns(matrix) -> None:  # type: ignore[no-untyped-def]
    df = create_dyad_years(matrix=matrix)
    with pytest.raises(UnknownCodeError, match=r"unknown measure 'tau_b'.*use one of"):
        add_alignment(df, ["tau_b"], matrix=matrix)
    with pytest.raises(UjymError, match="no column 'ccode2'"):
        add_alignment(df.drop(columns="ccode2"), matrix=matrix)


@pytest.mark.parametrize("rollcalls", ["contested", "all"])
@pytest.mark.parametrize("minimum", [1, 3, 10])
def test_panel_equals_the_generic_verbs(matrix, rollcalls, minimum) -> None:  # type: ignore[no-untyped-def]
    panel = alignment_panel(matrix=matrix, rollcalls=rollcalls, min_rollcalls=minimum)
    assert len(panel) == 7
    generic = add_alignment(
        create_dyad_years(matrix=matrix), matrix=matrix, rollcalls=rollcalls, min_rollcalls=minimum
    )
    pd.testing.assert_frame_equal(panel, generic, check_dtype=False)
    assert provenance_of(panel).unit is Unit.DYAD_YEAR


def test_panel_and_series(matrix) -> None:  # type: ignore[no-untyped-def]
    assert list(alignment_panel(matrix=matrix, measures=["s_sq"]).columns) == [
        "ccode1",
        "ccode2",
        "year",
        *DYAD_COLUMNS,
        "n_rollcalls",
        "s_sq",
        "status",
        "reason",
    ]
    s = alignment_series(705, 365, matrix=matrix, min_rollcalls=1)
    assert s.year.tolist() == [1992]
    # (N,N) (Y,Y) (A,Y) → 1 - .5/3
    assert s.agreement.iloc[0] == pytest.approx(1 - 0.5 / 3)


def test_groups_as_explicit_lists(matrix) -> None:  # type: ignore[no-untyped-def]
    df = group_cohesion([2, 365, 705], matrix=matrix, min_rollcalls=1)
    assert df.year.tolist() == [1991, 1992]
    # 1991: rc1 Y,N → .25; rc3 N,A → .25 (rc2, Y,Y, is unanimous among the states present)
    assert df.ai.iloc[0] == pytest.approx(0.25)
    assert df.n_rollcalls.tolist() == [2, 3]
    assert df.n_members.tolist() == [3, 3] and df.n_members_present.tolist() == [2, 3]
    every = group_cohesion([2, 365, 705], matrix=matrix, rollcalls="all", min_rollcalls=1)
    # rc1 Y,N → .25; rc2 Y,Y → 1; rc3 N,A → .25 → mean .5
    assert every.ai.iloc[0] == pytest.approx(0.5) and every.n_contested.tolist() == [2, 3]
    rc = group_cohesion("2,365", by="rollcall", matrix=matrix, rollcalls="all")
    assert len(rc) == 6 and rc.ai.iloc[1] == 1.0
    assert len(group_cohesion("2,365", by="rollcall", matrix=matrix)) == 5
    with pytest.raises(UnknownCodeError):
        group_cohesion(None, matrix=matrix)


def test_profile_and_multivector(matrix) -> None:  # type: ignore[no-untyped-def]
    prof = alignment_profile(705, [365, 2], matrix=matrix, min_rollcalls=1)
    assert set(prof.partner) == {"365", "2"}
    assert (prof.status == "ok").all()
    thin = alignment_profile(705, [365, 2], matrix=matrix)
    assert thin.value.isna().all() and (thin.n_rollcalls == 3).all()
    mv = multivector_series(705, matrix=matrix, min_rollcalls=1)
    row = mv.iloc[0]
    expected = row.align_rus - np.nanmean([row.align_usa, row.align_chn, row.align_eu])
    assert row.multivector == pytest.approx(expected)


# ---- real data -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def unga(shared_data):  # type: ignore[no-untyped-def]
    import _unga_frames

    votes, rc = _unga_frames.canonical(shared_data)
    return build_vote_matrix(votes, rc)


def test_real_sanity_figure_through_the_pipeline(unga) -> None:  # type: ignore[no-untyped-def]
    s = alignment_series("KAZ", "RUS", by="session", rollcalls="all", matrix=unga)
    row = s[s.session == 74].iloc[0]
    assert row.n_rollcalls == 87
    assert row.identical == pytest.approx(0.678, abs=5e-4)
    years = alignment_series("KAZ", "RUS", matrix=unga).year
    assert years.min() == 1992 and years.max() >= 2019


def test_real_panel_row_count_and_ranges(unga) -> None:  # type: ignore[no-untyped-def]
    panel = alignment_panel(matrix=unga)
    assert panel.year.min() == 1946 and panel.year.max() == 2020
    assert len(panel) > 800_000
    assert panel.agreement.dropna().between(0, 1).all()
    assert (panel.loc[panel.n_rollcalls < 10, "agreement"].isna()).all()
    assert (panel.loc[panel.n_rollcalls >= 10, "agreement"].notna()).all()
    assert (
        panel.status.astype(str) == np.where(panel.n_rollcalls >= 10, "ok", "insufficient")
    ).all()


def test_real_panel_equals_the_generic_verbs(unga) -> None:  # type: ignore[no-untyped-def]
    fast = alignment_panel(matrix=unga, years=(1990, 1995))
    slow = add_alignment(create_dyad_years(matrix=unga, years=(1990, 1995)), matrix=unga)
    assert list(fast.columns) == list(slow.columns)
    pd.testing.assert_frame_equal(fast, slow, check_dtype=False, rtol=1e-12)


def test_real_csto_cohesion(unga) -> None:  # type: ignore[no-untyped-def]
    df = group_cohesion("CSTO", by="year", matrix=unga)
    assert df.year.min() == 1992
    assert df.year.max() >= 2019
    shown = df[df.status == "ok"]
    assert shown.ai.between(0, 1).all() and len(shown) >= 27
    assert (df.n_members >= 3).all()
    # 2020: one roll call (January, session 74) — withheld, not a cohesion of 1 roll call
    last = df[df.year == 2020].iloc[0]
    assert last.n_rollcalls == 1 and math.isnan(last.ai) and last.status == "insufficient"
