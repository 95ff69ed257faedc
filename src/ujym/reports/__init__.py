"""Pages and figures: one Jinja2 environment and base page, a registry of page builders
(:func:`render_page`), static SVG figures (matplotlib), and a sources-and-licence footer built
from provenance on every page.

The names below load on first use (PEP 562): a command that needs only the footer's dates or a
frame's bytes does not pay for Jinja2, matplotlib and the brief.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ujym.reports.brief import BriefPage, build_brief, render_brief, write_brief
    from ujym.reports.output import check_output, write_output
    from ujym.reports.pages import Page, PageContent, PageContext, page, page_names, render_page

_HOME = {
    "BriefPage": "ujym.reports.brief",
    "build_brief": "ujym.reports.brief",
    "render_brief": "ujym.reports.brief",
    "write_brief": "ujym.reports.brief",
    "check_output": "ujym.reports.output",
    "write_output": "ujym.reports.output",
    "Page": "ujym.reports.pages",
    "PageContent": "ujym.reports.pages",
    "PageContext": "ujym.reports.pages",
    "page": "ujym.reports.pages",
    "page_names": "ujym.reports.pages",
    "render_page": "ujym.reports.pages",
}

__all__ = [
    "BriefPage",
    "Page",
    "PageContent",
    "PageContext",
    "build_brief",
    "check_output",
    "page",
    "page_names",
    "render_brief",
    "render_page",
    "write_brief",
    "write_output",
]


def __getattr__(name: str) -> Any:
    """Load ``name`` from its module on first use."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'ujym.reports' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
