"""Load on the web explorer: 50 concurrent clients over pages and JSON endpoints, on loopback.

Starts ``ujym serve --port 0`` in its own process over a data cache holding the shared UN votes
and COW capabilities (imported into a temporary folder unless --data-dir names a ready cache),
requests every address once to warm the explorer's memo, then runs the clients for --seconds and
prints the median and 99th-percentile latency, the throughput and the errors (any status but 200,
or a failed request). Target (issue 14): p99 <= 100 ms with cached data, zero errors.

    python benchmarks/serve.py --seconds 30 --clients 50
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UJYM_SHARED", ROOT.parent / "shared")) / "data"

PATHS = (
    "/",
    "/member/KAZ",
    "/member/RUS?partners=USA,CHN,EU",
    "/claim/C9",
    "/claim/C47",
    "/alignment?state=KAZ&partners=RUS,USA,CHN",
    "/alignment?state=ARM&partners=RUS,EU&years=1992-2013",
    "/data",
    "/index.json",
    "/member/KAZ.json",
    "/claim/C9.json",
    "/alignment.json?state=KAZ&partners=RUS,USA,CHN",
    "/alignment.csv?state=ARM&partners=RUS,EU&years=1992-2013",
    "/data.json",
)


def addresses() -> list[str]:
    out = []
    for lang in ("kk", "ru", "en"):
        for path in PATHS:
            out.append(path + ("&" if "?" in path else "?") + f"lang={lang}")
    return out


def prepare_cache(folder: Path) -> None:
    env = {**os.environ, "UJYM_DATA_DIR": str(folder)}
    for dataset, file in (("unvotes", "unvotes_votes.parquet"), ("cow_nmc", "ps_cow_nmc.parquet")):
        subprocess.run(
            [sys.executable, "-m", "ujym", "data", "import", dataset, str(SHARED / file)],
            env=env,
            check=True,
            capture_output=True,
        )


def start_server(folder: Path) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "UJYM_DATA_DIR": str(folder)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ujym", "serve", "--port", "0", "--lang", "en"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    url = next(word for word in line.split() if word.startswith("http://127.0.0.1:"))
    return proc, url


async def client(
    http: httpx.AsyncClient, urls: list[str], start: int, until: float, out: list[float]
) -> int:
    errors = 0
    i = start
    while time.perf_counter() < until:
        url = urls[i % len(urls)]
        i += 1
        t0 = time.perf_counter()
        try:
            r = await http.get(url)
            if r.status_code != 200:
                errors += 1
        except httpx.HTTPError:
            errors += 1
            continue
        out.append(time.perf_counter() - t0)
    return errors


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def load(
    base: str, clients: int, seconds: float, pid: int
) -> tuple[list[float], int, float, float, float]:
    urls = [base + a for a in addresses()]
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=30.0, limits=limits) as http:
        t0 = time.perf_counter()
        for url in urls:  # warm-up: every address computed once
            r = await http.get(url, timeout=600.0)
            if r.status_code != 200:
                raise SystemExit(f"warm-up failed: {url} answered {r.status_code}: {r.text[:300]}")
        print(f"warm-up: {len(urls)} addresses in {time.perf_counter() - t0:.1f} s")
        latencies: list[float] = []
        server0, client0 = cpu_seconds(pid), time.process_time()
        start = time.perf_counter()
        until = start + seconds
        counts = await asyncio.gather(
            *(client(http, urls, k * 7, until, latencies) for k in range(clients))
        )
        elapsed = time.perf_counter() - start
        server = cpu_seconds(pid) - server0
        client_cpu = time.process_time() - client0
    return latencies, sum(counts), elapsed, server, client_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--data-dir", type=Path, default=None, help="a ready ujym data cache")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.data_dir or Path(tmp)
        if args.data_dir is None:
            t0 = time.perf_counter()
            prepare_cache(folder)
            print(f"cache prepared in {time.perf_counter() - t0:.1f} s")
        proc, base = start_server(folder)
        try:
            latencies, errors, elapsed, server, client_cpu = asyncio.run(
                load(base, args.clients, args.seconds, proc.pid)
            )
        finally:
            proc.terminate()
            proc.wait(10)
    ms = np.array(latencies) * 1000
    print(f"clients: {args.clients}, duration: {elapsed:.1f} s, requests: {len(ms)}")
    print(f"latency p50: {np.percentile(ms, 50):.1f} ms, p99: {np.percentile(ms, 99):.1f} ms")
    print(f"throughput: {len(ms) / elapsed:.0f} requests/s, errors: {errors}")
    n = max(len(ms), 1)
    print(
        f"CPU per request: server {server / n * 1000:.2f} ms, clients {client_cpu / n * 1000:.2f} ms"
        f" (machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    ok = np.percentile(ms, 99) <= 100 and errors == 0
    print("target p99 <= 100 ms and no errors: " + ("met" if ok else "NOT met"))


if __name__ == "__main__":
    main()
