"""Military figures exactly as printed, and force contributions to collective structures."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ujym.core.citations import Citation
from ujym.core.names import Names


class ForceFigure(BaseModel):
    """A number the article prints about an actor's forces (``as_printed`` keeps the wording)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    actor: str
    item: Names
    value: float
    unit: str  # persons, units
    as_printed: str
    cite: Citation
    note: Names | None = None  # shown to readers: kk, ru and en
    editorial: str | None = None  # for casebook maintainers; never rendered


class Contribution(BaseModel):
    """What an actor contributes to a collective structure (``to``: an actor id such as CRDF)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    actor: str
    to: str
    what: Names
    as_printed: str
    cite: Citation
    note: Names | None = None  # shown to readers: kk, ru and en
    editorial: str | None = None  # for casebook maintainers; never rendered
