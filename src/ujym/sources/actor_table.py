"""A user's own actor table for the bargaining model: one row per actor, read as a scenario.

The layout of the public re-implementations' example (``actor,capability,position,salience``)::

    actor,capability,position,salience
    Netherlands,0.08,4,80
    Belgium,0.08,7,40

Columns (headers are matched without regard to case or surrounding spaces):

- ``actor`` (or ``name``): the actor's name, unique, not empty;
- ``capability``: a number ≥ 0 (any unit: only the actors' shares matter); at least one > 0;
- ``position``: a number; the scale runs from the lowest to the highest stated position (or
  uncertainty bound);
- ``salience``: a number. **Scale rule**: when every salience of the table lies in [0, 1], the
  table is on the 0–1 scale; otherwise every salience (and salience bound) is read on the 0–100
  scale and divided by 100, and a value outside [0, 100] is an error. (A 0–100 table whose
  saliences are all at most 1 would be misread: write them as they are, 0–1.)
- optional uncertainty, per input (``position``, ``capability``, ``salience``): ``<input>_sd``
  (normal with that standard deviation) or ``<input>_low`` and ``<input>_high`` (uniform between
  them, which must include the stated value); an empty cell means the input is fixed in that row.

Bad tables raise :class:`ActorTableError`, one line naming the file, the row (the line of the
file, the header being line 1) and the column. Sizes are bounded by ``UJYM_MAX_TABLE_BYTES`` and
``UJYM_MAX_ACTORS`` (:mod:`ujym.sources.limits`).

>>> import pandas as pd
>>> sc = actor_table_scenario(pd.DataFrame({"actor": ["A", "B"], "capability": [1, 2],
...                                         "position": [0, 10], "salience": [50, 100]}))
>>> [a.salience.value for a in sc.actors], (sc.scale_min, sc.scale_max)
([0.5, 1.0], (0.0, 10.0))
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ujym.core.errors import DataFormatError
from ujym.core.names import Names
from ujym.core.scenarios import FIELDS, Evidence, Input, Scenario, ScenarioActor, Uncertainty
from ujym.i18n import _, ngettext
from ujym.sources.limits import limit

REQUIRED = ("actor", "capability", "position", "salience")
ALIASES = {"name": "actor"}
OPTIONAL = tuple(f"{f}_{k}" for f in FIELDS for k in ("sd", "low", "high"))
TABLE_SUFFIXES = (".csv", ".tsv", ".txt")
ABSURD = 1e15
"""No input of a bargaining model needs a number this large; sums of such numbers overflow."""


class ActorTableError(DataFormatError):
    """An actor table is malformed or its numbers are impossible."""


def _fail(
    where: str, row: int | None, column: str | None, problem: str, fix: str
) -> ActorTableError:
    """The one-line error naming the table, the row (a line of the file) and the column, in the
    interface language (the column's name as typed).
    """
    at = _at(where, row) + (", " + _("column {column}").format(column=column) if column else "")
    return ActorTableError(f"{at}: {problem}", fix)


def _at(where: str, row: int | None) -> str:
    """«t.csv, row 3»: a table and a row, in the interface language."""
    return where + (", " + _("row {row}").format(row=row) if row is not None else "")


def _columns(df: pd.DataFrame, where: str) -> dict[str, Any]:
    """Canonical column name → the frame's column; refuses duplicates and missing columns."""
    found: dict[str, Any] = {}
    for col in df.columns:
        key = str(col).strip().lower()
        key = ALIASES.get(key, key)
        if key in found:
            raise _fail(
                where,
                None,
                str(col),
                _("the column appears twice"),
                _("keep one column of that name"),
            )
        found[key] = col
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        shown = ", ".join(str(c) for c in df.columns[:12]) or "—"
        raise _fail(
            where,
            None,
            missing[0],
            _("column {missing} missing (found: {found})").format(
                missing=", ".join(missing), found=shown
            ),
            _("give a header row: actor,capability,position,salience"),
        )
    return found


def _number(value: Any, where: str, row: int, column: str, optional: bool = False) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        if optional:
            return None
        raise _fail(where, row, column, _("the cell is empty"), _("give a number"))
    if isinstance(value, str):
        text = value.strip()
        if not text and optional:
            return None
        try:
            number = (
                float(text.replace(",", "."))
                if text.count(",") == 1 and "." not in text
                else float(text)
            )
        except ValueError:
            raise _not_a_number(value, where, row, column) from None
    elif isinstance(value, bool):
        raise _not_a_number(value, where, row, column)
    else:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise _not_a_number(value, where, row, column) from None
    if not math.isfinite(number):
        raise _fail(
            where,
            row,
            column,
            _("{value} is not a finite number").format(value=repr(value)),
            _("give a finite number"),
        )
    if abs(number) > ABSURD:
        raise _fail(
            where,
            row,
            column,
            _("{value} is absurdly large").format(value=f"{number:g}"),
            _("give a number below {limit}").format(limit=f"{ABSURD:g}"),
        )
    return number


def _not_a_number(value: Any, where: str, row: int, column: str) -> ActorTableError:
    return _fail(
        where,
        row,
        column,
        _("{value} is not a number").format(value=repr(value)),
        _("give a number"),
    )


def actor_table_scenario(
    df: pd.DataFrame, name: str = "actor-table", where: str | None = None, line_offset: int = 2
) -> Scenario:
    """A validated :class:`Scenario` from a table with one row per actor (layout above).

    ``name`` becomes the scenario id and title; ``where`` names the table in errors (the file);
    ``line_offset`` is the file line of the first data row (2 after a header line).
    """
    where = where or name
    if not isinstance(df, pd.DataFrame):
        raise _fail(
            where, None, None, _("an actor table is a DataFrame"), _("pass pandas.read_csv(...)")
        )
    most = int(limit("UJYM_MAX_ACTORS"))
    if len(df) > most:
        raise _fail(
            where, None, None,
            _("{n} actors exceed the limit of {most}").format(n=len(df), most=most),
            _("split the table, or raise UJYM_MAX_ACTORS (default {most})").format(most=most),
        )  # fmt: skip
    cols = _columns(df, where)
    if len(df) < 2:
        raise _fail(
            where,
            None,
            None,
            ngettext(
                "{n} actor: the model needs at least 2",
                "{n} actors: the model needs at least 2",
                len(df),
            ).format(n=len(df)),
            _("add actors"),
        )
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for k, raw in enumerate(df.itertuples(index=False, name=None)):
        line = k + line_offset
        cell = dict(zip(df.columns, raw, strict=True))
        actor = cell[cols["actor"]]
        missing = actor is None or (isinstance(actor, float) and math.isnan(actor))
        aid = "" if missing else str(actor).strip()
        if not aid:
            raise _fail(where, line, "actor", _("the actor has no name"), _("name every actor"))
        if aid in seen:
            raise _fail(
                where, line, "actor",
                _("actor {actor} appears twice (first in row {row})").format(
                    actor=repr(aid), row=seen[aid]
                ),
                _("keep one row per actor"),
            )  # fmt: skip
        seen[aid] = line
        row = _Row(aid, line)
        for key in (*REQUIRED[1:], *OPTIONAL):
            if key in cols:
                row.values[key] = _number(cell[cols[key]], where, line, key, key in OPTIONAL)
        rows.append(row)
    # salience: 0–1 when every value (and bound) is within [0, 1], else 0–100
    sal_cols = [
        c for c in ("salience", "salience_sd", "salience_low", "salience_high") if c in cols
    ]
    percent = any((r.values[c] or 0.0) > 1 for r in rows for c in sal_cols)
    for r in rows:
        for c in sal_cols:
            v = r.values[c]
            if v is None:
                continue
            if percent and not 0 <= v <= 100:
                raise _fail(
                    where, r.line, c,
                    _("salience {value} is outside [0, 100]").format(value=f"{v:g}"),
                    _("give saliences from 0 to 100 (or all from 0 to 1)"),
                )  # fmt: skip
            if v < 0:
                raise _fail(
                    where,
                    r.line,
                    c,
                    _("salience {value} is negative").format(value=f"{v:g}"),
                    _("give 0–1 or 0–100"),
                )
            r.values[c] = v / 100.0 if percent else v
    for r in rows:
        if r.get("capability") < 0:
            raise _fail(
                where, r.line, "capability",
                _("capability {value} is negative").format(value=f"{r.get('capability'):g}"),
                _("give a capability >= 0"),
            )  # fmt: skip
    if sum(r.get("capability") for r in rows) <= 0:
        raise _fail(
            where,
            None,
            "capability",
            _("total capability is zero"),
            _("give one actor a capability > 0"),
        )
    ends = [r.get("position") for r in rows]
    ends += [
        v
        for r in rows
        for k in ("position_low", "position_high")
        if (v := r.values.get(k)) is not None
    ]
    smin, smax = min(ends), max(ends)
    if not smax > smin:
        raise _fail(
            where,
            None,
            "position",
            _("every actor stands at one position"),
            _("give positions that differ"),
        )
    actors = []
    for r in rows:
        ev = (Evidence("source", _at(where, r.line)),)
        inputs = {f: Input(r.get(f), ev, _uncertainty(r, f, where), r.line) for f in FIELDS}
        actors.append(
            ScenarioActor(
                r.id, inputs["position"], inputs["capability"], inputs["salience"], r.line
            )
        )
    title = Names(kk=f"Акторлар кестесі: {name}", ru=f"Таблица акторов: {name}",
                  en=f"Actor table: {name}")  # fmt: skip
    issue = Names(
        kk="кестеде мәселе сипатталмаған", ru="вопрос в таблице не описан",
        en="the table does not describe the issue",
    )  # fmt: skip
    low = Names(kk="ең төменгі ұстаным", ru="наименьшая позиция", en="the lowest position")
    high = Names(kk="ең жоғары ұстаным", ru="наибольшая позиция", en="the highest position")
    return Scenario(
        id=name, path=Path(where), title=title, issue=issue, scale_min=smin, scale_max=smax,
        low_means=low, high_means=high, actors=tuple(actors), evidence=(Evidence("source", where),),
    )  # fmt: skip


@dataclass
class _Row:
    id: str
    line: int
    values: dict[str, float | None] = field(default_factory=dict)

    def get(self, key: str) -> float:
        """A required value (present after validation)."""
        v = self.values[key]
        assert v is not None
        return v


def _uncertainty(r: _Row, name: str, where: str) -> Uncertainty:
    got = r.values.get
    sd, low, high = got(f"{name}_sd"), got(f"{name}_low"), got(f"{name}_high")
    value, line = r.get(name), r.line
    if sd is not None and (low is not None or high is not None):
        raise _fail(
            where,
            line,
            f"{name}_sd",
            _("both {column} and a low/high range").format(column=f"{name}_sd"),
            _("give one of them"),
        )
    if sd is not None:
        if sd < 0:
            raise _fail(
                where,
                line,
                f"{name}_sd",
                _("the standard deviation {value} is negative").format(value=f"{sd:g}"),
                _("give sd >= 0"),
            )
        return Uncertainty("normal", sd=sd)
    if low is None and high is None:
        return Uncertainty()
    if low is None or high is None:
        missing = f"{name}_low" if low is None else f"{name}_high"
        raise _fail(
            where,
            line,
            missing,
            _("a range needs both ends"),
            _("give {low} and {high}").format(low=f"{name}_low", high=f"{name}_high"),
        )
    if not low <= value <= high:
        raise _fail(
            where, line, f"{name}_low",
            _("the range {low}..{high} excludes the stated value {value}").format(
                low=f"{low:g}", high=f"{high:g}", value=f"{value:g}"
            ),
            _("make low <= value <= high"),
        )  # fmt: skip
    return Uncertainty("uniform", low, high)


def read_actor_table(path: str | Path) -> Scenario:
    """Read an actor table (CSV; tab- or semicolon-separated also) as a :class:`Scenario`.

    Raises :class:`ActorTableError` naming the file, the row and the column of the first problem.
    """
    p = Path(path)
    where = str(p)
    if not p.is_file():
        raise _fail(where, None, None, _("no such file"), _("check the path"))
    _check_size(p.stat().st_size, where)
    return parse_actor_table(p.read_bytes(), p.stem, where)


def _check_size(size: int, where: str) -> None:
    most = int(limit("UJYM_MAX_TABLE_BYTES"))
    if size > most:
        raise _fail(
            where, None, None,
            _("{size} bytes exceed the limit of {most}").format(size=size, most=most),
            _("give a smaller table, or raise UJYM_MAX_TABLE_BYTES (default {most})").format(
                most=most
            ),
        )  # fmt: skip
    if size == 0:
        raise _fail(
            where,
            None,
            None,
            _("the file is empty"),
            _("write a header row and one row per actor"),
        )


def parse_actor_table(data: bytes, name: str, where: str) -> Scenario:
    r"""An actor table's bytes (a file's content, or an upload) as a :class:`Scenario`:
    what :func:`read_actor_table` does once it has read the file. ``name`` becomes the
    scenario's id and title, ``where`` names the table in errors.

    >>> parse_actor_table(b"actor,capability,position,salience\nA,1,0,50\nB,1,10,x\n",
    ...                   "t", "t.csv")   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ujym.sources.actor_table.ActorTableError: t.csv, row 3, column salience: 'x' is not a number...
    """
    _check_size(len(data), where)
    first = data.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
    sep = max(("\t", ";", ","), key=first.count) if any(s in first for s in "\t;,") else ","
    try:
        df = pd.read_csv(
            io.BytesIO(data),
            sep=sep,
            encoding="utf-8-sig",
            skipinitialspace=True,
            nrows=int(limit("UJYM_MAX_ACTORS")) + 1,
        )
    except UnicodeDecodeError as exc:
        raise _fail(
            where,
            None,
            None,
            _("not UTF-8 text (byte {position})").format(position=exc.start),
            _("save the table as UTF-8 CSV"),
        ) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise _fail(
            where, None, None, _unreadable(exc), _("write one row per actor, comma-separated")
        ) from None
    return actor_table_scenario(df, name, where)


def _unreadable(exc: Exception) -> str:
    """Why pandas could not read the table, in the interface language: the line and the count
    of fields of its most common complaint, else no detail (pandas' own words are English).
    """
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
    if found:
        expected, line, saw = found.groups()
        return _(
            "not a readable table (line {line} has {saw} fields, the header {expected})"
        ).format(line=line, saw=saw, expected=expected)
    return _("not a readable table")


def is_actor_table(source: object) -> bool:
    """True for a DataFrame or a path ending in ``.csv``, ``.tsv`` or ``.txt``."""
    if isinstance(source, pd.DataFrame):
        return True
    return isinstance(source, str | Path) and Path(source).suffix.lower() in TABLE_SUFFIXES


__all__ = [
    "ActorTableError",
    "actor_table_scenario",
    "is_actor_table",
    "parse_actor_table",
    "read_actor_table",
]
