"""Benchmark: do ujym's ideal-point intervals cover the truth at their nominal rate?

Simulation-based calibration on vote panels drawn from the model
(:func:`ujym.engines.ideal.simulate.simulate_panel`): for every replicate a panel of states,
sessions and roll calls is simulated with known positions, the model is fitted, and each
interval method is scored by the share of estimated state-sessions whose 90 % and 95 % intervals
(estimate ± z · se) hold the true position (put on the fit's scale: pooled mean 0, SD 1). The
suite runs a small version of this (tests/engines/test_ideal_calibration.py).

Designs: ``model`` (all states from the first session), ``growth`` (a third founders, the others
join later, as the UN grew from 51 to 193), ``bridged`` (growth, and 20 % of each session's roll
calls voted again in the next session).

The panels are drawn from the model's priors on the scale ujym reports (pooled mean 0, SD 1):
first positions N(0, 0.7) and steps N(0, 0.05) per session by default, which give a pooled SD
near 1 over 12 sessions and steps of the size the real record shows (the SD of a state's change
from one session to the next is 0.22-0.25 in ujym's and the published estimates). Fitting them
with the same priors is simulation-based calibration in the strict sense; ``--fit-defaults`` fits
them with ujym's defaults (random-walk variance 0.25: looser than the simulated steps).

Usage::

    python benchmarks/ideal_calibration.py                       # 40 replicates, model design
    python benchmarks/ideal_calibration.py --design growth --reps 40
    python benchmarks/ideal_calibration.py --bootstrap 20        # also the bootstrap intervals
    python benchmarks/ideal_calibration.py --bootstrap 20 --scheduler tcp://host:8786

Target (issue 9, item 4): the default intervals within ±2 points of 90 % and 95 %.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from ujym.engines.ideal import IdealSettings, fit, prepare  # noqa: E402
from ujym.engines.ideal.bootstrap import bootstrap_sd  # noqa: E402
from ujym.engines.ideal.simulate import simulate_panel, truth_on_fitted_scale  # noqa: E402
from ujym.engines.ideal.uncertainty import corrected_variance  # noqa: E402

LEVELS = {0.90: 1.6448536, 0.95: 1.9599640}
DESIGNS = {
    "model": {},
    "growth": {"founders": 20},
    "bridged": {"founders": 20, "bridge_share": 0.2},
}


def one_replicate(
    seed: int,
    design: str,
    size: tuple[int, int, int],
    priors: tuple[float, float],
    fit_settings: IdealSettings,
    boot: int = 0,
    scheduler: str | None = None,
) -> dict[str, tuple[int, dict[float, int]]]:
    """Hits per interval method and level for one simulated panel.

    ``priors`` = (variance of first positions, random-walk variance per session) of the
    simulated positions; ``fit_settings`` the priors the model is fitted with.
    """
    n_states, n_sessions, items = size
    kw: dict[str, object] = dict(DESIGNS[design])
    kw["prior_var"], kw["omega2"] = priors
    panel = simulate_panel(n_states, n_sessions, items, seed=seed, **kw)
    data = prepare(panel.votes, panel.bridges if len(panel.bridges) else None)
    st = fit_settings
    f = fit(data, st, seed=seed)
    rows = np.searchsorted(panel.votes.ccodes, data.ccodes)
    truth = panel.truth[rows][:, np.asarray(data.periods) - 1]
    has = f.counts > 0
    on_scale = truth_on_fitted_scale(np.nan_to_num(truth), f.counts, f.mean)
    var = corrected_variance(data, f, st)
    sds = {"variational": f.sd, "corrected": np.sqrt(var.total)}
    if boot:
        b = bootstrap_sd(data, f, st, n=boot, seed=seed, scheduler=scheduler)
        sds["bootstrap"] = np.sqrt(var.conditional + b**2)
        sds["old_bootstrap"] = np.sqrt(f.sd**2 + b**2)  # mean-field + bootstrap (before)
    err = np.abs(on_scale - f.mean)[has]
    out = {}
    for name, sd in sds.items():
        out[name] = (
            int(has.sum()),
            {lv: int(np.sum(err <= z * sd[has])) for lv, z in LEVELS.items()},
        )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--reps", type=int, default=40)
    ap.add_argument("--design", choices=sorted(DESIGNS), default="model")
    ap.add_argument("--states", type=int, default=60)
    ap.add_argument("--sessions", type=int, default=12)
    ap.add_argument("--items", type=int, default=40)
    ap.add_argument("--bootstrap", type=int, default=0, help="refits per replicate (0: skip)")
    ap.add_argument("--scheduler", default=None, help="Dask scheduler for the refits")
    ap.add_argument("--first-seed", type=int, default=1000)
    ap.add_argument(
        "--prior-var", type=float, default=0.7, help="variance of simulated first positions"
    )
    ap.add_argument(
        "--omega2", type=float, default=0.05, help="random-walk variance of the simulated steps"
    )
    ap.add_argument(
        "--fit-defaults",
        action="store_true",
        help="fit with ujym's default priors instead of those that simulated the panels",
    )
    args = ap.parse_args()
    priors = (args.prior_var, args.omega2)
    fit_settings = (
        IdealSettings()
        if args.fit_defaults
        else IdealSettings(prior_var=args.prior_var, omega2=args.omega2)
    )

    t0 = time.perf_counter()
    totals: dict[str, list[float]] = {}
    per_rep: dict[str, list[float]] = {}
    size = (args.states, args.sessions, args.items)
    for r in range(args.reps):
        res = one_replicate(
            args.first_seed + r,
            args.design,
            size,
            priors,
            fit_settings,
            args.bootstrap,
            args.scheduler,
        )
        for name, (n, hits) in res.items():
            acc = totals.setdefault(name, [0.0, 0.0, 0.0])
            acc[0] += n
            acc[1] += hits[0.90]
            acc[2] += hits[0.95]
            per_rep.setdefault(name, []).append(hits[0.95] / n)
    wall = time.perf_counter() - t0
    print(
        f"design {args.design}: {args.reps} panels of {args.states} states x {args.sessions} "
        f"sessions x {args.items} roll calls per session; simulated with first positions "
        f"N(0, {args.prior_var:g}) and steps N(0, {args.omega2:g}); fitted with "
        f"{'the default priors' if args.fit_defaults else 'the same priors'}; {wall:.0f} s"
    )
    ok = True
    for name, (n, h90, h95) in totals.items():
        c90, c95 = h90 / n, h95 / n
        spread = np.std(per_rep[name]) / np.sqrt(len(per_rep[name]))
        within = abs(c90 - 0.90) <= 0.02 and abs(c95 - 0.95) <= 0.02
        if name == "corrected":
            ok &= within
        print(
            f"  {name:15s} coverage 90 %: {c90:6.1%}   95 %: {c95:6.1%}   (SE over panels of the "
            f"95 % figure {spread:.1%}; {int(n):,} state-sessions)"
            + ("   within ±2 points" if within else "   OUTSIDE ±2 points")
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
