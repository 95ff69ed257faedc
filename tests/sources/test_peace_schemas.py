"""Schemas of the peace-science datasets at the door: another dataset's file, an out-of-range
code and a conflicting duplicate key are each refused in one line, and the cache is unchanged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from _cache_digest import cache_digest, leftovers
from ujym.core.errors import ExitCode, UjymError
from ujym.sources import cache
from ujym.sources.catalog import load_catalog
from ujym.sources.datasets import import_file

NEW: dict[str, str] = {
    "cow_contdir": "ps_cow_contdir.parquet",
    "cow_mindist": "ps_cow_mindist.parquet",
    "cow_trade_sy": "ps_cow_trade_sy.parquet",
    "gml_dirdisp": "ps_gml_dirdisp.parquet",
    "td_rivalries": "ps_td_rivalries.parquet",
    "ucdp_acd": "ps_ucdp_acd.parquet",
    "cow_war_intra": "ps_cow_war_intra.parquet",
    "archigos": "ps_archigos.parquet",
    "cow_igo_ndy": "ps_cow_igo_ndy.parquet",
    "pwt91": "pwt91.parquet",
}
"""The peace-science datasets added for the claim checks, with their real copy."""

OLDER: dict[str, str] = {
    "cow_nmc": "ps_cow_nmc.parquet",
    "cow_igo_sy": "ps_cow_igo_sy.parquet",
    "atop_alliance": "ps_atop_alliance.parquet",
    "unvotes": "unvotes_votes.parquet",
    "bsv_matches": "bsv_matches.parquet",
}
OTHER_FILES = ("ps_cow_states.parquet", "ps_gw_states.parquet", "ps_cow_majors.parquet")
"""Real files of ../shared/data that no dataset of ujym reads: every dataset refuses them."""

PROTECT = "ps_td_rivalries.parquet"
"""A small real import put in the cache first, so that a refusal has something to leave alone."""


def _refused(dataset_id: str, path: Path, *expected: str) -> str:
    """Import ``path``: refused with one line holding ``expected``; the cache byte-identical."""
    root = cache.data_dir()
    before = cache_digest(root)
    with pytest.raises(UjymError) as info:
        import_file(dataset_id, path)
    text = str(info.value)
    assert "\n" not in text and " — " in text, text
    for word in expected:
        assert word in text, text
    assert info.value.exit_code == ExitCode.BAD_INPUT
    assert cache_digest(root) == before, "a refused import changed the cache"
    assert leftovers(root) == []
    return text


def test_the_new_datasets_are_in_the_catalog() -> None:
    assert set(NEW) <= set(load_catalog())


@pytest.mark.parametrize("dataset_id", sorted(NEW))
def test_another_datasets_file_is_not_this_dataset(shared_data: Path, dataset_id: str) -> None:
    import_file("td_rivalries", shared_data / PROTECT)
    for name in (*NEW.values(), *OLDER.values(), *OTHER_FILES):
        if name != NEW[dataset_id]:
            _refused(dataset_id, shared_data / name, name, f"not a {dataset_id} file")


@pytest.mark.parametrize("dataset_id", sorted(OLDER))
def test_older_datasets_refuse_the_new_files(shared_data: Path, dataset_id: str) -> None:
    for name in NEW.values():
        _refused(dataset_id, shared_data / name, name)


# ---- one impossible value at a time, in the real copies --------------------------------------


def _set(column: str, row: int, value: object) -> Callable[[pl.DataFrame], pl.DataFrame]:
    def change(frame: pl.DataFrame) -> pl.DataFrame:
        values = frame[column].to_list()
        values[row] = value
        dtype = frame[column].dtype
        if isinstance(value, float) and dtype.is_integer():
            dtype = pl.Float64
        return frame.with_columns(pl.Series(column, values, dtype=dtype, strict=False))

    return change


def _mutated(
    shared_data: Path, tmp_path: Path, name: str, change: Callable[[pl.DataFrame], pl.DataFrame]
) -> Path:
    out = tmp_path / name
    change(pl.read_parquet(shared_data / name)).write_parquet(out)
    return out


@pytest.mark.parametrize(
    ("dataset_id", "column", "value", "rule"),
    [
        ("cow_contdir", "conttype", 7, "not an allowed code"),
        ("cow_mindist", "mindist", -5.0, "below the minimum 0"),
        ("cow_mindist", "mindist", float("nan"), "NaN"),
        ("cow_trade_sy", "imports", -3.0, "below the minimum 0"),  # -9 is missing; -3 is not
        ("gml_dirdisp", "hostlev", 6, "not an allowed code"),
        ("gml_dirdisp", "fatality1", 9, "not an allowed code"),
        ("td_rivalries", "type1", "economic", "not an allowed code"),
        ("ucdp_acd", "intensity_level", 3, "not an allowed code"),
        ("ucdp_acd", "type_of_conflict", "civil", "not an allowed code"),
        ("ucdp_acd", "gwno_a", 1200, "above the maximum 999"),
        ("cow_war_intra", "outcome", 9, "not an allowed code"),
        ("cow_war_intra", "wartype", "coup", "not an allowed code"),
        ("archigos", "exit", "Retired", "not an allowed code"),
        ("archigos", "gwcode", 1, "below the minimum 2"),
        ("cow_igo_ndy", "dyadigos", -2, "below the minimum 0"),
        ("pwt91", "rgdpe", 1e308, "above the maximum"),
        ("pwt91", "labsh", 1.5, "above the maximum 1"),
    ],
)
def test_an_out_of_range_value_is_refused(
    shared_data: Path, tmp_path: Path, dataset_id: str, column: str, value: object, rule: str
) -> None:
    import_file("td_rivalries", shared_data / PROTECT)
    bad = _mutated(shared_data, tmp_path, NEW[dataset_id], _set(column, 10, value))
    _refused(dataset_id, bad, f"row 11, column {column}", rule, f"schema of {dataset_id}")


@pytest.mark.parametrize(
    ("dataset_id", "key", "change"),
    [
        ("cow_contdir", ["ccode1", "ccode2", "stdate"], pl.col("conttype") % 5 + 1),
        ("cow_mindist", ["ccode1", "ccode2", "year"], pl.col("mindist") + 10),
        ("cow_trade_sy", ["ccode", "year"], pl.col("imports") * 2),
        ("gml_dirdisp", ["dispnum", "ccode1", "ccode2", "year"], pl.col("hostlev") % 5 + 1),
        ("td_rivalries", ["rivalryno"], pl.col("styear") - 1),
        ("cow_war_intra", ["warnum", "year", "sidea", "sideb", "resume_combat"], pl.col("outcome") % 7 + 1),
        ("archigos", ["obsid"], pl.col("leader") + " Jr"),
        ("cow_igo_ndy", ["ccode1", "ccode2", "year"], pl.col("dyadigos") + 1),
        ("pwt91", ["isocode", "year"], pl.col("pop") * 2),
    ],
)  # fmt: skip
def test_a_conflicting_duplicate_key_is_refused(
    shared_data: Path, tmp_path: Path, dataset_id: str, key: list[str], change: pl.Expr
) -> None:
    import_file("td_rivalries", shared_data / PROTECT)
    target = change.meta.root_names()[0]

    def twice(frame: pl.DataFrame) -> pl.DataFrame:
        copy = frame.slice(20, 1).with_columns(change.alias(target))
        return pl.concat([frame, copy], how="vertical_relaxed")

    bad = _mutated(shared_data, tmp_path, NEW[dataset_id], twice)
    _refused(dataset_id, bad, "rows 21 and", f"column(s) {', '.join(key)}", "disagree")


def test_ucdp_participants_cannot_repeat_a_side(shared_data: Path, tmp_path: Path) -> None:
    """UCDP's copy has no key of its own (it crosses the sides' states); a conflict-year whose
    attributes disagree between two rows is refused at the canonical table."""

    def disagree(frame: pl.DataFrame) -> pl.DataFrame:
        copy = frame.slice(20, 1).with_columns(pl.col("intensity_level") % 2 + 1)
        return pl.concat([frame, copy])

    import_file("td_rivalries", shared_data / PROTECT)
    bad = _mutated(shared_data, tmp_path, NEW["ucdp_acd"], disagree)
    _refused("ucdp_acd", bad, "table participants of ucdp_acd", "repeat the key")


def test_an_exact_repeat_of_a_row_is_tolerated(shared_data: Path, tmp_path: Path) -> None:
    def twice(frame: pl.DataFrame) -> pl.DataFrame:
        return pl.concat([frame, frame.slice(5, 1)])

    good = _mutated(shared_data, tmp_path, NEW["cow_trade_sy"], twice)
    assert import_file("cow_trade_sy", good).tables == {"trade": 14_410}


def test_a_publishers_contdir_with_a_bad_month_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "contdir.csv"
    header = "dyad,statelno,statelab,statehno,statehab,conttype,begin,end,notes,version\n"
    path.write_text(header + "702703,702,TAJ,703,KYR,1,199113,201612,,3.2\n", encoding="utf-8")
    _refused("cow_contdir", path, "column begin", "199113 is not a year and month")
    path.write_text(header + "702703,702,TAJ,703,KYR,6,199112,201612,,3.2\n", encoding="utf-8")
    _refused("cow_contdir", path, "row 2, column conttype: '6' is not an allowed code")
