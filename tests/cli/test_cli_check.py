"""``ujym check``, ``ujym capabilities``, ``ujym memberships`` in kk, ru and en; bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ujym.cli.main import cli
from ujym.sources import cache
from ujym.sources.casebook import load_casebook
from ujym.sources.groups import resolve_group

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "peacescience"
LANGS = ("kk", "ru", "en")


def invoke(*args: str):
    # a wide terminal, so that rich does not wrap the headings of the tables
    return CliRunner().invoke(cli, list(args), env={"COLUMNS": "240"})


@pytest.mark.parametrize(
    ("lang", "title", "insufficient", "reason"),
    [
        (
            "en",
            "Claims checked against data",
            "insufficient data",
            "what an official document says",
        ),
        (
            "ru",
            "Утверждения, проверенные по данным",
            "недостаточно данных",
            "содержание официального",
        ),
        (
            "kk",
            "Деректермен тексерілген тұжырымдар",
            "деректер жеткіліксіз",
            "ресми құжаттың мазмұны",
        ),
    ],
)
def test_check_table_without_data(lang, title, insufficient, reason) -> None:
    result = invoke("check", "C9", "C4", "C22", "--lang", lang)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert title in text
    assert insufficient in text
    assert "C4" in text and reason in text  # not testable: listed with the reason


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_check_everything_on_an_empty_cache_says_what_to_import(fmt: str) -> None:
    result = invoke("check", "--format", fmt)
    assert result.exit_code == 3, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "is empty" in lines[0], result.output
    assert "ujym data import cow_nmc FILE" in lines[0] and "ujym data import unvotes" in lines[0]
    assert "claims checked" not in result.output


def test_check_json_lists_commands_and_not_testable() -> None:
    result = invoke("check", "C9", "C4", "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.output)
    c9 = [r for r in payload["checks"] if r["claim"] == "C9"]
    assert {r["window"] for r in c9} == {"article", "latest"}
    assert all("ujym data import cow_nmc FILE" in r["note"] for r in c9)
    assert payload["not_testable"][0]["claim"] == "C4"
    assert payload["not_testable"][0]["reason"] == "document-content"


@pytest.mark.parametrize(
    ("lang", "rule", "record", "why"),
    [
        ("en", "Supported when Kazakhstan is second after Russia", "record check",
         "what an official document says"),
        ("ru", "Подтверждается, если Казахстан второй после России", "проверка по записям",
         "содержание официального"),
        ("kk", "Қазақстан үш өлшем бойынша да Ресейден кейін екінші", "жазбалар бойынша тексеру",
         "ресми құжаттың мазмұны"),
    ],
)  # fmt: skip
def test_check_table_shows_the_casebook_rule_and_why_not(lang, rule, record, why) -> None:
    result = invoke("check", "C20", "C1", "C4", "--lang", lang)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert rule in text and record in text and why in text
    assert max(len(line) for line in result.output.splitlines()) <= 80


def test_check_json_carries_the_check_text_and_the_explanation() -> None:
    payload = json.loads(
        invoke("check", "C1", "C21", "C4", "--format", "json", "--lang", "ru").output
    )
    c1 = payload["checks"][0]
    assert c1["kind"] == "record" and c1["figure"] is None and c1["discrimination"] is None
    c21 = next(r for r in payload["checks"] if r["claim"] == "C21")
    assert c21["kind"] == "data" and "COW NMC" in c21["operationalisation"]
    assert c21["threshold"].startswith("Подтверждается")
    (c4,) = payload["not_testable"]
    assert c4["reason"] == "document-content" and c4["explanation"]


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_check_exports_the_same_records(tmp_path: Path, fmt: str) -> None:
    import pandas as pd

    out = tmp_path / f"checks.{fmt}"
    result = invoke("check", "C1", "C9", "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.output
    if fmt == "json":
        rows = json.loads(out.read_text(encoding="utf-8"))["checks"]
        frame = pd.DataFrame(rows)
    else:
        frame = pd.read_csv(out) if fmt == "csv" else pd.read_parquet(out)
    assert {"claim", "window", "verdict", "figure", "low", "high", "discrimination",
            "reference_set", "replicates"} <= set(frame.columns)  # fmt: skip
    assert set(frame["claim"]) == {"C1", "C9"}
    assert invoke("check", "C1", "--format", "parquet").exit_code != 0  # parquet needs --out


@pytest.mark.parametrize(
    ("lang", "heading", "label"),
    [
        ("en", "How ujym checks it", "data check"),
        ("ru", "Как ujym это проверяет", "проверка по данным"),
        ("kk", "ujym оны қалай тексереді", "деректер бойынша тексеру"),
    ],
)
def test_casebook_claims_shows_how_each_claim_is_checked(lang, heading, label) -> None:
    result = invoke("casebook", "claims", "--actor", "RUS", "--lang", lang)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.replace("│", " ").split())
    assert heading in text and label in text
    rows = json.loads(invoke("casebook", "claims", "--format", "json", "--lang", lang).output)
    by_id = {r["id"]: r for r in rows}
    assert by_id["C9"]["check"] == "data" and by_id["C9"]["rule"]
    assert by_id["C1"]["check"] == "record" and by_id["C22"]["check"] == "data"
    assert by_id["C4"]["check"] == "not-testable"
    assert by_id["C4"]["reason"] == "document-content" and by_id["C4"]["explanation"]
    assert {r["check"] for r in rows} == {"data", "record", "not-testable"}


def test_check_with_imported_fixture_gives_verdicts() -> None:
    assert invoke("data", "import", "cow_nmc", str(FIXTURES / "NMC-60-abridged.csv")).exit_code == 0
    result = invoke("check", "C20", "--format", "json", "--lang", "ru")
    payload = json.loads(result.output)
    article = next(r for r in payload["checks"] if r["window"] == "article")
    assert article["verdict"] in {"supported", "contradicted", "inconclusive", "insufficient-data"}
    assert "Казахстан" in article["operationalisation"]


def _snapshot(folder: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in folder.rglob("*")}


@pytest.mark.parametrize("lang", LANGS)
def test_bad_input_is_one_line_nonzero_and_touches_nothing(lang) -> None:
    invoke("data", "import", "cow_nmc", str(FIXTURES / "NMC-60-abridged.csv"))
    before = _snapshot(cache.data_dir())
    cases = [
        (("check", "C99"), 2, "C99"),
        (("capabilities", "NOWHERE"), 2, "NOWHERE"),
        (("capabilities", "CSTO", "--year", "1700"), 2, "--year"),
        (("memberships", "NOWHERE"), 2, "NOWHERE"),
    ]
    for args, code, needle in cases:
        result = invoke(*args, "--lang", lang)
        assert result.exit_code == code, (args, result.output)
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and needle in lines[0], result.output
    assert _snapshot(cache.data_dir()) == before


def test_missing_dataset_names_the_command() -> None:
    result = invoke("capabilities", "CSTO")
    assert result.exit_code == 3
    assert "ujym data import cow_nmc FILE" in result.output


def test_since_outside_the_coverage() -> None:
    invoke("data", "import", "cow_nmc", str(FIXTURES / "NMC-60-abridged.csv"))
    result = invoke("check", "C9", "--since", "2030")
    assert result.exit_code == 2
    assert "--since" in result.output


@pytest.mark.parametrize(
    ("lang", "heading"), [("en", "Share of CINC"), ("ru", "Доля CINC"), ("kk", "CINC үлесі")]
)
def test_capabilities_table(lang, heading) -> None:
    invoke("data", "import", "cow_nmc", str(FIXTURES / "NMC-60-abridged.csv"))
    result = invoke("capabilities", "RUS,KAZ", "--year", "2013", "--lang", lang)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert heading in text and "RUS" in text and "KAZ" in text
    assert ("93,0" if lang != "en" else "93.0") in text  # Russia's share of CINC, localised


@pytest.mark.parametrize("lang", LANGS)
def test_capabilities_defaults_to_the_article_subject(lang: str) -> None:
    invoke("data", "import", "cow_nmc", str(FIXTURES / "NMC-60-abridged.csv"))
    result = invoke("capabilities", "--year", "2013", "--lang", lang)
    assert result.exit_code == 0, result.output
    subject = resolve_group(load_casebook().article.subject)
    text = " ".join(result.output.split())
    assert subject.names[lang] in text  # the title names the group in the reader's language
    assert text == " ".join(
        invoke("capabilities", subject.id, "--year", "2013", "--lang", lang).output.split()
    )


@pytest.mark.parametrize(
    ("lang", "word"), [("en", "partner"), ("ru", "партнёр"), ("kk", "серіктес")]
)
def test_memberships(lang, word) -> None:
    result = invoke("memberships", "TKM", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert "2005-08-26" in result.output and word in result.output


def test_brief_shows_verdicts_or_the_command(tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    result = invoke("brief", "--lang", "en", "--out", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Verdict on the data" in html
    assert "ujym data import cow_nmc FILE" in html
    assert os.path.getsize(out) > 0


def test_casebook_claims_reads_the_verdict_records() -> None:
    assert invoke("data", "import", "cow_nmc", str(FIXTURES / "NMC-60-abridged.csv")).exit_code == 0
    rows = json.loads(invoke("casebook", "claims", "--verdicts", "--format", "json").output)
    by_id = {r["id"]: r for r in rows}
    assert by_id["C1"]["status"].startswith("2011–2013: mixed evidence")  # a record check
    assert "ujym data import unvotes FILE" in by_id["C47"]["status"]  # no votes cached
    assert by_id["C4"]["status"].startswith("not testable")
