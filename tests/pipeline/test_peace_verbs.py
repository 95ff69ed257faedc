"""The peace-science verbs on the real data: each keeps the rows, refuses the wrong unit, is
missing (never 0) outside its dataset's coverage, and gives the publishers' figures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ujym
from ujym.core.errors import DataNotAvailableError, WrongUnitError
from ujym.core.provenance import Provenance, Unit, attach, provenance_of
from ujym.pipeline.state_years import create_state_years
from ujym.sources.datasets import import_file
from ujym.sources.peacescience import load_frame

FILES = {
    "cow_contdir": "ps_cow_contdir.parquet",
    "cow_mindist": "ps_cow_mindist.parquet",
    "cow_trade_sy": "ps_cow_trade_sy.parquet",
    "gml_dirdisp": "ps_gml_dirdisp.parquet",
    "td_rivalries": "ps_td_rivalries.parquet",
    "ucdp_acd": "ps_ucdp_acd.parquet",
    "archigos": "ps_archigos.parquet",
    "cow_igo_ndy": "ps_cow_igo_ndy.parquet",
    "pwt91": "pwt91.parquet",
}


@pytest.fixture(scope="module")
def tables(
    shared_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, pd.DataFrame]]:
    """Every table imported once (from the real copies) and read back with its provenance."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("UJYM_DATA_DIR", str(tmp_path_factory.mktemp("peace-cache")))
        for dataset_id, name in FILES.items():
            import_file(dataset_id, shared_data / name)
        yield {dataset_id: load_frame(dataset_id) for dataset_id in FILES}


def dyads(pairs: list[tuple[int, int]], years: list[int]) -> pd.DataFrame:
    rows = [(a, b, y) for y in years for a, b in pairs]
    frame = pd.DataFrame(rows, columns=["ccode1", "ccode2", "year"])
    return attach(frame, Provenance(Unit.DYAD_YEAR, details={"made": "test"}))


def _value(frame: pd.DataFrame, column: str, **where: int) -> float:
    mask = np.ones(len(frame), dtype=bool)
    for key, value in where.items():
        mask &= (frame[key] == value).to_numpy()
    values = frame.loc[mask, column]
    assert len(values) == 1, where
    return float(values.iloc[0])


def _kept(before: pd.DataFrame, after: pd.DataFrame, dataset_id: str, version: str) -> None:
    assert len(after) == len(before)
    assert after[list(before.columns)].equals(before)
    prov = provenance_of(after)
    assert prov.version_of(dataset_id) == version
    assert prov.details.get("made") == "test" or prov.unit is Unit.STATE_YEAR


def test_contiguity_of_kyrgyzstan(tables: dict[str, pd.DataFrame]) -> None:
    base = dyads([(703, 702), (703, 704), (703, 705), (703, 365), (703, 710)], [2013, 2020])
    out = ujym.add_contiguity(base, contiguity=tables["cow_contdir"])
    _kept(base, out, "cow_contdir", "3.2")
    for neighbour in (702, 704, 705, 710):  # Tajikistan, Uzbekistan, Kazakhstan, China
        assert _value(out, "conttype", ccode2=neighbour, year=2013) == 1
    assert _value(out, "conttype", ccode2=365, year=2013) == 0  # Russia: no border
    assert out.loc[out["year"] == 2020, "conttype"].isna().all()  # data end in 2016
    assert "conttype" in provenance_of(out).columns


def test_contiguity_reads_the_cache_by_default(shared_data: Path) -> None:
    with pytest.raises(DataNotAvailableError, match="ujym data pull cow_contdir"):
        ujym.add_contiguity(dyads([(703, 702)], [2013]))
    import_file("cow_contdir", shared_data / FILES["cow_contdir"])
    out = ujym.add_contiguity(dyads([(703, 702)], [2013]))
    assert out["conttype"].tolist() == [1.0]


def test_minimum_distance(tables: dict[str, pd.DataFrame]) -> None:
    base = dyads([(703, 702), (705, 371)], [2013, 2020])
    out = ujym.add_minimum_distance(base, mindist=tables["cow_mindist"])
    _kept(base, out, "cow_mindist", "peacesciencer (CShapes 2.0), 1886-2019")
    assert _value(out, "mindist", ccode1=703, year=2013) == 0.0
    assert _value(out, "mindist", ccode1=705, year=2013) == pytest.approx(532.19, abs=0.01)
    assert out.loc[out["year"] == 2020, "mindist"].isna().all()


def test_trade_of_kazakhstan(tables: dict[str, pd.DataFrame]) -> None:
    base = create_state_years(["KAZ", "RUS"], years=(2013, 2015))
    out = ujym.add_trade(base, trade=tables["cow_trade_sy"])
    _kept(base, out, "cow_trade_sy", "4.0")
    assert _value(out, "imports", ccode=705, year=2013) == pytest.approx(54_400.85, abs=0.01)
    assert out.loc[out["year"] == 2015, ["imports", "exports"]].isna().all().all()


def test_gdp_puts_kazakhstan_second_in_the_csto(tables: dict[str, pd.DataFrame]) -> None:
    """The economic part of C20: PWT 9.1 real GDP of the CSTO's members, 2012-2014."""
    base = create_state_years("CSTO", years=(2012, 2014))
    out = ujym.add_gdp(base, pwt=tables["pwt91"])
    _kept(base, out, "pwt91", "9.1")
    assert _value(out, "rgdpe", ccode=705, year=2013) == pytest.approx(401_159, abs=1)
    assert _value(out, "rgdpe", ccode=365, year=2013) == pytest.approx(3_699_818, rel=1e-6)
    ranks = out.groupby("year")["rgdpe"].rank(ascending=False)
    assert set(out.loc[ranks == 1, "ccode"]) == {365}
    assert set(out.loc[ranks == 2, "ccode"]) == {705}
    late = ujym.add_gdp(create_state_years("KAZ", years=(2017, 2018)), pwt=tables["pwt91"])
    assert late["rgdpe"].notna().tolist() == [True, False]  # PWT 9.1 ends in 2017


def test_mids_end_in_2010(tables: dict[str, pd.DataFrame]) -> None:
    base = dyads([(370, 368), (370, 365)], [2001, 2012])
    out = ujym.add_mids(base, mids=tables["gml_dirdisp"])
    _kept(base, out, "gml_dirdisp", "2.2.1")
    assert _value(out, "gml_midonset", ccode2=368, year=2001) == 1  # Belarus-Lithuania 2001
    assert _value(out, "gml_hostlev", ccode2=368, year=2001) == 3
    assert _value(out, "gml_midongoing", ccode2=365, year=2001) == 0
    assert out.loc[out["year"] == 2012, list(ujym.pipeline.mids.COLUMNS)].isna().all().all()


def test_rivalries(tables: dict[str, pd.DataFrame]) -> None:
    base = dyads([(373, 371), (370, 365), (705, 704)], [2005, 2012])
    out = ujym.add_rivalries(base, rivalries=tables["td_rivalries"])
    _kept(base, out, "td_rivalries", "2012 (Handbook of International Rivalries, 1494-2010)")
    assert _value(out, "td_rivalry", ccode1=373, year=2005) == 1
    assert out.loc[(out["ccode1"] == 373) & (out["year"] == 2005), "td_type1"].item() == "spatial"
    assert _value(out, "td_rivalry", ccode1=370, year=2005) == 0  # Belarus-Russia
    assert _value(out, "td_rivalryno", ccode1=705, year=2005) == 183
    assert out.loc[out["year"] == 2012, "td_rivalry"].isna().all()  # the handbook ends in 2010


def test_armed_conflicts_of_armenia_azerbaijan_kyrgyzstan(tables: dict[str, pd.DataFrame]) -> None:
    base = create_state_years(["ARM", "AZE", "KGZ", "TJK"], years=(2016, 2021))
    out = ujym.add_armed_conflicts(base, acd=tables["ucdp_acd"])
    _kept(base, out, "ucdp_acd", "25.1")

    def at(code: int, year: int) -> dict[str, float]:
        row = out[(out["ccode"] == code) & (out["year"] == year)].iloc[0]
        return {c: float(row[c]) for c in ujym.pipeline.conflicts.COLUMNS}

    aze = at(373, 2016)  # Nagorno-Karabakh: Azerbaijan's government against Armenian forces
    assert (aze["ucdp_conflicts"], aze["ucdp_internal"], aze["ucdp_territorial"]) == (1, 1, 1)
    arm = at(371, 2016)  # a secondary party: Karabakh's side B, and Mali's government (11347)
    assert (arm["ucdp_conflicts"], arm["ucdp_supporting"]) == (0, 2)
    kgz = at(703, 2021)  # the Kyrgyzstan-Tajikistan border conflict
    assert (kgz["ucdp_conflicts"], kgz["ucdp_interstate"], kgz["ucdp_max_intensity"]) == (1, 1, 1)
    assert at(702, 2021)["ucdp_interstate"] == 1
    assert at(703, 2017)["ucdp_conflicts"] == 0


def test_leaders_of_kyrgyzstan(tables: dict[str, pd.DataFrame]) -> None:
    base = create_state_years(["KGZ", "KAZ"], years=(2004, 2016))
    out = ujym.add_leaders(base, leaders=tables["archigos"])
    _kept(base, out, "archigos", "4.1")
    kgz = out[out["ccode"] == 703].set_index("year")
    assert kgz.loc[2005, "irregular_exits"] == 1 and kgz.loc[2005, "leaders"] == 2  # Akayev
    assert kgz.loc[2010, "irregular_exits"] == 1  # Bakiyev
    assert kgz.loc[2011, "leader_exits"] == 1 and kgz.loc[2011, "irregular_exits"] == 0
    assert kgz.loc[[2006, 2007, 2008, 2009], "leader_exits"].eq(0).all()
    assert out.loc[out["ccode"] == 705, "leader_exits"].dropna().eq(0).all()  # Nazarbayev
    assert out.loc[out["year"] == 2016, "leaders"].isna().all()  # Archigos 4.1 ends in 2015


def test_leaders_follow_german_unification(tables: dict[str, pd.DataFrame]) -> None:
    base = create_state_years(["GFR", 255], years=(1989, 1991))
    out = ujym.add_leaders(base, leaders=tables["archigos"])
    leaders = {
        (int(c), int(y)): v for c, y, v in out[["ccode", "year", "leaders"]].itertuples(index=False)
    }
    assert leaders[(260, 1989)] == 1 and leaders[(255, 1990)] == 1 and leaders[(255, 1991)] == 1


def test_shared_igos(tables: dict[str, pd.DataFrame]) -> None:
    base = dyads([(705, 365), (365, 705)], [2013, 2016])
    out = ujym.add_shared_igos(base, igo_dyads=tables["cow_igo_ndy"])
    _kept(base, out, "cow_igo_ndy", "3.0")
    assert out.loc[out["year"] == 2013, "dyadigos"].tolist() == [48, 48]
    assert out.loc[out["year"] == 2016, "dyadigos"].isna().all()


@pytest.mark.parametrize(
    ("verb", "unit"),
    [
        ("add_contiguity", Unit.STATE_YEAR),
        ("add_minimum_distance", Unit.STATE_YEAR),
        ("add_mids", Unit.STATE_YEAR),
        ("add_rivalries", Unit.STATE_YEAR),
        ("add_shared_igos", Unit.STATE_YEAR),
        ("add_trade", Unit.DYAD_YEAR),
        ("add_gdp", Unit.DYAD_YEAR),
        ("add_armed_conflicts", Unit.DYAD_YEAR),
        ("add_leaders", Unit.DYAD_YEAR),
    ],
)
def test_the_wrong_unit_is_one_line(verb: str, unit: Unit) -> None:
    frame = attach(pd.DataFrame({"ccode": [705], "ccode1": [705], "ccode2": [365], "year": [2013]}),
                   Provenance(unit))  # fmt: skip
    with pytest.raises(WrongUnitError) as info:
        getattr(ujym, verb)(frame)
    assert "\n" not in str(info.value) and verb in str(info.value)


def test_no_year_inside_the_coverage_says_so(tables: dict[str, pd.DataFrame]) -> None:
    with pytest.raises(DataNotAvailableError, match="gml_dirdisp covers 1816–2010"):
        ujym.add_mids(dyads([(370, 365)], [2013]), mids=tables["gml_dirdisp"])
    with pytest.raises(DataNotAvailableError, match="pwt91 covers 1950–2017"):
        ujym.add_gdp(create_state_years("KAZ", years=2020), pwt=tables["pwt91"])


def test_a_frame_without_the_keys_is_one_line() -> None:
    frame = attach(pd.DataFrame({"ccode1": [705], "year": [2013]}), Provenance(Unit.DYAD_YEAR))
    with pytest.raises(ujym.UjymError, match="no column 'ccode2'"):
        ujym.add_contiguity(frame)
