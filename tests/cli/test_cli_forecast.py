"""`ujym forecast` through click's CliRunner."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ujym.cli.main import cli
from ujym.sources.scenarios import shipped_scenarios


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


# ---- actor tables, --list (issue 11) ------------------------------------------------------------
def test_cli_runs_the_example_actor_table_with_the_replication_preset(reference_dir):
    example = reference_dir / "bdm_eu_emissions_example.csv"
    res = CliRunner().invoke(
        cli, ["forecast", str(example), "--preset", "scholz2011", "--rounds", "8", "--runs", "20"]
    )
    assert res.exit_code == 0, res.output
    assert "Actor table: bdm_eu_emissions_example" in res.output and "Forecast: 9.7" in res.output


def test_a_bad_actor_table_is_one_line(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("actor,capability,position,salience\nA,1,0,50\nB,two,10,100\n", "utf-8")
    res = CliRunner().invoke(cli, ["forecast", str(path), "--runs", "5"])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1, res.output
    assert "row 3, column capability: 'two' is not a number" in res.output


@pytest.mark.parametrize(("lang", "words"), [("kk", "ҰҚШҰ-ның алты мүшесі"), ("en", "six members")])
def test_forecast_list_names_every_shipped_scenario_in_the_readers_language(lang, words):
    res = CliRunner().invoke(cli, ["forecast", "--list", "--lang", lang])
    assert res.exit_code == 0, res.output
    for name in shipped_scenarios():
        assert name in res.output
    assert words in " ".join(res.output.split())


def test_forecast_without_a_scenario_is_one_line():
    res = CliRunner().invoke(cli, ["forecast"])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "ujym forecast --list" in res.output
