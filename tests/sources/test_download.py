"""`pull` against a real HTTP server on the loopback interface (no mocks).

The server serves the fixture files in several ways: whole, truncated (fewer bytes than its
Content-Length), corrupt (bytes changed: checksum mismatch) and dropping the connection midway the
first time, then honouring ``Range`` for the rest.
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ujym.core.errors import DownloadError, ExitCode
from ujym.sources import cache
from ujym.sources.datasets import pull
from ujym.sources.unga import read_votes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "unga"


class Server:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.requests: list[tuple[str, str | None]] = []
        self.dropped: set[str] = set()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                rng = self.headers.get("Range")
                outer.requests.append((self.path, rng))
                parts = self.path.strip("/").split("/")
                mode = parts[0] if parts[0] in {"good", "truncated", "corrupt", "drop"} else "good"
                name = parts[-1]
                if name not in outer.files:
                    self.send_error(404)
                    return
                body = outer.files[name]
                if mode == "corrupt":
                    body = body.replace(b"1992", b"1892", 1)
                start = 0
                if rng and rng.startswith("bytes=") and mode != "truncated":
                    start = int(rng[6:].split("-")[0])
                if start:
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                else:
                    self.send_response(200)
                self.send_header("Content-Length", str(len(body) - start))
                self.send_header("Accept-Ranges", "bytes")
                self.end_headers()
                chunk = body[start:]
                cut = mode == "truncated" or (mode == "drop" and self.path not in outer.dropped)
                if cut and not start:
                    outer.dropped.add(self.path)
                    self.wfile.write(chunk[: len(chunk) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.wfile.write(chunk)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    for name in (
        "voeten_votes.csv",
        "undl_votes.csv",
        "unvotes.csv",
        "roll_calls.csv",
        "issues.csv",
    ):
        srv.files[name] = (FIXTURES / name).read_bytes()
    srv.thread.start()
    try:
        yield srv
    finally:
        srv.httpd.shutdown()
        srv.httpd.server_close()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


ENTRY = """
[datasets.voeten_votes]
title = "Voeten (test server)"
publisher = "test"
version = "fixture"
coverage = "4 roll calls"
licence = "test"
citation = "test"
reader = "voeten_votes"
format = "csv"
tables = ["votes", "roll_calls"]

[[datasets.voeten_votes.files]]
role = "votes"
filename = "voeten_votes.csv"
url = "{url}"
sha256 = "{sha}"
"""


def use_catalog(tmp: Path, monkeypatch: pytest.MonkeyPatch, url: str, sha256: str) -> None:
    path = tmp / f"catalog-{abs(hash((url, sha256)))}.toml"
    path.write_text(ENTRY.format(url=url, sha=sha256), encoding="utf-8")
    monkeypatch.setenv("UJYM_CATALOG", str(path))


def snapshot(dataset_id: str) -> dict[str, bytes]:
    folder = cache.dataset_dir(dataset_id)
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_good_download_verifies_and_caches(server: Server, tmp_path, monkeypatch) -> None:
    body = server.files["voeten_votes.csv"]
    use_catalog(tmp_path, monkeypatch, f"{server.base}/good/voeten_votes.csv", sha(body))
    manifest = pull("voeten_votes", show_progress=True)
    assert manifest.origin == "download"
    assert manifest.files[0].sha256 == sha(body)
    assert manifest.files[0].source.endswith("/good/voeten_votes.csv")
    assert (cache.dataset_dir("voeten_votes") / "raw" / "voeten_votes.csv").read_bytes() == body
    assert read_votes("voeten_votes").roll_calls.height == 4


def test_failures_keep_the_last_good_copy_and_resume_works(
    server: Server, tmp_path, monkeypatch
) -> None:
    body = server.files["voeten_votes.csv"]
    digest = sha(body)
    use_catalog(tmp_path, monkeypatch, f"{server.base}/good/voeten_votes.csv", digest)
    pull("voeten_votes", show_progress=False)
    good = snapshot("voeten_votes")

    # truncated: the server announces the whole length and sends half
    use_catalog(tmp_path, monkeypatch, f"{server.base}/truncated/voeten_votes.csv", digest)
    with pytest.raises(DownloadError) as info:
        pull("voeten_votes", show_progress=False)
    assert info.value.exit_code == ExitCode.DOWNLOAD_FAILED
    assert "\n" not in str(info.value) and "ujym data pull voeten_votes" in str(info.value)
    assert snapshot("voeten_votes") == good

    # corrupt: complete body, wrong bytes
    use_catalog(tmp_path, monkeypatch, f"{server.base}/corrupt/voeten_votes.csv", digest)
    with pytest.raises(DownloadError, match="checksum mismatch") as info:
        pull("voeten_votes", show_progress=False)
    assert digest in str(info.value)
    assert snapshot("voeten_votes") == good
    assert not list(cache.downloads_dir("voeten_votes").glob("*.part"))  # a bad file is not kept

    # dropped midway: fails, keeps the .part, then resumes with Range and succeeds
    url = f"{server.base}/drop/voeten_votes.csv"
    use_catalog(tmp_path, monkeypatch, url, digest)
    with pytest.raises(DownloadError, match=r"broke off|truncated"):
        pull("voeten_votes", show_progress=False)
    assert snapshot("voeten_votes") == good
    part = cache.downloads_dir("voeten_votes") / "voeten_votes.csv.part"
    assert 0 < part.stat().st_size < len(body)
    half = part.stat().st_size
    server.requests.clear()
    manifest = pull("voeten_votes", show_progress=False)
    assert server.requests == [("/drop/voeten_votes.csv", f"bytes={half}-")]
    assert manifest.files[0].sha256 == digest
    assert (cache.dataset_dir("voeten_votes") / "raw" / "voeten_votes.csv").read_bytes() == body
    assert not part.exists()


def test_offline_fails_at_once_with_the_import_command(tmp_path, monkeypatch) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    use_catalog(tmp_path, monkeypatch, f"http://127.0.0.1:{port}/voeten_votes.csv", "")
    start = time.perf_counter()
    with pytest.raises(DownloadError) as info:
        pull("voeten_votes", show_progress=False)
    assert time.perf_counter() - start < 5
    assert str(info.value) == (
        f"cannot reach 127.0.0.1:{port} — run `ujym data import voeten_votes FILE` "
        "with a copy of the file"
    )
    assert not cache.is_cached("voeten_votes")


def test_http_error_is_reported(server: Server, tmp_path, monkeypatch) -> None:
    use_catalog(tmp_path, monkeypatch, f"{server.base}/good/missing.csv", "")
    with pytest.raises(DownloadError, match="HTTP 404"):
        pull("voeten_votes", show_progress=False)


def test_mirror_multi_file_and_trust_on_first_use(server: Server, monkeypatch) -> None:
    monkeypatch.setenv("UJYM_MIRROR", server.base)
    manifest = pull("unvotes", show_progress=False)
    assert {f.role: f.name for f in manifest.files} == {
        "votes": "unvotes.csv", "roll_calls": "roll_calls.csv", "issues": "issues.csv",
    }  # fmt: skip
    recorded = manifest.sha256_of("votes")
    assert recorded == sha(server.files["unvotes.csv"])
    good = snapshot("unvotes")
    # the publisher's file changes: refused against the checksum recorded at the first download
    server.files["unvotes.csv"] = server.files["unvotes.csv"].replace(
        b"103,Russia,RU,yes", b"103,Russia,RU,no"
    )
    with pytest.raises(DownloadError, match="recorded at the first download") as info:
        pull("unvotes", show_progress=False)
    assert "--accept-new-checksum" in str(info.value)
    assert snapshot("unvotes") == good
    manifest = pull("unvotes", show_progress=False, accept_new_checksum=True)
    assert manifest.sha256_of("votes") != recorded


def test_no_download_address_says_how_to_import() -> None:
    with pytest.raises(DownloadError) as info:
        pull("undl_votes", show_progress=False)
    assert "ujym data import undl_votes FILE" in str(info.value)
    assert "digitallibrary.un.org" in str(info.value)


def test_downloaded_file_in_wrong_layout_keeps_cache(server: Server, tmp_path, monkeypatch) -> None:
    body = server.files["voeten_votes.csv"]
    use_catalog(tmp_path, monkeypatch, f"{server.base}/good/voeten_votes.csv", sha(body))
    pull("voeten_votes", show_progress=False)
    good = snapshot("voeten_votes")
    use_catalog(tmp_path, monkeypatch, f"{server.base}/good/undl_votes.csv", "")
    with pytest.raises(DownloadError, match="not in the publisher's layout"):
        pull("voeten_votes", show_progress=False, accept_new_checksum=True)
    assert snapshot("voeten_votes") == good
