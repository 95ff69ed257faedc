"""Fixtures of the web explorer's tests: a data cache with the shared UN votes and COW
capabilities, imported with ujym's own importer once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def web_cache(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ujym cache holding ``unvotes`` and ``cow_nmc`` from ``../shared/data``."""
    from ujym.sources.datasets import import_file

    folder = tmp_path_factory.mktemp("web-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("UJYM_DATA_DIR", str(folder))
        import_file("unvotes", shared_data / "unvotes_votes.parquet")
        import_file("cow_nmc", shared_data / "ps_cow_nmc.parquet")
    return folder


@pytest.fixture
def using_web_cache(web_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point this test's ``UJYM_DATA_DIR`` at :func:`web_cache`."""
    monkeypatch.setenv("UJYM_DATA_DIR", str(web_cache))
    yield web_cache
