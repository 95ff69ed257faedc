"""``ujym capabilities``: each member's share of a group's material capabilities (COW NMC)."""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd
from rich.console import Console

from ujym.cli.export import FORMATS, export_frame
from ujym.cli.main import MISSING, apply_language, lang_option, number_text
from ujym.cli.tables import Column, print_fitted
from ujym.engines.evidence import Status
from ujym.i18n import _
from ujym.pipeline.capabilities import group_capabilities
from ujym.reports.labels import state_label
from ujym.sources.groups import parse_spec, subject_group


@click.command()
@click.argument("group", required=False)
@click.option("--year", type=int, default=None, help="Year (default: the last year of the data).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file (.csv, .json or .parquet; with its provenance).",
)
@lang_option
def capabilities(
    group: str | None, year: int | None, fmt: str, out: Path | None, lang: str | None
) -> None:
    """Each member's share of a group's material capabilities (COW NMC) in one year.

    GROUP is a casebook organisation (its members that year; default: the organisation the
    article is about), a comparison set, or states separated by commas. Files and --format
    csv|json|parquet keep the column ids (ccode, iso3, cinc, share_cinc, milex, share_milex,
    milper, share_milper, rank_cinc, status).

    Example: ujym capabilities CSTO --year 2013
    """
    chosen = apply_language(lang)
    selection = parse_spec(group or subject_group().id)
    assert selection is not None  # a group is always named here
    frame, conc = group_capabilities(selection, year)
    if export_frame(frame, fmt, out):
        return
    columns = [
        Column(_("Rank"), numeric=True, keep=True),
        Column(_("State"), keep=True),
        Column("CINC", numeric=True, keep=True),
        Column(_("Share of CINC"), numeric=True, keep=True),
        Column(_("Share of military expenditure"), numeric=True),
        Column(_("Share of personnel"), numeric=True),
        Column(_("Military expenditure"), numeric=True),
        Column(_("Military personnel"), numeric=True),
    ]
    rows = [
        [
            MISSING if pd.isna(r.rank_cinc) else str(r.rank_cinc),
            state_label(int(r.ccode)),
            number_text(r.cinc, 5),
            number_text(r.share_cinc, percent=True),
            number_text(r.share_milex, percent=True),
            number_text(r.share_milper, percent=True),
            number_text(r.milex, 0),
            number_text(r.milper, 0),
        ]
        for r in frame.itertuples()
    ]
    console = Console(highlight=False)
    title = _("Capabilities of {group} in {year}").format(
        group=selection.label(chosen), year=conc["year"]
    )
    print_fitted(console, columns, rows, title=title)
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
