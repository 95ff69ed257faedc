"""Claim checks: each testable claim of the article as a measurement with a verdict."""

from ujym.engines.checks.base import (
    ARTICLE_WINDOW,
    Check,
    CheckData,
    Finding,
    NotTestable,
    Window,
    verdict_from,
)
from ujym.engines.checks.registry import checks, fixed_windows, registry

__all__ = [
    "ARTICLE_WINDOW",
    "Check",
    "CheckData",
    "Finding",
    "NotTestable",
    "Window",
    "checks",
    "fixed_windows",
    "registry",
    "verdict_from",
]
