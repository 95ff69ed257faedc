"""``add_leaders``: leaders in office and how they left (Archigos 4.1) on a state-year frame.

Columns added:

``leaders``         how many leaders held office at some time in the year
``leader_exits``    how many left office in the year (a spell ending in the year, other than
                    "Still in Office" at the end of the data)
``irregular_exits`` of those, how many left irregularly (coup, revolt, popular protest,
                    assassination, …: Archigos's exit "Irregular")
``irregular_entry`` 1 when a leader who entered office in the year came in irregularly

Archigos identifies states by Gleditsch–Ward code; each spell-year is matched by the COW code of
its state at the end of that year (:mod:`ujym.sources.gwcodes`: Kohl is West Germany's leader to
1989 and Germany's from 1990, so West Germany has no leader in 1990). A state Archigos does not
list (the micro-states) is missing, not 0. Coverage 1875–2015 (Archigos 4.1): other years are missing, and a frame with
no year inside raises an error naming the coverage. The row count never changes.

>>> states = create_state_years(["KGZ", "KAZ"], years=(2004, 2011))  # doctest: +SKIP
>>> add_leaders(states)[["iso3", "year", "irregular_exits"]]          # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl

from ujym.pipeline.covariates import attach_columns, source_of
from ujym.pipeline.state_years import require_state_years
from ujym.sources.archigos import DATASET, IRREGULAR, load_leaders
from ujym.sources.gwcodes import gw_to_cow

COLUMNS: dict[str, str] = {
    "leaders": "leaders in office at some time in the year (count, Archigos 4.1)",
    "leader_exits": "leaders who left office in the year (count)",
    "irregular_exits": "leaders who left office irregularly in the year (count)",
    "irregular_entry": "1 when a leader entered office irregularly in the year",
}
FIRST_YEAR = 1875
"""Archigos 4.1 covers leaders from 1875 (a few spells begin earlier)."""
STILL_IN_OFFICE = "Still in Office"


def add_leaders(df: pd.DataFrame, *, leaders: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add the leader columns (module docstring) to a state-year frame; the rows never change.

    Parameters
    ----------
    df
        A state-year frame (``ccode, year``), e.g. from ``create_state_years``.
    leaders
        Spells ``obsid, gwcode, startdate, enddate, entry, exit`` (default: the cached
        ``archigos`` table, :func:`ujym.sources.archigos.load_leaders`).

    Examples
    --------
    >>> from ujym.core.provenance import Provenance, Unit, attach
    >>> spells = pd.DataFrame({"obsid": ["KYR-1990", "KYR-2005"], "gwcode": [703, 703],
    ...     "startdate": pd.to_datetime(["1990-10-27", "2005-03-25"]),
    ...     "enddate": pd.to_datetime(["2005-03-25", "2010-04-07"]),
    ...     "entry": ["Regular", "Regular"], "exit": ["Irregular", "Irregular"]})
    >>> states = attach(pd.DataFrame({"ccode": [703], "year": [2005]}), Provenance(Unit.STATE_YEAR))
    >>> add_leaders(states, leaders=spells)[["leaders", "irregular_exits"]].values.tolist()
    [[2.0, 1.0]]
    """
    require_state_years(df, "add_leaders")
    table = load_leaders() if leaders is None else leaders
    start = pd.to_datetime(table["startdate"]).dt.year.astype("int64")
    end = pd.to_datetime(table["enddate"]).dt.year.astype("int64")
    coverage = (FIRST_YEAR, int(end.max()))
    spells = pd.DataFrame(
        {
            "obsid": table["obsid"].to_numpy(),
            "gwcode": table["gwcode"].astype("int64").to_numpy(),
            "year": [np.arange(a, b + 1) for a, b in zip(start, end, strict=True)],
            "first": start.to_numpy(),
            "last": end.to_numpy(),
            "exits": (table["exit"] != STILL_IN_OFFICE).to_numpy(),
            "irregular_exit": (table["exit"] == IRREGULAR).to_numpy(),
            "irregular_in": (table["entry"] == IRREGULAR).to_numpy(),
        }
    ).explode("year")
    spells["year"] = spells["year"].astype("int64")
    ccode, _unmapped = gw_to_cow(pl.Series(spells["gwcode"]), pl.Series(spells["year"]))
    spells["ccode"] = ccode.to_pandas().to_numpy()
    spells = spells.dropna(subset=["ccode"]).astype({"ccode": "int64"})
    ending = spells["year"] == spells["last"]
    spells["leader_exits"] = (ending & spells["exits"]).astype("int64")
    spells["irregular_exits"] = (ending & spells["irregular_exit"]).astype("int64")
    spells["irregular_entry"] = (
        (spells["year"] == spells["first"]) & spells["irregular_in"]
    ).astype("int64")
    per_state = spells.groupby(["ccode", "year"], as_index=False).agg(
        leaders=("obsid", "nunique"),
        leader_exits=("leader_exits", "sum"),
        irregular_exits=("irregular_exits", "sum"),
        irregular_entry=("irregular_entry", "max"),
    )
    keys = df[["ccode", "year"]].astype("int64").reset_index(drop=True)
    merged = keys.merge(per_state, on=["ccode", "year"], how="left", validate="many_to_one")
    values = merged[list(COLUMNS)].fillna(0).astype("float64")
    covered = keys["ccode"].isin(set(spells["ccode"])).to_numpy()
    values[~covered] = np.nan  # a state Archigos does not list (micro-states): unknown, not 0
    return attach_columns(
        df, values, COLUMNS, source=source_of(table, DATASET), coverage=coverage,
        verb="add_leaders",
    )  # fmt: skip


__all__ = ["COLUMNS", "FIRST_YEAR", "add_leaders"]
