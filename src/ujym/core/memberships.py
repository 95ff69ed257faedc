"""Time-bounded membership of an actor in an organisation."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from ujym.core.citations import Citation
from ujym.core.dates import Period


class MembershipStatus(StrEnum):
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
