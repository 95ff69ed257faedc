"""Bounded resources: archives, downloads and YAML files cannot make ujym use what they like.

Real files and a real HTTP server on the loopback interface; every server loop is bounded.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import tracemalloc
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from _cache_digest import cache_digest, leftovers
from _hostile import billion_laughs, deep_yaml, zip_bomb
from ujym.core.errors import DataFormatError, DownloadError, ExitCode, UjymError
from ujym.sources import cache, safe_yaml
from ujym.sources.datasets import extract_tables, import_file, pull
from ujym.sources.download import fetch
from ujym.sources.limits import LIMITS, limit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
VOTES = (FIXTURES / "unga" / "voeten_votes.csv").read_bytes()
CASEBOOK = Path(__file__).resolve().parents[2] / "src" / "ujym" / "data" / "casebook"


# ---- archives ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1 MB zip that expands to 1 GiB."""
    return zip_bomb(tmp_path_factory.mktemp("bomb") / "UNVotes.zip", "UNVotes.csv", mib=1024)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_a_zip_bomb_is_refused_before_anything_is_written(bomb: Path, tmp_path: Path) -> None:
    assert bomb.stat().st_size < 2 << 20
    with pytest.raises(DataFormatError, match="a zip bomb") as info:
        extract_tables(bomb, tmp_path / "out")
    assert "UJYM_MAX_ZIP_RATIO" in str(info.value)
    assert _size(tmp_path) == 0


def test_a_zip_bomb_import_keeps_the_cache(bomb: Path) -> None:
    import_file("voeten_votes", FIXTURES / "unga" / "voeten_votes.csv")
    before = cache_digest(cache.data_dir())
    with pytest.raises(UjymError) as info:
        import_file("voeten_votes", bomb)
    assert info.value.exit_code == ExitCode.BAD_INPUT and "\n" not in str(info.value)
    assert cache_digest(cache.data_dir()) == before
    assert leftovers(cache.data_dir()) == []


def test_the_size_limit_holds_without_the_ratio_rule(
    bomb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UJYM_MAX_ZIP_RATIO", "1e12")
    monkeypatch.setenv("UJYM_MAX_UNZIPPED_BYTES", str(50 << 20))
    with pytest.raises(DataFormatError, match="UJYM_MAX_UNZIPPED_BYTES"):
        extract_tables(bomb, tmp_path / "out")
    assert _size(tmp_path) <= 50 << 20


def test_a_member_that_lies_about_its_size_writes_no_more_than_it_declared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The declared sizes are checked first; a member longer than declared fails its CRC."""
    honest = zip_bomb(tmp_path / "honest.zip", mib=8)
    data = bytearray(honest.read_bytes())
    # declare 1 MiB instead of 8 in the central directory (the size the reader trusts)
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (1 << 20).to_bytes(4, "little")
    liar = tmp_path / "liar.zip"
    liar.write_bytes(bytes(data))
    monkeypatch.setenv("UJYM_MAX_ZIP_RATIO", "1e12")
    monkeypatch.setenv("UJYM_MAX_UNZIPPED_BYTES", str(2 << 20))
    with pytest.raises(DataFormatError, match="damaged"):
        extract_tables(liar, tmp_path / "out")
    assert _size(tmp_path / "out") <= 2 << 20


def test_too_many_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UJYM_MAX_ZIP_ENTRIES", "10")
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for i in range(11):
            zf.writestr(f"t{i}.csv", "a\n1\n")
    with pytest.raises(DataFormatError, match="11 members"):
        extract_tables(archive, tmp_path / "out")


def test_member_names_cannot_leave_the_folder(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../escaped.csv", "a\n1\n")
        zf.writestr("/abs/escaped2.csv", "a\n1\n")
    out = tmp_path / "deep" / "out"
    written = extract_tables(archive, out)
    assert all(p.resolve().is_relative_to(out.resolve()) for p in written)
    assert not (tmp_path / "escaped.csv").exists()


def test_a_limit_set_to_nonsense_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UJYM_MAX_ZIP_ENTRIES", "lots")
    with pytest.raises(UjymError, match="UJYM_MAX_ZIP_ENTRIES='lots' is not a positive number"):
        limit("UJYM_MAX_ZIP_ENTRIES")
    assert all(spec.default > 0 for spec in LIMITS.values())


# ---- downloads --------------------------------------------------------------------------------


class Server:
    """Loopback server with misbehaving routes (every loop bounded in count and time)."""

    def __init__(self) -> None:
        outer = self
        self.hits: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _redirect(self, to: str) -> None:
                self.send_response(302)
                self.send_header("Location", to)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self) -> None:
                path = self.path
                outer.hits.append(path)
                if path.endswith("/voeten_votes.csv") and path.startswith("/good"):
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(VOTES)))
                    self.end_headers()
                    self.wfile.write(VOTES)
                elif path.startswith("/same"):
                    self._redirect("/good/voeten_votes.csv")
                elif path.startswith("/other"):
                    self._redirect(f"http://localhost:{outer.port}/good/voeten_votes.csv")
                elif path.startswith("/loop-a"):
                    self._redirect("/loop-b")
                elif path.startswith("/loop-b"):
                    self._redirect("/loop-a")
                elif path.startswith("/chain"):
                    n = int(path.split("/")[2])
                    self._redirect(f"/chain/{n + 1}" if n < 20 else "/good/voeten_votes.csv")
                elif path.startswith("/declared"):
                    self.send_response(200)
                    self.send_header("Content-Length", str(10 << 30))
                    self.end_headers()
                    self.wfile.write(b"x" * 1024)
                elif path.startswith("/undeclared"):
                    self.send_response(200)
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.close_connection = True
                    for _ in range(64):  # at most 64 MiB, then stop
                        try:
                            self.wfile.write(b"y" * (1 << 20))
                        except OSError:
                            return
                elif path.startswith("/silent"):
                    self.send_response(200)
                    self.send_header("Content-Length", "100")
                    self.end_headers()
                    self.wfile.write(b"z")
                    self.wfile.flush()
                    time.sleep(4)  # silent longer than the read timeout, then give up
                elif path.startswith("/trickle"):
                    self.send_response(200)
                    self.send_header("Content-Length", "100")
                    self.end_headers()
                    for _ in range(100):  # one byte every 0.1 s: never silent, never done
                        try:
                            self.wfile.write(b"t")
                            self.wfile.flush()
                        except OSError:
                            return
                        time.sleep(0.1)
                else:
                    self.send_error(404)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    srv.thread.start()
    try:
        yield srv
    finally:
        srv.httpd.shutdown()
        srv.httpd.server_close()


def _fetch(url: str, tmp: Path, **kw: object):  # type: ignore[no-untyped-def]
    return fetch(url, tmp / "f.part", dataset_id="voeten_votes", show_progress=False, **kw)  # type: ignore[arg-type]


def test_a_declared_length_over_the_limit_is_refused_at_once(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UJYM_MAX_DOWNLOAD_BYTES", str(1 << 20))
    with pytest.raises(DownloadError, match="declares 10737418240 bytes, more than the limit"):
        _fetch(server.base + "/declared", tmp_path)
    assert not (tmp_path / "f.part").exists() or (tmp_path / "f.part").stat().st_size == 0


def test_an_undeclared_length_is_cut_at_the_limit(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UJYM_MAX_DOWNLOAD_BYTES", str(3 << 20))
    with pytest.raises(DownloadError, match="sent more than the limit of 3145728 bytes"):
        _fetch(server.base + "/undeclared", tmp_path)
    assert not (tmp_path / "f.part").exists()


def test_a_silent_server_times_out(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UJYM_READ_TIMEOUT", "1")
    started = time.monotonic()
    with pytest.raises(DownloadError, match="sent nothing for 1 s"):
        _fetch(server.base + "/silent", tmp_path)
    assert time.monotonic() - started < 4


def test_a_trickling_server_meets_the_deadline(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UJYM_DOWNLOAD_DEADLINE", "1")
    started = time.monotonic()
    with pytest.raises(DownloadError, match="took longer than 1 s"):
        _fetch(server.base + "/trickle", tmp_path)
    assert time.monotonic() - started < 6


def test_a_redirect_loop_is_one_line(server: Server, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="redirects in a loop"):
        _fetch(server.base + "/loop-a", tmp_path)


def test_too_many_redirects(server: Server, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="redirects more than 5 times"):
        _fetch(server.base + "/chain/0", tmp_path)


def test_same_host_redirect_is_followed_and_reported(server: Server, tmp_path: Path) -> None:
    got = _fetch(server.base + "/same/voeten_votes.csv", tmp_path)
    assert got.url == server.base + "/good/voeten_votes.csv"
    assert got.path.read_bytes() == VOTES


def test_a_redirect_to_another_host_is_refused_unless_allowed(
    server: Server, tmp_path: Path
) -> None:
    with pytest.raises(DownloadError, match="another host") as info:
        _fetch(server.base + "/other/voeten_votes.csv", tmp_path)
    assert "--follow-other-hosts" in str(info.value)
    got = _fetch(server.base + "/other/voeten_votes.csv", tmp_path, other_hosts=True)
    assert got.url.startswith(f"http://localhost:{server.port}/")


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
"""


def test_the_manifest_records_where_the_file_came_from(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = tmp_path / "catalog.toml"
    catalog.write_text(ENTRY.format(url=server.base + "/same/voeten_votes.csv"), "utf-8")
    monkeypatch.setenv("UJYM_CATALOG", str(catalog))
    manifest = pull("voeten_votes", show_progress=False)
    assert manifest.files[0].source == server.base + "/good/voeten_votes.csv"


# ---- YAML --------------------------------------------------------------------------------------


def _casebook_with(tmp_path: Path, name: str, text: str) -> Path:
    import shutil

    folder = tmp_path / "casebook"
    shutil.copytree(CASEBOOK, folder)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_billion_laughs_is_refused_before_it_is_walked(tmp_path: Path) -> None:
    from ujym.sources.casebook import validate_casebook

    folder = _casebook_with(tmp_path, "claims/C99.yaml", billion_laughs())
    tracemalloc.start()
    with pytest.raises(UjymError, match=r"claims/C99\.yaml:\d+: the YAML expands to more than"):
        validate_casebook(folder)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # a walked bomb needs gigabytes; no wall-clock bound here (timed unit tests flake under load:
    # the time is printed by the command-line test below)
    assert peak < 200 << 20


def test_a_file_changed_after_it_passed_is_read_again(tmp_path: Path) -> None:
    """The limit pass does not re-read an unchanged file in one process (the command line runs
    it before the validator does), but a file rewritten since is read again: a bomb written
    into a file that passed a moment ago is refused."""
    from ujym.sources.casebook_files import refuse_hostile

    folder = _casebook_with(tmp_path, "claims/C99.yaml", "id: C99\n")
    refuse_hostile(folder)
    (folder / "claims" / "C99.yaml").write_text(billion_laughs(), encoding="utf-8")
    with pytest.raises(UjymError, match="UJYM_MAX_YAML_NODES"):
        refuse_hostile(folder)


def test_billion_laughs_through_the_command_line(tmp_path: Path) -> None:
    """`ujym casebook validate` exits 2 at once, one line, peak memory well under 200 MB.

    The command loads no data library before the casebook is read (pandas, polars, pyarrow,
    the checks' registry load only once every file has been read), and every file's limits are
    checked before the casebook's models (pydantic) or the terminal's tables (rich) load; the
    time is printed by ``benchmarks/hostile_yaml.py``.
    """
    if not Path("/proc/self/status").is_file():
        pytest.skip("peak memory is read from /proc (Linux)")
    folder = _casebook_with(tmp_path, "claims/C99.yaml", billion_laughs())
    code = (
        "import resource, sys\n"
        "from ujym.cli.main import main\n"
        "started = __import__('time').perf_counter()\n"
        "rc = main(['casebook', 'validate', sys.argv[1]])\n"
        "spent = __import__('time').perf_counter() - started\n"
        # VmHWM: this process's peak resident memory since exec (ru_maxrss would include the
        # forked copy of pytest); KiB
        "status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "peak = int(status.split()[0])\n"
        "heavy = sorted({'pandas', 'polars', 'pyarrow', 'numba', 'pydantic', 'rich'} & set(sys.modules))\n"
        'print(f\'{peak} {spent:.3f} {",".join(heavy) or "-"}\', file=sys.stdout)\n'
        "sys.exit(rc)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(folder)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == ExitCode.BAD_INPUT, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "UJYM_MAX_YAML_NODES" in lines[0], proc.stderr
    peak_kb, _spent, heavy = proc.stdout.split()
    assert int(peak_kb) < 200 * 1024
    assert heavy == "-", f"libraries loaded before the files' limits were checked: {heavy}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (billion_laughs(key="actors"), "expands to more than"),
        (deep_yaml(), "nested more than 64 levels"),
        ("id: x\nstart: 2021-02-30\n", "cannot read '2021-02-30'"),
        ("a: &a [*a]\n", "refers to a value that contains it"),
        ("x" * ((1 << 20) + 10), "larger than"),
    ],
)
def test_the_scenario_loader_refuses_hostile_yaml(tmp_path: Path, text: str, expected: str) -> None:
    from ujym.sources.scenarios import ScenarioError, load_scenario

    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(ScenarioError, match=expected) as info:
        load_scenario(path, casebook=False)
    assert time.perf_counter() - started < 5
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_deep_nesting_and_bad_dates_in_the_casebook(tmp_path: Path) -> None:
    from ujym.sources.casebook import validate_casebook

    folder = _casebook_with(tmp_path, "claims/C98.yaml", deep_yaml())
    with pytest.raises(UjymError, match=r"claims/C98\.yaml:2: the YAML is nested more than 64"):
        validate_casebook(folder)
    folder = _casebook_with(tmp_path / "b", "sources/x.yaml", "id: x\naccessed: 2021-02-30\n")
    report = validate_casebook(folder)
    assert any(
        p.file == "sources/x.yaml" and p.line == 2 and "2021-02-30" in p.message
        for p in report.problems
    ), report.problems


def test_yaml_limits_are_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UJYM_MAX_YAML_DEPTH", "3")
    with pytest.raises(safe_yaml.YamlLimitError, match="nested more than 3"):
        safe_yaml.load("a: [[[[1]]]]\n")
    assert safe_yaml.load("a: [[1]]\n")[1] == {"a": [[1]]}


def test_a_javascript_link_is_a_problem_with_file_and_line(tmp_path: Path) -> None:
    from ujym.sources.casebook import validate_casebook

    source = (CASEBOOK / "sources" / "un-charter.yaml").read_text(encoding="utf-8")
    lines = source.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("url:"))
    for bad in ("javascript:alert(document.cookie)", "data:text/html,<b>x</b>", "file:///etc/passwd", "JaVaScRiPt:x"):  # fmt: skip
        lines[at] = f'url: "{bad}"'
        folder = _casebook_with(
            tmp_path / bad[:4], "sources/un-charter.yaml", "\n".join(lines) + "\n"
        )
        report = validate_casebook(folder)
        assert [
            p for p in report.problems
            if p.file == "sources/un-charter.yaml" and p.line == at + 1 and "not an http" in p.message
        ], report.problems  # fmt: skip
