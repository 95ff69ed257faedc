"""Where a statement comes from: the article's lines and [n] markers, or an outside source."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ujym.core.dates import PartialDate
from ujym.core.names import Names

ARTICLE = "article"
_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")


class LineRange(BaseModel):
    """Lines ``start``..``end`` (1-based, inclusive) of the seed article as it stands.

    Examples
    --------
    >>> LineRange.parse("270-274")
    LineRange(start=270, end=274)
    >>> str(LineRange.parse(24))
    'L24'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    start: int = Field(ge=1)
    end: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> LineRange:
        if self.end < self.start:
            raise ValueError(f"line range ends ({self.end}) before it starts ({self.start})")
        return self

    @classmethod
    def parse(cls, value: Any) -> LineRange:
        """A line range from ``L12``, ``12-14``, ``12–14`` or an int."""
        if isinstance(value, LineRange):
            return value
        m = _RANGE.match(str(value))
        if not m:
            raise ValueError(f"{value!r} is not a line range: write 270 or 270-274")
        a, b = m.groups()
        return cls(start=int(a), end=int(b or a))

    def __str__(self) -> str:
        return f"L{self.start}" if self.start == self.end else f"L{self.start}–{self.end}"


class Citation(BaseModel):
    """A pointer to evidence.

    ``source`` is ``"article"`` (the seed article; then ``lines`` is required and ``refs`` lists the
    article's own [n] markers) or the id of an outside source in the casebook's ``sources/``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    source: str = ARTICLE
    lines: tuple[LineRange, ...] = ()
    refs: tuple[int, ...] = ()
    page: str | None = None
    editorial: str | None = None  # for casebook maintainers; never rendered

    @field_validator("lines", mode="before")
    @classmethod
    def _lines(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, str | int | LineRange):
            value = [value]
        return tuple(LineRange.parse(v) for v in value)

    @field_validator("refs", mode="before")
    @classmethod
    def _refs(cls, value: Any) -> Any:
        if value is None:
            return ()
        return (value,) if isinstance(value, int) else value

    @model_validator(mode="after")
    def _article_needs_lines(self) -> Citation:
        if self.source == ARTICLE and not self.lines:
            raise ValueError("a citation of the article needs its seed lines (lines: 270-274)")
        if self.source != ARTICLE and self.refs:
            raise ValueError("[n] markers (refs) belong to citations of the article only")
        return self

    @property
    def outside(self) -> bool:
        """True when the evidence is outside the article (public records, not the author's text)."""
        return self.source != ARTICLE

    def label(self) -> str:
        """Short human label, e.g. ``L270–274 [15]`` or ``source: csto-charter``."""
        if self.outside:
            return f"{self.source}" + (f", {self.page}" if self.page else "")
        parts = ", ".join(str(r) for r in self.lines)
        refs = " ".join(f"[{n}]" for n in self.refs)
        return f"{parts} {refs}".strip()


class Source(BaseModel):
    """A bibliographic record: the article itself or an outside source of a fact."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str
    kind: str  # article, treaty, official-website, book, dataset, web-page, document
    title: Names
    author: str | None = None
    publisher: Names | None = None
    year: PartialDate | None = None
    url: str | None = None
    accessed: PartialDate | None = None
    language: str | None = None
    notes: Names | None = None  # shown to readers (the sources list): kk, ru and en
    editorial: str | None = None  # for casebook maintainers; never rendered

    @field_validator("year", "accessed", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return None if value is None else PartialDate.parse(value)
