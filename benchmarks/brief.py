"""Seconds to write the brief in each language (target: under 3 s) and its size (target: ≤ 2 MB).

Run: ``.venv/bin/python benchmarks/brief.py`` — prints the time to load the embedded casebook,
then, per language, the time to build, render and write the brief (first run, then the best of
three), the file size, and a process-level check: a fresh ``ujym brief`` for each language with
the size of the file it writes (that one carries the verdict column on the cached data).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    t0 = time.perf_counter()
    from ujym.reports.brief import write_brief
    from ujym.sources.casebook import load_casebook

    casebook = load_casebook()
    print(f"import + load casebook: {time.perf_counter() - t0:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("kk", "ru", "en"):
            times = []
            for _ in range(4):
                t = time.perf_counter()
                path = write_brief(casebook, lang, Path(tmp) / f"brief-{lang}.html")
                times.append(time.perf_counter() - t)
            size = path.stat().st_size / 1e6
            print(
                f"brief --lang {lang}: first {times[0]:.2f} s, best of 3 {min(times[1:]):.2f} s"
                f" ({size:.3f} MB{'' if size <= 2 else ', OVER the 2 MB target'})"
            )
        ujym = Path(sys.executable).with_name("ujym")
        cmd = [str(ujym)] if ujym.exists() else [sys.executable, "-m", "ujym"]
        for lang in ("kk", "ru", "en"):
            t = time.perf_counter()
            out = Path(tmp) / f"cli-{lang}.html"
            subprocess.run(
                [*cmd, "brief", "--lang", lang, "--out", str(out)], check=True, capture_output=True
            )
            print(
                f"`ujym brief --lang {lang}` (new process, end to end): "
                f"{time.perf_counter() - t:.2f} s ({out.stat().st_size / 1e6:.3f} MB)"
            )


if __name__ == "__main__":
    main()
