"""`ujym casebook` as a user runs it (validate: moved here from
tests/sources/test_casebook_validate.py, unchanged)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from casebook_helpers import FILES, digest, write_casebook
from ujym.cli.main import cli


def test_cli_validate_lists_problems_exits_1_and_changes_nothing(tmp_path: Path) -> None:
    bad_claim = FILES["claims/C21.yaml"].replace("270-274", "999")
    bad_org = FILES["organisations/CSTO.yaml"].replace("actor: KAZ", "actor: XXX")
    root = write_casebook(
        tmp_path, **{"claims/C21.yaml": bad_claim, "organisations/CSTO.yaml": bad_org}
    )
    before = digest(root)
    result = CliRunner().invoke(cli, ["casebook", "validate", str(root)])
    assert result.exit_code == 1
    assert "claims/C21.yaml:3: seed line range L999 does not exist" in result.output
    assert "organisations/CSTO.yaml:6: unknown actor 'XXX'" in result.output
    assert "2 problems" in result.output
    assert digest(root) == before


def test_cli_validate_ok(tmp_path: Path) -> None:
    root = write_casebook(tmp_path)
    result = CliRunner().invoke(cli, ["casebook", "validate", str(root)])
    assert result.exit_code == 0, result.output
    assert "Casebook is valid" in result.output
