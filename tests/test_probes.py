"""The probes of issue 12, through the real command line: each numbered defect and each newcomer
mistake now gives one line on stderr (no traceback) with the documented exit code, or a correct
result, and a refused command leaves the data cache byte-identical.

``make probes`` runs this file alone.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from _cache_digest import cache_digest, leftovers
from _hostile import billion_laughs, deep_yaml, zip_bomb
from ujym.cli.main import cli
from ujym.core.errors import ExitCode
from ujym.sources import cache

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
PS = FIXTURES / "peacescience"
CASEBOOK = ROOT / "src" / "ujym" / "data" / "casebook"


def ujym(*args: str) -> tuple[int, str, str]:
    """Run the command line in-process; (exit code, stdout, stderr)."""
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {type(result.exception).__name__}: {result.exception}"
    )
    return result.exit_code, result.stdout, result.stderr


def refused(code: ExitCode, *args: str, expect: str = "") -> str:
    """Run ``args``: one line on stderr, exit ``code``, the cache unchanged; returns the line."""
    root = cache.data_dir()
    before = cache_digest(root)
    rc, out, err = ujym(*args)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert rc == code, (rc, out, err)
    assert len(lines) == 1, err
    assert "Traceback" not in err + out and "\x1b" not in err
    assert expect in lines[0], lines[0]
    assert cache_digest(root) == before, "the cache changed"
    assert leftovers(root) == []
    return lines[0]


@pytest.fixture
def nmc() -> None:
    """A good NMC copy in the cache (something a failed command must not touch)."""
    assert ujym("data", "import", "cow_nmc", str(PS / "NMC-60-abridged.csv"))[0] == 0


def _casebook(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "casebook"
    shutil.copytree(CASEBOOK, folder)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


# ---- the ten numbered defects -------------------------------------------------------------------


def test_1_billion_laughs(tmp_path: Path, nmc: None) -> None:
    folder = _casebook(tmp_path, "claims/C99.yaml", billion_laughs())
    refused(ExitCode.BAD_INPUT, "casebook", "validate", str(folder), expect="C99.yaml:")
    scenario = tmp_path / "bomb.yaml"
    scenario.write_text(billion_laughs(key="actors"), encoding="utf-8")
    refused(ExitCode.BAD_INPUT, "forecast", str(scenario), expect="UJYM_MAX_YAML_NODES")


def test_2_capabilities_covering_none_of_the_years(tmp_path: Path) -> None:
    lone = tmp_path / "nmc.csv"
    lone.write_text("ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n2,1900,1,1,1,1,1,1,0.1\n")
    assert ujym("data", "import", "cow_nmc", str(lone))[0] == 0
    rc, out, err = ujym("check", "C9", "C20", "--format", "json")
    assert rc == 0 and "Traceback" not in err and '"insufficient-data"' in out
    rc, out, err = ujym("brief", "--out", str(tmp_path / "brief.html"))
    assert rc == 0, err
    refused(ExitCode.BAD_INPUT, "capabilities", "CSTO", "--year", "2013", expect="outside")


def test_3_javascript_link_is_refused_by_the_validator(tmp_path: Path) -> None:
    text = (CASEBOOK / "sources" / "un-charter.yaml").read_text(encoding="utf-8")
    lines = [
        ('url: "javascript:alert(1)"' if ln.startswith("url:") else ln) for ln in text.splitlines()
    ]
    folder = _casebook(tmp_path, "sources/un-charter.yaml", "\n".join(lines) + "\n")
    rc, out, _err = ujym("casebook", "validate", str(folder))
    assert rc == ExitCode.PROBLEMS_FOUND
    assert "sources/un-charter.yaml:" in out and "not an http, https or mailto" in out


def test_4_wrong_dataset(shared_data: Path, nmc: None) -> None:
    refused(
        ExitCode.BAD_INPUT, "data", "import", "cow_igo_sy", str(shared_data / "ps_cow_nmc.parquet"),
        expect="not a cow_igo_sy file",
    )  # fmt: skip


def test_5_size_limits(tmp_path: Path, nmc: None) -> None:
    bomb = zip_bomb(tmp_path / "NMC-60-abridged.zip", "NMC-60-abridged.csv", mib=1024)
    refused(ExitCode.BAD_INPUT, "data", "import", "cow_nmc", str(bomb), expect="zip bomb")


@pytest.mark.parametrize(
    ("old", "new", "expect"),
    [
        ("0.039,", "NaN,", "column cinc: 'NaN' is not a value"),
        ("0.039,", "inf,", "column cinc: 'inf' is not a value"),
        ("143170", "1e308", "column tpop: '1e308' is above the maximum"),
        ("0.039,", "5,", "column cinc: '5' is above the maximum 1"),
    ],
)
def test_6_impossible_values(tmp_path: Path, nmc: None, old: str, new: str, expect: str) -> None:
    bad = tmp_path / "NMC-60-abridged.csv"
    bad.write_text((PS / "NMC-60-abridged.csv").read_text().replace(old, new, 1))
    refused(ExitCode.BAD_INPUT, "data", "import", "cow_nmc", str(bad), expect=expect)


def test_6_atop_flag_and_conflicting_duplicates(tmp_path: Path, nmc: None) -> None:
    bad = tmp_path / "atop5_1ddyr.csv"
    bad.write_text(
        (PS / "atop5_1ddyr.csv").read_text().replace("365,705,2013,1,1", "365,705,2013,1,7", 1)
    )
    refused(
        ExitCode.BAD_INPUT,
        "data",
        "import",
        "atop_alliance",
        str(bad),
        expect="column defense: '7'",
    )
    lines = (PS / "NMC-60-abridged.csv").read_text().splitlines(keepends=True)
    dup = tmp_path / "dup" / "NMC-60-abridged.csv"
    dup.parent.mkdir()
    dup.write_text("".join(lines) + lines[1].replace("0.039", "0.5"))
    refused(ExitCode.BAD_INPUT, "data", "import", "cow_nmc", str(dup), expect="disagree")


def test_7_one_member_is_not_a_cohesion_of_one(tmp_path: Path) -> None:
    votes = tmp_path / "unvotes.csv"
    text = (FIXTURES / "unga" / "unvotes.csv").read_text().splitlines()
    votes.write_text("\n".join([text[0], *[ln for ln in text[1:] if ",KZ," in ln]]) + "\n")
    for companion in ("roll_calls.csv", "issues.csv"):
        shutil.copy(FIXTURES / "unga" / companion, tmp_path / companion)
    assert ujym("data", "import", "unvotes", str(votes))[0] == 0
    rc, out, _err = ujym("cohesion", "CSTO")
    assert rc == 0 and "1.000" not in out
    assert "insufficient (1 member present)" in out.replace("\xa0", " ")  # held by no-break spaces
    rc, out, _err = ujym("cohesion", "CSTO", "--format", "csv")
    rows = [ln.split(",") for ln in out.splitlines()]
    head = rows[0]
    assert rc == 0 and len(rows) > 1
    for row in rows[1:]:  # one member present: no figure, and the count that says why
        record = dict(zip(head, row, strict=True))
        assert record["n_members_present"] == "1" and record["status"] == "insufficient"
        assert record["ai"] == "" and record["kappa"] == ""


def test_8_two_imports_at_once_and_leftovers(tmp_path: Path) -> None:
    code = "from ujym.cli.main import main; import sys; sys.exit(main(sys.argv[1:]))"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, "data", "import", "cow_nmc", str(PS / "NMC-60-abridged.csv")],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for _ in range(4)
    ]  # fmt: skip
    for proc in procs:
        _out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and "Traceback" not in err, err
    assert cache.read_cached("cow_nmc", "nmc").height == 6
    cache.recover()
    assert leftovers(cache.data_dir()) == []


def test_9_string_in_a_numeric_column(tmp_path: Path, nmc: None) -> None:
    bad = tmp_path / "NMC-60-abridged.csv"
    bad.write_text((PS / "NMC-60-abridged.csv").read_text().replace("81469000", "lots", 1))
    refused(
        ExitCode.BAD_INPUT,
        "data",
        "import",
        "cow_nmc",
        str(bad),
        expect="row 2, column milex: 'lots' is not a number",
    )


def test_9_invalid_date_and_deep_yaml(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("id: x\nstart: 2021-02-30\n", encoding="utf-8")
    refused(ExitCode.BAD_INPUT, "forecast", str(scenario), expect="s.yaml:2")
    scenario.write_text(deep_yaml(), encoding="utf-8")
    refused(ExitCode.BAD_INPUT, "forecast", str(scenario), expect="nested more than")
    folder = _casebook(tmp_path, "claims/C98.yaml", deep_yaml())
    refused(ExitCode.BAD_INPUT, "casebook", "validate", str(folder), expect="C98.yaml:2")


class _Loop(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        target = {"/a": "/b", "/b": "/a"}.get(self.path, f"http://localhost:{port}/file.csv")
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def loop_server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Loop)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _catalog(tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = (
        '[datasets.cow_nmc]\ntitle = "t"\npublisher = "t"\nversion = "6.0"\ncoverage = "t"\n'
        'licence = "t"\ncitation = "t"\nreader = "cow_nmc"\nformat = "csv"\ntables = ["nmc"]\n'
        f'[[datasets.cow_nmc.files]]\nrole = "data"\nfilename = "NMC-60-abridged.csv"\nurl = "{url}"\n'
    )
    path = tmp_path / "catalog.toml"
    path.write_text(entry, encoding="utf-8")
    monkeypatch.setenv("UJYM_CATALOG", str(path))


def test_9_redirect_loop(tmp_path: Path, nmc: None, loop_server: str, monkeypatch) -> None:
    _catalog(tmp_path, loop_server + "/a", monkeypatch)
    refused(
        ExitCode.DOWNLOAD_FAILED, "data", "pull", "cow_nmc", "--quiet", expect="redirects in a loop"
    )


def test_10_redirect_to_another_host(
    tmp_path: Path, nmc: None, loop_server: str, monkeypatch
) -> None:
    _catalog(tmp_path, loop_server + "/elsewhere", monkeypatch)
    refused(ExitCode.DOWNLOAD_FAILED, "data", "pull", "cow_nmc", "--quiet", expect="another host")


def test_9_corrupted_cached_table(nmc: None) -> None:
    path = cache.table_path("cow_nmc", "nmc")
    path.write_bytes(path.read_bytes()[:-100])
    refused(ExitCode.BAD_INPUT, "capabilities", "CSTO", "--year", "2013", expect="is damaged")


def test_9_data_dir_is_a_file(tmp_path: Path, monkeypatch) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    monkeypatch.setenv("UJYM_DATA_DIR", str(afile))
    rc, _out, err = ujym("data", "status")
    assert rc == ExitCode.BAD_INPUT and len(err.strip().splitlines()) == 1 and "not a folder" in err
    assert afile.read_text() == "x"


def test_10_escape_sequences_are_not_echoed(tmp_path: Path, nmc: None) -> None:
    name = tmp_path / "evil\x1b]0;owned\x07\x1b[2J\x9b31m.csv"
    name.write_text("a,b\n1,2\n")
    line = refused(ExitCode.BAD_INPUT, "data", "import", "cow_nmc", str(name))
    assert "owned" not in line or "\x07" not in line
    assert all(ch.isprintable() for ch in line)


# ---- the newcomer mistakes ----------------------------------------------------------------------


def test_lang_de_is_one_line(nmc: None) -> None:
    refused(ExitCode.BAD_INPUT, "brief", "--lang", "de", expect="'de' is not one of")


def test_align_in_years_without_roll_calls(shared_data: Path) -> None:
    assert ujym("data", "import", "unvotes", str(shared_data / "unvotes_votes.parquet"))[0] == 0
    refused(
        ExitCode.BAD_INPUT,
        "align",
        "KAZ",
        "RUS",
        "--years",
        "2050",
        expect="no roll calls in the years 2050",
    )


def test_check_on_an_empty_cache() -> None:
    line = refused(ExitCode.DATA_MISSING, "check", expect="is empty")
    assert "ujym data import cow_nmc FILE" in line and "claims checked" not in line


def test_passwd_as_un_votes(nmc: None) -> None:
    if not Path("/etc/passwd").is_file():
        pytest.skip("no /etc/passwd")
    refused(
        ExitCode.BAD_INPUT,
        "data",
        "import",
        "unvotes",
        "/etc/passwd",
        expect="not a unvotes votes file",
    )


def test_a_good_import_still_works(shared_data: Path) -> None:
    rc, out, err = ujym("data", "import", "cow_nmc", str(shared_data / "ps_cow_nmc.parquet"))
    assert rc == 0 and "nmc 17,121" in out, err
    assert cache.read_cached("cow_nmc", "nmc").equals(
        pl.read_parquet(shared_data / "ps_cow_nmc.parquet")
        .sort("ccode", "year")
        .cast(cache.read_cached("cow_nmc", "nmc").schema)
    )  # type: ignore[arg-type]


def test_zipfile_module_is_the_standard_one() -> None:
    assert zipfile.ZipFile.__module__ == "zipfile"
