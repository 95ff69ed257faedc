"""The brief: snapshots in each language, its structure, its translations, and ``ujym brief``.

Snapshots live in ``tests/snapshots/`` with the generation time and the ujym version replaced by
placeholders (the figures are static SVG, deterministic, and stay in). After an intended change,
regenerate them with

    UJYM_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/reports/test_brief.py -p no:xdist

and review the diff before committing.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import jinja2.ext
import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from click.testing import CliRunner

from ujym.core import LANGS, Casebook
from ujym.i18n import LOCALES
from ujym.reports.brief import build_brief, render_brief, write_brief

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = ROOT / "tests" / "snapshots"
GENERATED = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)  # fixed, so open periods end the same day
UPDATE = os.environ.get("UJYM_UPDATE_SNAPSHOTS") == "1"
REPORTS = ROOT / "src" / "ujym" / "reports"


# ---- helpers ------------------------------------------------------------------------------


def normalise(html: str) -> str:
    """Strip what changes between runs without changing the page: time, version."""
    html = re.sub(
        r'<time class="generated" datetime="[^"]*">[^<]*</time>',
        '<time class="generated" datetime="GENERATED">GENERATED</time>',
        html,
    )
    return re.sub(
        r'<span class="ujym-version">[^<]*</span>',
        '<span class="ujym-version">VERSION</span>',
        html,
    )


def check_snapshot(name: str, html: str) -> None:
    path = SNAPSHOTS / name
    text = normalise(html)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.is_file():
        pytest.fail(f"no snapshot {path.name}: run UJYM_UPDATE_SNAPSHOTS=1 pytest {__file__}")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        old, new = expected.splitlines(), text.splitlines()
        first = next(
            (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
            min(len(old), len(new)),
        )
        got = new[first] if first < len(new) else "<end>"
        pytest.fail(
            f"{path.name} differs from the snapshot at line {first + 1}:\n"
            f"  expected: {old[first] if first < len(old) else '<end>'}\n"
            f"  got:      {got}\n"
            "If the change is intended, regenerate with UJYM_UPDATE_SNAPSHOTS=1 and review the diff."
        )


class Outline(HTMLParser):
    """Collects what the structure tests look at: ids, classes, headings and their order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.member_sections: list[str] = []
        self.claim_rows: list[str] = []
        self.regularities = 0
        self.headings: list[tuple[str, str]] = []  # (tag, text) of interface headings
        self.top_level: list[str] = []  # ids/tags of <body>'s children, in order
        self.src_attrs: list[str] = []
        self.html_lang: str | None = None
        self._text: list[str] | None = None
        self._tag: str | None = None

    def _in(self, tag: str, cls: str | None = None) -> bool:
        return any(t == tag and (cls is None or cls in a.get("class", "")) for t, a in self.stack)

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if "src" in attrs:
            self.src_attrs.append(attrs["src"])
        if self.stack and self.stack[-1][0] == "body":
            self.top_level.append(attrs.get("id") or tag)
        if tag == "section" and "member" in attrs.get("class", "").split():
            self.member_sections.append(attrs["id"])
        if tag == "tr" and attrs.get("id", "").startswith("claim-") and self._in("table", "claims"):
            self.claim_rows.append(attrs["id"].removeprefix("claim-"))
        if tag == "li" and self._in("ol", "regularities"):
            self.regularities += 1
        interface_th = tag == "th" and self._in("thead")
        if tag in {"h1", "h2", "h3", "h4", "caption", "dt", "title"} or interface_th:
            self._text, self._tag = [], tag
        if tag not in {"meta", "br", "link", "img", "input"}:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if self._text is not None and tag == self._tag:
            self.headings.append((tag, " ".join("".join(self._text).split())))
            self._text = self._tag = None
        while self.stack:
            t, _a = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def outline(html: str) -> Outline:
    o = Outline()
    o.feed(html)
    return o


def embedded_casebook() -> Casebook:
    from ujym.sources.casebook import load_casebook

    return load_casebook()


# ---- the small casebook (tests/reports/conftest.py) ----------------------------------------


@pytest.fixture(scope="module")
def small_pages(small_casebook: Casebook) -> dict[str, str]:
    return {lang: render_brief(small_casebook, lang, generated=GENERATED) for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_snapshot_small_casebook(small_pages: dict[str, str], lang: str) -> None:
    check_snapshot(f"brief-small-{lang}.html", small_pages[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_structure(small_pages: dict[str, str], small_casebook: Casebook, lang: str) -> None:
    html = small_pages[lang]
    o = outline(html)
    assert o.html_lang == lang
    assert o.member_sections == [f"member-{a.id}" for a in small_casebook.members]
    assert len(o.member_sections) == 6
    assert o.claim_rows == [c.id for c in sorted(small_casebook.claims, key=lambda c: c.number)]
    assert o.regularities == 3
    # the page ends with its sources
    assert o.top_level[-1] == "sources", o.top_level
    footer = html[html.index('<footer id="sources">') :]
    art = small_casebook.article
    evidence = [d[lang].replace("'", "&#39;") for d in art.dating_evidence]  # the reader's language
    for needle in (art.file, art.sha256, *evidence):
        assert needle in footer
    for sid in ("csto-charter", "collective-security-treaty", "nato-pfp"):
        assert f'id="src-{sid}"' in footer
    assert "https://www.nato.int/cps/en/natohq/topics_50349.htm" in footer
    assert '<time class="generated" datetime="2026-01-01T12:00:00+00:00">' in footer
    assert 'class="ujym-version"' in footer


@pytest.mark.parametrize("lang", LANGS)
def test_offline_and_chart_static(small_pages: dict[str, str], lang: str) -> None:
    html = small_pages[lang]
    o = outline(html)
    assert o.src_attrs == []  # no script, image or frame is fetched
    assert "<link" not in html and "@import" not in html
    assert re.findall(r"url\((?!#)", html) == []  # only references inside the SVG (clip paths)
    assert "default-src 'none'" in html  # the browser refuses any request the page might make
    assert "script-src 'none'" in html and "<script" not in html and "unsafe-eval" not in html
    figure = html[html.index('<figure class="chart" id="memberships-chart">') :]
    figure = figure[: figure.index("</figure>")]
    assert figure.count("<svg ") == 1 and 'role="img"' in figure
    assert "<title>" in figure  # each bar names its period, shown when pointing at it
    assert len(html) < 1_000_000  # no chart library inlined
    assert '<table class="memberships">' in html  # the accessible fallback


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_untranslated_headings(small_pages: dict[str, str], lang: str) -> None:
    english = {text for _tag, text in outline(small_pages["en"]).headings}
    mine = outline(small_pages[lang]).headings
    assert len(mine) > 40
    same = [(tag, text) for tag, text in mine if text in english and text not in {"SHA-256"}]
    assert not same, f"English headings left in the {lang} brief: {same}"
    # the chart's legend is interface text too, kept as text in the SVG
    legend = {"kk": "мүше", "ru": "член"}[lang]
    assert f">{legend}</text>" in small_pages[lang]
    assert ">member</text>" in small_pages["en"]


def test_outside_the_article_is_marked(small_pages: dict[str, str]) -> None:
    en, kk, ru = small_pages["en"], small_pages["kk"], small_pages["ru"]
    assert "outside the article: <a" in en
    assert "мақаладан тыс: <a" in kk
    assert "вне статьи: <a" in ru
    # the outside source of a statement shows its title and URL next to it
    assert re.search(r"NATO: Partnership for Peace programme</a>, partners \(<a class=\"url\"", en)


def test_claims_carry_status_and_evidence(small_casebook: Casebook) -> None:
    page = build_brief(small_casebook, "ru", generated=GENERATED)
    assert [c.status_label for c in page.claims] == ["ещё не проверено"] * 3
    assert page.claims[0].evidence == "голосования в Генеральной Ассамблее ООН"
    assert page.claims_count == "3 утверждения"
    # a later verdict column is one more Column and one more cell
    assert [c.key for c in page.claim_columns][-1] == "status"


def test_forces_and_contributions_kept_apart(small_casebook: Casebook) -> None:
    page = build_brief(small_casebook, "kk", generated=GENERATED)
    assert [(f.item, f.value, f.as_printed) for f in page.forces] == [
        ("тұрақты әскер саны", "77\xa0000", "77 мың адамүһ"),
        ("тікұшақ", "500", "500 тікұшақ"),
    ]
    assert [c.cite.label for c in page.contributions] == ["L278–280 [6]", "L285–287 [16]"]
    kaz = next(m for m in page.members if m.id == "KAZ")
    assert kaz.counts == "7 мәлімдеме · 2 тұжырым · 2 ұйым"


def test_plural_forms_in_russian(small_casebook: Casebook) -> None:
    page = build_brief(small_casebook, "ru", generated=GENERATED)
    counts = {m.id: m.counts for m in page.members}
    assert counts["RUS"] == "4 положения · 2 утверждения · 1 организация"
    assert counts["BLR"] == "0 положений · 1 утверждение · 1 организация"
    assert counts["KAZ"] == "7 положений · 2 утверждения · 2 организации"


def test_write_brief_is_atomic(small_casebook: Casebook, tmp_path: Path) -> None:
    target = tmp_path / "out" / "brief.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    written = write_brief(small_casebook, "en", target, generated=GENERATED)
    assert written == target
    assert target.read_text(encoding="utf-8") == render_brief(
        small_casebook, "en", generated=GENERATED
    )
    assert [p.name for p in target.parent.iterdir()] == ["brief.html"]  # no temporary left


def test_failed_write_leaves_the_old_file(
    small_casebook: Casebook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.html"
    target.write_text("old", encoding="utf-8")

    def boom(*args: object, **kwargs: object) -> str:
        raise RuntimeError("render failed")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(RuntimeError):
        write_brief(small_casebook, "en", target, generated=GENERATED)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.html"]


# ---- the embedded casebook ----------------------------------------------------------------


@pytest.fixture(scope="module")
def embedded_pages() -> dict[str, tuple[Casebook, str]]:
    cb = embedded_casebook()
    return {lang: (cb, render_brief(cb, lang, generated=GENERATED)) for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_snapshot_embedded_casebook(
    embedded_pages: dict[str, tuple[Casebook, str]], lang: str
) -> None:
    check_snapshot(f"brief-{lang}.html", embedded_pages[lang][1])


@pytest.mark.parametrize("lang", LANGS)
def test_structure_embedded(embedded_pages: dict[str, tuple[Casebook, str]], lang: str) -> None:
    cb, html = embedded_pages[lang]
    o = outline(html)
    assert o.html_lang == lang
    assert o.member_sections == [f"member-{c}" for c in ("RUS", "ARM", "BLR", "KAZ", "KGZ", "TJK")]
    assert o.claim_rows == [f"C{n}" for n in range(1, len(cb.claims) + 1)]
    assert len(o.claim_rows) == 47
    assert o.regularities == 3
    assert o.top_level[-1] == "sources"
    if lang != "en":
        english = {text for _tag, text in outline(embedded_pages["en"][1]).headings}
        same = [h for h in o.headings if h[1] in english and h[1] != "SHA-256"]
        assert not same, same


# ---- translations -------------------------------------------------------------------------


def _brief_msgids() -> set[str]:
    ids: set[str] = set()
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    for f in (REPORTS / "brief.py", ROOT / "src" / "ujym" / "cli" / "brief.py"):
        for _l, msg, _c, _x in extract_from_file("python", f, keywords=keywords):
            ids.add(msg if isinstance(msg, str) else msg[0])
    for f in (REPORTS / "templates").glob("*.j2"):
        options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "1", "lstrip_blocks": "1"}
        for _l, msg, _c, _x in extract_from_file(jinja2.ext.babel_extract, f, options=options):
            ids.add(msg if isinstance(msg, str) else msg[0])
    return ids


@pytest.mark.parametrize("lang", LANGS)
def test_every_brief_msgid_is_translated(lang: str) -> None:
    with (LOCALES / lang / "LC_MESSAGES" / "ujym.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    ids = _brief_msgids()
    assert len(ids) > 90
    missing, untranslated = [], []
    for msgid in sorted(ids):
        msg = next((m for m in catalog if m.id and (m.id == msgid or m.id[0] == msgid)), None)
        if msg is None:
            missing.append(msgid)
            continue
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        same = lang != "en" and strings[0] == msgid and msgid not in {"SHA-256"}
        if not all(strings) or same:
            untranslated.append(msgid)
    assert not missing, f"missing from {lang}/ujym.po: {missing}"
    assert not untranslated, f"untranslated in {lang}/ujym.po: {untranslated}"


# ---- ujym brief ---------------------------------------------------------------------------


@pytest.fixture
def cli_with_small_casebook(small_casebook: Casebook, monkeypatch: pytest.MonkeyPatch):
    # ujym.sources.groups binds the real loader before the patch: imported first under the patch,
    # it kept the small casebook for later tests, which then lost the group 'EU'
    import ujym.sources.casebook as loader
    import ujym.sources.groups  # noqa: F401
    from ujym.cli.main import cli

    monkeypatch.setattr(loader, "load_casebook", lambda *a, **k: small_casebook)
    return cli


def test_cli_writes_the_brief(cli_with_small_casebook, tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    result = CliRunner().invoke(
        cli_with_small_casebook, ["brief", "--lang", "ru", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert '<html lang="ru">' in html and "Справка: ОДКБ и её члены" in html
    assert "Справка записана в" in result.output
    assert str(out) in result.output.replace("\n", "")
    for name in ("Россия", "Армения", "Беларусь", "Казахстан", "Киргизия", "Таджикистан"):
        assert name in result.output
    assert "3 утверждения" in result.output


def test_cli_default_out_is_per_language(
    cli_with_small_casebook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli_with_small_casebook, ["brief", "--lang", "kk"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "brief-kk.html").is_file()
    assert "Анықтама жазылды" in result.output
    result = runner.invoke(cli_with_small_casebook, ["brief"])  # UJYM_LANG=en in tests
    assert result.exit_code == 0, result.output
    assert (tmp_path / "brief-en.html").is_file()


def test_cli_reports_a_broken_casebook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import ujym.sources.casebook as loader
    from ujym.cli.main import cli

    def broken(*a: object, **k: object) -> Casebook:
        raise loader.CasebookError([loader.Problem("actors/KAZ.yaml", 3, "bad", "fix it")])

    monkeypatch.setattr(loader, "load_casebook", broken)
    out = tmp_path / "brief.html"
    result = CliRunner().invoke(cli, ["brief", "--out", str(out)])
    assert result.exit_code == 1
    assert "actors/KAZ.yaml" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
