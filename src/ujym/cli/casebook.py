"""``ujym casebook``: validate, show and list the article's casebook."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ujym.cli.main import apply_language, lang_option
from ujym.core.errors import ExitCode
from ujym.i18n import _, ngettext
from ujym.sources.casebook import load_casebook, validate_casebook

SEED_HELP = "The seed article (default: UJYM_SEED); with it, claims' line ranges are checked."


@click.group()
def casebook() -> None:
    """The article's casebook: actors, organisations, memberships, claims.

    Example: ujym casebook show KAZ --lang kk
    """


@casebook.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--seed", type=click.Path(path_type=Path), default=None, help=SEED_HELP)
@lang_option
def validate(directory: Path | None, seed: Path | None, lang: str | None) -> None:
    """Check a casebook folder (the embedded one by default); list every problem.

    Nothing is changed. Exit code 1 when problems are found.

    Example: ujym casebook validate my-casebook/ --seed article.txt
    """
    apply_language(lang)
    report = validate_casebook(directory, seed=seed)
    console = Console(stderr=False, highlight=False)
    for note in report.notes:
        console.print(f"[dim]{_('Note')}: {note}[/dim]")
    for problem in report.problems:
        console.print(str(problem), markup=False)
    n_files = report.files_checked
    files = ngettext("{n} file", "{n} files", n_files).format(n=n_files)
    if report.ok:
        console.print(f"[green]{_('Casebook is valid')}[/green] ({files}: {report.directory})")
        return
    n = len(report.problems)
    console.print(
        f"[red]{ngettext('{n} problem', '{n} problems', n).format(n=n)}[/red] ({files}: "
        f"{report.directory})"
    )
    raise SystemExit(int(ExitCode.PROBLEMS_FOUND))


@casebook.command()
@click.argument("actor")
@lang_option
def show(actor: str, lang: str | None) -> None:
    """Show everything the casebook holds about one actor (ISO3 code, id or name).

    Example: ujym casebook show KAZ --lang ru
    """
    chosen = apply_language(lang)
    cb = load_casebook()
    a = cb.actor(actor)
    console = Console(highlight=False)
    console.rule(f"[bold]{a.names[chosen]}[/bold] ({a.id})")
    if a.codes:
        console.print(f"ISO3 {a.codes.iso3} · COW {a.codes.ccode} · M49 {a.codes.m49}")
    if a.section:
        console.print(f"{_('Treated in the article at')} {a.section}")
    about = cb.about(a.id)
    headings = {
        "interest": _("Interests"),
        "threat": _("Threats"),
        "partner": _("Partners and multi-vector ties"),
        "benefit": _("Benefits of membership"),
        "assessment": _("The article's assessment"),
    }
    for kind, heading in headings.items():
        items = [s for s in about["statements"] if s.kind.value == kind]  # type: ignore[attr-defined]
        if items:
            console.print(f"\n[bold]{heading}[/bold]")
            for s in items:
                console.print(f" • {s.text[chosen]} [dim]({s.cite.label()})[/dim]")  # type: ignore[attr-defined]
    sections = (
        ("documents", _("Documents"), lambda d: f"{d.title[chosen]} ({d.year or '—'})"),
        (
            "assessments",
            _("Experts"),
            lambda x: f"{cb_person(cb, x.person, chosen)}: {x.text[chosen]}",
        ),
        ("forces", _("Forces"), lambda f: f"{f.item[chosen]}: {f.as_printed}"),
        ("contributions", _("Contributions"), lambda c: f"{c.to}: {c.what[chosen]}"),
        (
            "memberships",
            _("Memberships"),
            lambda m: f"{m.organisation} — {m.status.value} {m.period}",
        ),
        ("claims", _("Claims"), lambda c: f"{c.id}: {c.text[chosen]}"),
    )
    for key, heading, fmt in sections:
        items = about[key]
        if items:
            console.print(f"\n[bold]{heading}[/bold]")
            for item in items:
                console.print(f" • {fmt(item)} [dim]({item.cite.label()})[/dim]")  # type: ignore[attr-defined]


def cb_person(cb: object, person_id: str, lang: str) -> str:
    for p in cb.persons:  # type: ignore[attr-defined]
        if p.id == person_id:
            return str(p.names[lang])
    return person_id


@casebook.command()
@click.option("--actor", default=None, help="Only claims about this actor (ISO3 code or id).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    help="Output format.",
)
@lang_option
def claims(actor: str | None, fmt: str, lang: str | None) -> None:
    """List the article's claims with their lines, markers, evidence kind and status.

    Example: ujym casebook claims --actor TJK --format csv
    """
    chosen = apply_language(lang)
    cb = load_casebook()
    frame = cb.claims_frame()
    if actor:
        code = cb.actor(actor).id
        frame = frame[frame["subjects"].str.split(", ").apply(lambda s: code in s)]
    frame = frame.assign(text=frame[f"text_{chosen}"]).drop(
        columns=["text_kk", "text_ru", "text_en"]
    )
    columns = ["id", "text", "lines", "refs", "subjects", "period", "evidence", "status"]
    frame = frame[columns]
    if fmt == "csv":
        click.echo(frame.to_csv(index=False), nl=False)
        return
    if fmt == "json":
        click.echo(json.dumps(frame.to_dict(orient="records"), ensure_ascii=False, indent=2))
        return
    headers = {
        "id": _("Claim"),
        "text": _("Text"),
        "lines": _("Lines"),
        "refs": _("Refs"),
        "subjects": _("Actors"),
        "period": _("Period"),
        "evidence": _("Evidence"),
        "status": _("Status"),
    }
    table = Table(show_lines=False)
    for col in columns:
        table.add_column(headers[col], overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*(str(x) for x in row))
    Console().print(table)
    n = len(frame)
    click.echo(ngettext("{n} claim", "{n} claims", n).format(n=n))
