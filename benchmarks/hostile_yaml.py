"""A hostile casebook: the time and peak memory of ``ujym casebook validate`` on a billion laughs.

Issue 12's figure: a casebook holding an alias bomb (10⁹ strings once expanded) is refused with
one line and exit code 2 within a second, peaking under 200 MB. This copies the embedded
casebook, adds the bomb as its last claim file (so every other file is read first), runs a fresh
``python -m ujym casebook validate`` process --runs times and prints each run's wall and
processor seconds and peak resident memory (VmHWM of the child, from ``/usr/bin/time`` when
present, else ``resource``), then the medians and the load average.

Run: ``.venv/bin/python benchmarks/hostile_yaml.py [--runs 5]``
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.resources import files
from pathlib import Path


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    """YAML whose aliases expand to ``width ** levels`` strings."""
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    lines.append(f"claim: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def one_run(folder: Path) -> tuple[float, float, int, int, str]:
    """Wall seconds, processor seconds, peak KiB, exit code, stderr of one validate process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "ujym", "casebook", "validate", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss, proc.returncode, proc.stderr.strip()


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"load average before the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "casebook"
        shutil.copytree(str(files("ujym") / "data" / "casebook"), folder)
        (folder / "claims" / "C99.yaml").write_text(billion_laughs(), encoding="utf-8")
        walls, cpus = [], []
        for i in range(args.runs):
            # each run in a fresh child: ru_maxrss of RUSAGE_CHILDREN is the largest child so far,
            # so runs are measured one process each and the peak printed is the largest of them
            wall, cpu, peak_kib, code, err = one_run(folder)
            walls.append(wall)
            cpus.append(cpu)
            lines = [ln for ln in err.splitlines() if ln.strip()]
            print(
                f"run {i + 1}: exit {code}, {len(lines)} line(s) on stderr, wall {wall:.2f} s, "
                f"processor {cpu:.2f} s, peak so far {peak_kib / 1024:.1f} MiB"
            )
            if code != 2 or len(lines) != 1:
                sys.exit(f"unexpected result: exit {code}, stderr {err!r}")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"median wall {statistics.median(walls):.2f} s (target < 1 s), median processor "
            f"{statistics.median(cpus):.2f} s, peak resident {peak:.1f} MiB (target < 200 MiB); "
            f"load average after: {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
