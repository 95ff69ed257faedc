"""The peace-science readers on the real files of ../shared/data, imported as a user would
(``ujym data import ID FILE`` into the test's empty cache), and in the publishers' layouts.

The publishers' files are not in ../shared/data, so their layout is tested two ways: files rebuilt
from the real peacesciencer copies in the publisher's columns and codes (the canonical table must
come out the same from both), and small files written here for what the copies cannot rebuild
(the war data's phases, the IGO codes)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import polars as pl
import pytest
from click.testing import CliRunner

from ujym.cli.main import cli
from ujym.core.errors import DataFormatError
from ujym.core.provenance import Unit, provenance_of
from ujym.pipeline.checks import read_dataset
from ujym.sources import cache
from ujym.sources.catalog import get_dataset
from ujym.sources.datasets import import_file
from ujym.sources.peacescience import READERS, load_frame

REAL: dict[str, tuple[str, int]] = {
    "cow_contdir": ("ps_cow_contdir.parquet", 1_874),
    "cow_mindist": ("ps_cow_mindist.parquet", 952_244),
    "cow_trade_sy": ("ps_cow_trade_sy.parquet", 14_410),
    "gml_dirdisp": ("ps_gml_dirdisp.parquet", 10_276),
    "td_rivalries": ("ps_td_rivalries.parquet", 197),
    "ucdp_acd": ("ps_ucdp_acd.parquet", 5_652),
    "cow_war_intra": ("ps_cow_war_intra.parquet", 1_361),
    "archigos": ("ps_archigos.parquet", 3_409),
    "cow_igo_ndy": ("ps_cow_igo_ndy.parquet", 917_695),
    "pwt91": ("pwt91.parquet", 12_376),
}
"""Dataset id → its real copy in ../shared/data and the rows its README gives."""


def _row(frame: pd.DataFrame, **where: object) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    rows = frame[mask]
    assert len(rows) == 1, (where, len(rows))
    return rows.iloc[0]


def _contiguity(t: pd.DataFrame) -> None:
    for a, b in ((702, 703), (703, 702)):  # Tajikistan-Kyrgyzstan: land border, both directions
        row = _row(t, ccode1=a, ccode2=b)
        assert row["conttype"] == 1 and str(row["stdate"])[:10] == "1991-12-01"
    assert _row(t, ccode1=705, ccode2=365)["conttype"] == 1
    assert set(t["conttype"]) == {0, 1, 2, 3, 4, 5}


def _distance(t: pd.DataFrame) -> None:
    assert _row(t, ccode1=702, ccode2=703, year=2013)["mindist"] == 0.0
    assert _row(t, ccode1=371, ccode2=705, year=2013)["mindist"] == pytest.approx(532.19, abs=0.01)
    assert (t["ccode1"] < t["ccode2"]).all()


def _trade(t: pd.DataFrame) -> None:
    kaz = _row(t, ccode=705, year=2013)
    assert kaz["imports"] == pytest.approx(54_400.85, abs=0.01)
    assert kaz["exports"] == pytest.approx(62_628.95, abs=0.01)
    assert t["imports"].isna().sum() == 1_548  # the publisher's -9: missing, never a number


def _disputes(t: pd.DataFrame) -> None:
    row = _row(t, dispnum=4240, ccode1=370, ccode2=368, year=2001)  # Belarus-Lithuania
    assert (row["midonset"], row["hostlev1"], row["hostlev2"]) == (1, 3, 1)
    assert t["stmon"].isna().sum() == 10 and t["endmon"].isna().sum() == 12  # months 13 and 19
    assert t["year"].max() == 2010


def _rivalries(t: pd.DataFrame) -> None:
    row = _row(t, ccode1=371, ccode2=373)
    assert (row["rivalryname"], row["type1"], row["styear"]) == (
        "Armenia-Azerbaijan", "spatial", 1991,
    )  # fmt: skip
    assert _row(t, ccode1=704, ccode2=705)["rivalryno"] == 183
    assert not ((t["ccode1"] == 370) | (t["ccode2"] == 370)).any()  # no rival of Belarus


def _participants(t: pd.DataFrame) -> None:
    nk = t[(t["conflict_id"] == 388) & (t["year"] == 2016)]  # Azerbaijan: Nagorno-Karabakh
    assert set(zip(nk["side"], nk["ccode"], strict=True)) == {("a", 373), ("b_2nd", 371)}
    assert set(nk["type_of_conflict"]) == {4} and set(nk["incompatibility"]) == {1}
    border = t[(t["conflict_id"] == 13324) & (t["year"] == 2021)]  # Kyrgyzstan-Tajikistan
    assert set(zip(border["side"], border["ccode"], strict=True)) == {("a", 703), ("b", 702)}
    assert set(border["type_of_conflict"]) == {2}
    germany = t[(t["gwno"] == 260) & (t["year"] > 1990)]
    assert len(germany) and set(germany["ccode"]) == {255}
    assert set(t.loc[t["ccode"].isna(), "gwno"]) == {751}  # Hyderabad: no COW state


def _wars(t: pd.DataFrame) -> None:
    tajik = t[(t["warnum"] == 876) & (t["ccodea"] == 702)].sort_values("year")
    assert tajik["year"].tolist() == list(range(1992, 1998))
    assert tajik["cowintraonset"].tolist() == [1, 0, 0, 0, 0, 0]
    assert set(tajik["sideb"]) == {"United Tajik Opposition"} and tajik["ccodeb"].isna().all()
    assert set(t["wartype"]) == {"central control", "local issues"}


def _leaders(t: pd.DataFrame) -> None:
    akayev = _row(t, obsid="KYR-1990")
    assert (akayev["leader"], akayev["exit"], str(akayev["enddate"])[:10]) == (
        "Akayev", "Irregular", "2005-03-25",
    )  # fmt: skip
    assert _row(t, obsid="KYR-2005")["exit"] == "Irregular"  # Bakiyev, April 2010
    assert _row(t, obsid="KZK-1990")["leader"] == "Nazarbayev"
    assert _row(t, obsid="GFR-1982")["ccode"] == 260 and _row(t, obsid="GFR-2005")["ccode"] == 255
    assert set(t.loc[t["ccode"].isna(), "gwcode"]) == {563, 564, 711, 815}


def _igo_dyads(t: pd.DataFrame) -> None:
    assert _row(t, ccode1=365, ccode2=705, year=2013)["dyadigos"] == 48
    assert (t["year"].min(), t["year"].max()) == (1816, 2014)


def _pwt(t: pd.DataFrame) -> None:
    assert _row(t, iso3="KAZ", year=2013)["rgdpe"] == pytest.approx(401_159, abs=1)
    assert _row(t, iso3="RUS", year=2013)["rgdpe"] == pytest.approx(3_699_818, rel=1e-6)
    assert _row(t, iso3="KAZ", year=2013)["ccode"] == 705
    assert _row(t, iso3="DEU", year=1989)["ccode"] == 260
    assert _row(t, iso3="DEU", year=1990)["ccode"] == 255
    assert t.loc[t["ccode"].isna(), "iso3"].nunique() == 12  # territories, not states


CHECKS: dict[str, Callable[[pd.DataFrame], None]] = {
    "cow_contdir": _contiguity,
    "cow_mindist": _distance,
    "cow_trade_sy": _trade,
    "gml_dirdisp": _disputes,
    "td_rivalries": _rivalries,
    "ucdp_acd": _participants,
    "cow_war_intra": _wars,
    "archigos": _leaders,
    "cow_igo_ndy": _igo_dyads,
    "pwt91": _pwt,
}


@pytest.mark.parametrize("dataset_id", sorted(REAL))
def test_real_copy_imports_through_the_cli_and_reads_back(
    shared_data: Path, dataset_id: str
) -> None:
    name, rows = REAL[dataset_id]
    assert pl.read_parquet_schema(shared_data / name)  # the README's file is there
    assert pl.scan_parquet(shared_data / name).select(pl.len()).collect().item() == rows
    result = CliRunner().invoke(cli, ["data", "import", dataset_id, str(shared_data / name)])
    assert result.exit_code == 0, result.output
    frame = load_frame(dataset_id)
    if dataset_id == "ucdp_acd":  # one row per conflict, year, side and state
        assert len(frame) == 6_324
    else:
        assert len(frame) == rows
    prov = provenance_of(frame)
    assert prov.unit is Unit.TABLE
    assert prov.version_of(dataset_id) == get_dataset(dataset_id).version
    CHECKS[dataset_id](frame)
    via_checks = read_dataset(dataset_id)  # the path the claim checks take
    assert len(via_checks) == len(frame) and provenance_of(via_checks).dataset_ids == (dataset_id,)


def test_every_peace_science_dataset_has_a_loader() -> None:
    for dataset_id in REAL:
        assert dataset_id in READERS
        assert get_dataset(dataset_id).tables == (READERS[dataset_id][1],)


def test_ucdp_participants_are_the_states_of_each_side(shared_data: Path) -> None:
    """Recomputed from the copy with pandas: the distinct (conflict, year, side, state)."""
    raw = pd.read_parquet(shared_data / "ps_ucdp_acd.parquet")
    expected = set()
    for side in ("a", "a_2nd", "b", "b_2nd"):
        part = raw[["conflict_id", "year", f"gwno_{side}"]].dropna()
        expected |= {(int(c), int(y), side, int(g)) for c, y, g in part.itertuples(index=False)}
    import_file("ucdp_acd", shared_data / "ps_ucdp_acd.parquet")
    table = load_frame("ucdp_acd")
    got = set(zip(table["conflict_id"], table["year"], table["side"], table["gwno"], strict=True))
    assert got == expected and len(expected) == 6_324
    assert table[["conflict_id", "year"]].drop_duplicates().shape[0] == 2_752


def test_kazakhstan_milper_2011_to_2013(shared_data: Path) -> None:
    """C21's figure: COW counts 49, 49 and 39 thousand troops (the article says 77,000)."""
    import_file("cow_nmc", shared_data / "ps_cow_nmc.parquet")
    nmc = load_frame("cow_nmc")
    kaz = nmc[(nmc["ccode"] == 705) & nmc["year"].between(2011, 2013)].sort_values("year")
    assert kaz["milper"].tolist() == [49, 49, 39]


# ---- the publishers' layouts, rebuilt from the real copies -----------------------------------


def _canonical(dataset_id: str, path: Path) -> pl.DataFrame:
    import_file(dataset_id, path)
    table = READERS[dataset_id][1]
    return cache.read_cached(dataset_id, table)


def _same(a: pl.DataFrame, b: pl.DataFrame, key: list[str]) -> None:
    assert a.columns == b.columns
    assert a.height == b.height
    left = a.sort(key)
    right = b.select(a.columns).cast(dict(a.schema)).sort(key)  # type: ignore[arg-type]
    assert left.equals(right, null_equal=True)


def test_contdir_in_the_publishers_layout_and_zip(shared_data: Path, tmp_path: Path) -> None:
    ps = pl.read_parquet(shared_data / "ps_cow_contdir.parquet")
    once = ps.filter((pl.col("conttype") > 0) & (pl.col("ccode1") < pl.col("ccode2")))
    month = lambda c: pl.col(c).str.slice(0, 4) + pl.col(c).str.slice(5, 2)  # noqa: E731
    publisher = once.select(
        (pl.col("ccode1") * 1000 + pl.col("ccode2")).alias("dyad"),
        pl.col("ccode1").alias("statelno"),
        pl.lit("X").alias("statelab"),
        pl.col("ccode2").alias("statehno"),
        pl.lit("Y").alias("statehab"),
        "conttype",
        month("stdate").cast(pl.Int32).alias("begin"),
        month("enddate").cast(pl.Int32).alias("end"),
        pl.lit("").alias("notes"),
        pl.lit(3.2).alias("version"),
    )
    folder = tmp_path / "DirectContiguity320"
    folder.mkdir()
    publisher.write_csv(folder / "contdir.csv")
    from_ps = _canonical("cow_contdir", shared_data / "ps_cow_contdir.parquet")
    from_publisher = _canonical("cow_contdir", folder / "contdir.csv")
    _same(from_publisher, from_ps.filter(pl.col("conttype") > 0), ["ccode1", "ccode2", "stdate"])
    archive = tmp_path / "DirectContiguity320.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(folder / "contdir.csv", "DirectContiguity320/contdir.csv")
    assert import_file("cow_contdir", archive).tables == {"contiguity": from_publisher.height}


def test_trade_in_the_publishers_layout(shared_data: Path, tmp_path: Path) -> None:
    ps = pl.read_parquet(shared_data / "ps_cow_trade_sy.parquet")
    publisher = ps.select(
        "ccode",
        pl.lit("State").alias("statename"),
        pl.lit("ABC").alias("stateabb"),
        "year",
        pl.col("imports").fill_null(-9),
        pl.col("exports").fill_null(-9),
        pl.lit(-9).alias("alt_imports"),
        pl.lit(-9).alias("alt_exports"),
        pl.lit(1).alias("source1"),
        pl.lit(1).alias("source2"),
        pl.lit(4.0).alias("version"),
    )
    publisher.write_csv(tmp_path / "National_COW_4.0.csv")
    _same(
        _canonical("cow_trade_sy", tmp_path / "National_COW_4.0.csv"),
        _canonical("cow_trade_sy", shared_data / "ps_cow_trade_sy.parquet"),
        ["ccode", "year"],
    )


def test_ucdp_in_the_publishers_layout(shared_data: Path, tmp_path: Path) -> None:
    """One row per conflict-year with the states of a side in one cell ("365, 704"), codes
    as numbers: the same participants as peacesciencer's split copy."""
    ps = pl.read_parquet(shared_data / "ps_ucdp_acd.parquet")
    words = {"territory": 1, "government": 2, "both": 3}
    kinds = {"extrasystemic": 1, "interstate": 2, "intrastate": 3, "II": 4}

    def cell(column: str) -> pl.Expr:
        return (
            pl.col(column)
            .drop_nulls()
            .cast(pl.Int64)
            .unique()
            .sort()
            .cast(pl.String)
            .str.join(", ")
        )

    attrs = ["start_date", "start_prec", "start_date2", "start_prec2", "ep_end", "ep_end_date"]
    publisher = (
        ps.group_by("conflict_id", "year")
        .agg(
            *(cell(c).alias(c) for c in ("gwno_a", "gwno_a_2nd", "gwno_b", "gwno_b_2nd")),
            pl.col("incompatibility").first().replace_strict(words).alias("incompatibility"),
            pl.col("intensity_level").first(),
            pl.col("type_of_conflict").first().replace_strict(kinds).alias("type_of_conflict"),
            *(pl.col(c).first() for c in attrs),
        )
        .with_columns(
            pl.lit("Somewhere").alias("location"),
            pl.lit("Government of X").alias("side_a"),
            pl.lit("1").alias("side_a_id"),
            pl.lit("").alias("side_a_2nd"),
            pl.lit("Y").alias("side_b"),
            pl.lit("2").alias("side_b_id"),
            pl.lit("").alias("side_b_2nd"),
            pl.lit("").alias("territory_name"),
            pl.lit(1).alias("cumulative_intensity"),
            pl.lit(1).alias("ep_end_prec"),
            pl.col("gwno_a").alias("gwno_loc"),
            pl.lit("1").alias("region"),
            pl.lit("25.1").alias("version"),
        )
    )
    assert publisher["gwno_a_2nd"].str.contains(",").any()  # several states in one cell
    publisher.write_csv(tmp_path / "UcdpPrioConflict_v25_1.csv")
    _same(
        _canonical("ucdp_acd", tmp_path / "UcdpPrioConflict_v25_1.csv"),
        _canonical("ucdp_acd", shared_data / "ps_ucdp_acd.parquet"),
        ["conflict_id", "year", "side", "gwno"],
    )


def test_archigos_in_the_publishers_tab_separated_layout(shared_data: Path, tmp_path: Path) -> None:
    ps = pl.read_parquet(shared_data / "ps_archigos.parquet")
    publisher = ps.select(
        "obsid",
        "leadid",
        pl.col("gwcode").alias("ccode"),  # the publisher's name for the GW code
        pl.col("obsid").str.slice(0, 3).alias("idacr"),
        "leader",
        "startdate",
        pl.lit(1).alias("eindate"),
        "enddate",
        "entry",
        "exit",
        "exitcode",
        "gender",
        pl.col("yrborn").cast(pl.Int32),
    )
    publisher.write_csv(tmp_path / "1March_Archigos_4.1.txt", separator="\t")
    _same(
        _canonical("archigos", tmp_path / "1March_Archigos_4.1.txt"),
        _canonical("archigos", shared_data / "ps_archigos.parquet"),
        ["obsid"],
    )


def test_pwt_as_the_publishers_csv_export(shared_data: Path, tmp_path: Path) -> None:
    ps = pl.read_parquet(shared_data / "pwt91.parquet")
    ps.rename({"isocode": "countrycode", "currency": "currency_unit"}).write_csv(
        tmp_path / "pwt91.csv"
    )
    _same(
        _canonical("pwt91", tmp_path / "pwt91.csv"),
        _canonical("pwt91", shared_data / "pwt91.parquet"),
        ["iso3", "year"],
    )


def test_gml_csv_as_published(shared_data: Path, tmp_path: Path) -> None:
    pl.read_parquet(shared_data / "ps_gml_dirdisp.parquet").write_csv(
        tmp_path / "gml-ddy-disputes-2.2.1.csv"
    )
    _same(
        _canonical("gml_dirdisp", tmp_path / "gml-ddy-disputes-2.2.1.csv"),
        _canonical("gml_dirdisp", shared_data / "ps_gml_dirdisp.parquet"),
        ["dispnum", "ccode1", "ccode2", "year"],
    )


# ---- publishers' layouts the copies cannot rebuild: written here -----------------------------

INTRA_HEADER = (
    "WarNum,WarName,WarType,CcodeA,SideA,CcodeB,SideB,Intnl,StartMonth1,StartDay1,StartYear1,"
    "EndMonth1,EndDay1,EndYear1,StartMonth2,StartDay2,StartYear2,EndMonth2,EndDay2,EndYear2,"
    "TransFrom,TransTo,WhereFought,Initiator,Outcome,SideADeaths,SideBDeaths,Version\n"
)
INTRA_ROWS = (
    "876,Tajikistan,4,702,Tajikistan,-8,United Tajik Opposition,1,5,5,1992,6,27,1997,-8,-8,-8,-8,-8,-8,-8,-8,7,Tajikistan,3,-9,-9,4.1\n"
    "547,Second Two Sicilies,4,329,Two Sicilies,-8,Liberals,0,1,12,1848,5,15,1848,9,1,1848,5,15,1849,-8,-8,2,Liberals,1,1500,-9,4.1\n"
    "915,Second Chechen,5,365,Russia,-8,Chechnya,0,8,7,1999,4,16,2003,-8,-8,-8,-8,-8,-8,-8,-8,7,Chechnya,1,-9,-9,4.1\n"
    "940,Second Sri Lanka Tamil,5,780,Sri Lanka,-8,LTTE,0,7,26,2006,-7,-7,-7,-8,-8,-8,-8,-8,-8,-8,-8,7,LTTE,5,-9,-9,4.1\n"
    "999,Somewhere Intercommunal,7,-8,Group A,-8,Group B,0,1,1,2001,2,2,2002,-8,-8,-8,-8,-8,-8,-8,-8,9,Group A,1,1200,300,4.1\n"
)


def test_intra_state_wars_from_the_publishers_rows(tmp_path: Path) -> None:
    path = tmp_path / "Intra-StateWarData_v4.1.csv"
    path.write_text(INTRA_HEADER + INTRA_ROWS, encoding="utf-8")
    assert import_file("cow_war_intra", path).tables == {"war_years": 6 + 3 + 5 + 2 + 2}
    t = load_frame("cow_war_intra")
    tajik = t[t["warnum"] == 876].sort_values("year")
    assert tajik["year"].tolist() == list(range(1992, 1998))
    assert tajik["cowintraonset"].tolist() == [1, 0, 0, 0, 0, 0]
    assert tajik["primary_state"].eq(1).all() and tajik["ccodeb"].isna().all()
    sicily = t[t["warnum"] == 547].sort_values(["resume_combat", "year"])
    phases = sorted(
        zip(sicily["year"], sicily["resume_combat"], sicily["cowintraonset"], strict=True)
    )
    assert phases == [(1848, 0, 1), (1848, 1, 1), (1849, 1, 0)]  # fighting resumed in 1848
    chechen = t[t["warnum"] == 915]
    assert chechen["year"].tolist() == list(range(1999, 2004)) and chechen["ongo2007"].eq(0).all()
    tamil = t[t["warnum"] == 940]
    assert tamil["year"].tolist() == [2006, 2007] and tamil["ongo2007"].eq(1).all()  # -7: still on
    other = t[t["warnum"] == 999]
    assert set(other["wartype"]) == {"intercommunal"} and other["primary_state"].eq(0).all()
    assert other["ccodea"].isna().all() and other["sideadeaths"].eq(1200).all()


def test_intra_state_war_years_agree_with_peacesciencer(shared_data: Path, tmp_path: Path) -> None:
    """The Tajik, Second Chechen and Second Tamil wars expanded from the publisher's rows give
    peacesciencer's war-years (for the government's side pair: the copy has others too)."""
    path = tmp_path / "Intra-StateWarData_v4.1.csv"
    path.write_text(INTRA_HEADER + INTRA_ROWS, encoding="utf-8")
    import_file("cow_war_intra", path)
    ours = load_frame("cow_war_intra")
    theirs = pd.read_parquet(shared_data / "ps_cow_war_intra.parquet")
    for warnum, state in ((876, 702), (915, 365), (940, 780)):
        a = ours[ours["warnum"] == warnum].sort_values("year")
        b = theirs[(theirs["warnum"] == warnum) & (theirs["ccodea"] == state)].sort_values("year")
        assert a["year"].tolist() == b["year"].tolist()
        assert a["cowintraonset"].tolist() == b["cowintraonset"].tolist()
        assert a["ongo2007"].tolist() == b["ongo2007"].tolist()


IGO_DYADIC = (
    "ccode1,ccode2,year,state1,state2,AALCO,CSTO,SCO,UN,OSCE\n"
    "365,705,2013,RUS,KZK,0,1,1,1,1\n"
    "365,710,2013,RUS,CHN,-1,0,1,1,0\n"
    "702,703,1991,TAJ,KYR,-9,-9,-9,-9,-9\n"
)


def test_igo_dyads_from_the_publishers_columns(tmp_path: Path) -> None:
    path = tmp_path / "dyadic_formatv3.csv"
    path.write_text(IGO_DYADIC, encoding="utf-8")
    assert import_file("cow_igo_ndy", path).tables == {"igo_ndy": 3}
    t = load_frame("cow_igo_ndy")
    assert _row(t, ccode1=365, ccode2=705)["dyadigos"] == 4
    assert _row(t, ccode1=365, ccode2=710)["dyadigos"] == 2
    assert pd.isna(_row(t, ccode1=702, ccode2=703)["dyadigos"])  # all missing: unknown, not 0
    path.write_text(IGO_DYADIC.replace("0,1,1,1,1", "0,7,1,1,1"), encoding="utf-8")
    with pytest.raises(DataFormatError, match="a code other than -9, -1, 0, 1"):
        import_file("cow_igo_ndy", path)
    assert len(load_frame("cow_igo_ndy")) == 3  # the last good copy


def test_distances_listed_both_ways_are_folded_or_refused(tmp_path: Path) -> None:
    path = tmp_path / "cow_mindist.csv"
    path.write_text(
        "ccode1,ccode2,year,mindist\n702,703,2013,0\n703,702,2013,0\n", encoding="utf-8"
    )
    assert import_file("cow_mindist", path).tables == {"mindist": 1}
    path.write_text(
        "ccode1,ccode2,year,mindist\n702,703,2013,0\n703,702,2013,5\n", encoding="utf-8"
    )
    with pytest.raises(DataFormatError, match="two rows for ccode1=702, ccode2=703, year=2013"):
        import_file("cow_mindist", path)
