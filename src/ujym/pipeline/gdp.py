"""``add_gdp``: real GDP and population (Penn World Table 9.1) on a state-year frame.

Columns added: ``rgdpe`` (expenditure-side real GDP at chained PPPs, million 2011 US dollars:
the PWT measure for comparing living standards and economic size across countries), ``rgdpo``
(output-side real GDP, for comparing productive capacity) and ``pop`` (population, millions).
PWT covers 1950–2017; later years are missing, and a frame with no year inside raises an error
naming the coverage. A state PWT does not cover (e.g. North Korea) is missing. The row count
never changes.

>>> states = create_state_years("CSTO", years=2013)  # doctest: +SKIP
>>> add_gdp(states)[["iso3", "rgdpe"]]                # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd

from ujym.pipeline.covariates import attach_columns, source_of
from ujym.pipeline.state_years import require_state_years
from ujym.sources.pwt import DATASET, load_pwt

COLUMNS: dict[str, str] = {
    "rgdpe": "expenditure-side real GDP at chained PPPs, million 2011 US dollars (PWT 9.1)",
    "rgdpo": "output-side real GDP at chained PPPs, million 2011 US dollars (PWT 9.1)",
    "pop": "population, millions (PWT 9.1)",
}


def add_gdp(df: pd.DataFrame, *, pwt: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add ``rgdpe``, ``rgdpo`` and ``pop`` to a state-year frame; the rows never change.

    Parameters
    ----------
    df
        A state-year frame (``ccode, year``), e.g. from ``create_state_years``.
    pwt
        The Penn World Table with ``ccode, year, rgdpe, rgdpo, pop`` (default: the cached
        ``pwt91`` table, :func:`ujym.sources.pwt.load_pwt`); rows without a COW code (territories)
        are not used.

    Examples
    --------
    >>> from ujym.core.provenance import Provenance, Unit, attach
    >>> table = pd.DataFrame({"ccode": [705, None], "year": [2013, 2013],
    ...                       "rgdpe": [401159.1, 5.0], "rgdpo": [415048.5, 5.0], "pop": [17.2, 1.0]})
    >>> states = attach(pd.DataFrame({"ccode": [705], "year": [2013]}), Provenance(Unit.STATE_YEAR))
    >>> add_gdp(states, pwt=table)["rgdpe"].tolist()
    [401159.1]
    """
    require_state_years(df, "add_gdp")
    table = load_pwt() if pwt is None else pwt
    coverage = (int(table["year"].min()), int(table["year"].max()))
    states = table.dropna(subset=["ccode"])[["ccode", "year", *COLUMNS]]
    states = states.astype({"ccode": "int64", "year": "int64"})
    keys = df[["ccode", "year"]].astype("int64").reset_index(drop=True)
    merged = keys.merge(states, on=["ccode", "year"], how="left", validate="many_to_one")
    return attach_columns(
        df, merged, COLUMNS, source=source_of(table, DATASET), coverage=coverage, verb="add_gdp"
    )


__all__ = ["COLUMNS", "add_gdp"]
