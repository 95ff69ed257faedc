"""Claim checks: each testable claim of the article as a measurement with a verdict.

Check functions register with :func:`check` (``@check("C9", datasets=("cow_nmc",))``); their
text lives with the claim in the casebook (``check:``/``not_testable:`` blocks). See
docs/checks.md.
"""

from ujym.engines.checks.base import (
    ARTICLE_WINDOW,
    VOTES,
    Check,
    CheckData,
    CheckFunction,
    Finding,
    Interval,
    Method,
    NotTestable,
    ReferenceResult,
    Window,
    verdict_from,
)
from ujym.engines.checks.registry import (
    CheckRegistryError,
    Registry,
    check,
    checks,
    fixed_windows,
    method,
    registered,
    registry,
)

__all__ = [
    "ARTICLE_WINDOW",
    "VOTES",
    "Check",
    "CheckData",
    "CheckFunction",
    "CheckRegistryError",
    "Finding",
    "Interval",
    "Method",
    "NotTestable",
    "ReferenceResult",
    "Registry",
    "Window",
    "check",
    "checks",
    "fixed_windows",
    "method",
    "registered",
    "registry",
    "verdict_from",
]
