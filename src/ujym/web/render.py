"""The explorer's pages: the one Jinja2 environment of :mod:`ujym.reports.pages`, a frame with
navigation and a language switch, and the policy and headers every response carries.

The policy is the static pages' (:data:`ujym.reports.safety.CSP`: no script, nothing fetched)
with one change: the explorer's own forms may be sent to it (``form-action 'self'``), and no other
site may frame it. A page waiting for a computation reloads itself with ``<meta http-equiv=
"refresh">``, which needs no script.

Examples
--------
>>> "script-src 'none'" in CSP and "form-action 'self'" in CSP
True
>>> with_query("/alignment", {"state": "KAZ", "lang": "en"}, lang="ru")
'/alignment?state=KAZ&lang=ru'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from ujym.core import Casebook, Lang
from ujym.core.provenance import Provenance
from ujym.i18n import N_, _, format_number, get_language, use_language
from ujym.reports.footer import build_footer
from ujym.reports.pages import environment, generated_line

META_CSP = (
    "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'self'"
)
"""The policy in each page's ``<meta>`` (a saved page keeps it): no script, nothing fetched,
forms only to the explorer itself."""
CSP = META_CSP + "; frame-ancestors 'none'"
"""The Content-Security-Policy header of every response: :data:`META_CSP`, and never framed
(``frame-ancestors`` works only in a header)."""

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cache-Control": "no-store",
}
"""Security headers of every response."""

TABLE_LABELS = {
    "checks": N_("Claim checks"),
    "alignment": N_("Alignment"),
    "memberships": N_("Memberships"),
    "capabilities": N_("Capabilities"),
    "ideal": N_("Ideal points"),
    "rounds": N_("Positions by round"),
    "runs": N_("Monte Carlo runs"),
    "sensitivity": N_("Sensitivity"),
    "datasets": N_("Datasets"),
}
"""A page's tables by the name their data addresses use (``?table=``), as the reader reads them."""

LANGUAGES: tuple[tuple[Lang, str], ...] = (("kk", "Қазақша"), ("ru", "Русский"), ("en", "English"))


def with_query(path: str, query: Mapping[str, str], **changes: str | None) -> str:
    """``path`` with ``query`` and ``changes`` (a None value drops the parameter)."""
    params = {k: v for k, v in query.items() if v != ""}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return path + ("?" + urlencode(params) if params else "")


def sections() -> list[tuple[str, str, str]]:
    """(address, label, key) of the explorer's sections, in the current language (kept in the
    address).
    """
    q = f"?lang={get_language()}"
    return [
        ("/" + q, _("Overview"), "overview"),
        ("/alignment" + q, _("Alignment explorer"), "alignment"),
        ("/ideal" + q, _("Ideal points"), "ideal"),
        ("/forecast" + q, _("Forecasts"), "forecast"),
        ("/data" + q, _("Data status"), "data"),
    ]


@dataclass(frozen=True)
class View:
    """What a view hands to :func:`render`: the template under ``web/`` and its values, the
    provenance and casebook behind it (for the sources footer), and the frames its data
    addresses serve (name → DataFrame; the first is the default table of the CSV address).

    ``fragment`` replaces the template: a page of :mod:`ujym.reports` already rendered (its
    ``<main>`` and footer). ``refresh`` (seconds) makes the page reload itself.
    """

    name: str
    title: str
    template: str = ""
    context: Mapping[str, Any] = field(default_factory=dict)
    provenance: tuple[Provenance, ...] = ()
    casebook: Casebook | None = None
    cited: tuple[str, ...] = ()
    frames: Mapping[str, Any] = field(default_factory=dict)
    fragment: str | None = None
    controls: str = ""
    refresh: int | None = None
    status: int = 200


def render(view: View, *, lang: Lang, path: str, query: Mapping[str, str]) -> str:
    """The whole HTML document of ``view`` in ``lang`` (``path`` and ``query`` make the
    language switch's links: the same view in another language).
    """
    env = environment(lang)
    with use_language(lang):
        switch = [(code, name, with_query(path, query, lang=code)) for code, name in LANGUAGES]
        data_links = [
            (
                _(TABLE_LABELS[name]) if name in TABLE_LABELS else name,
                with_query(path + ".json", query, table=name if i else None),
                with_query(path + ".csv", query, table=name if i else None),
            )
            for i, name in enumerate(view.frames)
        ]
        common: dict[str, Any] = {
            "lang": lang,
            "title": view.title,
            "page_name": view.name,
            "csp": Markup(META_CSP),
            "format_number": format_number,
            "json_link": with_query(path + ".json", query) if view.frames else "",
            "data_links": data_links,
        }
        if view.fragment is not None:
            body = Markup(view.fragment)
        else:
            footer = build_footer(
                view.provenance,
                casebook=view.casebook,
                cited=view.cited,
                generated=datetime.now(UTC).replace(microsecond=0),
            )
            body = Markup(
                env.get_template(f"web/{view.template}").render(
                    **view.context,
                    **common,
                    footer=footer,
                    generated_line=generated_line(footer),
                )
            )
        return env.get_template("web/base.html.j2").render(
            **common,
            sections=sections(),
            switch=switch,
            controls=Markup(view.controls),
            body=body,
            refresh=view.refresh,
        )


__all__ = ["CSP", "HEADERS", "LANGUAGES", "META_CSP", "View", "render", "sections", "with_query"]
