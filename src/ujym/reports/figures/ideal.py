"""Ideal-point trajectories as small multiples: one panel per state of the group, each with its
95 % band, and the same comparison states (thin lines) in every panel.

One panel per state keeps the bands apart (drawn together they hide each other); the comparison
states differ in colour *and* line style, so the figure reads without colour too. Estimates
resting mostly on the prior (status ``few_votes``) are hollow markers; missing estimates are gaps.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from ujym.reports.figures.style import (
    OKABE_ITO,
    Chart,
    fit,
    new_figure,
    number_formatter,
    style,
    year_formatter,
)

PANEL_COLOUR = OKABE_ITO["blue"]
COMPARISON_STYLES: tuple[dict[str, Any], ...] = (
    {"color": OKABE_ITO["black"], "linestyle": "--"},
    {"color": OKABE_ITO["vermillion"], "linestyle": ":"},
    {"color": OKABE_ITO["bluish green"], "linestyle": "-."},
    {"color": OKABE_ITO["reddish purple"], "linestyle": (0, (5, 1, 1, 1, 1, 1))},
)
SHOWN = ("ok", "few_votes")  # statuses that carry an estimate


def _series(ideal: pd.DataFrame, ccode: int) -> pd.DataFrame:
    part = ideal[ideal["ccode"] == ccode].sort_values("year")
    shown = part["status"].isin(SHOWN)
    return part.assign(
        ideal_point=part["ideal_point"].where(shown),
        lower=part["lower"].where(shown),
        upper=part["upper"].where(shown),
    )


def trajectories(
    ideal: pd.DataFrame,
    panels: Sequence[tuple[int, str]],
    comparison: Sequence[tuple[int, str]],
    *,
    title: str,
    x_label: str,
    y_label: str,
    band_label: str,
    few_label: str,
    alt: str,
    columns: int = 3,
) -> Chart:
    """Ideal points by year: one panel per ``panels`` state (COW code, label), ``comparison``
    states drawn thin in each.

    ``ideal`` has the columns of :func:`ujym.pipeline.ideal.estimate_ideal_points`
    (``ccode, year, ideal_point, lower, upper, status``).

    Examples
    --------
    >>> df = pd.DataFrame({"ccode": [705, 705, 2, 2], "year": [1992, 1993, 1992, 1993],
    ...     "ideal_point": [-0.5, -0.4, 2.0, 2.1], "lower": [-0.9, -0.8, 1.8, 1.9],
    ...     "upper": [-0.1, 0.0, 2.2, 2.3], "status": ["ok", "few_votes", "ok", "ok"]})
    >>> chart = trajectories(df, [(705, "Kazakhstan")], [(2, "United States")], title="t",
    ...     x_label="x", y_label="y", band_label="95%", few_label="few votes", alt="a")
    >>> chart.to_bytes("pdf")[:4]
    b'%PDF'
    """
    n = max(len(panels), 1)
    cols = min(columns, n)
    rows = math.ceil(n / cols)
    with style():
        fig = new_figure(3.2 * cols + 0.8, 2.5 * rows + 1.3)
        axes = fig.subplots(rows, cols, sharex=True, sharey=True, squeeze=False).ravel()
        few_seen = False
        for ax, (ccode, label) in zip(axes, panels, strict=False):
            for (code, name), look in zip(comparison, COMPARISON_STYLES, strict=False):
                other = _series(ideal, code)
                ax.plot(other["year"], other["ideal_point"], linewidth=1.1, label=name, **look)
            mine = _series(ideal, ccode)
            ax.fill_between(
                mine["year"], mine["lower"], mine["upper"], color=PANEL_COLOUR, alpha=0.18,
                linewidth=0, label=band_label,
            )  # fmt: skip
            ok = mine["status"] == "ok"
            ax.plot(
                mine["year"], mine["ideal_point"].where(ok), color=PANEL_COLOUR, marker="o",
                markersize=3, linewidth=2, label=label,
            )  # fmt: skip
            few = mine[mine["status"] == "few_votes"]
            if not few.empty:
                few_seen = True
                ax.plot(
                    few["year"], few["ideal_point"], linestyle="none", marker="o", markersize=5,
                    markerfacecolor="white", markeredgecolor=PANEL_COLOUR,
                )  # fmt: skip
            ax.set_title(label, fontsize=10, fontweight="bold")
            ax.xaxis.set_major_formatter(year_formatter())
            ax.yaxis.set_major_formatter(number_formatter(1))
        for i, ax in enumerate(axes):
            if i >= len(panels):
                ax.set_visible(False)
            elif i + cols >= len(panels):  # the lowest panel of its column
                ax.set_xlabel(x_label)
                ax.xaxis.set_tick_params(labelbottom=True)
        handles: list[Any] = [
            axes[0].plot([], [], color=PANEL_COLOUR, marker="o", markersize=3, linewidth=2)[0],
            axes[0].fill_between([], [], [], color=PANEL_COLOUR, alpha=0.18, linewidth=0),
            *(
                axes[0].plot([], [], linewidth=1.1, **look)[0]
                for _c, look in zip(comparison, COMPARISON_STYLES, strict=False)
            ),
        ]
        labels = [y_label.split(" (")[0], band_label, *(name for _c, name in comparison)]
        if few_seen:
            handles.append(
                axes[0].plot([], [], linestyle="none", marker="o", markersize=5,
                             markerfacecolor="white", markeredgecolor=PANEL_COLOUR)[0]
            )  # fmt: skip
            labels.append(few_label)
        fig.legend(handles, labels, loc="outside lower center", ncols=min(len(labels), 4))
        fig.suptitle(fit(title, fig, size=11, bold=True), fontsize=11, fontweight="bold")
        fig.supylabel(fit(y_label, fig, size=10, share=0.75, along="height"), fontsize=10)
    return Chart(fig, alt)


__all__ = ["COMPARISON_STYLES", "trajectories"]
