"""Reading publishers' tables (CSV, tab-separated, Parquet, zip) with errors a user can act on.

Every problem names the file and, where there is one, the row (the line of the file, counting the
header as line 1) and the column, and says what to do.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import polars as pl

from ujym.core.errors import DataFormatError
from ujym.i18n import _

TABLE_SUFFIXES = (".csv", ".tab", ".tsv", ".txt", ".parquet")


def is_parquet(path: Path) -> bool:
    """Whether ``path`` starts with Parquet's magic bytes."""
    with path.open("rb") as fh:
        return fh.read(4) == b"PAR1"


def is_zip(path: Path) -> bool:
    """A zip archive, or what is left of one (a truncated zip still starts with ``PK``)."""
    if not path.is_file():
        return False
    with path.open("rb") as fh:
        magic = fh.read(4)
    return magic == b"PK\x03\x04" or zipfile.is_zipfile(path)


def _separator(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(65536)
    first = head.split(b"\n", 1)[0]
    return "\t" if first.count(b"\t") > first.count(b",") else ","


def header(path: Path) -> list[str]:
    """The column names of a CSV/TSV/Parquet file (empty list when unreadable)."""
    try:
        if is_parquet(path):
            return list(pl.read_parquet_schema(path))
        with path.open("rb") as fh:
            first = fh.readline().decode("utf-8-sig", errors="replace").rstrip("\r\n")
        sep = _separator(path)
        return [c.strip().strip('"') for c in first.split(sep)]
    except (OSError, pl.exceptions.PolarsError):
        return []


def read_table(
    path: Path,
    required: Iterable[str],
    optional: Iterable[str] = (),
    *,
    label: str | None = None,
    expected: str = "",
) -> pl.DataFrame:
    """Read ``required`` (and present ``optional``) columns of a table, every value as text.

    Raises :class:`DataFormatError` for a missing file, a malformed CSV or missing columns.
    """
    name = label or str(path)
    required = list(required)
    optional = list(optional)
    if not path.is_file():
        raise DataFormatError(f"{name}: " + _("no such file"), _("check the path"))
    if path.stat().st_size == 0:
        raise DataFormatError(
            f"{name}: " + _("the file is empty"), _("download or export it again")
        )
    cols = header(path)
    missing = [c for c in required if c not in cols]
    if missing:
        shown = ", ".join(cols[:12]) + (", …" if len(cols) > 12 else "")
        raise DataFormatError(
            _("{file}: column(s) {missing} missing (found: {found})").format(
                file=name, missing=", ".join(missing), found=shown or _("no header")
            ),
            _("this is not the publisher's layout: {expected}").format(expected=expected)
            if expected
            else _("this is not the publisher's layout"),
        )
    wanted = required + [c for c in optional if c in cols]
    try:
        if is_parquet(path):
            frame = pl.read_parquet(path, columns=wanted)
            return frame.with_columns(pl.all().cast(pl.Utf8))
        frame = pl.read_csv(
            path,
            separator=_separator(path),
            columns=wanted,
            infer_schema=False,
            encoding="utf8-lossy",
            quote_char='"',
        )
    except (pl.exceptions.PolarsError, OSError, UnicodeDecodeError) as exc:
        # the reader's English reason is left out (chained, not shown)
        raise DataFormatError(
            _("{file}: malformed or truncated file").format(file=name),
            _("download or export the file again (the whole file, unmodified)"),
        ) from exc
    _check_last_line(path, len(cols), _separator(path), name, frame.height + 1)
    return frame.with_columns(pl.col(pl.Utf8).str.strip_chars())


def _check_last_line(path: Path, n_fields: int, sep: str, name: str, row: int) -> None:
    """A CSV cut short (download stopped midway) ends in an incomplete line: refuse it."""
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 65536))
        tail = fh.read()
    if tail.endswith(b"\n"):
        return
    last = tail.rsplit(b"\n", 1)[-1].decode("utf-8", errors="replace")
    fields = next(csv.reader([last], delimiter=sep), [])
    if last.count('"') % 2 == 1 or len(fields) < n_fields:
        raise DataFormatError(
            _(
                "{file}, row {row}: the last line is incomplete ({got} of {n} fields): "
                "the file is truncated"
            ).format(file=name, row=row, got=len(fields), n=n_fields),
            _("download or export the whole file again"),
        )


def first_bad_row(mask: pl.Series) -> int:
    """Line number (header = line 1) of the first True in ``mask``."""
    idx = mask.arg_true()
    return int(idx[0]) + 2 if len(idx) else -1


def require_filled(frame: pl.DataFrame, columns: Sequence[str], name: str, fix: str) -> None:
    """Raise for the first empty value in ``columns`` (a truncated or damaged row)."""
    for col in columns:
        empty = frame[col].is_null() | (frame[col] == "")
        if empty.any():
            row = first_bad_row(empty)
            raise DataFormatError(
                _("{file}, row {row}, column {column}: empty value").format(
                    file=name, row=row, column=col
                ),
                fix,
            )


def _refuse(
    bad: pl.Series,
    values: pl.Series,
    col: str,
    name: str,
    what: str,
    fix: str | None = None,
) -> None:
    """Raise for the first row where ``bad`` holds, quoting the value as read (``what`` and
    ``fix`` come translated).
    """
    if bad.any():
        row = first_bad_row(bad)
        raise DataFormatError(
            _("{file}, row {row}, column {column}: {value!r} is not {what}").format(
                file=name, row=row, column=col, value=values[row - 2], what=what
            ),
            fix or _("correct the value or download the file again"),
        )


def parse_ints(
    frame: pl.DataFrame, col: str, dtype: pl.DataType, name: str, what: str | None = None
) -> pl.Series:
    """Column ``col`` as integers (``"12"`` or ``"12.0"``); raises naming the first bad row
    (``what`` the column holds, translated; default "a whole number").
    """
    text = frame[col]
    as_float = text.cast(pl.Float64, strict=False)
    bad = (as_float.is_null() & text.is_not_null() & (text != "")) | (
        as_float.is_not_null() & (as_float != as_float.round(0))
    )
    _refuse(bad, text, col, name, what or _("a whole number"))
    return as_float.cast(dtype).alias(col)


def parse_dates(frame: pl.DataFrame, col: str, name: str) -> pl.Series:
    """Column ``col`` as dates (ISO ``YYYY-MM-DD``, ISO date-time, ``M/D/YYYY`` or ``YYYYMMDD``)."""
    text = frame[col].str.slice(0, 10)
    parsed = pl.select(
        pl.coalesce(
            text.str.to_date("%Y-%m-%d", strict=False),
            text.str.to_date("%m/%d/%Y", strict=False),
            text.str.to_date("%Y%m%d", strict=False),
            text.str.to_date("%d.%m.%Y", strict=False),
        )
    ).to_series()
    bad = parsed.is_null() & frame[col].is_not_null() & (frame[col] != "")
    fix = _("write dates as YYYY-MM-DD, or download the file again")
    _refuse(bad, frame[col], col, name, _("a date"), fix)
    return parsed.alias(col)


def parse_flags(frame: pl.DataFrame, col: str, name: str) -> pl.Series:
    """A 0/1 (or true/false, yes/no) column as Boolean; empty stays null."""
    text = frame[col].str.to_lowercase()
    mapping = {"1": True, "1.0": True, "true": True, "yes": True, "y": True, "t": True,
               "0": False, "0.0": False, "false": False, "no": False, "n": False, "f": False,
               "": None, "na": None, "nan": None}  # fmt: skip
    out = text.replace_strict(
        list(mapping), list(mapping.values()), default=None, return_dtype=pl.Boolean
    )
    bad = out.is_null() & text.is_not_null() & ~text.is_in(["", "na", "nan"])
    _refuse(bad, frame[col], col, name, _("0 or 1"))
    return out.alias(col)


__all__ = [
    "TABLE_SUFFIXES",
    "first_bad_row",
    "header",
    "is_parquet",
    "is_zip",
    "parse_dates",
    "parse_flags",
    "parse_ints",
    "read_table",
    "require_filled",
]
