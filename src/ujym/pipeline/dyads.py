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

Columns
-------
``ccode1, ccode2``  COW codes of the two states (int16)
``year`` or ``session``  the period (int16)
``n_votes``  roll calls of the period both states voted yes, abstain or no on (int32)
``n_yes_no``  roll calls both voted yes or no on (with ``coincidence``)
``agreement``  Voeten agreement, abstention half-agreement, [0, 1]
``coincidence``  US State Department voting coincidence, yes/no only, [0, 1]
``identical``  share of identical votes (abstention its own category), [0, 1]
``s_abs, s_sq``  Signorino–Ritter S, absolute / squared distance, [-1, 1]
``kappa_abs, kappa_sq``  Häge's Cohen's kappa, ≤ 1
``pi_abs, pi_sq``  Häge's Scott's pi, ≤ 1

Measures are NaN where the dyad has no common vote (``n_votes == 0``). Definitions:
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
from ujym.engines.alignment import MEASURES, contingency_counts, measures_from_counts
from ujym.engines.multivector import CHINA, RUSSIA, UNITED_STATES, multivector_index
from ujym.i18n import _
from ujym.sources.codes import resolve_state
from ujym.sources.groups import Selection, StateSpec, parse_spec
from ujym.sources.votematrix import build_vote_matrix_from, read_unga, slice_matrix

By = Literal["year", "session"]
Progress = Callable[[int, int], None]

#: Columns every dyad frame can carry, with their meaning (for ``--help`` and docs).
COLUMNS: dict[str, str] = {
    "ccode1": "COW code of the first state",
    "ccode2": "COW code of the second state",
    "year": "calendar year of the roll calls",
    "session": "UN General Assembly session",
    "n_votes": "roll calls both states voted yes, abstain or no on (count)",
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
}


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
        ``ccode1, ccode2, year|session``; its provenance records the unit, the votes dataset
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
        Names from :data:`ujym.engines.alignment.MEASURES` (None: all). ``n_votes`` is always
        added; ``n_yes_no`` with ``coincidence``.
    issues, important
        Compute the measures on these roll calls only (issue codes ``me nu di hr co ec``;
        US "important votes").
    matrix, dataset
        The vote matrix to use, else the cached dataset.
    progress
        Called with ``(done, total)`` periods as they are computed.

    Returns
    -------
    pandas.DataFrame
        A copy of ``df`` with the measure columns (NaN where a dyad has no common vote).
    """
    prov = require_unit(df, Unit.DYAD_YEAR, Unit.DYAD_SESSION, verb="add_alignment")
    names = check_measures(measures)
    by: By = "session" if prov.unit is Unit.DYAD_SESSION else "year"
    for col in ("ccode1", "ccode2", by):
        if col not in df.columns:
            raise UjymError(
                _("the frame has no column {col!r}").format(col=col),
                _("build it with create_dyad_years()"),
            )
    m, datasets = vote_matrix(matrix, dataset, issues=issues, important=important)
    out = df.copy()
    n = len(out)
    results = {name: np.full(n, np.nan) for name in names}
    n_votes = np.zeros(n, dtype=np.int32)
    n_yes_no = np.zeros(n, dtype=np.int32)
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
        counts = contingency_counts(m.votes[np.ix_(rows, columns)])
        ia = np.searchsorted(states, a)
        ib = np.searchsorted(states, b)
        ok = (ia < len(states)) & (ib < len(states))
        ok &= states[np.minimum(ia, len(states) - 1)] == a
        ok &= states[np.minimum(ib, len(states) - 1)] == b
        sel, ia, ib = idx[ok], ia[ok], ib[ok]
        dyads = measures_from_counts(counts[:, :, ia, ib])
        n_votes[sel] = dyads["n_votes"]
        n_yes_no[sel] = dyads["n_yes_no"]
        for name in names:
            results[name][sel] = dyads[name]
    if progress is not None:
        progress(len(uniq), len(uniq))
    out["n_votes"] = n_votes
    if "coincidence" in names:
        out["n_yes_no"] = n_yes_no
    for name in names:
        out[name] = results[name]
    added = ["n_votes", *(["n_yes_no"] if "coincidence" in names else []), *names]
    measures_done = {
        **prov.details.get("measures", {}),
        **{name: {"issues": jsonable(issues), "important": important} for name in names},
    }
    return attach(
        out,
        prov.adding(
            datasets=datasets,
            columns={c: COLUMNS[c] for c in added},
            details={"measures": measures_done},
        ),
    )


def alignment_panel(
    *,
    by: By = "year",
    measures: str | Iterable[str] | None = None,
    years: Any = None,
    matrix: VoteMatrix | None = None,
    dataset: str | None = None,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Every dyad of states in every period with every measure (the full panel).

    The same rows as ``create_dyad_years(by=by)`` and the same values as
    :func:`add_alignment` on them (the tests check both), computed in one pass: per period, the
    contingency counts of the states that voted, then the measures of the upper triangle.
    """
    names = check_measures(measures)
    m, datasets = vote_matrix(matrix, dataset, years=years)
    values, cols, _years = _periods(m, by)
    voted = (m.votes >= 1) & (m.votes <= 3)
    parts: dict[str, list[npt.NDArray[Any]]] = {
        k: [] for k in ("ccode1", "ccode2", by, "n_votes", "n_yes_no", *names)
    }
    # the per-period products are small (≤ 600 × 150): a second BLAS thread only waits for a
    # core, and on a busy machine it makes the panel erratic (0.15 s or 2 s), so use one
    with threadpool_limits(limits=1, user_api="blas"):
        for k, (value, col) in enumerate(zip(values, cols, strict=True)):
            if progress is not None:
                progress(k, len(values))
            rows = np.flatnonzero(voted[:, col].any(axis=1))
            i, j = np.triu_indices(len(rows), k=1)
            counts = contingency_counts(m.votes[np.ix_(rows, col)])
            got = measures_from_counts(counts[:, :, i, j])
            parts["ccode1"].append(m.ccodes[rows[i]])
            parts["ccode2"].append(m.ccodes[rows[j]])
            parts[by].append(np.full(len(i), value, dtype=np.int16))
            parts["n_votes"].append(got["n_votes"].astype(np.int32))
            parts["n_yes_no"].append(got["n_yes_no"].astype(np.int32))
            for name in names:
                parts[name].append(got[name])
    if progress is not None:
        progress(len(values), len(values))
    if "coincidence" not in names:
        del parts["n_yes_no"]
    df = pd.DataFrame(
        {k: (np.concatenate(v) if v else np.zeros(0, dtype=np.float64)) for k, v in parts.items()}
    )
    return attach(
        df,
        Provenance(
            _unit(by),
            datasets=datasets,
            columns={c: COLUMNS[c] for c in df.columns},
            details={
                "slice": {"years": years},
                "measures": {name: {"issues": None, "important": None} for name in names},
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
    matrix: VoteMatrix | None = None,
    dataset: str | None = None,
) -> pd.DataFrame:
    """Alignment of state ``a`` with state ``b`` per period (one row per period both voted)."""
    ca, cb = resolve_state(a).ccode, resolve_state(b).ccode
    m, datasets = vote_matrix(matrix, dataset, years=years)
    df = create_dyad_years([ca], partners=[cb], by=by, matrix=m)
    df = add_alignment(df, measures, issues=issues, important=important, matrix=m)
    return attach(df, provenance_of(df).adding(datasets=datasets))


def _partner_label(partner: Any) -> str:
    """How a partner is shown in the ``partner`` column: as typed, upper case."""
    return (partner.id if isinstance(partner, Group) else str(partner)).strip().upper()


def alignment_profile(
    state: str | int,
    against: Sequence[Any] = ("RUS", "USA", "CHN"),
    *,
    measure: str = "agreement",
    by: By = "year",
    years: Any = None,
    issues: str | Iterable[str] | None = None,
    matrix: VoteMatrix | None = None,
    dataset: str | None = None,
) -> pd.DataFrame:
    """A state's alignment with each partner per period, long format.

    ``against`` holds states and/or groups (:func:`ujym.sources.groups.parse_spec`): a group's
    value is the mean of the state's alignment with those of its members of the period's year
    that voted, the state itself left out (``EU``: the EU core comparison set,
    :data:`ujym.core.groups.EU_CORE`). Columns: period, ``partner`` (as typed, upper case),
    ``value``, ``n_votes`` (for a group: the fewest over its members).
    """
    names = check_measures([measure])
    if len(names) != 1:
        raise UnknownCodeError(
            _("unknown measure {name!r}").format(name=measure),
            _("use one of: {names}").format(names=", ".join(MEASURES)),
        )
    name = names[0]
    me = resolve_state(state).ccode
    m, datasets = vote_matrix(matrix, dataset, years=years, issues=issues)
    on_casebook = False
    frames = []
    for partner in against:
        label = _partner_label(partner)
        chosen = parse_spec(partner)
        assert chosen is not None  # a partner is never None
        on_casebook |= chosen.on_casebook
        if chosen.groups:
            ever = sorted({c for y in np.unique(m.year) for c in chosen.members(int(y))} - {me})
            df = create_dyad_years([me], partners=ever, by=by, matrix=m)
            df = add_alignment(df, [name], matrix=m)
            df = _group_mean(df, chosen, name, by, _period_year(m, by))
        else:
            states = [c.ccode for c in chosen.states]
            df = create_dyad_years([me], partners=states, by=by, matrix=m)
            df = add_alignment(df, [name], matrix=m)
        frames.append(
            pd.DataFrame(
                {
                    by: df[by].to_numpy(),
                    "partner": label,
                    "value": df[name].to_numpy(),
                    "n_votes": df["n_votes"].to_numpy(),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return attach(
        out,
        Provenance(
            Unit.STATE_PARTNER_SESSION if by == "session" else Unit.STATE_PARTNER_YEAR,
            datasets=datasets,
            casebook=on_casebook,
            columns={
                by: COLUMNS[by],
                "partner": "the partner state or group, as typed (upper case)",
                "value": COLUMNS[name] + " (a group: mean over its members that voted)",
                "n_votes": COLUMNS["n_votes"] + " (a group: the fewest over its members)",
            },
            details={"state": me, "measure": name},
        ),
    )


def _period_year(matrix: VoteMatrix, by: By) -> dict[int, int]:
    """The calendar year each period stands for (a session: the year of its first roll call)."""
    values, _cols, years = _periods(matrix, by)
    return {int(v): int(y) for v, y in zip(values, years, strict=True)}


def _group_mean(
    df: pd.DataFrame, group: Selection, name: str, by: By, year_of: dict[int, int]
) -> pd.DataFrame:
    """Mean over the group's members of each period (members of the period's calendar year)."""
    if df.empty:
        return pd.DataFrame({by: [], name: [], "n_votes": []})
    members = {p: set(group.members(y)) for p, y in year_of.items()}
    period = df[by].to_numpy()
    in_group = np.array(
        [int(c) in members.get(int(p), ()) for c, p in zip(df["ccode2"], period, strict=True)],
        dtype=bool,
    )
    df = df[in_group]
    grouped = df.groupby(by, sort=True).agg(value=(name, "mean"), n_votes=("n_votes", "min"))
    return pd.DataFrame(
        {
            by: grouped.index.to_numpy(),
            name: grouped["value"].to_numpy(),
            "n_votes": grouped["n_votes"].to_numpy(),
        }
    )


def multivector_series(
    state: str | int,
    *,
    measure: str = "agreement",
    years: Any = None,
    issues: str | Iterable[str] | None = None,
    matrix: VoteMatrix | None = None,
    dataset: str | None = None,
) -> pd.DataFrame:
    """The multi-vector index of a state per year (see :mod:`ujym.engines.multivector`).

    Columns: ``year, align_rus, align_usa, align_chn, align_eu, multivector`` (``align_eu``:
    with the EU core, :data:`ujym.core.groups.EU_CORE`).
    """
    prof = alignment_profile(
        state,
        (RUSSIA, UNITED_STATES, CHINA, EU_CORE),
        measure=measure,
        years=years,
        issues=issues,
        matrix=matrix,
        dataset=dataset,
    )
    labels = {
        str(RUSSIA): "align_rus",
        str(UNITED_STATES): "align_usa",
        str(CHINA): "align_chn",
        EU_CORE.id: "align_eu",
    }
    wide = prof.pivot_table(index="year", columns="partner", values="value", aggfunc="first")
    wide = wide.reindex(columns=list(labels)).rename(columns=labels)
    out = wide.reset_index()
    out["multivector"] = multivector_index(
        out["align_rus"], out["align_usa"], out["align_chn"], out["align_eu"]
    )
    out.columns.name = None
    what = COLUMNS[measure]
    columns = {
        "year": COLUMNS["year"],
        "align_rus": f"{what}, with Russia",
        "align_usa": f"{what}, with the United States",
        "align_chn": f"{what}, with China",
        "align_eu": f"{what}, with the EU core (mean over its members that voted)",
        "multivector": "multi-vector index: align_rus minus the mean of the other poles",
    }
    prov = provenance_of(prof)
    return attach(
        out, Provenance(Unit.STATE_YEAR, prov.datasets, prov.casebook, columns, prov.details)
    )


__all__ = [
    "COLUMNS",
    "add_alignment",
    "alignment_panel",
    "alignment_profile",
    "alignment_series",
    "check_measures",
    "create_dyad_years",
    "multivector_series",
]
