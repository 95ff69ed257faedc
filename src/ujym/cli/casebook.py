"""``ujym casebook``: validate, show and list the article's casebook."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ujym.cli.export import FORMATS, export_frame
from ujym.cli.main import apply_language, clean_text, lang_option
from ujym.core.errors import ExitCode, UnknownCodeError
from ujym.i18n import N_, _, get_language, ngettext

if TYPE_CHECKING:
    from rich.console import Console

    from ujym.core.casebook import Casebook
    from ujym.core.citations import Citation
    from ujym.core.dates import Period
    from ujym.core.langs import Lang
    from ujym.core.memberships import Membership

# rich, the casebook's models and the crosswalk are imported where they are used: `casebook
# validate` refuses a hostile file before any of them loads (issue 12).

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
@lang_option
def casebook(lang: str | None) -> None:
    """The article's casebook: actors, organisations, memberships, claims.

    Example: ujym casebook show KAZ --lang kk
    """
    apply_language(lang)


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
    from ujym.sources.casebook_files import casebook_dir, refuse_hostile

    apply_language(lang)
    root = directory or casebook_dir()
    if root.is_dir():
        refuse_hostile(root)  # a hostile file: one line, before the casebook's models load

    from rich.console import Console

    from ujym.sources.casebook import validate_casebook

    def check_functions() -> dict[str, str]:  # loaded once the files are read (numpy, pandas)
        from ujym.pipeline.checks import check_functions

        return check_functions()

    report = validate_casebook(root, seed=seed, checks=check_functions)
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
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file (.csv, .json or .parquet; with its provenance).",
)
@lang_option
def show(actor: str, fmt: str, out: Path | None, lang: str | None) -> None:
    """Show everything the casebook holds about one actor (ISO3 code, id or name).

    For an organisation: its membership record and every member's dated periods. For a state
    the article does not discuss: the organisations that list it. --format csv|json|parquet
    (or --out FILE) gives one row per item: section (an id), text in the chosen language,
    citation.

    Example: ujym casebook show KAZ --lang ru
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.text import Text

    from ujym.sources.casebook import load_casebook
    from ujym.sources.codes import resolve_state

    chosen = apply_language(lang)
    cb = load_casebook()
    console = Console(highlight=False)
    try:
        a = cb.actor(actor)
    except UnknownCodeError:
        country = resolve_state(actor)  # a state without an actor file, or one line of error
        rows = [m for m in cb.memberships if m.ccode == country.ccode]
        lines = [(membership_text(cb, m, chosen), citation_text(cb, m.cite, chosen)) for m in rows]
        if export_frame(items_frame(country.iso3, [("membership", "", lines)]), fmt, out):
            return
        console.rule(f"[bold]{escape(country.names[chosen])}[/bold] ({country.iso3})")
        console.print(f"ISO3 {country.iso3} · COW {country.ccode}")
        console.print(f"\n[bold]{_('Memberships')}[/bold]")
        for text, cite in lines:
            console.print(Text(f" • {text} ({cite})"))
        if not rows:
            console.print(_("The casebook lists no membership of this state."))
        return
    sections = profile_lines(cb, a.id, chosen)
    if not a.is_state:
        sections.append(("member", _("Members"), member_lines(cb, a.id, chosen)))
    if export_frame(items_frame(a.id, sections), fmt, out):
        return
    console.rule(f"[bold]{escape(a.names[chosen])}[/bold] ({a.id})")
    if a.codes:
        console.print(f"ISO3 {a.codes.iso3} · COW {a.codes.ccode} · M49 {a.codes.m49}")
    if a.section:
        console.print(f"{_('Treated in the article at')} {a.section}")
    for _key, heading, lines in sections[: len(sections) - (0 if a.is_state else 1)]:
        console.print(f"\n[bold]{heading}[/bold]")
        for text, cite in lines:
            console.print(Text(f" • {text} ({cite})"))
    if not a.is_state:
        show_members(console, cb, a.id, chosen)


def items_frame(actor_id: str, sections: list[tuple[str, str, list[tuple[str, str]]]]) -> Any:
    """``casebook show`` as a frame: one row per item (actor, section id, text, citation)."""
    import pandas as pd

    from ujym.core.provenance import Provenance, Unit, attach

    rows = [
        {"actor": actor_id, "section": key, "text": text, "citation": cite}
        for key, _heading, lines in sections
        for text, cite in lines
    ]
    frame = pd.DataFrame(rows, columns=["actor", "section", "text", "citation"])
    return attach(
        frame,
        Provenance(
            Unit.CASEBOOK_ITEM,
            casebook=True,
            columns={
                "actor": "casebook actor id (or a state's ISO3 code)",
                "section": "interest, threat, partner, benefit, assessment, document, expert, "
                "force, contribution, membership, claim or member",
                "text": "the item in the chosen language",
                "citation": "where it comes from: lines of the article, or an outside source",
            },
            details={"actor": actor_id, "language": get_language()},
        ),
    )


def period_label(period: Period) -> str:
    """A period in the interface language: «25 June 1973 – to date»."""
    from ujym.reports.footer import partial_date

    start = partial_date(period.start) if period.start else _("start not known")
    end = partial_date(period.end) if period.end else _("to date")
    return f"{start} – {end}"


def period_bounds(period: Period) -> tuple[str, str]:
    """A period's first and last day as a table shows them (dates in the interface language)."""
    from ujym.reports.footer import partial_date

    start = partial_date(period.start) if period.start else _("not known")
    end = partial_date(period.end) if period.end else _("to date")
    return start, end


def membership_status(m: Membership) -> str:
    """A membership's status in the interface language (``member`` → «мүше»)."""
    return _(MEMBERSHIP_STATUS[m.status.value])


def citation_text(cb: Casebook, cite: Citation, lang: Lang) -> str:
    """Where a row comes from, for a reader: the article's lines and markers, or an outside
    source's title (its id when the casebook lacks it) and page.
    """
    if not cite.outside:
        return f"{_('article')}, {cite.label()}"
    try:
        title = cb.source(cite.source).title[lang]
    except UnknownCodeError:
        title = cite.source
    return f"{title}, {cite.page}" if cite.page else title


def state_name(cb: Casebook, actor_id: str, lang: Lang) -> str:
    """A membership row's state in ``lang``: the actor's short name, else the crosswalk's name."""
    from ujym.sources.codes import resolve_state

    try:
        return cb.actor(actor_id).short[lang]
    except UnknownCodeError:
        return resolve_state(actor_id).names[lang]


def membership_text(cb: Casebook, m: Membership, lang: Lang) -> str:
    """«ТМД — мүше, 21 желтоқсан 1991 ж. – осы уақытқа дейін»: organisation, status, period."""
    org = cb.actor(m.organisation).short[lang]
    return f"{org} — {membership_status(m)}, {period_label(m.period)}"


def _member_rows(cb: Casebook, org_id: str) -> list[Membership]:
    return sorted(
        (m for m in cb.memberships if m.organisation == org_id),
        key=lambda m: (m.period.start.earliest() if m.period.start else date.min, m.actor),
    )


def member_lines(cb: Casebook, org_id: str, lang: Lang) -> list[tuple[str, str]]:
    """An organisation's member periods as (text, citation) lines: «Қазақстан — мүше, …»."""
    return [
        (
            f"{state_name(cb, m.actor, lang)} — {membership_status(m)}, {period_label(m.period)}",
            citation_text(cb, m.cite, lang),
        )
        for m in _member_rows(cb, org_id)
    ]


def show_members(console: Console, cb: Casebook, org_id: str, lang: Lang) -> None:
    """An organisation's membership record and a table of every member's periods."""
    from ujym.cli.tables import Column, print_fitted
    from ujym.reports.footer import partial_date

    org = cb.actor(org_id)
    rows = _member_rows(cb, org_id)
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
                source=citation_text(cb, record.cite, lang),
            )
        )
        today = date.today()
        now = sorted({m.actor for m in rows if m.status == "member" and _holds(m.period, today)})
        console.print(
            ngettext("{n} member state today", "{n} member states today", len(now)).format(
                n=len(now)
            )
        )
    columns = [
        Column(_("State"), keep=True),
        Column(_("Status"), keep=True),
        Column(_("From"), keep=True),
        Column(_("To"), keep=True),
        Column(_("Source")),
    ]
    cells = [
        [state_name(cb, m.actor, lang), membership_status(m), *period_bounds(m.period),
         citation_text(cb, m.cite, lang)]
        for m in rows
    ]  # fmt: skip
    print_fitted(console, columns, cells)
    n = len(rows)
    console.print(ngettext("{n} period", "{n} periods", n).format(n=n))


def _holds(period: Period, day: date) -> bool:
    if period.start is not None and day < period.start.earliest():
        return False
    return period.end is None or day <= period.end.latest()


def profile_lines(
    cb: Casebook, actor_id: str, lang: Lang
) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Sections of (text, citation) lines about one actor, for the terminal and exports: each
    a section id, its heading in ``lang`` and its lines (empty sections left out).
    """
    from ujym.core.statements import StatementKind

    statements = [s for s in cb.statements if s.actor == actor_id]
    people = {p.id: p.names[lang] for p in cb.persons}

    def cite(c: Citation) -> str:
        return citation_text(cb, c, lang)

    def short(actor: str) -> str:
        try:
            return cb.actor(actor).short[lang]
        except UnknownCodeError:
            return actor

    sections: list[tuple[str, str, list[tuple[str, str]]]] = []
    for kind, heading in (
        (StatementKind.INTEREST, _("Interests")),
        (StatementKind.THREAT, _("Threats")),
        (StatementKind.PARTNER, _("Partners and multi-vector ties")),
        (StatementKind.BENEFIT, _("Benefits of membership")),
        (StatementKind.ASSESSMENT, _("The article's assessment")),
    ):
        sections.append(
            (
                kind.value,
                heading,
                [(s.text[lang], cite(s.cite)) for s in statements if s.kind is kind],
            )
        )
    sections += [
        (
            "document",
            _("Documents"),
            [
                (f"{d.title[lang]} ({d.year or '—'})", cite(d.cite))
                for d in cb.documents
                if d.actor == actor_id
            ],
        ),
        (
            "expert",
            _("Experts"),
            [
                (f"{people.get(x.person, x.person)}: {x.text[lang]}", cite(x.cite))
                for x in cb.assessments
                if actor_id in x.about
            ],
        ),
        (
            "force",
            _("Forces"),
            [
                (f"{f.item[lang]}: {f.as_printed}", cite(f.cite))
                for f in cb.forces
                if f.actor == actor_id
            ],
        ),
        (
            "contribution",
            _("Contributions"),
            [
                (f"{short(c.to)}: {c.what[lang]}", cite(c.cite))
                for c in cb.contributions
                if c.actor == actor_id
            ],
        ),
        (
            "membership",
            _("Memberships"),
            [(membership_text(cb, m, lang), cite(m.cite)) for m in cb.memberships_of(actor_id)],
        ),
        (
            "claim",
            _("Claims"),
            [
                (f"{c.id}: {c.text[lang]}", cite(c.cite))
                for c in cb.claims
                if actor_id in c.subjects
            ],
        ),
    ]
    return [(key, heading, lines) for key, heading, lines in sections if lines]


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
    from rich.console import Console
    from rich.table import Table

    from ujym.pipeline.checks import claim_check_texts
    from ujym.sources.casebook import load_casebook

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
    from ujym.core.claims import ClaimStatus, EvidenceKind
    from ujym.reports.brief import CLAIM_STATUS_LABELS, EVIDENCE_LABELS

    actors = {a.id: a.short[chosen] for a in cb.actors}
    for row in frame.itertuples(index=False):
        values = row._asdict()
        values["check"] = texts[values["id"]]["label"]
        # the reader's words: actors by their short names, evidence and status labels
        values["subjects"] = ", ".join(actors.get(s, s) for s in values["subjects"].split(", "))
        values["evidence"] = ", ".join(
            _(EVIDENCE_LABELS[EvidenceKind(e)]) for e in values["evidence"].split(", ") if e
        )
        if not verdicts:
            values["status"] = _(CLAIM_STATUS_LABELS[ClaimStatus(values["status"])])
        table.add_row(*(str(values[c]) for c in shown))
    Console().print(table)
    n = len(frame)
    click.echo(ngettext("{n} claim", "{n} claims", n).format(n=n))
