"""Where numba keeps ujym's compiled bargaining kernels: beside the source, else ujym's user cache.

numba caches a compiled function in the ``__pycache__`` folder next to its source file when that
folder is writable (a development checkout, a user's own environment). In a read-only install
(a system package, a shared environment, a container image) it falls back to its own user-wide
folder. This module puts that fallback under ujym's user cache folder instead
(``platformdirs.user_cache_dir("ujym")/numba``, or ``$UJYM_KERNEL_CACHE_DIR``), for ujym's
functions only, so that the kernels are compiled once per user and machine, found where ujym's
other caches are, and removed with them. ``NUMBA_CACHE_DIR``, when set, still takes precedence
(numba's own rule).

:func:`register` must run before the kernels are decorated, i.e. before
``ujym.engines.bargaining.compiled`` is first imported (the engine imports it lazily, on the first
compiled run); :mod:`ujym.pipeline.bargaining` calls it when it is imported. The engines do no I/O
and cannot name the user's folders, so this lives in the pipeline. A program that calls
``ujym.engines`` directly, without the pipeline, keeps numba's own fallback (its user-wide
folder).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from numba.core import caching
from platformdirs import user_cache_dir

ENV = "UJYM_KERNEL_CACHE_DIR"
PACKAGE = Path(__file__).resolve().parents[1]  # the ``ujym`` package folder


def kernel_cache_dir() -> Path:
    """The folder for ujym's compiled kernels when the package folder is not writable.

    Examples
    --------
    >>> kernel_cache_dir().name
    'numba'
    """
    env = os.environ.get(ENV, "").strip()
    return (
        Path(env).expanduser() if env else Path(user_cache_dir("ujym", appauthor=False)) / "numba"
    )


class UjymCacheLocator(caching.UserWideCacheLocator):
    """numba's user-wide locator, rooted in :func:`kernel_cache_dir`, for ujym's functions only."""

    def __init__(self, py_func: Any, py_file: str) -> None:
        self._py_file = py_file
        self._lineno = py_func.__code__.co_firstlineno
        self._cache_path = str(kernel_cache_dir() / self.get_suitable_cache_subpath(py_file))  # type: ignore[no-untyped-call]

    @classmethod
    def from_function(cls, py_func: Any, py_file: str) -> UjymCacheLocator | None:
        """The locator for ``py_func`` when it is ujym's and the folder is writable, else None."""
        try:
            Path(py_file).resolve().relative_to(PACKAGE)
        except (OSError, ValueError):
            return None  # not one of ujym's functions: numba's own locators decide
        base: Any = super()
        out: UjymCacheLocator | None = base.from_function(py_func, py_file)
        return out


def register() -> None:
    """Try :class:`UjymCacheLocator` right after numba's in-tree locator (idempotent)."""
    classes: list[Any] = caching.CacheImpl._locator_classes
    if UjymCacheLocator in classes:
        return
    after = (
        classes.index(caching.InTreeCacheLocator) + 1
        if caching.InTreeCacheLocator in classes
        else 0
    )
    classes.insert(after, UjymCacheLocator)


__all__ = ["ENV", "UjymCacheLocator", "kernel_cache_dir", "register"]
