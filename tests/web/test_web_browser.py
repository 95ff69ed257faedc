"""The explorer in Debian's Chromium (Selenium), through the main journeys in each language: the
overview, the language switch, a member, a claim and its evidence, the alignment explorer with
other states and years, a small forecast run to its result. Any console error or CSP violation
fails the test."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from _browser import chromium, page_problems
from ujym.web.server import running
from ujym.web.views import Explorer

pytestmark = pytest.mark.browser

HEADINGS = {
    "kk": "Тұжырымдар мен қорытындылар",
    "ru": "Утверждения и вердикты",
    "en": "Claims and verdicts",
}
EXPLORER = Explorer(max_runs=500)  # one memo for the three languages


def clean(driver: Any, where: str) -> None:
    problems = page_problems(driver)
    assert not problems, (where, problems)
    assert "Traceback" not in driver.page_source


def query(driver: Any) -> dict[str, list[str]]:
    return parse_qs(urlparse(driver.current_url).query)


def follow(driver: Any, css: str) -> None:
    driver.find_element("css selector", css).click()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_journeys(
    browser_available: None, using_web_cache: Path, tmp_path: Path, lang: str
) -> None:
    other = {"kk": "ru", "ru": "en", "en": "kk"}[lang]
    with running(lang="en", explorer=EXPLORER) as url, chromium(profile=tmp_path / "p") as driver:
        driver.set_page_load_timeout(900)
        # the overview, in the language asked for
        driver.get(f"{url}/?lang={lang}")
        assert driver.find_element("tag name", "html").get_attribute("lang") == lang
        assert HEADINGS[lang] in driver.page_source
        clean(driver, "overview")
        # switch language and back: the same view
        follow(driver, f"#lang-{other}")
        assert driver.find_element("tag name", "html").get_attribute("lang") == other
        assert HEADINGS[other] in driver.page_source
        follow(driver, f"#lang-{lang}")
        assert query(driver)["lang"] == [lang]
        clean(driver, "language switch")
        # a member, with its alignment figure and memberships
        follow(driver, "a.member-link")
        assert "/member/" in driver.current_url
        assert driver.find_elements("css selector", "#alignment-chart svg")
        assert driver.find_elements("css selector", "#memberships tbody tr")
        clean(driver, "member")
        # a claim, followed to its evidence
        driver.get(f"{url}/?lang={lang}")
        deadline = time.monotonic() + 60  # under load the page's text may lag its load event
        while not (targets := [a for a in driver.find_elements("css selector", "a.claim-link")
                               if a.text.strip() == "C9"]):  # fmt: skip
            assert time.monotonic() < deadline, driver.page_source[:1000]
            time.sleep(0.3)
        targets[0].click()
        assert driver.current_url.split("?")[0].endswith("/claim/C9")
        assert driver.find_elements("css selector", "#evidence tr.record")
        follow(driver, "a.data-json")
        assert '"rows"' in driver.page_source
        driver.back()
        clean(driver, "claim")
        # the alignment explorer: other states and years, kept in the address
        follow(driver, "#nav-alignment")
        box = driver.find_element("id", "partners")
        box.clear()
        box.send_keys("RUS,EU")
        years = driver.find_element("id", "years")
        years.clear()
        years.send_keys("1995-2010")
        follow(driver, "#show")
        q = query(driver)
        assert q["partners"] == ["RUS,EU"] and q["years"] == ["1995-2010"] and q["lang"] == [lang]
        assert driver.find_elements("css selector", "#alignment-chart svg")
        rows = driver.find_elements("css selector", "table.values tbody tr")
        assert len(rows) == 16  # 1995 … 2010
        clean(driver, "alignment explorer")
        # a small forecast, run to its result (the page reloads itself while it runs)
        follow(driver, "#nav-forecast")
        runs = driver.find_element("id", "runs")
        runs.clear()
        runs.send_keys("40")
        follow(driver, "#run")
        deadline = time.monotonic() + 300
        while not driver.find_elements("css selector", "#forecast-chart svg"):
            assert time.monotonic() < deadline, driver.page_source[:1000]
            assert not driver.find_elements("id", "job-error"), driver.page_source[:1000]
            time.sleep(0.5)
        assert query(driver)["runs"] == ["40"]
        clean(driver, "forecast")


# the EU emissions example's median after rounds 1–8 as Scholz's code reads it (shared/reference/
# README: 8.42 9.61 9.96 9.96 9.96 7.47 8.82 9.67), as the page prints it (one decimal)
PAPER_CODE_MEDIANS = (8.4, 9.6, 10.0, 10.0, 10.0, 7.5, 8.8, 9.7)


BAD_LINE = {
    "en": "bad.csv, row 3, column capability: 'two' is not a number",
    "kk": "bad.csv, 3-жол, capability бағаны: 'two' сан емес",
    "ru": "bad.csv, строка 3, столбец capability: 'two' не является числом",
}
"""The malformed table's line on each language's page (the column and the value as typed)."""


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_upload_an_actor_table(
    browser_available: None, using_web_cache: Path, reference_dir: Path, tmp_path: Path, lang: str
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("actor,capability,position,salience\nA,1,0,50\nB,two,10,100\n", "utf-8")
    with running(lang="en", explorer=EXPLORER) as url, chromium(profile=tmp_path / "p") as driver:
        driver.set_page_load_timeout(900)
        driver.get(f"{url}/forecast?lang={lang}")
        driver.find_element("id", "table").send_keys(
            str(reference_dir / "bdm_eu_emissions_example.csv")
        )
        for field, value in (("upload-runs", "20"), ("upload-rounds", "8")):
            box = driver.find_element("id", field)
            box.clear()
            box.send_keys(value)
        driver.find_element("css selector", "#upload-preset option[value=scholz2011]").click()
        follow(driver, "#upload")
        deadline = time.monotonic() + 300
        while not driver.find_elements("css selector", "#forecast-chart svg"):
            assert time.monotonic() < deadline, driver.page_source[:1000]
            assert not driver.find_elements("id", "job-error"), driver.page_source[:1000]
            time.sleep(0.5)
        assert query(driver)["lang"] == [lang] and len(query(driver)["upload"][0]) == 64
        assert driver.find_elements("id", "upload-note")
        cells = driver.find_elements("css selector", "table.rounds tbody tr td:nth-child(2)")
        medians = tuple(float(c.text.replace(",", ".").replace("\u2212", "-")) for c in cells)
        assert medians[1:] == PAPER_CODE_MEDIANS
        clean(driver, "upload")
        # a malformed table: the command line's one line, as a page
        driver.get(f"{url}/forecast?lang={lang}")
        driver.find_element("id", "table").send_keys(str(bad))
        follow(driver, "#upload")
        deadline = time.monotonic() + 60
        while not driver.find_elements("id", "error-message"):  # the answer to the POST
            assert time.monotonic() < deadline, driver.page_source[:1000]
            time.sleep(0.2)
        line = driver.find_element("id", "error-message").text
        assert BAD_LINE[lang] in line  # in the page's language
        assert driver.find_element("tag name", "html").get_attribute("lang") == lang
        assert "Traceback" not in driver.page_source
