"""``add_minimum_distance``: how far apart two states are (CShapes 2.0) on a dyad-year frame.

Column added: ``mindist`` — the shortest distance between the two states' territories on
31 December of the year, in kilometres (0: they touch), as peacesciencer computed it from the
CShapes 2.0 boundaries (``cow_mindist``, 1886–2019). A pair missing from the data in a covered
year (a state outside the system that day) is missing, as are years outside the coverage; a frame
with no year inside raises an error naming it. The row count never changes.
"""

from __future__ import annotations

import pandas as pd

from ujym.pipeline.covariates import attach_columns, pair_keys, require_dyad_years, source_of
from ujym.sources.geography import DISTANCE, load_distance

COLUMNS: dict[str, str] = {
    "mindist": "minimum distance between the two territories on 31 December, km (CShapes 2.0)",
}


def add_minimum_distance(df: pd.DataFrame, *, mindist: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add ``mindist`` (km) to a dyad-year frame; the rows never change.

    Parameters
    ----------
    df
        A dyad-year frame (``ccode1, ccode2, year``), directed or not.
    mindist
        Non-directed distances ``ccode1 < ccode2, year, mindist`` (default: the cached
        ``cow_mindist`` table, :func:`ujym.sources.geography.load_distance`).

    Examples
    --------
    >>> from ujym.core.provenance import Provenance, Unit, attach
    >>> table = pd.DataFrame({"ccode1": [702], "ccode2": [703], "year": [2013], "mindist": [0.0]})
    >>> dyads = attach(pd.DataFrame({"ccode1": [703], "ccode2": [702], "year": [2013]}),
    ...                Provenance(Unit.DYAD_YEAR))
    >>> add_minimum_distance(dyads, mindist=table)["mindist"].tolist()
    [0.0]
    """
    require_dyad_years(df, "add_minimum_distance")
    table = load_distance() if mindist is None else mindist
    distances = pd.DataFrame(
        {
            "low": table["ccode1"].astype("int64"),
            "high": table["ccode2"].astype("int64"),
            "year": table["year"].astype("int64"),
            "mindist": table["mindist"].astype("float64"),
        }
    )
    coverage = (int(distances["year"].min()), int(distances["year"].max()))
    keys = pair_keys(df)
    merged = keys.merge(distances, on=["low", "high", "year"], how="left", validate="many_to_one")
    return attach_columns(
        df, merged[["mindist"]], COLUMNS, source=source_of(table, DISTANCE), coverage=coverage,
        verb="add_minimum_distance",
    )  # fmt: skip


__all__ = ["COLUMNS", "add_minimum_distance"]
