"""What the article says about an actor: interests, threats, ties, assessments, documents."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from ujym.core.citations import Citation
from ujym.core.dates import PartialDate
from ujym.core.names import Names


class StatementKind(StrEnum):
    """What a state's statement is about."""

    INTEREST = "interest"  # stated national interest / policy toward the CSTO
    THREAT = "threat"  # perceived threat
    PARTNER = "partner"  # external partner or multi-vector tie
    BENEFIT = "benefit"  # what membership gives the state
    ASSESSMENT = "assessment"  # the article's own assessment


class Statement(BaseModel):
    """One statement of the article about ``actor``; ``about`` lists other actors it concerns."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    actor: str
    kind: StatementKind
    text: Names
    cite: Citation
    about: tuple[str, ...] = ()
    editorial: str | None = None  # for casebook maintainers; never rendered


class DocumentKind(StrEnum):
    """The genre of an official document."""

    CONCEPT = "concept"
    STRATEGY = "strategy"
    DOCTRINE = "doctrine"
    LAW = "law"
    TREATY = "treaty"
    ADDRESS = "address"  # speeches, presidential addresses
    PROGRAMME = "programme"
    OTHER = "other"


class Document(BaseModel):
    """An official document the article cites. ``year`` not printed in the article comes with
    ``year_cite`` pointing outside it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str
    actor: str
    kind: DocumentKind
    title: Names
    as_printed: str
    year: PartialDate | None = None
    year_cite: Citation | None = None
    content: Names
    cite: Citation
    editorial: str | None = None  # for casebook maintainers; never rendered

    @field_validator("year", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return None if value is None else PartialDate.parse(value)


class Person(BaseModel):
    """A person the article names: an expert it quotes or an official."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str
    role: str  # expert, official
    as_printed: str
    names: Names
    affiliation: Names | None = None
    affiliation_as_printed: str | None = None
    editorial: str | None = None  # for casebook maintainers; never rendered


class Assessment(BaseModel):
    """An expert's view as the article reports it."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    person: str
    about: tuple[str, ...]
    text: Names
    quote_as_printed: str | None = None
    cite: Citation
    editorial: str | None = None  # for casebook maintainers; never rendered
