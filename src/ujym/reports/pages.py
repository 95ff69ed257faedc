"""The page layer: one Jinja2 environment, one base page, and a registry of page builders.

A page builder is a function registered with :func:`page` that takes a :class:`PageContext`
(language, generation time) and plain keyword parameters (frames, the casebook, results — never
click objects) and returns a :class:`PageContent`: which template, its values, its figures and
the provenance of what it shows. :func:`render_page` runs the builder in the page's language,
builds the sources-and-licence footer from the provenance (:mod:`ujym.reports.footer`), turns
the figures into inline SVG and renders the template, which extends ``base.html.j2``. The CLI
and the web explorer call the same builders.

Examples
--------
>>> sorted(page_names())
['alignment', 'brief', 'forecast', 'ideal']
>>> from ujym.sources.casebook import load_casebook
>>> p = render_page("brief", lang="kk", casebook=load_casebook())   # doctest: +SKIP
>>> p.title                                                          # doctest: +SKIP
'Анықтама: ҰҚШҰ және оның мүшелері'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ujym.core import Casebook, Lang
from ujym.core.errors import UnknownCodeError
from ujym.core.provenance import Provenance
from ujym.i18n import _, format_date, format_number, translations, use_language
from ujym.reports.figures.style import Chart
from ujym.reports.footer import Footer, build_footer
from ujym.reports.safety import CSP, link

TEMPLATES = Path(__file__).parent / "templates"
BASE = "base.html.j2"
_BUILTIN = ("brief", "forecast", "alignment", "ideal")  # modules of ujym.reports holding pages


@dataclass(frozen=True)
class PageContext:
    """What every builder gets: the page's language and its generation time (UTC)."""

    lang: Lang
    generated: datetime


@dataclass(frozen=True)
class PageContent:
    """What a builder returns.

    ``template`` extends ``base.html.j2`` and reads ``context``; ``figures`` (id → chart, the
    first is the page's main figure) reach it as inline SVG in ``figures[id]``. ``provenance``
    lists what the page rests on; ``casebook`` is the casebook used (for the footer's article
    record) and ``cited`` the outside sources the page cites, numbered in that order. ``model``
    is the builder's page model, for callers that print a summary of the same build.
    """

    template: str
    title: str
    provenance: tuple[Provenance, ...]
    context: Mapping[str, Any] = field(default_factory=dict)
    figures: Mapping[str, Chart] = field(default_factory=dict)
    casebook: Casebook | None = None
    cited: tuple[str, ...] = ()
    model: object = None


@dataclass(frozen=True)
class Page:
    """A rendered page: the whole HTML document, its title, the footer and the provenance."""

    name: str
    lang: Lang
    title: str
    html: str
    footer: Footer
    provenance: tuple[Provenance, ...]
    model: object = None

    @property
    def fragment(self) -> str:
        """The page without its document frame (``<main>`` and the footer), to embed in
        another page that carries :func:`stylesheet` and the same policy.
        """
        start = self.html.index('<main id="main">')
        end = self.html.index("</footer>", start) + len("</footer>")
        return self.html[start:end]


Builder = Callable[..., PageContent]
_REGISTRY: dict[str, Builder] = {}


def page(name: str) -> Callable[[Builder], Builder]:
    """Register a page builder under ``name`` (``@page("brief")``)."""

    def register(builder: Builder) -> Builder:
        if name in _REGISTRY and _REGISTRY[name] is not builder:
            raise ValueError(f"a page named {name!r} is already registered")
        _REGISTRY[name] = builder
        return builder

    return register


def _load_builtin() -> None:
    import importlib

    for module in _BUILTIN:
        importlib.import_module(f"ujym.reports.{module}")


def page_names() -> tuple[str, ...]:
    """The names of every registered page."""
    _load_builtin()
    return tuple(_REGISTRY)


def builder(name: str) -> Builder:
    """The builder registered under ``name`` (one-line error naming the pages otherwise)."""
    _load_builtin()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownCodeError(
            f"unknown page {name!r}", f"use one of: {', '.join(sorted(_REGISTRY))}"
        ) from None


def build_page(
    name: str, *, lang: Lang, generated: datetime | None = None, **params: Any
) -> tuple[PageContext, PageContent]:
    """Run the builder of page ``name`` in ``lang`` (figures built, nothing rendered yet)."""
    ctx = PageContext(lang, generated or datetime.now(UTC).replace(microsecond=0))
    make = builder(name)
    with use_language(lang):
        return ctx, make(ctx, **params)


def render_page(name: str, *, lang: Lang, generated: datetime | None = None, **params: Any) -> Page:
    """Build and render page ``name`` in ``lang`` (``kk``, ``ru`` or ``en``).

    ``generated`` (default: now, UTC) is the time printed in the footer; ``params`` go to the
    builder (see each page's module: :mod:`ujym.reports.brief`, :mod:`~ujym.reports.forecast`,
    :mod:`~ujym.reports.alignment`, :mod:`~ujym.reports.ideal`).
    """
    ctx, content = build_page(name, lang=lang, generated=generated, **params)
    with use_language(lang):
        footer = build_footer(
            content.provenance,
            casebook=content.casebook,
            cited=content.cited,
            generated=ctx.generated,
        )
        figures = {fid: chart.svg(prefix=fid) for fid, chart in content.figures.items()}
        html = (
            environment(lang)
            .get_template(content.template)
            .render(
                **content.context,
                lang=lang,
                page_name=name,
                title=content.title,
                figures=figures,
                footer=footer,
                csp=Markup(CSP),
                generated_line=generated_line(footer),
                format_number=format_number,
            )
        )
    return Page(name, lang, content.title, html, footer, content.provenance, content.model)


# ---- the environment -------------------------------------------------------------------------


@lru_cache(maxsize=3)
def environment(lang: Lang) -> jinja2.Environment:
    """The one Jinja2 environment of ``lang``: autoescaped, undefined values are errors, ujym's
    gettext catalog through the i18n extension, and the ``link`` filter for URLs from data.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["link"] = link
    return env


def stylesheet() -> str:
    """The CSS of every page (to serve beside :attr:`Page.fragment`)."""
    return (TEMPLATES / "page.css").read_text(encoding="utf-8")


def generated_line(footer: Footer) -> Markup:
    when = Markup('<time class="generated" datetime="{iso}">{text}</time>').format(
        iso=footer.generated.isoformat(), text=format_date(footer.generated.date(), "long")
    )
    ver = Markup('<span class="ujym-version">{v}</span>').format(v=footer.version)
    return escape(_("Generated on {date} by ujym {version}.")).format(date=when, version=ver)


__all__ = [
    "BASE",
    "Page",
    "PageContent",
    "PageContext",
    "build_page",
    "builder",
    "environment",
    "page",
    "page_names",
    "render_page",
    "stylesheet",
]
