"""Results the explorer computed once and reuses until the data cache changes.

The panel of alignment figures, the ideal points, the claim checks and the rendered pages are
kept in memory under a key (the page, its parameters, the language). Each entry remembers the
cache's :func:`fingerprint` when it was computed: the name, size, modification time and inode of
every dataset's manifest. Importing or pulling a dataset rewrites its manifest (atomically, so
the inode changes too), so the next request sees a new fingerprint and the whole memo is dropped.
The fingerprint is read at most every :attr:`Memo.recheck` seconds, so a burst of requests does
not stat the cache for each one.

One computation runs at a time (a lock): the machine's cores go to that computation, and two
requests for the same uncached page compute it once.

Examples
--------
>>> memo = Memo(recheck=0.0)
>>> calls = []
>>> memo.get(("page", 1), lambda: calls.append(1) or "value")
'value'
>>> memo.get(("page", 1), lambda: calls.append(1) or "value"), len(calls)
('value', 1)
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from ujym.sources import cache

T = TypeVar("T")
Fingerprint = tuple[tuple[str, int, int, int], ...]


def fingerprint() -> Fingerprint:
    """(dataset folder, manifest size, mtime in ns, inode) of every cached dataset, sorted."""
    root = cache.data_dir()
    out = []
    try:
        folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return ()
    for folder in folders:
        try:
            st = (folder / cache.MANIFEST).stat()
        except OSError:
            continue
        out.append((folder.name, st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(out)


class Memo:
    """Computed values by key, dropped together when the cache's :func:`fingerprint` changes.

    ``limit`` bounds the number of entries (least recently used go first); ``recheck`` is how
    often (seconds) the fingerprint is read again.
    """

    def __init__(self, *, limit: int = 512, recheck: float = 1.0) -> None:
        self.limit = limit
        self.recheck = recheck
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._compute = threading.RLock()  # a computation may use other memoised values
        self._seen: Fingerprint | None = None
        self._checked = 0.0
        self.computed = 0  # how many values were computed (tests and the benchmark read it)

    def _current(self) -> None:
        now = time.monotonic()
        with self._lock:
            if self._seen is not None and now - self._checked < self.recheck:
                return
            self._checked = now
        seen = fingerprint()
        with self._lock:
            if seen != self._seen:
                self._values.clear()
                self._seen = seen

    def peek(self, key: Hashable) -> Any | None:
        """The value under ``key`` when it is computed and current; else None."""
        self._current()
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        return None

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value under ``key``, computing it (one computation at a time) when absent."""
        found = self.peek(key)
        if found is not None:
            return found  # type: ignore[no-any-return]  # the caller's key fixes the type
        with self._compute:
            with self._lock:
                if key in self._values:  # computed while this request waited
                    return self._values[key]  # type: ignore[no-any-return]
            value = compute()
            self.computed += 1
            with self._lock:
                self._values[key] = value
                while len(self._values) > self.limit:
                    self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        """Drop every value."""
        with self._lock:
            self._values.clear()
            self._seen = None


__all__ = ["Fingerprint", "Memo", "fingerprint"]
