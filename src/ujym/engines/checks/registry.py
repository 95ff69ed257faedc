"""Every claim of the casebook mapped to a check, or to an explicit "not testable" with the reason.

The reason kinds are: ``needs-data`` (a dataset ujym does not have — listed from the claim's
``datasets`` in the casebook), ``document-content`` (what an official document says: read the
document), ``interpretive`` (an opinion or causal judgement no dataset settles) and
``historical-record`` (a dated event, not a measurement).
"""

from __future__ import annotations

from ujym.core.casebook import Casebook
from ujym.engines.checks import alliances, capabilities, memberships, voting
from ujym.engines.checks.base import Check, NotTestable, Window

MODULES = (alliances, capabilities, memberships, voting)

NOT_TESTABLE_REASONS: dict[str, str] = {
    "C2": "needs-data", "C4": "document-content", "C6": "document-content",
    "C7": "document-content", "C8": "document-content", "C10": "interpretive",
    "C11": "needs-data", "C13": "needs-data", "C14": "needs-data", "C15": "interpretive",
    "C16": "needs-data", "C17": "needs-data", "C19": "needs-data", "C21": "needs-data",
    "C23": "historical-record", "C24": "needs-data", "C25": "needs-data", "C26": "needs-data",
    "C27": "needs-data", "C28": "needs-data", "C29": "needs-data", "C31": "needs-data",
    "C32": "needs-data", "C34": "needs-data", "C35": "needs-data", "C37": "needs-data",
    "C39": "interpretive", "C40": "needs-data", "C41": "needs-data", "C42": "needs-data",
    "C43": "needs-data", "C44": "needs-data", "C46": "needs-data",
}  # fmt: skip


def checks() -> dict[str, Check]:
    """All registered checks by claim id."""
    found: dict[str, Check] = {}
    for module in MODULES:
        for check in module.CHECKS:
            if check.claim in found:
                raise ValueError(f"two checks registered for {check.claim}")
            found[check.claim] = check
    return found


def fixed_windows() -> dict[str, Window]:
    """Claims checked in a fixed historical window instead of article/latest."""
    windows: dict[str, Window] = {}
    for module in MODULES:
        windows.update(getattr(module, "FIXED_WINDOWS", {}))
    return windows


def registry(casebook: Casebook) -> dict[str, Check | NotTestable]:
    """Each casebook claim → its check, or NotTestable with the reason and the data needed."""
    found: dict[str, Check | NotTestable] = dict(checks())
    for claim in casebook.claims:
        if claim.id in found:
            continue
        reason = NOT_TESTABLE_REASONS.get(claim.id, "needs-data")
        found[claim.id] = NotTestable(claim.id, reason, claim.datasets)
    return found
