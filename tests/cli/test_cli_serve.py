"""``ujym serve`` as a user starts it: a process that prints its address and answers there;
loopback unless --host, with a warning when another address is given; a busy port is one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

from ujym.web.server import bind


def start(*args: str, tmp_path: Path) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "UJYM_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ujym", "serve", "--port", "0", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline()


def test_serve_prints_its_loopback_address_and_answers(tmp_path: Path) -> None:
    proc, line = start("--lang", "ru", tmp_path=tmp_path)
    try:
        url = next(w for w in line.split() if w.startswith("http://"))
        assert url.startswith("http://127.0.0.1:")
        r = httpx.get(url + "/data", timeout=120)
        assert r.status_code == 200 and '<html lang="ru">' in r.text  # --lang is the default
        assert '<html lang="kk">' in httpx.get(url + "/data?lang=kk", timeout=120).text
    finally:
        proc.terminate()
        proc.wait(30)


def test_another_host_is_warned_about(tmp_path: Path) -> None:
    proc, line = start("--host", "0.0.0.0", tmp_path=tmp_path)
    try:
        assert "http://0.0.0.0:" in line
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=30)
    assert "Warning" in err and "127.0.0.1" in err


def test_a_busy_port_is_one_line(tmp_path: Path) -> None:
    taken = bind("127.0.0.1", 0)
    try:
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "ujym", "serve", "--port", str(port)],
            env={**os.environ, "UJYM_DATA_DIR": str(tmp_path)},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        taken.close()
    assert done.returncode == 2
    lines = [x for x in done.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and f"127.0.0.1:{port}" in lines[0] and "--port" in lines[0]
