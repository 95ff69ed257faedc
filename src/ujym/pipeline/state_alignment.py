"""``add_alignment`` for state-year frames: each state's UN voting alignment with chosen partners.

>>> df = create_state_years("CSTO", years=(2011, 2013))                # doctest: +SKIP
>>> df = add_alignment(df, with_=("RUS", "USA", "CHN", "EU"))          # doctest: +SKIP

(These examples need the cached datasets; docs/api.md runs them on real data, tested by
tests/test_examples.py.)

Columns added, for each partner ``p`` (lower-case ISO3 code, or ``eu``):

``align_<p>``    the state's alignment with ``p`` over the roll calls of that calendar year
                 (default Voeten agreement, abstention half-agreement, 0..1; any measure of
                 :mod:`ujym.engines.alignment` via ``measure=``)
``n_votes_<p>``  roll calls both voted yes, abstain or no on (0 when none: the value is missing)

``EU`` is the EU core of :mod:`ujym.engines.multivector` (France, Germany, Italy and the UK
through 2019): the mean of the state's alignment with those core members that voted that year.
A state's alignment with itself is 1 when it voted. The dyadic computation is
:func:`ujym.pipeline.dyads.add_alignment`; this verb only reshapes it to state-years.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ujym.core.votes import VoteMatrix
from ujym.engines.multivector import eu_core
from ujym.pipeline import dyads
from ujym.pipeline.state_years import record, require_state_years


def _label(partner: str | int) -> tuple[str, int | None]:
    text = str(partner).strip()
    if text.upper() == "EU":
        return "eu", None
    code = dyads.resolve_state(partner)
    try:
        from ujym.sources.codes import country

        return country(code).iso3.lower(), code
    except Exception:
        return str(code), code


def add_alignment(
    df: pd.DataFrame,
    with_: Sequence[str | int] = ("RUS", "USA", "CHN"),
    *,
    measure: str = "agreement",
    issues: Any = None,
    matrix: VoteMatrix | None = None,
    dataset: str | None = None,
) -> pd.DataFrame:
    """Add each state-year's UN General Assembly alignment with each partner; rows never change.

    Parameters
    ----------
    df
        A state-year frame (``ccode, year``), e.g. from :func:`create_state_years`.
    with_
        Partners: states (ISO3, COW code, name) and/or ``"EU"`` (the EU core).
    measure
        One of :data:`ujym.engines.alignment.MEASURES`.
    issues
        Compute on roll calls with these issue codes only (``me nu di hr co ec``).
    matrix, dataset
        The vote matrix to use, else the cached UNGA dataset.
    """
    require_state_years(df, "add_alignment")
    (name,) = dyads.check_measures([measure])
    m, sources = dyads.vote_matrix(matrix, dataset)
    keys = df[["ccode", "year"]].astype("int64").drop_duplicates()
    out = df.copy()
    columns: dict[str, str] = {}
    for partner in with_:
        label, code = _label(partner)
        if code is None:
            pairs = pd.DataFrame(
                [(c, p, y) for c, y in keys.itertuples(index=False) for p in eu_core(int(y))],
                columns=["ccode1", "ccode2", "year"],
            )
        else:
            pairs = keys.rename(columns={"ccode": "ccode1"}).assign(ccode2=code)[
                ["ccode1", "ccode2", "year"]
            ]
        pairs = pairs.astype({"ccode1": "int16", "ccode2": "int16", "year": "int16"})
        scored = dyads.add_alignment(pairs, [name], issues=issues, matrix=m)
        scored[name] = scored[name].where(scored["n_votes"] > 0)
        per = scored.groupby(["ccode1", "year"]).agg(value=(name, "mean"), n=("n_votes", "max"))
        per = (
            per.reset_index()
            .rename(columns={"ccode1": "ccode"})
            .astype({"ccode": "int64", "year": "int64"})
        )
        merged = (
            df[["ccode", "year"]]
            .astype("int64")
            .merge(per, on=["ccode", "year"], how="left", validate="many_to_one")
        )
        out[f"align_{label}"] = merged["value"].to_numpy(dtype=float)
        out[f"n_votes_{label}"] = merged["n"].fillna(0).astype(np.int64).to_numpy()
        what = (
            "the EU core (mean over France, Germany, Italy, UK to 2019)"
            if code is None
            else label.upper()
        )
        columns[f"align_{label}"] = f"{name} with {what}, UNGA roll calls of the year"
        columns[f"n_votes_{label}"] = f"roll calls both voted on ({label})"
    record(out, df, sources or ["UNGA votes (matrix given)"], columns)
    out.attrs["ujym"]["measure"] = name
    return out


__all__ = ["add_alignment"]
