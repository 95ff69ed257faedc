"""The shape of a claim check: what it measures, on which data, and the verdict it returns.

A check turns one claim of the article into a measurement with a stated operationalisation and
threshold, run for a window of years (the article's own time and the latest data). It returns a
:class:`Finding`: the verdict, the figures behind it and a small table for a plot. Checks are pure:
the data arrive in a :class:`CheckData`; nothing here reads files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ujym.core.casebook import Casebook
from ujym.core.claims import ClaimStatus
from ujym.core.errors import DataNotAvailableError
from ujym.core.names import Names
from ujym.core.votes import VoteMatrix

ARTICLE_WINDOW = (2011, 2013)
"""The article's own time: written 2013 to mid-2014 (DIGEST §1.2), so data up to 2013."""


@dataclass(frozen=True)
class Window:
    """Years a finding covers; ``label`` is ``"article"`` or ``"latest"``."""

    label: str
    start: int
    end: int

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)

    def __str__(self) -> str:
        return f"{self.start}–{self.end}" if self.start != self.end else str(self.start)


@dataclass(frozen=True)
class Finding:
    """The result of a check in one window."""

    window: Window
    verdict: ClaimStatus
    figures: Mapping[str, Any]
    table: pd.DataFrame | None = None
    note: str | None = None


@dataclass
class CheckData:
    """The data a check may use; a missing dataset is None until asked for."""

    casebook: Casebook
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    votes: VoteMatrix | None = None
    fetch_hint: Mapping[str, str] = field(default_factory=dict)

    def frame(self, dataset: str) -> pd.DataFrame:
        """The frame of catalog dataset ``dataset``, or DataNotAvailableError with the fix."""
        if dataset not in self.frames:
            raise DataNotAvailableError(
                f"dataset {dataset!r} is not available",
                self.fetch_hint.get(dataset, f"run `ujym data import {dataset} FILE`"),
            )
        return self.frames[dataset]

    def vote_matrix(self) -> VoteMatrix:
        if self.votes is None:
            raise DataNotAvailableError(
                "no UN General Assembly votes are available",
                self.fetch_hint.get("votes", "run `ujym data import unvotes FILE`"),
            )
        return self.votes

    def coverage(self, dataset: str) -> tuple[int, int] | None:
        """First and last year of a dataset, when present."""
        if dataset == "votes":
            if self.votes is None:
                return None
            return int(self.votes.year.min()), int(self.votes.year.max())
        if dataset not in self.frames:
            return None
        years = self.frames[dataset]["year"]
        return int(years.min()), int(years.max())


@dataclass(frozen=True)
class Check:
    """A claim turned into a measurement.

    ``datasets`` are the catalog ids (or ``"votes"``) the check needs; ``operationalisation`` and
    ``threshold`` are sentences a political scientist can accept or dispute, in kk/ru/en.
    """

    claim: str
    datasets: tuple[str, ...]
    operationalisation: Names
    threshold: Names
    run: Callable[[CheckData, Window], Finding]
    latest_span: int = 3  # the latest window covers this many years ending at the data's last


@dataclass(frozen=True)
class NotTestable:
    """A claim ujym cannot test with the data it has, and what would be needed."""

    claim: str
    reason: str  # "needs-data", "document-content", "interpretive", "historical-record"
    needed: tuple[str, ...]


def verdict_from(flags: list[bool]) -> ClaimStatus:
    """Supported when every year meets the test, contradicted when none does, mixed otherwise."""
    if not flags:
        return ClaimStatus.INSUFFICIENT_DATA
    if all(flags):
        return ClaimStatus.SUPPORTED
    if not any(flags):
        return ClaimStatus.CONTRADICTED
    return ClaimStatus.MIXED
