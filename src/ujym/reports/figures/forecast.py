"""A bargaining forecast: each actor's position by round, the median, and the Monte Carlo
distribution of the forecast on the same scale (one figure, two panels sharing the y axis).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ujym.reports.figures.style import (
    GREY,
    LINE_COLOURS,
    Chart,
    fit,
    new_figure,
    number_formatter,
    style,
)

MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def forecast_path(
    rounds: pd.DataFrame,
    actors: Sequence[tuple[str, str]],
    distribution: Sequence[float],
    *,
    scale: tuple[float, float],
    threshold: float | None,
    round_label: str,
    position_label: str,
    median_label: str,
    runs_label: str,
    distribution_title: str,
    alt: str,
) -> Chart:
    """Positions by round (``rounds``: columns ``round``, ``median`` and one per actor id) beside
    a histogram of the forecast over the Monte Carlo runs (``distribution``).

    The median is drawn first, wide and grey, so that no actor's line hides under it.

    Examples
    --------
    >>> rounds = pd.DataFrame({"round": [0, 1], "median": [50.0, 55.0], "RUS": [80.0, 70.0]})
    >>> chart = forecast_path(rounds, [("RUS", "Russia")], [54.0, 56.0, 55.0], scale=(0, 100),
    ...     threshold=50, round_label="Round", position_label="Position", median_label="Median",
    ...     runs_label="Runs", distribution_title="Forecast", alt="a")
    >>> chart.to_bytes("svg").count(b"<text") > 5
    True
    """
    lo, hi = scale
    with style():
        fig = new_figure(8.5, 4.4)
        path, dist = fig.subplots(1, 2, sharey=True, width_ratios=(3, 1))
        path.plot(
            rounds["round"], rounds["median"], color=GREY, linewidth=5, alpha=0.55,
            linestyle="--", label=median_label, zorder=1,
        )  # fmt: skip
        for k, (aid, label) in enumerate(actors):
            path.plot(
                rounds["round"], rounds[aid], color=LINE_COLOURS[k % len(LINE_COLOURS)],
                marker=MARKERS[k % len(MARKERS)], markersize=4, linewidth=1.4, label=label,
                zorder=3,
            )  # fmt: skip
        path.set_xlabel(round_label)
        path.set_ylabel(fit(position_label, fig, size=10, share=0.75, along="height"))
        path.set_ylim(lo, hi)
        path.xaxis.get_major_locator().set_params(integer=True)
        path.yaxis.set_major_formatter(number_formatter(0))
        values = np.asarray(distribution, dtype=float)
        values = values[np.isfinite(values)]
        if values.size:
            dist.hist(values, bins=40, range=(lo, hi), orientation="horizontal",
                      color=LINE_COLOURS[0], alpha=0.8)  # fmt: skip
        if threshold is not None:
            for ax in (path, dist):
                ax.axhline(threshold, color="#333333", linestyle=":", linewidth=1)
        dist.set_xlabel(runs_label)
        dist.set_title(fit(distribution_title, fig, size=10, share=0.2), fontsize=10)
        dist.tick_params(axis="y", labelleft=False)
        fig.legend(loc="outside lower center", ncols=min(len(actors) + 1, 5))
    return Chart(fig, alt)


__all__ = ["forecast_path"]
