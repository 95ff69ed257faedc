"""The local data cache: one folder per dataset, replaced whole and atomically.

Layout (``$UJYM_DATA_DIR``, else the user data directory of platformdirs)::

    <cache>/
      <dataset id>/
        manifest.json         version, sha256 and origin of each raw file, imported_at, table rows
        raw/<file name>       the verified file(s) as published
        <table>.parquet       canonical tables (e.g. votes.parquet, roll_calls.parquet)
      .downloads/<id>/...part partial downloads kept for resuming
      .lock                   the commit lock (one commit at a time, across processes)
      .runs/<run>.lock        held by each running ujym process for its whole life
      .staging-<id>--<run>--* a new copy being built (removed on failure)
      .work--<run>--*         unpacked archives of an import (removed at the end)
      .old-<id>--<run>        the previous copy during a commit (removed at its end)

A new copy of a dataset is built completely in a staging folder beside the old one, then swapped in
with two renames under an inter-process lock (:func:`commit`). A failed import or download never
touches the last good copy. A process killed at any moment leaves the cache readable: the next
ujym to commit, or to miss a dataset, first runs :func:`recover` under the same lock, which puts a
stranded ``.old-*`` copy back (when the new one never arrived) or removes it, and removes the
staging and work folders of runs that are no longer alive (a run's liveness is its ``.runs`` lock:
the kernel releases it when the process dies, however it dies).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import polars as pl
from filelock import FileLock, Timeout
from platformdirs import user_data_dir

from ujym.core.errors import DataFormatError, DataNotAvailableError, UjymError
from ujym.core.provenance import DatasetRef
from ujym.i18n import _
from ujym.sources.download import sha256_file
from ujym.sources.files import atomic_write

DATA_DIR_ENV = "UJYM_DATA_DIR"
MANIFEST = "manifest.json"
LOCK_TIMEOUT_ENV = "UJYM_LOCK_TIMEOUT"
LOCK_TIMEOUT = 600.0
"""Seconds a commit waits for another process's commit before giving up (``UJYM_LOCK_TIMEOUT``)."""
PAUSE_ENV = "UJYM_PAUSE_AT"
"""Test hook: a process stops (sleeps) at the named step of a commit, for a kill test."""

T = TypeVar("T")

RUN = f"{os.getpid()}-{secrets.token_hex(4)}"
"""This process's run id: it names the folders the process creates in the cache."""
_RUN_LOCKS: dict[Path, FileLock] = {}


class CacheBusyError(UjymError):
    """Another process holds the commit lock for longer than ``UJYM_LOCK_TIMEOUT``."""


def data_dir() -> Path:
    """The cache folder: ``$UJYM_DATA_DIR`` or the user data directory (created on demand).

    Raises :class:`UjymError` (one line) when the path is a file or cannot be created.
    """
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    path = Path(env).expanduser() if env else Path(user_data_dir("ujym", appauthor=False))
    where = f"{DATA_DIR_ENV}={env}" if env else _("the data folder {path}").format(path=path)
    if path.exists() and not path.is_dir():
        raise UjymError(
            _("{where} is not a folder").format(where=where),
            _("point {variable} to a folder (or unset it)").format(variable=DATA_DIR_ENV),
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UjymError(
            _("{where} cannot be created ({reason})").format(where=where, reason=_os_reason(exc)),
            _("point {variable} to a folder you can write").format(variable=DATA_DIR_ENV),
        ) from None
    return path


def _pause(step: str) -> None:
    """Stop here for good when ``$UJYM_PAUSE_AT`` names ``step`` (kill-at-every-step tests)."""
    if os.environ.get(PAUSE_ENV) == step:
        sys.stderr.write(f"paused at {step}\n")
        sys.stderr.flush()
        time.sleep(3600)


def _run_lock(root: Path) -> None:
    """Hold this process's run lock in ``root`` (taken once, released when the process ends)."""
    if root in _RUN_LOCKS:
        return
    runs = root / ".runs"
    runs.mkdir(exist_ok=True)
    lock = FileLock(runs / f"{RUN}.lock", timeout=0)
    lock.acquire()
    _RUN_LOCKS[root] = lock


def _alive(root: Path, run: str) -> bool:
    """Whether the run ``run`` still holds its run lock (a dead process holds nothing)."""
    if run == RUN:
        return True
    path = root / ".runs" / f"{run}.lock"
    if not path.exists():
        return False
    probe = FileLock(path, timeout=0)
    try:
        probe.acquire()
    except Timeout:
        return True
    probe.release()
    return False


def run_folder(prefix: str, dataset_id: str = "", parent: Path | None = None) -> Path:
    """A new folder ``.<prefix>-<id>--<run>--<random>`` in the cache (or ``parent`` inside it),
    owned by this run: :func:`recover` removes it only once this process is gone.
    """
    root = data_dir()
    _run_lock(root)
    while True:
        path = (parent or root) / f".{prefix}-{dataset_id}--{RUN}--{secrets.token_hex(4)}"
        try:
            path.mkdir()
        except FileExistsError:  # pragma: no cover - 32 random bits
            continue
        return path


_OWNER = re.compile(r"--(\d+-[0-9a-f]{8})--")


def _owner(name: str) -> str | None:
    """The run that made the folder ``name`` (None for a folder of an older ujym).

    >>> _owner(f".work---{RUN}--0a1b2c3d") == RUN, _owner(".work-k2j4h5g6")
    (True, None)
    """
    found = _OWNER.search(name)
    return found.group(1) if found else None


@contextlib.contextmanager
def commit_lock() -> Iterator[Path]:
    """Hold the cache's inter-process commit lock; yields the cache folder."""
    root = data_dir()
    raw = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
    try:
        timeout = float(raw) if raw else LOCK_TIMEOUT
    except ValueError:
        timeout = LOCK_TIMEOUT
    lock = FileLock(root / ".lock", timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise CacheBusyError(
            _("another ujym process has been writing to the cache ({path}) for {seconds} s").format(
                path=root, seconds=f"{timeout:g}"
            ),
            _("wait for it to finish and run the command again (or raise {variable})").format(
                variable=LOCK_TIMEOUT_ENV
            ),
        ) from None
    try:
        yield root
    finally:
        lock.release()


def recover() -> list[str]:
    """Repair what killed runs left in the cache; returns what was done (one line each).

    Under the commit lock: a stranded ``.old-<id>-*`` copy goes back into place when ``<id>`` is
    missing (the commit died between its two renames) and is removed otherwise; staging, work and
    old folders of runs that are no longer alive are removed; so are their run locks.
    """
    with commit_lock() as root:
        return _recover(root)


def _recover(root: Path) -> list[str]:
    """:func:`recover`, the commit lock being held."""
    done: list[str] = []
    for old in sorted(root.glob(".old-*")):
        manifest = _manifest_in(old)
        dataset_id = manifest.dataset if manifest else ""
        target = root / dataset_id
        if dataset_id and "/" not in dataset_id and not target.exists():
            os.replace(old, target)
            done.append(f"restored {dataset_id} from an interrupted commit")
        else:
            shutil.rmtree(old, ignore_errors=True)
            done.append(f"removed {old.name}")
    for pattern in (".staging-*", ".work-*", ".ready-*"):
        for folder in sorted(root.glob(pattern)) + sorted(root.glob(f".downloads/*/{pattern}")):
            run = _owner(folder.name)
            if run is None or not _alive(root, run):
                shutil.rmtree(folder, ignore_errors=True)
                done.append(f"removed {folder.name}")
    runs = root / ".runs"
    if runs.is_dir():
        for lock in runs.glob("*.lock"):
            if not _alive(root, lock.name.removesuffix(".lock")):
                lock.unlink(missing_ok=True)
    return done


def dataset_dir(dataset_id: str) -> Path:
    """The cache folder of ``dataset_id``."""
    return data_dir() / dataset_id


def downloads_dir(dataset_id: str) -> Path:
    """The folder partial downloads of ``dataset_id`` go to (created when missing)."""
    path = data_dir() / ".downloads" / dataset_id
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class RawFile:
    """One raw file of a cached dataset: its role, name, checksum and size."""

    role: str
    name: str
    sha256: str
    size: int
    source: str  # the URL it was downloaded from, or the path it was imported from


@dataclass(frozen=True)
class Manifest:
    """What the cache records of a dataset: version, origin, files and tables with checksums."""

    dataset: str
    version: str
    origin: str  # "download" or "import"
    imported_at: str  # ISO 8601, UTC
    files: tuple[RawFile, ...]
    tables: dict[str, int] = field(default_factory=dict)  # table name -> rows
    details: dict[str, str] = field(default_factory=dict)
    table_sha256: dict[str, str] = field(default_factory=dict)  # table name -> sha256 of its file

    def to_json(self) -> str:
        """The manifest as JSON text (sorted keys, one trailing newline)."""
        data = asdict(self)
        return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """A manifest from its JSON text."""
        data = json.loads(text)
        data["files"] = tuple(RawFile(**f) for f in data.get("files", ()))
        return cls(**data)

    def sha256_of(self, role: str) -> str | None:
        """The checksum of the raw file with ``role`` (None when there is none)."""
        for f in self.files:
            if f.role == role:
                return f.sha256
        return None


def now_utc() -> str:
    """The current time in UTC, ISO 8601, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _manifest_in(folder: Path) -> Manifest | None:
    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        return Manifest.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, TypeError, KeyError, OSError):
        return None


def read_manifest(dataset_id: str) -> Manifest | None:
    """The manifest of the cached copy of ``dataset_id``, or None when it is not cached."""
    return _manifest_in(dataset_dir(dataset_id))


def dataset_ref(dataset_id: str) -> DatasetRef:
    """The catalog id and the cached version of ``dataset_id`` (no version when not cached)."""
    manifest = read_manifest(dataset_id)
    return DatasetRef(dataset_id, manifest.version if manifest and manifest.version else None)


def is_cached(dataset_id: str) -> bool:
    """Whether ``dataset_id`` is in the cache."""
    return read_manifest(dataset_id) is not None


def table_path(dataset_id: str, table: str) -> Path:
    """The Parquet file of ``table`` of a cached dataset."""
    return dataset_dir(dataset_id) / f"{table}.parquet"


def _verified(dataset_id: str, table: str, read: Callable[[Path], T]) -> T:
    """Verify a cached table against its manifest, then ``read`` it.

    First without the lock (the usual case: nothing is being committed); when the dataset seems
    missing, the file vanishes or its digest differs (another process may be swapping the folder
    at that very moment), once more holding the commit lock, after :func:`recover`: that answer
    is final.
    """
    for locked in (False, True):
        with commit_lock() if locked else contextlib.nullcontext(data_dir()) as root:
            if locked:
                _recover(root)
            path = root / dataset_id / f"{table}.parquet"
            manifest = read_manifest(dataset_id)
            if manifest is None or not path.is_file():
                if not locked:
                    continue
                raise DataNotAvailableError(
                    _("dataset {dataset!r} is not in the cache ({path})").format(
                        dataset=dataset_id, path=root
                    ),
                    _("run `ujym data pull {dataset}` or `ujym data import {dataset} FILE`").format(
                        dataset=dataset_id
                    ),
                )
            damaged = _damaged(dataset_id, table, path)
            expected = manifest.table_sha256.get(table)
            try:
                if expected and sha256_file(path) != expected:
                    if locked:
                        raise damaged
                    continue
                return read(path)
            except (OSError, pl.exceptions.PolarsError):
                if locked:
                    raise damaged from None
    raise AssertionError("unreachable")  # pragma: no cover


def _damaged(dataset_id: str, table: str, path: Path) -> DataFormatError:
    return DataFormatError(
        _(
            "the cached table {table} of {dataset} is damaged ({path} is not the file written "
            "at import, or cannot be read)"
        ).format(table=table, dataset=dataset_id, path=path),
        _("run `ujym data import {dataset} FILE` or `ujym data pull {dataset}` again").format(
            dataset=dataset_id
        ),
    )


def _os_reason(exc: OSError) -> str:
    """The system's reason in ujym's words (its English strerror is not shown)."""
    reasons = {
        errno.EACCES: _("no permission"),
        errno.EPERM: _("no permission"),
        errno.EROFS: _("the file system is read-only"),
        errno.ENOSPC: _("no space left on the disk"),
        errno.ENOTDIR: _("a part of the path is a file"),
        errno.EEXIST: _("a file of that name exists"),
    }
    return reasons.get(exc.errno or 0) or _("system error {code}").format(code=exc.errno or "?")


def require_table(dataset_id: str, table: str) -> Path:
    """Path of a cached canonical table, verified against its manifest.

    Raises :class:`DataNotAvailableError` with the command that imports the dataset when it is
    not cached, and :class:`DataFormatError` when the cached table is damaged (its sha256 is not
    the one recorded at import). A dataset caught in the middle of another process's commit is
    waited for (the commit lock), never reported missing.
    """
    return _verified(dataset_id, table, lambda path: path)


def read_cached(dataset_id: str, table: str) -> pl.DataFrame:
    """The cached canonical table as polars, verified (see :func:`require_table`).

    Reading happens in the same attempt as the verification, so a commit by another process
    cannot slip between them unnoticed.
    """
    return _verified(dataset_id, table, pl.read_parquet)


@contextlib.contextmanager
def staging(dataset_id: str) -> Iterator[Path]:
    """A fresh folder beside the cache's copy; removed unless :func:`commit` moved it in."""
    path = run_folder("staging", dataset_id)
    try:
        yield path
    finally:
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def workdir() -> Iterator[Path]:
    """A scratch folder in the cache for this run (unpacked archives); removed at the end."""
    path = run_folder("work")
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def write_table(folder: Path, name: str, frame: pl.DataFrame) -> int:
    """Write a canonical table as zstd Parquet (atomically) in ``folder``; returns its rows."""
    atomic_write(
        folder / f"{name}.parquet",
        lambda tmp: frame.write_parquet(tmp, compression="zstd", statistics=True),
    )
    return frame.height


def table_digests(folder: Path, tables: dict[str, int]) -> dict[str, str]:
    """sha256 of each canonical table written in ``folder`` (recorded in the manifest)."""
    return {name: sha256_file(folder / f"{name}.parquet") for name in tables}


def commit(dataset_id: str, staged: Path, manifest: Manifest) -> Path:
    """Swap a completely built staging folder in for the dataset's folder.

    Under the commit lock (one commit at a time across processes, after :func:`recover`): the
    manifest is written last inside the staging folder, fsynced; the old copy is renamed aside
    (``.old-<id>--<run>``), the new one renamed into place, then the old one removed. Both renames
    are on the same filesystem. Killed between the renames, the next :func:`recover` puts the old
    copy back; killed after, it removes the old copy.
    """
    if not manifest.table_sha256 and manifest.tables:
        manifest = replace(manifest, table_sha256=table_digests(staged, manifest.tables))
    atomic_write(staged / MANIFEST, manifest.to_json())
    _pause("staged")
    with commit_lock() as root:
        _recover(root)
        _pause("locked")
        target = root / dataset_id
        old: Path | None = None
        if target.exists():
            old = root / f".old-{dataset_id}--{RUN}"
            os.replace(target, old)
        _pause("old-moved")
        try:
            os.replace(staged, target)
        except BaseException:
            if old is not None:
                os.replace(old, target)
            raise
        _pause("new-moved")
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        _pause("committed")
    return target


@dataclass(frozen=True)
class CachedDataset:
    """A dataset in the cache: its folder, manifest and size on disk."""

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
    "RUN",
    "CacheBusyError",
    "CachedDataset",
    "Manifest",
    "RawFile",
    "cached_datasets",
    "commit",
    "commit_lock",
    "data_dir",
    "dataset_dir",
    "downloads_dir",
    "is_cached",
    "now_utc",
    "read_cached",
    "read_manifest",
    "recover",
    "require_table",
    "run_folder",
    "staging",
    "table_path",
    "workdir",
    "write_table",
]
