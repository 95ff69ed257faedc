"""Pages and figures: one Jinja2 environment and base page, a registry of page builders
(:func:`render_page`), static SVG figures (matplotlib), and a sources-and-licence footer built
from provenance on every page.
"""

from ujym.reports.brief import BriefPage, build_brief, render_brief, write_brief
from ujym.reports.output import check_output, write_output
from ujym.reports.pages import Page, PageContent, PageContext, page, page_names, render_page

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
