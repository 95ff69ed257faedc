"""The memberships timeline: states × organisations, each cell a small timeline of statuses.

Periods starting before the window are drawn from its start (the tooltip keeps the real dates);
one colour per status, named in the legend; each bar carries its period as a tooltip.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ujym.reports.figures.style import OKABE_ITO, Chart, new_figure, style

STATUS_COLOURS: Mapping[str, str] = {
    "member": OKABE_ITO["blue"],
    "observer": OKABE_ITO["orange"],
    "partner": OKABE_ITO["bluish green"],
    "suspended": OKABE_ITO["vermillion"],
    "withdrawn": "#999999",
}
_CELL_BANDS = ("#f1f3f5", "#e6e9ed")


@dataclass(frozen=True)
class TimelineBar:
    """One period of a matrix timeline: in cell (``row``, ``column``), group ``group`` held from
    ``start`` to ``end``. ``hover`` is the plain text shown when pointing at the bar.
    """

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
    alt: str,
    colours: Mapping[str, str] = STATUS_COLOURS,
    legend_title: str = "",
) -> Chart:
    """States × organisations over time, in one figure: a grid of ``rows`` × ``columns`` cells,
    each a small timeline from ``window[0]`` to ``window[1]`` holding that cell's periods.

    Examples
    --------
    >>> bar = TimelineBar("Kazakhstan", "CSTO", "member", date(1992, 5, 15), date(2026, 1, 1), "")
    >>> chart = matrix_timeline([bar], rows=["Kazakhstan"], columns=["CSTO"],
    ...     window=(date(1991, 1, 1), date(2026, 1, 1)), group_labels={"member": "member"},
    ...     alt="memberships")
    >>> chart.tooltips
    {'bar-0': ''}
    """
    w0, w1 = _years(window[0]), _years(window[1])
    span = max(w1 - w0, 1.0)
    gap = span * 0.12
    offset = {c: i * (span + gap) for i, c in enumerate(columns)}
    y_of = {r: len(rows) - 1 - i for i, r in enumerate(rows)}
    tooltips: dict[str, str] = {}
    with style():
        # the organisations' names stand at 45° above the grid: room for the longest of them
        # above and past the right edge, so constrained layout never runs out of space
        slant = 0.055 * max((len(c) for c in columns), default=0)
        fig = new_figure(
            max(6.0, 1.2 + 0.62 * len(columns)) + slant, 1.6 + slant + 0.3 * max(len(rows), 1)
        )
        ax = fig.add_subplot()
        for i, c in enumerate(columns):  # a light band behind each organisation's column
            ax.axvspan(offset[c], offset[c] + span, color=_CELL_BANDS[i % 2], lw=0, zorder=0)
        for group, label in group_labels.items():
            mine = [b for b in bars if b.group == group and b.column in offset and b.row in y_of]
            if not mine:
                continue
            starts = [min(max(_years(b.start), w0), w1) for b in mine]
            ends = [min(max(_years(b.end), w0), w1) for b in mine]
            drawn = ax.barh(
                [y_of[b.row] for b in mine],
                [max(e - s, span / 150) for s, e in zip(starts, ends, strict=True)],
                left=[offset[b.column] + s - w0 for b, s in zip(mine, starts, strict=True)],
                height=0.62,
                color=colours.get(group, "#555555"),
                linewidth=0,
                label=label,
                zorder=2,
            )
            for bar, patch in zip(mine, drawn.patches, strict=True):
                gid = f"bar-{len(tooltips)}"
                patch.set_gid(gid)
                tooltips[gid] = bar.hover
        ax.set_xlim(-gap / 2, len(columns) * (span + gap) - gap / 2)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.set_yticks(range(len(rows)), list(reversed(rows)))
        ax.set_xticks([offset[c] + span / 2 for c in columns], list(columns))
        ax.xaxis.tick_top()
        ax.tick_params(axis="x", labelrotation=45, length=0)
        for tick in ax.get_xticklabels():
            tick.set_horizontalalignment("left")
            tick.set_rotation_mode("anchor")
        ax.tick_params(axis="y", length=0)
        ax.grid(False)
        for side in ("left", "bottom", "top", "right"):
            ax.spines[side].set_visible(False)
        if bars:
            fig.legend(
                loc="outside lower center",
                ncols=len(group_labels),
                title=legend_title,
            )
    return Chart(fig, alt, tooltips)


__all__ = ["STATUS_COLOURS", "TimelineBar", "matrix_timeline"]
