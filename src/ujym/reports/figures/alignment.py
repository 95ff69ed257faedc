"""A state's UN General Assembly alignment with its partners, year by year (one line each).

A year whose figure is withheld (status ``insufficient``: too few contested roll calls in common,
see :mod:`ujym.engines.evidence`) has no point: its line breaks there, and a hollow marker on the
bottom edge of the plot, in the line's colour, says that the year has no figure (one roll call
would otherwise send any measure to 1.0 or 0.0). The figure reads the status it is given; it has
no threshold of its own.
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
    wrap,
    year_formatter,
)


@dataclass(frozen=True)
class Series:
    """One partner's line: ``values`` by ``years``, each resting on ``n_rollcalls`` roll calls;
    ``shown[i]`` is False where the figure is withheld (its status is not ``ok``).
    """

    label: str
    years: Sequence[int]
    values: Sequence[float]
    n_rollcalls: Sequence[int]
    shown: Sequence[bool]


def alignment_over_time(
    series: Sequence[Series],
    *,
    title: str,
    x_label: str,
    y_label: str,
    withheld_label: str,
    withheld_tip: str,
    alt: str,
) -> Chart:
    """Lines of an alignment measure by year, one per partner, in Okabe–Ito colours.

    ``withheld_label`` names the hollow markers of withheld years in the legend;
    ``withheld_tip`` (with ``{n}``) is their tooltip.

    Examples
    --------
    >>> s = Series("Russia", [1992, 1993, 2020], [0.8, 0.85, float("nan")], [60, 70, 1],
    ...            [True, True, False])
    >>> chart = alignment_over_time([s], title="t", x_label="x", y_label="y",
    ...     withheld_label="no figure", withheld_tip="insufficient (n = {n})", alt="a")
    >>> sorted(chart.tooltips.items())[-1]
    ('withheld-0-2', 'Russia, 2020: insufficient (n = 1)')
    """
    tooltips: dict[str, str] = {}
    with style():
        fig = new_figure(7.5, 4.2)
        ax = fig.add_subplot()
        ax.set_ylim(auto=True)
        marked = False
        for k, s in enumerate(series):
            colour = LINE_COLOURS[k % len(LINE_COLOURS)]
            ys = [v if ok else float("nan") for v, ok in zip(s.values, s.shown, strict=True)]
            ax.plot(s.years, ys, color=colour, marker="o", label=s.label, zorder=3)
            for i, (y, v, n, ok) in enumerate(
                zip(s.years, ys, s.n_rollcalls, s.shown, strict=True)
            ):
                if not ok:  # withheld: a hollow marker on the bottom edge, no value
                    marked = True
                    gid = f"withheld-{k}-{i}"
                    ax.plot(
                        [y], [0.03 + 0.035 * k], linestyle="none", marker="o", markersize=5,
                        markerfacecolor="white", markeredgecolor=colour, zorder=4, gid=gid,
                        transform=ax.get_xaxis_transform(), clip_on=False,
                    )  # fmt: skip
                    tooltips[gid] = f"{s.label}, {y}: {withheld_tip.format(n=n)}"
                    continue
                if v != v:  # NaN: no roll call in common that year
                    continue
                gid = f"point-{k}-{i}"
                ax.plot([y], [v], linestyle="none", marker="o", alpha=0, gid=gid)
                tooltips[gid] = f"{s.label}, {y}: {number_formatter(2)(v)} (n = {n})"
        if marked:
            ax.plot([], [], linestyle="none", marker="o", markerfacecolor="white",
                    markeredgecolor="#555555", label=wrap(withheld_label, 28))  # fmt: skip
        ax.set_title(fit(title, fig, size=11, share=0.85))
        ax.set_xlabel(x_label)
        ax.set_ylabel(y_label)
        ax.xaxis.set_major_formatter(year_formatter())
        ax.yaxis.set_major_formatter(number_formatter(1))
        if series:
            longest = max(len(s.label) for s in series)
            fig.legend(
                loc="outside lower center",
                ncols=min(len(series) + marked, 3 if marked or longest > 20 else 5),
            )
    return Chart(fig, alt, tooltips)


__all__ = ["Series", "alignment_over_time"]
