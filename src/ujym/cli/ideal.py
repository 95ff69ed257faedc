"""``ujym ideal``: dynamic ideal points of every state from the UN General Assembly votes."""

from __future__ import annotations

import warnings
from pathlib import Path

import click
import pandas as pd
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from ujym.cli.align import DATASET_HELP, atomic_write, frame_bytes, parse_issues
from ujym.cli.main import apply_language, lang_option
from ujym.cli.tables import Column, print_fitted
from ujym.core import Lang
from ujym.core.errors import UjymError, UjymWarning
from ujym.core.provenance import provenance_of
from ujym.i18n import _, format_number
from ujym.reports.labels import state_label, status_label


def _write_plot(df: pd.DataFrame, path: Path, lang: Lang) -> None:
    from ujym.reports.output import write_output

    write_output(path, "ideal", lang=lang, ideal=df)
    click.echo(_("Plot written to {path}").format(path=path), err=True)


def _summary(df: pd.DataFrame) -> None:
    from ujym.reports.ideal import COMPARISON, group_members
    from ujym.sources.casebook import load_casebook

    console = Console(highlight=False)
    last = df[df["session"] == df["session"].max()]
    casebook = load_casebook()
    year = int(last["year"].max())
    members = [code for code, _aid in group_members(casebook, casebook.article.subject, year)]
    rows = last[last["ccode"].isin([*members, *COMPARISON])]
    title = _("Ideal points, session {session} ({year})").format(
        session=int(last["session"].max()), year=year
    )
    columns = [
        Column(_("State"), keep=True),
        Column(_("Ideal point"), numeric=True, keep=True),
        Column(_("95% interval"), numeric=True, keep=True),
        Column(_("Votes used"), numeric=True),
        Column(_("Status")),
    ]
    cells = []
    for row in rows.sort_values("ideal_point", ascending=False).itertuples(index=False):
        point = "" if pd.isna(row.ideal_point) else format_number(row.ideal_point, 2)
        band = (
            ""
            if pd.isna(row.lower)
            else f"{format_number(row.lower, 2)}\u00a0…\u00a0{format_number(row.upper, 2)}"
        )
        cells.append(
            [state_label(int(row.ccode)), point, band, str(row.n_votes), status_label(row.status)]
        )
    print_fitted(console, columns, cells, title=title)


def _say_bridging(info: dict[str, object]) -> None:
    """One line: which bridging pairs were used, or that the estimates are unbridged and why."""
    from ujym.sources.bridges import DATASET, IMPORT_COMMAND, IMPORT_FILE_COMMAND

    mode = info.get("mode")
    if mode in ("cache", "file", "given") and info.get("pairs"):
        click.echo(
            _(
                "Bridged: {used} of {pairs} pairs of roll calls on identical texts ({source})"
            ).format(
                used=format_number(int(info.get("used", 0) or 0)),  # type: ignore[call-overload]
                pairs=format_number(int(info["pairs"])),  # type: ignore[call-overload]
                # the cached dataset by its id (its catalog version label is English text)
                source=DATASET if mode == "cache" else info.get("source"),
            ),
            err=True,
        )
    elif mode == "off":
        click.echo(_("Unbridged estimates (--no-bridges)"), err=True)
    else:
        click.secho(
            _(
                "Unbridged estimates: no bridging pairs in the cache, sessions are linked by the "
                "random walk only; add them with `{command}` (or `{file_command}`)"
            ).format(command=IMPORT_COMMAND, file_command=IMPORT_FILE_COMMAND),
            fg="yellow",
            err=True,
        )


@click.command()
@click.option("--from", "first", type=int, default=None, help="First year of roll calls.")
@click.option("--to", "last", type=int, default=None, help="Last year of roll calls.")
@click.option(
    "--issue",
    default=None,
    help="Only roll calls on these issues (comma-separated: me nu di hr co ec).",
)
@click.option(
    "--important/--all",
    "important",
    default=False,
    show_default=True,
    help="Only the US State Department's important votes, or all roll calls.",
)
@click.option(
    "--bridges",
    type=click.Path(path_type=Path),
    default=None,
    help="CSV/Parquet file of bridged roll calls (rcid1, rcid2) to use instead of the cached "
    "bsv_matches pairs (used by default when cached: ujym data pull bsv_matches).",
)
@click.option(
    "--no-bridges",
    "no_bridges",
    is_flag=True,
    default=False,
    help="Do not bridge roll calls across sessions (link the scale by the random walk only).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Write all estimates (.csv or .parquet).",
)
@click.option(
    "--plot",
    type=click.Path(path_type=Path),
    default=None,
    help="Draw the trajectories of the casebook organisation's members: .png, .svg, .pdf or "
    ".html (a page with sources).",
)
@click.option(
    "--bootstrap",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Parametric-bootstrap refits for --intervals bootstrap (default 20; n >= 2 alone "
    "selects the bootstrap).",
)
@click.option(
    "--intervals",
    type=click.Choice(["corrected", "bootstrap", "variational"]),
    default=None,
    help="How the standard errors are computed: corrected variational posterior (default, "
    "calibrated), plus bootstrap refits, or the plain mean-field SD (too narrow).",
)
@click.option(
    "--scheduler", default=None, help="Dask scheduler address (tcp://host:8786) for the refits."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the starting values.")
@click.option("--dataset", default=None, help=DATASET_HELP)
@lang_option
def ideal(
    first: int | None,
    last: int | None,
    issue: str | None,
    important: bool,
    bridges: Path | None,
    no_bridges: bool,
    out: Path | None,
    plot: Path | None,
    bootstrap: int,
    intervals: str | None,
    scheduler: str | None,
    seed: int,
    dataset: str | None,
    lang: str | None,
) -> None:
    """Estimate dynamic ideal points of every state, session by session (higher = closer to the US).

    One-dimensional ordered-probit model of yes/abstain/no votes with a random walk for each
    state (Bailey, Strezhnev & Voeten 2017), fitted by variational EM; see docs/ideal_points.md.

    Roll calls on identical resolutions in different sessions are bridged (they share their item
    parameters) with the published pairs when they are in the cache (ujym data pull bsv_matches);
    --bridges FILE uses other pairs, --no-bridges none.

    Example: ujym ideal --from 1992 --out ideal.csv --plot csto.svg
    """
    from ujym.pipeline.ideal import estimate_ideal_points
    from ujym.reports.output import check_output

    chosen = apply_language(lang)
    if plot is not None:
        check_output(plot)
    if out is not None and out.suffix.lower() not in {".csv", ".parquet"}:
        raise UjymError(
            _("cannot write {path}: unknown file type").format(path=out),
            _("end the file name with .csv or .parquet"),
        )
    if first is not None and last is not None and first > last:
        raise UjymError(
            _("--from {first} is after --to {last}").format(first=first, last=last),
            _("give the earlier year to --from"),
        )
    if bridges is not None and no_bridges:
        raise UjymError(
            _("--bridges and --no-bridges cannot be used together"),
            _("give --bridges FILE to use other pairs, or --no-bridges for none"),
        )
    years = None if first is None and last is None else (first or 1900, last or 9999)
    pairs: object = None if no_bridges else (bridges if bridges is not None else "auto")
    console = Console(stderr=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UjymWarning)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task(_("Estimating ideal points (EM sweeps)"), total=None)

            def step(done: int, total: int) -> None:
                # EM stops long before its iteration cap: show the count, not a fraction of the cap
                bar.update(task, completed=done)

            df = estimate_ideal_points(
                years=years,
                issues=parse_issues(issue),
                important=True if important else None,
                bridges=pairs,
                bootstrap=bootstrap,
                intervals=intervals,
                scheduler=scheduler,
                dataset=dataset,
                seed=seed,
                progress=step,
            )
    for w in caught:
        if issubclass(w.category, UjymWarning):
            click.secho(_("Warning: {message}").format(message=w.message), fg="yellow", err=True)
    details = provenance_of(df).details
    _say_bridging(details.get("bridges", {}))
    model = details["model"]
    missing = int((df["ideal_point"].isna()).sum())
    summary = (
        _("{n} state-sessions ({missing} without an estimate), {it} EM sweeps, {sec} s, converged")
        if model["converged"]
        else _(
            "{n} state-sessions ({missing} without an estimate), {it} EM sweeps, {sec} s, "
            "did not converge"
        )
    )
    click.echo(
        summary.format(
            n=format_number(len(df)),
            missing=format_number(missing),
            it=model["iterations"],
            sec=format_number(model["seconds"], 1),
        ),
        err=True,
    )
    if out is not None:
        atomic_write(out, frame_bytes(df, out.suffix.lstrip(".").lower()))
        click.echo(_("Ideal points written to {path}").format(path=out), err=True)
    if plot is not None:
        _write_plot(df, plot, chosen)
    if out is None and plot is None:
        _summary(df)
