"""Dyad-year frames of UN General Assembly alignment.

>>> df = create_dyad_years(["KAZ"], partners=["RUS", "USA"], years=(1992, 2019))  # doctest: +SKIP
>>> df = add_alignment(df, ["agreement", "kappa_abs"])                            # doctest: +SKIP

(These examples need the cached datasets; docs/api.md runs them on real data, tested by
tests/test_examples.py.)

Unit of analysis
----------------
One row per dyad and period (calendar year of the roll calls, or General Assembly session with
``by="session"``). Non-directed by default: ``ccode1 < ccode2``, every pair of states that each
cast at least one yes, abstain or no vote in the period. With ``partners`` the rows are
``(state, partner)`` pairs in that order.

Roll calls and evidence
-----------------------
By default the measures rest on the *contested* roll calls: those on which the states present did
not all vote alike (Voeten's rule, :func:`ujym.engines.alignment.contested`), which makes
``agreement`` Voeten's published series. ``rollcalls="all"`` keeps the unanimous roll calls too
(a different convention: ujym's before version 0.2, not the published series). Below
``min_rollcalls`` (default 10) contested roll calls in common, a dyad-period's figures are withheld
(missing, ``status`` ``insufficient``, see :mod:`ujym.engines.evidence`).

Columns
-------
``ccode1, ccode2``  COW codes of the two states (int16)
``year`` or ``session``  the period (int16)
``iso3_1, iso3_2, name_en_1, name_en_2, name_kk_1, name_kk_2, name_ru_1, name_ru_2``  ISO3 code
                 and names in English, Kazakh and Russian of each state (categoricals;
                 :mod:`ujym.pipeline.identity`)
``n_rollcalls``  roll calls of the period (of the roll-call set) both states voted yes, abstain or
                 no on (int32)
``n_contested``  of them, the contested ones (only with ``rollcalls="all"``; otherwise they are
                 all contested)
``n_yes_no``  roll calls both voted yes or no on (with ``coincidence``)
``agreement``  Voeten agreement, abstention half-agreement, [0, 1]
``coincidence``  US State Department voting coincidence, yes/no only, [0, 1]
``identical``  share of identical votes (abstention its own category), [0, 1]
``s_abs, s_sq``  Signorino–Ritter S, absolute / squared distance, [-1, 1]
``kappa_abs, kappa_sq``  Häge's Cohen's kappa, ≤ 1
``pi_abs, pi_sq``  Häge's Scott's pi, ≤ 1

``status``  ``ok`` or ``insufficient`` (fewer contested roll calls in common than the minimum)
``reason``  why the figures are withheld (empty when ok)

Measures are NaN where withheld (and always where ``n_rollcalls == 0``). Definitions:
:mod:`ujym.engines.alignment` and ``docs/measures.md``. Provenance
(:func:`ujym.core.provenance.provenance_of`): unit ``dyad-year`` or ``dyad-session``, the votes
dataset and version, the columns, and ``details`` with the slice and each measure's roll calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd
from threadpoolctl import threadpool_limits

from ujym.core.errors import UjymError, UnknownCodeError
from ujym.core.groups import EU_CORE, Group
from ujym.core.jsonable import jsonable
from ujym.core.provenance import DatasetRef, Provenance, Unit, attach, provenance_of, require_unit
from ujym.core.votes import VoteMatrix
from ujym.engines.alignment import (
    MEASURES,
    FloatArray,
    contested,
    contingency_counts,
    measures_from_counts,
)
from ujym.engines.evidence import (
    MIN_MEMBERS,
    MIN_ROLLCALLS,
    Status,
    check_minimum,
    members_reason,
    reasons,
    statuses,
)
from ujym.engines.multivector import CHINA, RUSSIA, UNITED_STATES, multivector_index
from ujym.i18n import _
from ujym.pipeline.identity import DYAD_COLUMNS, with_dyad_identity
from ujym.sources.codes import resolve_state
from ujym.sources.groups import Selection, StateSpec, parse_spec
from ujym.sources.votematrix import build_vote_matrix_from, read_unga, slice_matrix

By = Literal["year", "session"]
RollCalls = Literal["contested", "all"]
Progress = Callable[[int, int], None]

ROLLCALLS: tuple[str, ...] = ("contested", "all")
"""Roll-call sets: Voeten's (unanimous roll calls left out; the default) or every roll call."""

#: Columns every dyad frame can carry, with their meaning (for ``--help`` and docs).
COLUMNS: dict[str, str] = {
    "ccode1": "COW code of the first state",
    "ccode2": "COW code of the second state",
    "year": "calendar year of the roll calls",
    "session": "UN General Assembly session",
    **DYAD_COLUMNS,
    "n_rollcalls": "contested roll calls both states voted yes, abstain or no on (count)",
    "n_contested": "contested roll calls among n_rollcalls (count; the minimum of evidence reads it)",
    "n_yes_no": "roll calls both states voted yes or no on (count)",
    "agreement": "Voeten agreement (abstention = half agreement), 0..1",
    "coincidence": "US State Department voting coincidence (yes/no only), 0..1",
    "identical": "share of identical votes (abstention its own category), 0..1",
    "s_abs": "Signorino-Ritter S, absolute distance, -1..1",
    "s_sq": "Signorino-Ritter S, squared distance, -1..1",
    "kappa_abs": "Haege's Cohen's kappa, absolute distance, <= 1",
    "kappa_sq": "Haege's Cohen's kappa, squared distance, <= 1",
    "pi_abs": "Haege's Scott's pi, absolute distance, <= 1",
    "pi_sq": "Haege's Scott's pi, squared distance, <= 1",
    "status": "ok, or insufficient: fewer contested roll calls in common than the minimum",
    "reason": "why the figures are withheld (empty when ok)",
}
ALL_ROLLCALLS = " (all roll calls, unanimous ones included: not Voeten's published series)"
"""Added to a measure's description under ``rollcalls="all"``."""


def _columns(names: Iterable[str], rollcalls: RollCalls) -> dict[str, str]:
    """Descriptions of ``names`` for the provenance, under the roll-call set used."""
    out = {c: COLUMNS[c] for c in names}
    if rollcalls == "all":
        for c in out:
            if c in MEASURES:
                out[c] += ALL_ROLLCALLS
        if "n_rollcalls" in out:
            out["n_rollcalls"] = "roll calls (unanimous ones included) both states voted yes, "
            out["n_rollcalls"] += "abstain or no on (count)"
    return out


def check_rollcalls(rollcalls: str) -> RollCalls:
    """``rollcalls`` when it names a roll-call set; a one-line error otherwise."""
    if rollcalls not in ROLLCALLS:
        raise UjymError(
            _("unknown roll-call set {name!r}").format(name=rollcalls),
            _("use --rollcalls contested (Voeten's rule, the default) or --rollcalls all"),
        )
    return rollcalls  # type: ignore[return-value]


def rollcall_sets(
    matrix: VoteMatrix, rollcalls: RollCalls
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """The roll calls the measures use and the contested ones, as flags over the columns.

    Whether a roll call is contested is judged among every state of ``matrix`` (the whole
    Assembly for a matrix of the cache), whatever states a frame compares.
    """
    disputed = contested(matrix.votes)
    used = disputed if check_rollcalls(rollcalls) == "contested" else np.ones_like(disputed)
    return used, disputed


def status_columns(
    enough: npt.NDArray[np.bool_], n_contested: npt.NDArray[Any], min_rollcalls: int
) -> tuple[pd.Categorical, pd.Categorical]:
    """``status`` and ``reason`` of dyad-periods as categorical columns (built from codes: a
    panel has close to a million rows and three distinct reasons).
    """
    status = pd.Categorical.from_codes(
        np.where(enough, 0, 1).astype(np.int8), categories=[s.value for s in Status]
    )
    texts = ["", *dict.fromkeys(reasons(np.array([0, 1]), min_rollcalls))]
    texts = list(dict.fromkeys(texts))  # with a minimum of 1 there is no "fewer than" reason
    short = texts.index(reasons(np.array([1]), min_rollcalls)[0]) if min_rollcalls > 1 else 0
    codes = np.where(enough, 0, np.where(np.asarray(n_contested) == 0, 1, short))
    return status, pd.Categorical.from_codes(codes.astype(np.int8), categories=texts)


def _evidence(
    counts: FloatArray, unanimous: FloatArray | None, min_rollcalls: int
) -> tuple[dict[str, FloatArray], FloatArray, npt.NDArray[np.bool_]]:
    """Measures from ``counts`` with the withheld ones NaN, the contested counts, the flags.

    ``unanimous`` holds the contingency counts on the unanimous roll calls of the period when
    ``counts`` include them (``rollcalls="all"``), else None.
    """
    got = measures_from_counts(counts)
    n_contested = got["n_votes"]
    if unanimous is not None:
        n_contested = n_contested - unanimous.sum(axis=(0, 1))
    enough = n_contested >= min_rollcalls
    for name in MEASURES:
        got[name] = np.where(enough, got[name], np.nan)
    got["coincidence"] = np.where(got["n_yes_no"] >= min_rollcalls, got["coincidence"], np.nan)
    return got, n_contested, enough


def _unit(by: By) -> Unit:
    return Unit.DYAD_SESSION if by == "session" else Unit.DYAD_YEAR


# ---- data ---------------------------------------------------------------------------------
def vote_matrix(
    matrix: VoteMatrix | None = None, dataset: str | None = None, **slice_: Any
) -> tuple[VoteMatrix, tuple[DatasetRef, ...]]:
    """The (sliced) vote matrix and the dataset it was read from: ``matrix`` when given (no
    dataset: the caller knows where it came from), else the cache's.
    """
    datasets: tuple[DatasetRef, ...] = ()
    if matrix is None:
        data = read_unga(dataset)
        matrix = build_vote_matrix_from(data)
        datasets = (data.ref,)
    slice_ = {k: v for k, v in slice_.items() if v is not None}
    return (slice_matrix(matrix, **slice_) if slice_ else matrix), datasets


def check_measures(measures: str | Iterable[str] | None) -> list[str]:
    """Validate measure names (None → all); raises UnknownCodeError with the list."""
    if measures is None:
        return list(MEASURES)
    names = [m.strip() for m in ([measures] if isinstance(measures, str) else measures)]
    names = [n for part in names for n in part.split(",") if n]
    for name in names:
        if name not in MEASURES:
            raise UnknownCodeError(
                _("unknown measure {name!r}").format(name=name),
                _("use one of: {names}").format(names=", ".join(MEASURES)),
            )
    return list(dict.fromkeys(names))


# ---- periods -----------------------------------------------------------------------------
def _periods(
    matrix: VoteMatrix, by: By
) -> tuple[npt.NDArray[np.int16], list[npt.NDArray[np.intp]], list[int]]:
    """Period values, the column indices of each, and the calendar year each stands for."""
    if by not in ("year", "session"):
        raise UjymError(
            _("unknown period {by!r}").format(by=by), _("use --by year or --by session")
        )
    key = matrix.year if by == "year" else matrix.session
    order = np.argsort(key, kind="stable")
    values, starts = np.unique(key[order], return_index=True)
    cols = np.split(order, starts[1:]) if len(order) else []
    years = [int(matrix.year[c].min()) for c in cols]
    return values.astype(np.int16), cols, years


def _active(matrix: VoteMatrix, cols: npt.NDArray[np.intp]) -> npt.NDArray[np.bool_]:
    v = matrix.votes[:, cols]
    return np.asarray(((v >= 1) & (v <= 3)).any(axis=1))


# ---- the verbs ---------------------------------------------------------------------------
def create_dyad_years(
    states: StateSpec = None,
    *,
    partners: StateSpec = None,
    years: Any = None,
    sessions: Any = None,
    by: By = "year",
    matrix: VoteMatrix | None = None,
    dataset: str | None = None,
) -> pd.DataFrame:
    """One row per dyad and period in which both states voted.

    Parameters
    ----------
    states
        None (every state), a state, a group (``"CSTO"``: its members of each year; see
        :func:`ujym.sources.groups.parse_spec`), a comma-separated string or a list of those.
        Without ``partners``: every pair within it.
    partners
        When given, the rows are ``(state, partner)`` for each state and each partner.
    years, sessions
        Restrict to these (one value, inclusive ``(first, last)`` pair, or iterable).
    by
        ``"year"`` (calendar year of the roll calls) or ``"session"``.
    matrix
        A vote matrix to use instead of the cached dataset ``dataset``.

    Returns
    -------
    pandas.DataFrame
        ``ccode1, ccode2, year|session`` and the identity columns (``iso3_1, iso3_2``, names in
        kk/ru/en of each state); its provenance records the unit, the votes dataset
        and the slice (``details["slice"]``).
    """
    m, datasets = vote_matrix(matrix, dataset, years=years, sessions=sessions)
    values, cols, period_years = _periods(m, by)
    pick = parse_spec(states)
    pick_partners = parse_spec(partners)
    c1: list[npt.NDArray[np.int16]] = []
    c2: list[npt.NDArray[np.int16]] = []
    per: list[npt.NDArray[np.int16]] = []
    for value, col, year in zip(values, cols, period_years, strict=True):
        active = m.ccodes[_active(m, col)]
        chosen = active if pick is None else active[np.isin(active, pick.members(year))]
        if pick_partners is None:
            i, j = np.triu_indices(len(chosen), k=1)
            a, b = chosen[i], chosen[j]
        else:
            others = active[np.isin(active, pick_partners.members(year))]
            a = np.repeat(chosen, len(others))
            b = np.tile(others, len(chosen))
            keep = a != b
            a, b = a[keep], b[keep]
        c1.append(a)
        c2.append(b)
        per.append(np.full(len(a), value, dtype=np.int16))
    empty = np.zeros(0, dtype=np.int16)
    df = pd.DataFrame(
        {
            "ccode1": np.concatenate(c1) if c1 else empty,
            "ccode2": np.concatenate(c2) if c2 else empty,
            by: np.concatenate(per) if per else empty,
        }
    )
    df = with_dyad_identity(df, after=by)
    return attach(
        df,
        Provenance(
            _unit(by),
            datasets=datasets,
            casebook=any(s.on_casebook for s in (pick, pick_partners) if s),
            columns={c: COLUMNS[c] for c in df.columns},
            details={"slice": {"years": years, "sessions": sessions}, "measures": {}},
        ),
    )


def add_alignment(
    df: pd.DataFrame,
    measures: str | Iterable[str] | None = None,
    *,
    issues: str | Iterable[str] | None = None,
    important: bool | None = None,
    rollcalls: RollCalls = "contested",
    min_rollcalls: int = MIN_ROLLCALLS,
    matrix: VoteMatrix | None = None,
    dataset: str | None = None,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Add alignment measures to a dyad frame; the row count never changes.

    Parameters
    ----------
    df
        A dyad-year or dyad-session frame with ``ccode1, ccode2`` and ``year`` or ``session``
        (e.g. from :func:`create_dyad_years`); another unit is refused.
    measures
        Names from :data:`ujym.engines.alignment.MEASURES` (None: all). ``n_rollcalls``,
        ``status`` and ``reason`` are always added; ``n_yes_no`` with ``coincidence``.
    issues, important
        Compute the measures on these roll calls only (issue codes ``me nu di hr co ec``;
        US "important votes").
    rollcalls
        ``"contested"`` (default: leave out the roll calls on which every state present voted
        alike, as Voeten's agreement scores do) or ``"all"`` (keep them: a different
        convention, not Voeten's published series; adds ``n_contested``).
    min_rollcalls
        Contested roll calls in common a dyad-period needs; below it the measures are withheld
        (NaN, ``status`` ``insufficient``). ``coincidence`` also needs that many yes/no roll
        calls in common (``n_yes_no``).
    matrix, dataset
        The vote matrix to use, else the cached dataset.
    progress
        Called with ``(done, total)`` periods as they are computed.

    Returns
    -------
    pandas.DataFrame
        A copy of ``df`` with the count, measure and status columns.
    """
    prov = require_unit(df, Unit.DYAD_YEAR, Unit.DYAD_SESSION, verb="add_alignment")
    names = check_measures(measures)
    minimum = check_minimum(min_rollcalls)
    by: By = "session" if prov.unit is Unit.DYAD_SESSION else "year"
    for col in ("ccode1", "ccode2", by):
        if col not in df.columns:
            raise UjymError(
                _("the frame has no column {col!r}").format(col=col),
                _("build it with create_dyad_years()"),
            )
    m, datasets = vote_matrix(matrix, dataset, issues=issues, important=important)
    used, disputed = rollcall_sets(m, rollcalls)
    out = df.copy()
    n = len(out)
    results = {name: np.full(n, np.nan) for name in names}
    n_rollcalls = np.zeros(n, dtype=np.int32)
    n_contested = np.zeros(n, dtype=np.int32)
    n_yes_no = np.zeros(n, dtype=np.int32)
    enough = np.zeros(n, dtype=bool)
    values, cols, _years = _periods(m, by)
    col_of = {int(v): c for v, c in zip(values, cols, strict=True)}
    period = out[by].to_numpy()
    uniq, inverse = np.unique(period, return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(len(uniq) + 1))
    a_all = out["ccode1"].to_numpy()
    b_all = out["ccode2"].to_numpy()
    for k, p in enumerate(uniq):
        idx = order[bounds[k] : bounds[k + 1]]
        if progress is not None:
            progress(k, len(uniq))
        columns = col_of.get(int(p))
        if columns is None or idx.size == 0:
            continue
        a, b = a_all[idx], b_all[idx]
        states = np.unique(np.concatenate([a, b]))
        rows = np.searchsorted(m.ccodes, states)
        rows_c = np.minimum(rows, len(m.ccodes) - 1)
        present = (rows < len(m.ccodes)) & (m.ccodes[rows_c] == states)
        states, rows = states[present], rows[present]
        if states.size == 0:
            continue
        ia = np.searchsorted(states, a)
        ib = np.searchsorted(states, b)
        ok = (ia < len(states)) & (ib < len(states))
        ok &= states[np.minimum(ia, len(states) - 1)] == a
        ok &= states[np.minimum(ib, len(states) - 1)] == b
        sel, ia, ib = idx[ok], ia[ok], ib[ok]
        counts = contingency_counts(m.votes[np.ix_(rows, columns[used[columns]])])
        unanimous = None
        if rollcalls == "all":
            plain = columns[~disputed[columns]]
            unanimous = contingency_counts(m.votes[np.ix_(rows, plain)])[:, :, ia, ib]
        got, contested_n, sufficient = _evidence(counts[:, :, ia, ib], unanimous, minimum)
        n_rollcalls[sel] = got["n_votes"]
        n_contested[sel] = contested_n
        n_yes_no[sel] = got["n_yes_no"]
        enough[sel] = sufficient
        for name in names:
            results[name][sel] = got[name]
    if progress is not None:
        progress(len(uniq), len(uniq))
    out["n_rollcalls"] = n_rollcalls
    added = ["n_rollcalls"]
    if rollcalls == "all":
        out["n_contested"] = n_contested
        added.append("n_contested")
    if "coincidence" in names:
        out["n_yes_no"] = n_yes_no
        added.append("n_yes_no")
    for name in names:
        out[name] = results[name]
    out["status"], out["reason"] = status_columns(enough, n_contested, minimum)
    added += [*names, "status", "reason"]
    rule = {"rollcalls": rollcalls, "min_rollcalls": minimum}
    measures_done = {
        **prov.details.get("measures", {}),
        **{name: {"issues": jsonable(issues), "important": important, **rule} for name in names},
    }
    return attach(
        out,
        prov.adding(
            datasets=datasets,
            columns=_columns(added, rollcalls),
            details={"measures": measures_done, **rule},
        ),
    )


def alignment_panel(
    *,
    by: By = "year",
    measures: str | Iterable[str] | None = None,
    years: Any = None,
    rollcalls: RollCalls = "contested",
    min_rollcalls: int = MIN_ROLLCALLS,
    matrix: VoteMatrix | None = None,
    dataset: str | None = None,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Every dyad of states in every period with every measure (the full panel).

    The same rows as ``create_dyad_years(by=by)`` and the same values as
    :func:`add_alignment` on them (the tests check both), computed in one pass: per period, the
    contingency counts of the states that voted, then the measures of the upper triangle.
    ``rollcalls`` and ``min_rollcalls`` as in :func:`add_alignment`.
    """
    names = check_measures(measures)
    minimum = check_minimum(min_rollcalls)
    m, datasets = vote_matrix(matrix, dataset, years=years)
    used, disputed = rollcall_sets(m, rollcalls)
    values, cols, _years = _periods(m, by)
    voted = (m.votes >= 1) & (m.votes <= 3)
    keys = ("ccode1", "ccode2", by, "n_rollcalls", "n_contested", "n_yes_no", *names)
    parts: dict[str, list[npt.NDArray[Any]]] = {k: [] for k in keys}
    flags: list[npt.NDArray[np.bool_]] = []
    # the per-period products are small (≤ 600 × 150): a second BLAS thread only waits for a
    # core, and on a busy machine it makes the panel erratic (0.15 s or 2 s), so use one
    with threadpool_limits(limits=1, user_api="blas"):
        for k, (value, col) in enumerate(zip(values, cols, strict=True)):
            if progress is not None:
                progress(k, len(values))
            rows = np.flatnonzero(voted[:, col].any(axis=1))  # the states active in the period
            i, j = np.triu_indices(len(rows), k=1)
            counts = contingency_counts(m.votes[np.ix_(rows, col[used[col]])])
            unanimous = None
            if rollcalls == "all":
                plain = col[~disputed[col]]
                unanimous = contingency_counts(m.votes[np.ix_(rows, plain)])[:, :, i, j]
            got, n_contested, enough = _evidence(counts[:, :, i, j], unanimous, minimum)
            parts["ccode1"].append(m.ccodes[rows[i]])
            parts["ccode2"].append(m.ccodes[rows[j]])
            parts[by].append(np.full(len(i), value, dtype=np.int16))
            parts["n_rollcalls"].append(got["n_votes"].astype(np.int32))
            parts["n_contested"].append(n_contested.astype(np.int32))
            parts["n_yes_no"].append(got["n_yes_no"].astype(np.int32))
            flags.append(enough)
            for name in names:
                parts[name].append(got[name])
    if progress is not None:
        progress(len(values), len(values))
    if rollcalls != "all":
        del parts["n_contested"]
    if "coincidence" not in names:
        del parts["n_yes_no"]
    df = pd.DataFrame(
        {k: (np.concatenate(v) if v else np.zeros(0, dtype=np.float64)) for k, v in parts.items()}
    )
    df = with_dyad_identity(df, after=by)
    enough_all = np.concatenate(flags) if flags else np.zeros(0, dtype=bool)
    n_all = df["n_contested" if rollcalls == "all" else "n_rollcalls"].to_numpy()
    df["status"], df["reason"] = status_columns(enough_all, n_all, minimum)
    rule = {"rollcalls": rollcalls, "min_rollcalls": minimum}
    return attach(
        df,
        Provenance(
            _unit(by),
            datasets=datasets,
            columns=_columns(df.columns, rollcalls),
            details={
                "slice": {"years": years},
                "measures": {name: {"issues": None, "important": None, **rule} for name in names},
                **rule,
            },
        ),
    )


def alignment_series(
    a: str | int,
    b: str | int,
    *,
    measures: str | Iterable[str] | None = None,
    by: By = "year",
    years: Any = None,
    issues: str | Iterable[str] | None = None,
    important: bool | None = None,
    rollcalls: RollCalls = "contested",
    min_rollcalls: int = MIN_ROLLCALLS,
    matrix: VoteMatrix | None = None,
    dataset: str | None = None,
) -> pd.DataFrame:
    """Alignment of state ``a`` with state ``b`` per period (one row per period both voted).

    Periods below ``min_rollcalls`` contested roll calls in common keep their row, with the
    measures withheld and ``status`` ``insufficient`` (see :func:`add_alignment`).
    """
    ca, cb = resolve_state(a).ccode, resolve_state(b).ccode
    m, datasets = vote_matrix(matrix, dataset, years=years)
    df = create_dyad_years([ca], partners=[cb], by=by, matrix=m)
    df = add_alignment(
        df,
        measures,
        issues=issues,
        important=important,
        rollcalls=rollcalls,
        min_rollcalls=min_rollcalls,
        matrix=m,
    )
    return attach(df, provenance_of(df).adding(datasets=datasets))


def _partner_label(partner: Any) -> str:
    """How a partner is shown in the ``partner`` column: as typed, upper case."""
    return (partner.id if isinstance(partner, Group) else str(partner)).strip().upper()


PROFILE_COLUMNS: dict[str, str] = {
    "partner": "the partner state or group, as typed (upper case)",
    "n_rollcalls": COLUMNS["n_rollcalls"] + " (a group: the fewest over the members averaged)",
    "n_members_present": "a group: its members that voted in the period (empty for a state)",
    "status": "ok, or insufficient: too few contested roll calls in common (a group: fewer "
    "than two members with enough)",
    "reason": COLUMNS["reason"],
}


def alignment_profile(
    state: str | int,
    against: Sequence[Any] = ("RUS", "USA", "CHN"),
    *,
    measure: str = "agreement",
    by: By = "year",
    years: Any = None,
    issues: str | Iterable[str] | None = None,
    rollcalls: RollCalls = "contested",
    min_rollcalls: int = MIN_ROLLCALLS,
    matrix: VoteMatrix | None = None,
    dataset: str | None = None,
) -> pd.DataFrame:
    """A state's alignment with each partner per period, long format.

    ``against`` holds states and/or groups (:func:`ujym.sources.groups.parse_spec`): a group's
    value is the mean of the state's alignment with those of its members of the period's year
    whose own alignment is shown (at least ``min_rollcalls`` contested roll calls in common),
    the state itself left out (``EU``: the EU core comparison set,
    :data:`ujym.core.groups.EU_CORE`); at least two such members are needed (all of them when
    the group has fewer besides the state). Columns: period, ``partner`` (as typed, upper
    case), ``value``, ``n_rollcalls`` (for a group: the fewest over the members averaged),
    ``n_members_present`` (a group's members that voted; empty for a state), ``status``,
    ``reason``.
    """
    names = check_measures([measure])
    if len(names) != 1:
        raise UnknownCodeError(
            _("unknown measure {name!r}").format(name=measure),
            _("use one of: {names}").format(names=", ".join(MEASURES)),
        )
    name = names[0]
    minimum = check_minimum(min_rollcalls)
    me = resolve_state(state).ccode
    m, datasets = vote_matrix(matrix, dataset, years=years, issues=issues)
    rule: dict[str, Any] = {"rollcalls": rollcalls, "min_rollcalls": minimum}
    on_casebook = False
    frames = []
    for partner in against:
        label = _partner_label(partner)
        chosen = parse_spec(partner)
        assert chosen is not None  # a partner is never None
        on_casebook |= chosen.on_casebook
        if chosen.groups or len(chosen.states) != 1:
            ever = sorted({c for y in np.unique(m.year) for c in chosen.members(int(y))} - {me})
            df = create_dyad_years([me], partners=ever, by=by, matrix=m)
            df = add_alignment(df, [name], matrix=m, **rule)
            part = group_mean(df, chosen, name, by, _period_year(m, by), me, minimum)
        else:
            df = create_dyad_years([me], partners=[chosen.states[0].ccode], by=by, matrix=m)
            df = add_alignment(df, [name], matrix=m, **rule)
            part = pd.DataFrame(
                {
                    by: df[by].to_numpy(),
                    "value": df[name].to_numpy(),
                    "n_rollcalls": df["n_rollcalls"].to_numpy(),
                    "n_members_present": pd.array([pd.NA] * len(df), dtype="Int64"),
                    "status": df["status"].astype(str).to_numpy(),
                    "reason": df["reason"].astype(str).to_numpy(),
                }
            )
        part.insert(1, "partner", label)
        frames.append(part)
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return attach(
        out,
        Provenance(
            Unit.STATE_PARTNER_SESSION if by == "session" else Unit.STATE_PARTNER_YEAR,
            datasets=datasets,
            casebook=on_casebook,
            columns={
                by: COLUMNS[by],
                **{k: v for k, v in PROFILE_COLUMNS.items() if k != "n_members_present"},
                "value": _columns([name], rollcalls)[name]
                + " (a group: mean over its members with enough roll calls in common)",
                "n_members_present": PROFILE_COLUMNS["n_members_present"],
            },
            details={"state": me, "measure": name, **rule},
        ),
    )


def _period_year(matrix: VoteMatrix, by: By) -> dict[int, int]:
    """The calendar year each period stands for (a session: the year of its first roll call)."""
    values, _cols, years = _periods(matrix, by)
    return {int(v): int(y) for v, y in zip(values, years, strict=True)}


def group_mean(
    df: pd.DataFrame,
    group: Selection,
    name: str,
    by: str,
    year_of: dict[int, int],
    state: int,
    min_rollcalls: int,
    *,
    key: str | None = None,
) -> pd.DataFrame:
    """A state's alignment with a group per period: the mean over the group's members.

    ``df`` holds the state's dyads with the members (``ccode2``; ``ccode1`` is the state, or
    the states when ``key`` names the column that tells them apart) scored by
    :func:`add_alignment`. Members of the period's calendar year count; the mean is over those
    whose alignment is shown (status ok), and needs two of them, or all of the group's members
    besides the state when it has fewer. Columns: ``key`` (when given), ``by``, ``value``,
    ``n_rollcalls`` (the fewest over the members averaged; when none is, the most over the
    members present), ``n_members_present`` (members that voted), ``status``, ``reason``.
    """
    columns = [*([key] if key else []), by, "value", "n_rollcalls", "n_members_present"]
    if df.empty:
        empty = pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})
        return empty.assign(status=pd.Series(dtype=object), reason=pd.Series(dtype=object))
    members = {p: frozenset(group.members(y)) for p, y in year_of.items()}
    rows: list[dict[str, Any]] = []
    groups = df.groupby([key, by] if key else [by], sort=True)
    for keys, part in groups:
        head = keys if isinstance(keys, tuple) else (keys,)
        period = int(head[-1])
        me = int(head[0]) if key else state
        defined = members.get(period, frozenset()) - {me}
        part = part[part["ccode2"].isin(defined)]
        shown = part[part["status"].astype(str) == Status.OK.value]
        need = min(MIN_MEMBERS, len(defined))
        enough = len(defined) > 0 and len(shown) >= need
        most = int(part["n_rollcalls"].max()) if len(part) else 0
        if enough:
            reason = ""
        elif len(part) < need or not len(part):
            reason = members_reason()
        elif most < min_rollcalls:
            reason = reasons(np.array([most]), min_rollcalls)[0]
        else:
            reason = _("fewer than two members with enough contested roll calls in common")
        rows.append(
            {
                **({key: me} if key else {}),
                by: period,
                "value": float(shown[name].mean()) if enough else float("nan"),
                "n_rollcalls": int(shown["n_rollcalls"].min()) if enough else most,
                "n_members_present": len(part),
                "status": (Status.OK if enough else Status.INSUFFICIENT).value,
                "reason": reason,
            }
        )
    out = pd.DataFrame(rows)
    return out.astype({"n_rollcalls": "int32", "n_members_present": "Int64"})


def multivector_series(
    state: str | int,
    *,
    measure: str = "agreement",
    years: Any = None,
    issues: str | Iterable[str] | None = None,
    rollcalls: RollCalls = "contested",
    min_rollcalls: int = MIN_ROLLCALLS,
    matrix: VoteMatrix | None = None,
    dataset: str | None = None,
) -> pd.DataFrame:
    """The multi-vector index of a state per year (see :mod:`ujym.engines.multivector`).

    Columns: ``year, align_rus, align_usa, align_chn, align_eu, multivector`` (``align_eu``:
    with the EU core, :data:`ujym.core.groups.EU_CORE`), ``n_rollcalls_<pole>`` beside each
    alignment, ``status`` and ``reason`` of the index. An alignment below the minimum of
    evidence is withheld and drops out of the index; the index is withheld when the alignment
    with Russia is, or every other pole's is.
    """
    prof = alignment_profile(
        state,
        (RUSSIA, UNITED_STATES, CHINA, EU_CORE),
        measure=measure,
        years=years,
        issues=issues,
        rollcalls=rollcalls,
        min_rollcalls=min_rollcalls,
        matrix=matrix,
        dataset=dataset,
    )
    labels = {
        str(RUSSIA): "rus",
        str(UNITED_STATES): "usa",
        str(CHINA): "chn",
        EU_CORE.id: "eu",
    }
    # one row per (year, partner): a plain pivot keeps the years whose values are all withheld
    wide = prof.pivot(index="year", columns="partner", values="value").astype("float64")
    wide = wide.reindex(columns=list(labels)).rename(columns=lambda p: f"align_{labels[p]}")
    counts = prof.pivot(index="year", columns="partner", values="n_rollcalls")
    counts = counts.reindex(index=wide.index, columns=list(labels)).fillna(0).astype("int32")
    out = wide.reset_index()
    out["multivector"] = multivector_index(
        out["align_rus"], out["align_usa"], out["align_chn"], out["align_eu"]
    )
    for partner, short in labels.items():
        out[f"n_rollcalls_{short}"] = counts[partner].to_numpy()
    enough = out["multivector"].notna().to_numpy()
    out["status"] = statuses(enough)
    why = _("the alignment with Russia, or with every other pole, is withheld")
    out["reason"] = np.where(enough, "", why)
    out.columns.name = None
    what = _columns([measure], rollcalls)[measure]
    poles = {
        "rus": "Russia",
        "usa": "the United States",
        "chn": "China",
        "eu": "the EU core (mean over its members with enough roll calls in common)",
    }
    columns = {
        "year": COLUMNS["year"],
        **{f"align_{k}": f"{what}, with {v}" for k, v in poles.items()},
        "multivector": "multi-vector index: align_rus minus the mean of the other poles",
        **{f"n_rollcalls_{k}": f"{COLUMNS['n_rollcalls']}, with {v}" for k, v in poles.items()},
        "status": "ok, or insufficient: the index is withheld",
        "reason": COLUMNS["reason"],
    }
    prov = provenance_of(prof)
    return attach(
        out, Provenance(Unit.STATE_YEAR, prov.datasets, prov.casebook, columns, prov.details)
    )


__all__ = [
    "COLUMNS",
    "ROLLCALLS",
    "add_alignment",
    "alignment_panel",
    "alignment_profile",
    "alignment_series",
    "check_measures",
    "check_rollcalls",
    "create_dyad_years",
    "group_mean",
    "multivector_series",
    "rollcall_sets",
]
