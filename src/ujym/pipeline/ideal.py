"""Dynamic ideal points from UN General Assembly votes: ``estimate_ideal_points``, ``add_ideal_points``.

>>> ip = estimate_ideal_points(years=(1992, 2019))                      # doctest: +SKIP
>>> sy = add_ideal_points(create_state_years("CSTO", years=(1992, 2019)), ip)  # doctest: +SKIP

One row per state and session (unit ``state-session``), from the session of the state's first vote
in the slice to the session of its last:

``ccode, iso3``        the state (COW code; ISO3 from the crosswalk, empty when unknown)
``name_en, name_kk, name_ru``  its name in English, Kazakh and Russian (missing when unknown;
                       :mod:`ujym.pipeline.identity`)
``session, year``      UN General Assembly session and the year of its first roll call
``ideal_point``        posterior mean; higher = closer to the US-led liberal order; pooled mean 0,
                       SD 1 over the estimated state-sessions of the run
``se``                 posterior SD (by default the corrected variational posterior: calibrated
                       on simulated votes, see docs/ideal_points.md, "Uncertainty");
                       ``lower, upper`` = ideal_point ∓ 1.96 se
``n_votes``            yes / abstain / no votes of the state on the informative roll calls used
``status, reason``     ``ok``; ``few_votes`` (estimate given, mostly the random-walk prior);
                       ``no_votes`` (missing: the state cast no informative vote that session);
                       ``not_converged`` (estimate of the last iteration); ``unidentified``
                       (missing: the slice has too few states or roll calls)

The model and algorithm are in :mod:`ujym.engines.ideal` and docs/ideal_points.md.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import polars as pl

from ujym.core.errors import DataNotAvailableError, UjymError, UjymWarning, UnknownCodeError
from ujym.core.provenance import DatasetRef, Provenance, Unit, attach, provenance_of, require_unit
from ujym.core.votes import Vote, VoteMatrix
from ujym.engines.ideal import IdealFit, IdealSettings, fit, prepare
from ujym.engines.ideal.bootstrap import bootstrap_sd
from ujym.i18n import _
from ujym.pipeline.identity import STATE_COLUMNS, with_state_identity
from ujym.sources.bridges import (
    DATASET,
    IMPORT_COMMAND,
    IMPORT_FILE_COMMAND,
    cached_bridges,
    read_bridges,
)
from ujym.sources.cache import dataset_ref
from ujym.sources.codes import country
from ujym.sources.votematrix import build_vote_matrix_from, read_unga, slice_matrix

Progress = Callable[[int, int], None]

#: Below these the one-dimensional model is not identified: every row is ``unidentified``.
MIN_STATES = 5
MIN_ROLL_CALLS = 5

COLUMNS: dict[str, str] = {
    "ccode": "COW code of the state",
    "iso3": "ISO 3166-1 alpha-3 code (empty when the crosswalk has none)",
    "name_en": STATE_COLUMNS["name_en"] + " (missing when the crosswalk has none)",
    "name_kk": STATE_COLUMNS["name_kk"] + " (missing when the crosswalk has none)",
    "name_ru": STATE_COLUMNS["name_ru"] + " (missing when the crosswalk has none)",
    "session": "UN General Assembly session",
    "year": "year of the session's first roll call (its opening year), even when the slice cuts it",
    "ideal_point": "dynamic ideal point (higher = closer to the US-led liberal order; pooled mean 0, SD 1)",
    "se": "posterior SD of the ideal point, in ideal-point units (method in the provenance details: model.intervals)",
    "lower": "ideal_point - 1.96 se",
    "upper": "ideal_point + 1.96 se",
    "n_votes": "yes/abstain/no votes on the informative roll calls used (count)",
    "status": "ok, few_votes, no_votes, not_converged or unidentified",
    "reason": "why an estimate is missing or flagged (empty when ok)",
}

STATUS_OK = "ok"
STATUS_FEW = "few_votes"
STATUS_NONE = "no_votes"
STATUS_NOT_CONVERGED = "not_converged"
STATUS_UNIDENTIFIED = "unidentified"

#: How ``se`` is computed (docs/ideal_points.md, "Uncertainty"): the corrected variational
#: posterior (default), that plus parametric-bootstrap refits, or the plain mean-field SD.
INTERVALS = ("corrected", "bootstrap", "variational")
DEFAULT_REPLICATES = 20


def _iso3(ccode: int) -> str:
    try:
        return country(int(ccode)).iso3
    except UnknownCodeError:  # a code outside the crosswalk (e.g. simulated votes)
        return ""


def _bsv_exclusions(roll_calls: pl.DataFrame) -> npt.NDArray[np.int64]:
    """Votes on paragraphs or amendments after 1989, which the published estimates leave out."""
    rc = roll_calls.to_pandas()
    if not {"rcid", "year"} <= set(rc.columns):
        return np.zeros(0, dtype=np.int64)
    flag = np.zeros(len(rc), dtype=bool)
    for col in ("para", "amend"):
        if col in rc.columns:
            flag |= rc[col].fillna(False).astype(bool).to_numpy()
    late = rc["year"].fillna(0).astype(int).to_numpy() > 1989
    out: npt.NDArray[np.int64] = rc.loc[flag & late, "rcid"].to_numpy(dtype=np.int64)
    return out


def _load(
    votes: VoteMatrix | None, dataset: str | None, drop_amendments: bool
) -> tuple[VoteMatrix, tuple[DatasetRef, ...], npt.NDArray[np.int64]]:
    if votes is not None:
        return votes, (), np.zeros(0, dtype=np.int64)
    data = read_unga(dataset)
    matrix = build_vote_matrix_from(data)
    excl = _bsv_exclusions(data.roll_calls) if drop_amendments else np.zeros(0, dtype=np.int64)
    return matrix, (data.ref,), excl


def _slice(
    matrix: VoteMatrix,
    years: Any,
    sessions: Any,
    issues: Any,
    important: bool | None,
    exclude: npt.NDArray[np.int64],
) -> VoteMatrix:
    spec = {"years": years, "sessions": sessions, "issues": issues, "important": important}
    spec = {k: v for k, v in spec.items() if v is not None}
    out = slice_matrix(matrix, **spec) if spec else matrix
    if len(exclude):
        keep = ~np.isin(out.rcids, exclude)
        if not keep.all():
            out = out.roll_calls(keep)
    return out


def _bridge_array(bridges: Any) -> npt.NDArray[np.int64] | None:
    if bridges is None:
        return None
    if isinstance(bridges, pd.DataFrame):
        pairs: npt.NDArray[np.int64] = bridges[["rcid1", "rcid2"]].dropna().to_numpy(np.int64)
        return pairs
    if isinstance(bridges, pl.DataFrame):
        return _bridge_array(bridges.to_pandas())
    arr = np.asarray(bridges, dtype=np.int64)
    if arr.size == 0:
        return None
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise UjymError(
            _("bridges must be pairs of roll-call ids (rcid1, rcid2)"),
            _("pass a frame with the columns rcid1 and rcid2, or a (k, 2) array"),
        )
    return arr


#: ``bridges`` values of :func:`estimate_ideal_points` that mean the cached ``bsv_matches`` pairs.
AUTO = "auto"
CACHE = "cache"


def _resolve_bridges(bridges: Any, votes_given: bool) -> tuple[Any, dict[str, Any]]:
    """The bridging pairs to use and their record (the provenance's ``details["bridges"]``).

    ``"auto"``: the cached ``bsv_matches`` pairs when the votes come from the cache and the pairs
    are cached; ``"cache"``: the cached pairs (an error naming the import when they are not);
    None/False: no bridging; a path: :func:`ujym.sources.bridges.read_bridges`; otherwise pairs.
    """
    hint = f"`{IMPORT_COMMAND}` or `{IMPORT_FILE_COMMAND}`"
    if bridges is None or bridges is False:
        return None, {"source": None, "mode": "off", "pairs": 0}
    if isinstance(bridges, str) and bridges in (AUTO, CACHE):
        if bridges == AUTO and votes_given:
            return None, {
                "source": None,
                "mode": "none",
                "pairs": 0,
                "note": "votes passed in: cached pairs are applied only with bridges='cache'",
            }
        found = cached_bridges()
        if found is None:
            if bridges == CACHE:
                raise DataNotAvailableError(
                    _("no bridging pairs in the cache (dataset {dataset})").format(dataset=DATASET),
                    _("run {commands}").format(commands=hint),
                )
            return None, {
                "source": None,
                "mode": "none",
                "pairs": 0,
                "note": f"unbridged: {DATASET} is not in the cache; add it with {hint}",
            }
        return found.pairs, {
            "source": found.source,
            "mode": "cache",
            "pairs": len(found.pairs),
            "imported_at": found.imported_at,
        }
    if isinstance(bridges, (str, os.PathLike)):
        pairs = read_bridges(bridges)
        return pairs, {"source": str(bridges), "mode": "file", "pairs": len(pairs)}
    arr = _bridge_array(bridges)
    n = 0 if arr is None else len(arr)
    return arr, {"source": "given" if n else None, "mode": "given", "pairs": n}


def _session_years(matrix: VoteMatrix) -> dict[int, int]:
    """The year of each session's first roll call in ``matrix``."""
    session = np.asarray(matrix.session, dtype=np.int64)
    year = np.asarray(matrix.year, dtype=np.int64)
    first: dict[int, int] = {}
    for s_, y in zip(session.tolist(), year.tolist(), strict=True):
        if s_ not in first or y < first[s_]:
            first[s_] = y
    return first


def _cast_by_session(
    matrix: VoteMatrix,
    opened: dict[int, int],
) -> tuple[
    npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]
]:
    """Sessions of the slice, the years they opened, and yes/abstain/no and absent counts.

    ``opened`` maps each session to the year of its first roll call in the whole record, so a
    session cut by the slice (--from 1992 cuts session 46, opened 1991) keeps its own year.
    """
    sessions, col_period = np.unique(
        np.asarray(matrix.session, dtype=np.int64), return_inverse=True
    )
    years = np.array([opened[int(x)] for x in sessions], dtype=np.int64)
    codes = np.asarray(matrix.votes)
    cast = (codes == Vote.YES) | (codes == Vote.ABSTAIN) | (codes == Vote.NO)
    absent = codes == Vote.ABSENT
    _n, m = codes.shape
    onehot = np.zeros((m, len(sessions)))
    onehot[np.arange(m), col_period] = 1.0
    return sessions, years, (cast @ onehot).astype(np.int64), (absent @ onehot).astype(np.int64)


def estimate_ideal_points(
    votes: VoteMatrix | None = None,
    *,
    years: Any = None,
    sessions: Any = None,
    issues: str | Iterable[str] | None = None,
    important: bool | None = None,
    bridges: Any = AUTO,
    exclude_rcids: Iterable[int] | None = None,
    drop_amendments: bool = True,
    dataset: str | None = None,
    settings: IdealSettings | None = None,
    min_votes: int = 5,
    bootstrap: int = 0,
    seed: int | np.random.Generator = 0,
    progress: Progress | None = None,
    intervals: str | None = None,
    scheduler: Any = None,
    workers: int | None = None,
) -> pd.DataFrame:
    """Estimate one-dimensional dynamic ideal points per state and session.

    Parameters
    ----------
    votes
        A :class:`VoteMatrix` (any slice); None reads the cached UNGA votes (``dataset``).
    years, sessions, issues, important
        Slice of roll calls (as :func:`ujym.sources.votematrix.build_vote_matrix`).
    bridges
        Pairs of roll calls on identical texts, merged into one item. ``"auto"`` (default): the
        cached ``bsv_matches`` pairs (``ujym data pull bsv_matches``) when the votes are read
        from the cache and the pairs are cached, else no bridging; ``"cache"``: the cached pairs
        (also with ``votes`` passed in; an error when they are not cached); a path to a CSV or
        Parquet file with ``rcid1, rcid2``; a frame with those columns or a (k, 2) array; None:
        no bridging (the scale then links sessions only through the random walk). What was used
        is recorded in the provenance's ``details["bridges"]``.
    exclude_rcids
        Roll calls to leave out.
    drop_amendments
        When reading the cache: leave out votes on paragraphs and amendments after 1989, as the
        published estimates do.
    settings
        Priors and stopping rule (:class:`ujym.engines.ideal.IdealSettings`).
    min_votes
        State-sessions with fewer votes get the status ``few_votes`` (estimate kept).
    bootstrap
        Number of parametric-bootstrap refits for ``intervals="bootstrap"`` (default 20); n ≥ 2
        with ``intervals`` not given selects the bootstrap.
    seed
        Seed of the starting values (results are identical for the same seed).
    progress
        Called as ``progress(iterations_done, max_iterations)``.
    intervals
        How ``se`` (and ``lower, upper``) are computed. ``"corrected"`` (default): the
        variational posterior corrected for censored votes, item-parameter uncertainty and the
        per-session location and scale that only the priors and bridges fix; its 90 % and 95 %
        intervals cover simulated truths at their nominal rate. ``"bootstrap"``: the conditional
        part of that variance plus the variance over ``bootstrap`` parametric-bootstrap refits
        (as well calibrated, at the price of the refits). ``"variational"``: the mean-field SD
        of earlier versions (far too narrow; for comparison only).
    scheduler, workers
        Where bootstrap refits run: ``workers`` local processes (default one per core), or a
        Dask cluster (``dask.distributed.Client`` or ``tcp://host:8786``), as for the bargaining
        forecasts.

    Returns
    -------
    pandas.DataFrame
        One row per state-session (columns in :data:`COLUMNS`); its provenance (unit
        ``state-session``) names the votes and bridging datasets, and its ``details`` the slice,
        bridges, settings, iterations, convergence and any problems.
    """
    st = settings or IdealSettings()
    method = intervals or ("bootstrap" if bootstrap >= 2 else "corrected")
    if method not in INTERVALS:
        raise UjymError(
            _("unknown interval method {method!r}").format(method=method),
            _("use one of: {names}").format(names=", ".join(INTERVALS)),
        )
    replicates = (bootstrap or DEFAULT_REPLICATES) if method == "bootstrap" else 0
    if method == "bootstrap" and replicates < 2:
        raise UjymError(
            _("the bootstrap needs at least 2 refits, not {n}").format(n=replicates),
            _("give --bootstrap 2 or more (20 by default)"),
        )
    matrix, datasets, excl = _load(votes, dataset, drop_amendments)
    if exclude_rcids is not None:
        excl = np.union1d(excl, np.asarray(list(exclude_rcids), dtype=np.int64))
    opened = _session_years(matrix)
    matrix = _slice(matrix, years, sessions, issues, important, excl)
    sl, sl_years, cast, absent = _cast_by_session(matrix, opened)
    if cast.sum() == 0:
        raise UjymError(
            _("the slice has no yes, abstain or no votes to estimate ideal points from"),
            _("widen the years (--from/--to) or drop the issue filter"),
        )
    pairs, bridging = _resolve_bridges(bridges, votes is not None)
    data = prepare(matrix, pairs)
    bridging["used"] = int(data.n_bridged_pairs_used)
    if bridging["mode"] == "cache":
        datasets = (*datasets, dataset_ref(DATASET))
    problems: list[str] = []

    identified = data.n_states >= MIN_STATES and data.n_items >= MIN_ROLL_CALLS
    result: IdealFit | None = None
    if identified:

        def report(it: int, total: int, _change: float) -> None:
            if progress is not None:
                progress(it, total)

        result = fit(data, st, seed=seed, progress=report)
        if progress is not None:
            progress(st.max_iter, st.max_iter)
        result = replace(
            result,
            sd=_standard_errors(
                method, replicates, data, result, st, seed, progress, scheduler, workers
            ),
        )
        if not result.converged:
            problems.append(
                _(
                    "the estimation did not converge in {n} iterations (last change {change:.2g})"
                ).format(n=result.iterations, change=result.last_change)
            )
    else:
        problems.append(
            _(
                "too few states ({states}) or informative roll calls ({items}) to identify the "
                "model: at least {min_states} and {min_items} are needed"
            ).format(
                states=data.n_states,
                items=data.n_items,
                min_states=MIN_STATES,
                min_items=MIN_ROLL_CALLS,
            )
        )

    frame = _rows(matrix, data, result, sl, sl_years, cast, absent, min_votes, identified, problems)
    details = {
        "slice": {
            "years": years,
            "sessions": sessions,
            "issues": issues,
            "important": important,
            "excluded_roll_calls": len(excl),
            "bridged_pairs": data.n_bridged_pairs_used,
            "roll_calls_used": data.n_rollcalls_used,
            "unanimous_dropped": data.n_rollcalls_dropped_unanimous,
        },
        "bridges": bridging,
        "model": {
            "settings": vars(st),
            "seed": seed if isinstance(seed, int) else "generator",
            "iterations": result.iterations if result else 0,
            "converged": bool(result.converged) if result else False,
            "last_change": float(result.last_change) if result else None,
            "anchor": result.anchor if result else None,
            "seconds": round(result.seconds, 3) if result else 0.0,
            "se": SE_METHODS[method].format(n=replicates),
            "intervals": method,
            "replicates": replicates,
        },
        "problems": problems,
    }
    attach(frame, Provenance(Unit.STATE_SESSION, datasets, columns=COLUMNS, details=details))
    for message in problems:
        warnings.warn(UjymWarning(message), stacklevel=2)
    return frame


SE_METHODS = {
    "corrected": "corrected variational posterior SD: observed information of the votes, "
    "item-parameter uncertainty and per-session location/scale (docs/ideal_points.md)",
    "bootstrap": "sqrt(conditional posterior variance + variance over {n} parametric-bootstrap "
    "refits)",
    "variational": "mean-field variational posterior SD, conditional on the item parameters "
    "(too narrow)",
}


def _standard_errors(
    method: str,
    replicates: int,
    data: Any,
    result: IdealFit,
    st: IdealSettings,
    seed: int | np.random.Generator,
    progress: Progress | None,
    scheduler: Any,
    workers: int | None,
) -> npt.NDArray[np.float64]:
    """Posterior SD of every state-period by the chosen method (see ``INTERVALS``)."""
    if method == "variational":
        return result.sd
    from ujym.engines.ideal.uncertainty import corrected_variance

    var = corrected_variance(data, result, st)
    if method == "corrected":
        return np.sqrt(var.total)
    boot = bootstrap_sd(
        data,
        result,
        st,
        n=replicates,
        seed=seed,
        progress=progress,
        scheduler=scheduler,
        workers=workers,
    )
    return np.sqrt(var.conditional + boot**2)


def _rows(
    matrix: VoteMatrix,
    data: Any,
    result: IdealFit | None,
    sessions: npt.NDArray[np.int64],
    years: npt.NDArray[np.int64],
    cast: npt.NDArray[np.int64],
    absent: npt.NDArray[np.int64],
    min_votes: int,
    identified: bool,
    problems: list[str],
) -> pd.DataFrame:
    """One row per state and session from its first to its last session with a vote cast."""
    period_index = {int(s): k for k, s in enumerate(data.periods)}
    state_index = {int(c): i for i, c in enumerate(data.ccodes)}
    counts = data.counts() if data.n_states else None
    recs: list[dict[str, Any]] = []
    for r, ccode in enumerate(np.asarray(matrix.ccodes, dtype=np.int64)):
        voted = np.flatnonzero(cast[r] > 0)
        if not len(voted):
            continue
        iso3 = _iso3(int(ccode))
        i = state_index.get(int(ccode))
        for p in range(int(voted[0]), int(voted[-1]) + 1):
            session = int(sessions[p])
            t = period_index.get(session)
            n = int(counts[i, t]) if (i is not None and t is not None and counts is not None) else 0
            rec: dict[str, Any] = {
                "ccode": int(ccode),
                "iso3": iso3,
                "session": session,
                "year": int(years[p]),
                "ideal_point": np.nan,
                "se": np.nan,
                "n_votes": n,
                "status": STATUS_OK,
                "reason": "",
            }
            if not identified:
                rec["status"] = STATUS_UNIDENTIFIED
                rec["reason"] = problems[0]
            elif n == 0:
                rec["status"] = STATUS_NONE
                if cast[r, p] > 0:
                    rec["reason"] = _(
                        "voted only on unanimous roll calls, which carry no information"
                    )
                elif absent[r, p] > 0:
                    rec["reason"] = _("absent from every roll call of the session")
                else:
                    rec["reason"] = _(
                        "cast no yes, abstain or no vote in the session (absent or not a member)"
                    )
            else:
                assert result is not None and i is not None and t is not None
                rec["ideal_point"] = float(result.mean[i, t])
                rec["se"] = float(result.sd[i, t])
                if not result.converged:
                    rec["status"] = STATUS_NOT_CONVERGED
                    rec["reason"] = problems[0]
                elif n < min_votes:
                    rec["status"] = STATUS_FEW
                    rec["reason"] = _(
                        "only {n} votes: the estimate rests mostly on the neighbouring sessions"
                    ).format(n=n)
            recs.append(rec)
    df = pd.DataFrame.from_records(
        recs,
        columns=[
            "ccode",
            "iso3",
            "session",
            "year",
            "ideal_point",
            "se",
            "n_votes",
            "status",
            "reason",
        ],
    )
    df = df.astype(
        {"ccode": "int16", "session": "int16", "year": "int16", "n_votes": "int32",
         "ideal_point": "float64", "se": "float64"}
    )  # fmt: skip
    df.insert(6, "lower", df["ideal_point"] - 1.96 * df["se"])
    df.insert(7, "upper", df["ideal_point"] + 1.96 * df["se"])
    df = with_state_identity(df, after="iso3")
    return df.sort_values(["ccode", "session"], kind="stable").reset_index(drop=True)


def _by_year(ideal: pd.DataFrame) -> pd.DataFrame:
    """One row per state and calendar year (the session that opened in that year)."""
    ip = ideal.sort_values(["ccode", "year", "n_votes"], kind="stable")
    return ip.drop_duplicates(["ccode", "year"], keep="last")


def _lookup(ccode: pd.Series, period: pd.Series, ideal: pd.DataFrame, key: str) -> pd.DataFrame:
    """Rows of ``ideal`` matching (ccode, period), aligned with the inputs (left join)."""
    left = pd.DataFrame(
        {"ccode": ccode.to_numpy(dtype="int64"), key: period.to_numpy(dtype="int64")}
    )
    right = ideal[["ccode", key, "ideal_point", "se", "status"]].astype(
        {"ccode": "int64", key: "int64"}
    )
    got = left.merge(right, how="left", on=["ccode", key], validate="many_to_one")
    assert len(got) == len(left)
    return got


def add_ideal_points(
    df: pd.DataFrame, ideal: pd.DataFrame | None = None, **estimate: Any
) -> pd.DataFrame:
    """Add ideal points to state-year or dyad-year (or dyad-session) frames; rows never change.

    ``ideal`` is a frame from :func:`estimate_ideal_points` (None: estimated now with
    ``**estimate``). A state-year frame (``ccode, year``) gains ``ideal_point, ideal_se,
    ideal_status``; a dyad frame (``ccode1, ccode2`` and ``year`` or ``session``) gains
    ``ideal_point1, ideal_point2`` and ``ideal_distance`` = |ideal_point1 − ideal_point2|
    (missing when either is; the statuses say why). The year of a session is the year its
    roll calls start (session 74 → 2019). A frame of another unit is refused.
    """
    prov = require_unit(
        df, Unit.STATE_YEAR, Unit.DYAD_YEAR, Unit.DYAD_SESSION, verb="add_ideal_points"
    )
    if ideal is None:
        ideal = estimate_ideal_points(**estimate)
    for col in ("ccode", "session", "year", "ideal_point", "se", "status"):
        if col not in ideal.columns:
            raise UjymError(
                _("add_ideal_points: the ideal-point frame has no column {col!r}").format(col=col),
                _("pass the frame estimate_ideal_points() returns"),
            )
    out = df.copy()
    if prov.unit is not Unit.STATE_YEAR and {"ccode1", "ccode2"} <= set(df.columns):
        key = "session" if prov.unit is Unit.DYAD_SESSION else "year"
        if key not in df.columns:
            raise UjymError(
                _("add_ideal_points: the dyad frame has no column 'year' or 'session'"),
                _("build it with create_dyad_years()"),
            )
        ip = _by_year(ideal) if key == "year" else ideal
        for side in ("1", "2"):
            got = _lookup(out[f"ccode{side}"], out[key], ip, key)
            out[f"ideal_point{side}"] = got["ideal_point"].to_numpy()
            out[f"ideal_status{side}"] = got["status"].fillna(STATUS_NONE).to_numpy()
        out["ideal_distance"] = (out["ideal_point1"] - out["ideal_point2"]).abs()
        columns = {
            "ideal_point1": "ideal point of state 1 (" + COLUMNS["ideal_point"] + ")",
            "ideal_point2": "ideal point of state 2",
            "ideal_status1": "status of state 1's ideal point (" + COLUMNS["status"] + ")",
            "ideal_status2": "status of state 2's ideal point",
            "ideal_distance": "|ideal_point1 - ideal_point2|, ideal-point units",
        }
    elif prov.unit is Unit.STATE_YEAR and {"ccode", "year"} <= set(df.columns):
        got = _lookup(out["ccode"], out["year"], _by_year(ideal), "year")
        out["ideal_point"] = got["ideal_point"].to_numpy()
        out["ideal_se"] = got["se"].to_numpy()
        out["ideal_status"] = got["status"].fillna(STATUS_NONE).to_numpy()
        columns = {
            "ideal_point": COLUMNS["ideal_point"],
            "ideal_se": COLUMNS["se"],
            "ideal_status": COLUMNS["status"],
        }
    else:
        raise UjymError(
            _("add_ideal_points: the frame has neither ccode and year nor ccode1 and ccode2"),
            _("build it with create_state_years() or create_dyad_years()"),
        )
    try:
        estimated = provenance_of(ideal)
    except UjymError:  # ideal points passed in without provenance (e.g. read from a CSV)
        estimated = Provenance(Unit.STATE_SESSION)
    kept = {k: v for k, v in estimated.details.items() if k in ("slice", "model", "problems")}
    return attach(
        out,
        prov.adding(datasets=estimated.datasets, columns=columns, details={"ideal_points": kept}),
    )


__all__ = ["COLUMNS", "add_ideal_points", "estimate_ideal_points"]
