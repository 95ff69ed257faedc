"""`ujym forecast` through click's CliRunner."""

from __future__ import annotations

from click.testing import CliRunner

from ujym.cli.main import cli


def test_forecast_prints_and_writes_html(tmp_path):
    out = tmp_path / "f.html"
    res = CliRunner().invoke(
        cli, ["forecast", "crdf-internal-crisis", "--runs", "50", "--seed", "1", "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert "Forecast" in res.output and "Positions by round" in res.output
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html and "L278–287 [16]" in html and "<script" not in html


def test_forecast_in_kazakh():
    res = CliRunner().invoke(cli, ["forecast", "csto-new-type", "--runs", "20", "--lang", "kk"])
    assert res.exit_code == 0 and "Болжам" in res.output


def test_bad_scenario_is_one_red_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["forecast", str(bad), "--runs", "5"])
    assert res.exit_code == 2 and "bad.yaml:1" in res.output and "Traceback" not in res.output


def test_forecast_on_a_dask_cluster_matches_local():
    import pytest

    distributed = pytest.importorskip("dask.distributed")
    args = ["forecast", "csto-new-type", "--runs", "30", "--seed", "3"]
    local = CliRunner().invoke(cli, args)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        remote = CliRunner().invoke(cli, [*args, "--scheduler", cluster.scheduler_address])
    assert remote.exit_code == 0, remote.output
    assert remote.output == local.output
