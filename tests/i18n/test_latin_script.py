"""Every word a Kazakh or Russian reader sees is in Kazakh or Russian (issue 13, item 1).

Each output is rendered in kk and ru on the real datasets of ``../shared/data`` imported into
one cache for this module: the brief, the alignment, ideal-point and forecast pages, and the
terminal output of every command. A Latin-script word outside the allow-list of
``readers_text.py`` (names, codes, citations) fails the test, naming the words. A second test
fails when any output, in any language, holds an editorial note of the casebook (notes for its
maintainers, never rendered).
"""

from __future__ import annotations

import io
import re
import shutil
import socket
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from hashlib import sha256
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from readers_text import editorial_notes, latin_words, leaked_notes, page_text, svg_text
from real_cache import _imported_cache, _real_data  # noqa: F401  (fixtures)

from _hostile import billion_laughs, deep_yaml
from ujym.cli.main import cli
from ujym.sources.casebook import load_casebook
from ujym.sources.catalog import load_catalog

TERMINAL = {
    "align": ["align", "KAZ", "RUS", "--years", "2005-2020"],
    "cohesion": ["cohesion", "--years", "2008-2020"],
    "capabilities": ["capabilities", "--year", "2013"],
    "memberships": ["memberships", "KAZ"],
    "casebook show KAZ": ["casebook", "show", "KAZ"],
    "casebook show CSTO": ["casebook", "show", "CSTO"],
    "casebook show FRA": ["casebook", "show", "FRA"],
    "casebook claims": ["casebook", "claims"],
    "check": ["check"],
    "ideal": ["ideal", "--from", "2010", "--to", "2013"],
    "forecast": ["forecast", "csto-new-type", "--runs", "50"],
    "data status": ["data", "status"],
    "data codes": ["data", "codes", "yemen"],
    "forecast --list": ["forecast", "--list"],
    "casebook validate": ["casebook", "validate"],
}
"""Every command that prints a table, as a reader runs it (on the imported data)."""

PAGES = {
    "brief": ["brief", "--out", "{out}"],  # without its claims section (below)
    "alignment": ["plot-alignment", "KAZ", "--years", "2005-2019", "--out", "{out}"],
    "ideal": ["ideal", "--from", "2010", "--to", "2013", "--plot", "{out}"],
    "forecast": ["forecast", "csto-new-type", "--runs", "50", "--out", "{out}"],
}
"""Every HTML page ujym writes."""

LEAKS_ELSEWHERE: dict[tuple[str, str], str] = {}
"""Outputs whose leaks are other workstreams' to fix (their files; strict xfail until they do).
Named per output and workstream, so that a fix there turns the xfail into a failure here."""


def _ids() -> frozenset[str]:
    """Identifiers a reader types, allowed as typed: dataset ids (`ujym data pull cow_nmc`) and
    scenario names; and the datasets' versions as their publishers label them (dataset records,
    like the footer's)."""
    from ujym.sources.catalog import load_bundled
    from ujym.sources.scenarios import shipped_scenarios

    catalog = {**load_catalog(), **load_bundled()}  # bundled: the crosswalk's cow_states
    return frozenset([*catalog, *(d.version for d in catalog.values()), *shipped_scenarios()])


def run(args: list[str], lang: str, columns: int = 80) -> str:
    res = CliRunner().invoke(cli, [*args, "--lang", lang], env={"COLUMNS": str(columns)})
    assert res.exit_code == 0, (args, lang, res.output)
    return res.output


def _mark(kind: str, name: str) -> list[pytest.MarkDecorator]:
    owner = LEAKS_ELSEWHERE.get((kind, name))
    return (
        [pytest.mark.xfail(strict=True, reason=f"leaks English; owned by {owner}")] if owner else []
    )


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("name", [pytest.param(n, marks=_mark("terminal", n)) for n in TERMINAL])
def test_terminal_output_is_in_the_readers_language(real_data: Path, name: str, lang: str) -> None:
    words = latin_words(run(TERMINAL[name], lang, columns=200), _ids())
    assert not words, f"{name} --lang {lang}: Latin-script words {sorted(set(words))}"


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("name", [pytest.param(n, marks=_mark("page", n)) for n in PAGES])
def test_pages_are_in_the_readers_language(
    real_data: Path, tmp_path: Path, name: str, lang: str
) -> None:
    out = tmp_path / f"{name}.html"
    run([a.replace("{out}", str(out)) for a in PAGES[name]], lang)
    html = without_claims(out.read_text(encoding="utf-8"))
    words = latin_words(page_text(html) + " " + svg_text(html), _ids())
    assert not words, f"{name} page in {lang}: Latin-script words {sorted(set(words))}"


def without_claims(html: str) -> str:
    """The page without the brief's claims section (tested on its own below)."""
    return re.sub(r'<section id="claims">.*?</section>', "", html, flags=re.S)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_briefs_claims_section_is_in_the_readers_language(
    real_data: Path, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / "brief.html"
    run(["brief", "--out", str(out)], lang)
    section = re.search(r'<section id="claims">.*?</section>', out.read_text(), flags=re.S)
    assert section is not None
    words = latin_words(page_text(section.group(0)), _ids())
    assert not words, f"the brief's claims in {lang}: Latin-script words {sorted(set(words))}"


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_no_reader_output_holds_an_editorial_note(
    real_data: Path, tmp_path: Path, lang: str
) -> None:
    notes = editorial_notes(load_casebook())
    assert len(notes) > 100  # the casebook's maintainers' notes are found (the test can fail)
    texts = [run(TERMINAL[n], lang, columns=200) for n in ("casebook show KAZ", "memberships")]
    texts += [run(["casebook", "show", code], lang, 200) for code in ("CSTO", "CIS", "TJK")]
    out = tmp_path / "brief.html"
    run(["brief", "--out", str(out)], lang)
    texts.append(page_text(out.read_text(encoding="utf-8")))
    leaked = [n for text in texts for n in leaked_notes(text, notes, shortest=40)]
    assert not leaked, f"editorial notes shown to readers ({lang}): {leaked[:3]}"


def _typed() -> frozenset[str]:
    """What ``--help`` and error lines show as a user types it: command names, metavars
    (``SCENARIO``, ``INTEGER``), option values (``[kk|ru|en]``), measure names, group ids and
    the ids of :func:`_ids`."""
    from ujym.cli.reference import commands
    from ujym.engines.alignment import MEASURES
    from ujym.sources.groups import known_groups

    words: set[str] = {*_ids(), *MEASURES, "UJYM_CASEBOOK", "UJYM_LANG", "UJYM_SEED"}
    words.update(g.id for g in known_groups())  # group ids: CSTO, EURASEC, UNION-STATE
    for path, command in commands():
        words.update(path.split())
        ctx = click.Context(command, info_name=path.split()[-1])
        for param in command.params:
            words.update(re.findall(r"[A-Za-z_]+", param.make_metavar(ctx)))
            words.update(str(c) for c in getattr(param.type, "choices", ()))
    return frozenset(words)


def help_text(args: list[str], env: dict[str, str] | None = None) -> str:
    """``ujym ARGS`` (a ``--help``) as a user sees it, unwrapped (200 columns: an option name is
    not split at its hyphen)."""
    res = CliRunner().invoke(
        cli, args, env=env, prog_name="ujym", terminal_width=200, max_content_width=200
    )
    assert res.exit_code == 0, (args, res.output)
    return res.output


def _help_paths() -> list[str]:
    from ujym.cli.reference import commands

    return [path for path, _command in commands()]


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("path", _help_paths())
def test_help_is_in_the_readers_language(path: str, lang: str) -> None:
    """``--help`` of every command, ``--lang`` after ``--help`` (read before click parses)."""
    text = help_text([*path.split()[1:], "--help", "--lang", lang])
    words = latin_words(text, _typed())
    assert not words, f"{path} --help --lang {lang}: Latin-script words {sorted(set(words))}"


def test_english_help_is_caught_and_the_language_comes_from_anywhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The help test can fail (English help has Latin-script words), and the language of help
    comes from --lang before the command, UJYM_LANG or the locale."""
    assert len(latin_words(help_text(["check", "--help", "--lang", "en"]), _typed())) > 50
    kk = "Мақаланың тұжырымдарын кэштегі деректермен тексеру."
    assert kk in help_text(["--lang", "kk", "check", "--help"])
    monkeypatch.delenv("UJYM_LANG", raising=False)
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    assert kk in help_text(["check", "--help"], {"UJYM_LANG": "kk"})
    assert kk in help_text(["check", "--help"], {"LANG": "kk_KZ.UTF-8"})
    ru = help_text(["--help"], {"UJYM_LANG": "ru"})
    assert ru.startswith("Использование: ujym [ПАРАМЕТРЫ] КОМАНДА [АРГУМЕНТЫ]...")
    assert "Проверить утверждения статьи по данным в кэше." in ru  # the commands' summaries


MISTAKES = {
    "unknown state": ["align", "XXX", "RUS"],
    "unknown group": ["capabilities", "XXX"],
    "unknown dataset": ["data", "pull", "nope"],
    "not a votes dataset": ["align", "KAZ", "RUS", "--dataset", "nope"],
    "unknown scenario": ["forecast", "nope"],
    "votes not imported": ["align", "KAZ", "RUS"],
    "capabilities not imported": ["capabilities", "CSTO", "--year", "2013"],
    "unknown command": ["nope"],
    "unknown option": ["align", "KAZ", "RUS", "--nope"],
    "missing argument": ["align", "KAZ"],
    "value not a choice": ["align", "KAZ", "RUS", "--by", "nope"],
    "value not a number": ["capabilities", "--year", "nope"],
}
"""Common mistakes of a new user, each a one-line error (on an empty data cache)."""


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("name", list(MISTAKES))
def test_error_lines_are_in_the_readers_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, lang: str
) -> None:
    monkeypatch.setenv("UJYM_DATA_DIR", str(tmp_path))
    res = CliRunner().invoke(cli, [*MISTAKES[name], "--lang", lang], prog_name="ujym")
    assert res.exit_code != 0 and len(res.output.strip().splitlines()) == 1, res.output
    words = latin_words(res.output, _typed() | {"nope"})  # the user's own value, as typed
    assert not words, f"{name} ({lang}): {res.output.strip()}: Latin-script words {words}"


VOETEN_ENTRY = """
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
"""The catalog entry of Voeten's votes at a test address (as tests/sources/test_download.py)."""

VOETEN_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "unga" / "voeten_votes.csv"
NMC_COLUMNS = ["stateabb", "ccode", "year", "milex", "milper", "irst", "pec", "tpop", "upop",
               "cinc", "version"]  # fmt: skip


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serving(body: bytes) -> Iterator[str]:
    """A real HTTP server on the loopback interface serving ``body`` at every path."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _catalog(folder: Path, monkeypatch: pytest.MonkeyPatch, url: str, sha256: str) -> None:
    path = folder / "catalog.toml"
    path.write_text(VOETEN_ENTRY.format(url=url, sha=sha256), encoding="utf-8")
    monkeypatch.setenv("UJYM_CATALOG", str(path))


def _nmc_zip(path: Path) -> Path:
    """The publisher's zip of NMC, cut in half (a download that stopped)."""
    rows = "".join(f"KAZ,705,{y},1,1,1,1,1,1,0.001,6.0\n" for y in range(1992, 2017))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("NMC-60-abridged.csv", ",".join(NMC_COLUMNS) + "\n" + rows * 20)
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    return path


def _typed_parquet(path: Path) -> Path:
    """NMC's columns as a Parquet file, with a state's letters where its COW code belongs."""
    import polars as pl

    frame = pl.DataFrame({c: ["1"] for c in NMC_COLUMNS}).with_columns(
        pl.lit("KAZ").alias("ccode"), pl.lit("2013").alias("year")
    )
    frame.write_parquet(path)
    return path


def _data_mistake(name: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Prepare the files (or the unreachable publisher) of a data mistake; return the command."""
    if name == "a CSV with the wrong columns":
        (folder / "wrong.csv").write_bytes(b"a,b\n1,2\n")
        return ["data", "import", "unvotes", str(folder / "wrong.csv")]
    if name == "a damaged zip":
        return ["data", "import", "cow_nmc", str(_nmc_zip(folder / "NMC-6.0.zip"))]
    if name == "an empty file":
        (folder / "empty.csv").write_bytes(b"")
        return ["data", "import", "cow_nmc", str(folder / "empty.csv")]
    if name == "a Parquet file of another dataset":
        import polars as pl

        pl.DataFrame({"rcid": [1], "vote": [1]}).write_parquet(folder / "votes.parquet")
        return ["data", "import", "cow_nmc", str(folder / "votes.parquet")]
    if name == "a Parquet file with a wrong schema":
        return ["data", "import", "cow_nmc", str(_typed_parquet(folder / "nmc.parquet"))]
    if name == "the votes without their roll calls":
        (folder / "unvotes.csv").write_bytes((VOETEN_FIXTURE.parent / "unvotes.csv").read_bytes())
        return ["data", "import", "unvotes", str(folder / "unvotes.csv")]
    if name == "the publisher cannot be reached":
        _catalog(folder, monkeypatch, f"http://127.0.0.1:{_closed_port()}/voeten_votes.csv", "")
        return ["data", "pull", "voeten_votes"]
    raise AssertionError(name)


DATA_MISTAKES = [
    "a CSV with the wrong columns",
    "a damaged zip",
    "an empty file",
    "a Parquet file of another dataset",
    "a Parquet file with a wrong schema",
    "the votes without their roll calls",
    "the publisher cannot be reached",
]
"""A newcomer's data mistakes, each refused with one line (``ujym data import`` / ``pull``)."""

DATA_TYPED = frozenset(
    {*NMC_COLUMNS, "rcid", "vote", "country", "country_code", "ujym/data/schemas.toml",
     "KAZ", "FILE"}
)  # fmt: skip
"""What the data errors show as typed: columns, the schema file a user may read, the value."""


def _data_line(args: list[str], lang: str) -> str:
    res = CliRunner().invoke(cli, [*args, "--lang", lang], prog_name="ujym")
    assert res.exit_code in (2, 4), res.output  # bad input, or the download failed
    assert len(res.output.strip().splitlines()) == 1, res.output
    return res.output


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("name", DATA_MISTAKES)
def test_a_data_mistake_is_named_in_the_readers_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, lang: str
) -> None:
    """``ujym data import`` / ``pull`` refusing a newcomer's file in the reader's language (the
    file, the dataset id, the columns and the command to type stay as typed)."""
    monkeypatch.setenv("UJYM_DATA_DIR", str(tmp_path / "cache"))
    args = _data_mistake(name, tmp_path, monkeypatch)
    typed = _typed() | DATA_TYPED
    assert len(latin_words(_data_line(args, "en"), typed)) >= 3  # the detector sees English
    line = _data_line(args, lang)
    words = latin_words(line, typed)
    assert not words, f"{name} ({lang}): {line.strip()}: Latin-script words {words}"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_checksum_mismatch_is_named_in_the_readers_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """A download whose bytes differ from the catalog's checksum, refused in the reader's
    language (exit 4, the cache untouched)."""
    monkeypatch.setenv("UJYM_DATA_DIR", str(tmp_path / "cache"))
    good = VOETEN_FIXTURE.read_bytes()
    with _serving(good.replace(b"1992", b"1892", 1)) as base:
        _catalog(tmp_path, monkeypatch, f"{base}/voeten_votes.csv", sha256(good).hexdigest())
        english = _data_line(["data", "pull", "voeten_votes"], "en")
        line = _data_line(["data", "pull", "voeten_votes"], lang)
    assert english.strip().startswith("Error: checksum mismatch for voeten_votes.csv"), english
    assert len(latin_words(english, _typed())) >= 3
    words = latin_words(line, _typed())
    assert not words, f"checksum mismatch ({lang}): {line.strip()}: Latin-script words {words}"
    assert not (tmp_path / "cache" / "voeten_votes" / "tables").exists()


def _bad_casebook(folder: Path) -> Path:
    """A copy of the shipped casebook with a missing translation, an unknown key, a wrong type
    and a key written twice."""
    from ujym.sources.casebook import default_casebook_dir

    root = folder / "casebook"
    shutil.copytree(default_casebook_dir(), root)
    kaz, rus = root / "actors" / "KAZ.yaml", root / "actors" / "RUS.yaml"
    text = kaz.read_text(encoding="utf-8")
    text = text.replace("short: {kk: Қазақстан, ", "short: {", 1).replace(
        "ccode: 705", "ccode: seven", 1
    )
    kaz.write_text(text.replace("\nkind: state\n", "\nkind: state\ncolour: blue\n", 1), "utf-8")
    rus.write_text(rus.read_text("utf-8").replace("kind: state", "kind: state\nkind: state", 1))
    return root


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_validator_messages_are_in_the_readers_language(tmp_path: Path, lang: str) -> None:
    """``ujym casebook validate`` on a bad file: the problems in the reader's language; the file,
    line and field stay as typed."""
    root = _bad_casebook(tmp_path)
    fields = frozenset({"short", "kk", "colour", "codes", "ccode", "kind"})
    english = CliRunner().invoke(cli, ["casebook", "validate", str(root), "--lang", "en"])
    assert english.exit_code == 1 and len(latin_words(english.output, fields)) > 30  # can fail
    res = CliRunner().invoke(
        cli, ["casebook", "validate", str(root), "--lang", lang], env={"COLUMNS": "200"}
    )
    assert res.exit_code == 1, res.output
    problems = [line for line in res.output.splitlines() if line.startswith("actors/")]
    assert len(problems) == 4, res.output  # each named by file:line
    assert all(re.match(r"actors/(KAZ|RUS)\.yaml:\d+: ", line) for line in problems)
    words = latin_words(res.output, fields)
    assert not words, f"casebook validate --lang {lang}: Latin-script words {words}"


MEMBERSHIP_ROWS = """\
  - actor: KAZ
    status: member
    period: {start: 1992-05-15, end: 2000-06-30}
    cite: {source: cst}
  - actor: KAZ
    status: suspended
    period: {start: 1999-01-01}
    cite: {source: cst}
  - actor: RUS
    status: withdrawn
    period: {start: 1990-01-01}
    cite: {source: cst}
  - actor: FRX
    status: member
    period: {start: 1993-01-01}
    cite: {source: cst}
"""
"""Rows of the CSTO file with an overlap, an exit before joining and an unknown actor."""


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_validators_rules_are_in_the_readers_language(tmp_path: Path, lang: str) -> None:
    """Problems of the casebook's own rules (periods, actors, a claim's check blocks) in the
    reader's language; keys, ids and files stay as typed."""
    from casebook_helpers import FILES, write_casebook

    head = FILES["organisations/CSTO.yaml"].split("memberships:")[0]
    root = write_casebook(
        tmp_path, **{"organisations/CSTO.yaml": head + "memberships:\n" + MEMBERSHIP_ROWS}
    )
    claim = root / "claims" / "C21.yaml"
    text = claim.read_text(encoding="utf-8")
    claim.write_text(text.split("not_testable:")[0].split("check:")[0], encoding="utf-8")
    typed = frozenset({"check", "not_testable", "KAZ", "RUS", "FRX", "CSTO", "actors", "ujym",
                       "data", "codes", "docs", "casebook.md",
                       "ujym.engines.checks.capabilities.kazakh_troops"})  # fmt: skip

    def problems(language: str) -> list[str]:
        res = CliRunner().invoke(
            cli, ["casebook", "validate", str(root), "--lang", language], env={"COLUMNS": "300"}
        )
        assert res.exit_code == 1, res.output
        return [
            ln for ln in res.output.splitlines() if ln.startswith(("organisations/", "claims/"))
        ]

    english = problems("en")
    # an overlap, an exit before joining, an unknown actor, a claim with no block and C21's
    # registered function without a check: block
    assert len(english) == 5, english
    assert len(latin_words(" ".join(english), typed)) > 30  # the detector sees English
    found = problems(lang)
    assert len(found) == 5, found
    words = latin_words(" ".join(found), typed)
    assert not words, f"casebook validate --lang {lang}: Latin-script words {words}: {found}"


HOSTILE = {
    "alias bomb": billion_laughs().encode(),
    "nested too deep": deep_yaml(200).encode(),
    "not UTF-8": "id: C99\ntext: Россия\n".encode("cp1251"),
    "a forbidden character": b"id: C99\ntext: \x07\n",
}
"""Files ``casebook validate`` cannot read: the first three are refused with one line (exit 2)
before a record is built; the last is listed as a problem at its line (exit 1)."""


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_refused_file_is_named_in_the_readers_language(
    tmp_path: Path, name: str, lang: str
) -> None:
    """What ``casebook validate`` says of a hostile or unreadable file, in the reader's language
    (the file, the limit's variable and the format's name stay as typed)."""
    from ujym.sources.casebook import default_casebook_dir

    root = tmp_path / "casebook"
    shutil.copytree(default_casebook_dir(), root)
    (root / "claims" / "C99.yaml").write_bytes(HOSTILE[name])
    typed = frozenset({"YAML", "UTF"})
    refused = name != "a forbidden character"

    def line(language: str) -> str:
        res = CliRunner().invoke(cli, ["casebook", "validate", str(root), "--lang", language])
        assert res.exit_code == (2 if refused else 1), res.output
        if refused:
            assert len(res.output.strip().splitlines()) == 1, res.output
            return res.output.split(": ", 1)[1]  # after «Қате» / «Ошибка» / «Error»
        (found,) = [ln for ln in res.output.splitlines() if ln.startswith("claims/C99.yaml:")]
        return found

    assert line("en").startswith("claims/C99.yaml:")
    assert len(latin_words(line("en"), typed)) >= 4  # the detector sees the English line
    words = latin_words(line(lang), typed)
    assert not words, f"{name} ({lang}): Latin-script words {words}"


BAD_TABLES = {
    "not a number": b"actor,capability,position,salience\nA,1,0,50\nB,two,10,100\n",
    "a column missing": b"actor,capability,position\nA,1,0\nB,2,10\n",
    "one actor": b"actor,capability,position,salience\nA,1,0,50\n",
    "a row too long": b"actor,capability,position,salience\nA,1,0,50\nB,1,2,3,4,5\n",
    "not UTF-8": "actor,capability,position,salience\nА,1,0,50\nБ,1,2,3\n".encode("cp1251"),
    "a bad range": b"actor,capability,position,salience,position_low,position_high\n"
    b"A,1,0,50,2,5\nB,1,10,50,,\n",
}
"""A user's actor tables ``ujym forecast FILE`` refuses with one line (issue 11's tables)."""


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("name", list(BAD_TABLES))
def test_a_bad_actor_table_is_named_in_the_readers_language(
    tmp_path: Path, name: str, lang: str
) -> None:
    """The one-line error of a bad actor table in the reader's language (the file, the columns
    and the header to type stay as typed)."""
    path = tmp_path / "actors.csv"
    path.write_bytes(BAD_TABLES[name])
    typed = frozenset(
        {"actor", "capability", "position", "salience", "position_low", "UTF", "CSV", "two"}
    )  # fmt: skip  (columns, formats, the user's own value)

    def line(language: str) -> str:
        res = CliRunner().invoke(cli, ["forecast", str(path), "--lang", language])
        assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1, res.output
        return res.output

    assert len(latin_words(line("en"), typed)) >= 3  # the detector sees the English line
    words = latin_words(line(lang), typed)
    assert not words, f"{name} ({lang}): {line(lang).strip()}: Latin-script words {words}"


def test_the_detector_finds_leaks_and_passes_names_and_codes() -> None:
    """The checks this file rests on fail where they should."""
    assert latin_words("КАЗ n_votes s_abs kappa_abs") == ["votes", "abs", "kappa", "abs"]
    assert latin_words("member 1991-12-21– (cis-official)") == ["member", "cis", "official"]
    assert latin_words("Voeten (2013), KAZ, COW 705, L270–274 [15], https://un.org/x") == []
    assert latin_words("`ujym data pull cow_nmc` орындаңыз · cow_nmc", frozenset({"cow_nmc"})) == []
    html = '<p>Ресей <code>n_votes</code> agreement</p><li id="data-x">Harvard note</li>'
    assert latin_words(page_text(html)) == ["agreement"]
    notes = editorial_notes(load_casebook())
    stray = next(n for n in notes if "адамүһ" in n)
    assert leaked_notes(f"кесте {stray} соңы", notes) == [stray]
