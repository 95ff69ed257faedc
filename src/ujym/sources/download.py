"""Streaming downloads with a progress bar, resume (HTTP Range) and checksum verification.

A download goes to ``<cache>/.downloads/<id>/<file>.part``. When it is interrupted (connection
dropped, body shorter than its Content-Length) the ``.part`` file stays, and the next attempt asks
the server for the rest with ``Range: bytes=<size>-``. Only a complete, verified file leaves this
module; moving it into the cache is the caller's job (see :mod:`ujym.sources.datasets`).

Bounds (:mod:`ujym.sources.limits`): a file larger than ``UJYM_MAX_DOWNLOAD_BYTES`` is refused
(at once when the server declares its length, else as soon as the limit is passed, and the part
file is deleted); a server silent for ``UJYM_READ_TIMEOUT`` seconds between two chunks, or a
download longer than ``UJYM_DOWNLOAD_DEADLINE`` seconds (a server trickling a byte at a time), is
cut off. Redirects are followed by hand, at most ``UJYM_MAX_REDIRECTS``, only to the same host
and scheme unless the caller allows other hosts; a loop is refused. The address the file finally
came from is returned (:class:`Fetched`) for the manifest.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

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
from ujym.i18n import _
from ujym.sources.limits import limit

CONNECT_TIMEOUT = float(limit("UJYM_CONNECT_TIMEOUT"))
"""Default seconds to connect (``UJYM_CONNECT_TIMEOUT``, read again at each download)."""
REDIRECTS = frozenset({301, 302, 303, 307, 308})


class Fetched(NamedTuple):
    """A downloaded, verified file: its path, sha256 and the address it finally came from."""

    path: Path
    sha256: str
    url: str


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file, read in blocks."""
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
        _("cannot reach {host}").format(host=_host(url)),
        _("run `ujym data import {dataset} FILE` with a copy of the file").format(
            dataset=dataset_id
        ),
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

    See :func:`fetch`, which also returns the final address.
    """
    got = fetch(
        url, part, dataset_id=dataset_id, expected_sha256=expected_sha256,
        show_progress=show_progress, client=client,
    )  # fmt: skip
    return got.path, got.sha256


def fetch(
    url: str,
    part: Path,
    *,
    dataset_id: str,
    expected_sha256: str | None = None,
    show_progress: bool = True,
    client: httpx.Client | None = None,
    other_hosts: bool = False,
) -> Fetched:
    """Download ``url`` into ``part`` (resuming it if it exists), within the limits.

    ``other_hosts`` allows redirects to another host (refused by default).

    Raises
    ------
    DownloadError
        Host unreachable (at once, short connect timeout), HTTP error, redirect refused or looping,
        file over the size limit, server silent or too slow, body shorter than announced or
        connection dropped (the ``.part`` file is kept for resuming), or checksum mismatch (the
        ``.part`` file is deleted).
    """
    part.parent.mkdir(parents=True, exist_ok=True)
    origin = part.with_name(part.name + ".url")
    if part.exists() and (not origin.is_file() or origin.read_text(encoding="utf-8") != url):
        part.unlink()  # a partial file from another address cannot be resumed
    origin.write_text(url, encoding="utf-8")
    timeout = httpx.Timeout(
        float(limit("UJYM_READ_TIMEOUT")), connect=float(limit("UJYM_CONNECT_TIMEOUT"))
    )
    own = client is None
    http = client or httpx.Client(timeout=timeout, follow_redirects=False)
    try:
        final = _fetch(
            http, url, part, dataset_id=dataset_id, show_progress=show_progress,
            other_hosts=other_hosts,
        )  # fmt: skip
    except BaseException:
        if not part.exists() or part.stat().st_size == 0:  # nothing to resume: leave no trace
            part.unlink(missing_ok=True)
            origin.unlink(missing_ok=True)
        raise
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
            _(
                "checksum mismatch for {file} from {host}: sha256 {digest}, expected {expected}"
            ).format(
                file=part.name.removesuffix(".part"),
                host=_host(url),
                digest=digest,
                expected=expected_sha256,
            ),
            _(
                "the file is corrupt or has changed; run `ujym data pull {dataset}` again, or "
                "`ujym data import {dataset} FILE` with a copy you trust"
            ).format(dataset=dataset_id),
        )
    return Fetched(part, digest, final)


def _next_url(response: httpx.Response, url: str, seen: list[str], other_hosts: bool) -> str:
    """The address a redirect points to, if ujym may follow it."""
    location = response.headers.get("Location", "")
    target = str(urljoin(url, location))
    here, there = urlsplit(url), urlsplit(target)
    fix = _("download the file by hand and run `ujym data import ID FILE`")
    if not location or there.scheme not in ("http", "https"):
        raise DownloadError(
            _("{host} redirects to an address ujym cannot use").format(host=_host(url)), fix
        )
    downgrade = here.scheme == "https" and there.scheme != "https"
    if downgrade or (there.netloc != here.netloc and not other_hosts):
        raise DownloadError(
            _("{url} redirects to another host or scheme ({target})").format(
                url=url, target=f"{there.scheme}://{there.netloc}"
            ),
            _(
                "check that the publisher moved the file; pass --follow-other-hosts to follow it"
                " (https only), or {fix}"
            ).format(fix=fix),
        )
    if target in seen:
        raise DownloadError(
            _("{url} redirects in a loop (back to {target})").format(url=url, target=target), fix
        )
    if len(seen) > int(limit("UJYM_MAX_REDIRECTS")):
        raise DownloadError(
            _("{url} redirects more than {n} times").format(
                url=seen[0], n=limit("UJYM_MAX_REDIRECTS")
            ),
            _("raise UJYM_MAX_REDIRECTS, or {fix}").format(fix=fix),
        )
    return target


def _fetch(
    http: httpx.Client,
    url: str,
    part: Path,
    *,
    dataset_id: str,
    show_progress: bool,
    other_hosts: bool,
) -> str:
    """Fetch ``url`` (following allowed redirects) into ``part``; returns the final address."""
    max_bytes = int(limit("UJYM_MAX_DOWNLOAD_BYTES"))
    deadline = time.monotonic() + float(limit("UJYM_DOWNLOAD_DEADLINE"))
    seen = [url]
    while True:
        have = part.stat().st_size if part.exists() else 0
        headers = {"Accept-Encoding": "identity"}  # byte ranges of the file itself, not of a gzip
        if have:
            headers["Range"] = f"bytes={have}-"
        try:
            with http.stream("GET", url, headers=headers) as response:
                if response.status_code in REDIRECTS:
                    url = _next_url(response, url, seen, other_hosts)
                    seen.append(url)
                    continue
                if response.status_code == 416 and have:
                    # the part file is already complete (or longer than the file): start over
                    part.unlink()
                    continue
                if response.status_code >= 400:
                    raise DownloadError(
                        _("{host} answered HTTP {status} for {url}").format(
                            host=_host(url), status=response.status_code, url=url
                        ),
                        _(
                            "check the address in the catalog, or run "
                            "`ujym data import {dataset} FILE`"
                        ).format(dataset=dataset_id),
                    )
                resumed = (
                    response.status_code == 206
                    and _content_range_start(response.headers.get("Content-Range")) == have
                )
                if not resumed:
                    have = 0
                length = response.headers.get("Content-Length")
                expected_total = have + int(length) if length and length.isdigit() else None
                if expected_total is not None and expected_total > max_bytes:
                    raise _too_large(
                        _(
                            "{url} declares {size} bytes, more than the limit of {limit} bytes "
                            "(UJYM_MAX_DOWNLOAD_BYTES)"
                        ).format(url=url, size=expected_total, limit=max_bytes),
                        dataset_id,
                    )
                mode = "ab" if resumed else "wb"
                received = have
                with (
                    _progress(show_progress, part.name, expected_total, have) as (bar, task),
                    part.open(mode) as fh,
                ):
                    for chunk in response.iter_raw():
                        received += len(chunk)
                        if received > max_bytes:
                            fh.close()
                            part.unlink(missing_ok=True)
                            raise _too_large(
                                _(
                                    "{url} sent more than the limit of {limit} bytes "
                                    "(UJYM_MAX_DOWNLOAD_BYTES)"
                                ).format(url=url, limit=max_bytes),
                                dataset_id,
                            )
                        fh.write(chunk)
                        if bar is not None:
                            bar.update(task, completed=received)
                        if time.monotonic() > deadline:
                            raise DownloadError(
                                _(
                                    "download of {url} took longer than {seconds} s "
                                    "({size} bytes so far)"
                                ).format(
                                    url=url,
                                    seconds=f"{limit('UJYM_DOWNLOAD_DEADLINE'):g}",
                                    size=received,
                                ),
                                _(
                                    "run `ujym data pull {dataset}` again to resume, or raise "
                                    "UJYM_DOWNLOAD_DEADLINE"
                                ).format(dataset=dataset_id),
                            )
        except httpx.ConnectError as exc:
            raise _offline_error(url, dataset_id) from exc
        except httpx.ConnectTimeout as exc:
            raise _offline_error(url, dataset_id) from exc
        except httpx.ReadTimeout as exc:
            size = part.stat().st_size if part.exists() else 0
            raise DownloadError(
                _("{host} sent nothing for {seconds} s (after {size} bytes)").format(
                    host=_host(url), seconds=f"{limit('UJYM_READ_TIMEOUT'):g}", size=size
                ),
                _(
                    "run `ujym data pull {dataset}` again to resume, or raise UJYM_READ_TIMEOUT"
                ).format(dataset=dataset_id),
            ) from exc
        except httpx.TransportError as exc:
            size = part.stat().st_size if part.exists() else 0
            raise DownloadError(  # httpx's English reason is left out (chained, not shown)
                _("download of {url} broke off after {size} bytes").format(url=url, size=size),
                _("run `ujym data pull {dataset}` again to resume").format(dataset=dataset_id),
            ) from exc
        if expected_total is not None and received != expected_total:
            raise DownloadError(
                _("download of {url} is truncated: {received} of {total} bytes").format(
                    url=url, received=received, total=expected_total
                ),
                _("run `ujym data pull {dataset}` again to resume").format(dataset=dataset_id),
            )
        return url


def _too_large(problem: str, dataset_id: str) -> DownloadError:
    return DownloadError(
        problem,
        _(
            "raise UJYM_MAX_DOWNLOAD_BYTES if the file is genuine, or run "
            "`ujym data import {dataset} FILE`"
        ).format(dataset=dataset_id),
    )


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


__all__ = ["CONNECT_TIMEOUT", "Fetched", "download", "fetch", "sha256_file"]
