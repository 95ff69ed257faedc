r"""A publisher's table as polars, and the reader registry of the peace-science datasets.

The peace-science readers (:mod:`ujym.sources.peacescience` and the modules beside it: one per
dataset family) all read a file a user names — a CSV as published, a zip holding it, or a Parquet
copy in the layout of the R package peacesciencer — into a canonical table. This module holds
what they share:

- :func:`read_published`: CSV, tab-separated, Parquet or a zip member, as polars;
- :func:`require_columns`, :func:`whole_keys`, :func:`negative_to_null`: layout, keys and the
  Correlates of War missing-value codes (−9 missing, −8 not applicable, −7 ongoing);
- :func:`register_tables`: registers readers with :mod:`ujym.sources.datasets` (the import
  machinery) and records each dataset's canonical table for :func:`load_table`;
- :func:`load_table`: the cached canonical table as pandas, with its provenance.

>>> frame = read_csv_bytes(b"ccode,year,imports\n705,2013,-9\n")
>>> negative_to_null(frame, ["imports"])["imports"].to_list()
[None]
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pandas as pd
import polars as pl

from ujym.core.errors import DataFormatError
from ujym.core.provenance import Provenance, Unit, attach
from ujym.i18n import _
from ujym.sources import cache
from ujym.sources.catalog import Dataset
from ujym.sources.datasets import register_reader

FileReader = Callable[[Path | str], pl.DataFrame]
"""A reader of one file: its path → the canonical table."""

TABLES: dict[str, str] = {}
"""Dataset id → the canonical table its reader writes to the cache (filled by
:func:`register_tables`)."""


# ---- file access --------------------------------------------------------------------------
def read_published(path: Path | str, wanted: Sequence[str]) -> pl.DataFrame:
    """A CSV, a tab-separated file, a Parquet file or the member of a zip named in ``wanted``.

    CSV cells ``""``, ``NA`` and ``.`` are empty; text is UTF-8 (with or without BOM), else
    Latin-1 (older Correlates of War files). Any problem is one :class:`DataFormatError` line.
    """
    path = Path(path)
    if not path.is_file():
        raise DataFormatError(
            f"{path}: " + _("no such file"), _("give the path of the downloaded file")
        )
    if path.stat().st_size == 0:  # said in ujym's words (the readers' English is not shown)
        raise DataFormatError(
            f"{path}: " + _("the file is empty"), _("download or export it again")
        )
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return pl.read_parquet(path)
        if suffix == ".zip":
            return _read_zip(path, wanted)
        return read_csv_bytes(path.read_bytes())
    except (pl.exceptions.PolarsError, OSError, zipfile.BadZipFile) as exc:
        raise DataFormatError(  # the reader's English reason is left out (chained, not shown)
            _("{path}: cannot be read").format(path=path),
            _("give the publisher's CSV, a zip holding it, or a Parquet copy"),
        ) from exc


def read_csv_bytes(data: bytes) -> pl.DataFrame:
    """The bytes of a comma- or tab-separated file as polars (types inferred from every row)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    first = text.split("\n", 1)[0]
    return pl.read_csv(
        io.StringIO(text),
        separator="\t" if first.count("\t") > first.count(",") else ",",
        infer_schema_length=None,
        null_values=["", "NA", "."],
        truncate_ragged_lines=False,
    )


def _read_zip(path: Path, wanted: Sequence[str]) -> pl.DataFrame:
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if not n.endswith("/") and "__MACOSX" not in n]
        by_base = {Path(n).name.lower(): n for n in names}
        for w in wanted:
            if w.lower() in by_base:
                member = by_base[w.lower()]
                data = zf.read(member)
                if member.lower().endswith(".parquet"):
                    return pl.read_parquet(io.BytesIO(data))
                return read_csv_bytes(data)
    raise DataFormatError(
        _("{path}: the zip holds none of {names}").format(path=path, names=", ".join(wanted)),
        _("give the publisher's zip or the CSV inside it"),
    )


# ---- layout, keys, missing values ---------------------------------------------------------
def has_columns(frame: pl.DataFrame, columns: Sequence[str]) -> bool:
    """Whether ``frame`` has every one of ``columns`` (a layout test)."""
    return all(c in frame.columns for c in columns)


def require_columns(frame: pl.DataFrame, columns: Sequence[str], origin: str, layout: str) -> None:
    """One :class:`DataFormatError` line naming the first of ``columns`` the frame lacks."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataFormatError(
            _("{origin}: no column {column!r} (found: {found})").format(
                origin=origin, column=missing[0], found=", ".join(frame.columns[:12])
            ),
            _("give a file in the {layout} layout").format(layout=layout),
        )


def whole_keys(frame: pl.DataFrame, keys: Sequence[str], origin: str) -> pl.DataFrame:
    """``keys`` cast to Int32; refused in one line when one is not a whole number or is empty."""
    try:
        frame = frame.with_columns(pl.col(k).cast(pl.Int32, strict=True) for k in keys)
    except pl.exceptions.PolarsError as exc:
        raise DataFormatError(
            _("{origin}: the key columns {columns} are not whole numbers").format(
                origin=origin, columns=", ".join(keys)
            ),
            _("give the publisher's file unchanged"),
        ) from exc
    if frame.select(pl.any_horizontal(pl.col(k).is_null() for k in keys).any()).item():
        raise DataFormatError(
            _("{origin}: a row has no {columns}").format(origin=origin, columns=" / ".join(keys)),
            _("give the publisher's file unchanged"),
        )
    return frame


def negative_to_null(frame: pl.DataFrame, columns: Sequence[str]) -> pl.DataFrame:
    """Negative values (COW's −9 missing, −8 not applicable, −7 ongoing) → null, as Float64."""
    return frame.with_columns(
        pl.when(pl.col(c).cast(pl.Float64) < 0)
        .then(None)
        .otherwise(pl.col(c).cast(pl.Float64))
        .alias(c)
        for c in columns
    )


def nondirected(frame: pl.DataFrame) -> pl.DataFrame:
    """Each pair as ``ccode1 < ccode2`` (the lower code first); other columns unchanged."""
    return frame.with_columns(
        pl.min_horizontal("ccode1", "ccode2").alias("ccode1"),
        pl.max_horizontal("ccode1", "ccode2").alias("ccode2"),
    )


def codes_to_null(
    frame: pl.DataFrame, columns: Sequence[str], codes: Sequence[int]
) -> pl.DataFrame:
    """Values in ``codes`` (e.g. −9, −8) → null in integer ``columns``, kept as Int32."""
    return frame.with_columns(
        pl.when(pl.col(c).cast(pl.Int64).is_in(list(codes)))
        .then(None)
        .otherwise(pl.col(c))
        .cast(pl.Int32)
        .alias(c)
        for c in columns
    )


def iso_dates(frame: pl.DataFrame, columns: Sequence[str], origin: str) -> pl.DataFrame:
    """Text (``YYYY-MM-DD``, a time part ignored) or date columns → Date; one line when not a date."""
    out = []
    for c in columns:
        series = frame[c]
        if series.dtype == pl.Date:
            out.append(series)
            continue
        if isinstance(series.dtype, pl.Datetime):
            out.append(series.dt.date())
            continue
        text = series.cast(pl.String).str.strip_chars()
        days = text.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
        bad = (days.is_null() & text.is_not_null() & (text != "")).arg_true()
        if len(bad):
            raise DataFormatError(
                _("{origin}, column {column}: {value!r} is not a date (YYYY-MM-DD)").format(
                    origin=origin, column=c, value=text[int(bad[0])]
                ),
                _("give the publisher's file unchanged"),
            )
        out.append(days.alias(c))
    return frame.with_columns(out)


# ---- registry and cache -------------------------------------------------------------------
def register_tables(
    readers: Mapping[str, tuple[FileReader, str]],
    identifying: Mapping[str, set[str]],
) -> None:
    """Register each ``dataset id → (file reader, canonical table)`` with the import machinery.

    ``identifying`` gives, per dataset, columns that pick its file out of a zip whose member has
    another name than the published one.
    """
    for dataset_id, (read, table) in readers.items():
        register_reader(
            dataset_id, _one_file_reader(read, table), {"data": identifying[dataset_id]}
        )
        TABLES[dataset_id] = table


def _one_file_reader(
    read: FileReader, table: str
) -> Callable[[Mapping[str, Path], Dataset], dict[str, pl.DataFrame]]:
    def reader(paths: Mapping[str, Path], dataset: Dataset) -> dict[str, pl.DataFrame]:
        return {table: read(paths[dataset.main.role])}

    return reader


def load_table(dataset_id: str, table: str, **details: object) -> pd.DataFrame:
    """The cached canonical ``table`` of ``dataset_id`` as pandas, with its provenance.

    The provenance has unit ``table`` and the dataset at the version recorded in the cache;
    ``details`` (JSON-able) are recorded with it. Integer columns with missing values become
    floats with NaN (pandas' default). Raises
    :class:`~ujym.core.errors.DataNotAvailableError` naming the command that imports it.
    """
    frame = cache.read_cached(dataset_id, table).to_pandas()
    return attach(
        frame,
        Provenance(Unit.TABLE, datasets=(cache.dataset_ref(dataset_id),), details=details),
    )


__all__ = [
    "TABLES",
    "FileReader",
    "codes_to_null",
    "has_columns",
    "iso_dates",
    "load_table",
    "negative_to_null",
    "nondirected",
    "read_csv_bytes",
    "read_published",
    "register_tables",
    "require_columns",
    "whole_keys",
]
