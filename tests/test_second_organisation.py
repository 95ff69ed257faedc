"""A casebook of another organisation (decision 0008): GUAM, from a short note written for the
tests, runs through `ujym casebook validate`, `ujym check` and `ujym brief` without code of its
own — its data checks name ujym's generic check methods, its subject is data.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from ujym.cli.main import cli
from ujym.core.casebook import claim_key
from ujym.engines.checks import registered
from ujym.sources.casebook import load_casebook, select_casebook

GUAM = Path(__file__).resolve().parent / "fixtures" / "casebook-guam"
MEMBERS = {"GEO": 372, "UKR": 369, "AZE": 373, "MDA": 359}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture
def no_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The note beside article.yaml is the seed: a seed named for the CSTO article stays out."""
    monkeypatch.delenv("UJYM_SEED", raising=False)


def test_validate_reads_the_note_beside_the_casebook(no_seed: None, tmp_path: Path) -> None:
    code, out = run("casebook", "validate", str(GUAM))
    assert code == 0, out
    assert "Casebook is valid" in out and "seed article not given" not in out
    code, out = run("--casebook", str(GUAM), "casebook", "validate")  # the option, same result
    assert code == 0 and "casebook-guam" in out, out
    # the key words are checked against the note's lines: a wrong one is reported with its line
    copy = shutil.copytree(GUAM, tmp_path / "guam")
    claim = copy / "claims" / "C01.yaml"
    claim.write_text(claim.read_text().replace("strongest,", "weakest,"), encoding="utf-8")
    code, out = run("casebook", "validate", str(copy))
    assert code == 1
    assert "claims/C01.yaml:11: key word 'weakest' is not in the cited lines L11–12" in out


def test_the_casebook_is_data_not_code(no_seed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UJYM_CASEBOOK", str(GUAM))
    cb = load_casebook()
    assert (cb.article.id, cb.article.subject, cb.article.window) == (
        "guam-test-note", "GUAM", (2007, 2009),
    )  # fmt: skip
    assert [a.id for a in cb.members] == list(MEMBERS)
    # no function is registered for this article: the CSTO article's C1-C3 are not GUAM's
    keys = {claim_key(cb.article.id, c.id) for c in cb.claims}
    assert keys == {"guam-test-note:C1", "guam-test-note:C2", "guam-test-note:C3"}
    assert not keys & set(registered())
    assert [c.check.method for c in cb.claims if c.check] == [
        "capability-rank",
        "members-agreement",
    ]
    monkeypatch.delenv("UJYM_CASEBOOK")
    select_casebook(GUAM)
    try:
        assert load_casebook().article.subject == "GUAM"
    finally:
        select_casebook(None)
    assert load_casebook().article.subject == "CSTO"


def test_check_without_data_says_what_to_import(no_seed: None) -> None:
    code, out = run("--casebook", str(GUAM), "check")
    assert code == 3
    assert "ujym data import cow_nmc FILE" in out and "ujym data import unvotes FILE" in out
    code, out = run("--casebook", str(GUAM), "check", "C1", "C2", "C3", "--format", "json")
    assert code == 0, out
    payload = json.loads(out)
    assert {(r["claim"], r["window"], r["years"], r["verdict"]) for r in payload["checks"]} >= {
        ("C1", "article", "2007–2009", "insufficient-data"),
        ("C2", "article", "2007–2009", "insufficient-data"),
    }
    assert payload["not_testable"] == [
        {
            "claim": "C3",
            "reason": "historical-record",
            "needed": [],
            "explanation": "A dated event, not a measurement; the document itself attests it "
            "(the Strasbourg communiqué of 1997).",
        }
    ]


def test_check_and_brief_on_real_capabilities(
    no_seed: None, shared_data: Path, tmp_path: Path
) -> None:
    source = shared_data / "ps_cow_nmc.parquet"
    assert run("data", "import", "cow_nmc", str(source))[0] == 0
    code, out = run("--casebook", str(GUAM), "check", "C1", "--format", "json", "--lang", "ru")
    assert code == 0, out
    rows = {r["window"]: r for r in json.loads(out)["checks"]}
    article = rows["article"]
    assert (article["years"], article["verdict"]) == ("2007–2009", "supported")
    assert article["threshold"] == "Подтверждается, если Украина каждый год первая по CINC."
    # the figure, computed here from the publisher's file: Ukraine's share of the four's CINC
    nmc = pl.read_parquet(source).filter(
        pl.col("ccode").is_in(list(MEMBERS.values())) & pl.col("year").is_between(2007, 2009)
    )
    shares = nmc.with_columns(share=pl.col("cinc") / pl.col("cinc").sum().over("year")).filter(
        pl.col("ccode") == MEMBERS["UKR"]
    )
    assert article["figures"]["share_cinc_mean"] == pytest.approx(shares["share"].mean(), abs=1e-4)
    assert article["figures"]["years_at_rank"] == article["figures"]["years"] == 3

    out_file = tmp_path / "guam-kk.html"
    code, out = run("--casebook", str(GUAM), "brief", "--lang", "kk", "--out", str(out_file))
    assert code == 0, out
    html = out_file.read_text(encoding="utf-8")
    assert "<h1>Анықтама: ГУАМ және оның мүшелері</h1>" in html
    for name in ("Грузия", "Украина", "Әзербайжан", "Молдова"):
        assert name in html and name in out
    assert "ҰҚШҰ" not in html and "ОДКБ" not in html  # nothing of the CSTO article leaks in
    assert "Singer, J. David" in html  # the footer cites the NMC data behind the verdicts
    assert "3 тұжырым" in out
