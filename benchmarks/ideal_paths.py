"""Benchmark: what do the votes say about where a whole session sits? (issue 9, item 5)

Shifting every position of one session, with the opposite shift of that session's roll-call
intercepts, leaves the votes' likelihood unchanged; so does a stretch with the opposite change of
the discriminations. Only the priors (each state's random walk) and roll calls bridged to other
sessions place a session relative to the others. This script simulates UN-like panels with known
positions (:func:`ujym.engines.ideal.simulate.simulate_panel`: a third of the states found the
assembly, the others join over time with first positions to the left, as the decolonised states
did) and asks how well ujym recovers the path of the session means:

``growth``            no common drift: the session means move only because the membership changes
``drift``             every member also moves left by 0.08 per session over the first half
                      (as the published estimates have the early UN do), no bridged roll calls
``drift+bridges``     the same drift, 20 % of each session's roll calls voted again next session

For each design it prints, over the panels: the correlation of the fitted with the true
session-mean path, the largest error of a session mean, the share of session means inside their
95 % interval (the per-session location variance of the corrected posterior), the per-state
correlation over sessions (states with at least 10 sessions) and how many states fall below 0.95.

Usage::

    python benchmarks/ideal_paths.py                 # 20 panels per design
    python benchmarks/ideal_paths.py --reps 40 --sessions 30
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
from ujym.engines.ideal.simulate import simulate_panel, truth_on_fitted_scale  # noqa: E402
from ujym.engines.ideal.uncertainty import session_mean_sd  # noqa: E402

PRIORS = IdealSettings(prior_var=0.7, omega2=0.05)


def design_kwargs(design: str, n_sessions: int, bridge_share: float = 0.2) -> dict[str, object]:
    kw: dict[str, object] = {"entrant_mean": -0.5}
    if design != "growth":
        half = n_sessions // 2
        kw["drift"] = np.r_[-0.08 * np.arange(half), np.full(n_sessions - half, -0.08 * (half - 1))]
    if design == "drift+bridges":
        kw["bridge_share"] = bridge_share
    return kw


def session_paths(
    seed: int,
    design: str,
    size: tuple[int, int, int],
    st: IdealSettings = PRIORS,
    fit_settings: IdealSettings | None = None,
    bridge_share: float = 0.2,
) -> dict[str, object]:
    """Fitted and true session-mean paths (on the fit's scale) and per-state correlations."""
    n_states, n_sessions, items = size
    panel = simulate_panel(
        n_states,
        n_sessions,
        items,
        prior_var=st.prior_var,
        omega2=st.omega2,
        founders=n_states // 3,
        seed=seed,
        **design_kwargs(design, n_sessions, bridge_share),  # type: ignore[arg-type]
    )
    st = fit_settings or st
    data = prepare(panel.votes, panel.bridges if len(panel.bridges) else None)
    f = fit(data, st, seed=seed)
    rows = np.searchsorted(panel.votes.ccodes, data.ccodes)
    truth = np.nan_to_num(panel.truth[rows][:, np.asarray(data.periods) - 1])
    has = f.counts > 0
    true = truth_on_fitted_scale(truth, f.counts, f.mean)
    n_t = has.sum(axis=0)
    fitted_mean = np.where(has, f.mean, 0.0).sum(axis=0) / n_t
    true_mean = np.where(has, true, 0.0).sum(axis=0) / n_t
    sd_mean = session_mean_sd(data, f, st)
    per_state = [
        float(np.corrcoef(f.mean[i, has[i]], true[i, has[i]])[0, 1])
        for i in range(len(has))
        if has[i].sum() >= 10
    ]
    return {
        "fitted": fitted_mean,
        "true": true_mean,
        "inside": np.abs(fitted_mean - true_mean) <= 1.96 * sd_mean,
        "per_state": np.array(per_state),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--states", type=int, default=60)
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--items", type=int, default=40)
    ap.add_argument("--bridge-share", type=float, default=0.2)
    ap.add_argument("--fit-defaults", action="store_true", help="fit with ujym's default priors")
    ap.add_argument("--designs", default="growth,drift,drift+bridges")
    args = ap.parse_args()
    fit_settings = IdealSettings() if args.fit_defaults else None
    size = (args.states, args.sessions, args.items)
    t0 = time.perf_counter()
    print(
        f"{args.reps} panels per design of {args.states} states ({args.states // 3} founders) x "
        f"{args.sessions} sessions x {args.items} roll calls per session"
    )
    for design in args.designs.split(","):
        r_path, worst, inside, states = [], [], [], []
        for rep in range(args.reps):
            out = session_paths(
                2000 + rep, design, size, fit_settings=fit_settings, bridge_share=args.bridge_share
            )
            fm, tm = out["fitted"], out["true"]
            r_path.append(float(np.corrcoef(fm, tm)[0, 1]))  # type: ignore[arg-type]
            worst.append(float(np.max(np.abs(fm - tm))))  # type: ignore[operator]
            inside.append(float(np.mean(out["inside"])))  # type: ignore[arg-type]
            states.append(out["per_state"])
        ps = np.concatenate(states)
        print(
            f"  {design:14s} session-mean path r median {np.median(r_path):.3f}; largest error "
            f"of a session mean median {np.median(worst):.2f}; session means inside their 95 % "
            f"interval {np.mean(inside):.0%}; per-state r median {np.median(ps):.3f}, below 0.95: "
            f"{np.mean(ps < 0.95):.0%} of {len(ps)} state series"
        )
    print(f"{time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
