"""``ujym capabilities`` in kk, ru and en: labelled table, files with provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from ujym.cli.main import cli
from ujym.sources.casebook import load_casebook
from ujym.sources.groups import resolve_group

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "peacescience"
LANGS = ("kk", "ru", "en")


def invoke(*args: str, columns: int = 240):
    return CliRunner().invoke(cli, list(args), env={"COLUMNS": str(columns)})


@pytest.fixture(autouse=True)
def _nmc() -> None:
    assert invoke("data", "import", "cow_nmc", str(FIXTURES / "NMC-60-abridged.csv")).exit_code == 0


@pytest.mark.parametrize(
    ("lang", "heading", "russia"),
    [
        ("en", "Share of CINC", "Russia"),
        ("ru", "Доля CINC", "Россия"),
        ("kk", "CINC үлесі", "Ресей"),
    ],
)
def test_capabilities_table(lang: str, heading: str, russia: str) -> None:
    result = invoke("capabilities", "RUS,KAZ", "--year", "2013", "--lang", lang)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert heading in text and russia in text  # states by name in the reader's language
    assert ("93,0" if lang != "en" else "93.0") in text  # Russia's share of CINC, localised


@pytest.mark.parametrize("lang", LANGS)
def test_capabilities_defaults_to_the_article_subject(lang: str) -> None:
    result = invoke("capabilities", "--year", "2013", "--lang", lang)
    assert result.exit_code == 0, result.output
    subject = resolve_group(load_casebook().article.subject)
    text = " ".join(result.output.split())
    assert subject.names[lang] in text  # the title names the group in the reader's language
    assert text == " ".join(
        invoke("capabilities", subject.id, "--year", "2013", "--lang", lang).output.split()
    )


def test_at_80_columns_columns_are_left_out_with_a_note() -> None:
    wide = invoke("capabilities", "--year", "2013")
    narrow = invoke("capabilities", "--year", "2013", columns=80)
    assert "Military personnel" in " ".join(wide.output.split())
    assert "Left out to fit the terminal" in " ".join(narrow.output.split())
    assert max(len(line) for line in narrow.output.splitlines()) <= 80


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_files_keep_column_ids_and_provenance(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"cap.{fmt}"
    result = invoke("capabilities", "RUS,KAZ", "--year", "2013", "--out", str(out), "--lang", "kk")
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        df = pd.read_csv(out)
        prov = json.loads(Path(f"{out}.provenance.json").read_text())
    elif fmt == "json":
        payload = json.loads(out.read_text())
        df, prov = pd.DataFrame(payload["rows"]), payload["ujym"]
    else:
        df = pd.read_parquet(out)
        prov = json.loads(pq.read_schema(out).metadata[b"ujym"])
    assert {"ccode", "iso3", "cinc", "share_cinc"} <= set(df.columns)
    assert sorted(df["iso3"]) == ["KAZ", "RUS"]
    assert any(d["id"] == "cow_nmc" for d in prov["datasets"])


def test_printed_csv_and_unknown_suffix() -> None:
    printed = invoke("capabilities", "RUS,KAZ", "--year", "2013", "--format", "csv")
    assert printed.exit_code == 0 and printed.output.startswith("ccode,")
    bad = invoke("capabilities", "RUS,KAZ", "--year", "2013", "--out", "x.txt")
    assert bad.exit_code == 2 and len(bad.output.strip().splitlines()) == 1
    binary = invoke("capabilities", "RUS,KAZ", "--year", "2013", "--format", "parquet")
    assert binary.exit_code == 2 and "--out" in binary.output
