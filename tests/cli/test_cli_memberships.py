"""``ujym memberships`` in kk, ru and en: status labels, dates in the reader's format, source
titles, names without their codes; files with the casebook's ids."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from ujym.cli.main import cli


def invoke(*args: str, columns: int = 240):
    return CliRunner().invoke(cli, list(args), env={"COLUMNS": str(columns)})


@pytest.mark.parametrize(
    ("lang", "word", "day"),
    [("en", "partner", "August 26, 2005"), ("ru", "партнёр", "26 августа 2005"),
     ("kk", "серіктес", "26 тамыз")],
)  # fmt: skip
def test_memberships(lang: str, word: str, day: str) -> None:
    result = invoke("memberships", "TKM", "--lang", lang)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.replace("\u202f", " ").replace("\xa0", " ").split())
    assert day in text and word in text
    assert "2005-08-26" not in text  # dates in the reader's format, not ISO


def test_names_do_not_repeat_their_codes_and_sources_are_titled() -> None:
    text = " ".join(invoke("memberships", "KAZ", "--lang", "ru").output.split())
    assert "СНГ (CIS)" not in text and "СНГ" in text
    assert "cis-official" not in text  # the source's title, not its id


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_files_keep_ids(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"m.{fmt}"
    result = invoke("memberships", "KAZ", "--out", str(out), "--lang", "kk")
    assert result.exit_code == 0, result.output
    if fmt == "json":
        df = pd.DataFrame(json.loads(out.read_text())["rows"])
    else:
        df = pd.read_parquet(out) if fmt == "parquet" else pd.read_csv(out)
    assert list(df.columns) == [
        "organisation",
        "status",
        "start",
        "end",
        "start_precision",
        "end_precision",
        "citation",
    ]
    assert "CSTO" in set(df["organisation"]) and "member" in set(df["status"])


def test_printed_json_carries_provenance() -> None:
    result = invoke("memberships", "KAZ", "--format", "json")
    payload = json.loads(result.output)
    assert payload["ujym"]["unit"] == "membership-period" and payload["rows"]
