"""Where numba caches the compiled kernels (pipeline/kernel_cache.py), and the cold-compile notice."""

from __future__ import annotations

from pathlib import Path

import pytest
from numba.core import caching

from ujym.engines.bargaining import compiled
from ujym.pipeline import bargaining as _pipeline  # noqa: F401  (registers the locator)
from ujym.pipeline.kernel_cache import ENV, UjymCacheLocator, kernel_cache_dir


def test_registered_after_the_in_tree_locator():
    classes = caching.CacheImpl._locator_classes
    assert classes.index(UjymCacheLocator) == classes.index(caching.InTreeCacheLocator) + 1


def test_read_only_package_caches_under_ujyms_cache(tmp_path, monkeypatch):
    # the package folder is not writable (as root, permissions cannot show it: the in-tree
    # locator is made to fail as numba's own check fails in a read-only install)
    monkeypatch.setenv(ENV, str(tmp_path / "kernels"))
    monkeypatch.setattr(caching.config, "CACHE_DIR", "")

    def refuse(self):
        raise PermissionError("read-only")

    monkeypatch.setattr(caching.InTreeCacheLocator, "ensure_cache_path", refuse)
    fn = compiled._span.py_func
    locator = caching.FunctionCache(fn)._impl.locator
    assert isinstance(locator, UjymCacheLocator)
    path = Path(locator.get_cache_path())
    assert path.parent == tmp_path / "kernels" and path.is_dir()
    assert kernel_cache_dir() == tmp_path / "kernels"


def test_other_functions_left_to_numba(tmp_path):
    src = tmp_path / "mod.py"
    src.write_text("def f():\n    return 1\n")
    namespace: dict[str, object] = {}
    exec(compile(src.read_text(), str(src), "exec"), namespace)
    assert UjymCacheLocator.from_function(namespace["f"], str(src)) is None


@pytest.mark.parametrize("value", ["", "  "])
def test_default_folder_is_ujyms_user_cache(monkeypatch, value):
    monkeypatch.setenv(ENV, value)
    assert kernel_cache_dir().parts[-2:] == ("ujym", "numba")


@pytest.mark.parametrize(
    ("lang", "words"), [("kk", "бір рет компиляциялануда"), ("ru", "однократная компиляция")]
)
def test_cold_compile_is_announced_in_the_readers_language(monkeypatch, lang, words):
    from ujym.i18n import use_language
    from ujym.pipeline.bargaining import COMPILE_SECONDS, simulate_bargaining

    told: list[str] = []
    monkeypatch.setattr(compiled, "kernels_cached", lambda: False)
    with use_language(lang):
        simulate_bargaining("csto-new-type", runs=5, seed=1, notice=told.append)
    assert len(told) == 1 and words in told[0] and str(COMPILE_SECONDS) in told[0]
    monkeypatch.setattr(compiled, "kernels_cached", lambda: True)
    told.clear()
    simulate_bargaining("csto-new-type", runs=5, seed=1, notice=told.append)
    assert told == []


def test_kernels_cached_after_a_run():
    import numpy as np

    from ujym.engines.bargaining import preset, run_model

    run_model(np.array([0.0, 4.0, 10.0]), np.ones(3), np.ones(3), preset("ujym"), 10.0)
    assert compiled.kernels_cached()
