"""``add_armed_conflicts``: a state's armed conflicts in a year (UCDP/PRIO ACD) on state-years.

Columns added (conflicts with 25 or more battle deaths in the year, counted once each):

``ucdp_conflicts``      conflicts in which the state was a primary party (side A or B)
``ucdp_internal``       of those, intrastate or internationalised intrastate conflicts in which
                        its government was side A: fighting on its own territory or over its
                        government
``ucdp_interstate``     of those, interstate conflicts (against another state)
``ucdp_territorial``    of those, conflicts over territory (incompatibility 1 or 3)
``ucdp_max_intensity``  the highest intensity among them: 0 none, 1 minor (25–999 battle
                        deaths), 2 war (1,000 or more)
``ucdp_supporting``     conflicts in which the state sent troops to support a side (secondary
                        party)

States are matched by their COW code (UCDP's Gleditsch–Ward codes mapped as
:mod:`ujym.sources.gwcodes` documents). Coverage 1946 to the last year of the cached release:
other years are missing, and a frame with no year inside raises an error naming the coverage. The
row count never changes.

>>> states = create_state_years(["ARM", "AZE", "KGZ"], years=(2012, 2016))  # doctest: +SKIP
>>> add_armed_conflicts(states)                                            # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd

from ujym.pipeline.covariates import attach_columns, source_of
from ujym.pipeline.state_years import require_state_years
from ujym.sources.ucdp import DATASET, load_participants

COLUMNS: dict[str, str] = {
    "ucdp_conflicts": "armed conflicts the state was a primary party to that year (count, UCDP/PRIO ACD)",
    "ucdp_internal": "of those, intrastate conflicts with its government as side A (count)",
    "ucdp_interstate": "of those, interstate conflicts (count)",
    "ucdp_territorial": "of those, conflicts over territory (count)",
    "ucdp_max_intensity": "highest intensity among them: 0 none, 1 minor (25-999 battle deaths), 2 war",
    "ucdp_supporting": "conflicts the state supported a side of with troops that year (count)",
}


def add_armed_conflicts(df: pd.DataFrame, *, acd: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add the armed-conflict columns (module docstring) to a state-year frame.

    Parameters
    ----------
    df
        A state-year frame (``ccode, year``), e.g. from ``create_state_years``.
    acd
        Conflict participants ``conflict_id, year, side, ccode, incompatibility,
        intensity_level, type_of_conflict`` (default: the cached ``ucdp_acd`` table,
        :func:`ujym.sources.ucdp.load_participants`).

    Examples
    --------
    >>> from ujym.core.provenance import Provenance, Unit, attach
    >>> acd = pd.DataFrame({"conflict_id": [388, 388], "year": [2016, 2016], "side": ["a", "b"],
    ...     "ccode": [373, 371], "incompatibility": [1, 1], "intensity_level": [1, 1],
    ...     "type_of_conflict": [2, 2]})
    >>> states = attach(pd.DataFrame({"ccode": [371, 370], "year": [2016, 2016]}),
    ...                 Provenance(Unit.STATE_YEAR))
    >>> add_armed_conflicts(states, acd=acd)[["ucdp_conflicts", "ucdp_territorial"]].values.tolist()
    [[1.0, 1.0], [0.0, 0.0]]
    """
    require_state_years(df, "add_armed_conflicts")
    table = load_participants() if acd is None else acd
    coverage = (int(table["year"].min()), int(table["year"].max()))
    rows = table.dropna(subset=["ccode"]).astype({"ccode": "int64", "year": "int64"})
    primary = rows[rows["side"].isin(["a", "b"])]
    kinds = primary.assign(
        internal=(primary["side"] == "a") & primary["type_of_conflict"].isin([3, 4]),
        interstate=primary["type_of_conflict"] == 2,
        territorial=primary["incompatibility"].isin([1, 3]),
    )
    per_state = kinds.groupby(["ccode", "year"]).agg(
        ucdp_conflicts=("conflict_id", "nunique"),
        ucdp_max_intensity=("intensity_level", "max"),
    )
    for column, flag in (
        ("ucdp_internal", "internal"),
        ("ucdp_interstate", "interstate"),
        ("ucdp_territorial", "territorial"),
    ):
        per_state[column] = kinds[kinds[flag]].groupby(["ccode", "year"])["conflict_id"].nunique()
    support = rows[rows["side"].isin(["a_2nd", "b_2nd"])]
    per_state = per_state.join(
        support.groupby(["ccode", "year"])["conflict_id"].nunique().rename("ucdp_supporting"),
        how="outer",
    ).reset_index()
    keys = df[["ccode", "year"]].astype("int64").reset_index(drop=True)
    merged = keys.merge(per_state, on=["ccode", "year"], how="left", validate="many_to_one")
    values = merged[list(COLUMNS)].fillna(0).astype("float64")
    return attach_columns(
        df, values, COLUMNS, source=source_of(table, DATASET), coverage=coverage,
        verb="add_armed_conflicts",
    )  # fmt: skip


__all__ = ["COLUMNS", "add_armed_conflicts"]
