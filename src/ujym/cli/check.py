"""``ujym check``: the article's claims against data."""

from __future__ import annotations

import json

import click
import pandas as pd
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ujym.cli.main import apply_language, lang_option, number_text
from ujym.core.errors import DataNotAvailableError
from ujym.i18n import _, ngettext
from ujym.pipeline.checks import (
    KIND_LABELS,
    REASON_LABELS,
    VERDICT_LABELS,
    WINDOW_LABELS,
    check_claims,
)

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
