"""The shape of a claim check: what it measures, on which data, and the verdict it returns.

A check turns one claim of the article into a measurement with a stated operationalisation and
decision rule, run for a window of years (the article's own time and the latest data). Its
function is registered with :func:`ujym.engines.checks.registry.check`; its text (the
operationalisation, the rule, the reference sets, what it cannot see) lives with the claim in the
casebook (a claim's ``check:`` block, :class:`~ujym.core.claims.CheckDescription`). It returns a
:class:`Finding`: the verdict, the figures behind it and a small table for a plot. Checks are
pure: the data arrive in a :class:`CheckData`; nothing here reads files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from ujym.core.actors import ActorKind
from ujym.core.casebook import SEED_ARTICLE, Casebook
from ujym.core.claims import CheckDescription, CheckKind, Claim, ClaimStatus, ReasonKind
from ujym.core.errors import DataNotAvailableError, UjymError
from ujym.core.names import Names
from ujym.core.provenance import DatasetRef
from ujym.core.votes import VoteMatrix
from ujym.engines.checks.groups import GroupMembers
from ujym.i18n import _

ARTICLE_WINDOW = (2011, 2013)
"""The CSTO article's own time: written 2013 to mid-2014 (DIGEST §1.2), so data up to 2013.

Used for a casebook whose article record gives no ``window`` (written before decision 0008)."""

VOTES = "votes"
"""The dataset name a check declares for UN General Assembly roll calls (any cached UNGA copy)."""


@dataclass(frozen=True)
class Window:
    """Years a finding covers; ``label`` is ``"article"``, ``"latest"``, ``"since"`` or ``"claim"``."""

    label: str
    start: int
    end: int

    @property
    def years(self) -> range:
        """The calendar years of the window, first to last."""
        return range(self.start, self.end + 1)

    def __str__(self) -> str:
        return f"{self.start}–{self.end}" if self.start != self.end else str(self.start)


@dataclass(frozen=True)
class Interval:
    """An interval around a figure: a seeded percentile bootstrap (:mod:`.inference`).

    ``level`` is the coverage (0.95), ``replicates`` the bootstrap replicate count, ``seed`` the
    seed of the generator, ``resampled`` the units drawn with replacement (``"roll calls"``,
    ``"state-years"``).
    """

    low: float
    high: float
    level: float = 0.95
    replicates: int = 0
    seed: int | None = None
    resampled: str = ""

    def straddles(self, boundary: float) -> bool:
        """True when ``boundary`` lies inside the interval (the verdict is then inconclusive)."""
        return self.low <= boundary <= self.high


@dataclass(frozen=True)
class ReferenceResult:
    """The check's rule applied to one reference set (:mod:`.inference`).

    ``reference`` is the id of a :class:`~ujym.core.claims.ReferenceSet` of the claim's
    ``check:`` block; ``units`` how many members of the set the rule could be applied to;
    ``supported`` how many of them it calls "supported"; ``figure`` the set's value of the
    decisive figure (e.g. its median), when there is one.
    """

    reference: str
    units: int
    supported: int
    figure: float | None = None

    @property
    def share(self) -> float | None:
        """The discrimination figure: the share of the set the same rule calls "supported"."""
        return self.supported / self.units if self.units else None


@dataclass(frozen=True)
class Finding:
    """The result of a check in one window.

    ``figures`` are the numbers behind the verdict (JSON-able; printed by ``ujym check``),
    ``table`` the rows they were computed from, ``note`` why data were insufficient.

    A data check also gives its **decisive figure** (``figure``, named by ``figure_label``: the
    margin whose sign is the claim), the ``interval`` around it (seeded bootstrap over its
    ``n_units`` units), and ``reference``: the rule applied to each reference set of the claim's
    ``check:`` block. The verdict is ``inconclusive`` when the interval straddles the rule's
    boundary, or when the rule also passes for more than half of a reference set
    (:attr:`discrimination`). A record check leaves them empty.
    """

    window: Window
    verdict: ClaimStatus
    figures: Mapping[str, Any]
    table: pd.DataFrame | None = None
    note: str | None = None
    reference: tuple[ReferenceResult, ...] = ()
    interval: Interval | None = None
    figure: float | None = None
    figure_label: str = ""
    n_units: int | None = None

    @property
    def discrimination(self) -> float | None:
        """The highest share of any reference set the rule also calls "supported" (or None)."""
        shares = [r.share for r in self.reference if r.share is not None]
        return max(shares) if shares else None

    @property
    def reference_set(self) -> str | None:
        """The id of the reference set that sets the discrimination (the highest share)."""
        known = [r for r in self.reference if r.share is not None]
        return max(known, key=lambda r: r.share or 0.0).reference if known else None

    @property
    def reference_figure(self) -> float | None:
        """That reference set's value of the decisive figure (e.g. the UN members' median)."""
        known = [r for r in self.reference if r.share is not None]
        return max(known, key=lambda r: r.share or 0.0).figure if known else None


@dataclass
class CheckData:
    """The data a check may use; a missing dataset is absent until asked for.

    ``fetch_hint`` maps a dataset to the command that gets it; ``read`` lists the catalog
    datasets (with versions) the frames come from, for the result's provenance. ``claim`` is the
    claim being checked (set by :meth:`CheckFunction.run`), so a check can read its subjects;
    ``subject`` is the organisation the article is about (``article.subject``).
    """

    casebook: Casebook
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    votes: VoteMatrix | None = None
    fetch_hint: Mapping[str, str] = field(default_factory=dict)
    read: tuple[DatasetRef, ...] = ()
    claim: Claim | None = None
    members: GroupMembers = field(default_factory=GroupMembers)
    """Each organisation's members by year (from the casebook, read by the pipeline)."""
    memo: dict[tuple[object, ...], Any] = field(default_factory=dict, repr=False)
    """Figures checks of the same window share (the roll calls and their bootstrap draws)."""

    @property
    def subject(self) -> str:
        """The id of the organisation the article is about (the casebook's ``article.subject``)."""
        return self.casebook.article.subject

    def for_claim(self, claim_id: str) -> CheckData:
        """The same data, with :attr:`claim` set to ``claim_id``'s claim (None when absent)."""
        found = next((c for c in self.casebook.claims if c.id == claim_id), None)
        return replace(self, claim=found)

    def claim_organisations(self) -> tuple[str, ...]:
        """The organisations among the claim's subjects, in the claim's order."""
        if self.claim is None:
            raise UjymError(
                "the check runs without its claim", "run it through check_claims or CheckFunction"
            )
        return tuple(
            s for s in self.claim.subjects if self.casebook.actor(s).kind is not ActorKind.STATE
        )

    def parameter(self, name: str) -> Any:
        """The value of ``name`` in the claim's ``check:`` block's ``parameters``."""
        params = self.claim.check.parameters if self.claim and self.claim.check else {}
        if name not in params:
            claim = self.claim.id if self.claim else "the claim"
            raise UjymError(
                f"the check of {claim} needs the parameter {name!r}",
                f"add it under parameters: in {claim}'s check: block (docs/checks.md)",
            )
        return params[name]

    def article_window(self) -> tuple[int, int]:
        """The article's own time in data: the casebook's ``window`` (default 2011–2013)."""
        return self.casebook.article.window or ARTICLE_WINDOW

    def frame(self, dataset: str) -> pd.DataFrame:
        """The frame of catalog dataset ``dataset``, or DataNotAvailableError with the fix."""
        if dataset not in self.frames:
            raise DataNotAvailableError(
                f"dataset {dataset!r} is not available",
                self.fetch_hint.get(
                    dataset,
                    _("run {imported}").format(imported=f"`ujym data import {dataset} FILE`"),
                ),
            )
        return self.frames[dataset]

    def vote_matrix(self) -> VoteMatrix:
        """The UN General Assembly vote matrix, or DataNotAvailableError with the fix."""
        if self.votes is None:
            raise DataNotAvailableError(
                "no UN General Assembly votes are available",
                self.fetch_hint.get(
                    VOTES, _("run {imported}").format(imported="`ujym data import unvotes FILE`")
                ),
            )
        return self.votes

    def coverage(self, dataset: str) -> tuple[int, int] | None:
        """First and last year of a dataset, when present."""
        if dataset == VOTES:
            if self.votes is None:
                return None
            return int(self.votes.year.min()), int(self.votes.year.max())
        if dataset not in self.frames:
            return None
        frame = self.frames[dataset]
        for first, last in (("year", "year"), ("styear", "endyear"), ("stdate", "enddate"),
                            ("startdate", "enddate")):  # fmt: skip
            if first in frame.columns and last in frame.columns:
                start, end = _years(frame[first]), _years(frame[last])
                return int(start.min()), int(end.max())
        return None


def _years(column: pd.Series) -> pd.Series:
    """Years of a column of years or of dates (ISO text or datetime)."""
    if pd.api.types.is_numeric_dtype(column):
        return column.dropna()
    return pd.to_datetime(column, errors="coerce").dt.year.dropna()


CheckRun = Callable[[CheckData, Window], Finding]


@dataclass(frozen=True)
class CheckFunction:
    """A check function as registered by ``@check(claim, datasets=...)``.

    ``datasets`` are the catalog ids (or :data:`VOTES`) the function reads; ``window`` is a fixed
    window for a claim about a past moment (instead of the article's and the latest);
    ``latest_span`` is how many years the latest window covers, ending at the data's last;
    ``article`` is the id of the article whose claim it checks.
    """

    claim: str
    datasets: tuple[str, ...]
    func: CheckRun
    window: Window | None = None
    latest_span: int = 3
    article: str = SEED_ARTICLE

    @property
    def name(self) -> str:
        """The function's dotted name (for messages)."""
        return f"{self.func.__module__}.{self.func.__qualname__}"

    def run(self, data: CheckData, window: Window) -> Finding:
        """Run the check on ``data`` in ``window`` (with :attr:`CheckData.claim` set)."""
        return self.func(data.for_claim(self.claim), window)


@dataclass(frozen=True)
class Method:
    """A generic check method: a function any claim's ``check:`` block can name, with the
    parameters the block must give (``capability-rank``: ``state`` and ``rank``).
    """

    name: str
    function: CheckFunction
    parameters: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    """A registered check function bound to its claim's ``check:`` block in a casebook."""

    function: CheckFunction
    description: CheckDescription

    @property
    def claim(self) -> str:
        """The id of the claim the check tests."""
        return self.function.claim

    @property
    def datasets(self) -> tuple[str, ...]:
        """The catalog dataset ids the check function reads."""
        return self.function.datasets

    @property
    def window(self) -> Window | None:
        """The fixed window of a claim about a past moment (None: article and latest)."""
        return self.function.window

    @property
    def latest_span(self) -> int:
        """Years of the latest window."""
        return self.function.latest_span

    @property
    def kind(self) -> CheckKind:
        """Whether the check reads data or only the casebook's record."""
        return self.description.kind

    @property
    def operationalisation(self) -> Names:
        """How the claim is turned into a measurement, in kk/ru/en."""
        return self.description.operationalisation

    @property
    def threshold(self) -> Names:
        """The decision rule (the ``rule`` of the ``check:`` block)."""
        return self.description.rule

    def run(self, data: CheckData, window: Window) -> Finding:
        """Run the check on ``data`` in ``window``."""
        return self.function.run(data, window)


@dataclass(frozen=True)
class NotTestable:
    """A claim ujym does not test, the reason kind and what would be needed.

    ``needed`` lists the datasets the casebook names for the claim (its ``datasets``);
    ``explanation`` is the ``not_testable:`` block's text in kk/ru/en.
    """

    claim: str
    reason: str  # a ReasonKind value
    needed: tuple[str, ...]
    explanation: Names | None = None

    @property
    def reason_kind(self) -> ReasonKind:
        """The reason as a :class:`~ujym.core.claims.ReasonKind`."""
        return ReasonKind(self.reason)


def verdict_from(flags: list[bool]) -> ClaimStatus:
    """Supported when every year meets the test, contradicted when none does, mixed otherwise."""
    if not flags:
        return ClaimStatus.INSUFFICIENT_DATA
    if all(flags):
        return ClaimStatus.SUPPORTED
    if not any(flags):
        return ClaimStatus.CONTRADICTED
    return ClaimStatus.MIXED
