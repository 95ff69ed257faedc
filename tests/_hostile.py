"""Hostile inputs for the hardening tests: zip bombs, alias bombs, deep nesting, slow servers."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

MIB = 1 << 20


def zip_bomb(path: Path, member: str = "votes.csv", mib: int = 1024) -> Path:
    """A zip whose one member expands to ``mib`` MiB of ``0`` characters.

    Built without compressing a gigabyte: after a full flush deflate forgets its history, so one
    compressed MiB repeated is a valid stream of many. Returns ``path``.
    """
    block = b"0" * MIB
    first = zlib.compressobj(9, zlib.DEFLATED, -15)
    once = first.compress(block) + first.flush(zlib.Z_FULL_FLUSH)
    tail = first.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(block, crc)
    size = mib * MIB
    csize = len(once) * mib + len(tail)
    name = member.encode()
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, csize, size, len(name), 0
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, csize, size,
        len(name), 0, 0, 0, 0, 0, 0,
    )  # fmt: skip
    with path.open("wb") as fh:
        fh.write(local + name)
        for _ in range(mib):
            fh.write(once)
        fh.write(tail)
        offset = fh.tell()
        fh.write(central + name)
        cd_size = fh.tell() - offset
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, cd_size, offset, 0))
    return path


def billion_laughs(levels: int = 9, width: int = 10, key: str = "claim") -> str:
    """YAML whose aliases expand to ``width ** levels`` strings (10⁹ by default)."""
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    lines.append(f"{key}: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def deep_yaml(depth: int = 5000) -> str:
    """YAML nested ``depth`` lists deep."""
    return "id: deep\nvalue: " + "[" * depth + "]" * depth + "\n"
