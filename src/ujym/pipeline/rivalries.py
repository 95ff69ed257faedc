"""``add_rivalries``: strategic rivalries (Thompson & Dreyer) on a dyad-year frame.

Columns added:

``td_rivalry``    1 when the two states were strategic rivals that year, else 0
``td_rivalryno``  the rivalry's number in the handbook (missing: no rivalry)
``td_type1``      its main type: spatial, positional, ideological or interventionary

Thompson and Dreyer (2012) cover 1494–2010 (a rivalry ending in 2010 was still on): later years
are missing, and a frame with no year inside raises an error naming the coverage. A pair is
matched in either order. The row count never changes.
"""

from __future__ import annotations

import pandas as pd

from ujym.pipeline.covariates import attach_columns, pair_keys, require_dyad_years, source_of
from ujym.sources.rivalries import DATASET, load_rivalries

COLUMNS: dict[str, str] = {
    "td_rivalry": "1 when the two were strategic rivals that year (Thompson & Dreyer 2012)",
    "td_rivalryno": "number of the rivalry in Thompson & Dreyer's handbook",
    "td_type1": "main type of the rivalry: spatial, positional, ideological, interventionary",
}
COVERAGE = (1494, 2010)
"""The years of Thompson and Dreyer's handbook (the last year of data is 2010)."""


def add_rivalries(df: pd.DataFrame, *, rivalries: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add the rivalry columns (module docstring) to a dyad-year frame; the rows never change.

    Parameters
    ----------
    df
        A dyad-year frame (``ccode1, ccode2, year``), directed or not.
    rivalries
        Rivalries ``rivalryno, ccode1, ccode2, styear, endyear, type1`` (default: the cached
        ``td_rivalries`` table, :func:`ujym.sources.rivalries.load_rivalries`).

    Examples
    --------
    >>> from ujym.core.provenance import Provenance, Unit, attach
    >>> table = pd.DataFrame({"rivalryno": [180], "ccode1": [371], "ccode2": [373],
    ...                       "styear": [1991], "endyear": [2010], "type1": ["spatial"]})
    >>> dyads = attach(pd.DataFrame({"ccode1": [373, 370], "ccode2": [371, 365],
    ...                              "year": [2005, 2005]}), Provenance(Unit.DYAD_YEAR))
    >>> add_rivalries(dyads, rivalries=table)["td_rivalry"].tolist()
    [1.0, 0.0]
    """
    require_dyad_years(df, "add_rivalries")
    table = load_rivalries() if rivalries is None else rivalries
    spans = pd.DataFrame(
        {
            "low": table[["ccode1", "ccode2"]].min(axis=1).astype("int64"),
            "high": table[["ccode1", "ccode2"]].max(axis=1).astype("int64"),
            "first": table["styear"].astype("int64"),
            "last": table["endyear"].astype("int64"),
            "td_rivalryno": table["rivalryno"].astype("int64"),
            "td_type1": table["type1"],
        }
    )
    keys = pair_keys(df)
    hits = keys[["low", "high", "year"]].drop_duplicates().merge(spans, on=["low", "high"])
    hits = hits[(hits["first"] <= hits["year"]) & (hits["year"] <= hits["last"])]
    first = hits.sort_values("td_rivalryno").drop_duplicates(["low", "high", "year"])
    merged = keys.merge(first, on=["low", "high", "year"], how="left", validate="many_to_one")
    values = pd.DataFrame(
        {
            "td_rivalry": merged["td_rivalryno"].notna().astype("float64"),
            "td_rivalryno": merged["td_rivalryno"].astype("float64"),
            "td_type1": merged["td_type1"],
        }
    )
    return attach_columns(
        df, values, COLUMNS, source=source_of(table, DATASET), coverage=COVERAGE,
        verb="add_rivalries",
    )  # fmt: skip


__all__ = ["COLUMNS", "COVERAGE", "add_rivalries"]
