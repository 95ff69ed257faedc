"""The states × roll calls vote matrix: scatter, slices, distinct codes, speed."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from ujym.core.errors import DataFormatError, DataNotAvailableError, UnknownCodeError
from ujym.sources.votematrix import build_vote_matrix, load_vote_matrix, slice_matrix


@pytest.fixture()
def frames() -> tuple[pl.DataFrame, pl.DataFrame]:
    votes = pl.DataFrame(
        {
            "rcid": [10, 10, 10, 11, 11, 12, 12, 13],
            "ccode": [365, 2, 705, 365, 705, 2, 705, 365],
            "vote": [1, 3, 2, 8, 9, 1, 1, 3],
        },
        schema={"rcid": pl.Int32, "ccode": pl.Int16, "vote": pl.Int8},
    )
    rc = pl.DataFrame(
        {
            "rcid": [13, 10, 11, 12],
            "session": [47, 46, 46, 47],
            "year": [1992, 1991, 1991, 1992],
            "importantvote": [True, False, False, False],
            "me": [True, False, True, False],
            "nu": [False, False, False, True],
        },
        schema={
            "rcid": pl.Int32,
            "session": pl.Int16,
            "year": pl.Int16,
            "importantvote": pl.Boolean,
            "me": pl.Boolean,
            "nu": pl.Boolean,
        },
    )
    return votes, rc


def test_scatter_keeps_codes_distinct(frames) -> None:  # type: ignore[no-untyped-def]
    m = build_vote_matrix(*frames)
    assert m.ccodes.tolist() == [2, 365, 705]
    assert m.rcids.tolist() == [10, 11, 12, 13]
    #            rc 10 11 12 13
    assert m.votes.tolist() == [
        [3, 0, 1, 0],  # USA: no; no row (unknown); yes; no row
        [1, 8, 0, 3],  # RUS: yes; absent; no row; no
        [2, 9, 1, 0],  # KAZ: abstain; not a member; yes; no row
    ]
    assert m.votes.dtype == np.int8
    assert m.session.tolist() == [46, 46, 47, 47]
    assert m.year.tolist() == [1991, 1991, 1992, 1992]
    assert m.important.tolist() == [False, False, False, True]
    assert m.issues["me"].tolist() == [False, True, False, True]


def test_slices(frames) -> None:  # type: ignore[no-untyped-def]
    assert build_vote_matrix(*frames, years=1992).rcids.tolist() == [12, 13]
    assert build_vote_matrix(*frames, years=(1990, 1991)).rcids.tolist() == [10, 11]
    assert build_vote_matrix(*frames, sessions=[47]).rcids.tolist() == [12, 13]
    assert build_vote_matrix(*frames, issues=["me"]).rcids.tolist() == [11, 13]
    assert build_vote_matrix(*frames, issues="nu").rcids.tolist() == [12]
    assert build_vote_matrix(*frames, important=True).rcids.tolist() == [13]
    assert build_vote_matrix(*frames, important=False).rcids.tolist() == [10, 11, 12]
    # rows: only the states with a row on the selected roll calls
    assert build_vote_matrix(*frames, years=1992).ccodes.tolist() == [2, 365, 705]
    assert build_vote_matrix(*frames, sessions=47, issues="me").ccodes.tolist() == [365]


def test_slice_matrix_equals_building_the_slice(frames) -> None:  # type: ignore[no-untyped-def]
    full = build_vote_matrix(*frames)
    for kw in (
        {"years": 1992},
        {"issues": ["me", "nu"]},
        {"important": False},
        {"sessions": (46, 46)},
    ):
        a = slice_matrix(full, **kw)
        b = build_vote_matrix(*frames, **kw)
        assert a.rcids.tolist() == b.rcids.tolist()
        rows = np.searchsorted(a.ccodes, b.ccodes)
        np.testing.assert_array_equal(a.votes[rows], b.votes)


def test_pandas_frames_work(frames) -> None:  # type: ignore[no-untyped-def]
    votes, rc = frames
    m = build_vote_matrix(votes.to_pandas(), rc.to_pandas())
    assert m.shape == (3, 4)


def test_year_from_date(frames) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    votes, rc = frames
    rc = rc.drop("year").with_columns(
        pl.Series(
            "date", [date(1992, 12, 1), date(1991, 10, 1), date(1991, 11, 1), date(1992, 9, 30)]
        )
    )
    assert build_vote_matrix(votes, rc).year.tolist() == [1991, 1991, 1992, 1992]


def test_bad_input(frames) -> None:  # type: ignore[no-untyped-def]
    votes, rc = frames
    bad = votes.with_columns(
        pl.when(pl.col("rcid") == 12).then(5).otherwise(pl.col("vote")).cast(pl.Int8).alias("vote")
    )
    with pytest.raises(DataFormatError, match="unknown vote code 5"):
        build_vote_matrix(bad, rc)
    with pytest.raises(DataFormatError, match="column 'vote'"):
        build_vote_matrix(votes.drop("vote"), rc)
    with pytest.raises(UnknownCodeError, match="issue"):
        build_vote_matrix(votes, rc, issues=["xx"])


def test_empty_slice(frames) -> None:  # type: ignore[no-untyped-def]
    m = build_vote_matrix(*frames, years=1800)
    assert m.shape == (0, 0)


def test_nothing_cached_is_a_clear_error() -> None:
    with pytest.raises(DataNotAvailableError) as exc:
        load_vote_matrix()
    assert "—" in str(exc.value)  # problem — fix


def test_full_matrix_is_complete(shared_data) -> None:  # type: ignore[no-untyped-def]
    # its build time is a figure, printed by benchmarks/panel.py, not asserted here
    import _unga_frames

    votes, rc = _unga_frames.canonical(shared_data)
    m = build_vote_matrix(votes, rc)
    assert m.shape == (200, 6203)
    assert int(((m.votes >= 1) & (m.votes <= 3)).sum()) == len(votes)
