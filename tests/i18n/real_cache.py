"""Fixtures of the reader-facing tests: one data cache with the real datasets imported.

Imported by name into the test modules (a second ``conftest.py`` beside tests/reports' would
clash under pytest's import mode).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ujym.cli.main import cli

IMPORTS = {
    "unvotes": "unvotes_votes.parquet",
    "cow_nmc": "ps_cow_nmc.parquet",
    "bsv_matches": "bsv_matches.parquet",
}
"""Datasets the outputs read, imported from ``../shared/data`` (file names there)."""


@pytest.fixture(scope="session", name="imported_cache")
def _imported_cache(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One data cache with the real datasets imported (session-wide: imports are slow)."""
    folder = tmp_path_factory.mktemp("latin-cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("UJYM_DATA_DIR", str(folder))
    try:
        for dataset, name in IMPORTS.items():
            res = CliRunner().invoke(cli, ["data", "import", dataset, str(shared_data / name)])
            assert res.exit_code == 0, res.output
    finally:
        mp.undo()
    yield folder


@pytest.fixture(name="real_data")
def _real_data(imported_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test reads the cache of real datasets."""
    monkeypatch.setenv("UJYM_DATA_DIR", str(imported_cache))
    return imported_cache
