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

With ``within=GROUP`` (a casebook organisation such as ``"CSTO"``, members of each year), also
``share_cinc`` and ``share_milex`` (the state's share of the group's total that year; missing
for a state outside the group or when a member's value is missing) and ``rank_cinc`` (1 = largest
in the group). Dyad-year frames (``ccode1, ccode2, year``) get each column twice, suffixed ``1``
and ``2`` (``cinc1``, ``cinc2``), as peacesciencer's ``add_nmc()`` does.

COW's −9 (missing) is missing here, never a number. Years outside the dataset's coverage are
missing; a frame with no year inside the coverage raises an error naming the coverage.
"""

from __future__ import annotations

import pandas as pd

from ujym.core.errors import DataNotAvailableError, UjymError
from ujym.engines.capabilities import capability_shares
from ujym.i18n import _
from ujym.pipeline.state_years import record, require_state_years

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
    "share_cinc": "share of the group's CINC that year",
    "share_milex": "share of the group's military expenditure that year",
    "rank_cinc": "rank by CINC within the group that year (1 = largest)",
}


def load_nmc() -> pd.DataFrame:
    """The cached NMC table (DataNotAvailableError with the import command otherwise)."""
    from ujym.sources.peacescience import load_frame

    return load_frame(DATASET)


def coverage(nmc: pd.DataFrame) -> tuple[int, int]:
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
        A casebook organisation (e.g. ``"CSTO"``): add each state's share of the group's CINC and
        military expenditure and its rank (state-year frames only).
    nmc
        The NMC table to use (default: the cached ``cow_nmc``).
    """
    nmc = load_nmc() if nmc is None else nmc
    table = nmc[["ccode", "year", *NMC_COLUMNS]].astype({"ccode": "int64", "year": "int64"})
    source = _source(nmc)
    if "ccode1" in df.columns and "ccode2" in df.columns and "year" in df.columns:
        if within is not None:
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
        record(out, df, [source], cols)
        out.attrs["ujym"]["unit"] = df.attrs.get("ujym", {}).get("unit", "dyad-year")
        return out
    require_state_years(df, "add_capabilities")
    check_years(nmc, df["year"])
    keys = df[["ccode", "year"]].astype("int64")
    merged = keys.merge(table, on=["ccode", "year"], how="left", validate="many_to_one")
    out = df.copy()
    for c in NMC_COLUMNS:
        out[c] = merged[c].to_numpy()
    columns = dict(NMC_COLUMNS)
    if within is not None:
        from ujym.pipeline.dyads import group_members

        years = sorted(set(keys["year"]))
        if group_members(within, years[0]) is None:
            raise UjymError(
                _("unknown group {group!r}").format(group=within),
                _("use an organisation of the casebook, e.g. CSTO (see `ujym casebook show CSTO`)"),
            )
        shares = capability_shares(
            table,
            lambda y: group_members(within, y) or [],
            components=("cinc", "milex"),
            years=years,
        )[["ccode", "year", "share_cinc", "share_milex", "rank_cinc"]]
        merged = keys.merge(shares, on=["ccode", "year"], how="left", validate="many_to_one")
        for c in GROUP_COLUMNS:
            out[c] = merged[c].to_numpy()
        out["rank_cinc"] = out["rank_cinc"].astype("Int64")
        columns.update({k: f"{v} ({within})" for k, v in GROUP_COLUMNS.items()})
    record(out, df, [source], columns)
    return out


def group_capabilities(
    group: str | list[str], year: int | None = None, *, nmc: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, dict[str, float]]:
    """Capability shares within a group in one year, and the group's concentration.

    ``group`` is a casebook organisation (``"CSTO"``: its members that year) or states
    (``"RUS,KAZ,BLR"`` or a list). ``year`` defaults to the last year of the data. Returns one
    row per state (``ccode, iso3, cinc, share_cinc, milex, share_milex, milper, share_milper,
    rank_cinc``, sorted by rank) and ``{"hhi": …, "hhi_normalised": …, "year": …}``.
    """
    from ujym.engines.capabilities import concentration
    from ujym.pipeline.dyads import resolve_states
    from ujym.sources.codes import country

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
    pick = resolve_states(group)
    codes = pick(year) if pick is not None else []
    if not codes:
        raise UjymError(
            _("{group} has no members in {year}").format(group=group, year=year),
            _("choose another year or list the states, e.g. RUS,KAZ,BLR"),
        )
    table = nmc[["ccode", "year", *NMC_COLUMNS]].astype({"ccode": "int64", "year": "int64"})
    shares = capability_shares(table, codes, components=("cinc", "milex", "milper"), years=[year])
    conc = concentration(shares).iloc[0]
    iso = {}
    for c in shares["ccode"]:
        try:
            iso[c] = country(int(c)).iso3
        except Exception:
            iso[c] = str(c)
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
            ]
        ]
        .sort_values(["rank_cinc", "ccode"])
        .reset_index(drop=True)
    )
    out.attrs["ujym"] = {"unit": "state", "year": year, "sources": [_source(nmc)]}
    return out, {
        "year": year,
        "hhi": float(conc["hhi"]),
        "hhi_normalised": float(conc["hhi_normalised"]),
    }


def _source(nmc: pd.DataFrame) -> str:
    meta = nmc.attrs.get("ujym", {})
    version = meta.get("version", "")
    return f"Correlates of War National Material Capabilities {version}".strip()


__all__ = [
    "NMC_COLUMNS",
    "add_capabilities",
    "check_years",
    "coverage",
    "group_capabilities",
    "load_nmc",
]
