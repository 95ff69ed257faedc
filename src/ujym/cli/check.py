"""``ujym check``: the article's claims against data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pandas as pd
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from ujym.cli.export import check_frame_output, frame_bytes, write_frame
from ujym.cli.main import apply_language, lang_option, number_text
from ujym.core.errors import DataNotAvailableError, UjymError
from ujym.core.names import Lang
from ujym.i18n import N_, _, format_number, ngettext
from ujym.pipeline.checks import (
    KIND_LABELS,
    REASON_LABELS,
    VERDICT_LABELS,
    WINDOW_LABELS,
    check_claims,
    figure_name,
)
from ujym.sources.casebook import load_casebook
from ujym.sources.files import atomic_write

FORMATS = ("table", "csv", "json", "parquet")
VERDICT_STYLES = {
    "supported": "green",
    "contradicted": "red",
    "mixed": "yellow",
    "inconclusive": "yellow",
    "insufficient-data": "dim",
    "not-testable": "dim",
}


def _figures_text(figures: str, limit: int = 2) -> str:
    values = json.loads(figures) if figures else {}
    parts = []
    for key, value in list(values.items())[:limit]:
        if value is None or isinstance(value, float):
            value = number_text(value, 3)  # "—": no data for this figure in the window
        parts.append(f"{figure_name(key)} = {value}")
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
@click.option(
    "--out", type=click.Path(path_type=Path), default=None, help="Write the records to this file."
)
@lang_option
def check(
    claims: tuple[str, ...], since: int | None, fmt: str, out: Path | None, lang: str | None
) -> None:
    """Check the article's claims against the data in the cache.

    Each check runs for the article's time (its casebook's window: 2011–2013 for the CSTO
    article) and for the latest data (or from --since to the end of the data). Per claim: the
    claim, the rule (the claim's check text in the casebook, in the interface language), and
    per window the verdict, the decisive figure with its bootstrap interval, and the reference
    set the same rule is applied to with the share it also calls supported (discrimination).
    Claims without data are marked "insufficient data" with the command that gets it; claims
    ujym cannot test are listed with the reason and what would test them. --format csv, json
    or parquet (with --out FILE) export the same records.

    Example: ujym check C9 C47 --lang kk
    """
    chosen = apply_language(lang)
    fmt = check_frame_output(out, fmt, default="csv")  # --out x.json: JSON; x.png: refused now
    result = check_claims(list(claims) or None, since=since, lang=chosen)
    if not claims:  # "check everything" with nothing to check it on: say what to import
        _refuse_empty_cache(result.frame)
    if fmt == "json":
        text = json.dumps(_json_payload(result, chosen), ensure_ascii=False, indent=2)
        if out is None:
            click.echo(text)
        else:
            atomic_write(out, text + "\n")
            click.echo(_("Verdict records written to {path}").format(path=out), err=True)
        return
    if fmt in ("csv", "parquet"):
        if out is None and fmt == "parquet":
            raise UjymError(
                _("parquet output needs a file"), _("add --out FILE.parquet, or use --format csv")
            )
        if out is None:
            click.echo(frame_bytes(result.frame, fmt).decode(), nl=False)
        else:
            write_frame(out, result.frame, fmt)
            click.echo(_("Verdict records written to {path}").format(path=out), err=True)
        return
    console = Console(highlight=False, width=out_width())
    if len(result.frame):
        print_records(console, result.frame, chosen)
    if result.not_testable:
        console.print(Rule(_("Claims ujym cannot test"), style="dim"))
        for item in result.not_testable:
            why = item.explanation[chosen] if item.explanation else "; ".join(item.needed) or "—"
            console.print(Text.assemble((item.claim, "bold"), "  ", _(REASON_LABELS[item.reason])))
            console.print(Padding(Text(why), (0, 0, 1, 4)))


def out_width() -> int | None:
    """At most 80 columns (the records are stacked to fit), fewer on a narrower terminal."""
    import shutil

    return min(80, shutil.get_terminal_size((80, 24)).columns)


def _json_payload(result: Any, chosen: Lang) -> dict[str, Any]:
    records = [
        {**r, "figures": json.loads(r["figures"])} for r in result.frame.to_dict(orient="records")
    ]
    for r in records:  # NaN is not JSON
        for key, value in r.items():
            if isinstance(value, float) and value != value:
                r[key] = None
    return {
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


def print_records(console: Console, frame: pd.DataFrame, chosen: Lang) -> None:
    """Each claim stacked: id and kind, claim text, rule, then one block per window."""
    cb = load_casebook()
    texts = {c.id: c for c in cb.claims}
    console.print(Rule(_("Claims checked against data"), style="dim"))
    for claim_id, group in frame.groupby("claim", sort=False):
        first = group.iloc[0]
        claim = texts.get(str(claim_id))
        kind = _(KIND_LABELS[first["kind"]])
        console.print(Text.assemble((str(claim_id), "bold"), "  ", (kind, "dim")))
        if claim is not None:
            console.print(Padding(Text(claim.text[chosen]), (0, 0, 0, 2)))
        console.print(
            Padding(Text.assemble((_("Rule") + ": ", "bold"), first["threshold"]), (0, 0, 0, 2))
        )
        sets = claim.check.reference_names(chosen) if claim and claim.check else {}
        for r in group.itertuples():
            console.print(Padding(_window_line(r), (0, 0, 0, 2)))
            for line in _record_lines(r, sets):
                console.print(Padding(line, (0, 0, 0, 4)))
        console.print()
    n = frame["claim"].nunique()
    console.print(ngettext("{n} claim checked", "{n} claims checked", n).format(n=n))


def _window_line(r: Any) -> Text:
    style = VERDICT_STYLES.get(r.verdict, "")
    window = _(WINDOW_LABELS.get(r.window, r.window))
    return Text.assemble(
        (f"{window} {r.years}".strip() + ": ", ""), (_(VERDICT_LABELS[r.verdict]), style)
    )


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and value != value)


def _record_lines(r: Any, sets: dict[str, str]) -> list[Text]:
    """The figure and its interval, the reference set and discrimination, the note."""
    lines = []
    if _present(r.figure):
        figure = _("figure {value}").format(value=number_text(r.figure, 3))
        if _present(r.replicates) and int(r.replicates) == 0:
            figure += "; " + _("exact: a recorded fact, no sampling")
        elif _present(r.low):
            units = _(RESAMPLED_LABELS.get(r.resampled, r.resampled)) if r.resampled else ""
            figure += "; " + _(
                "{level} % interval {low} to {high} ({replicates} replicates over {n} {units})"
            ).format(
                level=format_number(round(float(r.level) * 100)),
                low=number_text(r.low, 3),
                high=number_text(r.high, 3),
                replicates=format_number(int(r.replicates)),
                n=format_number(int(r.n_units)) if _present(r.n_units) else "—",
                units=units,
            )
        lines.append(Text(figure))
    if _present(r.discrimination):
        name = sets.get(r.reference_set, r.reference_set)
        ref = _("reference: {set}; the rule also calls {share} of it supported").format(
            set=name, share=number_text(r.discrimination, percent=True)
        )
        if _present(r.reference_figure):
            ref += "; " + _("its median figure {value}").format(
                value=number_text(r.reference_figure, 3)
            )
        lines.append(Text(ref, style="dim"))
    if r.note:
        lines.append(Text(str(r.note), style="dim"))
    if not lines:
        detail = _figures_text(r.figures)
        if detail:
            lines.append(Text(detail))
    return lines


RESAMPLED_LABELS = {
    "roll calls": N_("roll calls"),
    "years": N_("years"),
    "roll calls and years": N_("roll calls and years"),
}
"""The units a bootstrap resamples, in the reader's language."""


def _rule_text(kind: str, rule: str) -> str:
    """The rule; a record check (casebook only) says so first."""
    if kind == "record":
        return f"[dim]{escape(_(KIND_LABELS[kind]))}[/dim]\n{escape(rule)}"
    return escape(rule)
