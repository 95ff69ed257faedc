"""Readers of the COW and ATOP files: the publishers' layouts, peacesciencer's, and the import."""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

import polars as pl
import pytest

from ujym.core.errors import DataFormatError, DataNotAvailableError
from ujym.core.provenance import provenance_of
from ujym.sources.datasets import import_file
from ujym.sources.peacescience import (
    ATOP_COLUMNS,
    COW_ALLIANCE_COLUMNS,
    IGO_COLUMNS,
    NMC_COLUMNS,
    load_frame,
    read_atop,
    read_cow_alliance,
    read_igo_sy,
    read_nmc,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "peacescience"


def test_nmc_publisher_layout_and_missing_values() -> None:
    df = read_nmc(FIXTURES / "NMC-60-abridged.csv")
    assert tuple(df.columns) == NMC_COLUMNS
    assert df.height == 6
    tjk92 = df.filter((pl.col("ccode") == 702) & (pl.col("year") == 1992)).row(0, named=True)
    assert tjk92["milex"] is None and tjk92["milper"] is None  # -9 → missing, never -9
    assert tjk92["irst"] == 0.0
    assert df.filter(pl.col("ccode") == 365)["milex"].to_list() == [81469000.0, 88353000.0]


def test_nmc_from_a_zip(tmp_path: Path) -> None:
    z = tmp_path / "NMC-60-abridged.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.write(FIXTURES / "NMC-60-abridged.csv", "NMC-60-abridged.csv")
    assert read_nmc(z).height == 6


def test_igo_counts_from_the_state_year_format() -> None:
    df = read_igo_sy(FIXTURES / "state_year_formatv3.csv")
    assert tuple(df.columns) == IGO_COLUMNS
    rows = {(r["ccode"], r["year"]): r for r in df.iter_rows(named=True)}
    assert rows[(702, 2013)]["sum_igo_full"] == 4  # CSTO, SCO, OSCE, UN
    assert rows[(702, 2013)]["sum_igo_associate"] == 1  # AAAID = 2
    assert rows[(371, 2013)]["sum_igo_observer"] == 1  # SCO = 3
    assert rows[(371, 2013)]["sum_igo_anytype"] == 4
    assert rows[(702, 1991)]["sum_igo_full"] is None  # every code -9 → unknown, not 0


def test_atop_publisher_layout_renamed_to_peacesciencer() -> None:
    df = read_atop(FIXTURES / "atop5_1ddyr.csv")
    assert tuple(df.columns) == ATOP_COLUMNS
    rus_kaz = df.filter((pl.col("ccode1") == 365) & (pl.col("ccode2") == 705)).row(0, named=True)
    assert rus_kaz["atop_defense"] == 1 and rus_kaz["atop_nonagg"] == 1
    rus_chn = df.filter((pl.col("ccode1") == 365) & (pl.col("ccode2") == 710)).row(0, named=True)
    assert rus_chn["atop_defense"] == 0


def test_cow_alliances_combine_alliances_of_a_dyad_year() -> None:
    df = read_cow_alliance(FIXTURES / "alliance_v4.1_by_directed_yearly.csv")
    assert tuple(df.columns) == COW_ALLIANCE_COLUMNS
    assert df.height == 2  # (365, 705) twice in the file → one row; (705, 365) one row
    row = df.filter(pl.col("ccode1") == 365).row(0, named=True)
    assert row["cow_defense"] == 1 and row["cow_entente"] == 1 and row["cow_neutral"] == 0


def test_a_file_in_another_layout_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(DataFormatError, match="column 'ccode'"):
        read_nmc(bad)
    with pytest.raises(DataFormatError, match="stateA"):
        read_atop(bad)


def test_import_through_the_generic_machinery_and_read_back() -> None:
    manifest = import_file("cow_nmc", FIXTURES / "NMC-60-abridged.csv")
    assert manifest.tables == {"nmc": 6}
    frame = load_frame("cow_nmc")
    assert len(frame) == 6 and provenance_of(frame).version_of("cow_nmc") == "6.0"
    assert math.isnan(frame.loc[frame["year"] == 1992, "milex"].iloc[0])


def test_not_imported_names_the_command() -> None:
    with pytest.raises(DataNotAvailableError, match="ujym data import atop_alliance FILE"):
        load_frame("atop_alliance")


def test_a_bad_import_keeps_the_last_good_copy(tmp_path: Path) -> None:
    import_file("cow_nmc", FIXTURES / "NMC-60-abridged.csv")
    bad = tmp_path / "NMC-60-abridged.csv"
    bad.write_text("stateabb,ccode\nRUS,365\n")
    with pytest.raises(DataFormatError):
        import_file("cow_nmc", bad)
    assert len(load_frame("cow_nmc")) == 6
