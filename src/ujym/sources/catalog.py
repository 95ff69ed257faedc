"""The dataset catalog (``ujym/data/catalog.toml``), typed.

Every entry is read the same way, so later datasets only add a TOML table (and a reader when their
layout is new). ``UJYM_CATALOG`` may name an extra TOML file whose entries are added to (or replace)
the packaged ones — for a mirror, a local copy or a test server.

Examples
--------
>>> get_dataset("unvotes").reader
'unvotes'
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ujym.core.errors import DataFormatError, UnknownCodeError
from ujym.i18n import _

CATALOG_ENV = "UJYM_CATALOG"


class DatasetFile(BaseModel):
    """One file of a dataset: where it is published and how to verify it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: str
    filename: str
    url: str = ""
    sha256: str = ""
    companions: tuple[str, ...] = ()

    @field_validator("sha256")
    @classmethod
    def _hex(cls, value: str) -> str:
        value = value.strip().lower()
        if value and (len(value) != 64 or any(c not in "0123456789abcdef" for c in value)):
            raise ValueError(
                _("sha256 must be 64 hexadecimal digits (or empty: trust on first use)")
            )
        return value

    @property
    def names(self) -> tuple[str, ...]:
        """Every file name this file may have (the download name first)."""
        return (self.filename, *self.companions)


class Dataset(BaseModel):
    """A catalog entry."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str
    publisher: str
    version: str
    coverage: str
    licence: str
    citation: str
    reader: str
    format: str
    landing: str = ""
    doi: str = ""
    tables: tuple[str, ...] = ()
    checksum_note: str = ""
    notes: str = ""
    files: tuple[DatasetFile, ...] = Field(min_length=1)
    columns: dict[str, str] = Field(default_factory=dict)

    def file(self, role: str) -> DatasetFile:
        """The file with ``role``; KeyError when the dataset has none."""
        for f in self.files:
            if f.role == role:
                return f
        raise KeyError(role)

    @property
    def main(self) -> DatasetFile:
        """The first file (the one a user names in ``ujym data import``)."""
        return self.files[0]

    @property
    def downloadable(self) -> bool:
        """Whether every file of the dataset has an address to download it from."""
        return all(f.url for f in self.files)


class BundledDataset(BaseModel):
    """Data shipped inside ujym (``[bundled.<id>]`` in the catalog): cited, never downloaded."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str
    publisher: str
    version: str
    licence: str
    citation: str
    notes: str = ""


def _parse(text: str, origin: str) -> dict[str, Dataset]:
    try:
        raw: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFormatError(  # tomllib's English reason is left out (chained, not shown)
            _("{origin}: not valid TOML").format(origin=origin), _("fix the catalog file")
        ) from exc
    out: dict[str, Dataset] = {}
    for key, entry in (raw.get("datasets") or {}).items():
        try:
            out[key] = Dataset(id=key, **entry)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            # pydantic's English reason becomes ujym's words (missing, ujym's own check, not valid)
            reason = first.get("ctx", {}).get("error") if first["type"] == "value_error" else None
            if first["type"] == "missing":
                problem = _("{origin}: dataset {dataset!r}, field {field}: missing")
            elif reason is not None:
                problem = _("{origin}: dataset {dataset!r}, field {field}: {reason}")
            else:
                problem = _("{origin}: dataset {dataset!r}, field {field}: not a valid value")
            raise DataFormatError(
                problem.format(origin=origin, dataset=key, field=where, reason=reason),
                _("fix the catalog entry"),
            ) from exc
    return out


@lru_cache(maxsize=8)
def _load(extra: str) -> dict[str, Dataset]:
    packaged = files("ujym").joinpath("data/catalog.toml").read_text(encoding="utf-8")
    catalog = _parse(packaged, "ujym/data/catalog.toml")
    if extra:
        path = Path(extra)
        if not path.is_file():
            raise DataFormatError(
                _("{variable}={value} is not a file").format(variable=CATALOG_ENV, value=extra),
                _("unset {variable} or point it to a TOML file").format(variable=CATALOG_ENV),
            )
        catalog.update(_parse(path.read_text(encoding="utf-8"), str(path)))
    return catalog


def load_catalog() -> dict[str, Dataset]:
    """All catalog entries by id (the packaged catalog plus ``$UJYM_CATALOG``, if set)."""
    return dict(_load(os.environ.get(CATALOG_ENV, "")))


@lru_cache(maxsize=1)
def load_bundled() -> dict[str, BundledDataset]:
    """The data shipped inside ujym, by id (``[bundled.<id>]`` of the packaged catalog)."""
    packaged = files("ujym").joinpath("data/catalog.toml").read_text(encoding="utf-8")
    raw: dict[str, Any] = tomllib.loads(packaged)
    return {k: BundledDataset(id=k, **v) for k, v in (raw.get("bundled") or {}).items()}


def reference(dataset_id: str) -> Dataset | BundledDataset:
    """What a provenance's dataset id names: a catalog dataset or data shipped with ujym.

    Both have ``title``, ``publisher``, ``licence`` and ``citation`` (what a page footer prints).

    >>> reference("cow_states").version
    '2016'
    """
    bundled = load_bundled()
    return bundled[dataset_id] if dataset_id in bundled else get_dataset(dataset_id)


def get_dataset(dataset_id: str) -> Dataset:
    """The catalog entry ``dataset_id`` (:class:`UnknownCodeError` listing the ids otherwise)."""
    catalog = load_catalog()
    try:
        return catalog[dataset_id]
    except KeyError:
        known = ", ".join(sorted(catalog))
        raise UnknownCodeError(
            _("unknown dataset {dataset!r}").format(dataset=dataset_id),
            _("use one of: {names} (see `ujym data status`)").format(names=known),
        ) from None


__all__ = [
    "CATALOG_ENV",
    "BundledDataset",
    "Dataset",
    "DatasetFile",
    "get_dataset",
    "load_bundled",
    "load_catalog",
    "reference",
]
