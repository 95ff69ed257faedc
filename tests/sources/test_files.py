"""The one atomic writer: temporary file in the same folder, then rename."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ujym.sources import files
from ujym.sources.files import atomic_write


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_bytes_text_and_through_a_function(tmp_path: Path) -> None:
    assert atomic_write(tmp_path / "a.bin", b"\x00\x01") == tmp_path / "a.bin"
    assert (tmp_path / "a.bin").read_bytes() == b"\x00\x01"
    atomic_write(tmp_path / "b.txt", "ұжым\nодкб\n")
    assert (tmp_path / "b.txt").read_bytes() == "ұжым\nодкб\n".encode()  # newlines kept as given
    atomic_write(tmp_path / "c.txt", lambda tmp: tmp.write_text("via path", encoding="utf-8"))
    assert (tmp_path / "c.txt").read_text(encoding="utf-8") == "via path"
    assert names(tmp_path) == ["a.bin", "b.txt", "c.txt"]


def test_replaces_and_creates_folders(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "out.csv"
    atomic_write(str(target), "old")
    atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert names(target.parent) == ["out.csv"]


def test_permissions_follow_the_umask(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    previous = os.umask(0o027)
    try:
        atomic_write(tmp_path / "a.txt", "x")
        atomic_write(tmp_path / "b.parquet", lambda tmp: tmp.write_bytes(b"x"))
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "b.parquet").stat().st_mode) == 0o640


class Boom(RuntimeError):
    pass


def test_failure_in_the_writer_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "table.parquet"
    target.write_text("old", encoding="utf-8")

    def half_then_fail(tmp: Path) -> None:
        tmp.write_text("half of the new", encoding="utf-8")
        raise Boom("disk full")

    with pytest.raises(Boom):
        atomic_write(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "old"
    assert names(tmp_path) == ["table.parquet"]  # no temporary file left


@pytest.mark.parametrize("data", [b"new bytes", "new text"])
def test_failure_mid_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes | str
) -> None:
    target = tmp_path / "out.html"
    target.write_text("old", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # even an interrupt cleans up

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, data)
    assert target.read_text(encoding="utf-8") == "old"
    assert names(tmp_path) == ["out.html"]


def test_unencodable_text_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic_write(target, "ұжым", encoding="ascii")
    assert target.read_text(encoding="utf-8") == "old"
    assert names(tmp_path) == ["out.txt"]


def test_a_new_target_is_not_created_on_failure(tmp_path: Path) -> None:
    with pytest.raises(Boom):
        atomic_write(tmp_path / "new.txt", lambda tmp: (_ for _ in ()).throw(Boom()))
    assert names(tmp_path) == []


def test_every_writer_uses_it() -> None:
    """No other module of ujym creates temporary files or renames over a target itself."""
    src = Path(files.__file__).resolve().parents[1]
    offenders = []
    for path in src.rglob("*.py"):
        if path == Path(files.__file__).resolve():
            continue
        text = path.read_text(encoding="utf-8")
        if any(word in text for word in ("mkstemp", "NamedTemporaryFile", "def atomic_write")):
            offenders.append(str(path.relative_to(src)))
    assert offenders == []
