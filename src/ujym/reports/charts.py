"""Plotly figure builders for ujym's HTML reports.

Builders take plain, already-translated values (labels, colours, dates) and return a
``plotly.graph_objects.Figure``; :func:`figure_html` turns a figure into an HTML fragment without
plotly.js, and :func:`plotlyjs` gives the library once per page, inlined, so reports work offline.
Figures use ``template="none"`` and fixed element ids, so the same input gives the same HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import plotly.graph_objects as go

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
STATUS_COLOURS: Mapping[str, str] = {
    "member": "#0072B2",
    "observer": "#E69F00",
    "partner": "#009E73",
    "suspended": "#D55E00",
    "withdrawn": "#999999",
}
_MS_PER_DAY = 86_400_000


@dataclass(frozen=True)
class TimelineBar:
    """One period of a matrix timeline: in cell (``row``, ``column``), group ``group`` held from
    ``start`` to ``end``. ``hover`` is the plain text shown when pointing at the bar."""

    row: str
    column: str
    group: str
    start: date
    end: date
    hover: str


def _years(d: date) -> float:
    return d.year + (d.timetuple().tm_yday - 1) / 365.25


def matrix_timeline(
    bars: Sequence[TimelineBar],
    *,
    rows: Sequence[str],
    columns: Sequence[str],
    window: tuple[date, date],
    group_labels: Mapping[str, str],
    colours: Mapping[str, str] = STATUS_COLOURS,
    legend_title: str = "",
) -> go.Figure:
    """States × organisations over time, in one figure: a grid of ``rows`` × ``columns`` cells,
    each a small timeline from ``window[0]`` to ``window[1]`` holding that cell's periods.

    Periods starting before the window are drawn from its start (the hover text keeps the real
    dates); one trace per group (e.g. membership status) so the legend names each colour.
    """
    w0, w1 = _years(window[0]), _years(window[1])
    span = max(w1 - w0, 1.0)
    gap = span * 0.12
    offset = {c: i * (span + gap) for i, c in enumerate(columns)}
    fig = go.Figure()
    for group, label in group_labels.items():
        mine = [b for b in bars if b.group == group and b.column in offset and b.row in rows]
        if not mine:
            continue
        starts = [min(max(_years(b.start), w0), w1) for b in mine]
        ends = [min(max(_years(b.end), w0), w1) for b in mine]
        fig.add_trace(
            go.Bar(
                name=label,
                orientation="h",
                y=[b.row for b in mine],
                base=[
                    round(offset[b.column] + s - w0, 4) for b, s in zip(mine, starts, strict=True)
                ],
                x=[round(max(e - s, span / 150), 4) for s, e in zip(starts, ends, strict=True)],
                width=0.62,
                marker={"color": colours.get(group, "#555555"), "line": {"width": 0}},
                customdata=[[b.hover] for b in mine],
                hovertemplate="%{customdata[0]}<extra></extra>",
                legendgroup=group,
            )
        )
    for i, c in enumerate(columns):  # a light band behind each organisation's column
        fig.add_shape(
            type="rect",
            x0=offset[c],
            x1=offset[c] + span,
            y0=0,
            y1=1,
            yref="paper",
            layer="below",
            line={"width": 0},
            fillcolor="#f1f3f5" if i % 2 == 0 else "#e6e9ed",
        )
    fig.update_layout(
        template="none",
        barmode="overlay",
        height=170 + 30 * max(len(rows), 1),
        margin={"l": 10, "r": 120, "t": 40, "b": 10},  # room for the last slanted label
        font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 12},
        legend={"title": {"text": legend_title}, "orientation": "h", "y": -0.02, "yanchor": "top"},
        xaxis={
            "side": "top",
            "automargin": True,
            "ticklabeloverflow": "allow",
            "tickmode": "array",
            "tickvals": [round(offset[c] + span / 2, 4) for c in columns],
            "ticktext": list(columns),
            "tickangle": -45,
            "showgrid": False,
            "zeroline": False,
            "range": [-gap / 2, len(columns) * (span + gap) - gap / 2],
        },
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": list(reversed(rows)),
            "automargin": True,
            "showgrid": True,
            "gridcolor": "#ffffff",
        },
    )
    return fig


def figure_html(fig: go.Figure, div_id: str) -> str:
    """An HTML fragment drawing ``fig`` (needs :func:`plotlyjs` once on the page)."""
    height = fig.layout.height or 450
    html: str = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        default_height=f"{height}px",
        default_width="100%",
        config={"displayModeBar": False, "responsive": True},
    )
    return html


@lru_cache(maxsize=1)
def plotlyjs() -> str:
    """The plotly.js library shipped with the plotly package, for inlining in a ``<script>``."""
    import plotly.offline

    js: str = plotly.offline.get_plotlyjs()
    return js


__all__ = ["STATUS_COLOURS", "TimelineBar", "figure_html", "matrix_timeline", "plotlyjs"]
