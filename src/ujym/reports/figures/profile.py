"""A member's profile in four small panels on one shared year axis: UN alignment with its
partners, its ideal point with the 95 % band, its share of the organisation's capabilities, and
its memberships.

The panels share the x axis (years) so a reader can look down one year across them. Lines
differ in colour (Okabe–Ito, no yellow) *and* line style. Withheld years are gaps with a hollow
marker on the panel's bottom edge (alignment) or hollow points (ideal points resting mostly on
the prior); nothing withheld is drawn as if it were solid. A panel whose data are not cached
says which command fills the cache instead of drawing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ujym.i18n import format_percent, get_language, use_language
from ujym.reports.figures.memberships import STATUS_COLOURS
from ujym.reports.figures.style import (
    OKABE_ITO,
    Chart,
    fit,
    new_figure,
    number_formatter,
    style,
    wrap,
    year_formatter,
)

#: Partner lines: colour and dash, so that they read without colour too.
PARTNER_LOOKS: tuple[dict[str, Any], ...] = (
    {"color": OKABE_ITO["vermillion"], "linestyle": "-"},
    {"color": OKABE_ITO["blue"], "linestyle": "--"},
    {"color": OKABE_ITO["reddish purple"], "linestyle": ":"},
    {"color": OKABE_ITO["bluish green"], "linestyle": "-."},
)
MEMBER_COLOUR = OKABE_ITO["black"]
COMPARISON_LOOKS: tuple[dict[str, Any], ...] = (
    {"color": OKABE_ITO["vermillion"], "linestyle": "--"},
    {"color": OKABE_ITO["blue"], "linestyle": ":"},
    {"color": OKABE_ITO["reddish purple"], "linestyle": "-."},
)


@dataclass(frozen=True)
class Line:
    """One line of a panel: ``values`` by ``years``; ``solid[i]`` False marks a point that is
    withheld (alignment) or rests mostly on the prior (ideal points): never drawn as solid.
    ``lower``/``upper`` give a band when not empty.
    """

    label: str
    years: Sequence[int]
    values: Sequence[float]
    solid: Sequence[bool]
    lower: Sequence[float] = ()
    upper: Sequence[float] = ()


@dataclass(frozen=True)
class Bar:
    """A membership period in the memberships panel (years as decimals)."""

    organisation: str
    status: str
    start: float
    end: float


@dataclass(frozen=True)
class Panel:
    """One panel: its title, y-axis title and content, or ``missing`` (why there is none)."""

    title: str
    y_label: str = ""
    lines: tuple[Line, ...] = ()
    bars: tuple[Bar, ...] = ()
    missing: str = ""


def _nan_unless(values: Sequence[float], keep: Sequence[bool]) -> list[float]:
    return [v if k else float("nan") for v, k in zip(values, keep, strict=True)]


def _percent() -> Any:
    """A tick formatter writing shares as percentages in the current language (``6 %``)."""
    from matplotlib.ticker import FuncFormatter

    lang = get_language()

    def fmt(value: float, _pos: object = None) -> str:
        with use_language(lang):
            return format_percent(value, 0 if value >= 0.02 or value == 0 else 1)

    return FuncFormatter(fmt)


def _title(text: str, ax: Any) -> str:
    """``text`` broken into lines that fit the panel's width (so no title is clipped)."""
    return fit(text, ax.figure, size=9, share=0.8, bold=True)


def _empty(ax: Any, panel: Panel) -> None:
    ax.set_title(_title(panel.title, ax), fontsize=9, fontweight="bold")
    ax.text(0.5, 0.5, wrap(panel.missing, 34), ha="center", va="center", fontsize=8,
            color="#444444", transform=ax.transAxes)  # fmt: skip
    ax.set_yticks([])
    ax.grid(False)


def _alignment(ax: Any, panel: Panel, withheld_label: str) -> None:
    marked = False
    for k, line in enumerate(panel.lines):
        look = PARTNER_LOOKS[k % len(PARTNER_LOOKS)]
        ax.plot(line.years, _nan_unless(line.values, line.solid), linewidth=1.4,
                label=line.label, **look)  # fmt: skip
        gaps = [y for y, ok in zip(line.years, line.solid, strict=True) if not ok]
        if gaps:
            marked = True
            ax.plot(gaps, [0.04 + 0.05 * k] * len(gaps), linestyle="none", marker="o",
                    markersize=4, markerfacecolor="white", markeredgecolor=look["color"],
                    transform=ax.get_xaxis_transform(), clip_on=False)  # fmt: skip
    if marked:
        ax.plot([], [], linestyle="none", marker="o", markersize=4, markerfacecolor="white",
                markeredgecolor="#555555", label=wrap(withheld_label, 30))  # fmt: skip
    ax.set_ylim(0, 1.02)


def _ideal(ax: Any, panel: Panel, band_label: str, few_label: str) -> None:
    mine, *others = panel.lines
    for line, look in zip(others, COMPARISON_LOOKS, strict=False):
        ax.plot(line.years, _nan_unless(line.values, line.solid), linewidth=1.0,
                label=line.label, **look)  # fmt: skip
    if mine.lower:
        ax.fill_between(mine.years, mine.lower, mine.upper, color=MEMBER_COLOUR, alpha=0.15,
                        linewidth=0, label=band_label)  # fmt: skip
    ax.plot(mine.years, _nan_unless(mine.values, mine.solid), color=MEMBER_COLOUR,
            linewidth=1.8, label=mine.label)  # fmt: skip
    few = [(y, v) for y, v, ok in zip(mine.years, mine.values, mine.solid, strict=True) if not ok]
    if few:
        ax.plot([y for y, _v in few], [v for _y, v in few], linestyle="none", marker="o",
                markersize=4, markerfacecolor="white", markeredgecolor=MEMBER_COLOUR,
                label=wrap(few_label, 30))  # fmt: skip


def _share(ax: Any, panel: Panel) -> None:
    for line in panel.lines:
        ax.plot(line.years, _nan_unless(line.values, line.solid), color=MEMBER_COLOUR,
                linewidth=1.8, label=line.label)  # fmt: skip
    top = max((v for line in panel.lines for v in line.values if v == v), default=1.0)
    ax.set_ylim(0, min(1.0, top * 1.15) if top > 0 else 1.0)


def _memberships(ax: Any, panel: Panel, status_labels: Mapping[str, str]) -> None:
    orgs = list(dict.fromkeys(b.organisation for b in panel.bars))
    y_of = {o: len(orgs) - 1 - i for i, o in enumerate(orgs)}
    for status, label in status_labels.items():
        mine = [b for b in panel.bars if b.status == status]
        if mine:
            ax.barh([y_of[b.organisation] for b in mine], [max(b.end - b.start, 0.2) for b in mine],
                    left=[b.start for b in mine], height=0.6, color=STATUS_COLOURS.get(status),
                    linewidth=0, label=label)  # fmt: skip
    ax.set_yticks(range(len(orgs)), list(reversed(orgs)), fontsize=7)
    ax.set_ylim(-0.6, max(len(orgs), 1) - 0.4)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)


def member_panels(
    alignment: Panel,
    ideal: Panel,
    share: Panel,
    memberships: Panel,
    *,
    years: tuple[int, int],
    withheld_label: str,
    band_label: str,
    few_label: str,
    status_labels: Mapping[str, str],
    alt: str,
) -> Chart:
    """The four panels of a member's profile on one year axis from ``years[0]`` to ``years[1]``.

    Examples
    --------
    >>> a = Panel("UN alignment", "agreement", (Line("Russia", [1992, 1993, 2020],
    ...     [0.8, 0.9, 1.0], [True, True, False]),))
    >>> i = Panel("Ideal point", "", (Line("Kazakhstan", [1992, 1993], [0.1, 0.2], [True, False],
    ...     [0.0, 0.0], [0.3, 0.4]),))
    >>> s = Panel("Share", "", missing="run `ujym data import cow_nmc FILE`")
    >>> m = Panel("Memberships", bars=(Bar("CSTO", "member", 1992.4, 2026.0),))
    >>> chart = member_panels(a, i, s, m, years=(1992, 2026),
    ...     withheld_label="withheld", band_label="95 %", few_label="few votes",
    ...     status_labels={"member": "member"}, alt="Kazakhstan")
    >>> b"<svg" in chart.to_bytes("svg")
    True
    """
    with style():
        fig = new_figure(7.4, 5.8)
        # one subfigure per panel, so that each panel's legend sits below it, inside the figure
        grid: Any = fig.subfigures(2, 2, wspace=0.02, hspace=0.02)
        subs = list(grid.ravel())
        axes = [sub.add_subplot() for sub in subs]
        panels = (alignment, ideal, share, memberships)
        for sub, ax, panel in zip(subs, axes, panels, strict=True):
            ax.tick_params(labelsize=7, labelbottom=True)
            ax.set_xlim(years[0] - 0.5, years[1] + 0.5)
            if panel.missing:
                _empty(ax, panel)
                continue
            ax.set_title(_title(panel.title, ax), fontsize=9, fontweight="bold")
            if panel.y_label:
                ax.set_ylabel(panel.y_label, fontsize=8)
            if panel is alignment:
                _alignment(ax, panel, withheld_label)
            elif panel is ideal:
                _ideal(ax, panel, band_label, few_label)
            elif panel is share:
                _share(ax, panel)
            else:
                _memberships(ax, panel, status_labels)
            if panel is share:
                ax.yaxis.set_major_formatter(_percent())
            elif panel is not memberships:
                ax.yaxis.set_major_formatter(number_formatter(1))
            _handles, labels = ax.get_legend_handles_labels()
            if len(labels) > 1 or (panel is memberships and labels):
                wide = max(len(line) for label in labels for line in label.split("\n"))
                sub.legend(fontsize=6.5, loc="outside lower center",
                           ncols=1 if wide > 22 else 2 if wide > 12 else 3, handlelength=2.2,
                           columnspacing=1.0)  # fmt: skip
        for ax in axes:
            ax.xaxis.set_major_formatter(year_formatter())
    return Chart(fig, alt)


__all__ = ["Bar", "Line", "Panel", "member_panels"]
