"""Schemas at the door: every imported file and every cached table is checked against its dataset's
declared schema (``ujym/data/schemas.toml``) before the cache is touched.

Two kinds of schema, both declared as data:

- a **layout** of the file a user imports (the publisher's CSV, peacesciencer's Parquet copy, …):
  the columns that identify it, and rules for the values as published (COW's ``-9`` allowed as
  "missing", IGO codes, 0/1 flags), with a key whose *conflicting* duplicates are refused;
- a **canonical table** as the cache holds it: column types, ranges, codes, a unique key.

A file of another dataset fits none of the layouts (:func:`identify`); an impossible value (NaN,
±inf, ``1e308``, ``cinc`` of 5, a flag of 7, a negative count), a string in a numeric column or two
rows that share a key but disagree are refused with one line naming the file, the row, the column
and the rule (:class:`~ujym.core.errors.DataFormatError`).

>>> import polars as pl
>>> nmc = pl.DataFrame({"ccode": [365], "year": [2013], "milex": [1.0], "milper": [1.0],
...                     "irst": [1.0], "pec": [1.0], "tpop": [1.0], "upop": [1.0], "cinc": [5.0]})
>>> check_table("cow_nmc", "nmc", nmc)
Traceback (most recent call last):
...
ujym.core.errors.DataFormatError: table nmc of cow_nmc, row ccode=365, year=2013, column cinc: 5 is above the maximum 1 — the schema of cow_nmc (ujym/data/schemas.toml) allows a number from 0 to 1; give the publisher's file unchanged
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ujym.core.errors import DataFormatError
from ujym.i18n import N_, _
from ujym.sources.tables import _separator, header, is_parquet

SCHEMA_FILE = "ujym/data/schemas.toml"
NULL_TEXT = ("", "NA", ".", "N/A")
"""Cells that mean "no value" in a publisher's CSV."""

Number = float | int


class Rule(BaseModel):
    """The rule for one column."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: Literal["int", "float", "text", "date", "bool"]
    min: Number | str | None = None
    max: Number | str | None = None
    codes: tuple[Number | str, ...] | None = None
    nullable: bool = True
    optional: bool = False

    def describe(self) -> str:
        """The rule in words (for error messages)."""
        what = {"int": _("a whole number"), "float": _("a number"), "text": _("text"),
                "date": _("a date"), "bool": _("true/false")}[self.type]  # fmt: skip
        if self.codes is not None:
            what = _("one of {codes}").format(codes=", ".join(_show(c) for c in self.codes))
        elif self.min is not None and self.max is not None:
            what = _("{what} from {min} to {max}").format(
                what=what, min=_show(self.min), max=_show(self.max)
            )
        elif self.min is not None:
            what = _("{what} of at least {min}").format(what=what, min=_show(self.min))
        elif self.max is not None:
            what = _("{what} of at most {max}").format(what=what, max=_show(self.max))
        return what if self.nullable else _("{what}, never empty").format(what=what)


class Layout(BaseModel):
    """One layout of an imported file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    title: str
    role: str = "data"
    columns: tuple[str, ...] = Field(min_length=1)
    key: tuple[str, ...] = ()
    table: str | None = None
    missing: tuple[Number, ...] = ()
    rules: dict[str, Rule] = Field(default_factory=dict)


class TableSchema(BaseModel):
    """A canonical table of the cache."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    key: tuple[str, ...] = ()
    columns: dict[str, Rule] = Field(min_length=1)


class DatasetSchema(BaseModel):
    """The layouts a dataset's files may have and the tables it writes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    layouts: dict[str, Layout] = Field(default_factory=dict)
    tables: dict[str, TableSchema] = Field(default_factory=dict)

    def layouts_for(self, role: str) -> list[Layout]:
        """The layouts that read files of ``role``."""
        return [lay for lay in self.layouts.values() if lay.role == role]

    def rules_of(self, layout: Layout) -> dict[str, Rule]:
        """The layout's rules: its canonical table's, then its own (which win)."""
        base = dict(self.tables[layout.table].columns) if layout.table else {}
        return {**base, **layout.rules}


def _show(value: object) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


# ---- loading the declarations ---------------------------------------------------------------


def parse_schemas(text: str, origin: str = SCHEMA_FILE) -> dict[str, DatasetSchema]:
    """Parse schema declarations (the format of ``schemas.toml``)."""
    try:
        raw: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise DataFormatError(  # tomllib's English reason is left out
            _("{origin}: not valid TOML").format(origin=origin), _("fix the schema file")
        ) from None
    out: dict[str, DatasetSchema] = {}
    for dataset_id, entry in raw.items():
        try:
            layouts = {
                name: Layout(name=name, **spec)
                for name, spec in (entry.get("layouts") or {}).items()
            }
            tables = {
                name: TableSchema(name=name, **spec)
                for name, spec in (entry.get("tables") or {}).items()
            }
            schema = DatasetSchema(id=dataset_id, layouts=layouts, tables=tables)
        except (ValidationError, TypeError, AttributeError):
            raise DataFormatError(  # pydantic's English reason is left out
                _("{origin}: the schema of {dataset!r} is malformed").format(
                    origin=origin, dataset=dataset_id
                ),
                _("fix the schema entry (see the comments at the top of the file)"),
            ) from None
        for lay in layouts.values():
            if lay.table is not None and lay.table not in tables:
                raise DataFormatError(
                    _(
                        "{origin}: layout {layout!r} of {dataset!r} names table {table!r}, "
                        "which the schema does not declare"
                    ).format(origin=origin, layout=lay.name, dataset=dataset_id, table=lay.table),
                    _("declare the table or fix the name"),
                )
        out[dataset_id] = schema
    return out


@lru_cache(maxsize=1)
def load_schemas() -> dict[str, DatasetSchema]:
    """Every dataset's schema, from ``ujym/data/schemas.toml``."""
    return parse_schemas(files("ujym").joinpath("data/schemas.toml").read_text(encoding="utf-8"))


def schema_of(dataset_id: str) -> DatasetSchema:
    """The schema of ``dataset_id`` (:class:`DataFormatError` when none is declared)."""
    try:
        return load_schemas()[dataset_id]
    except KeyError:
        raise DataFormatError(
            _("dataset {dataset!r} has no schema in {file}").format(
                dataset=dataset_id, file=SCHEMA_FILE
            ),
            _("declare its layouts and tables there (see docs/data.md, 'Adding a dataset')"),
        ) from None


# ---- identifying a file ---------------------------------------------------------------------


def identify(dataset_id: str, role: str, path: Path, label: str | None = None) -> Layout | None:
    """The layout of ``path`` among the dataset's layouts for ``role``.

    Returns None when the dataset declares no layout for the role, or the file has no header to
    judge by (empty, unreadable: the reader reports those). Raises :class:`DataFormatError` when
    the file fits none of the layouts: it is not a file of this dataset.
    """
    layouts = schema_of(dataset_id).layouts_for(role)
    if not layouts:
        return None
    cols = header(path)
    if not cols or cols == [""]:
        return None
    seen: set[str] = set()
    for col in cols:
        if col and col in seen:
            raise DataFormatError(
                _("{file}: the column {column!r} appears twice in the header").format(
                    file=label or path, column=_clean(col)
                ),
                _("give the publisher's file unchanged (each column named once)"),
            )
        seen.add(col)
    have = set(cols)
    for lay in layouts:
        if set(lay.columns) <= have:
            return lay
    best = min(layouts, key=lambda lay: len(set(lay.columns) - have))
    missing = [c for c in best.columns if c not in have]
    shown = ", ".join(_clean(c) for c in cols[:8]) + (", …" if len(cols) > 8 else "")
    problem = _(
        _NOT_A_FILE.get(
            role,
            N_("{file}: not a {dataset} {role} file: column(s) {missing} missing (found: {found})"),
        )
    )
    raise DataFormatError(
        problem.format(
            file=label or path,
            dataset=dataset_id,
            role=role,
            missing=", ".join(missing),
            found=shown,
        ),
        _("give {layouts}").format(
            layouts=_(" or ").join(_(lay.title) for lay in layouts)  # titles: schemas.toml
        ),
    )


_NOT_A_FILE = {
    "data": N_("{file}: not a {dataset} file: column(s) {missing} missing (found: {found})"),
    "votes": N_("{file}: not a {dataset} votes file: column(s) {missing} missing (found: {found})"),
    "roll_calls": N_(
        "{file}: not a {dataset} roll_calls file: column(s) {missing} missing (found: {found})"
    ),
    "issues": N_(
        "{file}: not a {dataset} issues file: column(s) {missing} missing (found: {found})"
    ),
    "matches": N_(
        "{file}: not a {dataset} matches file: column(s) {missing} missing (found: {found})"
    ),
    "ideal_points": N_(
        "{file}: not a {dataset} ideal_points file: column(s) {missing} missing (found: {found})"
    ),
}
"""The refusal of a file that fits no layout, by file role (the role said in the reader's words)."""


def _clean(text: str, limit: int = 40) -> str:
    out = "".join(ch if ch.isprintable() else "?" for ch in str(text))
    return out if len(out) <= limit else out[: limit - 1] + "…"


# ---- checking values ------------------------------------------------------------------------


class _Context:
    """Where a problem is, for the message: the file (or table) and how to name a row."""

    def __init__(
        self, dataset_id: str, origin: str, frame: pl.DataFrame, first_row: int, key: Sequence[str]
    ) -> None:
        self.dataset_id = dataset_id
        self.origin = origin
        self.frame = frame
        self.first_row = first_row  # number of the first data row (CSV: 2, header = line 1)
        self.key = [k for k in key if k in frame.columns]

    def row(self, index: int) -> str:
        if self.first_row > 0:
            return _("row {row}").format(row=index + self.first_row)
        values = self.frame.row(index, named=True)
        return _("row {key}").format(
            key=", ".join(f"{k}={_clean(str(values[k]))}" for k in self.key)
        )

    def fail(self, index: int, column: str, value: object, problem: str, rule: Rule) -> None:
        shown = _clean(repr(value) if isinstance(value, str) else _show(value))
        raise DataFormatError(
            _("{origin}, {row}, column {column}: {value} {problem}").format(
                origin=self.origin,
                row=self.row(index),
                column=column,
                value=shown,
                problem=problem,
            ),
            _(
                "the schema of {dataset} ({file}) allows {rule}; give the publisher's file "
                "unchanged"
            ).format(dataset=self.dataset_id, file=SCHEMA_FILE, rule=rule.describe()),
        )


def _floats(values: Sequence[object]) -> pl.Series:
    return pl.Series([float(v) for v in values], dtype=pl.Float64)  # type: ignore[arg-type]


def _first(mask: pl.Series) -> int | None:
    hits = mask.fill_null(False).arg_true()
    return int(hits[0]) if len(hits) else None


def _as_numbers(series: pl.Series, ctx: _Context, column: str, rule: Rule) -> pl.Series:
    dtype = series.dtype
    if dtype in (pl.String, pl.Categorical) or isinstance(dtype, pl.Enum):
        text = series.cast(pl.String).str.strip_chars()
        blank = text.is_null() | text.is_in(list(NULL_TEXT))
        numbers = text.cast(pl.Float64, strict=False)
        bad = _first(numbers.is_null() & ~blank)
        if bad is not None:
            ctx.fail(bad, column, series[bad], _("is not a number"), rule)
        return pl.select(pl.when(blank).then(None).otherwise(numbers)).to_series()
    if dtype.is_numeric() or dtype == pl.Boolean:
        return series.cast(pl.Float64)
    bad = _first(series.is_not_null())
    if bad is not None:
        ctx.fail(bad, column, series[bad], _("is a {type}, not a number").format(type=dtype), rule)
    return series.cast(pl.Float64, strict=False)


def _check_numbers(
    numbers: pl.Series,
    raw: pl.Series,
    ctx: _Context,
    column: str,
    rule: Rule,
    missing: Sequence[Number],
) -> None:
    nan = _first(numbers.is_nan() | numbers.is_infinite())
    if nan is not None:
        ctx.fail(nan, column, raw[nan], _("is not a value (NaN and infinity never are)"), rule)
    if missing:
        numbers = pl.select(
            pl.when(numbers.is_in(_floats(missing).implode())).then(None).otherwise(numbers)
        ).to_series()
    present = numbers.is_not_null()
    if rule.type == "int":
        bad = _first(present & (numbers != numbers.floor()))
        if bad is not None:
            ctx.fail(bad, column, raw[bad], _("is not a whole number"), rule)
    if rule.codes is not None:
        codes = _floats([c for c in rule.codes if not isinstance(c, str)])
        bad = _first(present & ~numbers.is_in(codes.implode()))
        if bad is not None:
            ctx.fail(bad, column, raw[bad], _("is not an allowed code"), rule)
    if rule.min is not None:
        bad = _first(present & (numbers < float(rule.min)))
        if bad is not None:
            ctx.fail(
                bad, column, raw[bad], _("is below the minimum {min}").format(min=_show(rule.min)),
                rule,
            )  # fmt: skip
    if rule.max is not None:
        bad = _first(present & (numbers > float(rule.max)))
        if bad is not None:
            ctx.fail(
                bad, column, raw[bad], _("is above the maximum {max}").format(max=_show(rule.max)),
                rule,
            )  # fmt: skip
    if not rule.nullable:
        bad = _first(~present)
        if bad is not None:
            ctx.fail(bad, column, raw[bad], _("is empty"), rule)


def _check_column(
    series: pl.Series, ctx: _Context, column: str, rule: Rule, missing: Sequence[Number]
) -> None:
    if rule.type in ("int", "float"):
        numbers = _as_numbers(series, ctx, column, rule)
        _check_numbers(numbers, series, ctx, column, rule, missing)
        return
    if rule.type == "bool":
        if series.dtype == pl.Boolean:
            values = series
        else:
            numbers = _as_numbers(series, ctx, column, rule)
            _check_numbers(
                numbers, series, ctx, column, rule.model_copy(update={"codes": (0, 1)}), missing
            )
            values = numbers.cast(pl.Boolean)
        if not rule.nullable:
            bad = _first(values.is_null())
            if bad is not None:
                ctx.fail(bad, column, series[bad], _("is empty"), rule)
        return
    if rule.type == "date":
        if series.dtype == pl.Date:
            days = series
        elif isinstance(series.dtype, pl.Datetime):
            days = series.dt.date()
        else:
            text = series.cast(pl.String).str.strip_chars()
            days = text.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
            bad = _first(days.is_null() & text.is_not_null() & ~text.is_in(list(NULL_TEXT)))
            if bad is not None:
                ctx.fail(bad, column, series[bad], _("is not a date (YYYY-MM-DD)"), rule)
        for bound, op in ((rule.min, "lt"), (rule.max, "gt")):
            if bound is None:
                continue
            limit = date.fromisoformat(str(bound))
            mask = days < limit if op == "lt" else days > limit
            bad = _first(mask)
            if bad is not None:
                word = _("is before {date}") if op == "lt" else _("is after {date}")
                ctx.fail(bad, column, series[bad], word.format(date=limit), rule)
        if not rule.nullable:
            bad = _first(days.is_null())
            if bad is not None:
                ctx.fail(bad, column, series[bad], _("is empty"), rule)
        return
    # text
    text = series.cast(pl.String)
    if rule.codes is not None:
        bad = _first(text.is_not_null() & ~text.is_in([str(c) for c in rule.codes]))
        if bad is not None:
            ctx.fail(bad, column, series[bad], _("is not an allowed code"), rule)
    if not rule.nullable:
        bad = _first(text.is_null() | (text.str.strip_chars() == ""))
        if bad is not None:
            ctx.fail(bad, column, series[bad], _("is empty"), rule)


def _check_key(ctx: _Context, key: Sequence[str], columns: Sequence[str], exact_ok: bool) -> None:
    """Refuse rows that share ``key``: conflicting ones only (``exact_ok``) or any repeat."""
    frame = ctx.frame
    keyed = frame.select(*key, *[c for c in columns if c not in key])
    if exact_ok:
        # a repeat of a whole row is harmless; only rows that disagree under one key are refused
        keyed = keyed.with_row_index("_row").unique(
            subset=[c for c in keyed.columns], keep="first", maintain_order=True
        )
    else:
        keyed = keyed.with_row_index("_row")
    dup = _first(keyed.select(pl.struct(*key).is_duplicated()).to_series())
    if dup is None:
        return
    values = keyed.row(dup, named=True)
    same = keyed.filter(pl.all_horizontal(pl.col(k) == values[k] for k in key))
    rows = same["_row"].to_list()[:2]
    shown = ", ".join(f"{k}={_clean(str(values[k]))}" for k in key)
    where = _(" and ").join(str(r + ctx.first_row) for r in rows) if ctx.first_row > 0 else shown
    problem = (
        _("{origin}, rows {rows}, column(s) {columns}: two rows for {key} disagree")
        if exact_ok
        else _("{origin}, rows {rows}, column(s) {columns}: two rows for {key} repeat the key")
    )
    raise DataFormatError(
        problem.format(origin=ctx.origin, rows=where, columns=", ".join(key), key=shown),
        _(
            "the schema of {dataset} ({file}) allows one row per {columns}; give the publisher's "
            "file unchanged"
        ).format(dataset=ctx.dataset_id, file=SCHEMA_FILE, columns=", ".join(key)),
    )


def check_frame(
    dataset_id: str,
    frame: pl.DataFrame,
    rules: Mapping[str, Rule],
    *,
    origin: str,
    first_row: int = 0,
    key: Sequence[str] = (),
    missing: Sequence[Number] = (),
    conflicts_only: bool = False,
) -> None:
    """Check every column of ``frame`` that ``rules`` covers (``"*"``: every other column).

    ``first_row`` numbers rows as in a file (CSV: 2, Parquet: 1); 0 names a row by its key.
    ``conflicts_only`` tolerates exact repeats of a row under the key.
    """
    ctx = _Context(dataset_id, origin, frame, first_row, key)
    other = rules.get("*")
    checked: list[str] = []
    for column in frame.columns:
        rule = rules.get(column, other)
        if rule is None:
            continue
        nullable_rule = rule if column not in key else rule.model_copy(update={"nullable": False})
        _check_column(frame[column], ctx, column, nullable_rule, missing)
        checked.append(column)
    if key and all(k in frame.columns for k in key) and frame.height:
        _check_key(ctx, key, checked, exact_ok=conflicts_only)


_DTYPES: dict[str, tuple[type[pl.DataType], ...]] = {
    # whole numbers may be stored as floats (peacesciencer's counts and flags are): the value rule
    # checks that they are whole
    "int": (
        pl.Int8,
        pl.Int16,
        pl.Int32,
        pl.Int64,
        pl.UInt8,
        pl.UInt16,
        pl.UInt32,
        pl.UInt64,
        pl.Float32,
        pl.Float64,
    ),
    "float": (pl.Float32, pl.Float64, pl.Int8, pl.Int16, pl.Int32, pl.Int64),
    "text": (pl.String, pl.Categorical, pl.Null),
    "date": (pl.Date,),
    "bool": (pl.Boolean,),
}


def check_table(dataset_id: str, table: str, frame: pl.DataFrame) -> None:
    """Check a canonical table a reader produced against its declared schema.

    Every declared column must be present (unless ``optional``) with its type; values must keep
    the rules; the key must be unique. Raises :class:`DataFormatError`.
    """
    schema = schema_of(dataset_id)
    if table not in schema.tables:
        raise DataFormatError(
            _("table {table!r} of {dataset} has no schema in {file}").format(
                table=table, dataset=dataset_id, file=SCHEMA_FILE
            ),
            _("declare it there (see docs/data.md, 'Adding a dataset')"),
        )
    spec = schema.tables[table]
    origin = _("table {table} of {dataset}").format(table=table, dataset=dataset_id)
    for column, rule in spec.columns.items():
        if column not in frame.columns:
            if rule.optional:
                continue
            raise DataFormatError(
                _("{origin}: column {column!r} missing").format(origin=origin, column=column),
                _("report this as a bug in ujym's reader"),
            )
        dtype = frame[column].dtype
        allowed = _DTYPES[rule.type]
        if not any(dtype == t or isinstance(dtype, t) for t in allowed) and dtype != pl.Null:
            raise DataFormatError(
                _("{origin}: column {column!r} has type {type}, the schema says {rule}").format(
                    origin=origin, column=column, type=dtype, rule=rule.type
                ),
                _("report this as a bug in ujym's reader"),
            )
    rules = {c: r for c, r in spec.columns.items() if c in frame.columns}
    check_frame(dataset_id, frame, rules, origin=origin, key=spec.key)


# ---- checking an imported file ----------------------------------------------------------------


def _read_raw(path: Path, columns: Sequence[str] | None) -> pl.DataFrame | None:
    """The columns of a file as published (CSV: text), or None when it cannot be read."""
    try:
        if is_parquet(path):
            return pl.read_parquet(path, columns=list(columns) if columns else None)
        return pl.read_csv(
            path,
            separator=_separator(path),
            columns=list(columns) if columns else None,
            infer_schema=False,
            encoding="utf8-lossy",
            quote_char='"',
            truncate_ragged_lines=True,
        )
    except (pl.exceptions.PolarsError, OSError, UnicodeDecodeError, ValueError):
        return None  # the reader says what is wrong with the file, in its own words


def check_input(dataset_id: str, role: str, path: Path, label: str | None = None) -> None:
    """Identify an imported file's layout and check its values and key against the layout.

    A file the schema cannot read is left to the dataset's reader, whose message is specific.
    """
    layout = identify(dataset_id, role, path, label)
    if layout is None:
        return
    rules = schema_of(dataset_id).rules_of(layout)
    cols = header(path)
    wanted = None if "*" in rules else [c for c in cols if c in rules or c in layout.key]
    frame = _read_raw(path, wanted)
    if frame is None:
        return
    check_frame(
        dataset_id,
        frame,
        rules,
        origin=label or str(path),
        first_row=1 if is_parquet(path) else 2,
        key=layout.key,
        missing=layout.missing,
        conflicts_only=True,
    )


__all__ = [
    "DatasetSchema",
    "Layout",
    "Rule",
    "TableSchema",
    "check_frame",
    "check_input",
    "check_table",
    "identify",
    "load_schemas",
    "parse_schemas",
    "schema_of",
]
