"""Frames written by the command line (CSV, JSON, Parquet), each with its provenance.

- JSON: ``{"ujym": <provenance>, "rows": [...]}``;
- Parquet: the provenance in the file's key-value metadata under ``ujym`` (and where pandas
  keeps ``df.attrs``, so ``ujym.provenance_of(pd.read_parquet(path))`` reads it back);
- CSV: the data as is, and the provenance beside it in ``<file>.provenance.json`` (CSV has no
  place for it); printed CSV has none.

The provenance is :meth:`ujym.core.provenance.Provenance.to_dict` (unit, datasets with versions,
casebook, columns with their units, details).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ujym.core.errors import UjymError, WrongUnitError
from ujym.core.provenance import provenance_of
from ujym.i18n import _
from ujym.sources.files import atomic_write

FORMATS = ("table", "csv", "json", "parquet")
FILE_FORMATS = ("csv", "json", "parquet")
SIDECAR = ".provenance.json"


def provenance_record(df: pd.DataFrame) -> dict[str, Any] | None:
    """The frame's provenance as a JSON-able record (None when it carries none)."""
    try:
        return provenance_of(df).to_dict()
    except WrongUnitError:
        return None


def frame_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """The frame in ``fmt`` (csv, json, parquet) as bytes; JSON and Parquet carry provenance."""
    record = provenance_record(df)
    if fmt == "csv":
        return str(df.to_csv(index=False)).encode()
    if fmt == "json":
        rows: Any = json.loads(str(df.to_json(orient="records")))
        payload = {"ujym": record or {}, "rows": rows}
        return (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode()
    if fmt == "parquet":
        table = pa.Table.from_pandas(df, preserve_index=False)
        if record is not None:
            meta = dict(table.schema.metadata or {})
            meta[b"ujym"] = json.dumps(record, ensure_ascii=False).encode()
            table = table.replace_schema_metadata(meta)
        buf = io.BytesIO()
        pq.write_table(table, buf)
        return buf.getvalue()
    raise UjymError(
        _("unknown format {fmt!r}").format(fmt=fmt),
        _("use --format {formats}").format(formats="|".join(FORMATS)),
    )


def check_frame_output(
    out: Path | None,
    fmt: str = "table",
    *,
    default: str | None = None,
    formats: tuple[str, ...] = FILE_FORMATS,
) -> str:
    """The file format a frame command writes to ``out``, checked before any computation.

    ``fmt`` is the command's ``--format`` (``table``: from the file name's extension). A name
    whose extension is not one of ``formats`` (``kaz.png``: images come from
    ``plot-alignment`` and ``ideal --plot``) is a one-line error; ``default`` is the format of
    a file name without extension (None: refused too).

    >>> check_frame_output(Path("a.parquet"))
    'parquet'
    >>> check_frame_output(Path("a.png"))
    Traceback (most recent call last):
    ...
    ujym.core.errors.UjymError: cannot write a.png: unknown file type — end the file name with .csv, .json or .parquet
    """
    if out is None or fmt != "table":
        return fmt
    suffix = out.suffix.lstrip(".").lower()
    if not suffix and default is not None:
        return default
    if suffix not in formats:
        raise UjymError(
            _("cannot write {path}: unknown file type").format(path=out),
            _("end the file name with {accepted} or {last}").format(
                accepted=", ".join(f".{f}" for f in formats[:-1]), last=f".{formats[-1]}"
            ),
        )
    return suffix


def sidecar_path(path: Path) -> Path:
    """Where the provenance of a CSV file is written: ``<file>.provenance.json``."""
    return path.with_name(path.name + SIDECAR)


def write_frame(path: Path, df: pd.DataFrame, fmt: str | None = None) -> Path:
    """Write ``df`` to ``path`` (format from ``fmt`` or the suffix, CSV by default), atomically.

    A CSV file gets its provenance in :func:`sidecar_path`; JSON and Parquet carry it inside.
    """
    fmt = fmt or (path.suffix.lstrip(".").lower() if path.suffix else "csv")
    written = atomic_write(path, frame_bytes(df, fmt))
    record = provenance_record(df)
    if fmt == "csv" and record is not None:
        atomic_write(sidecar_path(path), json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    return written


__all__ = [
    "FILE_FORMATS",
    "FORMATS",
    "check_frame_output",
    "frame_bytes",
    "provenance_record",
    "sidecar_path",
    "write_frame",
]
