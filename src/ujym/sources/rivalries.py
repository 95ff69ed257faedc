"""Strategic rivalries (Thompson & Dreyer 2012, *Handbook of International Rivalries*).

``td_rivalries`` → table ``rivalries``, one row per rivalry:

===============  ===============================================================================
column           meaning
===============  ===============================================================================
rivalryno        rivalry number
rivalryname      name ("Armenia-Azerbaijan", "China-United States 2", …)
ccode1, ccode2   COW codes of the two rivals, ``ccode1 < ccode2`` (non-directed)
styear, endyear  first and last year; 2010 is the end of the data (the rivalry was still on)
region           region of the rivalry
type1–type3      the rivalry's types, main first: spatial, positional, ideological,
                 interventionary (type2 and type3 empty when the rivalry has fewer)
===============  ===============================================================================

Thompson and Dreyer publish the rivalries as a book appendix, not as a file: ujym imports
peacesciencer's table (``td_rivalries``, which assigned the COW codes) or a CSV export of it
with the same columns.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl

from ujym.sources.published import (
    FileReader,
    load_table,
    nondirected,
    read_published,
    register_tables,
    require_columns,
    whole_keys,
)

DATASET = "td_rivalries"
COLUMNS: tuple[str, ...] = (
    "rivalryno", "rivalryname", "ccode1", "ccode2", "styear", "endyear", "region",
    "type1", "type2", "type3",
)  # fmt: skip
TYPES: tuple[str, ...] = ("spatial", "positional", "ideological", "interventionary")
FILES = ("ps_td_rivalries.parquet", "td_rivalries.csv", "td_rivalries.parquet")


def read_rivalries(path: Path | str) -> pl.DataFrame:
    """Thompson & Dreyer's strategic rivalries in peacesciencer's layout, ``ccode1 < ccode2``."""
    frame = read_published(path, FILES)
    origin = str(path)
    require_columns(frame, COLUMNS, origin, "peacesciencer td_rivalries")
    frame = whole_keys(frame, ("rivalryno", "ccode1", "ccode2", "styear", "endyear"), origin)
    out = nondirected(frame).select(
        "rivalryno",
        pl.col("rivalryname").cast(pl.String),
        "ccode1",
        "ccode2",
        "styear",
        "endyear",
        *(pl.col(c).cast(pl.String) for c in ("region", "type1", "type2", "type3")),
    )
    return out.unique(maintain_order=True).sort("rivalryno")


def load_rivalries() -> pd.DataFrame:
    """The cached ``td_rivalries`` table as pandas, with its provenance.

    >>> load_rivalries().query("ccode1 == 370 or ccode2 == 370")  # doctest: +SKIP
    """
    return load_table(DATASET, "rivalries")


READERS: dict[str, tuple[FileReader, str]] = {DATASET: (read_rivalries, "rivalries")}
IDENTIFYING: dict[str, set[str]] = {DATASET: {"rivalryno", "ccode1", "ccode2", "styear"}}
register_tables(READERS, IDENTIFYING)

__all__ = ["COLUMNS", "READERS", "TYPES", "load_rivalries", "read_rivalries"]
