"""A state's UN General Assembly alignment with its partners, year by year (one line each).

Years resting on fewer than ``few`` roll calls in common are drawn as hollow markers and the line
does not pass through them as if they were solid: one roll call can send any measure to 1.0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ujym.reports.figures.style import (
    LINE_COLOURS,
    Chart,
    fit,
    new_figure,
    number_formatter,
    style,
    year_formatter,
)

FEW_VOTES = 10
"""A year with fewer roll calls in common than this is marked as resting on few votes."""


@dataclass(frozen=True)
class Series:
    """One partner's line: ``values`` by ``years``, each resting on ``n_votes`` roll calls."""

    label: str
    years: Sequence[int]
    values: Sequence[float]
    n_votes: Sequence[int]


def alignment_over_time(
    series: Sequence[Series],
    *,
    title: str,
    x_label: str,
    y_label: str,
    few_label: str,
    alt: str,
    few: int = FEW_VOTES,
) -> Chart:
    """Lines of an alignment measure by year, one per partner, in Okabe–Ito colours.

    Examples
    --------
    >>> s = Series("Russia", [1992, 1993, 2020], [0.8, 0.85, 1.0], [60, 70, 1])
    >>> chart = alignment_over_time([s], title="t", x_label="x", y_label="y",
    ...                             few_label="few votes", alt="a")
    >>> sorted(chart.tooltips)
    ['point-0-0', 'point-0-1', 'point-0-2']
    """
    tooltips: dict[str, str] = {}
    with style():
        fig = new_figure(7.5, 4.2)
        ax = fig.add_subplot()
        marked_few = False
        for k, s in enumerate(series):
            colour = LINE_COLOURS[k % len(LINE_COLOURS)]
            solid = [n >= few for n in s.n_votes]
            ys = [v if ok else float("nan") for v, ok in zip(s.values, solid, strict=True)]
            ax.plot(s.years, ys, color=colour, marker="o", label=s.label, zorder=3)
            thin = [(y, v) for y, v, ok in zip(s.years, s.values, solid, strict=True) if not ok]
            if thin:
                marked_few = True
                ax.plot(
                    [y for y, _v in thin],
                    [v for _y, v in thin],
                    linestyle="none",
                    marker="o",
                    markersize=6,
                    markerfacecolor="white",
                    markeredgecolor=colour,
                    zorder=4,
                )
            for i, (y, v, n) in enumerate(zip(s.years, s.values, s.n_votes, strict=True)):
                if v != v:  # NaN: no roll call in common that year
                    continue
                gid = f"point-{k}-{i}"
                ax.plot([y], [v], linestyle="none", marker="o", alpha=0, gid=gid)
                tooltips[gid] = f"{s.label}, {y}: {number_formatter(2)(v)} (n = {n})"
        if marked_few:
            ax.plot([], [], linestyle="none", marker="o", markerfacecolor="white",
                    markeredgecolor="#555555", label=few_label)  # fmt: skip
        ax.set_title(fit(title, fig, size=11, share=0.85))
        ax.set_xlabel(x_label)
        ax.set_ylabel(y_label)
        ax.xaxis.set_major_formatter(year_formatter())
        ax.yaxis.set_major_formatter(number_formatter(1))
        if series:
            fig.legend(loc="outside lower center", ncols=min(len(series) + marked_few, 5))
    return Chart(fig, alt, tooltips)


__all__ = ["FEW_VOTES", "Series", "alignment_over_time"]
