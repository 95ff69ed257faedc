"""``add_mids``: militarized interstate disputes between two states (GML MID v2.2.1) by year.

Columns added to a dyad-year frame:

``gml_midonset``    1 when a dispute between the two states began that year, else 0
``gml_midongoing``  1 when the two states were on opposite sides of a dispute that year, else 0
``gml_disputes``    how many such disputes (distinct dispute numbers) were ongoing that year
``gml_hostlev``     the highest hostility level either state reached against the other that
                    year: 0 none, 1 no militarized action, 2 threat, 3 display of force,
                    4 use of force, 5 war

The GML data are directed dispute-years, so a pair is matched in either order. Coverage
1816–2010: later years are missing (the data cannot say there was no dispute), and a frame with no
year inside raises an error naming it. The row count never changes.
"""

from __future__ import annotations

import pandas as pd

from ujym.pipeline.covariates import attach_columns, pair_keys, require_dyad_years, source_of
from ujym.sources.mids import DATASET, load_dirdisp

COLUMNS: dict[str, str] = {
    "gml_midonset": "1 when a militarized dispute between the two began that year (GML MID 2.2.1)",
    "gml_midongoing": "1 when the two were on opposite sides of a militarized dispute that year",
    "gml_disputes": "militarized disputes between the two ongoing that year (count)",
    "gml_hostlev": "highest hostility level either reached against the other that year: 0 none, "
    "1 no militarized action, 2 threat, 3 display, 4 use of force, 5 war",
}


def add_mids(df: pd.DataFrame, *, mids: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add the militarized-dispute columns (module docstring) to a dyad-year frame.

    Parameters
    ----------
    df
        A dyad-year frame (``ccode1, ccode2, year``), directed or not.
    mids
        Directed dispute-years with ``dispnum, ccode1, ccode2, year, midonset, hostlev1,
        hostlev2`` (default: the cached ``gml_dirdisp`` table,
        :func:`ujym.sources.mids.load_dirdisp`).

    Examples
    --------
    >>> from ujym.core.provenance import Provenance, Unit, attach
    >>> table = pd.DataFrame({"dispnum": [4240, 4240], "ccode1": [370, 368], "ccode2": [368, 370],
    ...     "year": [2001, 2001], "midonset": [1, 1], "hostlev1": [3, 1], "hostlev2": [1, 3]})
    >>> dyads = attach(pd.DataFrame({"ccode1": [368, 370], "ccode2": [370, 365],
    ...                              "year": [2001, 2001]}), Provenance(Unit.DYAD_YEAR))
    >>> add_mids(dyads, mids=table)[["gml_midonset", "gml_hostlev"]].values.tolist()
    [[1.0, 3.0], [0.0, 0.0]]
    """
    require_dyad_years(df, "add_mids")
    table = load_dirdisp() if mids is None else mids
    rows = pd.DataFrame(
        {
            "dispnum": table["dispnum"].astype("int64"),
            "low": table[["ccode1", "ccode2"]].min(axis=1).astype("int64"),
            "high": table[["ccode1", "ccode2"]].max(axis=1).astype("int64"),
            "year": table["year"].astype("int64"),
            "onset": table["midonset"].fillna(0).astype("int64"),
            "hostlev": table[["hostlev1", "hostlev2"]].max(axis=1).fillna(0),
        }
    )
    coverage = (int(rows["year"].min()), int(rows["year"].max()))
    by_pair = rows.groupby(["low", "high", "year"], as_index=False).agg(
        gml_midonset=("onset", "max"),
        gml_disputes=("dispnum", "nunique"),
        gml_hostlev=("hostlev", "max"),
    )
    by_pair["gml_midongoing"] = 1
    merged = pair_keys(df).merge(
        by_pair, on=["low", "high", "year"], how="left", validate="many_to_one"
    )
    values = merged[list(COLUMNS)].fillna(0).astype("float64")
    return attach_columns(
        df, values, COLUMNS, source=source_of(table, DATASET), coverage=coverage, verb="add_mids"
    )


__all__ = ["COLUMNS", "add_mids"]
