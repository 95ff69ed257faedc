"""Every page loads in Debian's headless Chromium with no Content-Security-Policy violation."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ujym.reports.pages import page_names, render_page

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def console(path: Path, tmp: Path) -> tuple[str, str]:
    """The DOM Chromium builds from ``path`` and its console log (CSP violations are logged)."""
    if CHROMIUM is None:
        pytest.skip("chromium not installed (apt-get install chromium)")
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={tmp / 'profile'}", "--enable-logging=stderr", "--v=0",
         "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    return done.stdout, done.stderr


def violations(log: str) -> list[str]:
    return [line for line in log.splitlines() if "Content Security Policy" in line]


def test_the_check_sees_a_violation(tmp_path: Path) -> None:
    """A page with an inline script under ujym's policy is reported (so the test below can fail)."""
    from ujym.reports.safety import CSP

    page = tmp_path / "bad.html"
    page.write_text(
        f'<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="{CSP}">'
        "</head><body><script>document.title='ran'</script></body></html>",
        encoding="utf-8",
    )
    _dom, log = console(page, tmp_path)
    assert violations(log), log[-2000:]


def test_every_page_loads_without_csp_violations(
    examples: dict[str, Callable[[], dict[str, Any]]], tmp_path: Path
) -> None:
    for name in page_names():
        path = tmp_path / f"{name}.html"
        path.write_text(render_page(name, lang="kk", **examples[name]()).html, encoding="utf-8")
        dom, log = console(path, tmp_path)
        assert not violations(log), (name, violations(log))
        assert "<svg" in dom and 'id="sources"' in dom, name
