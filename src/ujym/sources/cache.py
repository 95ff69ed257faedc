"""The local data cache: one folder per dataset, replaced whole and atomically.

Layout (``$UJYM_DATA_DIR``, else the user data directory of platformdirs)::

    <cache>/
      <dataset id>/
        manifest.json         version, sha256 and origin of each raw file, imported_at, table rows
        raw/<file name>       the verified file(s) as published
        <table>.parquet       canonical tables (e.g. votes.parquet, roll_calls.parquet)
      .downloads/<id>/...part partial downloads kept for resuming
      .staging-*              a new copy being built (removed on failure)

A new copy of a dataset is built completely in a staging folder beside the old one, then swapped in
with renames; a failed import or download never touches the last good copy.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
from platformdirs import user_data_dir

from ujym.core.errors import DataNotAvailableError
from ujym.core.provenance import DatasetRef
from ujym.sources.files import atomic_write

DATA_DIR_ENV = "UJYM_DATA_DIR"
MANIFEST = "manifest.json"


def data_dir() -> Path:
    """The cache folder: ``$UJYM_DATA_DIR`` or the user data directory (created on demand)."""
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    path = Path(env).expanduser() if env else Path(user_data_dir("ujym", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def dataset_dir(dataset_id: str) -> Path:
    return data_dir() / dataset_id


def downloads_dir(dataset_id: str) -> Path:
    path = data_dir() / ".downloads" / dataset_id
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class RawFile:
    role: str
    name: str
    sha256: str
    size: int
    source: str  # the URL it was downloaded from, or the path it was imported from


@dataclass(frozen=True)
class Manifest:
    dataset: str
    version: str
    origin: str  # "download" or "import"
    imported_at: str  # ISO 8601, UTC
    files: tuple[RawFile, ...]
    tables: dict[str, int] = field(default_factory=dict)  # table name -> rows
    details: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        data["files"] = tuple(RawFile(**f) for f in data.get("files", ()))
        return cls(**data)

    def sha256_of(self, role: str) -> str | None:
        for f in self.files:
            if f.role == role:
                return f.sha256
        return None


def now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def read_manifest(dataset_id: str) -> Manifest | None:
    """The manifest of the cached copy of ``dataset_id``, or None when it is not cached."""
    path = dataset_dir(dataset_id) / MANIFEST
    if not path.is_file():
        return None
    try:
        return Manifest.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, TypeError, KeyError):
        return None


def dataset_ref(dataset_id: str) -> DatasetRef:
    """The catalog id and the cached version of ``dataset_id`` (no version when not cached)."""
    manifest = read_manifest(dataset_id)
    return DatasetRef(dataset_id, manifest.version if manifest and manifest.version else None)


def is_cached(dataset_id: str) -> bool:
    return read_manifest(dataset_id) is not None


def table_path(dataset_id: str, table: str) -> Path:
    return dataset_dir(dataset_id) / f"{table}.parquet"


def require_table(dataset_id: str, table: str) -> Path:
    """Path of a cached canonical table, or :class:`DataNotAvailableError` with the command."""
    path = table_path(dataset_id, table)
    if read_manifest(dataset_id) is None or not path.is_file():
        raise DataNotAvailableError(
            f"dataset {dataset_id!r} is not in the cache ({data_dir()})",
            f"run `ujym data pull {dataset_id}` or `ujym data import {dataset_id} FILE`",
        )
    return path


@contextlib.contextmanager
def staging(dataset_id: str) -> Iterator[Path]:
    """A fresh folder beside the cache's copy; removed unless :func:`commit` moved it in."""
    root = data_dir()
    path = Path(tempfile.mkdtemp(prefix=f".staging-{dataset_id}-", dir=root))
    try:
        yield path
    finally:
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)


def write_table(folder: Path, name: str, frame: pl.DataFrame) -> int:
    """Write a canonical table as zstd Parquet (atomically) in ``folder``; returns its rows."""
    atomic_write(
        folder / f"{name}.parquet",
        lambda tmp: frame.write_parquet(tmp, compression="zstd", statistics=True),
    )
    return frame.height


def commit(dataset_id: str, staged: Path, manifest: Manifest) -> Path:
    """Swap a completely built staging folder in for the dataset's folder.

    The manifest is written last inside the staging folder; the old copy is renamed aside, the new
    one renamed into place, then the old one removed. Both renames are on the same filesystem.
    """
    atomic_write(staged / MANIFEST, manifest.to_json())
    target = dataset_dir(dataset_id)
    old: Path | None = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".old-{dataset_id}-", dir=data_dir()))
        old.rmdir()
        os.replace(target, old)
    try:
        os.replace(staged, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target


@dataclass(frozen=True)
class CachedDataset:
    dataset: str
    path: Path
    manifest: Manifest
    size: int  # bytes on disk (raw files and tables)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def cached_datasets() -> list[CachedDataset]:
    """Every dataset in the cache, sorted by id."""
    root = data_dir()
    out: list[CachedDataset] = []
    for child in sorted(root.iterdir()):
        if child.name.startswith(".") or not child.is_dir():
            continue
        manifest = read_manifest(child.name)
        if manifest is not None:
            out.append(CachedDataset(child.name, child, manifest, folder_size(child)))
    return out


__all__ = [
    "DATA_DIR_ENV",
    "CachedDataset",
    "Manifest",
    "RawFile",
    "cached_datasets",
    "commit",
    "data_dir",
    "dataset_dir",
    "downloads_dir",
    "is_cached",
    "now_utc",
    "read_manifest",
    "require_table",
    "staging",
    "table_path",
    "write_table",
]
