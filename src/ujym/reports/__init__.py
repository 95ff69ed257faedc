"""HTML reports: Jinja2 templates, plotly charts inlined so files work offline, and a sources
footer on every page."""

from ujym.reports.brief import BriefPage, build_brief, render_brief, write_brief

__all__ = ["BriefPage", "build_brief", "render_brief", "write_brief"]
