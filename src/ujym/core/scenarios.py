"""Bargaining scenarios as typed values: an issue, a position scale and actors' inputs.

A scenario states an issue (kk/ru/en), a position scale with the meaning of each end, and the
actors with position, capability and salience — each with its evidence and, optionally, its
:class:`Uncertainty`. ``ujym.sources.scenarios`` reads them from YAML; the bargaining engine
(:mod:`ujym.engines.bargaining`) draws Monte Carlo inputs from the uncertainties.

>>> Uncertainty.plus_minus(50, 5)
Uncertainty(kind='uniform', low=45, high=55, sd=None)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ujym.core.names import Names
from ujym.core.provenance import DatasetRef

FIELDS = ("position", "capability", "salience")
"""The three inputs of every actor, in the order the engine draws them."""

Kind = Literal["fixed", "uniform", "normal", "triangular"]


@dataclass(frozen=True)
class Uncertainty:
    """How one input varies across runs.

    ``fixed``: no variation. ``uniform``: between ``low`` and ``high``. ``normal``: standard
    deviation ``sd`` around the stated value. ``triangular``: ``low`` .. ``high`` with the stated
    value as mode. Draws are clipped to the input's valid range (scale, ≥ 0, [0, 1]).
    """

    kind: Kind = "fixed"
    low: float | None = None
    high: float | None = None
    sd: float | None = None

    @classmethod
    def plus_minus(cls, value: float, half_width: float) -> Uncertainty:
        """Uniform over ``value ± half_width``."""
        return cls("uniform", value - half_width, value + half_width)


@dataclass(frozen=True)
class Evidence:
    """Where an input comes from: the seed article, a casebook id, or a dataset."""

    kind: str  # article | casebook | dataset | source
    label: str  # e.g. "L92–97 [8]", "C20", "cow_nmc 6.0, variable cinc, year 2012"
    detail: str | None = None
    dataset: DatasetRef | None = None  # the catalog dataset, when kind is "dataset"


@dataclass(frozen=True)
class Input:
    """One stated input: its value, evidence, uncertainty and the line it was read from."""

    value: float
    evidence: tuple[Evidence, ...]
    uncertainty: Uncertainty
    line: int


@dataclass(frozen=True)
class ScenarioActor:
    """An actor of a scenario with its three inputs."""

    id: str
    position: Input
    capability: Input
    salience: Input
    line: int
    note: str | None = None


@dataclass(frozen=True)
class Scenario:
    """A validated scenario (all checks passed)."""

    id: str
    path: Path
    title: Names
    issue: Names
    scale_min: float
    scale_max: float
    low_means: Names
    high_means: Names
    actors: tuple[ScenarioActor, ...]
    evidence: tuple[Evidence, ...] = ()
    threshold: float | None = None
    threshold_means: Names | None = None
    notes: tuple[Names, ...] = field(default_factory=tuple)
    derivations: dict[str, Names] = field(default_factory=dict)
    """How each input (``position``, ``capability``, ``salience``) follows from its evidence."""
    description: Names | None = None
    """One line for ``ujym forecast --list``."""

    @property
    def width(self) -> float:
        """Width of the position scale."""
        return self.scale_max - self.scale_min

    @property
    def ids(self) -> tuple[str, ...]:
        """The actors' ids, in order."""
        return tuple(a.id for a in self.actors)

    def datasets(self) -> tuple[DatasetRef, ...]:
        """The catalog datasets the inputs cite (for the result's provenance)."""
        found: dict[DatasetRef, None] = {}
        for ev in self.evidence:
            if ev.dataset is not None:
                found.setdefault(ev.dataset, None)
        for a in self.actors:
            for f in FIELDS:
                for ev in getattr(a, f).evidence:
                    if ev.dataset is not None:
                        found.setdefault(ev.dataset, None)
        return tuple(found)

    def sources(self) -> list[str]:
        """Distinct evidence labels, in order of first use (for report footers)."""
        seen: dict[str, None] = {}
        for ev in self.evidence:
            seen.setdefault(f"{ev.kind}: {ev.label}", None)
        for a in self.actors:
            for f in FIELDS:
                for ev in getattr(a, f).evidence:
                    seen.setdefault(f"{ev.kind}: {ev.label}", None)
        return list(seen)


__all__ = ["FIELDS", "Evidence", "Input", "Kind", "Scenario", "ScenarioActor", "Uncertainty"]
