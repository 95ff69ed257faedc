"""`ujym data pull|import|status|codes` as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ujym.cli.main import cli
from ujym.core.errors import ExitCode
from ujym.sources import cache
from ujym.sources.peacescience import load_frame

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "unga"
PEACESCIENCE = Path(__file__).resolve().parents[1] / "fixtures" / "peacescience"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_import_then_status() -> None:
    result = run("data", "import", "voeten_votes", str(FIXTURES / "voeten_votes.csv"))
    assert result.exit_code == 0, result.output
    assert "voeten_votes" in result.output and "roll_calls 4" in result.output
    result = run("data", "status")
    assert result.exit_code == 0, result.output
    assert "voeten_votes" in result.output and "not cached" in result.output
    assert str(cache.dataset_dir("voeten_votes")) in result.output.replace("\n", "")
    assert "1 dataset cached" in result.output


def test_import_shared_unvotes(shared_data: Path) -> None:
    result = run("data", "import", "unvotes", str(shared_data / "unvotes_votes.parquet"))
    assert result.exit_code == 0, result.output
    assert "roll_calls 6,203" in result.output


def test_status_in_russian() -> None:
    result = run("data", "status", "--lang", "ru")
    assert result.exit_code == 0
    assert "нет в кэше" in result.output


def test_bad_file_is_one_red_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "votes.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["data", "import", "voeten_votes", str(bad)])
    assert result.exit_code == ExitCode.BAD_INPUT
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(bad) in lines[0] and "Traceback" not in result.output


def test_pull_without_address_exit_4() -> None:
    result = CliRunner().invoke(cli, ["data", "pull", "undl_votes", "--quiet"])
    assert result.exit_code == ExitCode.DOWNLOAD_FAILED
    assert "ujym data import undl_votes FILE" in result.output


def test_unknown_dataset_exit_2() -> None:
    result = CliRunner().invoke(cli, ["data", "import", "nope", "x.csv"])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "unknown dataset 'nope'" in result.output


@pytest.mark.parametrize(
    ("query", "expect"),
    [("KAZ", "Kazakhstan"), ("SUN", "Russia"), ("yemen", "South Yemen"), ("365", "Russia")],
)
def test_codes(query: str, expect: str) -> None:
    result = run("data", "codes", query)
    assert result.exit_code == 0
    assert expect in result.output


def test_codes_in_kazakh_and_unknown() -> None:
    result = run("data", "codes", "KAZ", "--lang", "kk")
    assert "Қазақстан" in result.output
    result = CliRunner().invoke(cli, ["data", "codes", "Atlantis"])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "ujym data codes" in result.output
    result = run("data", "codes")
    assert "217" in result.output


# ---- the COW and ATOP files (moved from tests/sources/test_peacescience.py, unchanged) -------


def test_cli_import_of_each_fixture() -> None:
    runner = CliRunner()
    for dataset, name in (
        ("cow_nmc", "NMC-60-abridged.csv"),
        ("cow_igo_sy", "state_year_formatv3.csv"),
        ("atop_alliance", "atop5_1ddyr.csv"),
        ("cow_formal_alliances", "alliance_v4.1_by_directed_yearly.csv"),
    ):
        result = runner.invoke(cli, ["data", "import", dataset, str(PEACESCIENCE / name)])
        assert result.exit_code == 0, result.output
        assert dataset in result.output


def test_real_parquet_copies_import_as_a_user_would(shared_data: Path) -> None:
    runner = CliRunner()
    for dataset, name, rows in (
        ("cow_nmc", "ps_cow_nmc.parquet", 17_121),
        ("cow_igo_sy", "ps_cow_igo_sy.parquet", 15_557),
        ("atop_alliance", "ps_atop_alliance.parquet", 273_296),
    ):
        result = runner.invoke(cli, ["data", "import", dataset, str(shared_data / name)])
        assert result.exit_code == 0, result.output
        assert len(load_frame(dataset)) == rows
    nmc = load_frame("cow_nmc")
    assert (int(nmc["year"].min()), int(nmc["year"].max())) == (1816, 2022)
    rus13 = nmc[(nmc["ccode"] == 365) & (nmc["year"] == 2013)].iloc[0]
    assert rus13["cinc"] == pytest.approx(0.038994, abs=1e-6)
    assert rus13["milper"] == 845
