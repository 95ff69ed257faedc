"""State-year frames: the base a peacesciencer user starts from (``create_stateyears()``).

>>> df = create_state_years(["KAZ", "RUS"], years=(2012, 2013))
>>> df[["ccode", "year", "iso3"]].values.tolist()
[[365, 2012, 'RUS'], [705, 2012, 'KAZ'], [365, 2013, 'RUS'], [705, 2013, 'KAZ']]

Unit of analysis
----------------
One row per state and calendar year in which the state belongs to the Correlates of War state
system (entry and exit dates of the crosswalk ``ujym/data/countries.csv``, COW v2016; a state
still in the system has no end). A group (``"CSTO"``) gives its members of each year.

Columns
-------
``ccode``  Correlates of War state code (int)
``year``   calendar year (int)
``iso3``   ISO 3166-1 alpha-3 code (historical states: the crosswalk's code)
``name_en, name_kk, name_ru``  the state's name in English, Kazakh and Russian (strings;
           :mod:`ujym.pipeline.identity`)
``statenme``  English name (peacesciencer's column name, the same as ``name_en``)

Provenance (:func:`ujym.core.provenance.provenance_of`): unit ``state-year``, the datasets
(``cow_states``, the crosswalk, at version 2016), whether the rows rest on the casebook (a
group's members), the columns; every ``add_*`` verb refuses a frame of another unit, keeps the
row count and adds its columns and datasets there.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ujym.core.errors import UjymError
from ujym.core.provenance import DatasetRef, Provenance, Unit, attach, require_unit
from ujym.i18n import _
from ujym.pipeline.identity import STATE_COLUMNS, with_state_identity
from ujym.sources.codes import load_countries
from ujym.sources.groups import StateSpec, parse_spec

DEFAULT_YEARS = (1816, 2016)
"""The COW state system list v2016: 1816 to 2016."""

STATE_SYSTEM = DatasetRef("cow_states", "2016")
"""The COW state system list as shipped in ujym's crosswalk (``[bundled.cow_states]``)."""

COLUMNS: dict[str, str] = {
    "ccode": "Correlates of War state code",
    "year": "calendar year",
    "iso3": "ISO 3166-1 alpha-3 code",
    "name_en": STATE_COLUMNS["name_en"],
    "name_kk": STATE_COLUMNS["name_kk"],
    "name_ru": STATE_COLUMNS["name_ru"],
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


def create_state_years(states: StateSpec = None, *, years: Any = None) -> pd.DataFrame:
    """One row per state and year of the COW state system.

    Parameters
    ----------
    states
        None (every state in the system that year), or one state / a list of states (COW code,
        ISO3, ISO2, name) and groups such as ``"CSTO"`` (its members of each year; see
        :func:`ujym.sources.groups.parse_spec`).
    years
        One year, an inclusive ``(first, last)`` pair, or an iterable of years
        (default 1816–2016, the COW system list v2016).

    Returns
    -------
    pandas.DataFrame
        ``ccode, year, iso3, name_en, name_kk, name_ru, statenme`` sorted by year then ccode; its provenance has the unit
        ``state-year`` and the state system list it rests on.
    """
    wanted = year_list(years)
    countries = {c.ccode: c for c in load_countries()}
    pick = parse_spec(states)
    rows = []
    for year in wanted:
        for code in sorted(countries) if pick is None else pick.members(year):
            c = countries.get(int(code))
            if c is None:
                continue
            if c.start_year > year or (c.end_year is not None and c.end_year < year):
                continue
            rows.append((int(code), year, c.iso3, c.names.en))
    df = pd.DataFrame(rows, columns=["ccode", "year", "iso3", "statenme"])
    df = with_state_identity(df.astype({"ccode": "int64", "year": "int64"}))
    return attach(
        df,
        Provenance(
            Unit.STATE_YEAR,
            datasets=(STATE_SYSTEM,),
            casebook=pick is not None and pick.on_casebook,
            columns=COLUMNS,
            details={"states": pick.text if pick is not None else None},
        ),
    )


def require_state_years(df: pd.DataFrame, verb: str) -> Provenance:
    """The provenance of a state-year frame; one-line errors for another unit or missing keys."""
    prov = require_unit(df, Unit.STATE_YEAR, verb=verb)
    for col in ("ccode", "year"):
        if col not in df.columns:
            raise UjymError(
                _("{verb}: the frame has no column {col!r}").format(verb=verb, col=col),
                _("build it with create_state_years()"),
            )
    return prov


__all__ = ["COLUMNS", "STATE_SYSTEM", "create_state_years", "require_state_years", "year_list"]
