"""The brief: time to gather its data and render it, its size (≤ 2 MB) and the time Chromium
takes to open it (< 2 s), in each language.

Run: ``.venv/bin/python benchmarks/brief.py`` (the ujym cache; ``--shared ../shared/data``
imports the real datasets into a temporary cache first; ``--cli`` also times a fresh
``ujym brief`` process per language, end to end). Prints:

* the time to read the check data and run the claim checks, and to gather the member
  profiles' data (alignment, capabilities, ideal points since 1992) — once, shared by the
  languages;
* per language: render time (first, then the best of three), file size, and the page's load
  time in headless Chromium (the navigation entry's ``loadEventEnd``, best of three).

Figures measured on a shared machine are upper bounds; say so when quoting them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LANGS = ("kk", "ru", "en")


def _import_shared(folder: Path, cache: Path) -> None:
    from click.testing import CliRunner

    from ujym.cli.main import cli

    os.environ["UJYM_DATA_DIR"] = str(cache)
    for dataset, name in (
        ("cow_nmc", "ps_cow_nmc.parquet"),
        ("atop_alliance", "ps_atop_alliance.parquet"),
        ("unvotes", "unvotes_votes.parquet"),
        ("bsv_matches", "bsv_matches.parquet"),
    ):
        result = CliRunner().invoke(cli, ["data", "import", dataset, str(folder / name)])
        if result.exit_code != 0:
            raise SystemExit(result.output)


def _open_seconds(path: Path) -> float:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from _browser import chromium

    best = float("inf")
    with chromium(1400, 900) as driver:
        for _ in range(3):
            driver.get(path.as_uri())
            ms = driver.execute_script(
                "const n = performance.getEntriesByType('navigation')[0];"
                "return n.loadEventEnd - n.startTime;"
            )
            best = min(best, float(ms) / 1000)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, help="folder of the real datasets (Parquet)")
    parser.add_argument("--cli", action="store_true", help="also time `ujym brief` end to end")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.shared:
            _import_shared(args.shared, Path(tmp) / "cache")
        t0 = time.perf_counter()
        from ujym.pipeline.checks import check_claims, load_check_data
        from ujym.reports.brief import render_brief
        from ujym.reports.brief_data import member_data
        from ujym.sources.casebook import load_casebook

        casebook = load_casebook()
        print(f"import + load casebook: {time.perf_counter() - t0:.2f} s")
        t = time.perf_counter()
        data = load_check_data(casebook)
        print(f"read check data: {time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        members = member_data(casebook, votes=data.votes)
        print(
            f"member profiles' data: {time.perf_counter() - t:.2f} s (missing: {members.missing})"
        )
        for lang in LANGS:
            t = time.perf_counter()
            frame = check_claims(casebook=casebook, data=data, lang=lang).frame
            checked = time.perf_counter() - t
            times = []
            for _ in range(4):
                t = time.perf_counter()
                html = render_brief(casebook, lang, checks=frame, members_data=members)
                times.append(time.perf_counter() - t)
            path = Path(tmp) / f"brief-{lang}.html"
            path.write_text(html, encoding="utf-8")
            size = path.stat().st_size / 1e6
            opened = _open_seconds(path)
            print(
                f"brief {lang}: checks {checked:.2f} s; render first {times[0]:.2f} s, best of 3 "
                f"{min(times[1:]):.2f} s; {size:.3f} MB{'' if size <= 2 else ' (OVER 2 MB)'}; "
                f"opens in Chromium in {opened:.2f} s{'' if opened < 2 else ' (OVER 2 s)'}"
            )
        if args.cli:
            ujym = Path(sys.executable).with_name("ujym")
            cmd = [str(ujym)] if ujym.exists() else [sys.executable, "-m", "ujym"]
            for lang in LANGS:
                t = time.perf_counter()
                out = Path(tmp) / f"cli-{lang}.html"
                subprocess.run(
                    [*cmd, "brief", "--lang", lang, "--out", str(out)],
                    check=True,
                    capture_output=True,
                )
                print(
                    f"`ujym brief --lang {lang}` (new process, end to end): "
                    f"{time.perf_counter() - t:.2f} s ({out.stat().st_size / 1e6:.3f} MB)"
                )


if __name__ == "__main__":
    main()
