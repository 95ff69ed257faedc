"""A fork server for the cache tests: real, separate processes without paying for Python start-up.

Run as a script, it loads the heavy libraries once (polars, pandas, pydantic, ujym's core models;
never ``ujym.sources.cache``: each child imports it itself, so it gets its own run id and locks)
and then
reads one JSON request per line on stdin:

- ``{"code": ..., "args": [...], "env": {...}, "out": path, "err": path}``: fork a child that runs
  ``code`` with ``sys.argv[1:] = args``, ``env`` added to its environment and its stdout/stderr
  going to the files ``out``/``err``; answers ``{"pid": pid}``.
- ``{"wait": pid}``: wait for that child; answers ``{"status": exit code or -signal}``.

A child is an ordinary process: ``kill -9`` of its pid kills it and nothing else.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _serve() -> None:
    import importlib

    for name in ("filelock", "httpx", "platformdirs", "polars", "pandas", "pydantic", "yaml",
                 "ujym.core.actors", "ujym.core.errors", "ujym.sources.catalog"):  # fmt: skip
        importlib.import_module(name)
    # the cache module names its run after the process: each child must import it itself
    assert "ujym.sources.cache" not in sys.modules

    print(json.dumps({"ready": os.getpid()}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if "wait" in request:
            _, status = os.waitpid(int(request["wait"]), 0)
            code = os.waitstatus_to_exitcode(status)
            print(json.dumps({"status": code}), flush=True)
            continue
        pid = os.fork()
        if pid == 0:  # the child
            try:
                os.environ.update(request.get("env", {}))
                for fd, key in ((1, "out"), (2, "err")):
                    target = os.open(request[key], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                    os.dup2(target, fd)
                    os.close(target)
                sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
                sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
                sys.argv = ["-c", *request.get("args", [])]
                exec(compile(request["code"], "<child>", "exec"), {"__name__": "__main__"})
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(0)
            except SystemExit as exc:
                os._exit(exc.code if isinstance(exc.code, int) else 1)
            except BaseException:
                import traceback

                traceback.print_exc()
                sys.stderr.flush()
                os._exit(1)
        print(json.dumps({"pid": pid}), flush=True)


class ForkServer:
    """The test side: start the server, run children, wait for them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.proc = subprocess.Popen(
            [sys.executable, __file__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
        self._ask_raw()  # {"ready": pid}
        self.count = 0

    def _ask_raw(self, request: dict[str, Any] | None = None) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        if request is not None:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
        answer: dict[str, Any] = json.loads(self.proc.stdout.readline())
        return answer

    def run(self, code: str, *args: str, **env: str) -> Child:
        """Start ``code`` in a new child process; returns it (already running)."""
        self.count += 1
        out = self.folder / f"child-{self.count}.out"
        err = self.folder / f"child-{self.count}.err"
        env = {"UJYM_DATA_DIR": os.environ.get("UJYM_DATA_DIR", ""), **env}
        answer = self._ask_raw({"code": code, "args": list(args), "env": env,
                                "out": str(out), "err": str(err)})  # fmt: skip
        return Child(self, int(answer["pid"]), out, err)

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


class Child:
    def __init__(self, server: ForkServer, pid: int, out: Path, err: Path) -> None:
        self.server, self.pid, self.out, self.err = server, pid, out, err

    def wait(self) -> int:
        """Wait for the child; its exit code (``-9`` when killed)."""
        return int(self.server._ask_raw({"wait": self.pid})["status"])

    def stdout(self) -> str:
        return self.out.read_text(encoding="utf-8")

    def stderr(self) -> str:
        return self.err.read_text(encoding="utf-8")

    def wait_for_stderr(self, text: str, timeout: float = 120) -> None:
        """Wait until the child has written ``text`` to stderr."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.err.exists() and text in self.stderr():
                return
            time.sleep(0.02)
        raise AssertionError(f"child {self.pid} never wrote {text!r}: {self.stderr()}")


if __name__ == "__main__":
    _serve()
