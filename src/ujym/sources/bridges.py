"""Bridging pairs of roll calls (identical resolution texts in different sessions).

Bailey, Strezhnev & Voeten (2017) link their dynamic scale across sessions by treating roll calls
on identical resolution texts as one item; their replication repository publishes the pairs
(``Data/Matches.csv``: ``rcid1, rcid2``, the same roll-call ids as Voeten's data and unvotes).

The pairs are the catalog dataset ``bsv_matches`` (``ujym data pull bsv_matches`` or ``ujym data
import bsv_matches Matches.csv``); :func:`cached_bridges` reads the cached copy, which
:func:`ujym.pipeline.ideal.estimate_ideal_points` uses by default. :func:`read_bridges` reads any
other file with the columns ``rcid1, rcid2`` (CSV or Parquet).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from ujym.core.errors import DataFormatError, DataNotAvailableError
from ujym.core.provenance import DatasetRef
from ujym.i18n import _
from ujym.sources import cache

DATASET = "bsv_matches"
#: The commands that put the published pairs into the cache (shown when they are missing).
IMPORT_COMMAND = "ujym data pull bsv_matches"
IMPORT_FILE_COMMAND = "ujym data import bsv_matches Matches.csv"


@dataclass(frozen=True)
class CachedBridges:
    """The cached bridging pairs and where they came from."""

    pairs: npt.NDArray[np.int64]
    source: str  # e.g. "bsv_matches replication repository, Data/Matches.csv (955 pairs, ...)"
    imported_at: str
    ref: DatasetRef  # the catalog dataset and cached version (for provenance)


def cached_bridges() -> CachedBridges | None:
    """The pairs of the cached ``bsv_matches`` dataset, or None when it is not in the cache."""
    manifest = cache.read_manifest(DATASET)
    path = cache.table_path(DATASET, "matches")
    if manifest is None or not path.is_file():
        return None
    frame = pd.read_parquet(path, columns=["rcid1", "rcid2"])
    pairs: npt.NDArray[np.int64] = frame.dropna().to_numpy(dtype=np.int64)
    ref = DatasetRef(DATASET, manifest.version or None)
    return CachedBridges(pairs, str(ref), manifest.imported_at, ref)


def read_bridges(path: str | os.PathLike[str]) -> npt.NDArray[np.int64]:
    """The ``(k, 2)`` array of bridged roll-call ids in a CSV or Parquet file.

    The file needs the columns ``rcid1`` and ``rcid2`` (other columns are ignored).
    """
    p = Path(path).expanduser()
    if not p.is_file():
        raise DataNotAvailableError(
            _("no bridging file at {path}").format(path=p),
            _("give a CSV or Parquet file with the columns rcid1 and rcid2"),
        )
    try:
        frame = pd.read_parquet(p) if p.suffix.lower() in {".parquet", ".pq"} else pd.read_csv(p)
    except Exception as exc:
        raise DataFormatError(
            _("cannot read the bridging file {path}: {error}").format(path=p, error=exc),
            _("give a CSV or Parquet file with the columns rcid1 and rcid2"),
        ) from exc
    missing = [c for c in ("rcid1", "rcid2") if c not in frame.columns]
    if missing:
        raise DataFormatError(
            _("the bridging file {path} has no column {col!r}").format(path=p, col=missing[0]),
            _("give a CSV or Parquet file with the columns rcid1 and rcid2"),
        )
    pairs = frame[["rcid1", "rcid2"]].dropna()
    out: npt.NDArray[np.int64] = pairs.to_numpy(dtype=np.int64)
    return out


__all__ = ["DATASET", "CachedBridges", "cached_bridges", "read_bridges"]
