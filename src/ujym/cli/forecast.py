"""``ujym forecast``: run a bargaining scenario and print or write the forecast."""

from __future__ import annotations

from pathlib import Path

import click

from ujym.cli.main import apply_language, lang_option


@click.command("forecast")
@click.argument("scenario", required=False)
@click.option(
    "--list", "list_only", is_flag=True, help="List the shipped scenarios with one line each."
)
@click.option("--runs", default=1000, show_default=True, type=int, help="Monte Carlo runs.")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed.")
@click.option("--threshold", default=None, type=float, help="Report P(outcome > threshold).")
@click.option(
    "--stopping",
    type=click.Choice(["rounds", "converged"]),
    default="rounds",
    show_default=True,
    help="Stopping rule.",
)
@click.option(
    "--rounds", "tau", default=5, show_default=True, type=int, help="Rounds for --stopping rounds."
)
@click.option(
    "--preset",
    "preset_name",
    default="ujym",
    show_default=True,
    help="Model reading: ujym, scholz2011 or as-printed.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the forecast here: .html (a report with sources) or .png, .svg, .pdf (the figure).",
)
@click.option(
    "--scheduler", default=None, help="Dask scheduler address (tcp://host:8786); local by default."
)
@lang_option
def forecast(
    scenario: str | None,
    list_only: bool,
    runs: int,
    seed: int,
    threshold: float | None,
    stopping: str,
    tau: int,
    preset_name: str,
    out: Path | None,
    scheduler: str | None,
    lang: str | None,
) -> None:
    """Forecast a bargaining SCENARIO (a shipped name, a YAML file or a CSV actor table).

    An actor table has one row per actor: actor,capability,position,salience (salience 0–1, or
    0–100 when any value is above 1), with optional position_sd or position_low/position_high
    (and the same for capability and salience).

    Example: ujym forecast csto-new-type --runs 5000 --seed 1 --out forecast.html
    """
    chosen = apply_language(lang)
    if list_only:
        _list_scenarios()
        return
    if scenario is None:
        from ujym.core.errors import UjymError

        raise UjymError(
            "no scenario given",
            "name one (ujym forecast --list shows them) or give a CSV or YAML file",
        )
    if out is not None:
        from ujym.reports.output import check_output

        check_output(out)
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from ujym.engines.bargaining import preset
    from ujym.i18n import _, format_number, format_percent
    from ujym.pipeline.bargaining import simulate_bargaining
    from ujym.reports.forecast_reading import INPUTS, STOPS, label, reading
    from ujym.sources.scenarios import load_scenario

    console = Console()
    sc = load_scenario(scenario)
    options = preset(preset_name, stopping=stopping, rounds=tau)
    with Progress(console=console, transient=True, disable=runs < 5000) as bar:
        task = bar.add_task(_("Monte Carlo runs"), total=runs)
        result = simulate_bargaining(
            sc,
            runs=runs,
            seed=seed,
            options=options,
            threshold=threshold,
            scheduler=scheduler,
            progress=lambda done, total: bar.update(task, completed=done),
            notice=lambda message: click.echo(message, err=True),
        )
    from ujym.i18n import get_language

    lg = get_language()
    s = result.summary
    console.print(f"[bold]{sc.title[lg]}[/bold]")
    console.print(f"{_('Issue')}: {sc.issue[lg]}")
    console.print(
        f"{_('Scale')}: {format_number(sc.scale_min)} = {sc.low_means[lg]}; {format_number(sc.scale_max)} = {sc.high_means[lg]}"
    )
    stop = label(STOPS, s["stopped"]) + (
        f" ({_('cycle period')} {s['cycle_period']})" if s["cycle_period"] else ""
    )
    lo_f, hi_f = s["forecast_range"]
    shown = format_number(lo_f, 1) + ("" if lo_f == hi_f else f"–{format_number(hi_f, 1)}")
    console.print(
        f"{_('Forecast')}: [bold]{shown}[/bold]  {_('rounds')}: {s['rounds']}  {_('stopped')}: {stop}"
    )
    lo, hi = s["interval"]
    console.print(
        f"{_('Monte Carlo interval')} ({format_percent(s['interval_level'], 0)}, {runs} {_('runs')}): {format_number(lo, 1)} – {format_number(hi, 1)}"
    )
    if s["ranges"]:
        console.print(
            _("{ranges} of {runs} forecasts are ranges: those runs ended in a cycle").format(
                ranges=s["ranges"], runs=runs
            )
        )
    if s["threshold"] is not None:
        console.print(
            _("Probability that the outcome is above {threshold} ({means}): {p}").format(
                threshold=format_number(s["threshold"], 1),
                means=sc.threshold_means[lg] if sc.threshold_means else "",
                p=format_percent(s["p_above_threshold"]),
            )
        )
    table = Table(title=_("Positions by round"))
    for col in [_("Round"), _("Median"), _("Mean"), *sc.ids]:
        table.add_column(col, justify="right")
    for _i, row in result.rounds.iterrows():
        table.add_row(
            str(int(row["round"])), *(format_number(row[c], 1) for c in ["median", "mean", *sc.ids])
        )
    console.print(table)
    if not result.sensitivity.empty:
        top = result.sensitivity.iloc[0]
        console.print(
            f"{_('Inputs that move the outcome most')}: {top['actor']} {label(INPUTS, top['input'])} ({format_number(top['rank_correlation'], 2)})"
        )
    console.print(f"[bold]{_('What drives the result')}[/bold]")
    from ujym.reports.forecast import actor_names
    from ujym.sources.casebook import load_casebook

    for sentence in reading(result, actor_names(load_casebook(), sc.ids, lg)):
        console.print(sentence)
    if out is not None:
        from ujym.reports.output import write_output

        path = write_output(out, "forecast", lang=chosen, result=result)
        console.print(f"{_('Report written to')} {path}")


def _list_scenarios() -> None:
    """Print each shipped scenario: its name and one line in the reader's language."""
    from rich.console import Console
    from rich.table import Table

    from ujym.i18n import _, get_language
    from ujym.sources.scenarios import load_scenario, shipped_scenarios

    lg = get_language()
    table = Table(title=_("Shipped scenarios"), show_header=False)
    table.add_column("", no_wrap=True)
    table.add_column("")
    for name in shipped_scenarios():
        sc = load_scenario(name)
        table.add_row(name, (sc.description or sc.title)[lg])
    Console().print(table)
