r"""Readers for the Correlates of War and ATOP files, in the publishers' layouts and peacesciencer's.

Each reader takes the path of a file a user names (a CSV as published, a zip holding it, or a
Parquet copy in the layout of the R package peacesciencer) and returns the dataset's canonical
table as a polars DataFrame. The canonical layout is peacesciencer's, so a user of that package
recognises the columns:

=====================  =========================================================================
dataset                canonical columns
=====================  =========================================================================
``cow_nmc``            ``ccode, year, milex, milper, irst, pec, tpop, upop, cinc``
``cow_igo_sy``         ``ccode, year, sum_igo_full, sum_igo_associate, sum_igo_observer,
                       sum_igo_anytype``
``atop_alliance``      ``ccode1, ccode2, year, atop_defense, atop_offense, atop_neutral,
                       atop_nonagg, atop_consul`` (directed dyad-years)
``cow_formal_alliances`` ``ccode1, ccode2, year, cow_defense, cow_neutral, cow_nonagg,
                       cow_entente`` (directed dyad-years)
=====================  =========================================================================

Missing values: the Correlates of War code −9 ("missing") becomes null, never a number. Nothing
here writes: the import machinery (:mod:`ujym.sources.datasets`) stores what these return.

The other peace-science datasets have a module each beside this one — ``geography``
(``cow_contdir``, ``cow_mindist``), ``trade``, ``mids``, ``rivalries``, ``ucdp``, ``civilwars``,
``archigos``, ``igo_dyads``, ``pwt`` — and join :data:`READERS` here, so :func:`load_frame` reads
every one of them (docs/data.md, "Peace-science tables").

>>> import io, polars as pl
>>> csv = b"stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version\n"
>>> csv += b"TAJ,702,1992,-9,-9,0,1937,5571,1571,0.000238,2021\n"
>>> read_nmc_bytes(csv)["milex"].to_list()
[None]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import polars as pl

from ujym.core.errors import DataFormatError, UnknownCodeError
from ujym.i18n import _
from ujym.sources.published import (
    FileReader,
    load_table,
    negative_to_null,
    read_csv_bytes,
    read_published,
    register_tables,
    require_columns,
    whole_keys,
)

MISSING = -9
"""The Correlates of War code for a missing value."""

NMC_COMPONENTS: tuple[str, ...] = ("milex", "milper", "irst", "pec", "tpop", "upop")
NMC_COLUMNS: tuple[str, ...] = ("ccode", "year", *NMC_COMPONENTS, "cinc")
IGO_COLUMNS: tuple[str, ...] = (
    "ccode", "year", "sum_igo_full", "sum_igo_associate", "sum_igo_observer", "sum_igo_anytype",
)  # fmt: skip
ATOP_OBLIGATIONS: tuple[str, ...] = ("defense", "offense", "neutral", "nonagg", "consul")
ATOP_COLUMNS: tuple[str, ...] = (
    "ccode1",
    "ccode2",
    "year",
    *(f"atop_{o}" for o in ATOP_OBLIGATIONS),
)
COW_ALLIANCE_TYPES: dict[str, str] = {
    "defense": "cow_defense",
    "neutrality": "cow_neutral",
    "nonaggression": "cow_nonagg",
    "entente": "cow_entente",
}
COW_ALLIANCE_COLUMNS: tuple[str, ...] = ("ccode1", "ccode2", "year", *COW_ALLIANCE_TYPES.values())

IGO_CODES = {1: "sum_igo_full", 2: "sum_igo_associate", 3: "sum_igo_observer"}
"""COW IGO v3 state-year codes: 0 none, 1 full, 2 associate, 3 observer, −9 missing, −1 not a state."""

IGO_ID_COLUMNS = ("ccode", "year", "state", "stateabb", "country")


# ---- National Material Capabilities -------------------------------------------------------
NMC_FILES = (
    "NMC-60-abridged.csv",
    "NMC-60-wsupplementary.csv",
    "NMC_v6_abridged.csv",
    "ps_cow_nmc.parquet",
)


def read_nmc(path: Path | str) -> pl.DataFrame:
    """COW National Material Capabilities (v6.0 ``NMC-60-abridged.csv`` or peacesciencer's copy).

    Returns ``ccode, year, milex, milper, irst, pec, tpop, upop, cinc``, one row per state-year,
    sorted; −9 is null. Units as published: milex thousands of current US dollars, milper
    thousands, irst thousand tons, pec thousand coal-ton equivalents, tpop and upop thousands.
    """
    return _nmc(read_published(Path(path), NMC_FILES), str(path))


def read_nmc_bytes(data: bytes) -> pl.DataFrame:
    """:func:`read_nmc` on the bytes of a CSV (for doctests and in-memory use)."""
    return _nmc(read_csv_bytes(data), "<bytes>")


def _nmc(frame: pl.DataFrame, origin: str) -> pl.DataFrame:
    require_columns(frame, NMC_COLUMNS, origin, "COW NMC (stateabb, ccode, year, milex, …, cinc)")
    frame = whole_keys(frame, ("ccode", "year"), origin)
    frame = negative_to_null(frame, [*NMC_COMPONENTS, "cinc"])
    out = frame.select(NMC_COLUMNS).unique(["ccode", "year"], keep="first")
    return out.sort(["ccode", "year"])


# ---- Intergovernmental Organizations (state-year) -----------------------------------------
IGO_FILES = ("state_year_formatv3.csv", "state_year_format3.csv", "ps_cow_igo_sy.parquet")


def read_igo_sy(path: Path | str) -> pl.DataFrame:
    """COW IGO v3 state-year counts (``state_year_formatv3.csv`` or peacesciencer's copy).

    The publisher's file has one column per organisation coded 0 none, 1 full, 2 associate,
    3 observer, −9 missing, −1 not a state; the counts are the number of organisations with each
    code (``sum_igo_anytype``: codes 1–3), as peacesciencer computes them. A state-year whose
    codes are all missing gets null counts.
    """
    frame = read_published(Path(path), IGO_FILES)
    origin = str(path)
    if all(c in frame.columns for c in IGO_COLUMNS):
        frame = whole_keys(frame, ("ccode", "year"), origin)
        out = frame.select(IGO_COLUMNS).with_columns(
            pl.col(c).cast(pl.Float64) for c in IGO_COLUMNS[2:]
        )
        return negative_to_null(out, IGO_COLUMNS[2:]).sort(["ccode", "year"])
    require_columns(
        frame,
        ("ccode", "year"),
        origin,
        "COW IGO v3 state-year (ccode, year, state, one column per IGO)",
    )
    frame = whole_keys(frame, ("ccode", "year"), origin)
    igos = [c for c in frame.columns if c not in IGO_ID_COLUMNS]
    if not igos:
        raise DataFormatError(
            _("{origin}: no organisation columns").format(origin=origin),
            _("give {file}").format(file="state_year_formatv3.csv"),
        )
    codes = frame.select(pl.col(c).cast(pl.Int32, strict=False) for c in igos)
    counts = {
        name: pl.sum_horizontal((pl.col(c) == code).cast(pl.Int32) for c in igos)
        for code, name in IGO_CODES.items()
    }
    known = pl.sum_horizontal((pl.col(c) >= 0).cast(pl.Int32) for c in igos)
    summed = codes.select(
        *(expr.alias(name) for name, expr in counts.items()), known.alias("_known")
    ).with_columns(
        (pl.col("sum_igo_full") + pl.col("sum_igo_associate") + pl.col("sum_igo_observer")).alias(
            "sum_igo_anytype"
        )
    )
    out = pl.concat([frame.select("ccode", "year"), summed], how="horizontal")
    out = out.with_columns(
        pl.when(pl.col("_known") == 0).then(None).otherwise(pl.col(c).cast(pl.Float64)).alias(c)
        for c in IGO_COLUMNS[2:]
    )
    return out.select(IGO_COLUMNS).unique(["ccode", "year"], keep="first").sort(["ccode", "year"])


# ---- ATOP (directed dyad-years) -----------------------------------------------------------
ATOP_FILES = ("atop5_1ddyr.csv", "atop5_0ddyr.csv", "ps_atop_alliance.parquet")


def read_atop(path: Path | str) -> pl.DataFrame:
    """ATOP v5 directed dyad-years (``atop5_1ddyr.csv``: stateA, stateB, year, defense, …).

    Returns ``ccode1, ccode2, year, atop_defense, atop_offense, atop_neutral, atop_nonagg,
    atop_consul`` (0/1; several alliances of one dyad-year are combined: 1 when any holds the
    obligation). A peacesciencer copy (already in that layout) is read as is.
    """
    return _read_dyad_flags(
        path,
        ATOP_FILES,
        ATOP_COLUMNS,
        {"stateA": "ccode1", "stateB": "ccode2", "year": "year"}
        | {o: f"atop_{o}" for o in ATOP_OBLIGATIONS},
        "ATOP v5 dyad-year (stateA, stateB, year, defense, offense, neutral, nonagg, consul)",
    )


def _read_dyad_flags(
    path: Path | str,
    files: Sequence[str],
    columns: Sequence[str],
    publisher: Mapping[str, str],
    layout: str,
) -> pl.DataFrame:
    """Directed dyad-years with 0/1 flags: canonical ``columns`` (``ccode1, ccode2, year``, flags).

    A copy already in that layout is read as is; the publisher's file has the columns named by
    ``publisher`` (its name -> canonical name, in the order a missing one is reported),
    described by ``layout``.
    """
    frame = read_published(Path(path), tuple(files))
    origin = str(path)
    keys = ("ccode1", "ccode2", "year")
    if not all(c in frame.columns for c in columns):
        require_columns(frame, tuple(publisher), origin, layout)
        frame = frame.rename({k: v for k, v in publisher.items() if k != v})
    frame = whole_keys(frame, keys, origin)
    return _dyad_max(frame.select(columns), columns[3:])


def _dyad_max(frame: pl.DataFrame, flags: Sequence[str]) -> pl.DataFrame:
    frame = negative_to_null(frame, flags)
    return (
        frame.group_by(["ccode1", "ccode2", "year"])
        .agg(pl.col(f).max() for f in flags)
        .sort(["ccode1", "ccode2", "year"])
    )


# ---- COW Formal Alliances (directed dyad-years) -------------------------------------------
COW_ALLIANCE_FILES = (
    "alliance_v4.1_by_directed_yearly.csv",
    "alliance_v4.1_by_directed_yearly.parquet",
)


def read_cow_alliance(path: Path | str) -> pl.DataFrame:
    """COW Formal Alliances v4.1 directed yearly (``alliance_v4.1_by_directed_yearly.csv``).

    One row per alliance, dyad and year in the publisher's file; here one per directed dyad-year
    with ``cow_defense, cow_neutral, cow_nonagg, cow_entente`` = 1 when any alliance of the dyad
    that year has that type.
    """
    return _read_dyad_flags(
        path,
        COW_ALLIANCE_FILES,
        COW_ALLIANCE_COLUMNS,
        {"ccode1": "ccode1", "ccode2": "ccode2", "year": "year", **COW_ALLIANCE_TYPES},
        "COW Formal Alliances v4.1 directed yearly (ccode1, ccode2, year, defense, …)",
    )


READERS: dict[str, tuple[FileReader, str]] = {
    "cow_nmc": (read_nmc, "nmc"),
    "cow_igo_sy": (read_igo_sy, "igo_sy"),
    "atop_alliance": (read_atop, "alliance"),
    "cow_formal_alliances": (read_cow_alliance, "alliance"),
}
"""Dataset id → (reader, canonical table name written to the cache)."""

IDENTIFYING: dict[str, set[str]] = {
    "cow_nmc": {"ccode", "year", "milex", "milper", "cinc"},
    "cow_igo_sy": {"ccode", "year"},
    "atop_alliance": {"stateA", "stateB", "year", "defense"},
    "cow_formal_alliances": {"ccode1", "ccode2", "year", "defense", "entente"},
}
"""Columns that pick a dataset's file out of a zip when its name is not the published one."""


register_tables(READERS, IDENTIFYING)

# The other peace-science families (one module each) register their readers when imported; their
# datasets join READERS, so that load_frame (and ujym.pipeline.checks.read_dataset) reads them too.
from ujym.sources import (  # noqa: E402
    archigos,
    civilwars,
    geography,
    igo_dyads,
    mids,
    pwt,
    rivalries,
    trade,
    ucdp,
)

for _family in (geography, trade, mids, rivalries, ucdp, civilwars, archigos, igo_dyads, pwt):
    READERS.update(_family.READERS)


def load_frame(dataset_id: str) -> pd.DataFrame:
    """The cached canonical table of a peace-science dataset as pandas, with its provenance.

    Any dataset of :data:`READERS` (Correlates of War, ATOP, and the families beside this
    module: contiguity, distances, trade, disputes, rivalries, armed conflicts, civil wars,
    leaders, dyadic IGOs, Penn World Table). Missing values (COW's −9) are NaN; the provenance
    (unit ``table``) names the dataset and the cached version. Raises
    :class:`~ujym.core.errors.DataNotAvailableError` naming the command that imports it.
    """
    if dataset_id not in READERS:
        raise UnknownCodeError(
            _("{dataset!r} is not a peace-science dataset ujym reads").format(dataset=dataset_id),
            _("use one of: {names}").format(names=", ".join(READERS)),
        )
    return load_table(dataset_id, READERS[dataset_id][1])


__all__ = [
    "ATOP_COLUMNS",
    "COW_ALLIANCE_COLUMNS",
    "IGO_COLUMNS",
    "NMC_COLUMNS",
    "READERS",
    "load_frame",
    "read_atop",
    "read_cow_alliance",
    "read_igo_sy",
    "read_nmc",
    "read_nmc_bytes",
]
