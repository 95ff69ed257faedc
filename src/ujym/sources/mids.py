"""Militarized interstate disputes: the Gibler–Miller–Little (GML) MID data v2.2.1, directed
dispute-years.

``gml_dirdisp`` → table ``dirdisp``: one row per dispute, *directed* pair of states on opposite
sides, and year (``dispnum, ccode1, ccode2, year``), with the publisher's columns and names
(``gml-ddy-disputes-2.2.1.csv``; peacesciencer ships the same file). The main ones:

=============================  ===============================================================
column                         meaning (GML/COW MID codebook)
=============================  ===============================================================
midonset, midongoing           1 in the dispute's first year; 1 in every year of the dispute
sidea1, sidea2                 1 when the state is on side A (the side of the first militarized
                               action)
orig1, orig2                   1 when the state was in the dispute from its first day
hostlev1, hostlev2, hostlev    hostility level of each state / of the dispute: 1 no militarized
                               action, 2 threat to use force, 3 display of force, 4 use of force,
                               5 war
hiact1, hiact2, hiact          highest action, 0–23 (e.g. 7 show of force, 17 occupation of
                               territory, 20 begin interstate war)
fatality1, fatality2, fatality fatality level: 0 none, 1 1–25, 2 26–100, 3 101–250, 4 251–500,
                               5 501–999, 6 1,000 or more deaths
fatalpre1, fatalpre2, fatalpre fatalities where known precisely
revstate1/2, revtype11–22      revisionist state; revision type 0 none, 1 territory, 2 policy,
                               3 regime, 4 other
outcome, settle, recip         dispute outcome (1–10), settlement (1 negotiated, 2 imposed, 3 none,
                               4 unclear), 1 when side B answered with militarized action
mindur, maxdur, stmon, endmon  minimum and maximum duration in days; start and end month
numa, numb, ongo2010, version  states on side A / B; 1 when ongoing at the end of 2010; version
=============================  ===============================================================

The publisher's −9 (missing) and −8 (not applicable) are null. Ten dispute-years of the file give
a start month of 13 and twelve an end month of 19, which are not months: null here, the raw file
keeps them.

>>> one = {c: [1] for c in COLUMNS} | {"dispnum": [4240], "ccode1": [370], "ccode2": [368],
...        "year": [2001], "revstate2": [-9], "stmon": [13], "version": ["gml-2.2.1"]}
>>> row = dirdisp_from(pl.DataFrame(one), "<example>").row(0, named=True)
>>> row["revstate2"], row["stmon"], row["hostlev"]
(None, None, 1)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl

from ujym.sources.published import (
    FileReader,
    codes_to_null,
    load_table,
    read_published,
    register_tables,
    require_columns,
    whole_keys,
)

DATASET = "gml_dirdisp"
KEY: tuple[str, ...] = ("dispnum", "ccode1", "ccode2", "year")
COLUMNS: tuple[str, ...] = (
    *KEY,
    "midongoing", "midonset", "sidea1", "sidea2", "revstate1", "revstate2",
    "revtype11", "revtype12", "revtype21", "revtype22", "fatality1", "fatality2",
    "fatalpre1", "fatalpre2", "hiact1", "hiact2", "hostlev1", "hostlev2", "orig1", "orig2",
    "hiact", "hostlev", "mindur", "maxdur", "outcome", "settle", "fatality", "fatalpre",
    "stmon", "endmon", "recip", "numa", "numb", "ongo2010", "version",
)  # fmt: skip
"""The publisher's columns, in its order (``gml-ddy-disputes-2.2.1.csv``)."""

FLOATS: tuple[str, ...] = ("fatalpre1", "fatalpre2", "fatalpre")
INTEGERS: tuple[str, ...] = tuple(c for c in COLUMNS[4:] if c not in (*FLOATS, "version"))
HOSTILITY: dict[int, str] = {
    1: "no militarized action",
    2: "threat to use force",
    3: "display of force",
    4: "use of force",
    5: "war",
}
"""MID hostility levels (``hostlev``)."""

FILES = ("gml-ddy-disputes-2.2.1.csv", "gml-ddy-disputes-2.2.1.parquet", "ps_gml_dirdisp.parquet")


def read_dirdisp(path: Path | str) -> pl.DataFrame:
    """GML MID v2.2.1 directed dispute-years (the publisher's CSV or peacesciencer's copy)."""
    return dirdisp_from(read_published(path, FILES), str(path))


def dirdisp_from(frame: pl.DataFrame, origin: str) -> pl.DataFrame:
    """The canonical table from a frame of the publisher's columns (see :func:`read_dirdisp`)."""
    require_columns(frame, COLUMNS, origin, "GML MID gml-ddy-disputes-2.2.1.csv")
    frame = whole_keys(frame.select(COLUMNS), KEY, origin)
    frame = codes_to_null(frame, INTEGERS, (-9, -8))
    frame = frame.with_columns(
        pl.when(pl.col(c).is_between(1, 12)).then(pl.col(c)).otherwise(None).alias(c)
        for c in ("stmon", "endmon")
    )
    frame = frame.with_columns(
        *(
            pl.when(pl.col(c).cast(pl.Float64) < 0)
            .then(None)
            .otherwise(pl.col(c))
            .cast(pl.Float64)
            .alias(c)
            for c in FLOATS
        ),
        pl.col("version").cast(pl.String),
    )
    return frame.unique(maintain_order=True).sort(list(KEY))


def load_dirdisp() -> pd.DataFrame:
    """The cached ``gml_dirdisp`` table as pandas, with its provenance.

    >>> load_dirdisp().query("ccode1 == 370 and year >= 2012")  # doctest: +SKIP
    """
    return load_table(DATASET, "dirdisp")


READERS: dict[str, tuple[FileReader, str]] = {DATASET: (read_dirdisp, "dirdisp")}
IDENTIFYING: dict[str, set[str]] = {DATASET: {"dispnum", "ccode1", "ccode2", "hostlev"}}
register_tables(READERS, IDENTIFYING)

__all__ = ["COLUMNS", "HOSTILITY", "KEY", "READERS", "dirdisp_from", "load_dirdisp", "read_dirdisp"]
