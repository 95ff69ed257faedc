"""Gleditsch–Ward state codes → Correlates of War codes (ujym's state key).

UCDP/PRIO and Archigos identify states by their Gleditsch–Ward (GW) code (Gleditsch & Ward 1999,
"A Revised List of Independent States since the Congress of Vienna"). For almost every state the
GW code *is* the COW code — all fifteen post-Soviet states among them (Russia 365, Ukraine 369,
Belarus 370, Armenia 371, Georgia 372, Azerbaijan 373, Moldova 359, Estonia 366, Latvia 367,
Lithuania 368, Turkmenistan 701, Tajikistan 702, Kyrgyzstan 703, Uzbekistan 704, Kazakhstan
705). The two lists treat a few successions differently; ujym maps them as follows, comparing
``ps_gw_states`` with ``ps_cow_states`` (peacesciencer's copies of both lists) and following
peacesciencer's ``gw_cow_years`` where the two agree:

=====================  ==============================================================================
GW code                COW code
=====================  ==============================================================================
260 German Federal     260 up to 2 October 1990, 255 (united Germany) from 3 October 1990: GW keep
Republic               260 for united Germany, COW return to 255
678 Yemen (Arab Rep.)  678 up to 21 May 1990, 679 (Yemen) from 22 May 1990: GW keep 678 for united
                       Yemen, COW start a new state
340 Serbia             345: GW code Serbia before 1915 and from June 2006 as 340 and Yugoslavia as
                       345; COW code Serbia and Yugoslavia as one state, 345
970, 971, 972, 973     946, 970, 955, 947: GW's list of microstates numbers Kiribati, Nauru, Tonga
                       and Tuvalu differently (GW 970 is Kiribati, COW 970 is Nauru)
89, 99, 563, 564,      no COW state (United Provinces of Central America, Great Colombia, Transvaal,
711, 751, 815          Orange Free State, Tibet, Hyderabad, Vietnam/Annam before 1893): null
any other code         the same code, when ujym's crosswalk (COW v2016) has it; else null, reported
=====================  ==============================================================================

A record with a date is mapped on that date. A record with only a year is mapped on the last
day of the year (the code the state held at the year's end: 255 for Germany in 1990, 679 for
Yemen in 1990).

>>> to_cow(705, 2013), to_cow(260, 1989), to_cow(260, 1990), to_cow(340, 2010), to_cow(711, 1949)
(705, 260, 255, 345, None)
>>> to_cow(972, 2013), to_cow(970, 2013)  # Tonga; Kiribati (not Nauru)
(955, 946)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

import polars as pl

from ujym.sources.codes import load_countries

SPLITS: tuple[tuple[int, date, int], ...] = (
    (260, date(1990, 10, 3), 255),
    (678, date(1990, 5, 22), 679),
)
"""(GW code, first day of the COW successor, COW successor code): before the day, the same code."""

RENAMED: dict[int, int] = {340: 345, 970: 946, 971: 970, 972: 955, 973: 947}
"""GW codes whose state COW codes under another number, on every date: Serbia, and four Pacific
microstates (GW 970 Kiribati, 971 Nauru, 972 Tonga, 973 Tuvalu; COW 946, 970, 955, 947)."""

GW_ONLY: dict[int, str] = {
    89: "United Provinces of Central America",
    99: "Great Colombia",
    563: "Transvaal",
    564: "Orange Free State",
    711: "Tibet",
    751: "Hyderabad",
    815: "Vietnam (Annam/Cochin China/Tonkin)",
}
"""GW states the COW state system does not list: they have no COW code."""


@lru_cache(maxsize=1)
def _cow_codes() -> frozenset[int]:
    return frozenset(c.ccode for c in load_countries())


def to_cow(gwcode: int, when: int | date) -> int | None:
    """The COW code of GW state ``gwcode`` on date ``when`` (a year: its last day); None if none."""
    day = date(when, 12, 31) if isinstance(when, int) else when
    if gwcode in GW_ONLY:
        return None
    for code, first, successor in SPLITS:
        if gwcode == code and day >= first:
            return successor
    cow = RENAMED.get(gwcode, gwcode)
    return cow if cow in _cow_codes() else None


def gw_to_cow(gwcodes: pl.Series, when: pl.Series) -> tuple[pl.Series, list[int]]:
    """Vectorised :func:`to_cow`: ``when`` is a Date or an integer year Series (year: Dec 31).

    Returns the COW codes (Int16, null where there is none or the GW code is null) and the sorted
    distinct GW codes that have no COW code (for the reader to record or report, never to drop
    silently).
    """
    day = (
        when.cast(pl.Date)
        if when.dtype == pl.Date
        else pl.DataFrame({"year": when.cast(pl.Int32)}).select(pl.date("year", 12, 31)).to_series()
    )
    frame = pl.DataFrame({"gw": gwcodes.cast(pl.Int32), "day": day})
    expr = pl.col("gw").replace_strict(
        list(RENAMED), list(RENAMED.values()), default=pl.col("gw"), return_dtype=pl.Int32
    )
    for code, first, successor in SPLITS:
        expr = (
            pl.when((pl.col("gw") == code) & (pl.col("day") >= first))
            .then(pl.lit(successor, dtype=pl.Int32))
            .otherwise(expr)
        )
    known = pl.Series(sorted(_cow_codes()), dtype=pl.Int32).implode()
    mapped = frame.select(
        pl.when(pl.col("gw").is_in(list(GW_ONLY)) | ~expr.is_in(known))
        .then(None)
        .otherwise(expr)
        .cast(pl.Int16)
        .alias("ccode")
    ).to_series()
    unmapped = frame.filter(mapped.is_null() & pl.col("gw").is_not_null())["gw"]
    return mapped, sorted(int(v) for v in unmapped.unique().to_list())


def gw_to_cow_columns(
    frame: pl.DataFrame, pairs: Sequence[tuple[str, str]], when: str
) -> tuple[pl.DataFrame, list[int]]:
    """Add a COW column for each ``(gw column, cow column)`` pair, mapped on column ``when``."""
    unmapped: set[int] = set()
    added = []
    for gw_col, cow_col in pairs:
        codes, missing = gw_to_cow(frame[gw_col], frame[when])
        added.append(codes.alias(cow_col))
        unmapped.update(missing)
    return frame.with_columns(added), sorted(unmapped)


__all__ = ["GW_ONLY", "RENAMED", "SPLITS", "gw_to_cow", "gw_to_cow_columns", "to_cow"]
