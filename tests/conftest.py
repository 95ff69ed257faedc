"""Shared test fixtures: the real datasets and the seed article beside the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from ujym.i18n import set_language

# Property tests judge results, not speed: no per-example deadline (CI has 2 shared cores).
settings.register_profile("ujym", deadline=None)
settings.load_profile("ujym")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UJYM_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "000_87a6d6610689dd07.txt"
REQUIRE_SHARED = os.environ.get("UJYM_REQUIRE_SHARED") == "1"
"""Set by ``.ci/run``: in CI a test that needs ``../shared`` fails instead of skipping."""


def _missing(what: str) -> None:
    """Skip (a fresh clone without ``../shared``) or fail (CI) when shared material is absent."""
    if REQUIRE_SHARED:
        pytest.fail(f"{what} (UJYM_REQUIRE_SHARED=1: CI must have ../shared beside the clone)")
    pytest.skip(what)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real Parquet datasets (``../shared/data``); skips when absent."""
    path = SHARED / "data"
    if not path.is_dir():
        _missing(f"real datasets not found at {path} (set UJYM_SHARED to the shared folder)")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article (``../shared/seed``); skips when absent."""
    if not SEED.is_file():
        _missing(f"seed article not found at {SEED} (set UJYM_SHARED to the shared folder)")
    return SEED


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """Published worked examples (``../shared/reference``); skips when absent."""
    path = SHARED / "reference"
    if not path.is_dir():
        _missing(f"reference examples not found at {path}")
    return path


@pytest.fixture(scope="session")
def browser_available() -> None:
    """Chromium and chromedriver are installed (``make test`` installs them); fails otherwise.

    A browser test on a machine without chromium is a set-up error, not a reason to skip.
    """
    from _browser import chromium_missing

    why = chromium_missing()
    if why is not None:
        pytest.fail(why)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own empty ujym data cache, so no test touches the user's."""
    monkeypatch.setenv("UJYM_DATA_DIR", str(tmp_path_factory.mktemp("ujym-data")))
    monkeypatch.setenv("UJYM_LANG", "en")
    set_language("en")  # a command run by an earlier test may have switched the language
    yield
    set_language("en")  # and the doctests of src/ (outside this folder) run after the tests
