"""The ``alignment`` page: a state's UN General Assembly alignment with its partners by year
(what ``ujym plot-alignment`` draws), with the values behind the figure in a table.

Examples
--------
>>> import pandas as pd
>>> from ujym.core.provenance import DatasetRef, Provenance, Unit, attach
>>> profile = attach(pd.DataFrame({"year": [1992, 1993], "partner": ["RUS", "RUS"],
...     "value": [0.81, 0.86], "n_rollcalls": [55, 61], "status": ["ok", "ok"]}),
...     Provenance(Unit.STATE_YEAR, datasets=(DatasetRef("unvotes", "0.3.0"),)))
>>> p = render_page("alignment", lang="en", profile=profile, state=705, partners=["RUS"],
...                 measure="agreement")
>>> p.title
'Kazakhstan: alignment in the UN General Assembly (agreement index)'
>>> "Robinson, David" in p.footer.datasets[0].citation
True
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ujym.core.errors import UjymError
from ujym.core.provenance import provenance_of
from ujym.engines.evidence import MIN_ROLLCALLS, Status
from ujym.i18n import _, format_number
from ujym.reports.figures.alignment import Series, alignment_over_time
from ujym.reports.footer import provenance_of_frame
from ujym.reports.labels import measure_label, partner_label, state_label
from ujym.reports.pages import PageContent, PageContext, page, render_page


@page("alignment")
def alignment_page(
    ctx: PageContext,
    *,
    profile: pd.DataFrame,
    state: int,
    partners: Sequence[str],
    measure: str,
) -> PageContent:
    """``profile`` as :func:`ujym.pipeline.dyads.alignment_profile` returns it (``year, partner,
    value, n_rollcalls, status``), for ``state`` (COW code) and ``partners`` as typed (``RUS``,
    ``EU``). Withheld values (status ``insufficient``) are gaps in the lines and read
    "insufficient (n = …)" in the table.
    """
    name = state_label(state)
    minimum = int(provenance_of(profile).details.get("min_rollcalls", MIN_ROLLCALLS))
    if profile.empty:
        raise UjymError(
            _("{state}: no roll calls in common with the partners to draw").format(state=name),
            _("choose other years (--years) or other partners (--against)"),
        )
    shown = (profile["status"] == Status.OK.value) & profile["value"].notna()
    if not shown.any():
        raise UjymError(
            _("{state}: every value rests on fewer than {n} contested roll calls in common").format(
                state=name, n=minimum
            ),
            _("choose other years (--years), or lower the minimum with --min-rollcalls"),
        )
    keys = [str(p).strip().upper() for p in partners]
    labels = {k: partner_label(p) for k, p in zip(keys, partners, strict=True)}
    series = []
    for key in keys:
        part = profile[profile["partner"] == key].sort_values("year")
        series.append(
            Series(
                labels[key],
                [int(y) for y in part["year"]],
                [float(v) for v in part["value"]],
                [int(n) for n in part["n_rollcalls"]],
                [st == Status.OK.value for st in part["status"]],
            )
        )
    measure_name = measure_label(measure)
    title = _("{state}: alignment in the UN General Assembly ({measure})").format(
        state=name, measure=measure_name
    )
    withheld_label = _("no figure: fewer than {n} contested roll calls").format(n=minimum)
    chart = alignment_over_time(
        series,
        title=title,
        x_label=_("Year of vote"),
        y_label=measure_name,
        withheld_label=withheld_label,
        withheld_tip=_("insufficient (n = {n})"),
        alt=title,
    )
    years = sorted({int(y) for y in profile["year"]})
    cells: dict[tuple[int, str], str] = {}
    for row in profile.itertuples(index=False):
        value = float(row.value)
        n = format_number(int(row.n_rollcalls))
        if row.status != Status.OK.value:
            text = _("insufficient (n = {n})").format(n=n)
        elif value != value:
            text = ""
        else:
            text = f"{format_number(value, 2)} (n\u00a0=\u00a0{n})"
        cells[(int(row.year), str(row.partner))] = text
    rows = [(year, [cells.get((year, k), "") for k in keys]) for year in years]
    return PageContent(
        template="alignment.html.j2",
        title=title,
        provenance=(provenance_of_frame(profile),),
        context={
            "state": name,
            "measure": measure_name,
            "partners": [labels[k] for k in keys],
            "rows": rows,
            "minimum": minimum,
        },
        figures={"alignment-chart": chart},
    )


__all__ = ["alignment_page", "render_page"]
