"""The Bailey–Strezhnev–Voeten replication files: published ideal points and bridging pairs.

Catalog entries ``bsv_ideal_points`` (the published estimates) and ``bsv_matches`` (pairs of roll
calls on identical resolution texts, the bridges of the dynamic scale).

:func:`read_bsv_ideal_points` is the reader ``ujym data import bsv_ideal_points FILE`` uses (the
publisher's CSV ``IdealpointestimatesAll_Apr2020.csv`` or a Parquet copy); it registers itself
when this module is imported (``ujym.sources.datasets.READER_MODULES`` must list the module for
the command line to find it). :func:`read_published_ideal_points` reads the cached table back, for
validating ujym's own estimates (benchmarks/ideal_points.py).

Canonical table ``ideal_points``: ``ccode`` Int16, ``session`` Int16, ``n_votes`` Int32,
``ideal_point`` Float64, ``q0 q5 q10 q50 q90 q95 q100`` Float64 (posterior quantiles), ``iso3``,
``name``.

:func:`read_bsv_matches` is the reader of ``ujym data import bsv_matches FILE`` (the publisher's
``Data/Matches.csv``: ``v1, rcid1, rcid2``, or a Parquet copy). Canonical table ``matches``:
``rcid1`` Int32, ``rcid2`` Int32, one row per pair, in the publisher's order.
:func:`ujym.sources.bridges.cached_bridges` reads it back for the ideal-point estimator.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import polars as pl

from ujym.core.errors import DataFormatError
from ujym.i18n import _
from ujym.sources import cache
from ujym.sources.catalog import Dataset
from ujym.sources.datasets import register_reader
from ujym.sources.tables import parse_ints, read_table

DATASET = "bsv_ideal_points"
QUANTILES = {"QO%": "q0", "Q5%": "q5", "Q10%": "q10", "Q50%": "q50", "Q90%": "q90", "Q95%": "q95"}
QUANTILES["Q100%"] = "q100"
REQUIRED = ("ccode", "session", "NVotes", "IdealPoint")
EXPECTED = "Row, ccode, session, NVotes, IdealPoint, QO%, Q5%, …, iso3c, Countryname"


def read_bsv_ideal_points(paths: Mapping[str, Path], dataset: Dataset) -> dict[str, pl.DataFrame]:
    """The publisher's file → the canonical ``ideal_points`` table."""
    path = paths["ideal_points"]
    name = str(path)
    raw = read_table(path, REQUIRED, (*QUANTILES, "iso3c", "Countryname"), expected=EXPECTED)
    floats = []
    for col, new in (("IdealPoint", "ideal_point"), *QUANTILES.items()):
        if col not in raw.columns:
            continue
        values = raw[col].cast(pl.Float64, strict=False)
        bad = values.is_null() & raw[col].is_not_null() & (raw[col] != "") & (raw[col] != "NA")
        if bad.any():
            row = int(bad.arg_true()[0]) + 2
            raise DataFormatError(
                _("{file}, row {row}, column {column}: {value!r} is not a number").format(
                    file=name, row=row, column=col, value=raw[col][row - 2]
                ),
                _("download the file again (the whole file, unmodified)"),
            )
        floats.append(values.alias(new))
    out = pl.DataFrame(
        [
            parse_ints(raw, "ccode", pl.Int16(), name, _("a COW code")),
            parse_ints(raw, "session", pl.Int16(), name, _("a session number")),
            parse_ints(raw, "NVotes", pl.Int32(), name, _("a number of votes")).alias("n_votes"),
            *floats,
            *[
                raw[c].alias(n)
                for c, n in (("iso3c", "iso3"), ("Countryname", "name"))
                if c in raw.columns
            ],
        ]
    ).sort("ccode", "session")
    if out.select(pl.struct("ccode", "session").is_duplicated().any()).item():
        raise DataFormatError(
            _("{file}: a state-session appears twice").format(file=name),
            _("download the file again (unmodified)"),
        )
    return {"ideal_points": out}


register_reader(DATASET, read_bsv_ideal_points, {"ideal_points": set(REQUIRED)})


MATCHES = "bsv_matches"
MATCHES_EXPECTED = "v1, rcid1, rcid2 (Data/Matches.csv of the replication repository)"


def read_bsv_matches(paths: Mapping[str, Path], dataset: Dataset) -> dict[str, pl.DataFrame]:
    """The publisher's ``Matches.csv`` (or a Parquet copy) → the canonical ``matches`` table."""
    path = paths["matches"]
    name = str(path)
    raw = read_table(path, ("rcid1", "rcid2"), expected=MATCHES_EXPECTED)
    out = pl.DataFrame(
        [
            parse_ints(raw, "rcid1", pl.Int32(), name, _("a roll-call id")),
            parse_ints(raw, "rcid2", pl.Int32(), name, _("a roll-call id")),
        ]
    )
    missing = out["rcid1"].is_null() | out["rcid2"].is_null()
    if missing.any():
        row = int(missing.arg_true()[0]) + 2
        raise DataFormatError(
            _("{file}, row {row}: a pair without two roll-call ids").format(file=name, row=row),
            _("download the file again (the whole file, unmodified)"),
        )
    same = out["rcid1"] == out["rcid2"]
    if same.any():
        row = int(same.arg_true()[0]) + 2
        raise DataFormatError(
            _("{file}, row {row}: roll call {rcid} is paired with itself").format(
                file=name, row=row, rcid=out["rcid1"][row - 2]
            ),
            _("download the file again (the whole file, unmodified)"),
        )
    if out.height == 0:
        raise DataFormatError(
            _("{file}: no pairs in the file").format(file=name), _("download the file again")
        )
    return {"matches": out}


register_reader(MATCHES, read_bsv_matches, {"matches": {"rcid1", "rcid2"}})


def read_published_ideal_points() -> pd.DataFrame:
    """The cached published estimates (raises ``DataNotAvailableError`` naming the import)."""
    return pl.read_parquet(cache.require_table(DATASET, "ideal_points")).to_pandas()


__all__ = ["read_bsv_ideal_points", "read_bsv_matches", "read_published_ideal_points"]
