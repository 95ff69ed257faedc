"""The article's testable claims, its three regularities and its [n] reference markers."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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
    """A claim's verdict, or where ujym stands with it."""

    UNCHECKED = "unchecked"
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    MIXED = "mixed"
    INCONCLUSIVE = "inconclusive"  # the decisive figure's interval straddles the rule's boundary
    INSUFFICIENT_DATA = "insufficient-data"
    NOT_TESTABLE = "not-testable"


class CheckKind(StrEnum):
    """What a check reads: data (a catalog dataset) or only the casebook's own record."""

    DATA = "data"
    RECORD = "record"  # reads only the casebook (dated memberships, founding dates)


class ReasonKind(StrEnum):
    """Why a claim is not tested."""

    NEEDS_DATA = "needs-data"  # a dataset ujym does not read (yet)
    DOCUMENT_CONTENT = "document-content"  # what an official document says: read the document
    INTERPRETIVE = "interpretive"  # an opinion, motive or causal judgement no dataset settles
    HISTORICAL_RECORD = "historical-record"  # a dated event, not a measurement


class ReferenceSet(BaseModel):
    """A set of units the check's decision rule is also applied to (see docs/checks.md).

    ``id`` names the set for the check function (e.g. ``un-members``, ``random-groups``,
    ``eu-core``); ``text`` says what it is, for the reader. The share of the set the same rule
    calls "supported" is the check's discrimination (issue 10; no check computes it yet).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    text: Names


class CheckDescription(BaseModel):
    """How a claim is checked, written before the results (a claim's ``check:`` block).

    ``operationalisation`` turns the claim into a measurement, ``rule`` decides the verdict from
    it, ``reference`` lists the sets the same rule is applied to (may be empty), ``cannot_see``
    says what the measurement misses. ``kind`` is ``record`` when the check reads only the
    casebook. ``method`` names a generic check method (``capability-rank``) that runs the check
    with ``parameters`` (``{state: UKR, rank: 1}``) instead of a function registered for the
    claim's id (docs/checks.md, decision 0008).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    kind: CheckKind
    operationalisation: Names
    rule: Names
    reference: tuple[ReferenceSet, ...] = ()
    cannot_see: Names
    method: str | None = Field(default=None, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    parameters: dict[str, str | int | float | bool | tuple[str, ...]] = Field(default_factory=dict)


class NotTestableReason(BaseModel):
    """Why ujym does not test a claim (a claim's ``not_testable:`` block).

    ``explanation`` names the exact dataset(s) that would test the claim, or says why no data
    can (a motive, a norm, the content of a document).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    reason: ReasonKind
    explanation: Names


class Claim(BaseModel):
    """A claim of the article: ``C1``, ``C2``, … in the article's order (C1–C47 for the CSTO's).

    ``keywords`` are words (normalised Kazakh) that occur in the cited seed lines, so anyone can
    check the line range against the original. A claim of the casebook has either ``check``
    (how ujym tests it) or ``not_testable`` (why it does not); the validator requires exactly one.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

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
    check: CheckDescription | None = None
    not_testable: NotTestableReason | None = None

    @model_validator(mode="after")
    def _not_both(self) -> Claim:
        if self.check is not None and self.not_testable is not None:
            raise ValueError("a claim has either a check: or a not_testable: block, not both")
        return self

    @property
    def number(self) -> int:
        """The claim's number (``C5`` → 5), for ordering."""
        return int(self.id[1:])


class Regularity(BaseModel):
    """One of the three concluding regularities (заңдылықтар)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    number: int = Field(ge=1, le=3)
    text: Names
    cite: Citation
    claims: tuple[str, ...] = ()


class ReferenceMarker(BaseModel):
    """One of the article's [n] markers. The bibliography is missing from the extract, so
    ``likely_source`` is inference, never fact.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

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
