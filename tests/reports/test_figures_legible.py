"""Charts that read at a glance: no label runs off the figure, no yellow line on white, withheld
points drawn hollow — for the brief's figures, with the longest labels the kk and ru catalogs give.

(The forecast figure belongs to the forecast report and is checked there.)
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import pytest

from ujym.core import Lang
from ujym.i18n import _, use_language
from ujym.reports.figures.alignment import Series, alignment_over_time
from ujym.reports.figures.ideal import trajectories
from ujym.reports.figures.memberships import TimelineBar, matrix_timeline
from ujym.reports.figures.profile import Bar, Line, Panel, member_panels
from ujym.reports.figures.style import OKABE_ITO, Chart

YELLOW = OKABE_ITO["yellow"].lower()


def clipped_texts(chart: Chart) -> list[str]:
    """Every visible text of ``chart`` whose drawn box leaves the figure (1 px tolerance)."""
    from matplotlib.text import Text

    from ujym.reports.figures.style import style

    fig = chart.figure
    with style(), use_language(chart.lang):
        fig.canvas.draw()  # lays the figure out as it is written, at the figure's own dpi
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    box = fig.bbox
    undrawn = set()  # tick labels outside the axis' view are kept by matplotlib, never drawn
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            drawn = {id(t) for tick in axis._update_ticks() for t in (tick.label1, tick.label2)}
            for tick in (*axis.majorTicks, *axis.minorTicks):
                undrawn |= {id(t) for t in (tick.label1, tick.label2) if id(t) not in drawn}
    out = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip() or id(text) in undrawn:
            continue
        ext = text.get_window_extent(renderer)
        if ext.x0 < box.x0 - 1 or ext.x1 > box.x1 + 1 or ext.y0 < box.y0 - 1 or ext.y1 > box.y1 + 1:
            out.append(text.get_text())
    return out


def line_colours(chart: Chart) -> set[str]:
    from matplotlib.colors import to_hex
    from matplotlib.lines import Line2D

    return {
        to_hex(line.get_color()).lower()
        for line in chart.figure.findobj(Line2D)
        if line.get_visible() and line.get_linestyle() not in ("None", "none", "")
    }


def profile_chart(lang: Lang, missing: bool = False) -> Chart:
    with use_language(lang):
        years = list(range(1992, 2021))
        solid = [y != 2020 for y in years]
        partners = [
            Line(_("EU core"), years, [0.6 + 0.01 * (y % 5) for y in years], solid),
            Line("Россия", years, [0.8] * len(years), solid),
            Line("США", years, [0.3] * len(years), solid),
            Line("Қытай", years, [0.85] * len(years), solid),
        ]
        ideal = Line(
            "Қазақстан", years[:-1], [0.1] * 28, [y != 2012 for y in years[:-1]],
            [-0.1] * 28, [0.3] * 28,
        )  # fmt: skip
        return member_panels(
            Panel(
                _("UN votes: agreement with each partner"), _("agreement index"), tuple(partners)
            ),
            Panel(_("Ideal point (UN votes)"), _("ideal point"), (ideal,)),
            Panel(
                _("Share of the {organisation}'s capabilities (CINC)").format(organisation="ҰҚШҰ"),
                _("share"),
                ()
                if missing
                else (Line("Қазақстан", years, [0.06] * len(years), [True] * len(years)),),
                missing=_("No data in the cache: {fix}").format(
                    fix="run `ujym data pull cow_nmc` or `ujym data import cow_nmc FILE`"
                )
                if missing
                else "",
            ),
            Panel(
                _("Memberships"),
                bars=tuple(
                    Bar(org, "member", 1992.4, 2026.0)
                    for org in ("ҰҚШҰ", "ТМД", "Бейбітшілік жолындағы әріптестік", "ШЫҰ")
                ),
            ),
            years=(1992, 2026),
            withheld_label=_("too few roll calls: no figure"),
            band_label=_("95 % band"),
            few_label=_("few votes: mostly the prior"),
            status_labels={"member": _("member"), "partner": _("partner")},
            alt="Қазақстан",
        )


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("missing", [False, True])
def test_profile_labels_stay_inside(lang: Lang, missing: bool) -> None:
    chart = profile_chart(lang, missing)
    assert clipped_texts(chart) == []
    assert YELLOW not in line_colours(chart)


def test_profile_marks_withheld_and_prior_points_hollow() -> None:
    from matplotlib.lines import Line2D

    chart = profile_chart("en")
    hollow = [
        line
        for line in chart.figure.findobj(Line2D)
        if line.get_marker() == "o" and str(line.get_markerfacecolor()).lower() in ("white", "w")
    ]
    xs = {float(x) for line in hollow for x in line.get_xdata()}
    assert 2020.0 in xs  # the single roll call of 2020: no alignment figure
    assert 2012.0 in xs  # the ideal point resting mostly on the prior


def test_profile_panels_share_the_year_axis() -> None:
    chart = profile_chart("en")
    axes = chart.figure.axes
    limits = {tuple(round(v, 3) for v in ax.get_xlim()) for ax in axes}
    assert limits == {(1991.5, 2026.5)}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_other_brief_figures_keep_their_labels_inside(lang: Lang) -> None:
    with use_language(lang):
        years = list(range(1992, 2021))
        series = [
            Series(name, years, [v] * len(years), [80] * len(years), [y != 2020 for y in years])
            for name, v in (("Ресей", 0.8), ("АҚШ", 0.3), ("Қытай", 0.85), (_("EU core"), 0.6))
        ]
        charts: list[Any] = [
            alignment_over_time(
                series,
                title="Қазақстанның БҰҰ Бас Ассамблеясындағы серіктестермен келісімі, 1992–2020",
                x_label=_("year"),
                y_label=_("agreement index"),
                withheld_label=_("too few roll calls: no figure"),
                withheld_tip="{n}",
                alt="a",
            ),
            matrix_timeline(
                [
                    TimelineBar(
                        "Қазақстан", "ҰҚШҰ", "member", date(1992, 5, 15), date(2026, 1, 1), ""
                    )
                ],
                rows=["Қазақстан", "Қырғызстан"],
                columns=["ҰҚШҰ", "Бейбітшілік жолындағы әріптестік"],
                window=(date(1991, 1, 1), date(2026, 1, 1)),
                group_labels={"member": _("member")},
                alt="m",
            ),
        ]
        rows = [
            {"ccode": c, "year": y, "ideal_point": 0.1 * i, "lower": 0.1 * i - 0.2,
             "upper": 0.1 * i + 0.2, "status": "few_votes" if y == 2012 else "ok"}
            for i, c in enumerate((705, 703, 702, 2))
            for y in range(2005, 2020)
        ]  # fmt: skip
        charts.append(
            trajectories(
                pd.DataFrame(rows),
                [(705, "Қазақстан"), (703, "Қырғызстан"), (702, "Тәжікстан")],
                [(2, "АҚШ")],
                title=_("Ideal point (UN votes)"),
                x_label=_("year"),
                y_label=_("ideal point"),
                band_label=_("95 % band"),
                few_label=_("few votes: mostly the prior"),
                alt="i",
            )
        )
    for chart in charts:
        assert clipped_texts(chart) == []
        assert YELLOW not in line_colours(chart)


def test_the_check_sees_a_clipped_label() -> None:
    from ujym.reports.figures.style import new_figure, style

    with style():
        fig = new_figure(3, 2)
        fig.set_layout_engine("none")
        ax = fig.add_subplot()
        ax.text(0.9, 0.5, "a label that runs well past the right edge", transform=ax.transAxes)
    assert "a label that runs well past the right edge" in clipped_texts(Chart(fig, "x"))
