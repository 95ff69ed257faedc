"""`ujym ideal` as a user runs it, on simulated votes read as if from the cache (moved here from
tests/engines/test_ideal_pipeline.py and test_ideal_bridges.py, unchanged)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from ideal_helpers import simulate_votes
from ujym.cli.main import cli
from ujym.core.provenance import DatasetRef
from ujym.core.votes import VoteMatrix
from ujym.pipeline import ideal as ideal_pipeline
from ujym.pipeline.ideal import COLUMNS

# the published layout (Data/Matches.csv): a row number, then the pair; the simulated votes have 40
# roll calls a session, so 1 ~ 41 ~ 81 chains the first roll call of sessions 1-3
MATCHES = "v1,rcid1,rcid2\n1,1,41\n2,41,81\n"


@pytest.fixture(scope="module")
def sim() -> tuple[VoteMatrix, np.ndarray]:
    return simulate_votes(seed=1)


@pytest.fixture
def matches_csv(tmp_path: Path) -> Path:
    path = tmp_path / "Matches.csv"
    path.write_text(MATCHES)
    return path


@pytest.fixture
def cached_sim(monkeypatch: pytest.MonkeyPatch, sim):
    """`ujym ideal` reads the simulated votes instead of the cache."""
    vm, _ = sim
    monkeypatch.setattr(
        ideal_pipeline,
        "_load",
        lambda votes, dataset, drop: (vm, (DatasetRef("sim"),), np.zeros(0, np.int64)),
    )
    return vm


def test_cli_writes_csv_and_plot(monkeypatch: pytest.MonkeyPatch, sim, tmp_path: Path) -> None:
    vm, _ = sim
    # the simulated world in 1986-1997, with some states renamed to CSTO members and China
    ccodes = vm.ccodes.copy()
    for old_code, new_code in ((100, 365), (101, 705), (102, 710), (103, 370)):
        ccodes[ccodes == old_code] = new_code
    order = np.argsort(ccodes)
    moved = VoteMatrix(
        ccodes[order], vm.rcids, vm.votes[order], vm.session, (vm.year + 40).astype(np.int16),
        vm.important,
    )  # fmt: skip
    monkeypatch.setattr(
        ideal_pipeline,
        "_load",
        lambda votes, dataset, drop: (moved, (DatasetRef("sim"),), np.zeros(0, np.int64)),
    )
    out, plot = tmp_path / "ip.parquet", tmp_path / "plot.html"
    bridges = tmp_path / "matches.csv"
    pd.DataFrame({"rcid1": [1, 41], "rcid2": [41, 81]}).to_csv(bridges, index=False)
    res = CliRunner().invoke(
        cli, ["ideal", "--bridges", str(bridges), "--out", str(out), "--plot", str(plot)]
    )
    assert res.exit_code == 0, res.output
    df = pd.read_parquet(out)
    assert list(df.columns) == list(COLUMNS)
    assert "converged" in res.output
    html = plot.read_text()
    assert "<svg" in html and "Kazakhstan" in html and "China" in html
    assert "<script" not in html and len(html) < 1_000_000  # static SVG, no script


def test_cli_plot_needs_post_1992_years(cached_sim, tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["ideal", "--plot", str(tmp_path / "p.html")])
    assert res.exit_code == 2
    assert "1992" in res.output


def test_cli_summary_in_russian(cached_sim) -> None:
    res = CliRunner().invoke(cli, ["ideal", "--lang", "ru"])
    assert res.exit_code == 0, res.output
    assert "Идеальные точки" in res.output


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["--out", "x.xlsx"], ".csv"),
        (["--from", "2000", "--to", "1990"], "--from"),
        (["--bridges", "does-not-exist.csv"], "rcid1"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_code(cached_sim, args: list[str], text: str) -> None:
    res = CliRunner().invoke(cli, ["ideal", *args])
    assert res.exit_code in (2, 3)
    assert text in res.output
    assert "Traceback" not in res.output


def test_cli_intervals_option_chooses_the_standard_errors(cached_sim, tmp_path: Path) -> None:
    wide, narrow = tmp_path / "corrected.csv", tmp_path / "variational.csv"
    assert CliRunner().invoke(cli, ["ideal", "--out", str(wide)]).exit_code == 0
    res = CliRunner().invoke(cli, ["ideal", "--intervals", "variational", "--out", str(narrow)])
    assert res.exit_code == 0, res.output
    a, b = pd.read_csv(wide), pd.read_csv(narrow)
    assert np.allclose(a["ideal_point"], b["ideal_point"])
    assert a["se"].mean() > 1.2 * b["se"].mean()


def test_cli_unreachable_scheduler_is_one_line(cached_sim) -> None:
    pytest.importorskip("dask.distributed")
    res = CliRunner().invoke(
        cli,
        [
            "ideal",
            "--intervals",
            "bootstrap",
            "--bootstrap",
            "2",
            "--scheduler",
            "tcp://127.0.0.1:9",
        ],
    )
    assert res.exit_code in (2, 3)
    assert "Dask" in res.output and "Traceback" not in res.output


def test_cli_says_unbridged_and_how_to_add_the_pairs(cached_sim) -> None:
    res = CliRunner().invoke(cli, ["ideal"])
    assert res.exit_code == 0, res.output
    line = next(x for x in res.output.splitlines() if "Unbridged" in x)
    assert "ujym data pull bsv_matches" in line and "ujym data import bsv_matches" in line


def test_cli_uses_the_cached_pairs(cached_sim, matches_csv: Path, tmp_path: Path) -> None:
    assert (
        CliRunner().invoke(cli, ["data", "import", "bsv_matches", str(matches_csv)]).exit_code == 0
    )
    out = tmp_path / "ip.parquet"
    res = CliRunner().invoke(cli, ["ideal", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "Bridged: 2 of 2 pairs" in res.output and "bsv_matches" in res.output
    assert "Unbridged" not in res.output
    # --no-bridges turns them off, --bridges FILE overrides them
    res = CliRunner().invoke(cli, ["ideal", "--no-bridges"])
    assert res.exit_code == 0 and "Unbridged estimates (--no-bridges)" in res.output
    one = tmp_path / "one.csv"
    one.write_text("rcid1,rcid2\n1,41\n")
    res = CliRunner().invoke(cli, ["ideal", "--bridges", str(one)])
    assert res.exit_code == 0 and "Bridged: 1 of 1 pairs" in res.output and "one.csv" in res.output


def test_cli_refuses_bridges_with_no_bridges(cached_sim, matches_csv: Path) -> None:
    res = CliRunner().invoke(cli, ["ideal", "--bridges", str(matches_csv), "--no-bridges"])
    assert res.exit_code == 2
    assert "--no-bridges" in res.output and "Traceback" not in res.output
