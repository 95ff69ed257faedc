"""``ujym check``, ``ujym capabilities``, ``ujym memberships``: the article's claims against data."""

from __future__ import annotations

import json

import click
import pandas as pd
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ujym.cli.casebook import MEMBERSHIP_STATUS
from ujym.cli.main import MISSING, apply_language, lang_option, number_text
from ujym.core.errors import DataNotAvailableError, UnknownCodeError
from ujym.core.provenance import provenance_of
from ujym.engines.evidence import Status
from ujym.i18n import _, ngettext
from ujym.pipeline.capabilities import group_capabilities
from ujym.pipeline.checks import (
    KIND_LABELS,
    REASON_LABELS,
    VERDICT_LABELS,
    WINDOW_LABELS,
    check_claims,
)
from ujym.pipeline.memberships import actor_memberships, as_given
from ujym.sources.casebook import load_casebook
from ujym.sources.codes import resolve_state
from ujym.sources.groups import parse_spec, subject_group

FORMATS = ("table", "json")
VERDICT_STYLES = {
    "supported": "green",
    "contradicted": "red",
    "mixed": "yellow",
    "insufficient-data": "dim",
    "not-testable": "dim",
}


def _figures_text(figures: str, limit: int = 2) -> str:
    values = json.loads(figures) if figures else {}
    parts = []
    for key, value in list(values.items())[:limit]:
        if value is None or isinstance(value, float):
            value = number_text(value, 3)  # "—": no data for this figure in the window
        parts.append(f"{key} = {value}")
    return "\n".join(parts)


def _refuse_empty_cache(frame: pd.DataFrame) -> None:
    """With nothing in the cache, say which data to import (exit 3) instead of a table of gaps.

    Only for ``ujym check`` without claim ids: named claims get their table, where each one
    without data says which dataset to import.
    """
    from ujym.sources import cache

    if cache.cached_datasets():
        return
    waiting = frame[frame["verdict"] == "insufficient-data"]
    commands = sorted({n for n in waiting["note"] if isinstance(n, str) and "ujym data" in n})
    if not commands:
        return
    claims = waiting["claim"].nunique()
    raise DataNotAvailableError(
        ngettext(
            "the data cache ({path}) is empty: {n} claim needs data to be checked",
            "the data cache ({path}) is empty: {n} claims need data to be checked",
            claims,
        ).format(path=cache.data_dir(), n=claims),
        "; ".join(commands),
    )


@click.command()
@click.argument("claims", nargs=-1, metavar="[CLAIM]...")
@click.option(
    "--since", type=int, default=None, help="Check from this year to the end of the data."
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@lang_option
def check(claims: tuple[str, ...], since: int | None, fmt: str, lang: str | None) -> None:
    """Check the article's claims against the data in the cache.

    Each check runs for the article's time (its casebook's window: 2011–2013 for the CSTO
    article) and for the latest data (or from --since to the end of the data). The rule each verdict applies is the claim's check text in the
    casebook, shown in the interface language. Claims without data are marked "insufficient
    data" with the command that gets it; claims ujym cannot test are listed with the reason and
    what would test them.

    Example: ujym check C9 C47 --lang kk
    """
    chosen = apply_language(lang)
    result = check_claims(list(claims) or None, since=since, lang=chosen)
    if not claims:  # "check everything" with nothing to check it on: say what to import
        _refuse_empty_cache(result.frame)
    if fmt == "json":
        records = [
            {**r, "figures": json.loads(r["figures"])}
            for r in result.frame.to_dict(orient="records")
        ]
        payload = {
            "checks": records,
            "not_testable": [
                {
                    "claim": n.claim,
                    "reason": n.reason,
                    "needed": list(n.needed),
                    "explanation": n.explanation[chosen] if n.explanation else "",
                }
                for n in result.not_testable
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    if len(result.frame):
        table = Table(title=_("Claims checked against data"), show_lines=True)
        for heading in (_("Claim"), _("Window"), _("Years"), _("Verdict")):
            table.add_column(heading, no_wrap=heading != _("Window"))
        table.add_column(_("Figures"), overflow="fold", ratio=1)
        table.add_column(_("Rule"), overflow="fold", ratio=1)
        shown: set[str] = set()
        for r in result.frame.itertuples():
            style = VERDICT_STYLES.get(r.verdict, "")
            verdict = _(VERDICT_LABELS[r.verdict])
            detail = _figures_text(r.figures) or r.note
            table.add_row(
                r.claim,
                _(WINDOW_LABELS.get(r.window, r.window)),
                r.years,
                f"[{style}]{verdict}[/{style}]" if style else verdict,
                detail,
                "" if r.claim in shown else _rule_text(r.kind, r.threshold),
            )
            shown.add(r.claim)
        console.print(table)
        n = result.frame["claim"].nunique()
        console.print(ngettext("{n} claim checked", "{n} claims checked", n).format(n=n))
    if result.not_testable:
        nt = Table(title=_("Claims ujym cannot test"))
        for heading in (_("Claim"), _("Reason")):
            nt.add_column(heading)
        nt.add_column(_("What would test it"), overflow="fold", ratio=1)
        for item in result.not_testable:
            why = item.explanation[chosen] if item.explanation else "; ".join(item.needed) or "—"
            nt.add_row(item.claim, _(REASON_LABELS[item.reason]), why)
        console.print(nt)


def _rule_text(kind: str, rule: str) -> str:
    """The rule; a record check (casebook only) says so first."""
    if kind == "record":
        return f"[dim]{escape(_(KIND_LABELS[kind]))}[/dim]\n{escape(rule)}"
    return escape(rule)


@click.command()
@click.argument("group", required=False)
@click.option("--year", type=int, default=None, help="Year (default: the last year of the data).")
@lang_option
def capabilities(group: str | None, year: int | None, lang: str | None) -> None:
    """Each member's share of a group's material capabilities (COW NMC) in one year.

    GROUP is a casebook organisation (its members that year; default: the organisation the
    article is about), a comparison set, or states separated by commas.

    Example: ujym capabilities CSTO --year 2013
    """
    chosen = apply_language(lang)
    selection = parse_spec(group or subject_group().id)
    assert selection is not None  # a group is always named here
    frame, conc = group_capabilities(selection, year)
    table = Table(
        title=_("Capabilities of {group} in {year}").format(
            group=selection.label(chosen), year=conc["year"]
        )
    )
    for heading in (_("Rank"), _("State"), "CINC", _("Share of CINC"), _("Military expenditure"),
                    _("Share of military expenditure"), _("Military personnel"), _("Share of personnel")):  # fmt: skip
        table.add_column(heading)
    for r in frame.itertuples():
        table.add_row(
            MISSING if pd.isna(r.rank_cinc) else str(r.rank_cinc),
            r.iso3,
            number_text(r.cinc, 5),
            number_text(r.share_cinc, percent=True),
            number_text(r.milex, 0),
            number_text(r.share_milex, percent=True),
            number_text(r.milper, 0),
            number_text(r.share_milper, percent=True),
        )
    console = Console(highlight=False)
    console.print(table)
    if conc["status"] == Status.OK.value:
        console.print(
            _("Concentration of CINC (Herfindahl–Hirschman): {hhi}; normalised: {norm}").format(
                hhi=number_text(conc["hhi"]), norm=number_text(conc["hhi_normalised"])
            )
        )
    else:  # part of the group, or one member: no concentration, no ranks, and why
        console.print(
            _("Concentration of CINC (Herfindahl–Hirschman): insufficient ({reason})").format(
                reason=conc["reason"]
            )
        )
    console.print(_("Military expenditure in thousands of US dollars, personnel in thousands."))
    if frame["share_milex"].isna().any() or frame["share_milper"].isna().any():
        console.print(_("A share is shown only when every member has a figure for it."))


@click.command()
@click.argument("actor")
@lang_option
def memberships(actor: str, lang: str | None) -> None:
    """The organisations a state belongs to, period by period, with sources (casebook).

    Any state: the article's states have every organisation the casebook records; other states
    the organisations that list every member (NATO, the EU, the OSCE, …).

    Example: ujym memberships KAZ --lang ru
    """
    chosen = apply_language(lang)
    cb = load_casebook()
    frame = actor_memberships(actor, casebook=cb)
    who = provenance_of(frame).details["actor"]
    try:
        name = cb.actor(who).names[chosen]
    except UnknownCodeError:  # a state without an actor file: its name from the crosswalk
        name = resolve_state(who).names[chosen]
    table = Table(title=_("Memberships of {actor}").format(actor=name))
    for heading in (_("Organisation"), _("Status"), _("From"), _("To"), _("Source")):
        table.add_column(heading)
    for r in frame.itertuples():
        org = cb.actor(r.organisation).short[chosen] if r.organisation else r.organisation
        table.add_row(
            f"{org} ({r.organisation})", _(MEMBERSHIP_STATUS.get(r.status, r.status)),
            as_given(r.start, r.start_precision) or "—", as_given(r.end, r.end_precision) or "—",
            r.citation,
        )  # fmt: skip
    console = Console(highlight=False)
    console.print(table)
    n = len(frame)
    console.print(ngettext("{n} period", "{n} periods", n).format(n=n))
