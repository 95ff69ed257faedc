"""Archigos 4.1: the effective leaders of states, 1875–2015 (Goemans, Gleditsch & Chiozza 2009).

``archigos`` → table ``leaders``, one row per spell in office:

==================  ============================================================================
column              meaning
==================  ============================================================================
obsid, leadid       the spell's id ("KYR-2005") and the leader's (one leader may have spells)
leader              the leader's name as Archigos writes it
gwcode              Gleditsch–Ward code of the state, as published (the publisher's file calls
                    it ``ccode``: it holds GW codes)
ccode               the COW code of the state on the spell's first day (:mod:`ujym.sources.gwcodes`;
                    the two spells that span a unification keep their first code: Kohl 260,
                    Saleh 678 — map ``gwcode`` by year for state-years)
startdate, enddate  first and last day in office (2015-12-31: still in office at the data's end)
entry               Regular, Irregular, Foreign Imposition, Unknown
exit                Regular, Irregular, Natural Death, Retired Due to Ill Health, Suicide,
                    Foreign, Still in Office, Unknown
exitcode            how an irregular exit happened ("Popular Protest, without Foreign Support", …)
gender, yrborn      M or F; year of birth (null when unknown)
==================  ============================================================================
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl

from ujym.sources.gwcodes import gw_to_cow
from ujym.sources.published import (
    FileReader,
    has_columns,
    iso_dates,
    load_table,
    read_published,
    register_tables,
    require_columns,
    whole_keys,
)

DATASET = "archigos"
COLUMNS: tuple[str, ...] = (
    "obsid", "leadid", "leader", "gwcode", "ccode", "startdate", "enddate", "entry", "exit",
    "exitcode", "gender", "yrborn",
)  # fmt: skip
TEXT: tuple[str, ...] = ("obsid", "leadid", "leader", "entry", "exit", "exitcode", "gender")
PUBLISHER: tuple[str, ...] = ("obsid", "leadid", "ccode", "idacr", "leader", "startdate", "enddate")
IRREGULAR = "Irregular"
"""The ``entry``/``exit`` value of a leader who came or went in breach of the state's rules."""

FILES = (
    "1March_Archigos_4.1.txt",
    "Archigos_4.1.txt",
    "Archigos_4.1.csv",
    "ps_archigos.parquet",
)


def read_leaders(path: Path | str) -> pl.DataFrame:
    """Archigos 4.1 (the publisher's tab-separated file or peacesciencer's copy), by spell."""
    return leaders_from(read_published(path, FILES), str(path))


def leaders_from(frame: pl.DataFrame, origin: str) -> pl.DataFrame:
    """The canonical ``leaders`` table from a frame in either layout (module docstring)."""
    if not has_columns(frame, ("gwcode",)):
        require_columns(frame, PUBLISHER, origin, "Archigos 4.1")
        frame = frame.rename({"ccode": "gwcode"})
    require_columns(frame, tuple(c for c in COLUMNS if c != "ccode"), origin, "Archigos 4.1")
    frame = whole_keys(frame, ("gwcode",), origin)
    frame = iso_dates(frame, ("startdate", "enddate"), origin)
    ccode, _unmapped = gw_to_cow(frame["gwcode"], frame["startdate"])
    frame = frame.with_columns(
        ccode.alias("ccode"),
        pl.col("gwcode").cast(pl.Int16),
        pl.col("yrborn").cast(pl.Int32, strict=False),
        *(pl.col(c).cast(pl.String) for c in TEXT),
    )
    return frame.select(COLUMNS).unique(maintain_order=True).sort(["gwcode", "startdate", "obsid"])


def load_leaders() -> pd.DataFrame:
    """The cached ``archigos`` leaders as pandas, with its provenance.

    >>> load_leaders().query("ccode == 703")  # doctest: +SKIP
    """
    return load_table(DATASET, "leaders")


READERS: dict[str, tuple[FileReader, str]] = {DATASET: (read_leaders, "leaders")}
IDENTIFYING: dict[str, set[str]] = {DATASET: {"obsid", "leadid", "leader", "startdate"}}
register_tables(READERS, IDENTIFYING)

__all__ = ["COLUMNS", "IRREGULAR", "READERS", "leaders_from", "load_leaders", "read_leaders"]
