"""The ``forecast`` page: a bargaining forecast — positions by round beside the Monte Carlo
distribution, the rounds table, the inputs that move the outcome most, and the evidence behind
the inputs (what ``ujym forecast --out`` writes).

Actors are named by the casebook (their short names in the page's language) when it knows them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from ujym.core import Casebook
from ujym.core.errors import UnknownCodeError
from ujym.i18n import _, format_number, format_percent
from ujym.reports.figures.forecast import forecast_path
from ujym.reports.footer import provenance_of_frame
from ujym.reports.forecast_reading import (
    INPUTS,
    OFFERS,
    STOPS,
    evidence_labels,
    label,
    model_line,
    reading,
)
from ujym.reports.pages import PageContent, PageContext, page, render_page

if TYPE_CHECKING:
    from ujym.pipeline.bargaining import BargainingResult

MODEL = (
    'Scholz, Calbert & Smith (2011), "Unravelling Bueno De Mesquita\'s group decision model", '
    "Journal of Theoretical Politics 23(4): 510–531"
)


_IDENTIFIER = re.compile(r"\bujym(?:\.\w+)+")
"""A dotted name of ujym's code (``ujym.engines.bargaining.inputs.cinc_shares``) in a text."""


def with_code(text: str, pattern: re.Pattern[str] = _IDENTIFIER) -> Markup:
    """``text`` escaped, with the dotted names of ujym's code in it (or what ``pattern`` finds)
    set as code: a reader sees them as names to look up, not as words of the sentence.

    >>> str(with_code("үлесі (ujym.engines.bargaining.inputs.cinc_shares); <b>"))
    'үлесі (<code>ujym.engines.bargaining.inputs.cinc_shares</code>); &lt;b&gt;'
    """
    out, pos = Markup(""), 0
    for match in pattern.finditer(text):
        out += escape(text[pos : match.start()]) + Markup("<code>{}</code>").format(match.group())
        pos = match.end()
    return out + escape(text[pos:])


def actor_names(casebook: Casebook, ids: tuple[str, ...], lang: str) -> dict[str, str]:
    """Scenario actor id → its short name in ``lang`` (the id when the casebook lacks it)."""
    out = {}
    for aid in ids:
        try:
            out[aid] = casebook.actor(aid).short[lang]  # type: ignore[index]
        except UnknownCodeError:
            out[aid] = aid
    return out


@page("forecast")
def forecast_page(
    ctx: PageContext, *, result: BargainingResult, casebook: Casebook | None = None
) -> PageContent:
    """``result`` of :func:`ujym.pipeline.bargaining.simulate_bargaining`."""
    if casebook is None:
        from ujym.sources.casebook import load_casebook

        casebook = load_casebook()
    sc, s, lang = result.scenario, result.summary, ctx.lang
    names = actor_names(casebook, sc.ids, lang)
    position = f"{sc.low_means[lang]} ← → {sc.high_means[lang]}"
    chart = forecast_path(
        result.rounds,
        [(aid, names[aid]) for aid in sc.ids],
        list(result.forecast["median"]),
        scale=(sc.scale_min, sc.scale_max),
        threshold=s.get("threshold"),
        round_label=_("Round"),
        position_label=position,
        median_label=_("Median"),
        runs_label=_("Runs"),
        distribution_title=_("Monte Carlo distribution of the forecast"),
        alt=_("Positions by round"),
    )
    title = sc.title[lang]
    variable = re.compile(rf"(?<={re.escape(_('variable'))} )\w+")  # a dataset's column id
    return PageContent(
        template="forecast.html.j2",
        title=title,
        provenance=(provenance_of_frame(result.rounds),),
        context={
            "sc": sc,
            "s": s,
            "names": names,
            "fmt": lambda v: format_number(v, 1),
            "pct": format_percent,
            "rounds": result.rounds,
            "sens": result.sensitivity.head(10),
            "moves": result.moves,
            "options": result.options,
            "model": MODEL,
            "model_line": model_line(result.options),
            "reading": reading(result, names),
            "evidence": [with_code(e, variable) for e in evidence_labels(sc)],
            "derivations": [
                (label(INPUTS, f), with_code(d[lang])) for f, d in sc.derivations.items()
            ],
            "notes": [with_code(n[lang]) for n in sc.notes],
            "input_label": lambda code: label(INPUTS, code),
            "offer_label": lambda code: label(OFFERS, code),
            "stop_label": lambda code: label(STOPS, code),
            "num2": lambda v: format_number(v, 2),
            "num3": lambda v: format_number(v, 3),
        },
        figures={"forecast-chart": chart},
        casebook=casebook,
        model=result,
    )


__all__ = ["MODEL", "actor_names", "forecast_page", "render_page", "with_code"]
