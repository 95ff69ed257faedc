"""Dyad-year frames: rows, row counts kept, provenance, groups, real-data series."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import polars as pl
import pytest

from ujym.core.errors import UjymError, UnknownCodeError
from ujym.core.provenance import Unit, attach, provenance_of
from ujym.engines.alignment import MEASURES, agreement, kappa
from ujym.pipeline.cohesion import group_cohesion
from ujym.pipeline.dyads import (
    add_alignment,
    alignment_panel,
    alignment_profile,
    alignment_series,
    create_dyad_years,
    multivector_series,
)
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
    assert list(df.columns) == ["ccode1", "ccode2", "year"]
    # 1991: only 2 and 365 voted; 1992: 4 states → 6 pairs
    assert df[df.year == 1991][["ccode1", "ccode2"]].values.tolist() == [[2, 365]]
    assert len(df[df.year == 1992]) == 6
    assert (df.ccode1 < df.ccode2).all()
    assert provenance_of(df).unit is Unit.DYAD_YEAR


def test_create_dyad_years_states_and_partners(matrix) -> None:  # type: ignore[no-untyped-def]
    df = create_dyad_years([705], partners=[365, 2, 710], matrix=matrix)
    assert df.values.tolist() == [[705, 2, 1992], [705, 365, 1992], [705, 710, 1992]]
    within = create_dyad_years([2, 365, 705], matrix=matrix)
    assert len(within) == 1 + 3
    by_session = create_dyad_years([2, 365], by="session", matrix=matrix)
    assert by_session.values.tolist() == [[2, 365, 46], [2, 365, 47]]
    assert provenance_of(by_session).unit is Unit.DYAD_SESSION
    assert create_dyad_years(matrix=matrix, years=1992).year.unique().tolist() == [1992]


def test_add_alignment_values_match_pairwise(matrix) -> None:  # type: ignore[no-untyped-def]
    df = add_alignment(create_dyad_years(matrix=matrix), matrix=matrix)
    assert set(MEASURES) <= set(df.columns)
    for row in df.itertuples():
        cols = matrix.year == row.year
        a = matrix.votes[matrix.row(row.ccode1), cols]
        b = matrix.votes[matrix.row(row.ccode2), cols]
        assert row.agreement == pytest.approx(agreement(a, b))
        k = kappa(a, b)
        assert (math.isnan(k) and math.isnan(row.kappa_abs)) or row.kappa_abs == pytest.approx(k)
    # 1991 USA–Russia: (Y,N) (Y,Y) (N,A) → 1 - (1 + 0 + .5)/3 = .5
    first = df[(df.year == 1991)].iloc[0]
    assert first.n_votes == 3 and first.agreement == pytest.approx(0.5)
    assert first.coincidence == pytest.approx(0.5) and first.n_yes_no == 2


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
    out = add_alignment(df, ["agreement", "pi_sq"], matrix=matrix)
    assert len(out) == len(df)
    assert out[["ccode1", "ccode2", "year"]].equals(df[["ccode1", "ccode2", "year"]])
    tail = out.tail(3)
    assert tail.n_votes.tolist()[:2] == [0, 0]
    assert tail.agreement.isna().tolist()[:2] == [True, True]
    dup = out[(out.ccode1 == 2) & (out.ccode2 == 365) & (out.year == 1992)]
    assert len(dup) == 2 and dup.agreement.nunique() == 1
    assert "kappa_abs" not in out.columns and "n_yes_no" not in out.columns
    assert len(df.columns) == 3  # the input is not modified


def test_add_alignment_slices_and_provenance(matrix) -> None:  # type: ignore[no-untyped-def]
    df = create_dyad_years([2, 365], matrix=matrix)
    out = add_alignment(df, "agreement", important=True, matrix=matrix)
    # important votes only: rc 2 (1991: Y,Y → 1) and rc 5 (1992: N,Y → 0)
    assert out.agreement.tolist() == [1.0, 0.0]
    assert out.n_votes.tolist() == [1, 1]
    meta = provenance_of(out)
    assert meta.unit is Unit.DYAD_YEAR
    assert meta.details["measures"]["agreement"]["important"] is True
    me = add_alignment(df, ["identical"], issues=["me"], matrix=matrix)
    assert me.n_votes.tolist() == [1, 1]


def test_unknown_measure_and_missing_columns(matrix) -> None:  # type: ignore[no-untyped-def]
    df = create_dyad_years(matrix=matrix)
    with pytest.raises(UnknownCodeError, match=r"unknown measure 'tau_b'.*use one of"):
        add_alignment(df, ["tau_b"], matrix=matrix)
    with pytest.raises(UjymError, match="no column 'ccode2'"):
        add_alignment(df.drop(columns="ccode2"), matrix=matrix)


def test_panel_and_series(matrix) -> None:  # type: ignore[no-untyped-def]
    panel = alignment_panel(matrix=matrix)
    assert len(panel) == 7
    generic = add_alignment(create_dyad_years(matrix=matrix), matrix=matrix)
    pd.testing.assert_frame_equal(panel, generic, check_dtype=False)
    assert provenance_of(panel).unit is Unit.DYAD_YEAR
    assert list(alignment_panel(matrix=matrix, measures=["s_sq"]).columns) == [
        "ccode1",
        "ccode2",
        "year",
        "n_votes",
        "s_sq",
    ]
    s = alignment_series(705, 365, matrix=matrix)
    assert s.year.tolist() == [1992]
    # (N,N) (Y,Y) (A,Y) → 1 - .5/3
    assert s.agreement.iloc[0] == pytest.approx(1 - 0.5 / 3)


def test_groups_as_explicit_lists(matrix) -> None:  # type: ignore[no-untyped-def]
    df = group_cohesion([2, 365, 705], matrix=matrix)
    assert df.year.tolist() == [1991, 1992]
    # 1991: rc1 Y,N → .25; rc2 Y,Y → 1; rc3 N,A → .25 → mean .5
    assert df.ai.iloc[0] == pytest.approx(0.5)
    assert df.n_rollcalls.tolist() == [3, 3]
    rc = group_cohesion("2,365", by="rollcall", matrix=matrix)
    assert len(rc) == 6 and rc.ai.iloc[1] == 1.0
    with pytest.raises(UnknownCodeError):
        group_cohesion(None, matrix=matrix)


def test_profile_and_multivector(matrix) -> None:  # type: ignore[no-untyped-def]
    prof = alignment_profile(705, [365, 2], matrix=matrix)
    assert set(prof.partner) == {"365", "2"}
    mv = multivector_series(705, matrix=matrix)
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
    s = alignment_series("KAZ", "RUS", by="session", matrix=unga)
    row = s[s.session == 74].iloc[0]
    assert row.n_votes == 87
    assert row.identical == pytest.approx(0.678, abs=5e-4)
    years = alignment_series("KAZ", "RUS", matrix=unga).year
    assert years.min() == 1992 and years.max() >= 2019


def test_real_panel_row_count_and_ranges(unga) -> None:  # type: ignore[no-untyped-def]
    panel = alignment_panel(matrix=unga)
    assert panel.year.min() == 1946 and panel.year.max() == 2020
    assert len(panel) > 800_000
    assert panel.agreement.dropna().between(0, 1).all()
    assert (panel.loc[panel.n_votes == 0, "agreement"].isna()).all()


def test_real_panel_equals_the_generic_verbs(unga) -> None:  # type: ignore[no-untyped-def]
    fast = alignment_panel(matrix=unga, years=(1990, 1995))
    slow = add_alignment(create_dyad_years(matrix=unga, years=(1990, 1995)), matrix=unga)
    assert list(fast.columns) == list(slow.columns)
    pd.testing.assert_frame_equal(fast, slow, check_dtype=False, rtol=1e-12)


def test_real_csto_cohesion(unga) -> None:  # type: ignore[no-untyped-def]
    df = group_cohesion("CSTO", by="year", matrix=unga)
    assert df.year.min() == 1992
    assert df.year.max() >= 2019
    assert df.ai.between(0, 1).all()
    assert (df.n_members >= 3).all()
