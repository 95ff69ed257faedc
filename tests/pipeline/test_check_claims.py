"""``check_claims`` and ``claim_verdicts``: windows, missing data, and the real data's figures."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from _vote_scenarios import scenario
from ujym.core.errors import UjymError, UnknownCodeError
from ujym.engines.checks import CheckData
from ujym.pipeline.checks import check_claims, claim_verdicts, not_testable, resolve_claims
from ujym.sources.casebook import load_casebook

TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def cb():
    return load_casebook()


def test_empty_cache_gives_insufficient_data_with_the_command(cb) -> None:
    result = check_claims(["C9", "C47", "C22"], casebook=cb, today=TODAY)
    frame = result.frame.set_index(["claim", "window"])
    assert frame.loc[("C9", "article"), "verdict"] == "insufficient-data"
    assert "ujym data import cow_nmc FILE" in frame.loc[("C9", "article"), "note"]
    assert "ujym data import unvotes FILE" in frame.loc[("C47", "latest"), "note"]
    assert frame.loc[("C22", "article"), "verdict"] == "supported"
    assert frame.loc[("C22", "latest"), "years"] == "2024–2026"


def test_windows_article_latest_and_since(cb) -> None:
    data = CheckData(cb, votes=scenario(range(2008, 2020), {"ARM": 4}))
    result = check_claims(["C47"], casebook=cb, data=data)
    assert result.frame["years"].tolist() == ["2011–2013", "2017–2019"]
    since = check_claims(["C47"], casebook=cb, data=data, since=2015)
    assert since.frame["window"].tolist() == ["article", "since"]
    assert since.frame["years"].tolist() == ["2011–2013", "2015–2019"]
    with pytest.raises(UjymError, match="choose --since from 2008 to 2019"):
        check_claims(["C47"], casebook=cb, data=data, since=2030)


def test_a_year_with_few_roll_calls_is_not_the_latest(cb) -> None:
    import numpy as np

    from ujym.core.votes import VoteMatrix

    m = scenario(range(2008, 2021), {})
    keep = (m.year < 2020) | (np.arange(len(m.year)) % 20 == 0)  # 2020: one roll call
    thin = VoteMatrix(m.ccodes, m.rcids[keep], m.votes[:, keep], m.session[keep], m.year[keep],
                      m.important[keep])  # fmt: skip
    result = check_claims(["C3"], casebook=cb, data=CheckData(cb, votes=thin))
    assert result.frame["years"].tolist()[-1] == "2017–2019"


def test_fixed_window_for_c36(cb) -> None:
    result = check_claims(["C36"], casebook=cb, today=TODAY)
    assert result.frame["window"].tolist() == ["claim"]
    assert result.frame["years"].tolist() == ["1991–1993"]


def test_claim_ids_are_resolved_and_checked(cb) -> None:
    assert resolve_claims(cb, ["c9", "C09", "47", "C3,C5"]) == ["C9", "C47", "C3", "C5"]
    with pytest.raises(UnknownCodeError, match="C1 to C47"):
        resolve_claims(cb, ["C99"])


def test_not_testable_claims_are_listed_with_reason_and_data(cb) -> None:
    result = check_claims(["C4", "C9"], casebook=cb, today=TODAY)
    assert [n.claim for n in result.not_testable] == ["C4"]
    items = not_testable(cb)
    assert all(n.needed for n in items)
    assert "C3" not in {n.claim for n in items}


def test_operationalisation_in_the_chosen_language(cb) -> None:
    ru = check_claims(["C47"], casebook=cb, lang="ru", today=TODAY)
    kk = check_claims(["C47"], casebook=cb, lang="kk", today=TODAY)
    assert "Спорные" in ru.frame["operationalisation"].iloc[0]
    assert "Даулы" in kk.frame["operationalisation"].iloc[0]


def test_claim_verdicts_for_the_brief(cb) -> None:
    verdicts = claim_verdicts(cb, today=TODAY)
    assert set(verdicts) == {f"C{n}" for n in range(1, 48)}
    assert "ujym data import cow_nmc FILE" in verdicts["C9"].text
    assert verdicts["C22"].text.startswith("2011–2013: supported")
    assert verdicts["C4"].text.startswith("not testable")


# ---- the real data, imported as a user would ----------------------------------------------
@pytest.fixture(scope="module")
def real_cache(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ujym.cli.main import cli

    folder = tmp_path_factory.mktemp("real-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("UJYM_DATA_DIR", str(folder))
        runner = CliRunner()
        for dataset, name in (
            ("cow_nmc", "ps_cow_nmc.parquet"),
            ("atop_alliance", "ps_atop_alliance.parquet"),
            ("unvotes", "unvotes_votes.parquet"),
        ):
            result = runner.invoke(cli, ["data", "import", dataset, str(shared_data / name)])
            assert result.exit_code == 0, result.output
    return folder


EXPECTED = {
    ("C3", "article"): ("supported", {"opposite_share_mean": 0.0874, "roll_calls": 251}),
    ("C3", "latest"): ("supported", {"opposite_share_mean": 0.1816}),
    ("C5", "article"): ("supported", {"coverage_csto": 1.0, "coverage_cis": 0.6222}),
    ("C5", "latest"): ("supported", {"coverage_sco": 0.6667}),
    ("C9", "article"): ("supported", {"russia_share_cinc_mean": 0.8309}),
    ("C9", "latest"): ("supported", {"russia_share_cinc_mean": 0.863}),
    ("C12", "article"): ("supported", {"lean_to_russia": 0.2578, "lean_others_median": 0.3457}),
    ("C12", "latest"): ("supported", {"lean_to_russia": 0.2694}),
    ("C18", "article"): ("mixed", {"agreement_with_west": 0.5015, "west_others_median": 0.5187}),
    ("C18", "latest"): ("supported", {"agreement_with_west": 0.4281}),
    ("C20", "article"): ("supported", {"kazakhstan_share_cinc_mean": 0.065}),
    ("C20", "latest"): ("supported", {"years_second_in_cinc": 3}),
    ("C30", "article"): ("mixed", {"agreement_with_west": 0.5218}),
    ("C30", "latest"): ("mixed", {"agreement_with_west": 0.4432}),
    ("C36", "claim"): ("mixed", {"tajikistan_milper_thousands": 3.0}),
    ("C38", "article"): ("supported", {"change_usa": 0.0937, "change_chn": 0.0256}),
    ("C38", "latest"): ("contradicted", {"change_usa": -0.0499, "change_chn": -0.0229}),
    ("C45", "article"): ("supported", {"csto_mean_agreement": 0.9077,
                                       "all_states_mean_agreement": 0.8218}),
    ("C45", "latest"): ("supported", {"csto_mean_agreement": 0.8736}),
    ("C47", "article"): ("supported", {"contested_roll_calls": 114, "mean_with_russia": 0.93}),
    ("C47", "latest"): ("supported", {"contested_roll_calls": 183, "max_with_usa": 0.1471}),
    ("C1", "article"): ("contradicted", {"youngest": "SES"}),
    ("C22", "article"): ("supported", {"years_all_held": 3}),
    ("C33", "article"): ("supported", {"years_all_held": 3}),
}  # fmt: skip


def test_real_data_verdicts_and_figures(real_cache: Path, monkeypatch, cb) -> None:
    monkeypatch.setenv("UJYM_DATA_DIR", str(real_cache))
    result = check_claims(casebook=cb, today=TODAY)
    frame = result.frame.set_index(["claim", "window"])
    years = {("C9", "latest"): "2020–2022", ("C5", "latest"): "2016–2018",
             ("C47", "latest"): "2017–2019"}  # fmt: skip
    for key, y in years.items():
        assert frame.loc[key, "years"] == y
    for key, (verdict, figures) in EXPECTED.items():
        assert frame.loc[key, "verdict"] == verdict, key
        got = json.loads(frame.loc[key, "figures"])
        for name, value in figures.items():
            if isinstance(value, str):
                assert got[name] == value, (key, name)
            else:
                assert got[name] == pytest.approx(value, abs=1e-3), (key, name)


def test_real_data_cli_table_in_three_languages(real_cache: Path, monkeypatch) -> None:
    from ujym.cli.main import cli

    monkeypatch.setenv("UJYM_DATA_DIR", str(real_cache))
    runner = CliRunner()
    words = {"en": "supported", "ru": "подтверждено", "kk": "расталды"}
    for lang, word in words.items():
        result = runner.invoke(cli, ["check", "C9", "C47", "--lang", lang])
        assert result.exit_code == 0, result.output
        assert word in result.output and "C47" in result.output
