"""Time-bounded membership of an actor in an organisation."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from ujym.core.citations import Citation
from ujym.core.dates import Period


class MembershipStatus(StrEnum):
    """An actor's standing in an organisation."""

    MEMBER = "member"
    OBSERVER = "observer"
    PARTNER = "partner"  # dialogue partner, PfP partner, ENP partner country
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"  # marks the period after leaving, when worth recording


class Membership(BaseModel):
    """``actor`` held ``status`` in ``organisation`` during ``period``, as ``cite`` shows."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    actor: str
    organisation: str
    status: MembershipStatus
    period: Period
    cite: Citation
    note: str | None = None


class MembershipRecord(BaseModel):
    """How complete an organisation's membership rows in the casebook are.

    ``complete`` is the span for which the rows list *every* member state (with accession,
    suspension and exit dates); ``cite`` is the organisation's own record of its members.
    Without a record, a group built from the rows is not known to be complete.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    complete: Period
    cite: Citation
    note: str | None = None
