"""Typed domain values of ujym. Immutable, validated, no I/O.

The names below are imported on first use (PEP 562), so that ``ujym.core.errors`` or
``ujym.core.langs`` can be imported without building the pydantic models: the command line
refuses a hostile file before it loads them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ujym.core.actors import Actor, ActorKind, StateCodes
    from ujym.core.casebook import ArticleRecord, Casebook
    from ujym.core.citations import ARTICLE, Citation, LineRange, Source
    from ujym.core.claims import Claim, ClaimStatus, EvidenceKind, ReferenceMarker, Regularity
    from ujym.core.dates import PartialDate, Period
    from ujym.core.errors import (
        DataFormatError,
        DataNotAvailableError,
        DownloadError,
        ExitCode,
        UjymError,
        UjymWarning,
        UnknownCodeError,
    )
    from ujym.core.forces import Contribution, ForceFigure
    from ujym.core.langs import LANGS, Lang
    from ujym.core.memberships import Membership, MembershipStatus
    from ujym.core.names import Names
    from ujym.core.statements import (
        Assessment,
        Document,
        DocumentKind,
        Person,
        Statement,
        StatementKind,
    )

_LAZY: dict[str, str] = {
    "Actor": "ujym.core.actors",
    "ActorKind": "ujym.core.actors",
    "StateCodes": "ujym.core.actors",
    "ArticleRecord": "ujym.core.casebook",
    "Casebook": "ujym.core.casebook",
    "ARTICLE": "ujym.core.citations",
    "Citation": "ujym.core.citations",
    "LineRange": "ujym.core.citations",
    "Source": "ujym.core.citations",
    "Claim": "ujym.core.claims",
    "ClaimStatus": "ujym.core.claims",
    "EvidenceKind": "ujym.core.claims",
    "ReferenceMarker": "ujym.core.claims",
    "Regularity": "ujym.core.claims",
    "PartialDate": "ujym.core.dates",
    "Period": "ujym.core.dates",
    "DataFormatError": "ujym.core.errors",
    "DataNotAvailableError": "ujym.core.errors",
    "DownloadError": "ujym.core.errors",
    "ExitCode": "ujym.core.errors",
    "UjymError": "ujym.core.errors",
    "UjymWarning": "ujym.core.errors",
    "UnknownCodeError": "ujym.core.errors",
    "Contribution": "ujym.core.forces",
    "ForceFigure": "ujym.core.forces",
    "Membership": "ujym.core.memberships",
    "MembershipStatus": "ujym.core.memberships",
    "LANGS": "ujym.core.langs",
    "Lang": "ujym.core.langs",
    "Names": "ujym.core.names",
    "Assessment": "ujym.core.statements",
    "Document": "ujym.core.statements",
    "DocumentKind": "ujym.core.statements",
    "Person": "ujym.core.statements",
    "Statement": "ujym.core.statements",
    "StatementKind": "ujym.core.statements",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ujym.core' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = [
    "ARTICLE",
    "LANGS",
    "Actor",
    "ActorKind",
    "ArticleRecord",
    "Assessment",
    "Casebook",
    "Citation",
    "Claim",
    "ClaimStatus",
    "Contribution",
    "DataFormatError",
    "DataNotAvailableError",
    "Document",
    "DocumentKind",
    "DownloadError",
    "EvidenceKind",
    "ExitCode",
    "ForceFigure",
    "Lang",
    "LineRange",
    "Membership",
    "MembershipStatus",
    "Names",
    "PartialDate",
    "Period",
    "Person",
    "ReferenceMarker",
    "Regularity",
    "Source",
    "StateCodes",
    "Statement",
    "StatementKind",
    "UjymError",
    "UjymWarning",
    "UnknownCodeError",
]
