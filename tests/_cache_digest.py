"""Byte digests of the data cache, to show that a refused import changed nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

LOCKS = (".lock", ".runs")
"""Lock files (empty, held by running processes): infrastructure, not data; left out."""


def cache_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under the cache ``root`` (lock files aside), by relative path."""
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if rel.parts[0] in LOCKS or not path.is_file():
            continue
        out[str(rel)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def leftovers(root: Path) -> list[str]:
    """Folders of unfinished runs (staging, work, old copies) in the cache."""
    found = [p.name for p in root.glob(".staging-*")]
    found += [p.name for p in root.glob(".work-*")]
    found += [p.name for p in root.glob(".old-*")]
    found += [p.name for p in root.glob(".downloads/*/.ready-*")]
    return sorted(found)
