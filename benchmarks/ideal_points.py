"""Benchmark: dynamic ideal points of all states, 1946–latest, from the whole UNGA record.

Times ``estimate_ideal_points`` on every roll call of the cached UNGA votes (bridged with the
published pairs of identical resolutions, ``bsv_matches``, when they are in the cache), and prints:

* wall time of the estimation call (reading the cached tables, building the vote matrix, the
  variational EM and the result frame) and of the EM alone, EM sweeps, convergence;
* peak memory of the process (``resource.getrusage``: maximum resident set size);
* face checks: the US high, the USSR/Russia and Cuba low in the Cold War, Israel near the US;
* with ``--published FILE`` (Bailey–Strezhnev–Voeten estimates in their CSV layout: Row, ccode,
  session, NVotes, IdealPoint, …): the pooled correlation over all matched state-sessions and the
  distribution of the within-session cross-sectional correlations; the correlation over sessions
  of each CSTO member's series; also how often the vote counts agree (a check that both use the
  same votes). It says how many states and state-sessions were matched, so a partial file (a
  sample) is reported as such.

Usage::

    python benchmarks/ideal_points.py                              # the ujym cache
    python benchmarks/ideal_points.py --unvotes ../shared/data     # import unvotes_*.parquet and
                                                                   # bsv_matches.parquet into a
                                                                   # temporary cache
    python benchmarks/ideal_points.py --unvotes ../shared/data --published IdealpointestimatesAll_Apr2020.csv
    python benchmarks/ideal_points.py --published cache   # both from the ujym cache (after
                                          # `ujym data import bsv_ideal_points FILE`)
    python benchmarks/ideal_points.py --unvotes ../shared/data --no-bridges   # unbridged run

Targets (issue 4): ≤ 60 s and ≤ 4 GB on the 2-core machine; correlation with the published
estimates ≥ 0.95 pooled and within sessions.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ujym.core.errors import UjymWarning  # noqa: E402
from ujym.core.provenance import provenance_of  # noqa: E402
from ujym.pipeline.ideal import estimate_ideal_points  # noqa: E402

USA, RUS, CUB, ISR = 2, 365, 40, 666
CSTO = {365: "Russia", 371: "Armenia", 370: "Belarus", 705: "Kazakhstan", 703: "Kyrgyzstan",
        702: "Tajikistan"}  # fmt: skip


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def import_unvotes(folder: Path) -> str:
    """Import ``unvotes_votes.parquet`` (and companions) and, when present, the bridging pairs
    ``bsv_matches.parquet`` into a fresh temporary ujym cache."""
    os.environ["UJYM_DATA_DIR"] = tempfile.mkdtemp(prefix="ujym-bench-ideal-")
    from ujym.sources.datasets import import_file

    import_file("unvotes", folder / "unvotes_votes.parquet")
    if (folder / "bsv_matches.parquet").is_file():
        import_file("bsv_matches", folder / "bsv_matches.parquet")
    return "unvotes"


def face_checks(df: pd.DataFrame) -> list[tuple[str, bool, str]]:
    est = df[df["ideal_point"].notna()]

    def s(code: int, lo: int = 1, hi: int = 999) -> pd.Series:
        part = est[(est["ccode"] == code) & est["session"].between(lo, hi)]
        return part.set_index("session")["ideal_point"]

    rank = est.groupby("session")["ideal_point"].rank(pct=True)
    us_rank = rank[est["ccode"] == USA]
    ussr = s(RUS, 1, 44)
    cuba = s(CUB, 16, 44)
    gap = (s(ISR, 30) - s(USA, 30)).abs().mean()
    spread = est[est["session"] >= 30].groupby("session")["ideal_point"].std().mean()
    return [
        (
            "US high",
            s(USA).mean() > 1.5 and (us_rank >= 0.8).mean() > 0.9,
            f"mean {s(USA).mean():+.2f}, top quintile in {(us_rank >= 0.8).mean():.0%} of sessions",
        ),
        ("USSR/Russia low 1946-89", ussr.mean() < -1.0, f"mean {ussr.mean():+.2f}"),
        ("Cuba low 1961-89", cuba.mean() < -1.0, f"mean {cuba.mean():+.2f}"),
        (
            "Israel near the US from 1975",
            gap < spread,
            f"mean |ISR-USA| {gap:.2f} < mean cross-sectional SD {spread:.2f}",
        ),
    ]


def validate(df: pd.DataFrame, published: Path | None) -> bool:
    """Compare with the published estimates: a CSV in their layout, or (None) the ujym cache."""
    if published is None:
        from ujym.sources.bsv import read_published_ideal_points

        pub = read_published_ideal_points().rename(
            columns={
                "ideal_point": "IdealPoint",
                "n_votes": "NVotes",
                "q5": "Q5%",
                "q50": "Q50%",
                "q95": "Q95%",
            }
        )
        label = "the cached bsv_ideal_points"
    else:
        pub = pd.read_csv(published)
        label = published.name
    need = {"ccode", "session", "IdealPoint"}
    if not need <= set(pub.columns):
        sys.exit(f"{label}: needs the columns {sorted(need)} (the published CSV layout)")
    est = df[df["ideal_point"].notna()]
    m = pub.merge(est, on=["ccode", "session"], how="inner")
    n_states = m["ccode"].nunique()
    print(
        f"\nvalidation against {label}: {len(pub):,} published rows "
        f"({pub['ccode'].nunique()} states); matched {len(m):,} state-sessions of {n_states} states"
    )
    if "NVotes" in m.columns:
        same = (m["NVotes"] == m["n_votes"]).mean()
        print(f"  vote counts equal in {same:.1%} of matched state-sessions")
    pooled = float(np.corrcoef(m["IdealPoint"], m["ideal_point"])[0, 1])
    print(f"  pooled correlation (all matched state-sessions): {pooled:.4f}")
    within = []
    for _, g in m.groupby("session"):
        if len(g) >= 3 and g["IdealPoint"].std() > 0 and g["ideal_point"].std() > 0:
            within.append(float(np.corrcoef(g["IdealPoint"], g["ideal_point"])[0, 1]))
    w = np.array(within)
    if len(w):
        q = np.percentile(w, [0, 10, 25, 50])
        print(
            f"  within-session correlations over {len(w)} sessions with >= 3 matched states: "
            f"min {q[0]:.4f}, p10 {q[1]:.4f}, p25 {q[2]:.4f}, median {q[3]:.4f}, mean {w.mean():.4f}; "
            f"{(w >= 0.95).mean():.0%} of sessions >= 0.95"
        )
        sizes = m.groupby("session").size()
        print(f"  states per session in the match: median {int(sizes.median())}, min {sizes.min()}")
    print("  CSTO members, correlation with the published series over sessions:")
    for code, name in CSTO.items():
        g = m[m["ccode"] == code]
        if len(g) < 3:
            print(f"    {name} ({code}): not in the published file given")
            continue
        r = float(np.corrcoef(g["IdealPoint"], g["ideal_point"])[0, 1])
        late = g[g["session"] >= 46]
        r_late = (
            f"{float(np.corrcoef(late['IdealPoint'], late['ideal_point'])[0, 1]):.3f}"
            if len(late) >= 3 and code == RUS
            else ""
        )
        extra = f"; sessions 46-74 only: {r_late}" if r_late else ""
        print(
            f"    {name} ({code}): r = {r:.3f} over {len(g)} sessions "
            f"({int(g['session'].min())}-{int(g['session'].max())}), "
            f"mean |difference| {float((g['IdealPoint'] - g['ideal_point']).abs().mean()):.2f}"
            f"{extra}"
        )
    ps = per_state_r(m, "ideal_point")
    if len(ps):
        worst = ", ".join(f"{_name(c)} {r:.3f}" for c, r in ps.head(10).items())
        print(
            f"  per-state correlations over sessions ({len(ps)} states with >= 10 sessions): "
            f"{int((ps < 0.95).sum())} below 0.95 ({(ps >= 0.95).mean():.0%} at or above), "
            f"median {ps.median():.3f}; worst ten: {worst}"
        )
        aligned = per_state_r(m.assign(ideal_point=aligned_to_published(m)), "ideal_point")
        print(
            f"  the same after giving each session the published session's mean and SD (only the "
            f"common path changed): {int((aligned < 0.95).sum())} below 0.95, median "
            f"{aligned.median():.3f}"
        )
    sm = m.groupby("session")[["IdealPoint", "ideal_point"]].mean()
    print(
        f"  session means: SD over sessions {sm['IdealPoint'].std():.3f} published, "
        f"{sm['ideal_point'].std():.3f} ujym; largest gap {(sm['IdealPoint'] - sm['ideal_point']).abs().max():.2f} "
        f"(session {int((sm['IdealPoint'] - sm['ideal_point']).abs().idxmax())})"
    )
    uncertainty_against_published(
        m, provenance_of(df).details.get("model", {}).get("intervals", "?")
    )
    ok = pooled >= 0.95 and (len(w) == 0 or float(np.median(w)) >= 0.95)
    print(f"  target >= 0.95 pooled and within sessions: {'met' if ok else 'NOT met'}")
    if pub["ccode"].nunique() < 150:
        print("  NOTE: the published file given holds a SAMPLE of states, not the full estimates")
    return ok


def per_state_r(m: pd.DataFrame, col: str) -> pd.Series:
    """Correlation over sessions of each state's series with the published one (>= 10 sessions),
    ascending."""
    r = {
        int(c): float(np.corrcoef(g["IdealPoint"], g[col])[0, 1])
        for c, g in m.groupby("ccode")
        if len(g) >= 10
    }
    return pd.Series(r, dtype=float).sort_values()


def aligned_to_published(m: pd.DataFrame) -> pd.Series:
    """ujym's positions with each session's mean and SD replaced by the published session's."""
    g = m.groupby("session")
    z = (m["ideal_point"] - g["ideal_point"].transform("mean")) / g["ideal_point"].transform("std")
    return z * g["IdealPoint"].transform("std") + g["IdealPoint"].transform("mean")


def _name(ccode: int) -> str:
    try:
        from ujym.sources.codes import country

        return f"{country(int(ccode)).iso3 or ccode}"
    except Exception:
        return str(ccode)


def uncertainty_against_published(m: pd.DataFrame, method: str) -> None:
    """Share of the published medians inside ujym's 95 % intervals; ratio of standard errors."""
    centre = m["Q50%"].fillna(m["IdealPoint"]) if "Q50%" in m.columns else m["IdealPoint"]
    inside = (centre >= m["lower"]) & (centre <= m["upper"])
    n_median = int(m["Q50%"].notna().sum()) if "Q50%" in m.columns else 0
    print(
        f"  published medians inside ujym's 95 % intervals ({method}): "
        f"{inside.mean():.1%} of {len(m):,} state-sessions"
        + (
            f" (the published mean where the file gives no median: {len(m) - n_median:,})"
            if n_median < len(m)
            else ""
        )
    )
    eras = [(1, 10), (11, 30), (31, 50), (51, 999)]
    print(
        "    by sessions: "
        + "; ".join(
            f"{lo}-{hi if hi < 999 else int(m['session'].max())}: "
            f"{inside[m['session'].between(lo, hi)].mean():.1%}"
            for lo, hi in eras
        )
    )
    if {"Q5%", "Q95%"} <= set(m.columns):
        q = m.dropna(subset=["Q5%", "Q95%"])
        q = q[q["Q95%"] > q["Q5%"]]
        if len(q):
            ratio = q["se"] / ((q["Q95%"] - q["Q5%"]) / (2 * 1.6448536))
            print(
                f"  standard errors, ujym / published (published: (Q95 - Q5) / 3.29): median "
                f"{ratio.median():.2f}, quartiles {ratio.quantile(0.25):.2f}-{ratio.quantile(0.75):.2f} "
                f"over {len(q):,} state-sessions with quantiles"
            )


def main() -> int:
    t_process = time.perf_counter()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--unvotes", type=Path, default=None, help="folder with unvotes_*.parquet")
    ap.add_argument("--dataset", default=None, help="cached dataset id (default: first cached)")
    ap.add_argument(
        "--bridges",
        type=Path,
        default=None,
        help="rcid1,rcid2 file (default: the cached bsv_matches pairs, when cached)",
    )
    ap.add_argument("--no-bridges", action="store_true", help="estimate without bridging")
    ap.add_argument(
        "--published",
        default=None,
        help="BSV estimates: a CSV in their layout, or 'cache' for `ujym data import "
        "bsv_ideal_points FILE`",
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--intervals",
        choices=["corrected", "bootstrap", "variational"],
        default=None,
        help="how ujym's standard errors are computed (default: corrected)",
    )
    ap.add_argument("--bootstrap", type=int, default=0, help="refits for --intervals bootstrap")
    ap.add_argument("--scheduler", default=None, help="Dask scheduler address for the refits")
    args = ap.parse_args()

    dataset = args.dataset
    if args.unvotes is not None:
        t = time.perf_counter()
        dataset = import_unvotes(args.unvotes)
        print(
            f"imported unvotes (and bsv_matches) into a temporary cache in "
            f"{time.perf_counter() - t:.1f} s"
        )
    # default: the cached bsv_matches pairs (estimate_ideal_points' bridges="auto")
    bridges: object = "auto"
    if args.no_bridges:
        bridges = None
    elif args.bridges is not None:
        bridges = args.bridges

    with warnings.catch_warnings():
        warnings.simplefilter("always", UjymWarning)
        t = time.perf_counter()
        df = estimate_ideal_points(
            dataset=dataset,
            bridges=bridges,
            seed=args.seed,
            intervals=args.intervals,
            bootstrap=args.bootstrap,
            scheduler=args.scheduler,
        )
        wall = time.perf_counter() - t
    meta = provenance_of(df).details
    model, sl = meta["model"], meta["slice"]
    br = meta.get("bridges", {})
    print(
        f"bridging: {br.get('mode')}, source {br.get('source')}, "
        f"{br.get('used', 0)} of {br.get('pairs', 0)} pairs used"
        + (f" ({br['note']})" if br.get("note") else "")
    )
    est = df[df["ideal_point"].notna()]
    print(
        f"data: {', '.join(meta['sources'])}; {sl['roll_calls_used']:,} informative roll calls "
        f"({sl['unanimous_dropped']} unanimous dropped, {sl['excluded_roll_calls']} paragraph/"
        f"amendment votes after 1989 left out), {sl['bridged_pairs']} bridged pairs"
    )
    print(
        f"result: {len(df):,} state-sessions of {df['ccode'].nunique()} states, sessions "
        f"{df['session'].min()}-{df['session'].max()} ({df['year'].min()}-{df['year'].max()}); "
        f"{len(est):,} estimated; status {df['status'].value_counts().to_dict()}"
    )
    print(
        f"wall time of estimate_ideal_points: {wall:.1f} s (EM alone {model['seconds']:.1f} s); "
        f"EM sweeps: {model['iterations']}; converged: {model['converged']} "
        f"(last max change {model['last_change']:.1e}, tol {model['settings']['tol']:g})"
    )
    print(f"peak memory (max RSS of the process): {peak_mb():,.0f} MB")
    print(f"whole process: {time.perf_counter() - t_process:.1f} s")
    print("\nface checks:")
    all_ok = True
    for name, ok, detail in face_checks(df):
        all_ok &= ok
        print(f"  [{'PASS' if ok else 'FAIL'}] {name}: {detail}")
    print(
        f"\ntargets: wall <= 60 s: {'met' if wall <= 60 else 'NOT met'}; "
        f"memory <= 4 GB: {'met' if peak_mb() <= 4096 else 'NOT met'}"
    )
    if args.published is not None:
        all_ok &= validate(df, None if args.published == "cache" else Path(args.published))
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
