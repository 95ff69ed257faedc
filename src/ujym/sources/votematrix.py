"""States × roll calls vote matrices from the canonical UNGA frames.

The canonical frames (see :func:`ujym.sources.unga.read_votes`) are long: one row per
(roll call, state) vote, ``rcid Int32, ccode Int16, vote Int8``, and one row per roll call with
its session, date, year, ``importantvote`` and the issue flags ``me nu di hr co ec``.
:func:`build_vote_matrix` scatters them into a dense ``int8`` matrix in one vectorised step
(no pivot, no Python loop over votes): yes, abstain, no, absent (8) and not a member (9) stay
distinct; a (state, roll call) pair with no row is ``Vote.UNKNOWN`` (0).

>>> import polars as pl
>>> votes = pl.DataFrame({"rcid": [1, 1, 2], "ccode": [2, 365, 365], "vote": [1, 3, 2]})
>>> rc = pl.DataFrame({"rcid": [1, 2], "session": [1, 1], "year": [1946, 1946]})
>>> m = build_vote_matrix(votes, rc)
>>> m.votes.tolist()
[[1, 0], [3, 2]]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from ujym.core.errors import DataFormatError, UnknownCodeError
from ujym.core.votes import ISSUE_CODES, Vote, VoteMatrix
from ujym.i18n import _
from ujym.sources.unga import UNGAVotes, read_votes

_VALID = np.zeros(256, dtype=bool)
_VALID[[int(v) for v in Vote]] = True

Slice = int | tuple[int, int] | range | Iterable[int] | None


def _as_values(spec: Slice) -> list[int] | tuple[int, int] | None:
    """``1992`` → [1992]; ``(1992, 2019)`` → inclusive range; a range or iterable → list."""
    if spec is None:
        return None
    if isinstance(spec, (int, np.integer)):
        return [int(spec)]
    if isinstance(spec, tuple) and len(spec) == 2 and all(isinstance(x, int) for x in spec):
        return (int(spec[0]), int(spec[1]))
    return [int(x) for x in spec]


def _filter(column: str, spec: Slice) -> pl.Expr | None:
    values = _as_values(spec)
    if values is None:
        return None
    if isinstance(values, tuple):
        return pl.col(column).is_between(values[0], values[1])
    return pl.col(column).is_in(values)


def issue_codes(issues: Iterable[str] | str) -> list[str]:
    """``issues`` as a list of issue codes (``me nu di hr co ec``); an unknown one raises."""
    codes = [issues] if isinstance(issues, str) else list(issues)
    unknown = [c for c in codes if c not in ISSUE_CODES]
    if unknown:
        raise UnknownCodeError(
            _("unknown issue code {code!r}").format(code=unknown[0]),
            _("use one or more of: {codes}").format(codes=", ".join(ISSUE_CODES)),
        )
    return codes


def select_roll_calls(
    roll_calls: pl.DataFrame,
    *,
    years: Slice = None,
    sessions: Slice = None,
    issues: Iterable[str] | str | None = None,
    important: bool | None = None,
) -> pl.DataFrame:
    """The roll calls in a slice, sorted by ``rcid``.

    ``years``/``sessions``: one value, an inclusive ``(first, last)`` pair, or any iterable.
    ``issues``: issue codes (``me nu di hr co ec``); a roll call is kept when it carries any.
    ``important``: True keeps only US State Department "important votes", False the others.
    """
    rc = roll_calls
    if "year" not in rc.columns and "date" in rc.columns:
        rc = rc.with_columns(pl.col("date").dt.year().cast(pl.Int16).alias("year"))
    conditions = [
        c for c in (_filter("year", years), _filter("session", sessions)) if c is not None
    ]
    if issues is not None:
        codes = issue_codes(issues)
        missing = [c for c in codes if c not in rc.columns]
        if missing:
            raise DataFormatError(
                _("the roll calls have no issue column {column!r}").format(column=missing[0]),
                _("re-import the dataset with its issue table"),
            )
        if codes:
            conditions.append(pl.any_horizontal([pl.col(c).fill_null(False) for c in codes]))
    if important is not None:
        flag = pl.col("importantvote").fill_null(False).cast(pl.Boolean)
        conditions.append(flag if important else ~flag)
    if conditions:
        rc = rc.filter(pl.all_horizontal(conditions))
    return rc.sort("rcid")


def _dense_codes(codes: npt.NDArray[Any]) -> tuple[npt.NDArray[Any], npt.NDArray[np.intp]]:
    """Sorted distinct codes and each element's index among them (``np.unique`` for small ints)."""
    if codes.size == 0:
        return codes[:0], np.zeros(0, dtype=np.intp)
    low, high = int(codes.min()), int(codes.max())
    if low < 0 or high > 1_000_000:
        distinct, inverse = np.unique(codes, return_inverse=True)
        return distinct, inverse
    present = np.zeros(high + 1, dtype=bool)
    present[codes] = True
    distinct = np.flatnonzero(present)
    rank = np.zeros(high + 1, dtype=np.intp)
    rank[distinct] = np.arange(len(distinct))
    return distinct.astype(codes.dtype), rank[codes]


def build_vote_matrix(
    votes_df: pl.DataFrame,
    roll_calls_df: pl.DataFrame,
    *,
    years: Slice = None,
    sessions: Slice = None,
    issues: Iterable[str] | str | None = None,
    important: bool | None = None,
) -> VoteMatrix:
    """States × roll calls matrix of :class:`~ujym.core.votes.Vote` codes for a slice.

    Parameters
    ----------
    votes_df
        Canonical votes, ``rcid, ccode, vote`` (polars or pandas).
    roll_calls_df
        Canonical roll calls: ``rcid, session`` and ``year`` (or ``date``); ``importantvote``
        and the issue flags when slicing on them.
    years, sessions
        One value, an inclusive ``(first, last)`` pair, or any iterable of values.
    issues
        Keep roll calls carrying any of these issue codes (``me nu di hr co ec``).
    important
        True: only "important votes"; False: only the others; None: all.

    Returns
    -------
    VoteMatrix
        Rows: every state with at least one row on the selected roll calls (sorted by ccode);
        columns: the selected roll calls (sorted by rcid). Pairs without a row are
        ``Vote.UNKNOWN`` (0).
    """
    votes_pl = votes_df if isinstance(votes_df, pl.DataFrame) else pl.from_pandas(votes_df)
    rc_pl = (
        roll_calls_df if isinstance(roll_calls_df, pl.DataFrame) else pl.from_pandas(roll_calls_df)
    )
    for name, frame, cols in (
        ("votes", votes_pl, ("rcid", "ccode", "vote")),
        ("roll calls", rc_pl, ("rcid", "session")),
    ):
        missing = [c for c in cols if c not in frame.columns]
        if missing:
            raise DataFormatError(
                _("the {name} frame has no column {column!r}").format(name=name, column=missing[0]),
                _("pass the canonical frames of ujym.sources.unga.read_votes()"),
            )
    rc = select_roll_calls(
        rc_pl, years=years, sessions=sessions, issues=issues, important=important
    )
    rcids = rc["rcid"].to_numpy().astype(np.int32, copy=False)
    v_rcid = votes_pl["rcid"].to_numpy()
    v_ccode = votes_pl["ccode"].to_numpy()
    v_vote = votes_pl["vote"].to_numpy()
    # keep the votes on the selected roll calls (sorted lookup, no join)
    if len(rcids) and len(v_rcid) and int(v_rcid.min()) >= 0 and int(v_rcid.max()) < 50_000_000:
        # dense lookup table rcid → column (-1: not selected): O(rows), no sort
        top = max(int(v_rcid.max()), int(rcids.max())) + 1
        lookup = np.full(top, -1, dtype=np.int64)
        lookup[rcids] = np.arange(len(rcids))
        col = lookup[v_rcid]
        keep = col >= 0
    elif len(rcids):
        col = np.searchsorted(rcids, v_rcid)
        keep = rcids[np.minimum(col, len(rcids) - 1)] == v_rcid
    else:
        col = np.zeros(len(v_rcid), dtype=np.intp)
        keep = np.zeros(len(v_rcid), dtype=bool)
    col = col[keep]
    ccode_kept = v_ccode[keep]
    vote_kept = v_vote[keep].astype(np.int16, copy=False)
    bad = ~_VALID[np.clip(vote_kept, 0, 255)] | (vote_kept < 0) | (vote_kept > 255)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise DataFormatError(
            _("unknown vote code {code} (state {ccode}, roll call {rcid})").format(
                code=int(vote_kept[i]), ccode=int(ccode_kept[i]), rcid=int(rcids[col[i]])
            ),
            _("codes are 1 yes, 2 abstain, 3 no, 8 absent, 9 not a member, 0 unknown"),
        )
    ccodes, row = _dense_codes(ccode_kept)
    matrix = np.zeros((len(ccodes), len(rcids)), dtype=np.int8)
    matrix[row, col] = vote_kept.astype(np.int8)
    year = rc["year"].to_numpy() if "year" in rc.columns else rc["date"].dt.year().to_numpy()
    important_col = (
        rc["importantvote"].fill_null(False).cast(pl.Boolean).to_numpy()
        if "importantvote" in rc.columns
        else np.zeros(len(rcids), dtype=bool)
    )
    issue_flags = {
        code: rc[code].fill_null(False).cast(pl.Boolean).to_numpy().astype(bool)
        for code in ISSUE_CODES
        if code in rc.columns
    }
    return VoteMatrix(
        ccodes=ccodes.astype(np.int16),
        rcids=rcids,
        votes=matrix,
        session=rc["session"].to_numpy().astype(np.int16),
        year=np.asarray(year).astype(np.int16),
        important=np.asarray(important_col, dtype=bool),
        issues=issue_flags,
    )


def load_vote_matrix(dataset: str | None = None, **slice_: Any) -> VoteMatrix:
    """The vote matrix of a cached UNGA dataset (see :func:`build_vote_matrix` for the slice).

    Raises :class:`~ujym.core.errors.DataNotAvailableError` when nothing is cached.
    """
    return build_vote_matrix_from(read_unga(dataset), **slice_)


def read_unga(dataset: str | None = None) -> UNGAVotes:
    """The cached canonical UNGA votes (``ujym.sources.unga.read_votes``)."""
    return read_votes(dataset)


def build_vote_matrix_from(data: UNGAVotes, **slice_: Any) -> VoteMatrix:
    """:func:`build_vote_matrix` on an ``UNGAVotes`` value (its ``votes`` and ``roll_calls``)."""
    return build_vote_matrix(data.votes, data.roll_calls, **slice_)


def slice_matrix(
    matrix: VoteMatrix,
    *,
    years: Slice = None,
    sessions: Slice = None,
    issues: Iterable[str] | str | None = None,
    important: bool | None = None,
) -> VoteMatrix:
    """The roll calls of ``matrix`` in a slice (same rules as :func:`build_vote_matrix`)."""
    keep = np.ones(matrix.rcids.shape, dtype=bool)
    for values, column in (
        (_as_values(years), matrix.year),
        (_as_values(sessions), matrix.session),
    ):
        if values is None:
            continue
        if isinstance(values, tuple):
            keep &= (column >= values[0]) & (column <= values[1])
        else:
            keep &= np.isin(column, values)
    if issues is not None:
        codes = issue_codes(issues)
        if codes:
            any_issue = np.zeros_like(keep)
            for c in codes:
                if c not in matrix.issues:
                    raise DataFormatError(
                        _("the vote matrix has no issue flag {code!r}").format(code=c),
                        _("re-import the dataset with its issue table"),
                    )
                any_issue |= matrix.issues[c]
            keep &= any_issue
    if important is not None:
        keep &= matrix.important if important else ~matrix.important
    if keep.all():
        return matrix
    return matrix.roll_calls(keep)


__all__ = [
    "build_vote_matrix",
    "issue_codes",
    "load_vote_matrix",
    "read_unga",
    "select_roll_calls",
    "slice_matrix",
]
