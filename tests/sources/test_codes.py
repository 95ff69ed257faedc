"""The country-code crosswalk: one identity per COW code through history."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from ujym.core.errors import ExitCode, UnknownCodeError
from ujym.core.names import Names
from ujym.sources.codes import (
    Country,
    apply_successions,
    load_countries,
    map_codes,
    normalize_name,
    resolve_state,
    search_countries,
)


def test_every_cow_state_once_with_three_names() -> None:
    countries = load_countries()
    ccodes = [c.ccode for c in countries]
    assert len(ccodes) == len(set(ccodes)) == 217
    assert ccodes == sorted(ccodes)
    for c in countries:
        assert isinstance(c, Country)
        assert isinstance(c.names, Names)
        assert c.iso3 and len(c.iso3) == 3
        assert c.start_year >= 1816


def test_codes_and_names_are_unambiguous() -> None:
    seen_codes: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for c in load_countries():
        for code in {c.iso3, c.iso2 or "", *[h for h in c.hist_codes if not h.isdigit()]} - {""}:
            assert seen_codes.setdefault(code.upper(), c.ccode) == c.ccode, code
        for name in (c.names.en, c.names.ru, c.names.kk, *c.alt_names):
            key = normalize_name(name)
            assert seen_names.setdefault(key, c.ccode) == c.ccode, name


@pytest.mark.parametrize(
    ("code", "ccode"),
    [
        ("KAZ", 705),
        ("kz", 705),
        ("705", 705),
        (705, 705),
        ("Kazakhstan", 705),
        ("казахстан", 705),
        ("ҚАЗАҚСТАН", 705),
        ("RUS", 365),
        ("SUN", 365),
        ("SU", 365),
        ("USSR", 365),
        ("СССР", 365),
        ("Soviet Union", 365),
        ("YUG", 345),
        ("YU", 345),
        ("SCG", 345),
        ("SRB", 345),
        ("CS", 315),
        ("CSK", 315),
        ("CZE", 316),
        ("DDR", 265),
        ("DD", 265),
        ("DEU", 255),
        ("West Germany", 260),
        ("GFR", 260),
        ("YAR", 678),
        ("Yemen Arab Republic", 678),
        ("YEM", 679),
        ("YD", 680),
        ("YMD", 680),
        ("Taiwan", 713),
        ("Republic of China", 713),
        ("CHN", 710),
        ("Côte d’Ivoire", 437),
        ("ivory coast", 437),
        ("St. Kitts & Nevis", 60),
        ("Ресей", 365),
        ("Беларусь", 370),
        ("Byelorussian SSR", 370),
        ("Қырғызстан", 703),
        ("Тәжікстан", 702),
        ("Армения", 371),
    ],
)
def test_resolve_state(code: str | int, ccode: int) -> None:
    assert resolve_state(code).ccode == ccode


def test_russia_is_one_identity_with_un_seat_from_1945() -> None:
    russia = resolve_state("RUS")
    assert russia is resolve_state("SUN") is resolve_state(365)
    assert russia.un_admission == date(1945, 10, 24)
    assert russia.un_member_on(date(1950, 1, 1)) and russia.un_member_on(date(2020, 1, 1))
    assert russia.names == Names(kk="Ресей", ru="Россия", en="Russia")


def test_membership_dates_of_successor_states() -> None:
    assert not resolve_state("KAZ").un_member_on(date(1991, 12, 31))
    assert resolve_state("KAZ").un_member_on(date(1992, 3, 2))
    assert resolve_state("CSK").un_member_on(date(1992, 12, 31))
    assert not resolve_state("CSK").un_member_on(date(1993, 1, 1))
    assert not resolve_state("GFR").un_member_on(date(1990, 10, 3))
    assert resolve_state("DEU").un_member_on(date(1990, 10, 3))
    assert resolve_state("TWN").un_member_on(date(1971, 10, 1))
    assert not resolve_state("CHN").un_member_on(date(1971, 10, 1))
    assert resolve_state("UKR").un_member_on(date(1946, 1, 1))  # Ukrainian SSR


@pytest.mark.parametrize("bad", ["XYZ", "Atlantis", "", "999", 0, "KAZZ"])
def test_unknown_code_is_one_line_with_fix(bad: str | int) -> None:
    with pytest.raises(UnknownCodeError) as info:
        resolve_state(bad)
    text = str(info.value)
    assert "\n" not in text
    assert "KAZ" in text and "705" in text and "ujym data codes" in text
    assert info.value.exit_code == ExitCode.BAD_INPUT


def test_map_codes_reports_unknown_and_keeps_length() -> None:
    ccodes, unknown = map_codes(["KZ", "RU", "SU", None, "QQ", "YU", "QQ", "ZZ"], "iso2")
    assert ccodes.dtype == pl.Int16
    assert ccodes.to_list() == [705, 365, 365, None, None, 345, None, None]
    assert unknown == ["QQ", "ZZ"]


@pytest.mark.parametrize(
    ("values", "scheme", "expected"),
    [
        (["KAZ", "SUN", "CSK", "YMD"], "iso3", [705, 365, 315, 680]),
        ([2, 365, "705", "710.0"], "cow", [2, 365, 705, 710]),
        ([398, 810, 643, 890, 200, 278, 720], "m49", [705, 365, 365, 345, 315, 265, 680]),
        (["KZK", "AUS", "RUS"], "cow_abb", [705, 305, 365]),
        (["Kazakhstan", "Россия", "Federal Republic of Germany"], "name", [705, 365, 260]),
        (["KAZ", "kz", "Ресей", "705"], "any", [705, 705, 365, 705]),
    ],
)
def test_map_codes_schemes(values: list[object], scheme: str, expected: list[int]) -> None:
    ccodes, unknown = map_codes(values, scheme)  # type: ignore[arg-type]
    assert unknown == []
    assert ccodes.to_list() == expected


def test_map_codes_with_dates_handles_german_and_yemeni_unification() -> None:
    values = ["DE", "DE", "DE", "YE", "YE"]
    days = [
        date(1980, 1, 1),
        date(1991, 1, 1),
        date(1938, 1, 1),
        date(1980, 1, 1),
        date(1995, 1, 1),
    ]
    ccodes, unknown = map_codes(values, "iso2", dates=days)
    assert unknown == []
    assert ccodes.to_list() == [260, 255, 255, 678, 679]
    later = apply_successions(pl.Series([260, 678, 265], dtype=pl.Int16), [date(1990, 12, 6)] * 3)
    assert later.to_list() == [255, 679, 265]


def test_map_codes_rejects_unknown_scheme() -> None:
    with pytest.raises(ValueError, match="scheme"):
        map_codes(["KAZ"], "iso4")  # type: ignore[arg-type]


def test_search_countries() -> None:
    assert [c.ccode for c in search_countries("yemen")] == [678, 679, 680]
    assert resolve_state("KAZ") in search_countries("KAZ")
    assert len(search_countries(None)) == 217


def test_cow_dates_match_the_cow_state_list(shared_data) -> None:
    cow = pl.read_parquet(shared_data / "ps_cow_states.parquet")
    first = cow.group_by("ccode").agg(pl.col("styear").min(), pl.col("stateabb").first())
    by = {c.ccode: c for c in load_countries()}
    assert set(first["ccode"].to_list()) == set(by)
    for ccode, styear, abb in first.iter_rows():
        assert by[ccode].start_year == styear
        assert by[ccode].cow_abb == abb


def test_every_unvotes_state_maps(shared_data) -> None:
    votes = pl.read_parquet(shared_data / "unvotes_votes.parquet")
    pairs = votes.select(
        pl.col("country_code").cast(pl.Utf8), pl.col("country").cast(pl.Utf8)
    ).unique()
    by_code, unknown = map_codes(pairs["country_code"], "iso2")
    assert unknown == []
    by_name, unknown = map_codes(pairs["country"], "name")
    assert unknown == []
    both = by_code.is_not_null()
    assert (by_code.filter(both) == by_name.filter(both)).all()
    assert by_name.null_count() == 0
