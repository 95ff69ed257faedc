"""The ``ideal`` page: ideal-point trajectories of an organisation's members with their bands,
beside comparison states (what ``ujym ideal --plot`` draws).

The members are the casebook's: those holding membership of ``subject`` (default: the article's
subject organisation) in the last year drawn, in the order the article treats them.

Examples
--------
>>> import pandas as pd
>>> from ujym.core.provenance import DatasetRef, Provenance, Unit, attach
>>> rows = [{"ccode": c, "year": y, "ideal_point": v, "lower": v - 0.3, "upper": v + 0.3,
...          "status": "ok"} for c, v in ((705, -0.4), (2, 2.0)) for y in (2018, 2019)]
>>> df = pd.DataFrame(rows)
>>> df = attach(df, Provenance(Unit.STATE_SESSION, datasets=(DatasetRef("unvotes", "0.3.0"),)))
>>> p = render_page("ideal", lang="kk", ideal=df)
>>> p.title
'БҰҰ Бас Ассамблеясындағы ҰҚТШҰ мүшелерінің идеал нүктелері, 2018–2019'
>>> [d.id for d in p.footer.datasets], p.footer.casebook
(['unvotes'], True)
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ujym.core import Casebook
from ujym.core.errors import UjymError, UnknownCodeError
from ujym.core.provenance import Provenance, Unit
from ujym.i18n import _
from ujym.reports.figures.ideal import trajectories
from ujym.reports.footer import provenance_of_frame
from ujym.reports.labels import state_label
from ujym.reports.pages import PageContent, PageContext, page, render_page

COMPARISON = (2, 710, 255)
"""Comparison states drawn in every panel: the United States, China, Germany (the EU core state)."""
PLOT_FROM = 1992


def group_members(casebook: Casebook, subject: str, year: int) -> list[tuple[int, str]]:
    """(COW code, actor id) of the states holding membership of ``subject`` in ``year``, in
    the article's order, then by id.
    """
    ids = casebook.members_of(subject, year)
    code_of = {a.id: a.codes.ccode for a in casebook.actors if a.codes is not None}
    code_of.update({m.actor: m.ccode for m in casebook.memberships if m.ccode is not None})
    order = {a.id: i for i, a in enumerate(casebook.members)}
    return [
        (int(code_of[aid]), aid)
        for aid in sorted(ids, key=lambda a: (order.get(a, len(order)), a))
        if aid in code_of  # a row may name a state by ISO3 only (no actor file)
    ]


@page("ideal")
def ideal_page(
    ctx: PageContext,
    *,
    ideal: pd.DataFrame,
    casebook: Casebook | None = None,
    subject: str | None = None,
    comparison: Sequence[int] = COMPARISON,
    first_year: int = PLOT_FROM,
) -> PageContent:
    """``ideal`` as :func:`ujym.pipeline.ideal.estimate_ideal_points` returns it; years before
    ``first_year`` are left out.
    """
    if casebook is None:
        from ujym.sources.casebook import load_casebook

        casebook = load_casebook()
    subject = subject or casebook.article.subject
    try:
        organisation = casebook.actor(subject).short[ctx.lang]
    except UnknownCodeError:
        organisation = subject
    plotted = ideal[ideal["year"] >= first_year]
    if plotted.empty:
        raise UjymError(
            _("no ideal points from {year} on to plot").format(year=first_year),
            _("include the years from 1992 (drop --to, or set it to 1992 or later)"),
        )
    first, last = int(plotted["year"].min()), int(plotted["year"].max())
    members = group_members(casebook, subject, last)
    if not members:
        raise UjymError(
            _("the casebook lists no members of {organisation} in {year}").format(
                organisation=organisation, year=last
            ),
            _("add the memberships to the casebook, or choose another organisation"),
        )
    panels = [(code, state_label(code)) for code, _aid in members]
    others = [(code, state_label(code)) for code in comparison]
    title = _(
        "{organisation} members' ideal points in the UN General Assembly, {first}–{last}"
    ).format(organisation=organisation, first=first, last=last)
    chart = trajectories(
        plotted,
        panels,
        others,
        title=title,
        x_label=_("Year the session opened"),
        y_label=_("Ideal point (higher = closer to the US-led liberal order)"),
        band_label=_("95% interval"),
        few_label=_("few votes (estimate mostly from the model's prior)"),
        alt=title,
    )
    member_ids = {aid for _code, aid in members}
    cited = tuple(
        dict.fromkeys(
            m.cite.source
            for m in casebook.memberships
            if m.organisation == subject and m.actor in member_ids and m.cite.outside
        )
    )
    return PageContent(
        template="ideal.html.j2",
        title=title,
        provenance=(
            provenance_of_frame(ideal),
            Provenance(Unit.MEMBERSHIP_PERIOD, casebook=True, details={"subject": subject}),
        ),
        context={
            "organisation": organisation,
            "year": last,
            "members": [label for _c, label in panels],
            "comparison": [label for _c, label in others],
            "band": _("95% interval"),
        },
        figures={"ideal-chart": chart},
        casebook=casebook,
        cited=tuple(s for s in cited if s is not None),
    )


__all__ = ["COMPARISON", "PLOT_FROM", "group_members", "ideal_page", "render_page"]
