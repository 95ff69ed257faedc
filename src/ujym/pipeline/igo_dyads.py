"""``add_shared_igos``: how many intergovernmental organisations two states share (COW IGO v3).

Column added: ``dyadigos`` — the number of organisations in which both states are full members
that year (``cow_igo_ndy``, as peacesciencer counts them), 1816–2014. A pair absent from the data
in a covered year (a state outside the system) is missing, as are years outside the coverage; a
frame with none inside raises an error naming it. The row count never changes. Which
organisations a state belongs to is in ujym's casebook (``add_memberships``).
"""

from __future__ import annotations

import pandas as pd

from ujym.pipeline.covariates import attach_columns, pair_keys, require_dyad_years, source_of
from ujym.sources.igo_dyads import DATASET, load_igo_dyads

COLUMNS: dict[str, str] = {
    "dyadigos": "intergovernmental organisations in which both states are full members "
    "(count, COW IGO v3)",
}


def add_shared_igos(df: pd.DataFrame, *, igo_dyads: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add ``dyadigos`` to a dyad-year frame; the rows never change.

    Parameters
    ----------
    df
        A dyad-year frame (``ccode1, ccode2, year``), directed or not.
    igo_dyads
        Non-directed counts ``ccode1 < ccode2, year, dyadigos`` (default: the cached
        ``cow_igo_ndy`` table, :func:`ujym.sources.igo_dyads.load_igo_dyads`).

    Examples
    --------
    >>> from ujym.core.provenance import Provenance, Unit, attach
    >>> table = pd.DataFrame({"ccode1": [365], "ccode2": [705], "year": [2013], "dyadigos": [48]})
    >>> dyads = attach(pd.DataFrame({"ccode1": [705], "ccode2": [365], "year": [2013]}),
    ...                Provenance(Unit.DYAD_YEAR))
    >>> add_shared_igos(dyads, igo_dyads=table)["dyadigos"].tolist()
    [48.0]
    """
    require_dyad_years(df, "add_shared_igos")
    table = load_igo_dyads() if igo_dyads is None else igo_dyads
    counts = pd.DataFrame(
        {
            "low": table["ccode1"].astype("int64"),
            "high": table["ccode2"].astype("int64"),
            "year": table["year"].astype("int64"),
            "dyadigos": table["dyadigos"].astype("float64"),
        }
    )
    coverage = (int(counts["year"].min()), int(counts["year"].max()))
    merged = pair_keys(df).merge(
        counts, on=["low", "high", "year"], how="left", validate="many_to_one"
    )
    return attach_columns(
        df, merged, COLUMNS, source=source_of(table, DATASET), coverage=coverage,
        verb="add_shared_igos",
    )  # fmt: skip


__all__ = ["COLUMNS", "add_shared_igos"]
