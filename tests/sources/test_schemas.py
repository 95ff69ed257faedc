"""Schemas at the door: every catalog dataset is declared; real files pass; wrong and impossible
files are refused with one line naming the column, a row and the rule; the cache is untouched."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import polars as pl
import pytest

from _cache_digest import cache_digest, leftovers
from ujym.core.errors import DataFormatError, ExitCode, UjymError
from ujym.sources import cache
from ujym.sources.catalog import load_catalog
from ujym.sources.datasets import import_file
from ujym.sources.schemas import load_schemas, parse_schemas, schema_of

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PS = FIXTURES / "peacescience"

REAL = {
    "cow_nmc": "ps_cow_nmc.parquet",
    "cow_igo_sy": "ps_cow_igo_sy.parquet",
    "atop_alliance": "ps_atop_alliance.parquet",
    "unvotes": "unvotes_votes.parquet",
    "bsv_matches": "bsv_matches.parquet",
}
"""Catalog datasets with a real copy in ../shared/data (the main file)."""


def test_every_catalog_dataset_declares_its_layouts_and_tables() -> None:
    schemas = load_schemas()
    for dataset in load_catalog().values():
        schema = schemas.get(dataset.id)
        assert schema is not None, f"{dataset.id} has no schema in ujym/data/schemas.toml"
        for f in dataset.files:
            assert schema.layouts_for(f.role), f"{dataset.id}: no layout for file role {f.role}"
        for table in dataset.tables:
            assert table in schema.tables, f"{dataset.id}: no schema for table {table}"


def test_a_malformed_schema_is_one_line() -> None:
    with pytest.raises(DataFormatError, match="'x' is malformed"):
        parse_schemas('[x.tables.t.columns]\na = { type = "number" }\n')
    with pytest.raises(DataFormatError, match="names table 'nope'"):
        parse_schemas('[x.layouts.l]\ntitle = "l"\ncolumns = ["a"]\ntable = "nope"\n')


@pytest.mark.parametrize("dataset_id", sorted(REAL))
def test_the_real_file_imports_and_reads_back(shared_data: Path, dataset_id: str) -> None:
    source = shared_data / REAL[dataset_id]
    manifest = import_file(dataset_id, source)
    for table, rows in manifest.tables.items():
        back = cache.read_cached(dataset_id, table)
        assert back.height == rows > 0
        assert manifest.table_sha256[table]  # recorded, verified on every read
    if dataset_id != "unvotes":  # unvotes is completed to every roll call x state
        assert sum(manifest.tables.values()) == pl.read_parquet(source).height


def test_fixtures_of_the_other_datasets_import(tmp_path: Path) -> None:
    for dataset_id, path in (
        ("voeten_votes", FIXTURES / "unga" / "voeten_votes.csv"),
        ("undl_votes", FIXTURES / "unga" / "undl_votes.csv"),
        ("cow_formal_alliances", PS / "alliance_v4.1_by_directed_yearly.csv"),
        ("cow_nmc", PS / "NMC-60-abridged.csv"),
        ("cow_igo_sy", PS / "state_year_formatv3.csv"),
        ("atop_alliance", PS / "atop5_1ddyr.csv"),
    ):
        assert import_file(dataset_id, path).tables
    ideal = tmp_path / "IdealpointestimatesAll_Apr2020.csv"
    ideal.write_text(
        "Row,ccode,session,NVotes,IdealPoint,QO%,Q5%,Q10%,Q50%,Q90%,Q95%,Q100%,iso3c,Countryname\n"
        "1,705,67,80,0.41,0.1,0.2,0.25,0.41,0.55,0.6,0.8,KAZ,Kazakhstan\n"
        "2,365,67,82,0.12,-0.2,-0.1,0,0.12,0.2,0.3,0.5,RUS,Russia\n",
        encoding="utf-8",
    )
    assert import_file("bsv_ideal_points", ideal).tables == {"ideal_points": 2}


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


@pytest.mark.parametrize("dataset_id", sorted(load_catalog()))
def test_real_files_of_other_datasets_are_refused(shared_data: Path, dataset_id: str) -> None:
    import_file("cow_nmc", PS / "NMC-60-abridged.csv")  # something in the cache to protect
    for owner, name in REAL.items():
        if owner == dataset_id:
            continue
        _refused(dataset_id, shared_data / name, name)


def test_nmc_as_igo_counts_says_it_is_not_an_igo_file(shared_data: Path) -> None:
    text = _refused("cow_igo_sy", shared_data / "ps_cow_nmc.parquet", "not a cow_igo_sy file")
    assert "sum_igo_full" in text or "state" in text


def test_passwd_as_votes_is_not_a_votes_file() -> None:
    passwd = Path("/etc/passwd")
    if not passwd.is_file():
        pytest.skip("no /etc/passwd on this system")
    text = _refused("unvotes", passwd, "not a unvotes votes file")
    assert "roll_calls" not in text  # not "the roll-call table was not found beside passwd"


# --- impossible values, one at a time, in the real peacesciencer copies ------------------------


def _mutated(shared_data: Path, tmp_path: Path, name: str, change) -> Path:  # type: ignore[no-untyped-def]
    frame = pl.read_parquet(shared_data / name)
    out = tmp_path / name
    change(frame).write_parquet(out)
    return out


def _set(column: str, row: int, value: object):  # type: ignore[no-untyped-def]
    def change(frame: pl.DataFrame) -> pl.DataFrame:
        values = frame[column].to_list()
        values[row] = value
        dtype = pl.Float64 if isinstance(value, float) else frame[column].dtype
        return frame.with_columns(pl.Series(column, values, dtype=dtype, strict=False))

    return change


@pytest.mark.parametrize(
    ("name", "column", "value", "rule"),
    [
        ("ps_cow_nmc.parquet", "cinc", math.nan, "NaN"),
        ("ps_cow_nmc.parquet", "milex", math.inf, "infinity"),
        ("ps_cow_nmc.parquet", "milex", -math.inf, "infinity"),
        ("ps_cow_nmc.parquet", "tpop", 1e308, "above the maximum"),
        ("ps_cow_nmc.parquet", "cinc", 5.0, "above the maximum 1"),
        ("ps_cow_nmc.parquet", "milper", -3.0, "below the minimum 0"),
        ("ps_cow_nmc.parquet", "year", 1066, "below the minimum 1816"),
        ("ps_cow_igo_sy.parquet", "sum_igo_full", -2.0, "below the minimum 0"),
        ("ps_cow_igo_sy.parquet", "sum_igo_observer", 2.5, "not a whole number"),
        ("ps_atop_alliance.parquet", "atop_defense", 7.0, "not an allowed code"),
    ],
)
def test_an_impossible_value_is_refused_naming_column_row_rule(
    shared_data: Path, tmp_path: Path, name: str, column: str, value: object, rule: str
) -> None:
    dataset_id = next(d for d, n in REAL.items() if n == name)
    import_file(dataset_id, PS / {"cow_nmc": "NMC-60-abridged.csv",
                                  "cow_igo_sy": "state_year_formatv3.csv",
                                  "atop_alliance": "atop5_1ddyr.csv"}[dataset_id])  # fmt: skip
    bad = _mutated(shared_data, tmp_path, name, _set(column, 10, value))
    _refused(dataset_id, bad, f"row 11, column {column}", rule, "schema of")


def test_conflicting_duplicate_keys_are_refused(shared_data: Path, tmp_path: Path) -> None:
    def twice(frame: pl.DataFrame) -> pl.DataFrame:
        copy = frame.slice(5, 1).with_columns(pl.col("cinc") * 2)
        return pl.concat([frame, copy])

    bad = _mutated(shared_data, tmp_path, "ps_cow_nmc.parquet", twice)
    _refused("cow_nmc", bad, "rows 6 and 17122", "column(s) ccode, year", "disagree")


def test_exact_repeats_of_a_row_are_tolerated(shared_data: Path, tmp_path: Path) -> None:
    def twice(frame: pl.DataFrame) -> pl.DataFrame:
        return pl.concat([frame, frame.slice(5, 1)])

    good = _mutated(shared_data, tmp_path, "ps_cow_nmc.parquet", twice)
    assert import_file("cow_nmc", good).tables == {"nmc": 17121}


@pytest.mark.parametrize(
    ("dataset_id", "name", "old", "new", "expected"),
    [
        ("cow_nmc", "NMC-60-abridged.csv", "81469000", "abc", "row 2, column milex: 'abc' is not a number"),
        ("cow_nmc", "NMC-60-abridged.csv", "0.039,", "5,", "row 2, column cinc: '5' is above the maximum 1"),
        ("cow_nmc", "NMC-60-abridged.csv", "0.039,", "NaN,", "row 2, column cinc: 'NaN' is not a value"),
        ("cow_nmc", "NMC-60-abridged.csv", "0.039,", "inf,", "row 2, column cinc: 'inf' is not a value"),
        ("cow_nmc", "NMC-60-abridged.csv", "956,", "-5,", "row 2, column milper: '-5' is below the minimum 0"),
        ("cow_igo_sy", "state_year_formatv3.csv", "Russia,0,1", "Russia,0,7", "row 2, column CSTO: '7' is not an allowed code"),
        ("atop_alliance", "atop5_1ddyr.csv", "365,705,2013,1,1", "365,705,2013,1,7", "row 2, column defense: '7' is not an allowed code"),
        ("cow_formal_alliances", "alliance_v4.1_by_directed_yearly.csv", ",0,1,1,0,1,1,2012", ",0,1,7,0,1,1,2012", "row 2, column defense: '7'"),
    ],
)  # fmt: skip
def test_publisher_csv_with_a_bad_cell(
    tmp_path: Path, dataset_id: str, name: str, old: str, new: str, expected: str
) -> None:
    text = (PS / name).read_text(encoding="utf-8")
    assert old in text
    lines = text.splitlines(keepends=True)
    lines[1] = lines[1].replace(old, new, 1)
    bad = tmp_path / name
    bad.write_text("".join(lines), encoding="utf-8")
    import_file(dataset_id, PS / name)
    _refused(dataset_id, bad, expected)


def test_cow_minus_nine_is_missing_not_a_number(tmp_path: Path) -> None:
    manifest = import_file("cow_nmc", PS / "NMC-60-abridged.csv")
    frame = cache.read_cached("cow_nmc", "nmc")
    assert manifest.tables["nmc"] == frame.height
    assert frame.filter(pl.col("year") == 1992)["milex"].is_null().all()


def test_a_zip_member_is_named_in_the_message(tmp_path: Path) -> None:
    import zipfile

    text = (PS / "NMC-60-abridged.csv").read_text(encoding="utf-8").replace("0.039,", "5,", 1)
    archive = tmp_path / "NMC-60-abridged.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("NMC-60-abridged.csv", text)
    _refused("cow_nmc", archive, "NMC-60-abridged.zip!NMC-60-abridged.csv, row 2, column cinc")


def test_schema_of_an_unknown_dataset() -> None:
    with pytest.raises(DataFormatError, match="no schema"):
        schema_of("nope")


def test_a_copy_in_a_folder_is_checked_too(shared_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "igo"
    folder.mkdir()
    bad = _mutated(shared_data, tmp_path, "ps_cow_igo_sy.parquet", _set("sum_igo_full", 3, -1.0))
    shutil.move(bad, folder / bad.name)
    _refused("cow_igo_sy", folder, "column sum_igo_full", "below the minimum 0")


def test_a_column_named_twice_is_one_line(tmp_path: Path) -> None:
    """Found by tests/test_fuzz.py: a header naming a column twice crashed the schema reader."""
    text = (PS / "atop5_1ddyr.csv").read_text(encoding="utf-8")
    bad = tmp_path / "atop5_1ddyr.csv"
    bad.write_text(text.replace("stateA,stateB", "stateA,stateA", 1), encoding="utf-8")
    _refused("atop_alliance", bad, "the column 'stateA' appears twice")
