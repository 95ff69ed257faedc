"""UCDP/PRIO Armed Conflict Dataset: which states fought which armed conflicts, year by year.

An armed conflict (UCDP/PRIO) is a contested incompatibility over government or territory in which
the armed force of two parties, at least one the government of a state, causes at least 25
battle-related deaths in a calendar year. The publisher's file has one row per conflict-year and
lists the states of each side in text cells ("365, 369"); peacesciencer's copy splits those cells
into one row per combination of states.

``ucdp_acd`` → table ``participants``: one row per conflict, year, side and state, so a state's
conflicts are one filter away and neither layout's way of listing several states matters:

================  ==============================================================================
column            meaning
================  ==============================================================================
conflict_id       UCDP conflict id
year              calendar year (the conflict caused 25 or more battle deaths in it)
side              ``a`` (the government side: primary party), ``a_2nd`` (states with troops in
                  support of side A), ``b`` (a state opposing side A: interstate conflicts
                  only), ``b_2nd`` (states supporting side B)
gwno              Gleditsch–Ward code of the state, as published
ccode             its COW code (:mod:`ujym.sources.gwcodes`); null for the GW-only states
incompatibility   1 territory, 2 government, 3 both
intensity_level   1 minor (25–999 battle deaths in the year), 2 war (1,000 or more)
type_of_conflict  1 extrasystemic, 2 interstate, 3 intrastate, 4 internationalised intrastate
start_date        date of the conflict's first battle death (``start_prec``: precision, 1 exact
                  day … 7 year only, as coded by UCDP)
start_date2       start of the current episode (``start_prec2``)
ep_end            1 when the episode ended this year; ``ep_end_date`` the day it ended
================  ==============================================================================

Non-state parties (rebel groups) have no state code and are not rows; a conflict-year always has
its side A government. peacesciencer writes ``incompatibility`` and ``type_of_conflict`` as words
("territory", "II" for internationalised intrastate): they are the publisher's codes here.

>>> import polars as pl
>>> acd = pl.DataFrame({"conflict_id": [388], "year": [2016], "gwno_a": ["373"],
...     "gwno_a_2nd": [None], "gwno_b": ["371"], "gwno_b_2nd": [None], "incompatibility": [1],
...     "intensity_level": [1], "type_of_conflict": [2], "start_date": ["1990-12-31"],
...     "start_prec": [1], "start_date2": ["2016-04-02"], "start_prec2": [1], "ep_end": [1],
...     "ep_end_date": ["2016-04-05"]})
>>> participants_from(acd, "<example>").select("side", "gwno", "ccode").rows()
[('a', 373, 373), ('b', 371, 371)]
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl

from ujym.core.errors import DataFormatError
from ujym.i18n import _
from ujym.sources.gwcodes import gw_to_cow
from ujym.sources.published import (
    FileReader,
    iso_dates,
    load_table,
    read_published,
    register_tables,
    require_columns,
    whole_keys,
)

DATASET = "ucdp_acd"
SIDES: dict[str, str] = {"a": "gwno_a", "a_2nd": "gwno_a_2nd", "b": "gwno_b", "b_2nd": "gwno_b_2nd"}
"""Side → the publisher's column of its states' GW codes."""

ATTRIBUTES: tuple[str, ...] = (
    "incompatibility", "intensity_level", "type_of_conflict", "start_date", "start_prec",
    "start_date2", "start_prec2", "ep_end", "ep_end_date",
)  # fmt: skip
DATES: tuple[str, ...] = ("start_date", "start_date2", "ep_end_date")
COLUMNS: tuple[str, ...] = ("conflict_id", "year", "side", "gwno", "ccode", *ATTRIBUTES)
INCOMPATIBILITY: dict[int, str] = {1: "territory", 2: "government", 3: "both"}
TYPE_OF_CONFLICT: dict[int, str] = {
    1: "extrasystemic",
    2: "interstate",
    3: "intrastate",
    4: "internationalised intrastate",
}
INTENSITY: dict[int, str] = {1: "minor (25-999 battle deaths)", 2: "war (1,000 or more)"}
LABELS: dict[str, dict[str, int]] = {
    "incompatibility": {"territory": 1, "government": 2, "both": 3},
    "type_of_conflict": {"extrasystemic": 1, "interstate": 2, "intrastate": 3, "II": 4},
}
"""peacesciencer's words → the publisher's codes."""

FILES = (
    "UcdpPrioConflict_v25_1.csv",
    "UcdpPrioConflict_v24_1.csv",
    "ucdp-prio-acd-201.csv",
    "ps_ucdp_acd.parquet",
)


def read_participants(path: Path | str) -> pl.DataFrame:
    """UCDP/PRIO ACD (the publisher's CSV or peacesciencer's copy) as conflict participants."""
    return participants_from(read_published(path, FILES), str(path))


def participants_from(frame: pl.DataFrame, origin: str) -> pl.DataFrame:
    """The canonical ``participants`` table from a frame in either layout (module docstring)."""
    require_columns(
        frame, ("conflict_id", "year", *SIDES.values(), *ATTRIBUTES), origin, "UCDP/PRIO ACD"
    )
    frame = whole_keys(frame, ("conflict_id", "year"), origin)
    frame = frame.with_columns(_codes(frame, c, origin) for c in LABELS)
    frame = iso_dates(frame, DATES, origin)
    attrs = frame.select(
        "conflict_id",
        "year",
        *(pl.col(c).cast(pl.Int32) for c in ATTRIBUTES if c not in DATES),
        *DATES,
    ).unique()
    sides = pl.concat(
        frame.select(
            "conflict_id",
            "year",
            pl.lit(side).alias("side"),
            _gw_list(pl.col(column)).alias("gwno"),
        ).explode("gwno")
        for side, column in SIDES.items()
    ).drop_nulls("gwno")  # an empty cell: no state on that side
    sides = sides.with_columns(pl.col("gwno").cast(pl.Int16)).unique()
    ccode, _unmapped = gw_to_cow(sides["gwno"], sides["year"])
    sides = sides.with_columns(ccode.alias("ccode"))
    out = sides.join(attrs, on=["conflict_id", "year"], how="left")
    return out.select(COLUMNS).sort(["conflict_id", "year", "side", "gwno"])


def _gw_list(column: pl.Expr) -> pl.Expr:
    """A cell of GW codes ("365, 369", 365, 365.0 or empty) → a list of integers."""
    text = column.cast(pl.String).str.strip_chars()
    return (
        text.str.split(",")
        .list.eval(pl.element().str.strip_chars().str.replace(r"\.0+$", "").cast(pl.Int32))
        .list.drop_nulls()
    )


def _codes(frame: pl.DataFrame, column: str, origin: str) -> pl.Series:
    """``column`` as the publisher's integer codes, from codes or peacesciencer's words."""
    series = frame[column]
    if series.dtype.is_numeric():
        return series.cast(pl.Int32)
    words = LABELS[column]
    text = series.cast(pl.String).str.strip_chars()
    codes = text.replace_strict(
        list(words), list(words.values()), default=None, return_dtype=pl.Int32
    )
    numeric = text.cast(pl.Int32, strict=False)
    out = pl.select(pl.coalesce(codes, numeric)).to_series()
    bad = (out.is_null() & text.is_not_null()).arg_true()
    if len(bad):
        raise DataFormatError(
            _("{origin}, column {column}: {value!r} is not a UCDP code").format(
                origin=origin, column=column, value=text[int(bad[0])]
            ),
            _("use {codes}").format(codes=", ".join(f"{v} {k}" for k, v in words.items())),
        )
    return out.alias(column)


def load_participants() -> pd.DataFrame:
    """The cached ``ucdp_acd`` participants as pandas, with its provenance.

    >>> load_participants().query("ccode == 703 and side == 'a'")  # doctest: +SKIP
    """
    return load_table(DATASET, "participants")


READERS: dict[str, tuple[FileReader, str]] = {DATASET: (read_participants, "participants")}
IDENTIFYING: dict[str, set[str]] = {DATASET: {"conflict_id", "gwno_a", "intensity_level"}}
register_tables(READERS, IDENTIFYING)

__all__ = [
    "COLUMNS",
    "INCOMPATIBILITY",
    "INTENSITY",
    "READERS",
    "SIDES",
    "TYPE_OF_CONFLICT",
    "load_participants",
    "participants_from",
    "read_participants",
]
