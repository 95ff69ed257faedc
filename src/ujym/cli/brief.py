"""``ujym brief``: write the offline HTML brief of the article and print a one-screen summary."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ujym.cli.main import apply_language, lang_option
from ujym.core.errors import UjymError
from ujym.i18n import _, ngettext


@click.command("brief")
@lang_option
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="HTML file to write (default: brief-<lang>.html in the current folder).",
)
@click.option(
    "--ideal/--no-ideal",
    "ideal",
    default=True,
    help="Estimate the members' ideal points from the cached votes (the slowest part; "
    "--no-ideal leaves that panel out).",
)
def brief(lang: str | None, out: Path | None, ideal: bool) -> None:
    """Write the brief of the article: the claims' verdicts first, then member profiles with
    their data, memberships, forces, every claim's verdict record and the sources.

    The page is one HTML file that works offline (figures included, no script). Data figures
    use the cached datasets; where one is missing, the page names the command that imports it.
    A summary is printed.

    Example: ujym brief --lang kk --out brief.html
    """
    from ujym.core.provenance import Provenance, Unit
    from ujym.pipeline.checks import check_claims, load_check_data
    from ujym.reports.brief import BriefPage
    from ujym.reports.brief_data import member_data
    from ujym.reports.pages import render_page
    from ujym.sources.casebook import load_casebook
    from ujym.sources.files import atomic_write

    chosen = apply_language(lang)
    if out is not None and out.suffix.lower() != ".html":  # the brief is a page, not a figure
        raise UjymError(
            _("cannot write {path}: unknown file type").format(path=out),
            _("end the file name with .html"),
        )
    casebook = load_casebook()
    data = load_check_data(casebook)
    checks = check_claims(casebook=casebook, data=data, lang=chosen)
    rendered = render_page(
        "brief",
        lang=chosen,
        casebook=casebook,
        checks=checks.frame,
        members_data=member_data(casebook, votes=data.votes, ideal=ideal),
        # the catalog datasets (with versions) the verdicts rest on: the frames read from the
        # cache carry no provenance of their own (provenance_of refused them: issue 15, B6a)
        data=[Provenance(Unit.CLAIM_WINDOW, datasets=data.read)] if data.read else [],
    )
    page = rendered.model
    assert isinstance(page, BriefPage)
    path = atomic_write(out or Path(f"brief-{chosen}.html"), rendered.html)

    console = Console(highlight=False, soft_wrap=False)
    table = Table(title=page.title, title_justify="left")
    table.add_column(_("Member"))
    table.add_column(_("Statements"), justify="right")
    table.add_column(_("Claims"), justify="right")
    table.add_column(_("Organisations"), justify="right")
    for m in page.members:
        table.add_row(m.short, str(m.n_statements), str(len(m.claims)), str(len(m.organisations)))
    console.print(table)
    n_orgs = len(page.memberships.organisations)
    console.print(
        " · ".join(
            (
                page.claims_count,
                ngettext("{n} regularity", "{n} regularities", len(page.regularities)).format(
                    n=len(page.regularities)
                ),
                ngettext("{n} organisation", "{n} organisations", n_orgs).format(n=n_orgs),
                ngettext("{n} outside source", "{n} outside sources", len(page.outside)).format(
                    n=len(page.outside)
                ),
            )
        )
    )
    if page.verdict_counts:
        console.print(
            _("{checked} of {total} claims have a verdict.").format(
                checked=len(page.checked), total=page.n_claims
            )
        )
    console.print(_("Brief written to {path}").format(path=path.resolve()), soft_wrap=True)
