"""``ujym align``, ``ujym panel``, ``ujym cohesion``, ``ujym plot-alignment``: UNGA alignment."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pandas as pd
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ujym.cli.main import apply_language, lang_option, number_text
from ujym.core.errors import UjymError
from ujym.engines.alignment import MEASURES
from ujym.i18n import _, format_number, get_language
from ujym.pipeline.cohesion import group_cohesion
from ujym.pipeline.dyads import (
    alignment_panel,
    alignment_profile,
    alignment_series,
    check_measures,
    resolve_state,
)
from ujym.sources.files import atomic_write as atomic_write  # re-exported for cli/ideal.py

FORMATS = ("table", "csv", "json", "parquet")
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


def state_name(ccode: int) -> str:
    """The state's short name in the interface language (its COW code when unknown)."""
    try:
        from ujym.sources.codes import country

        names = country(int(ccode)).names
        return str(getattr(names, get_language(), None) or names.en)
    except (ImportError, UjymError, KeyError):
        return str(ccode)


def frame_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """The frame in ``fmt`` (csv, json, parquet) as bytes."""
    if fmt == "csv":
        return str(df.to_csv(index=False)).encode()
    if fmt == "json":
        records: Any = json.loads(str(df.to_json(orient="records")))
        meta = df.attrs.get("ujym", {})
        return (
            json.dumps({"ujym": meta, "rows": records}, ensure_ascii=False, indent=1) + "\n"
        ).encode()
    if fmt == "parquet":
        buf = io.BytesIO()
        plain = df.copy()
        plain.attrs = {}
        plain.to_parquet(buf, index=False)
        return buf.getvalue()
    raise UjymError(
        _("unknown format {fmt!r}").format(fmt=fmt),
        _("use --format {formats}").format(formats="|".join(FORMATS)),
    )


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
    data = frame_bytes(df, fmt)
    if out is None:
        click.echo(data.decode(), nl=False)
    else:
        atomic_write(out, data)
        click.echo(_("Alignment written to {path}").format(path=out), err=True)


def print_table(df: pd.DataFrame, title: str) -> None:
    console = Console(highlight=False)
    if df.empty:
        console.print(title + ": " + _("no roll calls in common"))
        return
    table = Table(title=title)
    for col in df.columns:
        table.add_column(str(col), justify="right")
    for row in df.itertuples(index=False):
        table.add_row(*(number_text(v) if isinstance(v, float) else str(v) for v in row))
    console.print(table)


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
    fmt: str,
    out: Path | None,
    dataset: str | None,
    lang: str | None,
) -> None:
    """Alignment of two states' UN General Assembly votes, per year or session.

    States as ISO3 (KAZ), ISO2, COW code or name. Measures: agreement (Voeten), coincidence
    (US State Department), identical, s_abs, s_sq, kappa_abs, kappa_sq, pi_abs, pi_sq.

    On screen without --measure: agreement, s_abs, kappa_abs and pi_abs; files get all.

    Example: ujym align KAZ RUS --by year --measure agreement,kappa_abs
    """
    apply_language(lang)
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
        dataset=dataset,
    )
    if df.empty and years:
        _refuse_years_without_votes(years, dataset)
    a, b = resolve_state(state_a), resolve_state(state_b)
    title = _("{a} and {b}: UN General Assembly votes").format(a=state_name(a), b=state_name(b))
    shown = df.drop(columns=["ccode1", "ccode2"]) if fmt == "table" else df
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
@click.option("--dataset", default=None, help=DATASET_HELP)
@lang_option
def panel(out: Path, by: str, years: str | None, dataset: str | None, lang: str | None) -> None:
    """Every dyad of states in every year (or session), with every alignment measure.

    Columns: ccode1, ccode2, year|session, n_votes, n_yes_no and the measures (see
    docs/measures.md). Written as Parquet, or CSV when the file ends in .csv.

    Example: ujym panel --out dyad_years.parquet
    """
    apply_language(lang)
    fmt = "csv" if out.suffix.lower() == ".csv" else "parquet"
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

        df = alignment_panel(by=by, years=parse_years(years), dataset=dataset, progress=step)  # type: ignore[arg-type]
    atomic_write(out, frame_bytes(df, fmt))
    click.echo(
        _("Wrote {n} dyad-periods to {path}").format(n=format_number(len(df)), path=out), err=True
    )


@click.command()
@click.argument("group")
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
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Write to this file.")
@click.option("--dataset", default=None, help=DATASET_HELP)
@lang_option
def cohesion(
    group: str,
    by: str,
    issue: str | None,
    years: str | None,
    metric: str,
    fmt: str,
    out: Path | None,
    dataset: str | None,
    lang: str | None,
) -> None:
    """Voting cohesion of a group: Hix–Noury–Roland Agreement Index and mean pairwise kappa.

    GROUP is an organisation of the casebook (CSTO: the members of each year) or a
    comma-separated list of states (RUS,KAZ,BLR).

    Example: ujym cohesion CSTO --by year
    """
    apply_language(lang)
    df = group_cohesion(
        group,
        by=by,  # type: ignore[arg-type]
        years=parse_years(years),
        issues=parse_issues(issue),
        metric=metric,  # type: ignore[arg-type]
        dataset=dataset,
    )
    title = _("Voting cohesion of {group} in the UN General Assembly").format(group=group)
    emit(df, fmt, out, title)


@click.command("plot-alignment")
@click.argument("state")
@click.option(
    "--against",
    default="RUS,USA,CHN",
    show_default=True,
    help="Partners, comma-separated; EU is the EU core (France, Germany, Italy, UK to 2019).",
)
@click.option(
    "--measure", default="agreement", show_default=True, help=f"One of: {', '.join(MEASURES)}."
)
@click.option("--issue", default=None, help=ISSUE_HELP)
@click.option("--years", default=None, help=YEARS_HELP)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="HTML file to write.")
@click.option("--dataset", default=None, help=DATASET_HELP)
@lang_option
def plot_alignment(
    state: str,
    against: str,
    measure: str,
    issue: str | None,
    years: str | None,
    out: Path,
    dataset: str | None,
    lang: str | None,
) -> None:
    """Draw a state's alignment with Russia, the US, China (or others) year by year.

    The HTML file carries plotly inline and works offline.

    Example: ujym plot-alignment KAZ --against RUS,USA,CHN,EU --out kaz.html
    """
    import plotly.graph_objects as go

    apply_language(lang)
    partners = [p.strip() for p in against.split(",") if p.strip()]
    name = measure.strip()
    df = alignment_profile(
        state,
        partners,
        measure=name,
        years=parse_years(years),
        issues=parse_issues(issue),
        dataset=dataset,
    )
    me = resolve_state(state)
    fig = go.Figure()
    for label in partners:
        key = label.upper()
        part = df[df["partner"] == key]
        shown = _("EU core") if key == "EU" else state_name(resolve_state(label))
        fig.add_trace(go.Scatter(x=part["year"], y=part["value"], mode="lines+markers", name=shown))
    fig.update_layout(
        title=_("{state}: alignment in the UN General Assembly ({measure})").format(
            state=state_name(me), measure=name
        ),
        xaxis_title=_("Year of vote"),
        yaxis_title=name,
        template="plotly_white",
    )
    html = fig.to_html(include_plotlyjs=True, full_html=True)
    atomic_write(out, html.encode())
    click.echo(_("Alignment written to {path}").format(path=out), err=True)
