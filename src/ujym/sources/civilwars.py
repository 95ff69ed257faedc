"""COW Intra-State War data v4.1 (Sarkees & Wayman 2010), as war-years.

``cow_war_intra`` → table ``war_years``: one row per war, side pair and year of fighting, in
peacesciencer's layout (``cow_war_intra``):

================================  ==========================================================
column                            meaning
================================  ==========================================================
warnum, warname                   COW war number and name
wartype                           "central control" (COW type 4), "local issues" (5),
                                  "regional internal" (6), "intercommunal" (7)
year                              a calendar year of fighting
cowintraonset                     1 in the first year of the war (or of its resumption)
cowintraongoing                   1 (every row is a year of fighting)
resume_combat                     1 for the years of a second phase of fighting
primary_state                     1 for the war's primary side pair (side A a state, side B
                                  named); 0 for an intervener's row or a non-state side A
ccodea, sidea; ccodeb, sideb      COW code (null: not a state) and name of each side
intnl                             1 when another state intervened
outcome                           1 side A wins, 2 side B wins, 3 compromise, 4 transformed
                                  into another war, 5 ongoing, 6 stalemate, 7 continues below
                                  war level
sideadeaths, sidebdeaths          battle deaths of each side (null: unknown)
ongo2007                          1 when the war was still on at the end of 2007
================================  ==========================================================

peacesciencer's copy holds the civil wars only (types 4 and 5); the publisher's
``Intra-StateWarData_v4.1.csv`` (one row per war and side pair with start and end dates) is
expanded here to years by the same rules — a war still on in 2007 (end year −7) runs to 2007, a
war without an end year to its start year — and keeps all four types. Where several side pairs of
a war begin fighting in its first year, every one of them has ``cowintraonset`` 1 (peacesciencer
marks one).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl

from ujym.sources.published import (
    FileReader,
    codes_to_null,
    has_columns,
    load_table,
    negative_to_null,
    read_published,
    register_tables,
    require_columns,
    whole_keys,
)

DATASET = "cow_war_intra"
COLUMNS: tuple[str, ...] = (
    "warnum", "warname", "wartype", "year", "cowintraonset", "cowintraongoing", "resume_combat",
    "primary_state", "ccodea", "sidea", "ccodeb", "sideb", "intnl", "outcome", "sideadeaths",
    "sidebdeaths", "ongo2007",
)  # fmt: skip
FLAGS: tuple[str, ...] = (
    "cowintraonset", "cowintraongoing", "resume_combat", "primary_state", "intnl", "outcome",
    "ongo2007",
)  # fmt: skip
"""Integer columns of the war-years table besides the keys and codes."""
WARTYPES: dict[int, str] = {
    4: "central control",
    5: "local issues",
    6: "regional internal",
    7: "intercommunal",
}
"""COW intra-state war types (4 and 5 are civil wars)."""

PUBLISHER: tuple[str, ...] = (
    "warnum", "warname", "wartype", "ccodea", "sidea", "ccodeb", "sideb", "intnl",
    "startyear1", "endyear1", "startyear2", "endyear2", "outcome", "sideadeaths", "sidebdeaths",
)  # fmt: skip
"""The publisher's columns ujym reads (names compared in lower case, as peacesciencer does)."""

LAST_YEAR = 2007
"""The publisher's end year −7 means "ongoing": the data end in 2007."""

FILES = ("Intra-StateWarData_v4.1.csv", "ps_cow_war_intra.parquet")


def read_war_years(path: Path | str) -> pl.DataFrame:
    """COW Intra-State Wars v4.1 as war-years (the publisher's CSV or peacesciencer's copy)."""
    return war_years_from(read_published(path, FILES), str(path))


def war_years_from(frame: pl.DataFrame, origin: str) -> pl.DataFrame:
    """The canonical ``war_years`` table from a frame in either layout (module docstring)."""
    if has_columns(frame, COLUMNS):
        out = frame.select(COLUMNS)
    else:
        frame = frame.rename({c: c.lower() for c in frame.columns if c.lower() != c})
        require_columns(frame, PUBLISHER, origin, "COW Intra-StateWarData_v4.1.csv")
        out = _expand(whole_keys(frame, ("warnum", "startyear1"), origin))
    out = whole_keys(out, ("warnum", "year"), origin)
    out = codes_to_null(out, ("ccodea", "ccodeb"), (-8, -9))
    out = negative_to_null(out, ("sideadeaths", "sidebdeaths"))
    out = out.with_columns(
        *(pl.col(c).cast(pl.String) for c in ("warname", "wartype", "sidea", "sideb")),
        *(pl.col(c).cast(pl.Int32) for c in FLAGS),
    )
    key = ["warnum", "year", "sidea", "sideb", "resume_combat"]
    return out.unique(maintain_order=True).sort(key)


def _expand(frame: pl.DataFrame) -> pl.DataFrame:
    """The publisher's war rows (start and end years of up to two phases) → war-years."""
    ends = {
        "endyear1": pl.col("endyear1").cast(pl.Int32, strict=False),
        "endyear2": pl.col("endyear2").cast(pl.Int32, strict=False),
    }
    frame = frame.with_columns(
        pl.col("wartype").cast(pl.Int32).replace_strict(WARTYPES, default=None).alias("wartype"),
        ((pl.col("ccodea").cast(pl.Int32) != -8) & (pl.col("sideb").cast(pl.String) != "-8"))
        .cast(pl.Int32)
        .alias("primary_state"),
        (ends["endyear1"] == -7).cast(pl.Int32).fill_null(0).alias("ongo2007"),
    )
    phases = []
    for phase, start, end in ((0, "startyear1", "endyear1"), (1, "startyear2", "endyear2")):
        first = pl.col(start).cast(pl.Int32, strict=False)
        last = ends[end]
        last = pl.when(last == -7).then(LAST_YEAR).when(last < first).then(first).otherwise(last)
        rows = frame.filter(first > 0).with_columns(
            pl.int_ranges(first, last.fill_null(first) + 1).alias("year"),
            pl.lit(phase, dtype=pl.Int32).alias("resume_combat"),
        )
        rows = rows.explode("year").with_columns(
            (pl.col("year") == pl.col("year").min().over("warnum"))
            .cast(pl.Int32)
            .alias("cowintraonset"),
            pl.lit(1, dtype=pl.Int32).alias("cowintraongoing"),
        )
        phases.append(rows.select(COLUMNS))
    return pl.concat(phases, how="vertical_relaxed")


def load_war_years() -> pd.DataFrame:
    """The cached ``cow_war_intra`` war-years as pandas, with its provenance.

    >>> load_war_years().query("ccodea == 702")  # doctest: +SKIP
    """
    return load_table(DATASET, "war_years")


READERS: dict[str, tuple[FileReader, str]] = {DATASET: (read_war_years, "war_years")}
IDENTIFYING: dict[str, set[str]] = {DATASET: {"warnum", "warname", "sidea", "sideb"}}
register_tables(READERS, IDENTIFYING)

__all__ = ["COLUMNS", "READERS", "WARTYPES", "load_war_years", "read_war_years", "war_years_from"]
