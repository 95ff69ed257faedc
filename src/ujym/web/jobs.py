"""Long computations (a bargaining forecast, the ideal points) run in the background, one at a
time, each limited in time and cancellable.

A job is named by its key (the page and the parameters of its URL), so the page that started it
finds it again: while it runs the page shows its progress and reloads itself; when it is done the
result is kept in the explorer's :class:`~ujym.web.memo.Memo` and the job is forgotten. A second
job while one runs is refused with one line (:class:`BusyError`). A job stops at its next
progress report once it is cancelled or has run longer than its time limit.

Examples
--------
>>> from ujym.web.memo import Memo
>>> runner = Runner(Memo(recheck=0.0))
>>> job = runner.start("square", lambda progress: progress(1, 1) or 4, limit=5.0)
>>> job.wait(5.0) and runner.result("square")
4
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from ujym.core.errors import ExitCode, UjymError
from ujym.i18n import _
from ujym.web.memo import Memo

Progress = Callable[[int, int], None]


class BusyError(UjymError):
    """Another computation is running: one at a time."""

    exit_code = ExitCode.BAD_INPUT


class Stopped(Exception):
    """Raised inside a job's progress report when it is cancelled or over its time limit."""


@dataclass
class Job:
    """A computation in the background: its progress, and how it ended."""

    key: Hashable
    limit: float
    started: float = field(default_factory=time.monotonic)
    done: int = 0
    total: int = 0
    cancelled: bool = False
    error: str | None = None
    finished: threading.Event = field(default_factory=threading.Event)

    def report(self, done: int, total: int) -> None:
        """The progress callback the computation calls; stops it when cancelled or too long."""
        self.done, self.total = done, total
        if self.cancelled:
            raise Stopped(_("the computation was cancelled"))
        if time.monotonic() - self.started > self.limit:
            raise Stopped(
                _("the computation took longer than {seconds} s and was stopped").format(
                    seconds=int(self.limit)
                )
            )

    @property
    def share(self) -> float:
        """The share done so far (0 when the total is not known yet)."""
        return self.done / self.total if self.total else 0.0

    @property
    def seconds(self) -> float:
        """Seconds since the job started."""
        return time.monotonic() - self.started

    def wait(self, timeout: float) -> bool:
        """Wait until the job has ended (True) or ``timeout`` seconds have passed (False)."""
        return self.finished.wait(timeout)


class Runner:
    """Runs one :class:`Job` at a time and keeps finished results in ``memo``."""

    def __init__(self, memo: Memo) -> None:
        self.memo = memo
        self._lock = threading.Lock()
        self._running: Job | None = None
        self._ended: dict[Hashable, Job] = {}  # failed or stopped jobs, to show why

    def result(self, key: Hashable) -> Any | None:
        """The result of the job ``key`` when it has finished (None otherwise)."""
        return self.memo.peek(("job", key))

    def job(self, key: Hashable) -> Job | None:
        """The running job ``key``, or the last one that failed or was stopped."""
        with self._lock:
            if self._running is not None and self._running.key == key:
                return self._running
            return self._ended.get(key)

    def forget(self, key: Hashable) -> None:
        """Forget how job ``key`` ended (to run it again)."""
        with self._lock:
            self._ended.pop(key, None)

    def start(self, key: Hashable, work: Callable[[Progress], Any], *, limit: float) -> Job:
        """Start ``work(progress)`` as job ``key`` (at most ``limit`` seconds).

        Raises :class:`BusyError` when another job is running.
        """
        with self._lock:
            running = self._running
            if running is not None and not running.finished.is_set():
                if running.key == key:
                    return running
                raise BusyError(
                    _("another computation is running (one at a time)"),
                    _("wait until it ends, or cancel it on its page"),
                )
            job = Job(key, limit)
            self._running = job
            self._ended.pop(key, None)

        def run() -> None:
            try:
                value = work(job.report)
                self.memo.get(("job", key), lambda: value)
            except Stopped as exc:
                job.error = str(exc)
            except UjymError as exc:
                job.error = str(exc)
            except Exception as exc:
                job.error = _("the computation failed: {problem}").format(
                    problem=type(exc).__name__
                )
            finally:
                with self._lock:
                    if job.error is not None:
                        self._ended[key] = job
                    if self._running is job:
                        self._running = None
                job.finished.set()

        threading.Thread(target=run, name=f"ujym-job-{key!r}"[:60], daemon=True).start()
        return job

    def cancel(self, key: Hashable) -> bool:
        """Cancel the running job ``key`` (True when there was one)."""
        with self._lock:
            running = self._running
            if running is None or running.key != key:
                return False
            running.cancelled = True
            return True

    @property
    def running(self) -> Job | None:
        """The job running now, if any."""
        with self._lock:
            return self._running


__all__ = ["BusyError", "Job", "Runner", "Stopped"]
