"""The browser harness itself: Debian's chromium starts, and a CSP violation is caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from _browser import chromium, page_problems

pytestmark = pytest.mark.browser


def test_a_csp_violation_and_a_console_error_are_reported(
    browser_available: None, tmp_path: Path
) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<!doctype html><html><head><meta http-equiv='Content-Security-Policy' "
        "content=\"default-src 'none'\"></head><body><p id=x>ok</p>"
        "<script>document.body.append('injected')</script></body></html>",
        encoding="utf-8",
    )
    with chromium() as driver:
        driver.get(page.as_uri())
        assert driver.find_element("id", "x").text == "ok"
        body = driver.find_element("tag name", "body").text
        problems = page_problems(driver)
    assert any("Content Security Policy" in p for p in problems), problems
    assert "injected" not in body  # the blocked script did not run
