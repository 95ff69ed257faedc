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
Partnership for Peace, …) for the states it discusses, from official sources. Some organisations
also list every other member by ISO3 code (NATO, the EU, the OSCE: see docs/casebook.md), but the
casebook does not record every organisation of those states, so only the casebook's own state
actors get values here. Any other state gets missing values, never 0: its memberships are
unknown here, not absent. For counts of every intergovernmental organisation, use
:func:`add_igos`; for one organisation's members by date, :func:`ujym.resolve_group`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ujym.core.casebook import Casebook
from ujym.core.dates import PartialDate
from ujym.core.errors import UnknownCodeError
from ujym.core.provenance import Provenance, Unit, attach
from ujym.engines.overlap import outside_ties
from ujym.pipeline.state_years import require_state_years
from ujym.sources.casebook import load_casebook
from ujym.sources.codes import resolve_state

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

    ``actor`` is a casebook actor or any state of the country-code crosswalk: a state the article
    does not discuss has the rows that name it by ISO3 code (e.g. France in NATO, the EU and the
    OSCE). Columns ``organisation, status, start, end, start_precision, end_precision,
    citation``, ordered by start (``start``, ``end``: dates, the first and last day the period
    may cover, NaT when unknown or still in force; the precisions say whether the source gives
    a year, a month or a day, see :meth:`ujym.Casebook.memberships_frame`); the
    provenance's ``details["actor"]`` is the actor's id (a state's ISO3 code when it has no
    actor file). Unknown names raise :class:`~ujym.core.errors.UnknownCodeError`.

    >>> actor_memberships("FRA")["organisation"].tolist()
    ['NATO', 'EU', 'OSCE']
    """
    casebook = casebook or load_casebook()
    frame = casebook.memberships_frame()
    who, mine = _rows_of(actor, casebook, frame)
    mine = mine.sort_values(["start_year", "start"], na_position="first", kind="stable")
    columns = ["organisation", "status", "start", "end", "start_precision", "end_precision"]
    out = mine[[*columns, "citation"]].reset_index(drop=True)
    return attach(
        out,
        Provenance(
            Unit.MEMBERSHIP_PERIOD,
            casebook=True,
            columns={
                "organisation": "casebook organisation id",
                "status": "member, observer, partner, suspended or withdrawn",
                "start": "first day of the period (date; the first day of the month or year "
                "when the source gives no more)",
                "end": "last day of the period (date; the last day of the month or year when the "
                "source gives no more; missing: still in force)",
                "start_precision": "how precise the source is about the start: year, month, day",
                "end_precision": "how precise the source is about the end: year, month, day",
                "citation": "where the period comes from",
            },
            details={"actor": who},
        ),
    )


def as_given(day: Any, precision: Any) -> str | None:
    """A date of a membership frame as its source gives it (``1992``, ``1992-05``,
    ``1992-05-15``), from the date and its precision; None when there is none.

    >>> frame = actor_memberships("TKM")
    >>> as_given(frame["end"].iloc[0], frame["end_precision"].iloc[0])
    '2005-08-25'
    """
    if pd.isna(day) or pd.isna(precision):
        return None
    return str(PartialDate.at(pd.Timestamp(day).date(), str(precision)))


def _rows_of(actor: str, casebook: Casebook, frame: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """The id rows name ``actor`` by, and its rows: a casebook actor's, else a state's by code."""
    try:
        found = casebook.actor(actor)
    except UnknownCodeError:
        found = None
    if found is not None:
        return found.id, frame[frame["actor"] == found.id]
    country = resolve_state(actor)  # UnknownCodeError, one line, when no state matches either
    return country.iso3, frame[frame["ccode"] == country.ccode]


__all__ = ["COLUMNS", "actor_memberships", "add_memberships", "as_given"]
