"""``add_memberships``: the casebook's dated memberships on a state-year frame.

Columns added
-------------
``organisations``     ids of the casebook organisations and programmes the state is tied to that
                      year (member, observer or partner), comma-separated, sorted
``n_organisations``   how many (ties of any of the three statuses)
``n_member``          of which full membership
``n_outside_russia``  ties to organisations and programmes Russia is not part of that year
                      (:func:`ujym.engines.overlap.outside_ties`, the multi-vector picture)
``outside_russia``    their ids, comma-separated

The casebook records the organisations the article discusses (CSTO, CIS, SCO, EAEU, NATO's
Partnership for Peace, …) for the states it discusses, from official sources. A state the
casebook does not describe gets missing values, never 0: its memberships are unknown here, not
absent. For counts of every intergovernmental organisation, use :func:`add_igos`.
"""

from __future__ import annotations

import pandas as pd

from ujym.core.casebook import Casebook
from ujym.core.provenance import Provenance, Unit, attach
from ujym.engines.overlap import outside_ties
from ujym.pipeline.state_years import require_state_years
from ujym.sources.casebook import load_casebook

COLUMNS: dict[str, str] = {
    "organisations": "casebook organisations the state is tied to (member, observer, partner)",
    "n_organisations": "number of those ties (count)",
    "n_member": "of which full memberships (count)",
    "n_outside_russia": "ties to organisations Russia is not part of that year (count)",
    "outside_russia": "those organisations",
}


def add_memberships(df: pd.DataFrame, *, casebook: Casebook | None = None) -> pd.DataFrame:
    """Add the casebook's memberships of each state-year; the row count never changes."""
    prov = require_state_years(df, "add_memberships")
    casebook = casebook or load_casebook()
    actor_of = {
        int(a.codes.ccode): a.id for a in casebook.actors if a.codes is not None and a.codes.ccode
    }
    frame = casebook.memberships_frame()
    described = set(frame["actor"])
    keys = df[["ccode", "year"]].astype("int64")
    years = sorted(set(keys["year"]))
    actors = sorted({actor_of[c] for c in set(keys["ccode"]) if c in actor_of} & described)
    ties = (
        outside_ties(frame, actors, years)
        if actors and years
        else pd.DataFrame(columns=["actor", "year", "n_ties", "n_outside", "ties", "outside"])
    )
    members = frame[frame["status"] == "member"]
    n_member = (
        outside_ties(members, actors, years).set_index(["actor", "year"])["n_ties"]
        if actors and years
        else pd.Series(dtype="int64")
    )
    ties = ties.assign(ccode=ties["actor"].map({v: k for k, v in actor_of.items()}))
    ties["n_member"] = [
        n_member.get((a, y), 0) for a, y in zip(ties["actor"], ties["year"], strict=True)
    ]
    table = ties.rename(
        columns={
            "ties": "organisations",
            "n_ties": "n_organisations",
            "n_outside": "n_outside_russia",
            "outside": "outside_russia",
        }
    )[["ccode", "year", *COLUMNS]]
    merged = keys.merge(
        table.astype({"ccode": "int64", "year": "int64"}),
        on=["ccode", "year"],
        how="left",
        validate="many_to_one",
    )
    out = df.copy()
    for c in COLUMNS:
        values = merged[c]
        out[c] = values.astype("Int64").to_numpy() if c.startswith("n_") else values.to_numpy()
    return attach(
        out,
        prov.adding(casebook=True, columns=COLUMNS, details={"membership_periods": len(frame)}),
    )


def actor_memberships(actor: str, *, casebook: Casebook | None = None) -> pd.DataFrame:
    """Every dated membership period of ``actor`` (ISO3, id or name) in the casebook.

    Columns ``organisation, status, start, end, citation``, ordered by start; the provenance's
    ``details["actor"]`` is the actor's id. Unknown actors raise
    :class:`~ujym.core.errors.UnknownCodeError`.
    """
    casebook = casebook or load_casebook()
    a = casebook.actor(actor)
    frame = casebook.memberships_frame()
    mine = frame[frame["actor"] == a.id].sort_values(
        ["start_year", "organisation"], na_position="first"
    )
    out = mine[["organisation", "status", "start", "end", "citation"]].reset_index(drop=True)
    return attach(
        out,
        Provenance(
            Unit.MEMBERSHIP_PERIOD,
            casebook=True,
            columns={
                "organisation": "casebook organisation id",
                "status": "member, observer, partner, suspended or withdrawn",
                "start": "first day (or month, year) of the period",
                "end": "last day of the period (missing: still in force)",
                "citation": "where the period comes from",
            },
            details={"actor": a.id},
        ),
    )


__all__ = ["COLUMNS", "actor_memberships", "add_memberships"]
