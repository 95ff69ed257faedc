"""Gleditsch–Ward → COW codes: the post-Soviet states, the successions, the GW-only states, and
every state of peacesciencer's copy of the GW list checked against ujym's COW crosswalk."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest

from ujym.sources.codes import country, load_countries
from ujym.sources.gwcodes import GW_ONLY, RENAMED, gw_to_cow, to_cow

POST_SOVIET = {
    "RUS": 365, "UKR": 369, "BLR": 370, "ARM": 371, "GEO": 372, "AZE": 373, "MDA": 359,
    "EST": 366, "LVA": 367, "LTU": 368, "TKM": 701, "TJK": 702, "KGZ": 703, "UZB": 704,
    "KAZ": 705,
}  # fmt: skip
"""ISO3 → the COW code of the fifteen post-Soviet states (COW and GW agree on them)."""


def test_post_soviet_states_keep_their_codes() -> None:
    for iso3, ccode in POST_SOVIET.items():
        assert country(ccode).iso3 == iso3
        for year in (1992, 2013, 2024):
            assert to_cow(ccode, year) == ccode, (iso3, year)
    assert to_cow(365, 1950) == 365  # the USSR is 365 in both lists


def test_unifications_follow_the_date() -> None:
    assert to_cow(260, date(1990, 10, 2)) == 260
    assert to_cow(260, date(1990, 10, 3)) == 255
    assert to_cow(678, date(1990, 5, 21)) == 678
    assert to_cow(678, date(1990, 5, 22)) == 679
    assert (to_cow(260, 1989), to_cow(260, 1990), to_cow(678, 1989), to_cow(678, 1990)) == (
        260,
        255,
        678,
        679,
    )  # fmt: skip  (a year is read on its last day)
    assert to_cow(265, 1980) == 265 and to_cow(680, 1980) == 680


def test_renamed_and_gw_only_states() -> None:
    assert to_cow(340, 1900) == to_cow(340, 2010) == 345  # Serbia
    assert to_cow(972, 2000) == 955 and country(955).iso3 == "TON"
    assert to_cow(970, 2000) == 946 and country(946).iso3 == "KIR"  # not COW 970, Nauru
    assert to_cow(971, 2000) == 970 and country(970).iso3 == "NRU"
    for code in GW_ONLY:
        assert to_cow(code, 1900) is None
    assert to_cow(998, 2000) is None  # no such state in either list


def test_vectorised_mapping_reports_what_has_no_cow_code() -> None:
    gw = pl.Series([705, 260, 260, 711, None, 972])
    years = pl.Series([2013, 1989, 1991, 1949, 2000, 2000])
    cow, unmapped = gw_to_cow(gw, years)
    assert cow.to_list() == [705, 260, 255, None, None, 955]
    assert unmapped == [711]
    days = pl.Series([date(1990, 10, 2), date(1990, 10, 3)])
    assert gw_to_cow(pl.Series([260, 260]), days)[0].to_list() == [260, 255]


def test_every_state_of_the_gw_list_maps_to_the_same_state_in_cow(shared_data: Path) -> None:
    """Each GW state maps, on its first day in the GW list, to the COW state with that
    abbreviation; the exceptions are the documented ones (GW-only, renamed, spelled apart).
    (On their last day GW 260 and 678 are united Germany and Yemen: the succession test.)"""
    gw = pl.read_parquet(shared_data / "ps_gw_states.parquet")
    by_abb = {c.cow_abb: c.ccode for c in load_countries()}
    spelled_apart = {"HSD": "HSG", "RUM": "ROM", "FJI": "FIJ", "YEM": "YAR"}
    checked = 0
    for row in gw.iter_rows(named=True):
        first = date(1970, 1, 1) + timedelta(days=int(row["startdate"]))
        cow = to_cow(int(row["gwcode"]), first)
        if row["gwcode"] in GW_ONLY:
            assert cow is None
            continue
        abb = spelled_apart.get(row["stateabb"], row["stateabb"])
        expected = by_abb.get(abb)
        if row["gwcode"] in RENAMED:  # Serbia: 345 is COW's YUG
            expected = RENAMED[row["gwcode"]]
        assert cow == expected, (row["gwcode"], row["stateabb"], first, cow, expected)
        checked += 1
    assert checked == gw.height - sum(1 for c in gw["gwcode"] if c in GW_ONLY) > 200


@pytest.mark.parametrize("iso3", sorted(POST_SOVIET))
def test_the_gw_list_has_the_post_soviet_state_under_its_cow_code(
    shared_data: Path, iso3: str
) -> None:
    gw = pl.read_parquet(shared_data / "ps_gw_states.parquet")
    rows = gw.filter(pl.col("gwcode") == POST_SOVIET[iso3])
    assert rows.height >= 1
    last = date(1970, 1, 1) + timedelta(days=int(rows["enddate"].max()))
    assert to_cow(POST_SOVIET[iso3], last) == POST_SOVIET[iso3]
