"""The article's testable claims, its three regularities and its [n] reference markers."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ujym.core.citations import Citation, LineRange
from ujym.core.dates import Period
from ujym.core.names import Names


class EvidenceKind(StrEnum):
    """The kind of evidence that could test a claim."""

    VOTING = "voting"  # UNGA roll calls: agreement, cohesion, ideal points
    CAPABILITIES = "capabilities"  # COW NMC, SIPRI milex, IISS
    MEMBERSHIPS = "memberships"  # IGO membership, programmes
    ALLIANCES = "alliances"  # ATOP, COW formal alliances
    DOCUMENT_TEXT = "document-text"  # content of an official document
    EVENTS = "events"  # ICEWS/GDELT, conflict data, MIDs
    ARMS_TRANSFERS = "arms-transfers"
    ECONOMY = "economy"  # trade, FDI, aid, WDI
    GOVERNANCE = "governance"  # regime, stability indices
    GEOGRAPHY = "geography"  # contiguity, resources
    HISTORICAL_RECORD = "historical-record"
    INTERPRETIVE = "interpretive"  # opinion; only partly testable


class ClaimStatus(StrEnum):
    UNCHECKED = "unchecked"
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    MIXED = "mixed"
    INSUFFICIENT_DATA = "insufficient-data"
    NOT_TESTABLE = "not-testable"


class Claim(BaseModel):
    """A claim of the article (C1–C47 of the digest).

    ``keywords`` are words (normalised Kazakh) that occur in the cited seed lines, so anyone can
    check the line range against the original.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^C\d+$")
    text: Names
    cite: Citation
    subjects: tuple[str, ...]
    period: Period
    evidence: tuple[EvidenceKind, ...]
    datasets: tuple[str, ...] = ()
    keywords: tuple[str, ...] = Field(min_length=1)
    note: str | None = None
    status: ClaimStatus = ClaimStatus.UNCHECKED

    @property
    def number(self) -> int:
        return int(self.id[1:])


class Regularity(BaseModel):
    """One of the three concluding regularities (заңдылықтар)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    number: int = Field(ge=1, le=3)
    text: Names
    cite: Citation
    claims: tuple[str, ...] = ()


class ReferenceMarker(BaseModel):
    """One of the article's [n] markers. The bibliography is missing from the extract, so
    ``likely_source`` is inference, never fact."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    number: int = Field(ge=1)
    uses: tuple[LineRange, ...]
    supports: Names
    likely_source: str | None = None

    @field_validator("uses", mode="before")
    @classmethod
    def _uses(cls, value: Any) -> Any:
        if isinstance(value, str | int):
            value = [value]
        return (
            tuple(LineRange.parse(v) for v in value) if isinstance(value, list | tuple) else value
        )
