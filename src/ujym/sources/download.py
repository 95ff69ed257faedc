"""Streaming downloads with a progress bar, resume (HTTP Range) and checksum verification.

A download goes to ``<cache>/.downloads/<id>/<file>.part``. When it is interrupted (connection
dropped, body shorter than its Content-Length) the ``.part`` file stays, and the next attempt asks
the server for the rest with ``Range: bytes=<size>-``. Only a complete, verified file leaves this
module; moving it into the cache is the caller's job (see :mod:`ujym.sources.datasets`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from ujym.core.errors import DownloadError

CONNECT_TIMEOUT = float(os.environ.get("UJYM_CONNECT_TIMEOUT", "5"))
READ_TIMEOUT = 60.0


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc or url


def _offline_error(url: str, dataset_id: str) -> DownloadError:
    return DownloadError(
        f"cannot reach {_host(url)}",
        f"run `ujym data import {dataset_id} FILE` with a copy of the file",
    )


def _content_range_start(value: str | None) -> int | None:
    # "bytes 100-199/200"
    if not value or not value.startswith("bytes "):
        return None
    try:
        return int(value[6:].split("-", 1)[0])
    except ValueError:
        return None


def download(
    url: str,
    part: Path,
    *,
    dataset_id: str,
    expected_sha256: str | None = None,
    show_progress: bool = True,
    client: httpx.Client | None = None,
) -> tuple[Path, str]:
    """Download ``url`` into ``part`` (resuming it if it exists); return (path, sha256).

    Raises
    ------
    DownloadError
        Host unreachable (at once, short connect timeout), HTTP error, body shorter than announced
        or connection dropped (the ``.part`` file is kept for resuming), or checksum mismatch (the
        ``.part`` file is deleted).
    """
    part.parent.mkdir(parents=True, exist_ok=True)
    origin = part.with_name(part.name + ".url")
    if part.exists() and (not origin.is_file() or origin.read_text(encoding="utf-8") != url):
        part.unlink()  # a partial file from another address cannot be resumed
    origin.write_text(url, encoding="utf-8")
    timeout = httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)
    own = client is None
    http = client or httpx.Client(timeout=timeout, follow_redirects=True)
    try:
        _fetch(http, url, part, dataset_id=dataset_id, show_progress=show_progress)
    finally:
        if own:
            http.close()
    digest = sha256_file(part)
    with contextlib.suppress(OSError):
        origin.unlink()
    if expected_sha256 and digest != expected_sha256.lower():
        with contextlib.suppress(OSError):
            part.unlink()
        raise DownloadError(
            f"checksum mismatch for {part.name.removesuffix('.part')} from {_host(url)}: "
            f"sha256 {digest}, expected {expected_sha256}",
            f"the file is corrupt or has changed; run `ujym data pull {dataset_id}` again, or "
            f"`ujym data import {dataset_id} FILE` with a copy you trust",
        )
    return part, digest


def _fetch(
    http: httpx.Client, url: str, part: Path, *, dataset_id: str, show_progress: bool
) -> None:
    have = part.stat().st_size if part.exists() else 0
    headers = {"Accept-Encoding": "identity"}  # byte ranges of the file itself, not of a gzip
    if have:
        headers["Range"] = f"bytes={have}-"
    try:
        with http.stream("GET", url, headers=headers) as response:
            if response.status_code == 416 and have:
                # the part file is already complete (or longer than the file): start over
                part.unlink()
                return _fetch(http, url, part, dataset_id=dataset_id, show_progress=show_progress)
            if response.status_code >= 400:
                raise DownloadError(
                    f"{_host(url)} answered HTTP {response.status_code} for {url}",
                    f"check the address in the catalog, or run `ujym data import {dataset_id} FILE`",
                )
            resumed = (
                response.status_code == 206
                and _content_range_start(response.headers.get("Content-Range")) == have
            )
            if not resumed:
                have = 0
            length = response.headers.get("Content-Length")
            expected_total = have + int(length) if length and length.isdigit() else None
            mode = "ab" if resumed else "wb"
            received = have
            with (
                _progress(show_progress, part.name, expected_total, have) as (bar, task),
                part.open(mode) as fh,
            ):
                for chunk in response.iter_raw():
                    fh.write(chunk)
                    received += len(chunk)
                    if bar is not None:
                        bar.update(task, completed=received)
    except httpx.ConnectError as exc:
        raise _offline_error(url, dataset_id) from exc
    except httpx.ConnectTimeout as exc:
        raise _offline_error(url, dataset_id) from exc
    except httpx.TransportError as exc:
        size = part.stat().st_size if part.exists() else 0
        raise DownloadError(
            f"download of {url} broke off after {size} bytes ({type(exc).__name__})",
            f"run `ujym data pull {dataset_id}` again to resume",
        ) from exc
    if expected_total is not None and received != expected_total:
        raise DownloadError(
            f"download of {url} is truncated: {received} of {expected_total} bytes",
            f"run `ujym data pull {dataset_id}` again to resume",
        )
    return None


@contextlib.contextmanager
def _progress(show: bool, name: str, total: int | None, start: int):  # type: ignore[no-untyped-def]
    if not show:
        yield None, None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(name.removesuffix(".part"), total=total, completed=start)
        yield bar, task


__all__ = ["CONNECT_TIMEOUT", "download", "sha256_file"]
