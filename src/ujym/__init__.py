"""ujym (Kazakh «ұжым», "collective"): open analysis of collective-security alliances.

Start with the casebook of the article on the CSTO:

>>> import ujym
>>> cb = ujym.load_casebook()
>>> cb.actor("KAZ").short.en
'Kazakhstan'
>>> len(cb.claims)
47
>>> cb.memberships_frame().columns[:3].tolist()
['actor', 'organisation', 'status']

Heavier parts (UN votes, measures, ideal points, bargaining) are imported on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

from ujym.core import (
    Actor,
    ActorKind,
    Casebook,
    Citation,
    Claim,
    ClaimStatus,
    EvidenceKind,
    LineRange,
    Membership,
    MembershipStatus,
    Names,
    PartialDate,
    Period,
    UjymError,
)
from ujym.sources.casebook import CasebookError, load_casebook, validate_casebook

__version__ = "0.1.0"

# name -> module that defines it; imported lazily by __getattr__ (keeps `import ujym` fast).
_LAZY: dict[str, str] = {}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ujym' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = [
    "Actor",
    "ActorKind",
    "Casebook",
    "CasebookError",
    "Citation",
    "Claim",
    "ClaimStatus",
    "EvidenceKind",
    "LineRange",
    "Membership",
    "MembershipStatus",
    "Names",
    "PartialDate",
    "Period",
    "UjymError",
    "__version__",
    "load_casebook",
    "validate_casebook",
    *_LAZY,
]
