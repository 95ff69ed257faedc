"""``add_contiguity``: how two states touch (COW Direct Contiguity v3.2) on a dyad-year frame.

Column added: ``conttype`` — the closest contiguity of the two states in any month of the year: 1
land or river border, separated by water of up to 12 (2), 24 (3), 150 (4) or 400 (5) miles, 0
neither (peacesciencer's ``add_contiguity`` gives the same). Years outside the data (1816–2016)
are missing; a frame with none inside raises an error naming the coverage. The row count never
changes.

>>> dyads = create_dyad_years("KGZ", partners=["TJK", "KAZ", "RUS"], years=2013)  # doctest: +SKIP
>>> add_contiguity(dyads)[["ccode1", "ccode2", "conttype"]]                       # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ujym.pipeline.covariates import attach_columns, pair_keys, require_dyad_years, source_of
from ujym.sources.geography import CONTIGUITY, load_contiguity

COLUMNS: dict[str, str] = {
    "conttype": "closest contiguity in the year: 1 land or river border; water up to 12 (2), "
    "24 (3), 150 (4), 400 (5) miles; 0 none (COW Direct Contiguity v3.2)",
}


def add_contiguity(df: pd.DataFrame, *, contiguity: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add ``conttype`` to a dyad-year frame; the rows never change.

    Parameters
    ----------
    df
        A dyad-year frame (``ccode1, ccode2, year``), e.g. from ``create_dyad_years``.
    contiguity
        The contiguity episodes (default: the cached ``cow_contdir`` table,
        :func:`ujym.sources.geography.load_contiguity`).

    Returns
    -------
    pandas.DataFrame
        ``df`` with ``conttype`` (0–5; missing outside 1816–2016).

    Examples
    --------
    >>> from ujym.core.provenance import Provenance, Unit, attach
    >>> episodes = pd.DataFrame({"ccode1": [702, 703], "ccode2": [703, 702], "conttype": [1, 1],
    ...     "stdate": pd.to_datetime(["1991-12-01"] * 2), "enddate": pd.to_datetime(["2016-12-01"] * 2)})
    >>> dyads = attach(pd.DataFrame({"ccode1": [703, 703], "ccode2": [702, 705], "year": [2013, 2013]}),
    ...                Provenance(Unit.DYAD_YEAR))
    >>> add_contiguity(dyads, contiguity=episodes)["conttype"].tolist()
    [1.0, 0.0]
    """
    require_dyad_years(df, "add_contiguity")
    table = load_contiguity() if contiguity is None else contiguity
    episodes = pd.DataFrame(
        {
            "ccode1": table["ccode1"].astype("int64"),
            "ccode2": table["ccode2"].astype("int64"),
            "conttype": table["conttype"].astype("int64"),
            "first": pd.to_datetime(table["stdate"]).dt.year,
            "last": pd.to_datetime(table["enddate"]).dt.year,
        }
    )
    coverage = (int(episodes["first"].min()), int(episodes["last"].max()))
    episodes = episodes[episodes["conttype"] > 0]  # peacesciencer's "not contiguous" episodes
    keys = pair_keys(df)
    wanted = keys[["ccode1", "ccode2", "year"]].drop_duplicates()
    hits = wanted.merge(episodes, on=["ccode1", "ccode2"], how="inner")
    hits = hits[(hits["first"] <= hits["year"]) & (hits["year"] <= hits["last"])]
    closest = hits.groupby(["ccode1", "ccode2", "year"], as_index=False)["conttype"].min()
    merged = keys.merge(
        closest, on=["ccode1", "ccode2", "year"], how="left", validate="many_to_one"
    )
    values = pd.DataFrame({"conttype": merged["conttype"].fillna(0).astype(np.float64)})
    return attach_columns(
        df, values, COLUMNS, source=source_of(table, CONTIGUITY), coverage=coverage,
        verb="add_contiguity",
    )  # fmt: skip


__all__ = ["COLUMNS", "add_contiguity"]
