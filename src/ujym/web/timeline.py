"""A member's memberships as a static SVG timeline: one row per organisation, a bar per period
(coloured by status), years along the bottom; labels in the reader's language.

The periods are the casebook's (:func:`ujym.pipeline.memberships.actor_memberships`); a period
still in force runs to the timeline's end, drawn open (no right edge, an arrow). The SVG holds
no script and fetches nothing (the explorer's policy); each bar carries a ``<title>`` with the
organisation, status and dates as the casebook gives them, and the page keeps the table below it
for screen readers.

Examples
--------
>>> import pandas as pd
>>> rows = pd.DataFrame({"organisation": ["CIS", "CSTO"], "status": ["member", "member"],
...     "start": pd.to_datetime(["1991-12-21", "1992-05-15"]), "end": pd.to_datetime([None, None]),
...     "start_precision": ["day", "day"], "end_precision": [None, None]})
>>> svg = timeline_svg(rows, {"CIS": "ТМД", "CSTO": "ҰҚШҰ"}, {"member": "мүше"}, end_year=2025)
>>> svg.startswith("<svg") and "ТМД" in svg and svg.count('class="period') == 2
True
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd
from markupsafe import Markup, escape

from ujym.pipeline.memberships import as_given

COLOURS = {
    "member": "#0072B2",
    "partner": "#E69F00",
    "observer": "#009E73",
    "suspended": "#D55E00",
    "withdrawn": "#999999",
}
"""Okabe–Ito colours by status (legible to readers with colour-vision deficiency)."""
LABEL_WIDTH = 150
ROW = 22
BAR = 14
PLOT_WIDTH = 560
TOP = 8
AXIS = 34


def _year_fraction(day: pd.Timestamp) -> float:
    start = pd.Timestamp(year=day.year, month=1, day=1)
    return float(day.year + (day - start).days / 365.25)


def timeline_svg(
    periods: pd.DataFrame,
    organisations: Mapping[str, str],
    statuses: Mapping[str, str],
    *,
    end_year: int | None = None,
    title: str = "",
) -> Markup:
    """The SVG of ``periods`` (rows of ``actor_memberships``); ``organisations`` and
    ``statuses`` give the labels in the reader's language, ``end_year`` the axis's last year
    (this year when not given).
    """
    rows = periods[periods["start"].notna()]
    last = (end_year or date.today().year) + 1
    if rows.empty:
        return Markup("")
    first = int(min(d.year for d in rows["start"]))
    first -= first % 5
    span = max(last - first, 1)

    order = list(dict.fromkeys(rows["organisation"]))
    # room for the longest label (about 7.2 px a character at 12 px), at least LABEL_WIDTH
    left = max(LABEL_WIDTH, 16 + int(7.2 * max(len(organisations.get(o, o)) for o in order)))

    def x(value: float) -> float:
        return left + (value - first) / span * PLOT_WIDTH

    height = TOP + ROW * len(order) + AXIS
    width = left + PLOT_WIDTH + 16
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        'font-family="DejaVu Sans, Noto Sans, Liberation Sans, Arial, sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    bottom = TOP + ROW * len(order)
    for year in range(first, last + 1, 5):
        gx = x(year)
        out.append(
            f'<line x1="{gx:.1f}" y1="{TOP}" x2="{gx:.1f}" y2="{bottom}" stroke="#dddddd"/>'
            f'<text x="{gx:.1f}" y="{bottom + 16}" text-anchor="middle">{year}</text>'
        )
    for i, org in enumerate(order):
        y = TOP + i * ROW
        label = organisations.get(org, org)
        out.append(
            f'<text x="{left - 8}" y="{y + BAR - 2}" text-anchor="end">{escape(label)}</text>'
        )
        for r in rows[rows["organisation"] == org].itertuples():
            out.append(_bar(r, label, statuses, x, y, last))
    out.append(
        f'<line x1="{left}" y1="{bottom}" x2="{left + PLOT_WIDTH}" y2="{bottom}" stroke="#333333"/>'
    )
    out.append("</svg>")
    return Markup("".join(out))


def _bar(r: Any, label: str, statuses: Mapping[str, str], x: Any, y: float, last: int) -> str:
    start = pd.Timestamp(r.start)
    open_ended = pd.isna(r.end)
    x0 = x(_year_fraction(start))
    x1 = x(last) if open_ended else x(_year_fraction(pd.Timestamp(r.end)) + 1 / 365.25)
    colour = COLOURS.get(r.status, "#555555")
    status = statuses.get(r.status, r.status)
    given_start = as_given(r.start, r.start_precision) or ""
    given_end = "" if open_ended else (as_given(r.end, r.end_precision) or "")
    tip = f"{label}: {status}, {given_start} – {given_end}".rstrip()
    bar = (
        f'<g class="period {escape(r.status)}"><title>{escape(tip)}</title>'
        f'<rect x="{x0:.1f}" y="{y}" width="{max(x1 - x0, 2):.1f}" height="{BAR}" '
        f'fill="{colour}"/>'
    )
    if open_ended:  # still in force: an arrow past the axis's end
        mid = y + BAR / 2
        bar += (
            f'<path d="M{x1:.1f},{y - 2} L{x1 + 8:.1f},{mid} L{x1:.1f},{y + BAR + 2} Z" '
            f'fill="{colour}"/>'
        )
    return bar + "</g>"


__all__ = ["COLOURS", "timeline_svg"]
