"""``ujym casebook``: validate, show and list the article's casebook."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ujym.cli.main import apply_language, clean_text, lang_option
from ujym.core.casebook import Casebook
from ujym.core.dates import Period
from ujym.core.errors import ExitCode, UnknownCodeError
from ujym.core.memberships import Membership
from ujym.core.names import Lang
from ujym.core.statements import StatementKind
from ujym.i18n import N_, _, ngettext
from ujym.reports.footer import partial_date
from ujym.sources.casebook import load_casebook, validate_casebook
from ujym.sources.codes import resolve_state

MEMBERSHIP_STATUS = {
    "member": N_("member"),
    "observer": N_("observer"),
    "partner": N_("partner"),
    "suspended": N_("suspended"),
    "withdrawn": N_("withdrawn"),
}
"""Membership statuses as the terminal shows them (msgids; translate with ``_()``)."""

SEED_HELP = (
    "The seed article (default: the file beside article.yaml, else UJYM_SEED); with it, claims' "
    "line ranges are checked."
)


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
    """Check a casebook folder (default: the one in use); list every problem.

    The one in use is --casebook DIR, else UJYM_CASEBOOK, else the embedded one. A seed text
    beside article.yaml (its file:) is read without --seed. Nothing is changed. Exit code 1 when
    problems are found.

    Example: ujym casebook validate my-casebook/ --seed article.txt
    """
    apply_language(lang)
    from ujym.pipeline.checks import check_functions

    report = validate_casebook(directory, seed=seed, checks=check_functions())
    console = Console(stderr=False, highlight=False)
    for note in report.notes:
        console.print(f"[dim]{_('Note')}: {note}[/dim]")
    for problem in report.problems:
        console.print(clean_text(problem), markup=False)
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

    For an organisation: its membership record and every member's dated periods. For a state
    the article does not discuss: the organisations that list it.

    Example: ujym casebook show KAZ --lang ru
    """
    chosen = apply_language(lang)
    cb = load_casebook()
    console = Console(highlight=False)
    try:
        a = cb.actor(actor)
    except UnknownCodeError:
        country = resolve_state(actor)  # a state without an actor file, or one line of error
        console.rule(f"[bold]{escape(country.names[chosen])}[/bold] ({country.iso3})")
        console.print(f"ISO3 {country.iso3} · COW {country.ccode}")
        rows = [m for m in cb.memberships if m.ccode == country.ccode]
        console.print(f"\n[bold]{_('Memberships')}[/bold]")
        for m in rows:
            console.print(f" • {membership_text(cb, m, chosen)} [dim]({m.cite.label()})[/dim]")
        if not rows:
            console.print(_("The casebook lists no membership of this state."))
        return
    console.rule(f"[bold]{escape(a.names[chosen])}[/bold] ({a.id})")
    if a.codes:
        console.print(f"ISO3 {a.codes.iso3} · COW {a.codes.ccode} · M49 {a.codes.m49}")
    if a.section:
        console.print(f"{_('Treated in the article at')} {a.section}")
    for heading, lines in profile_lines(cb, a.id, chosen):
        console.print(f"\n[bold]{heading}[/bold]")
        for text, cite in lines:
            console.print(f" • {escape(text)} [dim]({escape(cite)})[/dim]", markup=True)
    if not a.is_state:
        show_members(console, cb, a.id, chosen)


def period_label(period: Period) -> str:
    """A period in the interface language: «25 June 1973 – to date»."""
    start = partial_date(period.start) if period.start else _("start not known")
    end = partial_date(period.end) if period.end else _("to date")
    return f"{start} – {end}"


def state_name(cb: Casebook, actor_id: str, lang: Lang) -> str:
    """A membership row's state in ``lang``: the actor's short name, else the crosswalk's name."""
    try:
        return cb.actor(actor_id).short[lang]
    except UnknownCodeError:
        return resolve_state(actor_id).names[lang]


def membership_text(cb: Casebook, m: Membership, lang: Lang) -> str:
    """«ТМД — мүше, 21 желтоқсан 1991 ж. – осы уақытқа дейін»: organisation, status, period."""
    org = cb.actor(m.organisation).short[lang]
    return f"{org} — {_(MEMBERSHIP_STATUS[m.status.value])}, {period_label(m.period)}"


def show_members(console: Console, cb: Casebook, org_id: str, lang: Lang) -> None:
    """An organisation's membership record and a table of every member's periods."""
    org = cb.actor(org_id)
    rows = sorted(
        (m for m in cb.memberships if m.organisation == org_id),
        key=lambda m: (m.period.start.earliest() if m.period.start else date.min, m.actor),
    )
    if not rows:
        return
    record = org.membership_record
    console.print(f"\n[bold]{_('Members')}[/bold]")
    if record is None:
        console.print(_("The rows list only the states the article discusses: not every member."))
    else:
        console.print(
            _("Every member is listed from {start} ({source}).").format(
                start=partial_date(record.complete.start) if record.complete.start else "…",
                source=record.cite.label(),
            )
        )
        today = date.today()
        now = sorted({m.actor for m in rows if m.status == "member" and _holds(m.period, today)})
        console.print(
            ngettext("{n} member state today", "{n} member states today", len(now)).format(
                n=len(now)
            )
        )
    table = Table(show_lines=False)
    for heading in (_("State"), _("Status"), _("From"), _("To"), _("Source")):
        table.add_column(heading, overflow="fold")
    for m in rows:
        p = m.period
        table.add_row(
            state_name(cb, m.actor, lang),
            _(MEMBERSHIP_STATUS[m.status.value]),
            partial_date(p.start) if p.start else "—",
            partial_date(p.end) if p.end else "—",
            m.cite.label(),
        )
    console.print(table)
    n = len(rows)
    console.print(ngettext("{n} period", "{n} periods", n).format(n=n))


def _holds(period: Period, day: date) -> bool:
    if period.start is not None and day < period.start.earliest():
        return False
    return period.end is None or day <= period.end.latest()


def profile_lines(
    cb: Casebook, actor_id: str, lang: Lang
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Headed lists of (text, citation) about one actor, for the terminal."""
    statements = [s for s in cb.statements if s.actor == actor_id]
    people = {p.id: p.names[lang] for p in cb.persons}
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    for kind, heading in (
        (StatementKind.INTEREST, _("Interests")),
        (StatementKind.THREAT, _("Threats")),
        (StatementKind.PARTNER, _("Partners and multi-vector ties")),
        (StatementKind.BENEFIT, _("Benefits of membership")),
        (StatementKind.ASSESSMENT, _("The article's assessment")),
    ):
        sections.append(
            (heading, [(s.text[lang], s.cite.label()) for s in statements if s.kind is kind])
        )
    sections += [
        (
            _("Documents"),
            [
                (f"{d.title[lang]} ({d.year or '—'})", d.cite.label())
                for d in cb.documents
                if d.actor == actor_id
            ],
        ),
        (
            _("Experts"),
            [
                (f"{people.get(x.person, x.person)}: {x.text[lang]}", x.cite.label())
                for x in cb.assessments
                if actor_id in x.about
            ],
        ),
        (
            _("Forces"),
            [
                (f"{f.item[lang]}: {f.as_printed}", f.cite.label())
                for f in cb.forces
                if f.actor == actor_id
            ],
        ),
        (
            _("Contributions"),
            [
                (f"{c.to}: {c.what[lang]}", c.cite.label())
                for c in cb.contributions
                if c.actor == actor_id
            ],
        ),
        (
            _("Memberships"),
            [(membership_text(cb, m, lang), m.cite.label()) for m in cb.memberships_of(actor_id)],
        ),
        (
            _("Claims"),
            [
                (f"{c.id}: {c.text[lang]}", c.cite.label())
                for c in cb.claims
                if actor_id in c.subjects
            ],
        ),
    ]
    return [(heading, lines) for heading, lines in sections if lines]


@casebook.command()
@click.option("--actor", default=None, help="Only claims about this actor (ISO3 code or id).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    help="Output format.",
)
@click.option(
    "--verdicts",
    is_flag=True,
    default=False,
    help="Run the checks on the cached data and add each claim's verdicts (as `ujym check`).",
)
@lang_option
def claims(actor: str | None, fmt: str, verdicts: bool, lang: str | None) -> None:
    """List the article's claims with their lines, markers, evidence kind, status and check.

    The check column says how ujym checks the claim (its rule) or why it does not, from the
    claim's check text in the casebook, in the interface language. With --verdicts, the
    verdicts `ujym check` gives on the cached data (the same records) replace the status.

    Example: ujym casebook claims --actor TJK --format csv
    """
    from ujym.pipeline.checks import claim_check_texts

    chosen = apply_language(lang)
    cb = load_casebook()
    frame = cb.claims_frame()
    if actor:
        code = cb.actor(actor).id
        frame = frame[frame["subjects"].str.split(", ").apply(lambda s: code in s)]
    frame = frame.assign(text=frame[f"text_{chosen}"]).drop(
        columns=["text_kk", "text_ru", "text_en"]
    )
    texts = claim_check_texts(cb, chosen)
    checks = ["check", "reason", "rule", "explanation"]
    frame = frame.assign(**{c: frame["id"].map(lambda i, c=c: texts[i][c]) for c in checks})
    if verdicts:  # the verdict records of `ujym check`, one line per claim
        from ujym.pipeline.checks import claim_verdicts

        found = claim_verdicts(cb)
        frame = frame.assign(status=frame["id"].map(lambda i: found[i].text))
    columns = ["id", "text", "lines", "refs", "subjects", "period", "evidence", "status", *checks]
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
        "check": _("How ujym checks it"),
    }
    shown = [*columns[:8], "check"]
    table = Table(show_lines=False)
    for col in shown:
        table.add_column(headers[col], overflow="fold")
    for row in frame.itertuples(index=False):
        values = row._asdict()
        values["check"] = texts[values["id"]]["label"]
        table.add_row(*(str(values[c]) for c in shown))
    Console().print(table)
    n = len(frame)
    click.echo(ngettext("{n} claim", "{n} claims", n).format(n=n))
