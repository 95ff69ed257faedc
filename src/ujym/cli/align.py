"""``ujym align``, ``ujym panel``, ``ujym cohesion``, ``ujym plot-alignment``: UNGA alignment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pandas as pd
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ujym.cli.export import FORMATS, check_frame_output, frame_bytes, write_frame
from ujym.cli.main import MISSING, apply_language, lang_option, number_text
from ujym.cli.tables import Column, print_fitted, unbreakable_parentheses
from ujym.core.errors import UjymError
from ujym.core.provenance import provenance_of
from ujym.engines.alignment import MEASURES
from ujym.engines.evidence import MIN_ROLLCALLS, Status
from ujym.i18n import _, format_number, ngettext
from ujym.pipeline.cohesion import group_cohesion
from ujym.pipeline.dyads import (
    ROLLCALLS,
    alignment_panel,
    alignment_profile,
    alignment_series,
    check_measures,
)
from ujym.pipeline.identity import DYAD_COLUMNS
from ujym.reports.labels import column_label, state_label
from ujym.sources.codes import resolve_state
from ujym.sources.files import atomic_write
from ujym.sources.groups import parse_spec, subject_group

# cli/ideal.py imports these from here
__all__ = ["DATASET_HELP", "atomic_write", "frame_bytes", "parse_issues"]
DATASET_HELP = "Cached dataset id (default: the UNGA votes in the cache)."
YEARS_HELP = "Years to include: 1992, 1992-2019 or 1992,1995."
ISSUE_HELP = "Only roll calls on these issues (comma-separated: me nu di hr co ec)."


# ---- helpers ---------------------------------------------------------------------------------
def parse_years(text: str | None) -> Any:
    """``"1992"`` → 1992, ``"1992-2019"`` → (1992, 2019), ``"1992,1995"`` → [1992, 1995]."""
    if not text:
        return None
    try:
        if "-" in text.strip("-"):
            first, last = text.split("-", 1)
            return (int(first), int(last))
        parts = [int(p) for p in text.split(",") if p.strip()]
    except ValueError:
        raise UjymError(
            _("cannot read the years {text!r}").format(text=text),
            _("write 1992, 1992-2019 or 1992,1995"),
        ) from None
    return parts[0] if len(parts) == 1 else parts


def parse_issues(text: str | None) -> list[str] | None:
    """Issue codes from ``--issues`` (``me,nu``), or None when not given."""
    return [p.strip() for p in text.split(",") if p.strip()] if text else None


def _refuse_years_without_votes(years: str, dataset: str | None) -> None:
    """``--years`` that hold no roll call of the data at all: say so (exit 2), naming the cover."""
    from ujym.sources.unga import read_votes

    calls = read_votes(dataset).roll_calls
    wanted = parse_years(years)
    if isinstance(wanted, tuple):
        chosen = set(range(wanted[0], wanted[1] + 1))
    else:
        chosen = set(wanted if isinstance(wanted, list) else [wanted])
    have = set(calls["year"].drop_nulls().to_list())
    if have & chosen:
        return  # roll calls exist in those years; the two states just share none
    first, last = (min(have), max(have)) if have else ("—", "—")
    raise UjymError(
        _("there are no roll calls in the years {years}").format(years=years),
        _("the votes in the cache cover {first}–{last}; choose years inside").format(
            first=first, last=last
        ),
    )


TABLE_MEASURES = ("agreement", "s_abs", "kappa_abs", "pi_abs")
"""Measures an on-screen table shows when --measure is not given."""


ROLLCALLS_HELP = (
    "Roll calls the figures rest on: contested (default; leaves out roll calls on which every "
    "state present voted alike, as Voeten's agreement scores do) or all (unanimous ones too: "
    "not Voeten's published series)."
)
MIN_ROLLCALLS_HELP = (
    f"Contested roll calls a figure needs (default {MIN_ROLLCALLS}); below it the figure is "
    "withheld and marked insufficient."
)


def evidence_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--rollcalls`` and ``--min-rollcalls``: the roll calls and the minimum of evidence."""
    func = click.option(
        "--min-rollcalls", "min_rollcalls", type=int, default=MIN_ROLLCALLS, show_default=True,
        help=MIN_ROLLCALLS_HELP,
    )(func)  # fmt: skip
    return click.option(
        "--rollcalls", type=click.Choice(ROLLCALLS), default="contested", show_default=True,
        help=ROLLCALLS_HELP,
    )(func)  # fmt: skip


FIGURES = (*MEASURES, "ai", "kappa", "value", "multivector")
"""Columns that hold figures: a table shows "insufficient (n = …)" there when withheld."""


def withheld_text(row: Any) -> str:
    """What a table shows instead of a withheld figure, in the reader's language."""
    present = getattr(row, "n_members_present", getattr(row, "n_voting", None))
    if isinstance(present, (int, float)) and present == present and present < 2:
        n = int(present)
        return ngettext(
            "insufficient ({n} member present)", "insufficient ({n} members present)", n
        ).format(n=format_number(n))
    n = int(getattr(row, "n_contested", getattr(row, "n_rollcalls", 0)))
    return _("insufficient (n = {n})").format(n=format_number(n))


def emit(df: pd.DataFrame, fmt: str, out: Path | None, title: str) -> None:
    """Print a table or write/print csv/json/parquet."""
    if fmt == "table" and out is None:
        print_table(df, title)
        return
    if fmt == "table":
        fmt = out.suffix.lstrip(".").lower() if out is not None else "csv"
    if fmt == "parquet" and out is None:
        raise UjymError(
            _("parquet output needs a file"), _("add --out FILE.parquet, or use --format csv")
        )
    if out is None:
        click.echo(frame_bytes(df, fmt).decode(), nl=False)
    else:
        write_frame(out, df, fmt)
        click.echo(_("Alignment written to {path}").format(path=out), err=True)


def print_table(df: pd.DataFrame, title: str) -> None:
    """A terminal table with labelled headers that fits the terminal; withheld figures read
    "insufficient (n = …)", with a note below.
    """
    console = Console(highlight=False)
    if df.empty:
        console.print(title + ": " + _("no roll calls in common"))
        return
    shown = [c for c in df.columns if c not in ("status", "reason")]
    keys = {"year", "session", "rcid", "date"}
    first_figure = next((c for c in shown if c in FIGURES), None)
    columns = [
        Column(column_label(c), numeric=c not in ("date",), keep=c in keys or c == first_figure)
        for c in shown
    ]
    rows = []
    any_withheld = False
    for row in df.itertuples(index=False):
        withheld = getattr(row, "status", Status.OK.value) == Status.INSUFFICIENT.value
        any_withheld |= withheld
        cells = []
        for col in shown:
            v = getattr(row, col)
            if withheld and col in FIGURES:
                cells.append(unbreakable_parentheses(withheld_text(row)))
            elif isinstance(v, float):
                cells.append(number_text(v))
            else:
                cells.append(MISSING if v is pd.NA else str(v))
        rows.append(cells)
    print_fitted(console, columns, rows, title=title)
    if any_withheld:
        minimum = provenance_of(df).details.get("min_rollcalls", MIN_ROLLCALLS)
        console.print(
            _(
                "insufficient: the figure is withheld, resting on fewer than {n} contested roll "
                "calls (a group: or on fewer than two members present); --min-rollcalls lowers "
                "the minimum"
            ).format(n=minimum)
        )


def measures_option(multiple: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--measure",
        "measure",
        default="agreement" if not multiple else None,
        help=f"Measure(s), comma-separated: {', '.join(MEASURES)}"
        + (" (default: all)." if multiple else " (default: agreement)."),
    )


# ---- commands --------------------------------------------------------------------------------
@click.command()
@click.argument("state_a")
@click.argument("state_b")
@measures_option()
@click.option("--by", type=click.Choice(["year", "session"]), default="year", show_default=True)
@click.option("--issue", default=None, help=ISSUE_HELP)
@click.option("--important", is_flag=True, help="Only US State Department 'important votes'.")
@click.option("--years", default=None, help=YEARS_HELP)
@evidence_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Write to this file.")
@click.option("--dataset", default=None, help=DATASET_HELP)
@lang_option
def align(
    state_a: str,
    state_b: str,
    measure: str | None,
    by: str,
    issue: str | None,
    important: bool,
    years: str | None,
    rollcalls: str,
    min_rollcalls: int,
    fmt: str,
    out: Path | None,
    dataset: str | None,
    lang: str | None,
) -> None:
    """Alignment of two states' UN General Assembly votes, per year or session.

    States as ISO3 (KAZ), ISO2, COW code or name. Measures: agreement (Voeten), coincidence
    (US State Department), identical, s_abs, s_sq, kappa_abs, kappa_sq, pi_abs, pi_sq.

    On screen without --measure: agreement, s_abs, kappa_abs and pi_abs; files get all.
    Figures rest on the contested roll calls (Voeten's rule) and are withheld below
    --min-rollcalls contested roll calls in common ("insufficient (n = …)").

    Example: ujym align KAZ RUS --by year --measure agreement,kappa_abs
    """
    apply_language(lang)
    check_frame_output(out, fmt)  # before the computation: kaz.png is not a frame format
    on_screen = fmt == "table" and out is None
    # a terminal table shows four measures so that it fits; files get all of them
    names = list(TABLE_MEASURES) if measure is None and on_screen else check_measures(measure)
    df = alignment_series(
        state_a,
        state_b,
        measures=names,
        by=by,  # type: ignore[arg-type]
        years=parse_years(years),
        issues=parse_issues(issue),
        important=True if important else None,
        rollcalls=rollcalls,  # type: ignore[arg-type]
        min_rollcalls=min_rollcalls,
        dataset=dataset,
    )
    if df.empty and years:
        _refuse_years_without_votes(years, dataset)
    a, b = resolve_state(state_a).ccode, resolve_state(state_b).ccode
    title = _("{a} and {b}: UN General Assembly votes").format(a=state_label(a), b=state_label(b))
    # on screen the title names the states; files keep the codes, ISO3 and names
    shown = df.drop(columns=["ccode1", "ccode2", *DYAD_COLUMNS]) if fmt == "table" else df
    emit(shown, fmt, out, title)


@click.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="Output file: .parquet (default) or .csv.",
)
@click.option("--by", type=click.Choice(["year", "session"]), default="year", show_default=True)
@click.option("--years", default=None, help=YEARS_HELP)
@evidence_options
@click.option("--dataset", default=None, help=DATASET_HELP)
@lang_option
def panel(
    out: Path,
    by: str,
    years: str | None,
    rollcalls: str,
    min_rollcalls: int,
    dataset: str | None,
    lang: str | None,
) -> None:
    """Every dyad of states in every year (or session), with every alignment measure.

    Columns: ccode1, ccode2, year|session, the ISO3 codes and names (en, kk, ru) of both
    states, n_rollcalls, n_yes_no, the measures, status and reason (see docs/measures.md).
    Written as Parquet, or CSV when the file ends in .csv.

    Example: ujym panel --out dyad_years.parquet
    """
    apply_language(lang)
    fmt = check_frame_output(out, default="parquet", formats=("csv", "parquet"))
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(_("Computing the dyad panel"), total=None)

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        df = alignment_panel(
            by=by,  # type: ignore[arg-type]
            years=parse_years(years),
            rollcalls=rollcalls,  # type: ignore[arg-type]
            min_rollcalls=min_rollcalls,
            dataset=dataset,
            progress=step,
        )
    write_frame(out, df, fmt)
    click.echo(
        _("Wrote {n} dyad-periods to {path}").format(n=format_number(len(df)), path=out), err=True
    )


@click.command()
@click.argument("group", required=False)
@click.option(
    "--by", type=click.Choice(["year", "session", "rollcall"]), default="year", show_default=True
)
@click.option("--issue", default=None, help=ISSUE_HELP)
@click.option("--years", default=None, help=YEARS_HELP)
@click.option(
    "--metric",
    type=click.Choice(["absolute", "squared"]),
    default="absolute",
    show_default=True,
    help="Distance used by the mean pairwise kappa.",
)
@evidence_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Write to this file.")
@click.option("--dataset", default=None, help=DATASET_HELP)
@lang_option
def cohesion(
    group: str | None,
    by: str,
    issue: str | None,
    years: str | None,
    metric: str,
    rollcalls: str,
    min_rollcalls: int,
    fmt: str,
    out: Path | None,
    dataset: str | None,
    lang: str | None,
) -> None:
    """Voting cohesion of a group: Hix–Noury–Roland Agreement Index and mean pairwise kappa.

    GROUP is an organisation of the casebook (its members of each year; default: the
    organisation the article is about), a comparison set (EU-CORE, also EU: France, Germany,
    Italy, the UK to 2019) or a comma-separated list of states (RUS,KAZ,BLR). A period with
    fewer than two members present, or fewer than --min-rollcalls contested roll calls, is
    marked insufficient instead of a figure.

    Example: ujym cohesion CSTO --by year
    """
    chosen = apply_language(lang)
    check_frame_output(out, fmt)
    selection = parse_spec(group or subject_group().id)
    assert selection is not None  # a group is always named here
    df = group_cohesion(
        selection,
        by=by,  # type: ignore[arg-type]
        years=parse_years(years),
        issues=parse_issues(issue),
        metric=metric,  # type: ignore[arg-type]
        rollcalls=rollcalls,  # type: ignore[arg-type]
        min_rollcalls=min_rollcalls,
        dataset=dataset,
    )
    title = _("Voting cohesion of {group} in the UN General Assembly").format(
        group=selection.label(chosen)
    )
    emit(df, fmt, out, title)


@click.command("plot-alignment")
@click.argument("state")
@click.option(
    "--against",
    default="RUS,USA,CHN",
    show_default=True,
    help="Partners, comma-separated: states or groups (EU: the EU core comparison set, France, "
    "Germany, Italy, UK to 2019; CSTO: its members of each year).",
)
@click.option(
    "--measure", default="agreement", show_default=True, help=f"One of: {', '.join(MEASURES)}."
)
@click.option("--issue", default=None, help=ISSUE_HELP)
@click.option("--years", default=None, help=YEARS_HELP)
@evidence_options
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="File to write: .png, .svg or .pdf (the figure) or .html (a page with sources).",
)
@click.option("--dataset", default=None, help=DATASET_HELP)
@lang_option
def plot_alignment(
    state: str,
    against: str,
    measure: str,
    issue: str | None,
    years: str | None,
    rollcalls: str,
    min_rollcalls: int,
    out: Path,
    dataset: str | None,
    lang: str | None,
) -> None:
    """Draw a state's alignment with Russia, the US, China (or others) year by year.

    The file type follows the name: PNG, SVG or PDF, or an HTML page that works offline.
    Years below --min-rollcalls contested roll calls in common are gaps in the lines.

    Example: ujym plot-alignment KAZ --against RUS,USA,CHN,EU --out kaz.svg
    """
    from ujym.reports.output import check_output, write_output

    chosen = apply_language(lang)
    check_output(out)
    partners = [p.strip() for p in against.split(",") if p.strip()]
    name = measure.strip()
    df = alignment_profile(
        state,
        partners,
        measure=name,
        years=parse_years(years),
        issues=parse_issues(issue),
        rollcalls=rollcalls,  # type: ignore[arg-type]
        min_rollcalls=min_rollcalls,
        dataset=dataset,
    )
    write_output(
        out,
        "alignment",
        lang=chosen,
        profile=df,
        state=resolve_state(state).ccode,
        partners=partners,
        measure=name,
    )
    click.echo(_("Alignment written to {path}").format(path=out), err=True)
