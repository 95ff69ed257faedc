"""State-year frames: the base a peacesciencer user starts from (``create_stateyears()``).

>>> df = create_state_years(["KAZ", "RUS"], years=(2012, 2013))
>>> df[["ccode", "year", "iso3"]].values.tolist()
[[365, 2012, 'RUS'], [705, 2012, 'KAZ'], [365, 2013, 'RUS'], [705, 2013, 'KAZ']]

Unit of analysis
----------------
One row per state and calendar year in which the state belongs to the Correlates of War state
system (entry and exit dates of the crosswalk ``ujym/data/countries.csv``, COW v2016; a state
still in the system has no end). A casebook group (``"CSTO"``) gives its members of each year.

Columns
-------
``ccode``  Correlates of War state code (int)
``year``   calendar year (int)
``iso3``   ISO 3166-1 alpha-3 code (historical states: the crosswalk's code)
``statenme``  English name (peacesciencer's column name)

Provenance is in ``df.attrs["ujym"]`` (``unit``, ``sources``, ``columns``); every ``add_*`` verb
keeps the row count and adds its columns and sources there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ujym.core.errors import UjymError
from ujym.i18n import _
from ujym.sources.codes import load_countries

DEFAULT_YEARS = (1816, 2016)
"""The COW state system list v2016: 1816 to 2016."""

COLUMNS: dict[str, str] = {
    "ccode": "Correlates of War state code",
    "year": "calendar year",
    "iso3": "ISO 3166-1 alpha-3 code",
    "statenme": "state name (English)",
}


def year_list(years: Any) -> list[int]:
    """``2013`` → [2013]; ``(2011, 2013)`` → inclusive range; a range or iterable → sorted list."""
    if years is None:
        years = DEFAULT_YEARS
    if isinstance(years, int):
        out = [years]
    elif isinstance(years, tuple) and len(years) == 2 and all(isinstance(y, int) for y in years):
        if years[0] > years[1]:
            raise UjymError(
                _("the first year {first} is after the last year {last}").format(
                    first=years[0], last=years[1]
                ),
                _("give the years as (first, last)"),
            )
        out = list(range(years[0], years[1] + 1))
    else:
        out = sorted({int(y) for y in years})
    if not out:
        raise UjymError(_("no years given"), _("give a year or a (first, last) range"))
    return out


def create_state_years(states: Any = None, *, years: Any = None) -> pd.DataFrame:
    """One row per state and year of the COW state system.

    Parameters
    ----------
    states
        None (every state in the system that year), or one state / a list of states (COW code,
        ISO3, ISO2, name) and casebook groups such as ``"CSTO"`` (its members of each year).
    years
        One year, an inclusive ``(first, last)`` pair, or an iterable of years
        (default 1816–2016, the COW system list v2016).

    Returns
    -------
    pandas.DataFrame
        ``ccode, year, iso3, statenme`` sorted by year then ccode; ``attrs["ujym"]`` records
        ``unit="state-year"`` and the sources.
    """
    wanted = year_list(years)
    countries = {c.ccode: c for c in load_countries()}
    pick = None
    if states is not None:
        from ujym.pipeline.dyads import resolve_states

        pick = resolve_states(
            states if not isinstance(states, Iterable) or isinstance(states, str) else list(states)
        )
    rows = []
    for year in wanted:
        chosen: Iterable[int] = countries if pick is None else pick(year)
        for code in sorted(chosen):
            c = countries.get(int(code))
            if c is None:
                continue
            if c.start_year > year or (c.end_year is not None and c.end_year < year):
                continue
            rows.append((int(code), year, c.iso3, c.names.en))
    df = pd.DataFrame(rows, columns=list(COLUMNS)).astype({"ccode": "int64", "year": "int64"})
    df.attrs["ujym"] = {
        "unit": "state-year",
        "sources": ["Correlates of War State System Membership v2016 (ujym crosswalk)"],
        "columns": dict(COLUMNS),
    }
    return df


def require_state_years(df: pd.DataFrame, verb: str) -> None:
    """Raise when ``df`` is not a state-year frame (``ccode`` and ``year`` columns)."""
    for col in ("ccode", "year"):
        if col not in df.columns:
            raise UjymError(
                _("{verb}: the frame has no column {col!r}").format(verb=verb, col=col),
                _("build it with create_state_years()"),
            )


def record(
    df: pd.DataFrame, base: pd.DataFrame, sources: list[str], columns: dict[str, str]
) -> None:
    """Carry ``base``'s provenance to ``df`` and add ``sources`` and ``columns``."""
    meta = dict(base.attrs.get("ujym", {}))
    meta.setdefault("unit", "state-year")
    meta["sources"] = list(dict.fromkeys([*meta.get("sources", []), *sources]))
    meta["columns"] = {**meta.get("columns", {}), **columns}
    df.attrs["ujym"] = meta


__all__ = ["COLUMNS", "create_state_years", "year_list"]
