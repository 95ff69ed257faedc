"""``add_trade``: a state's total imports and exports (COW Trade v4.0) on a state-year frame.

Columns added: ``imports`` and ``exports``, millions of current US dollars (COW's preferred
series; −9 in the publisher's file is missing here). Coverage 1870–2014: later years are missing,
and a frame with no year inside raises an error naming the coverage. The row count never changes.

>>> states = create_state_years(["KAZ", "RUS"], years=(2012, 2014))  # doctest: +SKIP
>>> add_trade(states)[["iso3", "year", "imports", "exports"]]          # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd

from ujym.pipeline.covariates import attach_columns, source_of
from ujym.pipeline.state_years import require_state_years
from ujym.sources.trade import DATASET, load_trade

COLUMNS: dict[str, str] = {
    "imports": "total imports, millions of current US dollars (COW Trade v4.0)",
    "exports": "total exports, millions of current US dollars (COW Trade v4.0)",
}


def add_trade(df: pd.DataFrame, *, trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add ``imports`` and ``exports`` to a state-year frame; the rows never change.

    Parameters
    ----------
    df
        A state-year frame (``ccode, year``), e.g. from ``create_state_years``.
    trade
        National trade totals ``ccode, year, imports, exports`` (default: the cached
        ``cow_trade_sy`` table, :func:`ujym.sources.trade.load_trade`).

    Examples
    --------
    >>> from ujym.core.provenance import Provenance, Unit, attach
    >>> totals = pd.DataFrame({"ccode": [705], "year": [2013], "imports": [54400.8],
    ...                        "exports": [62629.0]})
    >>> states = attach(pd.DataFrame({"ccode": [705], "year": [2013]}), Provenance(Unit.STATE_YEAR))
    >>> add_trade(states, trade=totals)[["imports", "exports"]].values.tolist()
    [[54400.8, 62629.0]]
    """
    require_state_years(df, "add_trade")
    table = load_trade() if trade is None else trade
    totals = table[["ccode", "year", *COLUMNS]].astype({"ccode": "int64", "year": "int64"})
    coverage = (int(totals["year"].min()), int(totals["year"].max()))
    keys = df[["ccode", "year"]].astype("int64").reset_index(drop=True)
    merged = keys.merge(totals, on=["ccode", "year"], how="left", validate="many_to_one")
    return attach_columns(
        df, merged, COLUMNS, source=source_of(table, DATASET), coverage=coverage, verb="add_trade"
    )


__all__ = ["COLUMNS", "add_trade"]
