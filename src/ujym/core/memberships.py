"""Time-bounded membership of an actor in an organisation.

A row names a state by its casebook actor id (``KAZ``) or, for a state the article does not
discuss, by its ISO3 code alone (``FRA``): the loader resolves either to the state's Correlates
of War code (``ccode``) through the country-code crosswalk. ``period.start`` is the first day in
the status and ``period.end`` the last (inclusive; missing: still in force), so one state's
periods in one organisation never share a day (``ujym casebook validate`` checks it).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from ujym.core.citations import Citation
from ujym.core.dates import Period
from ujym.core.names import Names


class MembershipStatus(StrEnum):
    """An actor's standing in an organisation."""

    MEMBER = "member"
    OBSERVER = "observer"
    PARTNER = "partner"  # dialogue partner, PfP partner, ENP partner country
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"  # marks the period after leaving, when worth recording


class Membership(BaseModel):
    """``actor`` held ``status`` in ``organisation`` during ``period``, as ``cite`` shows.

    ``ccode`` is the state's COW code, filled in by the casebook loader (from the actor's codes
    or the crosswalk); it is never written in a casebook file. None for a non-state actor.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    actor: str
    organisation: str
    status: MembershipStatus
    period: Period
    cite: Citation
    note: Names | None = None  # shown to readers: kk, ru and en
    editorial: str | None = None  # for casebook maintainers; never rendered
    ccode: int | None = None


class MembershipRecord(BaseModel):
    """How complete an organisation's membership rows in the casebook are.

    ``complete`` is the span for which the rows list *every* state holding one of ``statuses``
    (by default full members and suspended members, with accession, suspension and exit dates);
    ``cite`` is the organisation's own record of its members. Without a record, a group built
    from the rows is not known to be complete. A record that starts no later than the
    organisation's founding (and, for a dissolved one, runs to its end) covers its whole life.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    complete: Period
    cite: Citation
    statuses: tuple[MembershipStatus, ...] = (MembershipStatus.MEMBER, MembershipStatus.SUSPENDED)
    editorial: str | None = None  # for casebook maintainers; never rendered
