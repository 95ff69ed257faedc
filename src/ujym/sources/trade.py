r"""COW Trade v4.0, national (state-year) totals.

``cow_trade_sy`` → table ``trade``: ``ccode, year, imports, exports`` — the state's total
imports and exports that year in millions of current US dollars. The publisher's
``National_COW_4.0.csv`` (``ccode, statename, stateabb, year, imports, exports, alt_imports,
alt_exports, source1, source2, version``) codes a missing value −9: it is null here. ujym keeps the
two figures the publisher recommends (``imports``, ``exports``), as peacesciencer does; the
``alt_`` series (from other sources, where they differ) are in the raw file the cache keeps.

>>> from ujym.sources.published import read_csv_bytes
>>> csv = b"ccode,statename,stateabb,year,imports,exports,alt_imports,alt_exports,source1,source2,version\n"
>>> csv += b"705,Kazakhstan,KZK,1991,-9,-9,-9,-9,-9,-9,4\n"
>>> trade_from(read_csv_bytes(csv), "<bytes>").row(0)
(705, 1991, None, None)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl

from ujym.sources.published import (
    FileReader,
    load_table,
    negative_to_null,
    read_published,
    register_tables,
    require_columns,
    whole_keys,
)

DATASET = "cow_trade_sy"
COLUMNS: tuple[str, ...] = ("ccode", "year", "imports", "exports")
FILES = ("National_COW_4.0.csv", "National_COW_4.0.parquet", "ps_cow_trade_sy.parquet")


def read_trade(path: Path | str) -> pl.DataFrame:
    """COW Trade v4.0 national totals (the publisher's CSV or peacesciencer's copy), sorted."""
    return trade_from(read_published(path, FILES), str(path))


def trade_from(frame: pl.DataFrame, origin: str) -> pl.DataFrame:
    """The canonical trade table from a frame in either layout (see :func:`read_trade`)."""
    require_columns(frame, COLUMNS, origin, "COW Trade v4.0 National_COW_4.0.csv")
    frame = whole_keys(frame, ("ccode", "year"), origin)
    out = negative_to_null(frame.select(COLUMNS), COLUMNS[2:])
    return out.unique(maintain_order=True).sort(["ccode", "year"])


def load_trade() -> pd.DataFrame:
    """The cached ``cow_trade_sy`` table as pandas, with its provenance.

    >>> load_trade().query("ccode == 705 and year == 2013")  # doctest: +SKIP
    """
    return load_table(DATASET, "trade")


READERS: dict[str, tuple[FileReader, str]] = {DATASET: (read_trade, "trade")}
IDENTIFYING: dict[str, set[str]] = {DATASET: {"ccode", "year", "imports", "exports"}}
register_tables(READERS, IDENTIFYING)

__all__ = ["COLUMNS", "READERS", "load_trade", "read_trade", "trade_from"]
