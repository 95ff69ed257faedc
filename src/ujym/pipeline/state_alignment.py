"""``add_alignment`` for state-year frames: each state's UN voting alignment with chosen partners.

>>> df = create_state_years("CSTO", years=(2011, 2013))                # doctest: +SKIP
>>> df = add_alignment(df, with_=("RUS", "USA", "CHN", "EU"))          # doctest: +SKIP

(These examples need the cached datasets; docs/api.md runs them on real data, tested by
tests/test_examples.py.)

Columns added, for each partner ``p`` (a state's lower-case ISO3 code; a group as typed, lower
case, ``-`` as ``_``: ``eu`` for ``"EU"``):

``align_<p>``        the state's alignment with ``p`` over the contested roll calls of that
                     calendar year (default Voeten agreement, abstention half-agreement, 0..1;
                     any measure of :mod:`ujym.engines.alignment` via ``measure=``)
``n_rollcalls_<p>``  contested roll calls both voted yes, abstain or no on (a group: the fewest
                     over the members averaged)
``status_<p>``       ``ok``, or ``insufficient``: the value is withheld (fewer than
                     ``min_rollcalls`` contested roll calls in common; a group: fewer than two
                     members with that many), see :mod:`ujym.engines.evidence`

A partner may be a group (:func:`ujym.sources.groups.parse_spec`): ``EU`` is the EU core
comparison set (:data:`ujym.core.groups.EU_CORE`: France, Germany, Italy and the UK through
2019), ``CSTO`` the casebook's CSTO; the value is the mean of the state's alignment with the
group's members of that year whose own alignment is shown
(:func:`ujym.pipeline.dyads.group_mean`).
A state's alignment with itself is 1 when it voted; a group's mean leaves the state itself out. The dyadic computation is
:func:`ujym.pipeline.dyads.add_alignment`; this verb only reshapes it to state-years.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ujym.core.groups import Group
from ujym.core.provenance import Provenance, Unit, attach
from ujym.core.votes import VoteMatrix
from ujym.engines.evidence import MIN_ROLLCALLS, Status, check_minimum
from ujym.pipeline import dyads
from ujym.pipeline.state_years import require_state_years
from ujym.sources.groups import Selection, parse_spec


def _partner(partner: Any) -> tuple[str, Selection]:
    """The column label of a partner and what it names."""
    chosen = parse_spec(partner)
    assert chosen is not None  # a partner is never None
    if chosen.groups or len(chosen.states) != 1:
        text = partner.id if isinstance(partner, Group) else str(partner).strip()
        return text.lower().replace("-", "_").replace(",", "_"), chosen
    return chosen.states[0].iso3.lower(), chosen


def add_alignment(
    df: pd.DataFrame,
    with_: Sequence[str | int] = ("RUS", "USA", "CHN"),
    *,
    measure: str = "agreement",
    issues: Any = None,
    rollcalls: dyads.RollCalls = "contested",
    min_rollcalls: int = MIN_ROLLCALLS,
    matrix: VoteMatrix | None = None,
    dataset: str | None = None,
) -> pd.DataFrame:
    """Add each state-year's UN General Assembly alignment with each partner; rows never change.

    Parameters
    ----------
    df
        A state-year frame (``ccode, year``), e.g. from :func:`create_state_years`.
    with_
        Partners: states (ISO3, COW code, name) and/or groups (``"EU"``: the EU core).
    measure
        One of :data:`ujym.engines.alignment.MEASURES`.
    issues
        Compute on roll calls with these issue codes only (``me nu di hr co ec``).
    rollcalls, min_rollcalls
        The roll-call set and the minimum of evidence, as in
        :func:`ujym.pipeline.dyads.add_alignment`.
    matrix, dataset
        The vote matrix to use, else the cached UNGA dataset.
    """
    prov = require_state_years(df, "add_state_alignment")
    (name,) = dyads.check_measures([measure])
    minimum = check_minimum(min_rollcalls)
    m, datasets = dyads.vote_matrix(matrix, dataset)
    keys = df[["ccode", "year"]].astype("int64").drop_duplicates()
    year_of = {int(y): int(y) for y in keys["year"].unique()}
    out = df.copy()
    columns: dict[str, str] = {}
    on_casebook = False
    for partner in with_:
        label, chosen = _partner(partner)
        on_casebook |= chosen.on_casebook
        pairs = pd.DataFrame(
            [(c, p, y) for c, y in keys.itertuples(index=False) for p in chosen.members(int(y))],
            columns=["ccode1", "ccode2", "year"],
        ).astype({"ccode1": "int16", "ccode2": "int16", "year": "int16"})
        attach(pairs, Provenance(Unit.DYAD_YEAR))
        scored = dyads.add_alignment(
            pairs, [name], issues=issues, rollcalls=rollcalls, min_rollcalls=minimum, matrix=m
        )
        if chosen.groups or len(chosen.states) != 1:
            per = dyads.group_mean(scored, chosen, name, "year", year_of, 0, minimum, key="ccode1")
        else:
            per = scored.rename(columns={name: "value"})
            per["status"] = per["status"].astype(str)
        per = per.rename(columns={"ccode1": "ccode"}).astype({"ccode": "int64", "year": "int64"})
        merged = (
            df[["ccode", "year"]]
            .astype("int64")
            .merge(
                per[["ccode", "year", "value", "n_rollcalls", "status"]],
                on=["ccode", "year"],
                how="left",
                validate="many_to_one",
            )
        )
        out[f"align_{label}"] = merged["value"].to_numpy(dtype=float)
        out[f"n_rollcalls_{label}"] = merged["n_rollcalls"].fillna(0).astype("int64").to_numpy()
        out[f"status_{label}"] = merged["status"].fillna(Status.INSUFFICIENT.value).to_numpy()
        what = chosen.label() if chosen.groups else chosen.states[0].iso3
        mean = " (mean over its members with enough roll calls in common)" if chosen.groups else ""
        columns[f"align_{label}"] = (
            f"{dyads.COLUMNS[name]}, with {what}{mean}, UNGA roll calls of the year"
        )
        columns[f"n_rollcalls_{label}"] = f"{dyads.COLUMNS['n_rollcalls']}, with {what}"
        columns[f"status_{label}"] = f"ok, or insufficient: align_{label} is withheld"
    return attach(
        out,
        prov.adding(
            datasets=datasets,
            casebook=on_casebook,
            columns=columns,
            details={
                "measure": name,
                "rollcalls": rollcalls,
                "min_rollcalls": minimum,
                "votes": "cache" if matrix is None else "matrix given",
            },
        ),
    )


__all__ = ["add_alignment"]
