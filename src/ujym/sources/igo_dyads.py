"""COW Intergovernmental Organizations v3, dyad-years: how many organisations two states share.

``cow_igo_ndy`` → table ``igo_ndy``: ``ccode1 < ccode2, year, dyadigos`` — the number of
intergovernmental organisations in which both states are full members that year (non-directed,
1816–2014), as peacesciencer computes it from the publisher's ``dyadic_formatv3.csv``. That file
has one column per organisation coded 1 (both full members), 0 (not), −9 (missing) and −1 (the
organisation did not exist, or a state was not in the system): ``dyadigos`` counts the 1s. A
dyad-year whose codes are all missing has a null count here (peacesciencer writes 0).

The publisher's file is large (about 900,000 dyad-years by 534 organisations): ujym reads it
column-wise without loading it whole, and checks each organisation's codes itself (the schema
checks the key columns).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl

from ujym.core.errors import DataFormatError
from ujym.i18n import _
from ujym.sources.published import (
    FileReader,
    load_table,
    nondirected,
    read_published,
    register_tables,
    require_columns,
    whole_keys,
)
from ujym.sources.tables import header, is_parquet

DATASET = "cow_igo_ndy"
COLUMNS: tuple[str, ...] = ("ccode1", "ccode2", "year", "dyadigos")
ID_COLUMNS: frozenset[str] = frozenset(
    {"ccode1", "ccode2", "year", "dyadid", "dyad", "state1", "state2", "stateabb1", "stateabb2",
     "country1", "country2", "statename1", "statename2", "version"}
)  # fmt: skip
"""Columns of the publisher's dyadic file that are not organisations."""
CODES: tuple[int, ...] = (-9, -1, 0, 1)
FILES = ("dyadic_formatv3.csv", "ps_cow_igo_ndy.parquet", "cow_igo_ndy.parquet")


def read_igo_dyads(path: Path | str) -> pl.DataFrame:
    """Shared full memberships per dyad-year (the publisher's dyadic CSV or peacesciencer's)."""
    path = Path(path)
    origin = str(path)
    cols = header(path) if path.is_file() and path.suffix.lower() != ".zip" else []
    if set(COLUMNS) <= set(cols) or not cols:
        frame = read_published(path, FILES)
        require_columns(frame, COLUMNS, origin, "peacesciencer cow_igo_ndy")
        frame = whole_keys(frame, ("ccode1", "ccode2", "year"), origin)
        out = nondirected(frame).select(
            "ccode1", "ccode2", "year", pl.col("dyadigos").cast(pl.Int32)
        )
        return out.unique(maintain_order=True).sort(["ccode1", "ccode2", "year"])
    return _count(path, cols, origin)


def _count(path: Path, cols: list[str], origin: str) -> pl.DataFrame:
    """Count the 1s of the publisher's organisation columns, one column at a time (lazily)."""
    missing = [c for c in ("ccode1", "ccode2", "year") if c not in cols]
    if missing:
        raise DataFormatError(
            _("{origin}: no column {column!r} (found: {found})").format(
                origin=origin, column=missing[0], found=", ".join(cols[:12])
            ),
            _("give COW's dyadic_formatv3.csv or peacesciencer's cow_igo_ndy"),
        )
    igos = [c for c in cols if c not in ID_COLUMNS]
    if not igos:
        raise DataFormatError(
            _("{origin}: no organisation columns").format(origin=origin),
            _("give {file}").format(file="dyadic_formatv3.csv"),
        )
    if is_parquet(path):
        lazy = pl.scan_parquet(path)
    else:
        lazy = pl.scan_csv(
            path,
            schema_overrides=dict.fromkeys(igos, pl.Int8),
            null_values=["", "NA", "."],
            encoding="utf8-lossy",
        )
    codes = [pl.col(c).cast(pl.Int8) for c in igos]
    bad = lazy.select(
        pl.any_horizontal(c.is_not_null() & ~c.is_in(list(CODES)) for c in codes).any()
    ).collect()
    if bad.item():
        raise DataFormatError(
            _("{origin}: an organisation column holds a code other than {codes}").format(
                origin=origin, codes=", ".join(map(str, CODES))
            ),
            _("give the publisher's {file} unchanged").format(file="dyadic_formatv3.csv"),
        )
    counted = lazy.select(
        pl.col("ccode1").cast(pl.Int32),
        pl.col("ccode2").cast(pl.Int32),
        pl.col("year").cast(pl.Int32),
        pl.sum_horizontal((c == 1).cast(pl.Int32) for c in codes).alias("dyadigos"),
        pl.sum_horizontal((c >= 0).cast(pl.Int32) for c in codes).alias("_known"),
    ).collect()
    counted = whole_keys(counted, ("ccode1", "ccode2", "year"), origin)
    out = nondirected(counted).select(
        "ccode1",
        "ccode2",
        "year",
        pl.when(pl.col("_known") == 0).then(None).otherwise(pl.col("dyadigos")).alias("dyadigos"),
    )
    return out.unique(maintain_order=True).sort(["ccode1", "ccode2", "year"])


def load_igo_dyads() -> pd.DataFrame:
    """The cached ``cow_igo_ndy`` table as pandas, with its provenance.

    >>> load_igo_dyads().query("ccode1 == 365 and ccode2 == 705")  # doctest: +SKIP
    """
    return load_table(DATASET, "igo_ndy")


READERS: dict[str, tuple[FileReader, str]] = {DATASET: (read_igo_dyads, "igo_ndy")}
IDENTIFYING: dict[str, set[str]] = {DATASET: {"ccode1", "ccode2", "year"}}
register_tables(READERS, IDENTIFYING)

__all__ = ["COLUMNS", "READERS", "load_igo_dyads", "read_igo_dyads"]
