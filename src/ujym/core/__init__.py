"""Typed domain values of ujym. Immutable, validated, no I/O."""

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
from ujym.core.memberships import Membership, MembershipStatus
from ujym.core.names import LANGS, Lang, Names
from ujym.core.statements import (
    Assessment,
    Document,
    DocumentKind,
    Person,
    Statement,
    StatementKind,
)

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
