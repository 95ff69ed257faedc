"""Actors: states and non-state actors (organisations, alliances, blocs, programmes, forces)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from ujym.core.citations import Citation, LineRange
from ujym.core.dates import PartialDate
from ujym.core.memberships import MembershipRecord
from ujym.core.names import Names


class ActorKind(StrEnum):
    """What kind of actor an entity of the casebook is."""

    STATE = "state"
    ORGANISATION = "organisation"  # an intergovernmental organisation (UN, CIS, SCO, OSCE, EU...)
    ALLIANCE = "alliance"  # a collective-defence organisation (CSTO, NATO)
    BLOC = "bloc"  # an economic or political bloc without its own secretariat (Customs Union)
    PROGRAMME = "programme"  # a programme of an organisation (PfP, European Neighbourhood Policy)
    FORCE = "force"  # a multinational or national force/unit (CSTO CRDF, KAZBRIG)
    INSTITUTION = "institution"  # research institute, academy, journal an expert speaks for


class StateCodes(BaseModel):
    """Codes of a state: ISO 3166-1 alpha-3, Correlates of War, UN M49."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    iso3: str
    ccode: int
    m49: int


class Actor(BaseModel):
    """A state or a non-state actor the casebook knows.

    ``id`` is the ISO3 code for a state (``KAZ``) and a short upper-case code for others (``CSTO``).
    ``aliases`` are the forms the article prints (normalised), for matching text.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str
    kind: ActorKind
    names: Names
    short: Names
    aliases: tuple[str, ...] = ()
    codes: StateCodes | None = None
    parent: str | None = None  # e.g. PfP -> NATO, CRDF -> CSTO
    founded: PartialDate | None = None
    dissolved: PartialDate | None = None
    dates_cite: Citation | None = None  # where founded/dissolved come from
    domain: str | None = None  # security, economic, political, general
    membership_record: MembershipRecord | None = None  # organisations: is the member list complete
    section: LineRange | None = None  # where the article treats this actor
    editorial: str | None = None  # for casebook maintainers; never rendered

    @field_validator("founded", "dissolved", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return None if value is None else PartialDate.parse(value)

    @field_validator("section", mode="before")
    @classmethod
    def _section(cls, value: Any) -> Any:
        return None if value is None else LineRange.parse(value)

    @property
    def is_state(self) -> bool:
        """Whether the actor is a state."""
        return self.kind is ActorKind.STATE
