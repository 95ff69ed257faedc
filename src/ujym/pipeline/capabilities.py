"""``add_capabilities``: COW National Material Capabilities on a state-year or dyad-year frame.

>>> df = create_state_years(["RUS", "KAZ"], years=2013)                       # doctest: +SKIP
>>> add_capabilities(df, within="CSTO")[["ccode", "cinc", "share_cinc"]]     # doctest: +SKIP

(These examples need the cached datasets; docs/api.md runs them on real data, tested by
tests/test_examples.py.)

Columns added
-------------
State-year frames (``ccode, year``):

``milex``   military expenditure, thousands of current US dollars
``milper``  military personnel, thousands
``irst``    iron and steel production, thousand tons
``pec``     primary energy consumption, thousand coal-ton equivalents
``tpop``    total population, thousands
``upop``    urban population, thousands
``cinc``    Composite Index of National Capability (share of the world, 0..1)

With ``within=GROUP`` (a group such as ``"CSTO"``, members of each year), also
``share_cinc`` and ``share_milex`` (the state's share of the group's total that year; missing
for a state outside the group or when a member's value is missing) and ``rank_cinc`` (1 = largest
in the group). Dyad-year frames (``ccode1, ccode2, year``) get each column twice, suffixed ``1``
and ``2`` (``cinc1``, ``cinc2``), as peacesciencer's ``add_nmc()`` does.

COW's −9 (missing) is missing here, never a number. Years outside the dataset's coverage are
missing; a frame with no year inside the coverage raises an error naming the coverage.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ujym.core.errors import DataNotAvailableError, UjymError, WrongUnitError
from ujym.core.groups import GroupKind
from ujym.core.provenance import DatasetRef, Provenance, Unit, attach, provenance_of, require_unit
from ujym.engines.capabilities import capability_shares, concentration
from ujym.engines.evidence import MIN_MEMBERS, Status, members_reason
from ujym.i18n import _
from ujym.pipeline.identity import STATE_COLUMNS, with_state_identity
from ujym.pipeline.state_years import require_state_years
from ujym.sources.codes import country
from ujym.sources.groups import StateSpec, parse_spec, resolve_group
from ujym.sources.peacescience import load_frame

DATASET = "cow_nmc"
NMC_COLUMNS: dict[str, str] = {
    "milex": "military expenditure, thousands of current US dollars (COW NMC)",
    "milper": "military personnel, thousands (COW NMC)",
    "irst": "iron and steel production, thousand tons (COW NMC)",
    "pec": "primary energy consumption, thousand coal-ton equivalents (COW NMC)",
    "tpop": "total population, thousands (COW NMC)",
    "upop": "urban population, thousands (COW NMC)",
    "cinc": "Composite Index of National Capability, 0..1 (COW NMC)",
}
GROUP_COLUMNS: dict[str, str] = {
    "share_cinc": "share of the group's CINC that year, 0..1",
    "share_milex": "share of the group's military expenditure that year, 0..1",
    "rank_cinc": "rank by CINC within the group that year (1 = largest)",
}


def load_nmc() -> pd.DataFrame:
    """The cached NMC table (DataNotAvailableError with the import command otherwise)."""
    return load_frame(DATASET)


def coverage(nmc: pd.DataFrame) -> tuple[int, int]:
    """First and last year of a capabilities frame."""
    years = nmc["year"].astype(int)
    return int(years.min()), int(years.max())


def check_years(nmc: pd.DataFrame, years: pd.Series | list[int]) -> None:
    """Raise when none of ``years`` lies in the NMC coverage."""
    first, last = coverage(nmc)
    ys = pd.Series(list(years), dtype="int64")
    if len(ys) and not ys.between(first, last).any():
        raise DataNotAvailableError(
            _("{dataset} covers {first}–{last}; no requested year is inside").format(
                dataset=DATASET, first=first, last=last
            ),
            _("choose a year from {first} to {last}").format(first=first, last=last),
        )


def add_capabilities(
    df: pd.DataFrame,
    *,
    within: str | None = None,
    nmc: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Add the NMC components and CINC to a state-year or dyad-year frame; rows never change.

    Parameters
    ----------
    df
        A frame with ``ccode, year`` (state-year) or ``ccode1, ccode2, year`` (dyad-year).
    within
        A group (e.g. ``"CSTO"``, see :func:`ujym.sources.groups.resolve_group`): add each
        state's share of the group's CINC and military expenditure and its rank (state-year
        frames only).
    nmc
        The NMC table to use (default: the cached ``cow_nmc``).
    """
    prov = require_unit(df, Unit.STATE_YEAR, Unit.DYAD_YEAR, verb="add_capabilities")
    group = resolve_group(within) if within is not None else None
    nmc = load_nmc() if nmc is None else nmc
    table = nmc[["ccode", "year", *NMC_COLUMNS]].astype({"ccode": "int64", "year": "int64"})
    source = _source(nmc)
    if prov.unit is Unit.DYAD_YEAR:
        for col in ("ccode1", "ccode2", "year"):
            if col not in df.columns:
                raise UjymError(
                    _("{verb}: the frame has no column {col!r}").format(
                        verb="add_capabilities", col=col
                    ),
                    _("build it with create_dyad_years()"),
                )
        if group is not None:
            raise UjymError(
                _("group shares are for state-year frames"), _("drop within= for a dyad frame")
            )
        check_years(nmc, df["year"])
        out = df.copy()
        for side in ("1", "2"):
            renamed = table.rename(
                columns={"ccode": f"ccode{side}", **{c: f"{c}{side}" for c in NMC_COLUMNS}}
            )
            keys = out[[f"ccode{side}", "year"]].astype("int64")
            merged = keys.merge(
                renamed, on=[f"ccode{side}", "year"], how="left", validate="many_to_one"
            )
            for c in NMC_COLUMNS:
                out[f"{c}{side}"] = merged[f"{c}{side}"].to_numpy()
        cols = {
            f"{c}{s}": f"{d} of state {s}"
            for c in NMC_COLUMNS
            for s in "12"
            for d in [NMC_COLUMNS[c]]
        }
        return attach(out, prov.adding(datasets=[source], columns=cols))
    require_state_years(df, "add_capabilities")
    check_years(nmc, df["year"])
    keys = df[["ccode", "year"]].astype("int64")
    merged = keys.merge(table, on=["ccode", "year"], how="left", validate="many_to_one")
    out = df.copy()
    for c in NMC_COLUMNS:
        out[c] = merged[c].to_numpy()
    columns = dict(NMC_COLUMNS)
    if group is not None:
        shares = capability_shares(
            table,
            lambda y: list(group.members(y)),
            components=("cinc", "milex"),
            years=sorted(set(keys["year"])),
        )[["ccode", "year", "share_cinc", "share_milex", "rank_cinc"]]
        merged = keys.merge(shares, on=["ccode", "year"], how="left", validate="many_to_one")
        for c in GROUP_COLUMNS:
            out[c] = merged[c].to_numpy()
        out["rank_cinc"] = out["rank_cinc"].astype("Int64")
        columns.update({k: f"{v} ({group.id})" for k, v in GROUP_COLUMNS.items()})
    return attach(
        out,
        prov.adding(
            datasets=[source],
            casebook=group is not None and group.kind is GroupKind.ORGANISATION,
            columns=columns,
            details={"within": group.id} if group is not None else None,
        ),
    )


def group_capabilities(
    group: StateSpec, year: int | None = None, *, nmc: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Capability shares within a group in one year, and the group's concentration.

    ``group`` is a group (``"CSTO"``: its members that year) or states (``"RUS,KAZ,BLR"`` or a
    list), as :func:`ujym.sources.groups.parse_spec` reads them. ``year`` defaults to the last
    year of the data. Returns one row per state (``ccode, iso3, name_en, name_kk, name_ru, cinc, share_cinc, milex,
    share_milex, milper, share_milper, rank_cinc, status``, sorted by rank) and ``{"year",
    "hhi", "hhi_normalised", "n_members", "n_members_present", "status", "reason"}``.

    A share is a share of the whole group: a component's shares (and the CINC rank) are
    withheld in a year where a member has no figure for it or fewer than two members have one,
    never computed over part of the group. The concentration follows CINC: with a member
    without a CINC figure, or fewer than two members with one, it is withheld with the status
    ``insufficient`` and the reason (also when no member has data that year).
    """
    nmc = load_nmc() if nmc is None else nmc
    first, last = coverage(nmc)
    year = last if year is None else int(year)
    if not first <= year <= last:
        raise UjymError(
            _("year {year} is outside the coverage of {dataset} ({first}–{last})").format(
                year=year, dataset=DATASET, first=first, last=last
            ),
            _("choose --year from {first} to {last}").format(first=first, last=last),
        )
    pick = parse_spec(group)
    codes = list(pick.members(year)) if pick is not None else []
    if not codes:
        raise UjymError(
            _("{group} has no members in {year}").format(
                group=pick.text if pick is not None else group, year=year
            ),
            _("choose another year or list the states, e.g. RUS,KAZ,BLR"),
        )
    table = nmc[["ccode", "year", *NMC_COLUMNS]].astype({"ccode": "int64", "year": "int64"})
    components = ("cinc", "milex", "milper")
    shares = capability_shares(table, codes, components=components, years=[year])
    conc = concentration(shares).iloc[0]
    for x in components:  # a share of part of the group is not a share of the group
        whole = bool(shares[f"complete_{x}"].all()) and shares[x].notna().sum() >= MIN_MEMBERS
        if not whole:
            shares[f"share_{x}"] = np.nan
    enough = conc["status"] == Status.OK.value
    if not enough:
        shares["rank_cinc"] = pd.NA
    shares["status"] = conc["status"]
    iso = {c: country(int(c)).iso3 for c in shares["ccode"]}
    out = (
        shares.assign(iso3=shares["ccode"].map(iso))[
            [
                "ccode",
                "iso3",
                "cinc",
                "share_cinc",
                "milex",
                "share_milex",
                "milper",
                "share_milper",
                "rank_cinc",
                "status",
            ]
        ]
        .sort_values(["rank_cinc", "ccode"])
        .reset_index(drop=True)
    )
    out = with_state_identity(out, after="iso3")
    attach(
        out,
        Provenance(
            Unit.STATE,
            datasets=(_source(nmc),),
            casebook=pick is not None and pick.on_casebook,
            columns={
                "ccode": "Correlates of War state code",
                **STATE_COLUMNS,
                **{c: NMC_COLUMNS[c] for c in components},
                "share_cinc": GROUP_COLUMNS["share_cinc"]
                + " (withheld when a member's is missing)",
                "share_milex": GROUP_COLUMNS["share_milex"]
                + " (withheld when a member's is missing)",
                "share_milper": "share of the group's military personnel that year, 0..1 "
                "(withheld when a member's is missing)",
                "rank_cinc": GROUP_COLUMNS["rank_cinc"],
                "status": "ok, or insufficient: a member without a CINC figure, or fewer than "
                "two members with one (concentration, CINC shares and ranks withheld)",
            },
            details={"year": year, "group": pick.text if pick is not None else None},
        ),
    )
    n_members, present = int(conc["n_members"]), int(conc["n_members_present"])
    return out, {  # missing (a member without data that year): NaN, never a number
        "year": year,
        "hhi": float(conc["hhi"]) if enough else float("nan"),
        "hhi_normalised": (
            float(conc["hhi_normalised"]) if pd.notna(conc["hhi_normalised"]) else float("nan")
        ),
        "n_members": n_members,
        "n_members_present": present,
        "status": str(conc["status"]),
        "reason": "" if enough else _capability_reason(n_members, present, year),
    }


def _capability_reason(n_members: int, present: int, year: int) -> str:
    """Why a group's CINC concentration is withheld."""
    if present == 0:
        return _("no member has a CINC figure for {year}").format(year=year)
    if present < n_members:
        return _("{missing} of {n} members have no CINC figure for {year}").format(
            missing=n_members - present, n=n_members, year=year
        )
    return members_reason()


def _source(nmc: pd.DataFrame) -> DatasetRef:
    """The NMC dataset and version a table was read from (no version: a table passed in)."""
    try:
        version = provenance_of(nmc).version_of(DATASET)
    except WrongUnitError:
        version = None
    return DatasetRef(DATASET, version)


__all__ = [
    "NMC_COLUMNS",
    "add_capabilities",
    "check_years",
    "coverage",
    "group_capabilities",
    "load_nmc",
]
