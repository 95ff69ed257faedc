"""Importing the three UNGA datasets through the code a user runs, and refusing bad input."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from ujym.core.errors import (
    DataFormatError,
    DataNotAvailableError,
    ExitCode,
    UjymError,
    UnknownCodeError,
)
from ujym.core.votes import Vote
from ujym.sources import cache
from ujym.sources.datasets import import_file
from ujym.sources.unga import ROLL_CALLS_SCHEMA, VOTES_SCHEMA, read_votes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "unga"


def matrix(votes: pl.DataFrame) -> dict[tuple[int, int], int]:
    return {(r, c): v for r, c, v in votes.iter_rows()}


def snapshot(dataset_id: str) -> dict[str, bytes]:
    folder = cache.dataset_dir(dataset_id)
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def assert_canonical(data) -> None:
    assert dict(data.votes.schema) == VOTES_SCHEMA
    assert dict(data.roll_calls.schema) == ROLL_CALLS_SCHEMA
    assert data.votes["vote"].is_in([int(v) for v in Vote]).all()
    assert data.votes.select(pl.struct("rcid", "ccode").is_duplicated().any()).item() is False
    assert set(data.votes["rcid"].unique()) == set(data.roll_calls["rcid"])


# --- the publishers' layouts -------------------------------------------------------------------


def test_voeten_fixture_keeps_absent_and_not_member() -> None:
    manifest = import_file("voeten_votes", FIXTURES / "voeten_votes.csv")
    assert manifest.tables == {"votes": 20, "roll_calls": 4}
    data = read_votes("voeten_votes")
    assert_canonical(data)
    m = matrix(data.votes)
    assert m[(3001, 705)] == Vote.ABSTAIN and m[(3001, 710)] == Vote.NO
    assert m[(3002, 705)] == Vote.ABSENT  # 8 as published
    assert m[(3101, 315)] == Vote.NOT_MEMBER  # 9 as published (Czechoslovakia, 1993)
    assert m[(3102, 710)] == Vote.UNKNOWN  # no row in the file although China was a member
    calls = data.roll_calls.row(by_predicate=pl.col("rcid") == 3102, named=True)
    assert calls["session"] == 48 and calls["date"] == date(1993, 12, 20) and calls["year"] == 1993
    assert calls["importantvote"] is True and calls["para"] is True and calls["ec"] is True
    assert calls["me"] is False
    assert data.roll_calls.filter(pl.col("rcid") == 3101)["descr"][0].endswith(
        '"national institutions"'
    )


def test_undl_fixture_x_and_blank_are_absent() -> None:
    import_file("undl_votes", FIXTURES / "undl_votes.csv")
    data = read_votes("undl_votes")
    assert_canonical(data)
    m = matrix(data.votes)
    assert m[(4025240, 2)] == Vote.NO and m[(4025240, 365)] == Vote.YES
    assert m[(4025240, 434)] == Vote.ABSENT and m[(4030001, 434)] == Vote.ABSENT
    assert m[(4030001, 365)] == Vote.ABSTAIN
    calls = data.roll_calls.sort("rcid")
    assert calls["session"].to_list() == [78, 78]  # ES-10 in Oct 2023 → regular session 78
    assert calls["unres"].to_list() == ["A/RES/ES-10/21", "A/RES/78/120"]
    # the library's file has no issue codes or important-vote flags: unknown, not false
    assert calls["importantvote"].null_count() == 2 and calls["me"].null_count() == 2


def test_unvotes_csv_fixture_completes_absences_and_history() -> None:
    import_file("unvotes", FIXTURES / "unvotes.csv")
    data = read_votes("unvotes")
    assert_canonical(data)
    m = matrix(data.votes)
    assert m[(101, 260)] == Vote.YES  # no code: matched by name (Federal Republic of Germany)
    assert m[(102, 260)] == Vote.ABSENT  # member in 1980, no row
    assert m[(103, 255)] == Vote.YES  # the FRG's row after 1990-10-03 is Germany's
    assert m[(103, 260)] == Vote.NOT_MEMBER and m[(103, 265)] == Vote.NOT_MEMBER
    assert m[(101, 705)] == Vote.NOT_MEMBER and m[(103, 705)] == Vote.ABSTAIN
    calls = data.roll_calls.sort("rcid")
    assert calls["nu"].to_list() == [False, True, False]
    assert calls["di"].to_list() == [False, True, False]
    assert calls["importantvote"].to_list() == [False, None, True]


def test_zip_and_parquet_copies_import_the_same(tmp_path: Path) -> None:
    import_file("voeten_votes", FIXTURES / "voeten_votes.csv")
    expected = read_votes("voeten_votes")
    archive = tmp_path / "LEJUQZ.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("README.txt", "codebook")
        zf.write(FIXTURES / "voeten_votes.csv", "UNVotes.csv")
    import_file("voeten_votes", archive)
    assert read_votes("voeten_votes").votes.equals(expected.votes)
    copy = tmp_path / "voeten.parquet"
    pl.read_csv(FIXTURES / "voeten_votes.csv").write_parquet(copy)
    import_file("voeten_votes", copy)
    got = read_votes("voeten_votes")
    assert got.votes.equals(expected.votes)
    assert got.roll_calls.equals(expected.roll_calls)


def test_unvotes_zip_of_three_csv(tmp_path: Path) -> None:
    archive = tmp_path / "unvotes.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name in ("unvotes.csv", "roll_calls.csv", "issues.csv"):
            zf.write(FIXTURES / name, f"data/{name}")
    import_file("unvotes", archive)
    assert read_votes("unvotes").roll_calls.height == 3


def test_shared_unvotes_parquet_through_the_user_import(shared_data: Path) -> None:
    manifest = import_file("unvotes", shared_data / "unvotes_votes.parquet")
    assert {f.role for f in manifest.files} == {"votes", "roll_calls", "issues"}
    data = read_votes()  # the first cached UNGA dataset (its read time: benchmarks/panel.py)
    assert data.dataset == "unvotes"
    assert_canonical(data)
    assert data.roll_calls.height == 6203
    cast = data.votes.filter(pl.col("vote").is_in([1, 2, 3]))
    assert cast.height == 870_109  # every published row kept, none dropped
    # the README's sanity figure: session 74, KAZ voted as RUS on 67.8 % of 87 common roll calls
    s74 = data.roll_calls.filter(pl.col("session") == 74).select("rcid")
    v = data.votes.join(s74, on="rcid")
    pair = v.filter(pl.col("ccode") == 705).join(v.filter(pl.col("ccode") == 365), on="rcid")
    both = pair.filter(pl.col("vote").is_in([1, 2, 3]) & pl.col("vote_right").is_in([1, 2, 3]))
    assert both.height == 87
    assert round((both["vote"] == both["vote_right"]).mean() * 100, 1) == 67.8
    # membership completion: Kazakhstan not a member before 1992, the USSR/Russia always
    kaz = data.votes.filter(pl.col("ccode") == 705).join(data.roll_calls, on="rcid")
    assert set(kaz.filter(pl.col("year") < 1992)["vote"].unique()) == {9}
    assert 9 not in set(data.votes.filter(pl.col("ccode") == 365)["vote"].unique())


# --- nothing cached ----------------------------------------------------------------------------


def test_read_votes_without_data_names_the_command() -> None:
    with pytest.raises(DataNotAvailableError) as info:
        read_votes()
    assert info.value.exit_code == ExitCode.DATA_MISSING
    assert "ujym data import unvotes" in str(info.value)
    with pytest.raises(DataNotAvailableError, match="ujym data pull undl_votes"):
        read_votes("undl_votes")
    with pytest.raises(UnknownCodeError):
        read_votes("cow_nmc")


# --- bad input: one line naming file/row/column; the cache keeps its last good copy ------------


def _bad_files(tmp: Path) -> dict[str, tuple[str, Path, str]]:
    good = (FIXTURES / "voeten_votes.csv").read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    out: dict[str, tuple[str, Path, str]] = {}

    def put(key: str, text: str, expect: str, name: str = "bad.csv") -> None:
        path = tmp / key / name
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        out[key] = ("voeten_votes", path, expect)

    put("truncated", good[: len(good) - 200], "row ")
    put("cut_in_quote", "".join(lines[:3]) + lines[3][:100], "")
    put("columns", "a,b,c\n1,2,3\n", "column(s) rcid, ccode, vote")
    put("vote_code", "".join(lines[:4]) + lines[4].replace(",1,3,CHN", ",1,7,CHN"), "row")
    put("country", "".join(lines[:3]) + lines[3].replace("3001,705,", "3001,999,"), "999")
    put("date", "".join(lines[:3]) + lines[3].replace("1992-11-20", "20 Nov"), "column date")
    put("empty", "", "empty")
    out["missing"] = ("voeten_votes", tmp / "nope.csv", "no such file")
    zipped = tmp / "damaged.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.write(FIXTURES / "voeten_votes.csv", "UNVotes.csv")
    data = zipped.read_bytes()
    zipped.write_bytes(data[: len(data) // 2])
    out["zip"] = ("voeten_votes", zipped, "zip")
    undl = (FIXTURES / "undl_votes.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    bad_undl = tmp / "undl" / "votes.csv"
    bad_undl.parent.mkdir()
    bad_undl.write_text("".join(undl[:2]) + undl[2].replace(",Y,2023", ",Maybe,2023"), "utf-8")
    out["undl_vote"] = ("undl_votes", bad_undl, "ms_vote")
    lone = tmp / "lone" / "unvotes_votes.csv"
    lone.parent.mkdir()
    shutil.copy(FIXTURES / "unvotes.csv", lone)
    out["companion"] = ("unvotes", lone, "roll_calls")
    return out


@pytest.mark.parametrize(
    "key",
    ["truncated", "cut_in_quote", "columns", "vote_code", "country", "date", "empty", "missing",
     "zip", "undl_vote", "companion"],
)  # fmt: skip
def test_bad_input_is_one_line_and_keeps_the_last_good_copy(tmp_path: Path, key: str) -> None:
    import_file("voeten_votes", FIXTURES / "voeten_votes.csv")
    import_file("undl_votes", FIXTURES / "undl_votes.csv")
    import_file("unvotes", FIXTURES / "unvotes.csv")
    before = {ds: snapshot(ds) for ds in ("voeten_votes", "undl_votes", "unvotes")}
    dataset_id, path, expect = _bad_files(tmp_path)[key]
    with pytest.raises(UjymError) as info:
        import_file(dataset_id, path)
    text = str(info.value)
    assert "\n" not in text and " — " in text, text
    assert path.name in text or str(path) in text, text
    assert expect in text, text
    assert info.value.exit_code == ExitCode.BAD_INPUT
    for ds, files in before.items():
        assert snapshot(ds) == files, f"{ds} changed after a failed import"
    leftovers = [
        p.name
        for p in cache.data_dir().iterdir()
        if p.name.startswith((".staging", ".old", ".work"))
    ]
    assert leftovers == []


def test_unknown_vote_code_names_row_and_column(tmp_path: Path) -> None:
    lines = (FIXTURES / "voeten_votes.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "v.csv"
    path.write_text("".join(lines[:4]) + lines[4].replace(",1,3,CHN", ",1,7,CHN"), "utf-8")
    with pytest.raises(DataFormatError) as info:
        import_file("voeten_votes", path)
    assert "row 5, column vote: unknown vote code '7'" in str(info.value)
    assert "8 absent" in str(info.value)


def test_unknown_dataset_lists_the_catalog() -> None:
    with pytest.raises(UnknownCodeError) as info:
        import_file("nope", FIXTURES / "voeten_votes.csv")
    assert "unvotes" in str(info.value) and "voeten_votes" in str(info.value)
