"""The explorer over HTTP (Starlette's test client, the real pipeline, the shared data): pages in
each language, the same records as the pipeline at the JSON and CSV addresses, errors as one
line, limits, attempts to name files, the memo dropped when the cache changes, a read-only cache."""

from __future__ import annotations

import hashlib
import io
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pandas as pd
import pytest

from ujym.web.memo import Memo
from ujym.web.server import running
from ujym.web.views import Explorer

PAGES = ("/", "/member/KAZ", "/claim/C9", "/alignment?state=KAZ&partners=RUS,USA", "/data")


SHARED_EXPLORER = Explorer()  # one memo for the tests that do not test the memo itself


@contextmanager
def client(explorer: Explorer | None = None, lang: str = "en") -> Iterator[httpx.Client]:
    """The explorer on a loopback port, and an HTTP client of it."""
    with (
        running(lang=lang, explorer=explorer or SHARED_EXPLORER) as url,  # type: ignore[arg-type]
        httpx.Client(base_url=url, timeout=600) as http,
    ):
        yield http


def _one_error_line(html: str) -> str:
    found = re.findall(
        r'<p class="error-line" role="alert" id="error-message">(.*?)</p>', html, re.S
    )
    assert len(found) == 1, html[:2000]
    assert "Traceback" not in html and 'File "' not in html
    return found[0]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_page_in_each_language_with_its_policy(using_web_cache: Path, lang: str) -> None:
    with client() as c:
        headings = {
            "kk": "Тұжырымдар мен қорытындылар",
            "ru": "Утверждения и вердикты",
            "en": "Claims and verdicts",
        }
        for path in PAGES:
            r = c.get(path + ("&" if "?" in path else "?") + f"lang={lang}")
            assert r.status_code == 200, (path, r.text[:500])
            assert f'<html lang="{lang}">' in r.text
            assert r.headers["content-security-policy"].startswith(
                "default-src 'none'; script-src 'none'"
            )
            assert "form-action 'self'" in r.headers["content-security-policy"]
            assert r.headers["x-content-type-options"] == "nosniff"
            assert r.headers["x-frame-options"] == "DENY"
            assert "<script" not in r.text
            # the language switch keeps the view: the same address in the other languages
            for other in {"kk", "ru", "en"} - {lang}:
                assert f"lang={other}" in r.text
        assert headings[lang] in c.get(f"/?lang={lang}").text


def test_alignment_records_are_the_pipelines(using_web_cache: Path) -> None:
    from ujym.pipeline.dyads import alignment_profile

    with client() as c:
        r = c.get("/alignment.json?state=KAZ&partners=RUS,EU&years=1992-2013")
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
        payload = r.json()
        expected = alignment_profile("KAZ", ["RUS", "EU"], years=(1992, 2013))
        assert payload["ujym"]["unit"] == "state-partner-year"
        assert payload["ujym"]["datasets"][0]["id"] == "unvotes"
        assert len(payload["rows"]) == len(expected) == 2 * 22
        got = pd.DataFrame(payload["rows"])
        assert got["partner"].tolist() == expected["partner"].tolist()
        assert got["value"].round(10).tolist() == expected["value"].round(10).tolist()
        # the CSV holds the same rows
        csv = c.get("/alignment.csv?state=KAZ&partners=RUS,EU&years=1992-2013")
        assert csv.headers["content-type"].startswith("text/csv")
        table = pd.read_csv(io.StringIO(csv.text))
        assert table["n_rollcalls"].tolist() == expected["n_rollcalls"].tolist()


def test_claim_page_shows_the_check_records(using_web_cache: Path) -> None:
    from ujym.pipeline.checks import check_claims

    with client() as c:
        page = c.get("/claim/c9?lang=ru")
        assert page.status_code == 200
        expected = check_claims(["C9"], lang="ru").frame
        assert page.text.count('<tr class="record">') == len(expected) > 0
        records = c.get("/claim/C9.json?lang=ru").json()["rows"]
        assert [r["verdict"] for r in records] == expected["verdict"].tolist()
        assert [r["years"] for r in records] == expected["years"].tolist()


def test_member_page_has_its_parts_and_tables(using_web_cache: Path) -> None:
    with client() as c:
        page = c.get("/member/KAZ?partners=RUS,EU&lang=kk")
        assert page.status_code == 200
        for section in ("alignment", "ideal-point", "capabilities", "memberships", "member-claims"):
            assert f'id="{section}"' in page.text
        assert "<svg" in page.text
        memberships = c.get("/member/KAZ.json?table=memberships").json()
        assert "CSTO" in [r["organisation"] for r in memberships["rows"]]
        caps = c.get("/member/KAZ.csv?table=capabilities")
        assert caps.status_code == 200 and "share_cinc" in caps.text.splitlines()[0]
        unknown = c.get("/member/KAZ.json?table=nothing")
        assert unknown.status_code == 404 and "memberships" in unknown.json()["error"]


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/member/XYZ", 404, "XYZ"),
        ("/claim/C999", 404, "unknown claim"),
        ("/alignment?years=nineteen", 400, "1992-2019"),
        ("/alignment?measure=bogus", 404, "agreement"),
        ("/alignment?state=ATLANTIS", 404, "ATLANTIS"),
        (
            "/alignment?partners="
            + ",".join(["RUS", "USA", "CHN", "FRA", "GBR", "DEU", "ITA", "IND", "BRA"]),
            400,
            "8",
        ),
        ("/forecast?run=1&runs=999999", 400, "5"),
        ("/forecast?run=1&scenario=../../../etc/passwd", 404, "unknown scenario"),
        ("/nowhere", 404, "overview"),
        ("/?lang=de", 404, "lang=kk"),
        ("/alignment?state=" + "K" * 5000, 400, "too long"),
    ],
)
def test_bad_requests_get_one_line(
    using_web_cache: Path, path: str, status: int, words: str
) -> None:
    with client() as c:
        r = c.get(path)
        assert r.status_code == status, r.text[:800]
        assert words in _one_error_line(r.text)
        assert "content-security-policy" in r.headers


@pytest.mark.parametrize(
    "path",
    [
        "/member/..%2F..%2F..%2Fetc%2Fpasswd",
        "/member/%2Fetc%2Fpasswd",
        "/claim/..%2Fpyproject.toml",
        "/../../pyproject.toml",
        "/data.json/../../pyproject.toml",
        "/static/..%2F..%2Fpyproject.toml",
        "/alignment.toml",
        "/member/KAZ.py",
        "/forecast.json?scenario=%2Fetc%2Fpasswd&run=1",
    ],
)
def test_no_request_reads_a_file(using_web_cache: Path, path: str) -> None:
    with client() as c:
        r = c.get(path)
        assert r.status_code in (400, 404)
        assert "root:" not in r.text and "[build-system]" not in r.text


def test_data_addresses_answer_errors_in_json(using_web_cache: Path) -> None:
    with client() as c:
        r = c.get("/alignment.json?years=abc")
        assert r.status_code == 400
        assert "1992-2019" in r.json()["error"]


def test_post_is_refused_except_cancel(using_web_cache: Path) -> None:
    with client() as c:
        assert c.post("/alignment").status_code == 404
        # a POST without the explorer's token (another site's form) is refused before anything
        assert c.post("/forecast/cancel?scenario=../x").status_code == 403
        token = SHARED_EXPLORER.token
        assert c.post(f"/forecast/cancel?scenario=../x&token={token}").status_code == 404


def test_forecast_runs_in_the_background_and_gives_the_pipelines_result(
    using_web_cache: Path,
) -> None:
    from ujym.engines.bargaining import preset
    from ujym.pipeline.bargaining import simulate_bargaining

    with client(Explorer(max_runs=500)) as c:
        form = c.get("/forecast?lang=kk")
        assert form.status_code == 200 and 'id="forecast-form"' in form.text
        url = "/forecast?scenario=csto-new-type&runs=60&seed=3&run=1&lang=kk"
        first = c.get(url)
        assert first.status_code == 200
        # before its first report of progress, the first run in this server says why it waits
        assert 'id="job-preparing"' in first.text and "алғашқы іске қосуда" in first.text
        deadline = time.monotonic() + 600  # the first run compiles the numba kernels
        page = first
        while 'http-equiv="refresh"' in page.text and time.monotonic() < deadline:
            time.sleep(0.3)
            page = c.get(url)
        assert 'http-equiv="refresh"' not in page.text, page.text[:500]
        assert "<svg" in page.text and 'id="forecast-chart"' in page.text
        rounds = c.get(url.replace("/forecast?", "/forecast.json?")).json()["rows"]
        expected = simulate_bargaining(
            "csto-new-type", runs=60, seed=3, options=preset("ujym", stopping="rounds", rounds=5)
        )
        assert [round(r["median"], 9) for r in rounds] == [
            round(v, 9) for v in expected.rounds["median"]
        ]
        runs = c.get(url.replace("/forecast?", "/forecast.csv?") + "&table=runs")
        assert len(pd.read_csv(io.StringIO(runs.text))) == len(expected.forecast)


def test_one_computation_at_a_time_cancel_and_retry(using_web_cache: Path) -> None:
    from ujym.web.views import IDEAL_KEY

    ex = Explorer(max_runs=5000)
    with client(ex) as c:
        assert c.get("/ideal").status_code == 200  # starts the ideal points (a minute or more)
        blocker = ex.runner.running
        assert blocker is not None and blocker.key == IDEAL_KEY
        busy = c.get("/forecast?scenario=csto-new-type&runs=50&run=1")
        assert busy.status_code == 429
        assert "one at a time" in _one_error_line(busy.text)
        assert ex.runner.cancel(IDEAL_KEY)
        assert blocker.wait(300)
        stopped = c.get("/ideal")
        assert "cancelled" in stopped.text and 'id="retry"' in stopped.text
        assert ex.runner.running is None  # a stopped job is not restarted by a reload
        # the forecast's own cancel button (a POST to the explorer) ends with a redirect
        query = "scenario=csto-new-type&runs=5000&seed=1"
        c.get(f"/forecast?{query}&run=1")
        job = ex.runner.running
        assert job is not None
        cancel = c.post(f"/forecast/cancel?{query}&token={ex.token}", follow_redirects=False)
        assert cancel.status_code == 303 and cancel.headers["location"].startswith("/forecast?")
        assert job.wait(300)
        if job.error is not None:  # cancelled before its last progress report
            assert "cancelled" in job.error
            again = c.get(f"/forecast?{query}&run=1&retry=1")
            assert again.status_code == 200 and ex.runner.job(job.key) is not job


def test_a_computation_over_its_time_limit_is_stopped(using_web_cache: Path) -> None:
    ex = Explorer(job_seconds=0.0)
    with client(ex) as c:
        c.get("/ideal")
        deadline = time.monotonic() + 120
        while ex.runner.running is not None and time.monotonic() < deadline:
            time.sleep(0.2)
        page = c.get("/ideal")
        assert page.status_code == 200
        assert "was stopped" in page.text and 'id="job-error"' in page.text


def test_the_memo_is_dropped_when_the_cache_changes(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ujym.sources.datasets import import_file

    monkeypatch.setenv("UJYM_DATA_DIR", str(tmp_path))
    ex = Explorer(memo=Memo(recheck=0.0))
    with client(ex) as c:
        before = c.get("/data.json").json()["rows"]
        assert not next(r for r in before if r["id"] == "cow_nmc")["cached"]
        assert c.get("/data.json").json()["rows"] == before  # served from the memo
        computed = ex.memo.computed
        import_file("cow_nmc", shared_data / "ps_cow_nmc.parquet")
        after = c.get("/data.json").json()["rows"]
        assert next(r for r in after if r["id"] == "cow_nmc")["cached"]
        assert ex.memo.computed > computed


def test_the_cache_is_only_read(using_web_cache: Path) -> None:
    def snapshot() -> dict[str, tuple[int, int]]:
        return {
            str(p.relative_to(using_web_cache)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in using_web_cache.rglob("*")
            if p.is_file()
        }

    before = snapshot()
    with client() as c:
        for path in (*PAGES, "/index.json", "/member/RUS.json", "/data.csv"):
            assert c.get(path).status_code == 200
        assert snapshot() == before


def test_cached_pages_are_not_computed_again(using_web_cache: Path) -> None:
    ex = Explorer()
    with client(ex) as c:
        c.get("/claim/C47?lang=kk")
        n = ex.memo.computed
        for _ in range(3):
            assert c.get("/claim/C47?lang=kk").status_code == 200
        assert ex.memo.computed == n
        assert json.loads(c.get("/claim/C47.json?lang=kk").text)["rows"]


def test_ideal_points_page_once_computed(using_web_cache: Path) -> None:
    from ujym.pipeline.ideal import estimate_ideal_points
    from ujym.web.views import IDEAL_KEY

    ex = Explorer()
    # the full estimation takes minutes: the page is tested on a real estimate of a short slice,
    # put where the background job leaves its result
    df = estimate_ideal_points(years=(2008, 2013))
    ex.memo.get(("job", IDEAL_KEY), lambda: df)
    with client(ex) as c:
        page = c.get("/ideal?states=USA,IRN&lang=ru")
        assert page.status_code == 200 and 'id="ideal-chart"' in page.text
        assert "<svg" in page.text and 'http-equiv="refresh"' not in page.text
        rows = c.get("/ideal.json?states=USA,IRN").json()["rows"]
        codes = {r["ccode"] for r in rows}
        assert {2, 630, 365, 705} <= codes  # the chosen states and the members
        assert len(rows) == int(df["ccode"].isin(codes).sum())
        member = c.get("/member/KAZ?lang=kk")
        assert "2013" in member.text.split('id="ideal-point"')[1].split("</section>")[0]


# ---- an uploaded actor table (issue 14) ---------------------------------------------------------
PAPER_CODE_MEDIANS = (8.42, 9.61, 9.96, 9.96, 9.96, 7.47, 8.82, 9.67)
"""Rounds 1–8 of the EU emissions example read as Scholz's code does (shared/reference/README)."""


def _upload_action(c: httpx.Client, lang: str = "en") -> str:
    page = c.get(f"/forecast?lang={lang}").text
    found = re.search(r'action="(/forecast/upload\?token=[^"]+)"', page)
    assert found, page[:2000]
    assert 'enctype="multipart/form-data"' in page
    return found.group(1)


def _wait(c: httpx.Client, url: str) -> httpx.Response:
    deadline = time.monotonic() + 600  # a first run compiles the numba kernels
    page = c.get(url)
    while 'http-equiv="refresh"' in page.text and time.monotonic() < deadline:
        time.sleep(0.3)
        page = c.get(url)
    return page


def test_an_uploaded_actor_table_runs_to_the_paper_codes_medians(
    using_web_cache: Path, reference_dir: Path
) -> None:
    ex = Explorer(max_runs=500)
    data = (reference_dir / "bdm_eu_emissions_example.csv").read_bytes()
    fields = {"lang": "ru", "runs": "20", "preset": "scholz2011", "rounds": "8", "seed": "0"}
    with client(ex) as c:
        sent = c.post(
            _upload_action(c, "ru"),
            files={"table": ("bdm_eu_emissions_example.csv", data, "text/csv")},
            data=fields,
            follow_redirects=False,
        )
        assert sent.status_code == 303, sent.text[:800]
        url = sent.headers["location"]
        key = hashlib.sha256(data).hexdigest()
        assert url.startswith(f"/forecast?upload={key}&") and "run=1" in url
        page = _wait(c, url)
        assert 'id="forecast-chart"' in page.text and 'id="upload-note"' in page.text
        assert "bdm_eu_emissions_example" in page.text
        rows = c.get(url.replace("/forecast?", "/forecast.json?")).json()["rows"]
        medians = tuple(round(r["median"], 2) for r in rows[1:])
        assert medians == PAPER_CODE_MEDIANS
        # the address reproduces it: the same table again is the same address, nothing re-run
        again = c.post(
            _upload_action(c, "ru"), files={"table": ("other-name.csv", data)}, data=fields,
            follow_redirects=False,
        )  # fmt: skip
        assert again.headers["location"] == url
        # nothing was written under the upload's name
        assert not list(Path.cwd().glob("**/other-name.csv"))


def test_a_bad_uploaded_table_is_the_command_lines_one_line(using_web_cache: Path) -> None:
    bad = b"actor,capability,position,salience\nA,1,0,50\nB,two,10,100\n"
    with client() as c:
        r = c.post(_upload_action(c, "kk"), files={"table": ("bad.csv", bad)}, data={"lang": "kk"})
        assert r.status_code == 400
        line = _one_error_line(r.text)
        assert "bad.csv, 3-жол, capability бағаны: &#39;two&#39; сан емес" in line  # kk page
        assert '<html lang="kk">' in r.text


def test_uploads_from_elsewhere_or_too_large_are_refused_before_reading(
    using_web_cache: Path,
) -> None:
    from ujym.web.upload import max_upload_bytes

    table = ("t.csv", b"actor,capability,position,salience\nA,1,0,50\nB,1,10,100\n")
    with client() as c:
        action = _upload_action(c)
        assert c.post("/forecast/upload", files={"table": table}).status_code == 403
        assert (
            c.post(action.replace("token=", "token=x"), files={"table": table}).status_code == 403
        )
        for headers in ({"origin": "http://example.org"}, {"sec-fetch-site": "cross-site"}):
            r = c.post(action, files={"table": table}, headers=headers)
            assert r.status_code == 403 and "own page" in _one_error_line(r.text)
        big = ("big.csv", b"x" * (max_upload_bytes() + 1))
        r = c.post(action, files={"table": big})
        assert r.status_code == 413 and "larger than" in _one_error_line(r.text)
        assert c.post(action, data={"lang": "en"}).status_code == 400  # no file
        unknown = c.get("/forecast?upload=" + "0" * 64 + "&run=1")
        assert unknown.status_code == 404 and "upload the table again" in unknown.text
        assert c.get("/forecast?upload=../../etc/passwd&run=1").status_code == 404
