"""The cache under crashes and concurrent use, with real processes (no mocks).

- Several processes import the same datasets at once while others read them: no error, no
  traceback, and afterwards every dataset reads back identical to one complete import.
- A commit is killed (``kill -9``) at each of its steps (``UJYM_PAUSE_AT`` stops the process
  there): the next reader sees the old copy or the new one, never none and never half of one;
  leftovers of the dead run are removed; a live run's folders are not.

The processes come from a fork server (tests/_forkserver.py) that has the heavy libraries loaded,
so that each costs a fork, not a Python start-up; each imports ujym itself and is killed by pid.

``make cache-stress`` runs the concurrency and kill tests 50 times in a row (``UJYM_STRESS_ROUNDS``
repeats them within one session).
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from _cache_digest import leftovers
from _forkserver import Child, ForkServer
from ujym.core.errors import DataNotAvailableError, UjymError
from ujym.sources import cache
from ujym.sources.datasets import import_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
INPUTS = {
    "cow_nmc": FIXTURES / "peacescience" / "NMC-60-abridged.csv",
    "unvotes": FIXTURES / "unga" / "unvotes.csv",
}
STEPS = ("staged", "locked", "old-moved", "new-moved", "committed")
ROUNDS = range(int(os.environ.get("UJYM_STRESS_ROUNDS", "1")))
"""Repetitions of the concurrency and kill tests (``make cache-stress``: 50)."""

IMPORT = """
import sys
from ujym.sources.datasets import import_file
for _ in range(int(sys.argv[3])):
    import_file(sys.argv[1], sys.argv[2])
"""
READ = """
import sys, time
from ujym.sources import cache
deadline = time.monotonic() + float(sys.argv[1])
reads = 0
while time.monotonic() < deadline:
    for dataset, table in (("cow_nmc", "nmc"), ("unvotes", "votes"), ("unvotes", "roll_calls")):
        frame = cache.read_cached(dataset, table)
        assert frame.height > 0
        reads += 1
print(reads)
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForkServer]:
    forks = ForkServer(tmp_path_factory.mktemp("forks"))
    yield forks
    forks.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], pl.DataFrame]:
    """Every table of one complete import of each dataset, in a cache of its own."""
    folder = tmp_path_factory.mktemp("reference-cache")
    old = os.environ.get(cache.DATA_DIR_ENV)
    os.environ[cache.DATA_DIR_ENV] = str(folder)
    try:
        out = {}
        for dataset, path in INPUTS.items():
            for table in import_file(dataset, path).tables:
                out[(dataset, table)] = cache.read_cached(dataset, table)
        return out
    finally:
        if old is None:
            del os.environ[cache.DATA_DIR_ENV]
        else:
            os.environ[cache.DATA_DIR_ENV] = old


def _assert_complete(reference: dict[tuple[str, str], pl.DataFrame]) -> None:
    for (dataset, table), expected in reference.items():
        assert_frame_equal(cache.read_cached(dataset, table), expected)
    cache.recover()
    assert leftovers(cache.data_dir()) == []


@pytest.mark.parametrize("round_", ROUNDS)
def test_concurrent_imports_and_reads(
    server: ForkServer, reference: dict[tuple[str, str], pl.DataFrame], round_: int
) -> None:
    for dataset, path in INPUTS.items():
        import_file(dataset, path)
    importers = [
        server.run(IMPORT, dataset, str(path), "3")
        for dataset, path in INPUTS.items()
        for _ in range(2)
    ]
    readers = [server.run(READ, "4") for _ in range(2)]
    for child in importers + readers:
        assert child.wait() == 0, child.stderr()
        assert "Traceback" not in child.stderr(), child.stderr()
    for child in readers:
        assert int(child.stdout()) > 0  # the readers read while the imports committed
    _assert_complete(reference)


def _paused(server: ForkServer, step: str, dataset: str) -> Child:
    child = server.run(IMPORT, dataset, str(INPUTS[dataset]), "1", UJYM_PAUSE_AT=step)
    child.wait_for_stderr(f"paused at {step}")  # the process stopped there, and sleeps
    return child


def _kill(child: Child) -> None:
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL


@pytest.mark.parametrize("round_", ROUNDS)
@pytest.mark.parametrize("step", STEPS)
def test_a_commit_killed_at_each_step_leaves_a_whole_copy(
    server: ForkServer, step: str, reference: dict[tuple[str, str], pl.DataFrame], round_: int
) -> None:
    for dataset, path in INPUTS.items():
        import_file(dataset, path)
    _kill(_paused(server, step, "unvotes"))
    # a reader in another process, then this one: the dataset is whole (old or new copy)
    check = server.run(READ, "0.1")
    assert check.wait() == 0, check.stderr()
    _assert_complete(reference)


@pytest.mark.parametrize("round_", ROUNDS)
@pytest.mark.parametrize("step", ["staged", "old-moved", "new-moved"])
def test_a_first_import_killed_is_all_or_nothing(
    server: ForkServer, step: str, round_: int
) -> None:
    _kill(_paused(server, step, "cow_nmc"))
    try:
        frame = cache.read_cached("cow_nmc", "nmc")
    except DataNotAvailableError:
        assert step != "new-moved", "the new copy was in place: it must be readable"
    else:
        assert step == "new-moved" and frame.height == 6
    cache.recover()
    assert leftovers(cache.data_dir()) == []


@pytest.mark.parametrize("round_", ROUNDS)
def test_a_live_run_keeps_its_folders_until_it_dies(server: ForkServer, round_: int) -> None:
    child = _paused(server, "staged", "cow_nmc")  # built its staging and work folders
    try:
        root = cache.data_dir()
        mine = leftovers(root)
        assert any(name.startswith(".staging-cow_nmc--") for name in mine), mine
        assert any(name.startswith(".work-") for name in mine), mine
        assert cache.recover() == []  # another process recovers: the live run's are kept
        assert leftovers(root) == mine
    finally:
        _kill(child)
    assert cache.recover()  # now they are a dead run's
    assert leftovers(cache.data_dir()) == []


def test_a_held_lock_is_waited_for_then_one_line(server: ForkServer, monkeypatch) -> None:
    child = _paused(server, "locked", "cow_nmc")  # holds the commit lock
    try:
        monkeypatch.setenv("UJYM_LOCK_TIMEOUT", "0.5")
        started = time.monotonic()
        with pytest.raises(UjymError, match="another ujym process"):
            cache.recover()
        assert time.monotonic() - started < 30
    finally:
        _kill(child)
    monkeypatch.delenv("UJYM_LOCK_TIMEOUT")
    cache.recover()
    assert leftovers(cache.data_dir()) == []


def test_a_copy_stranded_by_an_older_ujym_is_restored() -> None:
    import_file("cow_nmc", INPUTS["cow_nmc"])
    root = cache.data_dir()
    expected = cache.read_cached("cow_nmc", "nmc")
    # what the previous version left when killed between its two renames
    os.replace(root / "cow_nmc", root / ".old-cow_nmc-k2j4h5g6")
    (root / ".staging-cow_nmc-abcdefgh").mkdir()
    (root / ".work-12345678").mkdir()
    assert_frame_equal(cache.read_cached("cow_nmc", "nmc"), expected)
    assert leftovers(root) == []


def test_a_damaged_cached_table_is_one_line() -> None:
    import_file("cow_nmc", INPUTS["cow_nmc"])
    path = cache.table_path("cow_nmc", "nmc")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(UjymError, match="the cached table nmc of cow_nmc is damaged") as info:
        cache.read_cached("cow_nmc", "nmc")
    assert "ujym data import cow_nmc FILE" in str(info.value)


def test_data_dir_that_is_a_file_is_one_line(tmp_path: Path, monkeypatch) -> None:
    afile = tmp_path / "not-a-folder"
    afile.write_text("x")
    monkeypatch.setenv(cache.DATA_DIR_ENV, str(afile))
    with pytest.raises(UjymError, match="is not a folder"):
        cache.data_dir()
