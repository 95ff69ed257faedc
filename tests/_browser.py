"""A real browser for tests: Debian's chromium driven by Selenium through chromedriver.

``make test`` installs ``chromium`` and ``chromium-driver`` (Debian packages) when they are
missing. Pages are opened headless with the background-networking features off (this machine has
no network: Chromium's own connections would otherwise fail noisily). :func:`page_problems` returns
every console error and Content-Security-Policy violation the page caused, so a test can assert
there are none.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-extensions",
)


def chromium_missing() -> str | None:
    """Why a browser cannot start here (None when chromium and chromedriver are installed)."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).is_file() and shutil.which(Path(path).name) is None:
            return f"{path} is not installed (`make test` installs chromium and chromium-driver)"
    return None


@contextmanager
def chromium(width: int = 1400, height: int = 900, profile: Path | None = None) -> Iterator[Any]:
    """A headless Chromium WebDriver at ``width``×``height``; quits on exit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    if profile is not None:
        options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(
        service=Service(shutil.which("chromedriver") or CHROMEDRIVER), options=options
    )
    try:
        yield driver
    finally:
        driver.quit()


def page_problems(driver: Any) -> list[str]:
    """Console errors and CSP violations logged since the last call (SEVERE entries)."""
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if entry.get("level") == "SEVERE" or "Content Security Policy" in entry.get("message", "")
    ]
