"""What the peace-science ``add_*`` verbs share: the unit, the coverage, the join, the provenance.

Each verb (one per module: ``contiguity``, ``distance``, ``trade``, ``gdp``, ``mids``,
``rivalries``, ``conflicts``, ``leaders``, ``igo_dyads``) computes its columns for the keys of the
frame it is given and hands them to :func:`attach_columns`, which keeps the rows and their order,
sets the columns to missing for years outside the dataset's coverage (the data cannot say: never
a 0) and records the dataset and the columns in the provenance.

>>> import pandas as pd
>>> from ujym.core.provenance import Provenance, Unit, attach
>>> df = attach(pd.DataFrame({"ccode": [705, 705], "year": [2013, 2020]}),
...             Provenance(Unit.STATE_YEAR))
>>> values = pd.DataFrame({"imports": [54400.8, 60000.0]})
>>> out = attach_columns(df, values, {"imports": "imports, US$ m"}, source=DatasetRef("cow_trade_sy"),
...                      coverage=(1870, 2014), verb="add_trade")
>>> out["imports"].tolist()
[54400.8, nan]
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ujym.core.errors import DataNotAvailableError, UjymError, WrongUnitError
from ujym.core.provenance import DatasetRef, Provenance, Unit, attach, provenance_of, require_unit
from ujym.i18n import _

Coverage = tuple[int, int]


def require_dyad_years(df: pd.DataFrame, verb: str) -> Provenance:
    """The provenance of a dyad-year frame; one-line errors for another unit or missing keys."""
    prov = require_unit(df, Unit.DYAD_YEAR, verb=verb)
    for col in ("ccode1", "ccode2", "year"):
        if col not in df.columns:
            raise UjymError(
                _("{verb}: the frame has no column {col!r}").format(verb=verb, col=col),
                _("build it with create_dyad_years()"),
            )
    return prov


def source_of(table: pd.DataFrame, dataset_id: str) -> DatasetRef:
    """The dataset and version a table was read from (no version: a table passed in by hand)."""
    try:
        version = provenance_of(table).version_of(dataset_id)
    except WrongUnitError:
        version = None
    return DatasetRef(dataset_id, version)


def check_coverage(dataset_id: str, coverage: Coverage, years: pd.Series) -> None:
    """One line when none of ``years`` lies in the dataset's ``(first, last)`` coverage."""
    first, last = coverage
    ys = pd.Series(years, dtype="int64")
    if len(ys) and not ys.between(first, last).any():
        raise DataNotAvailableError(
            _("{dataset} covers {first}–{last}; no requested year is inside").format(
                dataset=dataset_id, first=first, last=last
            ),
            _("choose a year from {first} to {last}").format(first=first, last=last),
        )


def pair_keys(df: pd.DataFrame) -> pd.DataFrame:
    """``ccode1, ccode2, year`` of a dyad-year frame as int64, plus the unordered pair
    (``low``, ``high``) for tables that list each pair once.
    """
    keys = df[["ccode1", "ccode2", "year"]].astype("int64").reset_index(drop=True)
    keys["low"] = np.minimum(keys["ccode1"], keys["ccode2"])
    keys["high"] = np.maximum(keys["ccode1"], keys["ccode2"])
    return keys


def attach_columns(
    df: pd.DataFrame,
    values: pd.DataFrame,
    columns: Mapping[str, str],
    *,
    source: DatasetRef,
    coverage: Coverage,
    verb: str,
    details: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """``df`` with the ``columns`` of ``values`` (aligned with its rows), missing outside coverage.

    ``df`` must already have passed its verb's unit check; its rows, their order and its other
    columns are kept; the provenance gains ``source``, the column descriptions and ``details``.
    """
    prov = provenance_of(df)
    check_coverage(source.id, coverage, df["year"])
    if len(values) != len(df):  # pragma: no cover - a verb's own mistake, not the user's
        raise UjymError(f"{verb}: {len(values)} values for {len(df)} rows", "report this bug")
    inside = df["year"].astype("int64").between(*coverage).to_numpy()
    out = df.copy()
    for column in columns:
        series = values[column].reset_index(drop=True)
        out[column] = series.where(inside, other=np.nan).to_numpy()
    return attach(
        out,
        prov.adding(
            datasets=[source],
            columns=dict(columns),
            details={**(details or {}), f"{source.id}_coverage": list(coverage)},
        ),
    )


__all__ = [
    "Coverage",
    "attach_columns",
    "check_coverage",
    "pair_keys",
    "require_dyad_years",
    "source_of",
]
