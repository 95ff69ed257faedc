"""``simulate_bargaining``: a scenario through the expected-utility model, with Monte Carlo.

Returns pandas DataFrames: the round-by-round table of the stated inputs, the forecast of every
Monte Carlo run, and which actor's inputs move the outcome most.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ujym.core.errors import UjymError
from ujym.core.provenance import Provenance, Unit, attach
from ujym.engines.bargaining import STATUS_NAMES, ModelOptions, run_model
from ujym.engines.bargaining.explain import Decider, find_decider
from ujym.engines.bargaining.inputs import cinc_shares
from ujym.engines.bargaining.montecarlo import draw_inputs, sensitivity, sweep
from ujym.engines.bargaining.offers import KIND_NAMES
from ujym.pipeline.kernel_cache import register
from ujym.sources.actor_table import actor_table_scenario
from ujym.sources.scenarios import Scenario, load_scenario

register()  # before the compiled kernels are first imported (lazily, by the first run)


@dataclass(frozen=True)
class BargainingResult:
    """What :func:`simulate_bargaining` returns.

    ``rounds``: one row per round of the run with the stated inputs (round 0 = inputs): median,
    mean, the number of conflicts/compromises/capitulations accepted, and each actor's position.
    ``forecast``: one row per Monte Carlo run (run 0 = stated inputs): median forecast, mean,
    their low and high ends (different only for a run that ended in a cycle: the range over the
    cycle), rounds, why it stopped, cycle period. ``sensitivity``: one row per varied actor
    input (against the middle of each run's range). ``summary``: headline numbers (forecast and
    its range, interval, threshold probability and its bounds, how many forecasts are ranges,
    stop reason). ``moves``: who moved to whom, by which offer, in the run with the stated inputs.
    ``decider``: the actor who alone decides the outcome and what would change it, computed by
    the model (:func:`ujym.engines.bargaining.explain.find_decider`); ``None`` when no single
    actor does.
    """

    scenario: Scenario
    options: ModelOptions
    rounds: pd.DataFrame
    forecast: pd.DataFrame
    sensitivity: pd.DataFrame
    summary: dict[str, Any] = field(default_factory=dict)
    moves: pd.DataFrame | None = None
    decider: Decider | None = None


MODEL = "Scholz, Calbert & Smith (2011), J. Theoretical Politics 23(4): 510-531"


def _provenance(
    df: pd.DataFrame, unit: Unit, scenario: Scenario, derived: str | None = None
) -> pd.DataFrame:
    """The scenario's evidence (article lines, casebook ids, datasets as cited) and the model
    (and ``derived``: how inputs were recomputed from the cache, when they were).
    """
    evidence = scenario.sources()
    details: dict[str, object] = {"scenario": scenario.id, "model": MODEL, "evidence": evidence}
    if derived:
        details["derived"] = derived
    return attach(
        df,
        Provenance(
            unit,
            datasets=scenario.datasets(),
            casebook=any(e.startswith(("article:", "casebook:")) for e in evidence),
            details=details,
        ),
    )


def derive_capabilities(sc: Scenario) -> tuple[Scenario, str | None]:
    """The scenario with capabilities recomputed from the cached ``cow_nmc``, when it applies.

    It applies when the scenario states a capability derivation and every actor's capability
    cites ``cow_nmc`` variable ``cinc`` for one year, the actors are casebook states with a COW
    code, and ``cow_nmc`` is in the cache: each capability becomes the actor's share of the
    actors' summed CINC that year (:func:`ujym.engines.bargaining.inputs.cinc_shares`), its
    uncertainty scaled with it. Returns the scenario and a note for the provenance (``None`` when
    the stated values are used).
    """
    from ujym.core.errors import UnknownCodeError
    from ujym.sources import cache
    from ujym.sources.casebook import load_casebook

    if "capability" not in sc.derivations or not cache.is_cached("cow_nmc"):
        return sc, None
    years = set()
    for a in sc.actors:
        labels = [e.label for e in a.capability.evidence if e.kind == "dataset"]
        found = [re.search(r"^cow_nmc\b.*variable cinc, year (\d{4})", x) for x in labels]
        years |= {int(m.group(1)) for m in found if m}
        if not any(found):
            return sc, None
    if len(years) != 1:
        return sc, None
    year = years.pop()
    cb = load_casebook()
    try:
        states = {a.id: cb.actor(a.id).codes for a in sc.actors}
        codes = {aid: c.ccode for aid, c in states.items() if c is not None}
        if len(codes) != len(states):
            return sc, None
        nmc = cache.read_cached("cow_nmc", "nmc").select("ccode", "year", "cinc").to_pandas()
        shares = cinc_shares(nmc, codes, year)
    except (UnknownCodeError, KeyError):
        return sc, None
    actors = []
    for a in sc.actors:
        cap, new = a.capability, shares[a.id]
        ratio = new / cap.value if cap.value > 0 else 1.0
        unc = cap.uncertainty
        unc = replace(
            unc,
            sd=None if unc.sd is None else unc.sd * ratio,
            low=None if unc.low is None else unc.low * ratio,
            high=None if unc.high is None else unc.high * ratio,
        )
        actors.append(replace(a, capability=replace(cap, value=new, uncertainty=unc)))
    version = cache.dataset_ref("cow_nmc")
    note = f"capabilities: CINC shares of {year} recomputed from the cached {version}"
    return replace(sc, actors=tuple(actors)), note


COMPILE_SECONDS = 40
"""About how long the first compilation of the bargaining kernels takes: 37.8 and 39.1 s of wall
time measured on the 2-core development machine on 2026-11-26, evening (``python
benchmarks/bargaining.py --parts compile``); 29–31 s before the choice among offers was inlined
where it is called (which made each round faster), about 60 s before the kernels were split into
small functions; under load it is longer."""


def _announce_compile(notice: Callable[[str], None]) -> None:
    from ujym.engines.bargaining.compiled import kernels_cached
    from ujym.i18n import _

    if not kernels_cached():
        notice(
            _("compiling the bargaining kernels once (about {seconds} s)…").format(
                seconds=COMPILE_SECONDS
            )
        )


def simulate_bargaining(
    scenario: Scenario | pd.DataFrame | str | Path,
    runs: int = 1000,
    seed: int = 0,
    options: ModelOptions | None = None,
    threshold: float | None = None,
    interval: float = 0.9,
    scheduler: Any = None,
    chunk_runs: int = 2000,
    progress: Callable[[int, int], None] | None = None,
    notice: Callable[[str], None] | None = None,
) -> BargainingResult:
    """Run a scenario with its stated inputs and ``runs`` Monte Carlo draws of its uncertainty.

    ``scenario`` is a shipped name, a YAML scenario file, an actor table (a ``.csv`` file or a
    DataFrame with one row per actor: ``actor, capability, position, salience`` and optional
    uncertainty columns, :mod:`ujym.sources.actor_table`) or a :class:`Scenario`.

    Examples
    --------
    >>> res = simulate_bargaining("csto-new-type", runs=200, seed=1)   # doctest: +SKIP
    >>> res.summary["forecast"], res.summary["interval"]                 # doctest: +SKIP

    (docs/api.md runs this example and prints the result; tests/test_examples.py runs it.)

    ``notice(message)`` is told, in the reader's language, when the compiled kernels must first be
    compiled (once per machine, :data:`COMPILE_SECONDS`) — the CLI prints it on stderr.
    """
    if isinstance(scenario, Scenario):
        sc = scenario
    elif isinstance(scenario, pd.DataFrame):
        sc = actor_table_scenario(scenario)
    else:
        sc = load_scenario(scenario)
    sc, derived = derive_capabilities(sc)
    options = options or ModelOptions()
    if runs < 1:
        raise UjymError(f"--runs {runs} is not a number of runs", "give at least 1")
    if not 0 < interval < 1:
        raise UjymError(f"interval {interval} is not a share", "give e.g. 0.9")
    th = sc.threshold if threshold is None else threshold
    x = np.array([a.position.value for a in sc.actors])
    c = np.array([a.capability.value for a in sc.actors])
    s = np.array([a.salience.value for a in sc.actors])

    if notice is not None and options.kernel == "compiled":
        _announce_compile(notice)
    # the stated inputs, round by round
    base = run_model(x, c, s, options, sc.width)
    rows = []
    for t in range(base.positions.shape[0]):
        row: dict[str, Any] = {"round": t, "median": base.medians[t, 0], "mean": base.means[t, 0]}
        for code in (1, 2, 3):
            row[KIND_NAMES[code]] = int((base.kinds[t - 1, 0] == code).sum()) if t else 0
        for a, aid in enumerate(sc.ids):
            row[aid] = base.positions[t, 0, a]
        rows.append(row)
    rounds = _provenance(pd.DataFrame(rows), Unit.BARGAINING_ROUND, sc, derived)
    moves = _provenance(
        pd.DataFrame(
            [
                {
                    "round": m.round,
                    "actor": sc.ids[m.actor],
                    "proposer": sc.ids[m.proposer],
                    "offer": m.kind,
                    "from": m.start,
                    "to": m.end,
                }
                for m in base.moves(0)
            ],
            columns=["round", "actor", "proposer", "offer", "from", "to"],
        ),
        Unit.BARGAINING_MOVE,
        sc,
        derived,
    )

    # Monte Carlo
    unc = [
        {f: getattr(a, f).uncertainty for f in ("position", "capability", "salience")}
        for a in sc.actors
    ]
    draws = draw_inputs(x, c, s, unc, runs, seed, (sc.scale_min, sc.scale_max))
    traj = sweep(draws, options, sc.width, chunk_runs, progress, scheduler)
    forecast = _provenance(
        pd.DataFrame(
            {
                "run": np.arange(runs),
                "median": traj.forecast,
                "mean": traj.forecast_mean,
                "median_low": traj.median_range[:, 0],
                "median_high": traj.median_range[:, 1],
                "mean_low": traj.mean_range[:, 0],
                "mean_high": traj.mean_range[:, 1],
                "rounds": traj.rounds,
                "stopped": [STATUS_NAMES[int(v)] for v in traj.status],
                "cycle_period": traj.period,
            }
        ),
        Unit.BARGAINING_RUN,
        sc,
        derived,
    )
    sens_rows = [
        {"actor": sc.ids[a], "input": f, "rank_correlation": corr, "shift": shift}
        for a, f, corr, shift in sensitivity(draws, traj.median_range.mean(axis=1))
    ]
    sens = _provenance(
        pd.DataFrame(sens_rows, columns=["actor", "input", "rank_correlation", "shift"]),
        Unit.ACTOR_INPUT,
        sc,
        derived,
    )
    lo_q, hi_q = (1 - interval) / 2, 1 - (1 - interval) / 2
    # a run that ended in a cycle forecasts a range: the interval runs from the low ends' lower
    # quantile to the high ends' upper quantile, and P(above) is given as bounds
    low, high = traj.median_range[:, 0], traj.median_range[:, 1]
    summary: dict[str, Any] = {
        "forecast": float(base.forecast[0]),
        "forecast_range": (float(base.median_range[0, 0]), float(base.median_range[0, 1])),
        "forecast_mean": float(base.forecast_mean[0]),
        "forecast_mean_range": (float(base.mean_range[0, 0]), float(base.mean_range[0, 1])),
        "rounds": int(base.rounds[0]),
        "stopped": STATUS_NAMES[int(base.status[0])],
        "cycle_period": int(base.period[0]),
        "mc_median": float(np.median(traj.median_range.mean(axis=1))),
        "interval": (float(np.quantile(low, lo_q)), float(np.quantile(high, hi_q))),
        "interval_level": interval,
        "runs": runs,
        "seed": seed,
        "threshold": th,
        "p_above_threshold": None if th is None else float((low > th).mean()),
        "p_above_threshold_range": None
        if th is None
        else (float((low > th).mean()), float((high > th).mean())),
        "ranges": int(traj.is_range.sum()),
        "cycling_share": float((traj.status == 2).mean()),
        "capped_share": float((traj.status == 3).mean()),
        "capabilities_from_cache": derived,
    }
    decider = find_decider(x, c, s, options, (sc.scale_min, sc.scale_max))
    return BargainingResult(sc, options, rounds, forecast, sens, summary, moves, decider)
