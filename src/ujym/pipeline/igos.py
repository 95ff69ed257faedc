"""``add_igos``: COW Intergovernmental Organizations (v3) counts on a state-year frame.

Columns added: ``sum_igo_full``, ``sum_igo_associate``, ``sum_igo_observer``,
``sum_igo_anytype`` — how many intergovernmental organisations the state belongs to that year by
type (peacesciencer's columns). Coverage 1816–2014; later years are missing, and a frame with
no year inside the coverage raises an error naming it.
"""

from __future__ import annotations

import pandas as pd

from ujym.core.errors import DataNotAvailableError, WrongUnitError
from ujym.core.provenance import DatasetRef, attach, provenance_of
from ujym.i18n import _
from ujym.pipeline.state_years import require_state_years
from ujym.sources.peacescience import load_frame

DATASET = "cow_igo_sy"
COLUMNS: dict[str, str] = {
    "sum_igo_full": "intergovernmental organisations with full membership (count, COW IGO v3)",
    "sum_igo_associate": "with associate membership (count, COW IGO v3)",
    "sum_igo_observer": "with observer status (count, COW IGO v3)",
    "sum_igo_anytype": "with any of the three (count, COW IGO v3)",
}


def add_igos(df: pd.DataFrame, *, igo: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add the COW IGO counts of each state-year; the row count never changes."""
    prov = require_state_years(df, "add_igos")
    if igo is None:
        igo = load_frame(DATASET)
    first, last = int(igo["year"].min()), int(igo["year"].max())
    if len(df) and not df["year"].astype(int).between(first, last).any():
        raise DataNotAvailableError(
            _("{dataset} covers {first}–{last}; no requested year is inside").format(
                dataset=DATASET, first=first, last=last
            ),
            _("choose a year from {first} to {last}").format(first=first, last=last),
        )
    table = igo[["ccode", "year", *COLUMNS]].astype({"ccode": "int64", "year": "int64"})
    keys = df[["ccode", "year"]].astype("int64")
    merged = keys.merge(table, on=["ccode", "year"], how="left", validate="many_to_one")
    out = df.copy()
    for c in COLUMNS:
        out[c] = merged[c].to_numpy()
    try:
        version = provenance_of(igo).version_of(DATASET)
    except WrongUnitError:  # a table passed in without provenance
        version = None
    return attach(out, prov.adding(datasets=[DatasetRef(DATASET, version)], columns=COLUMNS))


__all__ = ["COLUMNS", "add_igos"]
