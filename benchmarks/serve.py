"""Load on the web explorer: 50 users over pages and JSON endpoints, on loopback, two load models.

Starts ``ujym serve --port 0`` in its own process over a data cache holding the shared UN votes
and COW capabilities (imported into a temporary folder unless --data-dir names a ready cache),
requests every address once to warm the explorer's memo (so every address measured is a page
whose data are cached; each request is still served by the app: routing, the memo, the
headers), then runs two load models for --seconds each:

- **think** (the target's model): --clients users, each on its own keep-alive connection, who
  request an address, read the answer, then wait a think time drawn from an exponential
  distribution with mean --think seconds (a reader reads before clicking again). With mean 1 s,
  50 users offer about 50 requests/s.
- **closed** (saturation): the same users with no think time: each sends its next request as
  soon as the last answer arrives. Its throughput is the server's capacity on this machine;
  its latency is mostly the queue the users build themselves (50 requests always in flight).

The client is cheap on purpose (raw asyncio streams, HTTP/1.1 keep-alive, uvloop when present,
one or more processes: --processes), and prints its own CPU per request beside the server's,
so that a reader can see whether the client or the server was measured. Both share the
machine's cores: the load average is printed with the figures. Errors are any status but 200,
a broken connection or a timeout. Target (issue 14): p99 <= 100 ms with cached data, zero errors.

    python benchmarks/serve.py --seconds 30 --clients 50 --think 1.0
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UJYM_SHARED", ROOT.parent / "shared")) / "data"
TARGET_MS = 100.0

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
    """Every path of :data:`PATHS` in kk, ru and en."""
    out = []
    for lang in ("kk", "ru", "en"):
        for path in PATHS:
            out.append(path + ("&" if "?" in path else "?") + f"lang={lang}")
    return out


def prepare_cache(folder: Path) -> None:
    """Import the shared UN votes and COW capabilities into ``folder`` with ujym's importer."""
    env = {**os.environ, "UJYM_DATA_DIR": str(folder)}
    for dataset, file in (("unvotes", "unvotes_votes.parquet"), ("cow_nmc", "ps_cow_nmc.parquet")):
        subprocess.run(
            [sys.executable, "-m", "ujym", "data", "import", dataset, str(SHARED / file)],
            env=env,
            check=True,
            capture_output=True,
        )


def start_server(folder: Path) -> tuple[subprocess.Popen[str], str]:
    """``ujym serve --port 0`` over ``folder``; its process and address."""
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


# ---- a small HTTP/1.1 keep-alive client ---------------------------------------------------------
class Connection:
    """One keep-alive connection: GET a path, read the status and a Content-Length body."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, timeout: float) -> tuple[int, int]:
        """(status, body bytes). Like a browser, opens a new connection when the server closed
        an idle one (uvicorn closes keep-alive connections idle for 5 s); the time to connect
        again counts in the request's latency.
        """
        if self.reader is not None and self.reader.at_eof():
            self.close()
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        request = (
            f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            "Accept-Encoding: gzip, deflate\r\n\r\n"  # as browsers ask (the body is not unpacked)
        ).encode()
        self.writer.write(request)
        try:
            return await asyncio.wait_for(self._read(self.reader), timeout)
        except BaseException:
            self.close()
            raise

    async def _read(self, reader: asyncio.StreamReader) -> tuple[int, int]:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            size = 0
            while True:
                n = int((await reader.readline()).split(b";")[0], 16)
                await reader.readexactly(n + 2)
                size += n
                if n == 0:
                    break
        else:
            size = int(headers.get("content-length", "0"))
            await reader.readexactly(size)
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, size

    def close(self) -> None:
        """Drop the connection (the next request opens another)."""
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


@dataclass
class Tally:
    """What one client process measured."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""
    cpu: float = 0.0
    began: float = 0.0  # wall clock (time.time) when the users started, and when they ended
    ended: float = 0.0


async def user(
    base: str, urls: list[str], k: int, until: float, think: float, tally: Tally
) -> None:
    """One user: request, read, think (exponential, mean ``think`` seconds; 0: none), again."""
    parts = urlsplit(base)
    conn = Connection(parts.hostname or "127.0.0.1", parts.port or 80)
    rng = random.Random(k)
    i = k * 7
    if think > 0:  # users do not all start at once
        await asyncio.sleep(rng.expovariate(1 / think))
    while time.perf_counter() < until:
        path = urls[i % len(urls)]
        i += 1
        t0 = time.perf_counter()
        try:
            status, _size = await conn.get(path, timeout=30.0)
            if status != 200:
                tally.errors += 1
                tally.first_error = tally.first_error or f"{path}: status {status}"
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            tally.errors += 1
            tally.first_error = tally.first_error or f"{path}: {type(exc).__name__}"
            continue
        tally.latencies.append(time.perf_counter() - t0)
        if think > 0:
            await asyncio.sleep(rng.expovariate(1 / think))
    conn.close()


async def users(base: str, ks: list[int], start: float, seconds: float, think: float) -> Tally:
    urls = addresses()
    tally = Tally()
    await asyncio.sleep(max(0.0, start - time.time()))
    until = time.perf_counter() + seconds
    cpu0 = time.process_time()
    tally.began = time.time()
    await asyncio.gather(*(user(base, urls, k, until, think, tally) for k in ks))
    tally.ended = time.time()
    tally.cpu = time.process_time() - cpu0
    return tally


def run_process(base: str, ks: list[int], start: float, seconds: float, think: float) -> Tally:
    """A client process's users (uvloop's event loop when it is installed)."""
    try:
        import uvloop

        return uvloop.run(users(base, ks, start, seconds, think))
    except ImportError:
        return asyncio.run(users(base, ks, start, seconds, think))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def warm(base: str) -> None:
    """Every address once (computed and kept in the explorer's memo); stops on a failure."""

    async def go() -> None:
        parts = urlsplit(base)
        conn = Connection(parts.hostname or "127.0.0.1", parts.port or 80)
        for path in addresses():
            status, _size = await conn.get(path, timeout=900.0)
            if status != 200:
                raise SystemExit(f"warm-up failed: {path} answered {status}")
        conn.close()

    asyncio.run(go())


def measure(
    base: str, pid: int, clients: int, processes: int, seconds: float, think: float
) -> dict[str, float]:
    """Run ``clients`` users in ``processes`` client processes; the figures."""
    groups = [list(range(clients))[p::processes] for p in range(processes)]
    start = time.time() + 1.0  # every process starts together
    server0 = cpu_seconds(pid)
    with mp.get_context("spawn").Pool(processes) as pool:
        tallies = pool.starmap(
            run_process, [(base, ks, start, seconds, think) for ks in groups if ks]
        )
    server = cpu_seconds(pid) - server0  # the server idles while the client processes start
    elapsed = max(t.ended for t in tallies) - min(t.began for t in tallies)
    load1 = os.getloadavg()[0]
    ms = np.array([x for t in tallies for x in t.latencies]) * 1000
    n = max(len(ms), 1)
    first = next((t.first_error for t in tallies if t.first_error), "")
    pct = (lambda q: float(np.percentile(ms, q))) if len(ms) else (lambda q: float("nan"))
    return {
        "requests": float(len(ms)),
        "seconds": elapsed,
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "max": float(ms.max()) if len(ms) else float("nan"),
        "throughput": len(ms) / elapsed,
        "errors": float(sum(t.errors for t in tallies)),
        "first_error": first,  # type: ignore[dict-item]
        "server_ms": server / n * 1000,
        "client_ms": sum(t.cpu for t in tallies) / n * 1000,
        "load1": load1,
    }


def report(name: str, model: str, r: dict[str, float]) -> bool:
    """Print one model's figures; True when it meets the target."""
    ok = r["p99"] <= TARGET_MS and r["errors"] == 0
    print(f"\n== {name}: {model}")
    print(
        f"requests {int(r['requests'])} in {r['seconds']:.1f} s: "
        f"throughput {r['throughput']:.0f} requests/s, errors {int(r['errors'])}"
        + (f" (first: {r['first_error']})" if r["errors"] else "")
    )
    print(
        f"latency p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, p99 {r['p99']:.1f} ms, "
        f"max {r['max']:.1f} ms"
    )
    print(
        f"CPU per request: server {r['server_ms']:.2f} ms, client {r['client_ms']:.2f} ms; "
        f"load average (1 min) {r['load1']:.1f} on {os.cpu_count()} cores"
    )
    print(f"target p99 <= {TARGET_MS:.0f} ms and no errors: " + ("met" if ok else "NOT met"))
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="per load model")
    parser.add_argument("--clients", type=int, default=50, help="users (one connection each)")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time (s)")
    parser.add_argument("--processes", type=int, default=1, help="client processes")
    parser.add_argument(
        "--model", choices=("both", "think", "closed"), default="both", help="load models to run"
    )
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
            t0 = time.perf_counter()
            warm(base)
            print(f"warm-up: {len(addresses())} addresses in {time.perf_counter() - t0:.1f} s")
            print(
                f"{args.clients} users on keep-alive connections, {args.processes} client "
                f"process(es), {args.seconds:.0f} s per model, server pid {proc.pid}"
            )
            results = {}
            if args.model in ("both", "think"):
                r = measure(base, proc.pid, args.clients, args.processes, args.seconds, args.think)
                model = f"think time exponential, mean {args.think:g} s (the target's model)"
                results["think"] = report("think", model, r)
            if args.model in ("both", "closed"):
                r = measure(base, proc.pid, args.clients, args.processes, args.seconds, 0.0)
                model = "closed loop, no think time (saturation: its throughput is the capacity)"
                results["closed"] = report("closed", model, r)
        finally:
            proc.terminate()
            proc.wait(10)
    print("\nsummary: " + ", ".join(f"{k} {'met' if v else 'NOT met'}" for k, v in results.items()))


if __name__ == "__main__":
    main()
