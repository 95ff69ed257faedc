"""``ujym memberships``: the organisations a state belongs to, period by period (casebook)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from rich.console import Console

from ujym.cli.casebook import citation_text, membership_status, period_bounds
from ujym.cli.export import FORMATS, export_frame
from ujym.cli.main import apply_language, lang_option
from ujym.cli.tables import Column, print_fitted
from ujym.core.casebook import Casebook
from ujym.core.errors import UnknownCodeError
from ujym.core.memberships import Membership
from ujym.core.provenance import provenance_of
from ujym.i18n import _, ngettext
from ujym.pipeline.memberships import actor_memberships
from ujym.sources.casebook import load_casebook
from ujym.sources.codes import resolve_state


def rows_of(cb: Casebook, who: str) -> list[Membership]:
    """The membership rows of ``who`` (an actor id, or the ISO3 code of a state without an actor
    file), ordered by start as :func:`ujym.pipeline.memberships.actor_memberships` orders them.
    """
    try:
        found = [m for m in cb.memberships if m.actor == cb.actor(who).id]
    except UnknownCodeError:
        ccode = resolve_state(who).ccode
        found = [m for m in cb.memberships if m.ccode == ccode]
    return sorted(found, key=lambda m: m.period.start.earliest() if m.period.start else date.min)


@click.command()
@click.argument("actor")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file (.csv, .json or .parquet; with its provenance).",
)
@lang_option
def memberships(actor: str, fmt: str, out: Path | None, lang: str | None) -> None:
    """The organisations a state belongs to, period by period, with sources (casebook).

    Any state: the article's states have every organisation the casebook records; other states
    the organisations that list every member (NATO, the EU, the OSCE, …). Files and --format
    csv|json|parquet keep the casebook's ids (organisation, status, start, end, citation).

    Example: ujym memberships KAZ --lang ru
    """
    chosen = apply_language(lang)
    cb = load_casebook()
    frame = actor_memberships(actor, casebook=cb)
    if export_frame(frame, fmt, out):
        return
    who = provenance_of(frame).details["actor"]
    try:
        name = cb.actor(who).names[chosen]
    except UnknownCodeError:  # a state without an actor file: its name from the crosswalk
        name = resolve_state(who).names[chosen]
    columns = [
        Column(_("Organisation"), keep=True),
        Column(_("Status"), keep=True),
        Column(_("From"), keep=True),
        Column(_("To"), keep=True),
        Column(_("Source")),
    ]
    rows = []
    for m in rows_of(cb, who):
        start, end = period_bounds(m.period)
        rows.append(
            [
                cb.actor(m.organisation).short[chosen],
                membership_status(m),
                start,
                end,
                citation_text(cb, m.cite, chosen),
            ]
        )
    console = Console(highlight=False)
    print_fitted(console, columns, rows, title=_("Memberships of {actor}").format(actor=name))
    n = len(rows)
    console.print(ngettext("{n} period", "{n} periods", n).format(n=n))
