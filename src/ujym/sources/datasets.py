"""The three operations every dataset shares: pull, import and status.

``pull`` downloads the catalog's files (resuming, verifying), ``import_file`` takes a file the user
already has (the publisher's CSV, a zip containing it, or a Parquet copy with the same columns), and
both end in the same place: the publisher's reader turns the files into canonical Parquet tables in a
staging folder, which replaces the cached copy only when everything succeeded.

A reader is registered by name (the catalog entry's ``reader``) with :func:`register_reader`; it gets
``{role: path}`` and the catalog entry and returns ``{table name: polars DataFrame}``.

Nothing reaches the cache unchecked (:mod:`ujym.sources.schemas`): the file a user names must fit
one of the dataset's declared layouts (else it is "not a <dataset> file"), its values and key must
keep the layout's rules, and every table the reader returns must keep the canonical schema. An
archive is unpacked within the limits of :mod:`ujym.sources.limits` (members, total size, ratio).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import polars as pl

from ujym.core.errors import DataFormatError, DownloadError
from ujym.i18n import N_, _, ngettext
from ujym.sources import cache, schemas
from ujym.sources.catalog import Dataset, DatasetFile, get_dataset, load_catalog
from ujym.sources.download import fetch, sha256_file
from ujym.sources.limits import limit
from ujym.sources.tables import TABLE_SUFFIXES, header, is_zip

MIRROR_ENV = "UJYM_MIRROR"

Reader = Callable[[Mapping[str, Path], Dataset], dict[str, pl.DataFrame]]


@dataclass(frozen=True)
class ReaderSpec:
    """How a dataset's files are read: the reader, its required columns and its version."""

    name: str
    read: Reader
    required: Mapping[str, frozenset[str]] = field(default_factory=dict)  # role -> columns
    version: Callable[[Mapping[str, Path], Dataset], str] | None = None


_READERS: dict[str, ReaderSpec] = {}

READER_MODULES: tuple[str, ...] = (
    "ujym.sources.unga",
    "ujym.sources.peacescience",
    "ujym.sources.bsv",
)
"""Modules whose import registers readers (add a module here when it adds a reader)."""


def register_reader(
    name: str,
    read: Reader,
    required: Mapping[str, set[str] | frozenset[str]] | None = None,
    version: Callable[[Mapping[str, Path], Dataset], str] | None = None,
) -> None:
    """Register the reader ``name`` (used by catalog entries whose ``reader`` is ``name``).

    ``required`` gives, per file role, columns that identify the file (used to pick it out of a
    zip); ``version`` may read a version string from the files (default: the catalog's version).
    """
    req = {role: frozenset(cols) for role, cols in (required or {}).items()}
    _READERS[name] = ReaderSpec(name, read, req, version)


def _reader(dataset: Dataset) -> ReaderSpec:
    if dataset.reader not in _READERS:
        # importing the publishers' modules registers their readers
        for module in READER_MODULES:
            importlib.import_module(module)
    try:
        return _READERS[dataset.reader]
    except KeyError:
        raise DataFormatError(
            _("dataset {dataset!r} needs the reader {reader!r}, which ujym does not have").format(
                dataset=dataset.id, reader=dataset.reader
            ),
            _("update ujym, or fix the catalog entry's `reader`"),
        ) from None


# ---------------------------------------------------------------------------------------------
# locating the input files


def _candidates(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in TABLE_SUFFIXES and not p.name.startswith(".")
    )


def _pick(
    files: list[Path], spec: DatasetFile, required: frozenset[str], taken: set[Path]
) -> Path | None:
    by_name = {p.name.lower(): p for p in files if p not in taken}
    for name in spec.names:
        if name.lower() in by_name:
            return by_name[name.lower()]
    if required:
        fits = [p for p in files if p not in taken and required <= set(header(p))]
        if fits:
            return max(fits, key=lambda p: p.stat().st_size)
    return None


def _zip_refusal(path: Path, what: str, setting: str) -> DataFormatError:
    return DataFormatError(
        _("{path}: {what} (limit {setting})").format(path=path, what=what, setting=setting),
        _("unpack the archive yourself and import the table inside it, or raise {setting}").format(
            setting=setting
        ),
    )


def extract_tables(path: Path, folder: Path) -> list[Path]:
    """Unpack the tables (CSV, TSV, Parquet) of the zip ``path`` into ``folder``, within limits.

    Refused before anything is written: more members than ``UJYM_MAX_ZIP_ENTRIES``, declared
    sizes adding up to more than ``UJYM_MAX_UNZIPPED_BYTES``, a member larger than 1 MiB that
    expands more than ``UJYM_MAX_ZIP_RATIO`` times. While unpacking, the bytes actually written
    are counted against the same size limit (a member may lie about its size), so no more than
    the limit ever reaches the disk. Member names never leave ``folder`` (each member goes to a
    numbered sub-folder under its base name). A damaged member (CRC) is refused.
    """
    max_bytes = int(limit("UJYM_MAX_UNZIPPED_BYTES"))
    max_entries = int(limit("UJYM_MAX_ZIP_ENTRIES"))
    max_ratio = float(limit("UJYM_MAX_ZIP_RATIO"))
    written: list[Path] = []
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            if len(members) > max_entries:
                raise _zip_refusal(
                    path,
                    _("the zip has {n} members").format(n=len(members)),
                    "UJYM_MAX_ZIP_ENTRIES",
                )
            tables = [
                m
                for m in members
                if not m.is_dir()
                and "__MACOSX" not in m.filename
                and PurePosixPath(m.filename).suffix.lower() in TABLE_SUFFIXES
                and not PurePosixPath(m.filename).name.startswith(".")
            ]
            declared = sum(m.file_size for m in tables)
            if declared > max_bytes:
                raise _zip_refusal(
                    path,
                    _("the zip expands to {size} bytes").format(size=declared),
                    "UJYM_MAX_UNZIPPED_BYTES",
                )
            for m in tables:
                ratio = m.file_size // max(m.compress_size, 1)
                if m.file_size > 1 << 20 and m.file_size > max_ratio * max(m.compress_size, 1):
                    raise _zip_refusal(
                        path,
                        ngettext(
                            "member {member} expands {ratio} time (a zip bomb?)",
                            "member {member} expands {ratio} times (a zip bomb?)",
                            ratio,
                        ).format(member=m.filename, ratio=ratio),
                        "UJYM_MAX_ZIP_RATIO",
                    )
            total = 0
            for i, m in enumerate(tables):
                target = folder / str(i) / PurePosixPath(m.filename).name
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(m) as src, target.open("wb") as dst:
                    while block := src.read(1 << 20):
                        total += len(block)
                        if total > max_bytes:
                            raise _zip_refusal(
                                path,
                                _("the zip expands to more than {size} bytes").format(
                                    size=max_bytes
                                ),
                                "UJYM_MAX_UNZIPPED_BYTES",
                            )
                        dst.write(block)
                written.append(target)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        # zipfile's English reason ("File is not a zip file", "Bad CRC-32 …") is left out
        raise DataFormatError(
            _("{path}: damaged or truncated zip").format(path=path), _("download the zip again")
        ) from None
    except NotImplementedError:  # an unsupported compression method (zipfile's reason left out)
        raise DataFormatError(
            _("{path}: the zip uses a compression ujym cannot read").format(path=path),
            _("unpack it yourself and import the table inside it"),
        ) from None
    return written


_TABLE_OF_ROLE = {
    "votes": N_("the votes table"),
    "roll_calls": N_("the roll_calls table"),
    "issues": N_("the issues table"),
    "matches": N_("the matches table"),
    "ideal_points": N_("the ideal_points table"),
    "data": N_("the data table"),
}
"""A file role as a missing companion is named ("the roll_calls table"), in the reader's words."""


def locate_inputs(
    dataset: Dataset, spec: ReaderSpec, path: Path, workdir: Path
) -> tuple[dict[str, Path], list[Path]]:
    """Map each file role of ``dataset`` to a readable file.

    ``path`` is the main file (role of the first catalog file), a zip containing the files, or a
    folder. Companion files (other roles) are looked for beside the main file under the names the
    catalog gives. Returns ({role: file to read}, [raw files to keep in the cache]).
    """
    if not path.exists():
        raise DataFormatError(f"{path}: " + _("no such file"), _("check the path"))
    if path.is_file() and is_zip(path):
        folder = workdir / "unzipped"
        extract_tables(path, folder)
        files = _candidates(folder)
        raw = [path]
    elif path.is_dir():
        files = _candidates(path)
        raw = []
    else:
        files = [path]
        raw = [path]
    inputs: dict[str, Path] = {}
    taken: set[Path] = set()
    for i, fspec in enumerate(dataset.files):
        req = spec.required.get(fspec.role, frozenset())
        if i == 0 and path.is_file() and not is_zip(path):
            found: Path | None = path
        else:
            found = _pick(files, fspec, req, taken)
        if found is None and i > 0 and path.is_file() and not is_zip(path):
            beside = _candidates(path.parent)
            preferred = sorted(beside, key=lambda p: p.suffix.lower() != path.suffix.lower())
            found = _pick(preferred, fspec, req, taken | {path})
            if found is not None:
                raw.append(found)
        if found is None:
            problem = (
                _("{path}: {table} of {dataset} was not found in the zip (looked for {names})")
                if is_zip(path)
                else _(
                    "{path}: {table} of {dataset} was not found beside {name} (looked for {names})"
                )
            )
            role_table = _TABLE_OF_ROLE.get(fspec.role)
            raise DataFormatError(
                problem.format(
                    path=path,
                    table=_(role_table)
                    if role_table
                    else _("the {role} table").format(role=fspec.role),
                    dataset=dataset.id,
                    name=path.name,
                    names=", ".join(fspec.names),
                ),
                _("put it in the same folder as {name}, or import a zip of all the files").format(
                    name=path.name
                ),
            )
        if path.is_dir():
            raw.append(found)
        inputs[fspec.role] = found
        taken.add(found)
    return inputs, raw


# ---------------------------------------------------------------------------------------------
# import and pull


def _install(
    dataset: Dataset,
    path: Path,
    *,
    origin: str,
    sources: Mapping[Path, str] | None = None,
    roles: Mapping[Path, str] | None = None,
    move_raw: bool = False,
) -> cache.Manifest:
    spec = _reader(dataset)
    schemas.schema_of(dataset.id)  # a dataset without a declared schema is never imported
    if path.is_file() and not is_zip(path) and path.stat().st_size:
        # the file a user names is identified first: "not a votes file", not "companion missing"
        schemas.identify(dataset.id, dataset.main.role, path)
    with cache.staging(dataset.id) as stage, cache.workdir() as work:
        inputs, raw = locate_inputs(dataset, spec, path, work)
        for role, file in inputs.items():
            schemas.check_input(dataset.id, role, file, _label(file, path, work))
        tables = _read(spec, inputs, dataset)
        missing = [t for t in dataset.tables if t not in tables]
        if missing:
            raise DataFormatError(
                _("reader {reader!r} did not produce table(s) {tables}").format(
                    reader=spec.name, tables=", ".join(missing)
                ),
                _("report this as a bug in ujym"),
            )
        for name, frame in tables.items():
            schemas.check_table(dataset.id, name, frame)
        rows = {name: cache.write_table(stage, name, frame) for name, frame in tables.items()}
        raw_dir = stage / "raw"
        raw_dir.mkdir()
        records: list[cache.RawFile] = []
        role_of = {p: r for r, p in inputs.items()}
        for file in raw:
            name = file.name.removesuffix(".part")
            digest = sha256_file(file)
            size = file.stat().st_size
            if move_raw:
                shutil.move(file, raw_dir / name)
            else:
                shutil.copyfile(file, raw_dir / name)
            role = (roles or {}).get(file) or role_of.get(file) or dataset.main.role
            source = (sources or {}).get(file) or str(file.resolve())
            records.append(cache.RawFile(role, name, digest, size, source))
        version = spec.version(inputs, dataset) if spec.version else dataset.version
        manifest = cache.Manifest(
            dataset=dataset.id,
            version=version,
            origin=origin,
            imported_at=cache.now_utc(),
            files=tuple(records),
            tables=rows,
            table_sha256=cache.table_digests(stage, rows),
        )
        cache.commit(dataset.id, stage, manifest)
    return manifest


def _label(file: Path, given: Path, work: Path) -> str:
    """How to name an input file in a message: a zip member as ``archive.zip!member``."""
    if file.is_relative_to(work):
        return f"{given}!{file.name}"
    return str(file)


def _read(
    spec: ReaderSpec, inputs: Mapping[str, Path], dataset: Dataset
) -> dict[str, pl.DataFrame]:
    """Run the reader; a table library's error becomes one line naming the files."""
    try:
        return spec.read(inputs, dataset)
    except (pl.exceptions.PolarsError, ArithmeticError):
        # the table library's English reason is left out (ujym's words say what failed)
        names = ", ".join(p.name for p in inputs.values())
        raise DataFormatError(
            _("{names}: cannot be read as {dataset}").format(names=names, dataset=dataset.id),
            _("give {format}").format(format=_(dataset.format)),
        ) from None


def import_file(dataset_id: str, path: str | os.PathLike[str]) -> cache.Manifest:
    """Import a file the user has (CSV, zip or Parquet copy) as ``dataset_id`` into the cache.

    On any problem the cache keeps its last good copy and a :class:`DataFormatError` (or
    :class:`UnknownCodeError`) names the file, row and column.
    """
    dataset = get_dataset(dataset_id)
    return _install(dataset, Path(path).expanduser(), origin="import")


def _url(dataset: Dataset, fspec: DatasetFile, base_url: str | None) -> str:
    base = base_url or os.environ.get(MIRROR_ENV, "").strip()
    if base:
        return f"{base.rstrip('/')}/{dataset.id}/{fspec.filename}"
    return fspec.url


def pull(
    dataset_id: str,
    *,
    base_url: str | None = None,
    show_progress: bool = True,
    accept_new_checksum: bool = False,
    other_hosts: bool = False,
) -> cache.Manifest:
    """Download ``dataset_id`` from its publisher (or ``base_url``/``$UJYM_MIRROR``) into the cache.

    Resumes an interrupted download, verifies the checksum (the catalog's, else the one recorded at
    the first download: trust on first use), reads the files with the publisher's reader and only
    then replaces the cached copy. A redirect to another host is refused unless ``other_hosts``;
    the manifest records the address each file finally came from.
    """
    dataset = get_dataset(dataset_id)
    if not (base_url or os.environ.get(MIRROR_ENV)) and not dataset.downloadable:
        raise DownloadError(
            _("{dataset} has no stable download address").format(dataset=dataset.id),
            (
                _("download it from {landing} and run `ujym data import {dataset} FILE`")
                if dataset.landing
                else _("download it from the publisher and run `ujym data import {dataset} FILE`")
            ).format(landing=dataset.landing, dataset=dataset.id),
        )
    previous = cache.read_manifest(dataset.id)
    parts: dict[str, Path] = {}
    sources: dict[Path, str] = {}
    roles: dict[Path, str] = {}
    for fspec in dataset.files:
        url = _url(dataset, fspec, base_url)
        part = cache.downloads_dir(dataset.id) / f"{fspec.filename}.part"
        recorded = None
        if previous is not None and previous.origin == "download" and not accept_new_checksum:
            recorded = previous.sha256_of(fspec.role)
        expected = fspec.sha256 or recorded
        got = fetch(
            url, part, dataset_id=dataset.id, expected_sha256=fspec.sha256 or None,
            show_progress=show_progress, other_hosts=other_hosts,
        )  # fmt: skip
        digest = got.sha256
        if not fspec.sha256 and expected and digest != expected:
            with contextlib.suppress(OSError):
                part.unlink()
            raise DownloadError(
                _(
                    "{file} from {url} has sha256 {digest}, not the {expected} recorded at "
                    "the first download ({when})"
                ).format(
                    file=fspec.filename,
                    url=url,
                    digest=digest,
                    expected=expected,
                    when=previous.imported_at if previous else "?",
                ),
                _(
                    "if the publisher released a new version, run "
                    "`ujym data pull {dataset} --accept-new-checksum`"
                ).format(dataset=dataset.id),
            )
        parts[fspec.role] = part
        sources[part] = got.url  # where the file came from, after redirects
        roles[part] = fspec.role
    # give the files their published names so the reader sees them as the publisher wrote them
    ready = cache.run_folder("ready", parent=cache.downloads_dir(dataset.id))
    try:
        tmp = str(ready)
        named: dict[Path, str] = {}
        role_by: dict[Path, str] = {}
        for role, part in parts.items():
            fspec = dataset.file(role)
            target = Path(tmp) / fspec.filename
            os.replace(part, target)
            named[target] = sources[part]
            role_by[target] = role
        main = Path(tmp) / dataset.main.filename
        try:
            return _install(
                dataset, main, origin="download", sources=named, roles=role_by, move_raw=True
            )
        except DataFormatError as exc:
            raise DownloadError(
                _(
                    "the file downloaded for {dataset} is not in the publisher's layout: {error}"
                ).format(dataset=dataset.id, error=exc),
                _("check the catalog address, or run `ujym data import {dataset} FILE`").format(
                    dataset=dataset.id
                ),
            ) from exc
    finally:
        shutil.rmtree(ready, ignore_errors=True)


@dataclass(frozen=True)
class DatasetStatus:
    """A catalog dataset and its cache entry (None when not cached)."""

    dataset: Dataset
    cached: cache.CachedDataset | None


def status() -> list[DatasetStatus]:
    """Every catalog dataset with its cached copy (or None), sorted by id.

    A copy stranded by a process killed in the middle of a commit is put back first.
    """
    with contextlib.suppress(OSError):  # a read-only cache is listed as it is
        cache.recover()
    cached = {c.dataset: c for c in cache.cached_datasets()}
    return [DatasetStatus(ds, cached.get(key)) for key, ds in sorted(load_catalog().items())]


__all__ = [
    "MIRROR_ENV",
    "DatasetStatus",
    "ReaderSpec",
    "import_file",
    "locate_inputs",
    "pull",
    "register_reader",
    "status",
]
