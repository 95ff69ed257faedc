"""Provenance: what a frame is (its unit of analysis) and what it rests on (datasets, casebook).

Every frame a pipeline verb returns carries one :class:`Provenance` in ``df.attrs["ujym"]``, set and
read only through :func:`attach` and :func:`provenance_of`. ``add_*`` verbs call
:func:`require_unit` first, so a frame of the wrong unit is refused with one line instead of being
joined silently. Reports print the citation and licence of each :class:`DatasetRef` from the
dataset catalog, so a page can always say where its figures come from.

>>> import pandas as pd
>>> df = attach(pd.DataFrame({"ccode": [705], "year": [2013]}),
...             Provenance(Unit.STATE_YEAR, datasets=(DatasetRef("cow_nmc", "6.0"),)))
>>> provenance_of(df).unit.value
'state-year'
>>> provenance_of(df).dataset_ids
('cow_nmc',)
>>> require_unit(df, Unit.DYAD_YEAR, verb="add_alignment")
Traceback (most recent call last):
...
ujym.core.errors.WrongUnitError: add_alignment needs a frame of unit dyad-year, got state-year — build it with the verb that makes dyad-year frames (e.g. create_dyad_years)

``df.attrs["ujym"]`` holds the provenance as its plain JSON record (:meth:`Provenance.to_dict`):
pandas copies attrs through its operations and writes them as JSON with Parquet, so
``df.to_parquet(path)`` keeps the provenance and :func:`provenance_of` reads it back from
``pd.read_parquet(path)``.

>>> import io
>>> buf = io.BytesIO()
>>> df.to_parquet(buf)
>>> provenance_of(pd.read_parquet(buf)) == provenance_of(df)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ujym.core.errors import WrongUnitError
from ujym.core.jsonable import jsonable

if TYPE_CHECKING:  # pandas is imported by the callers that pass frames
    import pandas as pd

ATTRS_KEY = "ujym"


class Unit(StrEnum):
    """Units of analysis of ujym's frames (one row is one of these)."""

    DYAD_YEAR = "dyad-year"
    DYAD_SESSION = "dyad-session"
    STATE_YEAR = "state-year"
    STATE_SESSION = "state-session"
    STATE = "state"
    STATE_PARTNER_YEAR = "state-partner-year"  # one state's alignment with each partner, by year
    STATE_PARTNER_SESSION = "state-partner-session"
    GROUP_YEAR = "group-year"
    GROUP_SESSION = "group-session"
    GROUP_ROLLCALL = "group-rollcall"
    ROLL_CALL = "roll-call"
    MEMBERSHIP_PERIOD = "membership-period"
    CLAIM_WINDOW = "claim-window"
    BARGAINING_ROUND = "bargaining-round"  # a round of the model run on the stated inputs
    BARGAINING_RUN = "bargaining-run"  # a Monte Carlo run
    BARGAINING_MOVE = "bargaining-move"  # one actor's move in one round (who moved to whom, why)
    ACTOR_INPUT = "actor-input"  # one actor's input (position, capability, salience)
    TABLE = "table"  # a dataset's own rows (a cached table as read, before any verb)
    CASEBOOK_ITEM = "casebook-item"  # one thing the casebook holds about an actor (casebook show)


MAKERS: dict[Unit, str] = {
    Unit.DYAD_YEAR: "create_dyad_years",
    Unit.DYAD_SESSION: "create_dyad_years(by='session')",
    Unit.STATE_YEAR: "create_state_years",
    Unit.STATE_SESSION: "estimate_ideal_points",
    Unit.GROUP_YEAR: "group_cohesion",
    Unit.GROUP_SESSION: "group_cohesion(by='session')",
    Unit.STATE_PARTNER_YEAR: "alignment_profile",
}


@dataclass(frozen=True, order=True)
class DatasetRef:
    """A catalog dataset (its id in ``ujym/data/catalog.toml``) at the version that was read."""

    id: str
    version: str | None = None

    def __str__(self) -> str:
        return f"{self.id} {self.version}" if self.version else self.id


@dataclass(frozen=True)
class Provenance:
    """The unit of a frame and what it rests on.

    ``datasets`` are catalog datasets (id and version as read); ``casebook`` is true when figures
    rest on ujym's casebook (memberships, claims); ``columns`` maps columns this frame added to a
    short description (with its unit of measurement, e.g. ``"share of group CINC, 0-1"``);
    ``details`` keeps anything else a reader of the frame may need (slice, measure, model
    settings), as plain JSON-able values.
    """

    unit: Unit
    datasets: tuple[DatasetRef, ...] = ()
    casebook: bool = False
    columns: Mapping[str, str] = field(default_factory=dict)
    details: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", Unit(self.unit))
        object.__setattr__(self, "datasets", tuple(dict.fromkeys(self.datasets)))
        object.__setattr__(self, "columns", {str(k): str(v) for k, v in self.columns.items()})
        object.__setattr__(self, "details", jsonable(dict(self.details)))

    @property
    def dataset_ids(self) -> tuple[str, ...]:
        """The catalog ids, in order, without duplicates."""
        return tuple(dict.fromkeys(d.id for d in self.datasets))

    def version_of(self, dataset_id: str) -> str | None:
        """The version of ``dataset_id`` this frame rests on (None when it does not)."""
        return next((d.version for d in self.datasets if d.id == dataset_id), None)

    def with_unit(self, unit: Unit) -> Provenance:
        """The same provenance for a frame of another unit (e.g. a summary of this one)."""
        return replace(self, unit=unit)

    def adding(
        self,
        *,
        datasets: Iterable[DatasetRef] = (),
        casebook: bool = False,
        columns: Mapping[str, str] | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> Provenance:
        """The provenance with what an ``add_*`` verb joined added (the unit stays)."""
        return replace(
            self,
            datasets=tuple(dict.fromkeys((*self.datasets, *datasets))),
            casebook=self.casebook or casebook,
            columns={**self.columns, **(columns or {})},
            details={**self.details, **(details or {})},
        )

    def merged(self, other: Provenance) -> Provenance:
        """Everything both rest on, in this frame's unit."""
        return self.adding(
            datasets=other.datasets,
            casebook=other.casebook,
            columns=other.columns,
            details=other.details,
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able record (exports write it beside the data)."""
        return {
            "unit": self.unit.value,
            "datasets": [{"id": d.id, "version": d.version} for d in self.datasets],
            "casebook": self.casebook,
            "columns": dict(self.columns),
            "details": dict(self.details),
        }

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Provenance:
        """The provenance a :meth:`to_dict` record describes (:class:`WrongUnitError` otherwise)."""
        try:
            return cls(
                Unit(record["unit"]),
                tuple(DatasetRef(str(d["id"]), d.get("version")) for d in record["datasets"]),
                bool(record.get("casebook", False)),
                dict(record.get("columns") or {}),
                dict(record.get("details") or {}),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise WrongUnitError(
                f"not a ujym provenance record ({exc.__class__.__name__}: {exc})",
                "read the frame from a file ujym wrote, or rebuild it with a ujym verb",
            ) from None


def attach(df: pd.DataFrame, prov: Provenance) -> pd.DataFrame:
    """Record ``prov`` on ``df`` (in place, as its JSON record) and return ``df``."""
    df.attrs[ATTRS_KEY] = prov.to_dict()
    return df


def provenance_of(df: pd.DataFrame) -> Provenance:
    """The provenance of a frame made by ujym; :class:`WrongUnitError` for any other frame.

    A frame read back from a Parquet file written from a ujym frame carries the same record
    (:meth:`Provenance.to_dict`), so it reads back the same.
    """
    prov = df.attrs.get(ATTRS_KEY)
    if isinstance(prov, Mapping) and {"unit", "datasets"} <= set(prov):
        return Provenance.from_dict(prov)
    raise WrongUnitError(
        "this frame was not made by ujym (it carries no provenance)",
        "build it with a ujym verb such as create_dyad_years or create_state_years, or attach "
        "one: ujym.attach(df, ujym.Provenance(ujym.Unit.STATE_YEAR))",
    )


def require_unit(df: pd.DataFrame, *units: Unit, verb: str) -> Provenance:
    """The frame's provenance when its unit is one of ``units``; one-line error otherwise."""
    prov = provenance_of(df)
    if prov.unit not in units:
        wanted = " or ".join(u.value for u in units)
        makers = ", ".join(MAKERS[u] for u in units if u in MAKERS)
        raise WrongUnitError(
            f"{verb} needs a frame of unit {wanted}, got {prov.unit.value}",
            f"build it with the verb that makes {wanted} frames"
            + (f" (e.g. {makers})" if makers else ""),
        )
    return prov


__all__ = [
    "ATTRS_KEY",
    "DatasetRef",
    "Provenance",
    "Unit",
    "attach",
    "provenance_of",
    "require_unit",
]
