"""Dates as precise as the source gives them, and periods between them."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class PartialDate(BaseModel):
    """A year, a month or a day: ``"1992"``, ``"1992-05"`` or ``"1992-05-15"``.

    Examples
    --------
    >>> PartialDate.parse("1992-05").earliest()
    datetime.date(1992, 5, 1)
    >>> str(PartialDate.parse(2002))
    '2002'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    year: int
    month: int | None = None
    day: int | None = None

    @model_validator(mode="after")
    def _valid(self) -> PartialDate:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        self.earliest()  # raises ValueError for impossible dates
        return self

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """A partial date from ``1992``, ``1992-05``, ``1992-05-15`` or a :class:`datetime.date`."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            return cls(year=value.year, month=value.month, day=value.day)
        if isinstance(value, int):
            return cls(year=value)
        m = _PARTIAL.match(str(value).strip())
        if not m:
            raise ValueError(f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        y, mo, d = m.groups()
        return cls(year=int(y), month=int(mo) if mo else None, day=int(d) if d else None)

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``: how precise the source is.

        >>> PartialDate.parse("1992-05").precision
        'month'
        """
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    @classmethod
    def at(cls, day: date, precision: str) -> PartialDate:
        """The partial date of ``precision`` that ``day`` falls in (a frame's date and its
        ``*_precision`` column back to the date as the source gave it).

        >>> str(PartialDate.at(date(1992, 5, 31), "month"))
        '1992-05'
        """
        if precision not in ("year", "month", "day"):
            raise ValueError(f"unknown precision {precision!r}: use year, month or day")
        return cls(
            year=day.year,
            month=day.month if precision != "year" else None,
            day=day.day if precision == "day" else None,
        )

    def earliest(self) -> date:
        """The first day the partial date may mean."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """The last day the partial date may mean."""
        if self.month is None:
            return date(self.year, 12, 31)
        if self.day is None:
            nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(self.year, self.month, self.day)

    def __str__(self) -> str:
        s = f"{self.year:04d}"
        if self.month is not None:
            s += f"-{self.month:02d}"
        if self.day is not None:
            s += f"-{self.day:02d}"
        return s


class Period(BaseModel):
    """A time span; an open ``end`` means "still in force".

    Examples
    --------
    >>> p = Period(start="1994", end="2012-06")
    >>> p.covers_year(2012), p.covers_year(2013)
    (True, False)
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    start: PartialDate | None = None
    end: PartialDate | None = None

    @model_validator(mode="before")
    @classmethod
    def _coerce(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {
                k: (PartialDate.parse(v) if k in ("start", "end") and v is not None else v)
                for k, v in data.items()
            }
        return data

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start and self.end and self.end.latest() < self.start.earliest():
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        return self

    def covers_year(self, year: int) -> bool:
        """True when any day of ``year`` falls inside the period."""
        if self.start and self.start.earliest().year > year:
            return False
        return not (self.end and self.end.latest().year < year)

    def __str__(self) -> str:
        return f"{self.start or '…'}–{self.end or ''}"
