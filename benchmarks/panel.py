"""Benchmark: the full dyad-year alignment panel, ujym against a straightforward pandas version.

Every pair of states in every year (1946–latest), with agreement (Voeten), State Department
coincidence, identical-vote share, S (absolute and squared), Cohen's kappa and Scott's pi (absolute
and squared), from the canonical UNGA frames:

* **ujym**: ``build_vote_matrix`` (numpy scatter) then ``alignment_panel`` (per-year one-hot
  Gram matrix → 3×3 contingency counts of every dyad → every measure), timed as a whole from
  the canonical frames in memory to the finished pandas DataFrame.
* **pandas**: the textbook way — drop the roll calls on which every state present voted alike
  (Voeten's rule), self-join the votes on the roll call, keep ``ccode1 < ccode2``, group by
  dyad-year and sum distances and category counts, then the same formulas, and withhold the
  figures of dyad-years below 10 contested roll calls in common (ujym's defaults). The join is
  done one year at a time (all years at once needs ~60 M joined rows, several GB); that is the
  same computation in smaller pieces.

Both run in this process on the same frames; the script prints both times and the ratio and
checks the values are identical (``numpy.testing.assert_allclose``, NaN where equal).

Usage::

    python benchmarks/panel.py                      # canonical data from the ujym cache
    python benchmarks/panel.py --unvotes ../shared/data   # unvotes_*.parquet in a folder
    python benchmarks/panel.py --repeat 3            # best of 3 for ujym
    python benchmarks/panel.py --blas-threads 0      # keep OpenBLAS's own thread count

BLAS runs on one thread unless ``--blas-threads`` says otherwise: on this shared 2-core machine
OpenBLAS's second thread waits for a busy core, which made the per-year products 10–20× slower
and erratic. Both implementations run in the same process with the same setting.

Targets (issue 3): full panel ≤ 2 s on the 2-core machine and ≥ 30× faster than pandas.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def _blas_threads_from_argv() -> str:
    """``--blas-threads N`` must act before numpy loads OpenBLAS, so it is read here."""
    for i, arg in enumerate(sys.argv):
        if arg == "--blas-threads" and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if arg.startswith("--blas-threads="):
            return arg.split("=", 1)[1]
    return "1"


BLAS_THREADS = _blas_threads_from_argv()
if BLAS_THREADS != "0":
    for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_var, BLAS_THREADS)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import polars as pl  # noqa: E402

from ujym.engines.alignment import MEASURES  # noqa: E402
from ujym.engines.evidence import MIN_ROLLCALLS  # noqa: E402
from ujym.pipeline.dyads import alignment_panel  # noqa: E402
from ujym.sources.votematrix import build_vote_matrix  # noqa: E402


def unvotes_frames(folder: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Canonical frames from the unvotes Parquet copies (for benchmarking only).

    States are numbered by their unvotes name (values do not depend on the numbering); ujym's
    importer (``ujym data import unvotes``) maps them to COW codes.
    """
    raw = pl.read_parquet(folder / "unvotes_votes.parquet").with_columns(
        pl.col("country", "vote").cast(pl.String)
    )
    names = raw["country"].unique().sort()
    codes = pl.DataFrame({"country": names, "ccode": pl.int_range(1, len(names) + 1, eager=True)})
    votes = raw.join(codes, on="country").select(
        pl.col("rcid").cast(pl.Int32),
        pl.col("ccode").cast(pl.Int16),
        pl.col("vote").replace_strict({"yes": 1, "abstain": 2, "no": 3}).cast(pl.Int8),
    )
    rc = pl.read_parquet(folder / "unvotes_roll_calls.parquet").select(
        pl.col("rcid").cast(pl.Int32),
        pl.col("session").cast(pl.Int16),
        pl.col("date").dt.year().cast(pl.Int16).alias("year"),
        (pl.col("importantvote").fill_null(0) == 1).alias("importantvote"),
    )
    return votes, rc


def cached_frames(dataset: str | None) -> tuple[pl.DataFrame, pl.DataFrame]:
    from ujym.sources.unga import read_votes

    data = read_votes(dataset)
    return data.votes, data.roll_calls


def ujym_panel(votes: pl.DataFrame, roll_calls: pl.DataFrame) -> pd.DataFrame:
    return alignment_panel(matrix=build_vote_matrix(votes, roll_calls), measures=MEASURES)


def pandas_panel(votes: pd.DataFrame, roll_calls: pd.DataFrame) -> pd.DataFrame:
    """The straightforward version: self-join on roll call, group by dyad-year."""
    v = votes[votes["vote"].isin([1, 2, 3])]
    kinds = v.groupby("rcid")["vote"].nunique()
    v = v[v["rcid"].isin(kinds.index[kinds > 1])]  # Voeten's rule: contested roll calls only
    v = v.merge(roll_calls[["rcid", "year"]], on="rcid")
    v = v.assign(
        pos=v["vote"].map({1: 1.0, 2: 0.5, 3: 0.0}),
        y=(v["vote"] == 1).astype(int),
        a=(v["vote"] == 2).astype(int),
        n=(v["vote"] == 3).astype(int),
    )
    parts = []
    for _, vy in v.groupby("year"):
        j = vy.merge(vy, on=["rcid", "year"], suffixes=("1", "2"))
        j = j[j["ccode1"] < j["ccode2"]]
        diff = j["pos1"] - j["pos2"]
        j = j.assign(
            d_abs=diff.abs(),
            d_sq=diff**2,
            same=(j["vote1"] == j["vote2"]).astype(int),
            yes_no=(j["vote1"].isin([1, 3]) & j["vote2"].isin([1, 3])).astype(int),
        )
        j["coinc"] = j["same"] * j["yes_no"]
        g = j.groupby(["ccode1", "ccode2", "year"]).agg(
            n_rollcalls=("rcid", "size"),
            d_abs=("d_abs", "sum"),
            d_sq=("d_sq", "sum"),
            same=("same", "sum"),
            yes_no=("yes_no", "sum"),
            coinc=("coinc", "sum"),
            y1=("y1", "sum"),
            a1=("a1", "sum"),
            n1=("n1", "sum"),
            y2=("y2", "sum"),
            a2=("a2", "sum"),
            n2=("n2", "sum"),
        )
        parts.append(g)
    g = pd.concat(parts).reset_index()
    n = g["n_rollcalls"]
    out = g[["ccode1", "ccode2", "year", "n_rollcalls"]].copy()
    out["agreement"] = 1 - g["d_abs"] / n
    out["coincidence"] = (g["coinc"] / g["yes_no"]).where(g["yes_no"] > 0)
    out["identical"] = g["same"] / n
    out["s_abs"] = 1 - 2 * g["d_abs"] / n
    out["s_sq"] = 1 - 2 * g["d_sq"] / n
    p1 = np.stack([g["y1"], g["a1"], g["n1"]], axis=1) / n.to_numpy()[:, None]
    p2 = np.stack([g["y2"], g["a2"], g["n2"]], axis=1) / n.to_numpy()[:, None]
    pooled = (p1 + p2) / 2
    positions = np.array([1.0, 0.5, 0.0])
    for metric, power in (("abs", 1), ("sq", 2)):
        dist = np.abs(positions[:, None] - positions[None, :]) ** power
        observed = (g[f"d_{metric}"] / n).to_numpy()
        exp_k = np.einsum("ik,kl,il->i", p1, dist, p2)
        exp_p = np.einsum("ik,kl,il->i", pooled, dist, pooled)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[f"kappa_{metric}"] = np.where(exp_k > 1e-12, 1 - observed / exp_k, np.nan)
            out[f"pi_{metric}"] = np.where(exp_p > 1e-12, 1 - observed / exp_p, np.nan)
    thin = n < MIN_ROLLCALLS  # the minimum of evidence: withheld below it
    out.loc[thin, list(MEASURES)] = np.nan
    out.loc[g["yes_no"] < MIN_ROLLCALLS, "coincidence"] = np.nan
    return out


def check_identical(fast: pd.DataFrame, slow: pd.DataFrame) -> int:
    """Assert both panels hold the same values; returns the number of dyad-years compared."""
    keys = ["ccode1", "ccode2", "year"]
    fast = fast.astype({k: "int64" for k in keys})
    slow = slow.astype({k: "int64" for k in keys})
    merged = fast.merge(slow, on=keys, how="outer", suffixes=("", "_pd"), indicator=True)
    only_fast = merged[merged["_merge"] == "left_only"]
    # ujym also lists dyads of two states active in a year without a common contested vote
    assert (only_fast["n_rollcalls"] == 0).all(), "ujym has dyad-years with votes pandas lacks"
    assert not (merged["_merge"] == "right_only").any(), "pandas has dyad-years ujym lacks"
    both = merged[merged["_merge"] == "both"]
    np.testing.assert_array_equal(both["n_rollcalls"], both["n_rollcalls_pd"])
    for name in MEASURES:
        np.testing.assert_allclose(both[name], both[f"{name}_pd"], rtol=1e-9, atol=1e-12)
    return len(both)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--unvotes", type=Path, help="folder with unvotes_*.parquet")
    parser.add_argument("--dataset", help="cached dataset id (default: the newest UNGA votes)")
    parser.add_argument("--repeat", type=int, default=3, help="ujym runs; the best is reported")
    parser.add_argument(
        "--blas-threads",
        default="1",
        help="BLAS threads (default 1; 0 keeps the library default). On a shared 2-core machine "
        "a second OpenBLAS thread spins on a busy core and makes small products erratic.",
    )
    args = parser.parse_args()

    t0 = time.perf_counter()
    votes, rc = unvotes_frames(args.unvotes) if args.unvotes else cached_frames(args.dataset)
    t_read = time.perf_counter() - t0
    source = f"unvotes Parquet in {args.unvotes}" if args.unvotes else "ujym cache"
    years = rc["year"] if "year" in rc.columns else rc["date"].dt.year()
    blas = os.environ.get("OPENBLAS_NUM_THREADS", "library default")
    print(f"BLAS threads: {blas}; load average {os.getloadavg()[0]:.2f} (2 cores, shared)")
    print(
        f"data: {source}; {len(votes):,} votes, {len(rc):,} roll calls, "
        f"{int(years.min())}–{int(years.max())}; read in {t_read:.2f} s (not timed below)"
    )

    builds = []
    for _ in range(3):
        t0 = time.perf_counter()
        matrix = build_vote_matrix(votes, rc)
        builds.append(time.perf_counter() - t0)
    print(
        f"vote matrix : {min(builds):6.3f} s  ({matrix.shape[0]} states × {matrix.shape[1]:,} roll "
        f"calls from the canonical tables; read {t_read:.3f} s + build; best of 3)"
    )

    times = []
    fast = pd.DataFrame()
    for _ in range(max(args.repeat, 1)):
        t0 = time.perf_counter()
        fast = ujym_panel(votes, rc)
        times.append(time.perf_counter() - t0)
    t_fast = min(times)

    votes_pd, rc_pd = votes.to_pandas(), rc.to_pandas()
    if "year" not in rc_pd.columns:
        rc_pd["year"] = pd.to_datetime(rc_pd["date"]).dt.year
    t0 = time.perf_counter()
    slow = pandas_panel(votes_pd, rc_pd)
    t_slow = time.perf_counter() - t0

    compared = check_identical(fast, slow)
    print(
        f"ujym panel  : {t_fast:6.2f} s  ({len(fast):,} dyad-years × {len(MEASURES)} measures; "
        f"best of {len(times)}: {', '.join(f'{t:.2f}' for t in times)})"
    )
    print(f"pandas join : {t_slow:6.2f} s  ({len(slow):,} dyad-years)")
    median = float(np.median(times))
    print(f"ratio       : {t_slow / t_fast:6.1f}× (best ujym run); {t_slow / median:.1f}× (median)")
    print(f"values      : identical on {compared:,} dyad-years (assert_allclose rtol 1e-9)")
    print(
        f"targets     : ≤ 2 s {'met' if t_fast <= 2 else 'MISSED'}; "
        f"≥ 30× {'met' if t_slow / t_fast >= 30 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
