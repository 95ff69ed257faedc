"""`ujym align`, `ujym panel`, `ujym cohesion`, `ujym plot-alignment`."""

from __future__ import annotations

import io
import json

import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from ujym.cli.main import cli
from ujym.core.provenance import provenance_of
from ujym.sources.casebook import load_casebook
from ujym.sources.groups import resolve_group
from ujym.sources.unga import UNGAVotes

Y, A, N = 1, 2, 3


@pytest.fixture()
def fake_cache(monkeypatch: pytest.MonkeyPatch) -> UNGAVotes:
    """A small canonical dataset standing in for the cache (KAZ 705, RUS 365, USA 2, CHN 710)."""
    rows = []
    for rcid in range(1, 13):
        year = 1992 + (rcid - 1) // 4
        rows += [
            (rcid, 705, [Y, N, A][rcid % 3]),
            (rcid, 365, [Y, N, N][rcid % 3]),
            (rcid, 2, [N, Y, Y][rcid % 3]),
            (rcid, 710, [Y, Y, A][rcid % 3]),
            (rcid, 370, Y),
            (rcid, 371, [Y, A][rcid % 2]),
        ]
        _ = year
    votes = pl.DataFrame(
        rows, schema={"rcid": pl.Int32, "ccode": pl.Int16, "vote": pl.Int8}, orient="row"
    )
    rc = pl.DataFrame(
        {
            "rcid": list(range(1, 13)),
            "session": [47 + (i - 1) // 4 for i in range(1, 13)],
            "year": [1992 + (i - 1) // 4 for i in range(1, 13)],
            "importantvote": [i % 5 == 0 for i in range(1, 13)],
            **{c: [i % 2 == 0 for i in range(1, 13)] for c in ("me", "nu", "di", "hr", "co", "ec")},
        },
        schema_overrides={"rcid": pl.Int32, "session": pl.Int16, "year": pl.Int16},
    )
    data = UNGAVotes(votes=votes, roll_calls=rc, dataset="test_votes", version="1")
    monkeypatch.setattr("ujym.pipeline.dyads.read_unga", lambda dataset=None: data)
    return data


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def wide(*args: str) -> str:
    """The output of a command on a wide terminal (table cells on one line)."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.output.replace("\xa0", " ")  # "(n = 4)" is held together by no-break spaces


def test_align_table(fake_cache) -> None:  # type: ignore[no-untyped-def]
    result = run("align", "KAZ", "RUS", "--by", "year", "--measure", "agreement,kappa_abs")
    assert result.exit_code == 0, result.output
    for year in ("1992", "1993", "1994"):
        assert year in result.output
    assert "Kazakhstan" in result.output and "Russia" in result.output
    # four roll calls a year: below the minimum of 10, every figure is withheld, with its count
    assert (
        wide("align", "KAZ", "RUS", "--measure", "agreement,kappa_abs").count(
            "insufficient (n = 4)"
        )
        == 6
    )
    assert "--min-rollcalls lowers" in " ".join(result.output.split())
    lowered = run("align", "KAZ", "RUS", "--measure", "agreement", "--min-rollcalls", "4")
    assert "insufficient" not in lowered.output and "0.875" in lowered.output
    kk = run("align", "KAZ", "RUS", "--measure", "agreement", "--lang", "kk").output
    assert "insufficient" not in kk and "(n\xa0=\xa04)" in kk  # the reader's language
    bad = CliRunner().invoke(cli, ["align", "KAZ", "RUS", "--min-rollcalls", "0"])
    assert bad.exit_code == 2 and len(bad.output.strip().splitlines()) == 1


def test_align_csv_json_parquet(fake_cache, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run("align", "KAZ", "RUS", "--format", "csv")
    assert result.exit_code == 0
    df = pd.read_csv(io.StringIO(result.output))
    assert df.year.tolist() == [1992, 1993, 1994]
    assert {"agreement", "coincidence", "kappa_abs", "pi_sq", "n_rollcalls"} <= set(df.columns)
    assert df.agreement.isna().all() and set(df.status) == {"insufficient"}
    assert set(df.reason) == {"fewer than 10 contested roll calls in common"}
    result = run("align", "705", "Russia", "--by", "session", "--format", "json", "--issue", "me")
    payload = json.loads(result.output)
    assert payload["ujym"]["unit"] == "dyad-session"
    assert payload["ujym"]["details"]["min_rollcalls"] == 10
    assert [r["session"] for r in payload["rows"]] == [47, 48, 49]
    assert all(r["n_rollcalls"] == 2 and r["agreement"] is None for r in payload["rows"])
    out = tmp_path / "kaz_rus.parquet"
    result = run("align", "KAZ", "RUS", "--format", "parquet", "--out", str(out))
    assert result.exit_code == 0
    assert len(pd.read_parquet(out)) == 3


def test_align_errors(fake_cache) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, ["align", "KAZ", "ATLANTIS"])
    assert result.exit_code == 2
    assert "ATLANTIS" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(cli, ["align", "KAZ", "RUS", "--measure", "tau_b"])
    assert result.exit_code == 2
    assert "unknown measure 'tau_b'" in result.output and "agreement" in result.output
    assert len(result.output.strip().splitlines()) == 1
    result = CliRunner().invoke(cli, ["align", "KAZ", "RUS", "--format", "parquet"])
    assert result.exit_code == 2 and "--out" in result.output
    result = CliRunner().invoke(cli, ["align", "KAZ", "RUS", "--issue", "zz"])
    assert result.exit_code == 2 and "me, nu" in result.output
    result = CliRunner().invoke(cli, ["align", "KAZ", "RUS", "--years", "x-y"])
    assert result.exit_code == 2


def test_data_not_cached() -> None:
    result = CliRunner().invoke(cli, ["align", "KAZ", "RUS"])
    assert result.exit_code == 3
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "ujym data" in lines[0]


def test_cohesion(fake_cache) -> None:  # type: ignore[no-untyped-def]
    result = run("cohesion", "RUS,KAZ,BLR", "--format", "csv", "--min-rollcalls", "4")
    assert result.exit_code == 0, result.output
    df = pd.read_csv(io.StringIO(result.output))
    assert df.year.tolist() == [1992, 1993, 1994]
    assert df.ai.between(0, 1).all() and (df.n_members_present == 3).all()
    shown = wide("cohesion", "CSTO", "--by", "year")
    assert "1992" in shown and "insufficient (n = 4)" in shown
    alone = wide("cohesion", "KAZ,UZB")  # Uzbekistan is not in the data: one member present
    assert "insufficient (1 member present)" in alone and "1.000" not in alone
    bad = CliRunner().invoke(cli, ["cohesion", "NOSUCHGROUP"])
    assert bad.exit_code == 2 and "NOSUCHGROUP" in bad.output


def test_cohesion_defaults_to_the_article_subject(fake_cache) -> None:  # type: ignore[no-untyped-def]
    subject = resolve_group(load_casebook().article.subject)
    default = run("cohesion", "--format", "csv")
    assert default.exit_code == 0, default.output
    assert default.output == run("cohesion", subject.id, "--format", "csv").output
    titled = run("cohesion", "--lang", "kk")
    assert subject.names.kk in titled.output  # the group's name, not the id typed


def test_cohesion_unknown_group_is_one_line_listing_groups(fake_cache) -> None:  # type: ignore[no-untyped-def]
    bad = CliRunner().invoke(cli, ["cohesion", "ATLANTIS"])
    assert bad.exit_code == 2
    lines = bad.output.strip().splitlines()
    assert (
        len(lines) == 1 and "ATLANTIS" in lines[0] and "CSTO" in lines[0] and "EU-CORE" in lines[0]
    )


def test_eu_is_the_union_in_cohesion_and_plot_eu_core_the_core(fake_cache, tmp_path) -> None:  # type: ignore[no-untyped-def]
    by_alias = run("cohesion", "EU", "--format", "csv")
    assert by_alias.exit_code == 0, by_alias.output
    assert by_alias.output == run("cohesion", "European Union", "--format", "csv").output
    assert "EU core" not in run("cohesion", "EU").output
    assert "EU core" in run("cohesion", "EU-CORE").output
    out = tmp_path / "kaz.html"
    args = ("plot-alignment", "KAZ", "--against", "RUS,EU-CORE,CSTO", "--out", str(out))
    assert run(*args, "--min-rollcalls", "2").exit_code == 0
    assert "EU core" in out.read_text() and "CSTO" in out.read_text()


def test_exports_carry_provenance(fake_cache, tmp_path) -> None:  # type: ignore[no-untyped-def]
    csv = tmp_path / "kaz_rus.csv"
    assert run("align", "KAZ", "RUS", "--out", str(csv)).exit_code == 0
    side = json.loads((tmp_path / "kaz_rus.csv.provenance.json").read_text())
    assert side["unit"] == "dyad-year"
    assert side["datasets"] == [{"id": "test_votes", "version": "1"}]
    assert "Voeten agreement" in side["columns"]["agreement"]
    parquet = tmp_path / "kaz_rus.parquet"
    assert run("align", "KAZ", "RUS", "--out", str(parquet)).exit_code == 0
    assert json.loads(pq.read_schema(parquet).metadata[b"ujym"]) == side
    assert provenance_of(pd.read_parquet(parquet)).to_dict() == side
    payload = json.loads(run("cohesion", "RUS,KAZ", "--format", "json").output)
    assert payload["ujym"]["unit"] == "group-year"
    assert payload["ujym"]["datasets"] == [{"id": "test_votes", "version": "1"}]


def test_panel(fake_cache, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "panel.parquet"
    result = run("panel", "--out", str(out))
    assert result.exit_code == 0, result.output
    df = pd.read_parquet(out)
    assert len(df) == 3 * 15  # 6 states → 15 dyads, 3 years
    assert {"agreement", "s_abs", "s_sq", "kappa_abs", "kappa_sq", "pi_abs", "pi_sq"} <= set(
        df.columns
    )
    csv = tmp_path / "panel.csv"
    assert run("panel", "--out", str(csv), "--by", "session").exit_code == 0
    assert "session" in pd.read_csv(csv).columns
    assert not list(tmp_path.glob("*.part"))  # atomic writes leave no temporary file


def test_plot_alignment(fake_cache, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "kaz.html"
    low = ("--min-rollcalls", "2")
    result = run("plot-alignment", "KAZ", "--against", "RUS,USA,CHN", "--out", str(out), *low)
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "<svg" in html and "<script" not in html  # static SVG inline, works offline
    assert "Russia" in html and "China" in html
    assert (
        run("plot-alignment", "KAZ", "--against", "RUS,EU", "--out", str(out), *low).exit_code == 0
    )
    # every value below the default minimum: nothing to draw, said in one line
    nothing = CliRunner().invoke(cli, ["plot-alignment", "KAZ", "--out", str(out)])
    assert nothing.exit_code == 2 and "--min-rollcalls" in nothing.output
    assert len(nothing.output.strip().splitlines()) == 1
    bad = CliRunner().invoke(
        cli, ["plot-alignment", "KAZ", "--measure", "agreement,pi_sq", "--out", str(out)]
    )
    assert bad.exit_code == 2 and "unknown measure" in bad.output


def test_russian_interface(fake_cache) -> None:  # type: ignore[no-untyped-def]
    result = run("align", "KAZ", "RUS", "--lang", "ru")
    assert result.exit_code == 0
    assert "Генеральной Ассамблее" in result.output


@pytest.mark.slow
def test_done_when_real_data_through_the_cache(shared_data) -> None:  # type: ignore[no-untyped-def]
    """Issue 3: with the unvotes copies imported, align and cohesion print 1992–latest series."""
    runner = CliRunner()
    imported = runner.invoke(
        cli, ["data", "import", "unvotes", str(shared_data / "unvotes_votes.parquet")]
    )
    assert imported.exit_code == 0, imported.output
    result = runner.invoke(cli, ["align", "KAZ", "RUS", "--by", "year", "--format", "csv"])
    assert result.exit_code == 0, result.output
    df = pd.read_csv(io.StringIO(result.output))
    assert df.year.min() == 1992 and df.year.max() >= 2019
    assert df.agreement.dropna().between(0, 1).all()
    # issue 9: the 2020 row rests on one roll call: withheld, never 1.000
    last = df[df.year == 2020].iloc[0]
    assert last.n_rollcalls == 1 and pd.isna(last.agreement) and last.status == "insufficient"
    table = runner.invoke(
        cli, ["align", "KAZ", "RUS", "--years", "2019-2020"], env={"COLUMNS": "200"}
    )
    row_2020 = next(ln for ln in table.output.replace("\xa0", " ").splitlines() if "2020" in ln)
    assert "insufficient (n = 1)" in row_2020 and "1.000" not in row_2020
    by_session = pd.read_csv(
        io.StringIO(
            runner.invoke(
                cli,
                ["align", "KAZ", "RUS", "--by", "session", "--format", "csv", "--rollcalls", "all"],
            ).output
        )
    )
    s74 = by_session[by_session.session == 74].iloc[0]
    assert s74.n_rollcalls == 87 and s74.identical == pytest.approx(0.678, abs=5e-4)
    result = runner.invoke(cli, ["cohesion", "CSTO", "--by", "year", "--format", "csv"])
    assert result.exit_code == 0, result.output
    coh = pd.read_csv(io.StringIO(result.output))
    assert coh.year.min() == 1992 and coh.year.max() >= 2019
    assert coh.ai.dropna().between(0, 1).all()
    assert coh[coh.year == 2020].status.tolist() == ["insufficient"]
