r"""Where states are: COW Direct Contiguity v3.2 and minimum distances (CShapes 2).

``cow_contdir`` → table ``contiguity``, one row per *directed* contiguity episode:

==========  ========================================================================================
column      meaning
==========  ========================================================================================
ccode1      COW code of the first state
ccode2      COW code of the second state (every episode appears as (a, b) and (b, a))
conttype    1 land or river border; separated by water of 2 up to 12 miles, 3 up to 24, 4 up to
            150, 5 up to 400 miles; 0 (peacesciencer's copy only) both states in the system and
            not contiguous
stdate      first day of the episode's first month (the publisher records year and month)
enddate     first day of the episode's last month (the month itself is inside the episode)
==========  ========================================================================================

The publisher's ``contdir.csv`` (``statelno, statehno, conttype, begin, end`` with ``begin`` and
``end`` as YYYYMM) lists each pair once; ujym writes both directions, as peacesciencer does.
peacesciencer's copy adds episodes of type 0 (no contiguity while both states were in the
system); ujym keeps them, so the table holds the file's rows.

``cow_mindist`` → table ``mindist``: ``ccode1 < ccode2, year, mindist`` — the minimum distance
between the two states' territories on 31 December of the year, in kilometres (0: they touch),
as peacesciencer computed it from the CShapes 2.0 boundaries; non-directed.

>>> from ujym.sources.published import read_csv_bytes
>>> csv = b"dyad,statelno,statelab,statehno,statehab,conttype,begin,end,notes,version\n"
>>> csv += b"702703,702,TAJ,703,KYR,1,199112,201612,,3.2\n"
>>> table = contiguity_from(read_csv_bytes(csv), "<bytes>")
>>> table.select("ccode1", "ccode2", "conttype").rows()
[(702, 703, 1), (703, 702, 1)]
>>> str(table["enddate"][0])
'2016-12-01'
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl

from ujym.core.errors import DataFormatError
from ujym.i18n import _
from ujym.sources.published import (
    FileReader,
    has_columns,
    iso_dates,
    load_table,
    nondirected,
    read_published,
    register_tables,
    require_columns,
    whole_keys,
)

CONTIGUITY = "cow_contdir"
DISTANCE = "cow_mindist"

CONTIGUITY_COLUMNS: tuple[str, ...] = ("ccode1", "ccode2", "conttype", "stdate", "enddate")
DISTANCE_COLUMNS: tuple[str, ...] = ("ccode1", "ccode2", "year", "mindist")

CONTTYPE: dict[int, str] = {
    0: "not contiguous (peacesciencer's copy)",
    1: "land or river border",
    2: "separated by 12 miles of water or less",
    3: "separated by 24 miles of water or less",
    4: "separated by 150 miles of water or less",
    5: "separated by 400 miles of water or less",
}
"""COW Direct Contiguity v3.2 codes (``conttype``)."""

CONTIGUITY_FILES = ("contdir.csv", "ps_cow_contdir.parquet")
DISTANCE_FILES = ("ps_cow_mindist.parquet", "cow_mindist.csv", "mindist.csv")
PUBLISHER = ("statelno", "statehno", "conttype", "begin", "end")


# ---- contiguity ---------------------------------------------------------------------------
def read_contiguity(path: Path | str) -> pl.DataFrame:
    """COW Direct Contiguity v3.2: the publisher's ``contdir.csv`` or peacesciencer's copy.

    Returns the directed episodes ``ccode1, ccode2, conttype, stdate, enddate`` (module
    docstring), sorted.
    """
    return contiguity_from(read_published(path, CONTIGUITY_FILES), str(path))


def contiguity_from(frame: pl.DataFrame, origin: str) -> pl.DataFrame:
    """The canonical contiguity table from a frame in either layout (see :func:`read_contiguity`)."""
    if has_columns(frame, CONTIGUITY_COLUMNS):
        frame = whole_keys(frame, ("ccode1", "ccode2", "conttype"), origin)
        frame = iso_dates(frame, ("stdate", "enddate"), origin)
        directed = frame.select(CONTIGUITY_COLUMNS)
    else:
        require_columns(frame, PUBLISHER, origin, "COW Direct Contiguity contdir.csv")
        frame = whole_keys(frame, PUBLISHER, origin)
        once = frame.select(
            pl.col("statelno").alias("ccode1"),
            pl.col("statehno").alias("ccode2"),
            "conttype",
            _month(pl.col("begin"), "begin", frame, origin).alias("stdate"),
            _month(pl.col("end"), "end", frame, origin).alias("enddate"),
        )
        other = once.select(
            pl.col("ccode2").alias("ccode1"),
            pl.col("ccode1").alias("ccode2"),
            *CONTIGUITY_COLUMNS[2:],
        )
        directed = pl.concat([once, other])
    return directed.unique(maintain_order=True).sort(["ccode1", "ccode2", "stdate", "conttype"])


def _month(expr: pl.Expr, column: str, frame: pl.DataFrame, origin: str) -> pl.Expr:
    """YYYYMM → the first day of that month; one line for a value that is not a month."""
    values = frame[column]
    bad = ((values // 100 < 1800) | (values % 100 < 1) | (values % 100 > 12)).arg_true()
    if len(bad):
        raise DataFormatError(
            _("{origin}, column {column}: {value} is not a year and month (YYYYMM)").format(
                origin=origin, column=column, value=values[int(bad[0])]
            ),
            _("give the publisher's {file} unchanged").format(file="contdir.csv"),
        )
    return pl.date(expr // 100, expr % 100, 1)


def load_contiguity() -> pd.DataFrame:
    """The cached ``cow_contdir`` table as pandas, with its provenance (see the module docstring).

    >>> load_contiguity().query("ccode1 == 702 and ccode2 == 703")  # doctest: +SKIP
    """
    return load_table(CONTIGUITY, "contiguity")


# ---- minimum distance ---------------------------------------------------------------------
def read_distance(path: Path | str) -> pl.DataFrame:
    """Minimum distances ``ccode1, ccode2, year, mindist`` (km) in peacesciencer's layout.

    A file listing both directions of a pair is reduced to ``ccode1 < ccode2`` (the two must
    agree: the schema refuses a pair whose directions differ).
    """
    frame = read_published(path, DISTANCE_FILES)
    origin = str(path)
    require_columns(frame, DISTANCE_COLUMNS, origin, "peacesciencer cow_mindist")
    frame = whole_keys(frame, ("ccode1", "ccode2", "year"), origin)
    out = nondirected(frame).select("ccode1", "ccode2", "year", pl.col("mindist").cast(pl.Float64))
    return out.unique(maintain_order=True).sort(["ccode1", "ccode2", "year"])


def load_distance() -> pd.DataFrame:
    """The cached ``cow_mindist`` table as pandas, with its provenance (see the module docstring).

    >>> load_distance().query("ccode1 == 702 and ccode2 == 703 and year == 2013")  # doctest: +SKIP
    """
    return load_table(DISTANCE, "mindist")


READERS: dict[str, tuple[FileReader, str]] = {
    CONTIGUITY: (read_contiguity, "contiguity"),
    DISTANCE: (read_distance, "mindist"),
}
IDENTIFYING: dict[str, set[str]] = {
    CONTIGUITY: {"statelno", "statehno", "conttype"},
    DISTANCE: {"ccode1", "ccode2", "year", "mindist"},
}
register_tables(READERS, IDENTIFYING)

__all__ = [
    "CONTIGUITY_COLUMNS",
    "CONTTYPE",
    "DISTANCE_COLUMNS",
    "READERS",
    "contiguity_from",
    "load_contiguity",
    "load_distance",
    "read_contiguity",
    "read_distance",
]
