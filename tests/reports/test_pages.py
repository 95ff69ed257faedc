"""The page layer: every registered page extends the one base page and ends with the sources and
licences of the data behind it; pages carry no script and link only to the web."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import pandas as pd
import pytest
from markupsafe import escape

from ujym.core import Casebook
from ujym.reports.pages import page_names, render_page
from ujym.reports.safety import safe_url
from ujym.sources.catalog import get_dataset

GENERATED = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k in ("href", "xlink:href", "src", "action")]


def check_safe(html: str) -> None:
    """No script anywhere, a policy that forbids it, and links only to http(s), mailto or #."""
    assert "<script" not in html.lower()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    assert "script-src 'none'" in csp.group(1) and "default-src 'none'" in csp.group(1)
    assert "unsafe-eval" not in csp.group(1)
    assert not re.search(r"script-src[^;]*unsafe-inline", csp.group(1))
    links = Links()
    links.feed(html)
    assert "script" not in links.tags and "iframe" not in links.tags
    for href in links.hrefs:
        assert href.startswith("#") or safe_url(href) == href, href


def test_every_page_has_an_example(examples: dict[str, Any]) -> None:
    assert set(examples) == set(page_names())
    assert {"brief", "forecast", "alignment", "ideal"} <= set(page_names())


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_page_extends_the_base_and_cites_its_data(
    examples: dict[str, Callable[[], dict[str, Any]]], lang: str
) -> None:
    for name in page_names():
        page = render_page(name, lang=lang, generated=GENERATED, **examples[name]())
        html = page.html
        assert html.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in html
        assert f'<body class="ujym-page page-{name}">' in html  # the one base page
        assert html.count('<footer id="sources">') == 1
        footer = html[html.index('<footer id="sources">') :]
        assert footer.rstrip().endswith("</html>")
        refs = [r for p in page.provenance for r in p.datasets]
        assert refs, f"the {name} page names no dataset in this example"
        for ref in refs:
            ds = get_dataset(ref.id)
            assert str(escape(ds.citation)) in footer, (name, ref.id)
            assert str(escape(ds.licence)) in footer, (name, ref.id)
        if any(p.casebook for p in page.provenance):
            assert 'class="article-record"' in footer
        assert "MIT" in footer  # ujym's own licence, on every page
        assert '<time class="generated" datetime="2026-01-01T12:00:00+00:00">' in footer
        check_safe(html)
        assert page.fragment.startswith('<main id="main">') and page.fragment.endswith("</footer>")


def test_the_footer_is_in_the_reader_language(examples: dict[str, Any]) -> None:
    kk = render_page("alignment", lang="kk", **examples["alignment"]()).html
    ru = render_page("alignment", lang="ru", **examples["alignment"]()).html
    assert "<h3>Деректер жиындары</h3>" in kk and "<dt>Лицензия</dt>" in kk
    assert "<h3>Наборы данных</h3>" in ru and "<dt>Лицензия</dt>" in ru
    assert "свободное программное обеспечение по лицензии MIT" in ru


def test_pages_name_the_subject_from_the_casebook(
    small_casebook: Casebook, ideal_points: pd.DataFrame
) -> None:
    """The organisation is the casebook's subject: another subject gives another page."""
    other = small_casebook.model_copy(
        update={
            "article": small_casebook.article.model_copy(update={"subject": "NATO"}),
            "memberships": tuple(  # a made-up alliance: Russia, Armenia and Kazakhstan in NATO
                m.model_copy(update={"organisation": "NATO"})
                for m in small_casebook.memberships
                if m.organisation == "CSTO" and m.actor in ("RUS", "ARM", "KAZ")
            ),
        }
    )
    brief = render_page("brief", lang="en", casebook=other).html
    assert "<title>Brief: NATO and its members</title>" in brief
    section = brief[brief.index('<section id="memberships">') :]
    section = section[: section.index("</section>")]
    assert ">NATO</text>" in section and "CSTO" not in section  # the subject's column, no other
    ideal = render_page("ideal", lang="ru", ideal=ideal_points, casebook=other)
    assert ideal.title == "Идеальные точки членов НАТО в Генеральной Ассамблее ООН, 2010–2019"
    assert "Показаны члены: Россия, Армения, Казахстан." in ideal.html


def test_a_javascript_url_is_shown_as_text(small_casebook: Casebook) -> None:
    hostile = small_casebook.model_copy(
        update={
            "sources": tuple(
                s.model_copy(update={"url": "javascript:alert(1)"}) if s.id == "nato-pfp" else s
                for s in small_casebook.sources
            )
        }
    )
    for lang in ("kk", "en"):
        html = render_page("brief", lang=lang, casebook=hostile).html
        assert 'href="javascript' not in html.lower()
        assert '<span class="url">javascript:alert(1)</span>' in html  # shown, not linked
        check_safe(html)


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:x",
     "data:text/html,<b>x</b>", "file:///etc/passwd", "//evil.example/x", "vbscript:x", ""],
)  # fmt: skip
def test_only_web_and_mail_urls_become_links(url: str) -> None:
    from ujym.reports.safety import link

    assert safe_url(url) is None
    assert "<a " not in str(link(url))


def test_web_and_mail_urls_stay_links() -> None:
    for url in ("https://example.org/a?b=1&c=2", "http://www.atopdata.org/data.html",
                "mailto:someone@example.org"):  # fmt: skip
        assert safe_url(url) == url
