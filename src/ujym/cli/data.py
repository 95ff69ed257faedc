"""``ujym data``: download, import and inspect datasets; look up country codes."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ujym.cli.main import apply_language, clean_text, lang_option
from ujym.cli.tables import Column, print_fitted
from ujym.core.errors import UnknownCodeError
from ujym.i18n import N_, _, format_number, ngettext
from ujym.sources import cache
from ujym.sources.codes import UNKNOWN_FIX, search_countries
from ujym.sources.datasets import import_file, pull, status

SIZE_UNITS = (N_("B"), N_("KB"), N_("MB"), N_("GB"))
"""Units of file size (msgids: «МБ» in kk and ru)."""


def _size(n: int) -> str:
    for unit in SIZE_UNITS:
        if n < 1024 or unit == "GB":
            return f"{format_number(n, 0 if unit == 'B' else 1)}\u00a0{_(unit)}"
        n /= 1024  # type: ignore[assignment]
    return str(n)  # pragma: no cover


def _report(console: Console, manifest: cache.Manifest) -> None:
    rows = ", ".join(f"{name} {format_number(n)}" for name, n in sorted(manifest.tables.items()))
    console.print(
        f"[green]{_('Cached')}[/green] {manifest.dataset} ({manifest.version}): {rows}",
        highlight=False,
    )
    console.print(f"{_('Folder')}: {cache.dataset_dir(manifest.dataset)}", highlight=False)


@click.group()
@lang_option
def data(lang: str | None) -> None:
    """Datasets: download (pull), import a local copy, status of the cache, country codes.

    Example: ujym data import unvotes unvotes_votes.parquet
    """
    apply_language(lang)


@data.command(name="pull")
@click.argument("dataset_id", metavar="ID")
@click.option(
    "--accept-new-checksum",
    is_flag=True,
    help="Accept a file whose checksum differs from the one recorded at the first download.",
)
@click.option(
    "--follow-other-hosts",
    is_flag=True,
    help="Follow a redirect to another host (https only; the manifest records the final address).",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@lang_option
def pull_cmd(
    dataset_id: str,
    accept_new_checksum: bool,
    follow_other_hosts: bool,
    quiet: bool,
    lang: str | None,
) -> None:
    """Download a dataset from its publisher, verify it and put it in the cache.

    An interrupted download resumes where it stopped when you run the command again. Limits on
    size, silence and duration are settings (see docs/data.md, "Limits").

    Example: ujym data pull unvotes
    """
    apply_language(lang)
    console = Console(highlight=False)
    manifest = pull(
        dataset_id,
        show_progress=not quiet,
        accept_new_checksum=accept_new_checksum,
        other_hosts=follow_other_hosts,
    )
    _report(console, manifest)


@data.command(name="import")
@click.argument("dataset_id", metavar="ID")
@click.argument("file", type=click.Path(path_type=Path))
@lang_option
def import_cmd(dataset_id: str, file: Path, lang: str | None) -> None:
    """Import a file you already have: the publisher's CSV, a zip of it, or a Parquet copy.

    For unvotes, name the votes table; its roll-call and issue tables are read from beside it.

    Example: ujym data import unvotes ../shared/data/unvotes_votes.parquet
    """
    apply_language(lang)
    console = Console(highlight=False)
    manifest = import_file(dataset_id, file)
    _report(console, manifest)


@data.command(name="status")
@lang_option
def status_cmd(lang: str | None) -> None:
    """Show every dataset of the catalog: cached or not, version, size and folder.

    Example: ujym data status --lang ru
    """
    apply_language(lang)
    console = Console(highlight=False)
    columns = [
        Column(_("Dataset"), keep=True),
        Column(_("Version"), keep=True),
        Column(_("Size"), numeric=True),
        Column(_("Imported")),
    ]
    rows = []
    items = status()
    for item in items:
        ds = item.dataset
        if item.cached is None:
            rows.append([ds.id, "—", "—", _("not cached")])
            continue
        m = item.cached.manifest
        origin = _("downloaded") if m.origin == "download" else _("imported")
        rows.append([ds.id, m.version, _size(item.cached.size), f"{m.imported_at} ({origin})"])
    print_fitted(console, columns, rows, title=f"{_('Data cache')}: {cache.data_dir()}")
    for item in items:
        if item.cached is not None:
            console.print(f"{item.dataset.id}: {item.cached.path}")
            for f in item.cached.manifest.files:
                # names and addresses come from files and servers: no escape sequences echoed
                line = f"  {clean_text(f.name)}  sha256 {f.sha256}  ← {clean_text(f.source)}"
                console.print(line, soft_wrap=True, markup=False)
    n = sum(1 for item in items if item.cached is not None)
    console.print(ngettext("{n} dataset cached", "{n} datasets cached", n).format(n=n))


@data.command(name="codes")
@click.argument("query", required=False)
@lang_option
def codes_cmd(query: str | None, lang: str | None) -> None:
    """List states of the country-code crosswalk (COW, ISO3, ISO2, M49), or those matching QUERY.

    Example: ujym data codes yemen
    """
    chosen = apply_language(lang)
    console = Console(highlight=False)
    found = search_countries(query)
    if not found:
        raise UnknownCodeError(_("no state matches {query!r}").format(query=query), _(UNKNOWN_FIX))
    table = Table()
    table.add_column("COW", justify="right")
    table.add_column("ISO3")
    table.add_column("ISO2")
    table.add_column("M49", justify="right")
    table.add_column(_("Name"))
    table.add_column(_("COW years"))
    table.add_column(_("UN member since"))
    for c in found:
        years = f"{c.start_year}–{c.end_year or ''}"
        un = c.un_admission.isoformat() if c.un_admission else "—"
        if c.un_end:
            un += f" – {c.un_end.isoformat()}"
        table.add_row(
            str(c.ccode),
            c.iso3,
            c.iso2 or "",
            str(c.m49 or ""),
            c.names[chosen],
            years,
            un,
        )
    console.print(table)
    n = len(found)
    console.print(ngettext("{n} state", "{n} states", n).format(n=n))
