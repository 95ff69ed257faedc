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

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ujym.core.errors import UjymError
from ujym.i18n import _
from ujym.reports.records import FORMATS, frame_bytes, provenance_record
from ujym.sources.files import atomic_write

if TYPE_CHECKING:  # pandas loads with the frame, not with every command
    import pandas as pd

FILE_FORMATS = ("csv", "json", "parquet")
SIDECAR = ".provenance.json"


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


def export_frame(df: pd.DataFrame, fmt: str, out: Path | None) -> bool:
    """Write ``df`` to ``out`` or print it in a machine format, as ``--format``/``--out`` ask.

    Returns False when a terminal table is wanted (``--format table`` and no ``--out``): the
    command prints its own. With ``--out`` and no format, the file's suffix chooses (CSV when it
    has none). Parquet is binary: it needs a file.
    """
    if fmt == "table" and out is None:
        return False
    if fmt == "table":
        fmt = out.suffix.lstrip(".").lower() if out is not None and out.suffix else "csv"
    if fmt not in FILE_FORMATS:
        raise UjymError(
            _("unknown format {fmt!r}").format(fmt=fmt),
            _("use --format {formats}").format(formats="|".join(FORMATS)),
        )
    if out is None:
        if fmt == "parquet":
            raise UjymError(
                _("parquet output needs a file"), _("add --out FILE.parquet, or use --format csv")
            )
        click.echo(frame_bytes(df, fmt).decode(), nl=False)
        return True
    write_frame(out, df, fmt)
    click.echo(_("Table written to {path}").format(path=out), err=True)
    return True


__all__ = [
    "FILE_FORMATS",
    "FORMATS",
    "check_frame_output",
    "export_frame",
    "frame_bytes",
    "provenance_record",
    "sidecar_path",
    "write_frame",
]
