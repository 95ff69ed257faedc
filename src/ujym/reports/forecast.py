"""HTML report of a bargaining forecast: positions by round, the Monte Carlo distribution, sources.

Plotly's JavaScript is embedded in the page, so the file works offline.
"""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
from jinja2 import Environment, PackageLoader, select_autoescape
from plotly.offline import get_plotlyjs

from ujym.i18n import _, format_number, format_percent, get_language
from ujym.pipeline.bargaining import BargainingResult
from ujym.sources.files import atomic_write


def _charts(result: BargainingResult) -> tuple[str, str]:
    sc = result.scenario
    lang = get_language()
    rounds = result.rounds
    fig = go.Figure()
    for aid in sc.ids:
        fig.add_trace(go.Scatter(x=rounds["round"], y=rounds[aid], mode="lines+markers", name=aid))
    fig.add_trace(
        go.Scatter(
            x=rounds["round"],
            y=rounds["median"],
            mode="lines",
            name=_("Median"),
            line={"dash": "dash", "width": 4, "color": "black"},
        )
    )
    fig.update_layout(
        xaxis_title=_("Round"),
        yaxis_title=f"{sc.low_means[lang]} ← → {sc.high_means[lang]}",
        yaxis_range=[sc.scale_min, sc.scale_max],
        height=420,
        margin={"l": 60, "r": 20, "t": 20, "b": 50},
    )
    hist = go.Figure(go.Histogram(x=result.forecast["median"], nbinsx=40, name=_("Forecast")))
    if result.summary.get("threshold") is not None:
        hist.add_vline(x=result.summary["threshold"], line_dash="dot")
    hist.update_layout(
        xaxis_title=_("Forecast (median position)"),
        yaxis_title=_("Runs"),
        xaxis_range=[sc.scale_min, sc.scale_max],
        height=360,
        margin={"l": 60, "r": 20, "t": 20, "b": 50},
    )
    return (
        fig.to_html(full_html=False, include_plotlyjs=False),
        hist.to_html(full_html=False, include_plotlyjs=False),
    )


def render_forecast(result: BargainingResult) -> str:
    """The report as an HTML string in the current language."""
    env = Environment(
        loader=PackageLoader("ujym", "reports/templates"),
        autoescape=select_autoescape(["html", "j2"]),
    )
    lines_chart, dist_chart = _charts(result)
    s = result.summary
    lang = get_language()
    return env.get_template("forecast.html.j2").render(
        _=_,
        lang=lang,
        sc=result.scenario,
        s=s,
        fmt=lambda v: format_number(v, 1),
        pct=format_percent,
        rounds=result.rounds,
        sens=result.sensitivity.head(10),
        plotlyjs=get_plotlyjs(),
        lines_chart=lines_chart,
        dist_chart=dist_chart,
        options=result.options,
    )


def write_forecast(result: BargainingResult, out: str | Path) -> Path:
    """Write the report atomically (temporary file in the same folder, then rename)."""
    return atomic_write(out, render_forecast(result))
