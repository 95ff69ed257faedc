"""Benchmark of the bargaining engine: fast (prefix-sum) kernels against the n³ reference path.

Measured in one run, each figure with its ratio to the reference path (``kernel="reference"``,
the ``n × n × n`` tensor ujym used before) and an assertion that both give the same results (final
positions, median and mean ranges, to 1e-12 of the scale width; the same stop reasons). Where a
run's trajectory under the two paths separates after many rounds (the readings that wander amplify
rounding differences of 1e-16), the benchmark asserts instead that from every state the run
visits one round of each path gives the same next state to 1e-12, and says how many runs:

1. 10,000 Monte Carlo runs × 20 actors to convergence (cap 100 rounds), default preset;
2. the same for the ``scholz2011`` preset;
3. 1,000 runs × 200 actors, default preset (the reference path is timed on a subset of the
   runs, printed, and scaled — the whole of it would take hours);
4. peak memory of (1) and (3) (tracemalloc, measured in a separate pass so it does not slow the
   timed one);
5. (``compile``) the compiled kernels' first-call cost, compiling into an empty cache and loading
   it, each in a fresh process.

The fast path is timed several times (``--repeat``, default 5; ``--big-repeat`` 3 at 200
actors) and its figure is the median, printed with the first, fastest and slowest sweep: on this
VM one sweep's time varies by up to ±30 % from minute to minute. Each time is printed with the
processor time of all threads and the load average before the run, so that a figure measured on
a busy machine says so; the reference path is timed once.

``--cycles`` prints instead the share of perturbed runs that end in a cycle, at the round cap or
at a fixed point, per preset and sequential option, at 5, 10, 20 and 40 actors.

Usage: ``python benchmarks/bargaining.py [--runs 10000] [--big-runs 1000] [--repeat 5]
[--big-repeat 3] [--parts compile,small,scholz,big,memory] [--cycles]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from ujym.engines.bargaining import PRESETS, Trajectory, play_round, preset, run_model
from ujym.engines.bargaining.montecarlo import Draws, Uncertainty, draw_inputs, sweep
from ujym.engines.bargaining.options import ModelOptions

WIDTH = 100.0


def draws_for(actors: int, runs: int, seed: int = 0) -> Draws:
    """A random scenario of ``actors`` on a 0–100 scale; positions ±10, saliences sd 0.1."""
    rng = np.random.default_rng(2026)
    x, c, s = (
        rng.uniform(0, 100, actors),
        rng.uniform(0.05, 1.0, actors),
        rng.uniform(0.2, 1.0, actors),
    )
    unc = [
        {"position": Uncertainty.plus_minus(x[a], 10.0), "salience": Uncertainty("normal", sd=0.1)}
        for a in range(actors)
    ]
    return draw_inputs(x, c, s, unc, runs, seed, (0.0, WIDTH))


def options(name: str, **changes: object) -> ModelOptions:
    return preset(name, stopping="converged", max_rounds=100, **changes)


CPU: dict[str, float] = {}
"""Processor time (all threads) of the last call of :func:`timed`, by label."""


def timed(fn: Callable[[], Trajectory], label: str = "") -> tuple[Trajectory, float]:
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn()
    CPU[label] = time.process_time() - c0
    return out, time.perf_counter() - t0


def compile_cost() -> None:
    """First-call cost of the compiled kernels: in a fresh process with an empty numba cache
    (compiling), then in another fresh process with that cache (loading), each timed around one
    tiny run after imports."""
    import subprocess
    import sys
    import tempfile

    code = (
        "import time, numpy as np\n"
        "from ujym.engines.bargaining import run_model, preset\n"
        "t = time.perf_counter()\n"
        "run_model(np.array([0., 4., 10.]), np.ones(3), np.ones(3), preset('ujym'), 10.0)\n"
        "print(f'{time.perf_counter() - t:.2f}')\n"
    )
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache)
        first, again = (
            float(subprocess.run([sys.executable, "-c", code], env=env, check=True,
                                 capture_output=True, text=True).stdout)
            for _ in range(2)
        )  # fmt: skip
    print(f"first call: {first:.2f} s compiling (empty cache), {again:.2f} s loading the cache")


def peak_rss(actors: int, runs: int) -> float:
    """Peak resident memory (in MB) of a fresh process that imports ujym, draws the inputs and
    runs the default sweep (fast path only): ``VmHWM`` of ``/proc/self/status`` where Linux has
    it — ``getrusage`` maxrss carries over the parent's resident size at the fork, so a child of
    a large process reports at least that — else maxrss."""
    import subprocess
    import sys

    code = (
        "import resource, sys\n"
        f"sys.path.insert(0, {os.path.dirname(os.path.abspath(__file__))!r})\n"
        "from bargaining import draws_for, options, WIDTH\n"
        "from ujym.engines.bargaining.montecarlo import sweep\n"
        f"sweep(draws_for({actors}, {runs}), options('ujym'), WIDTH)\n"
        "kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "    kb = int(status.split()[0])\n"
        "except (OSError, IndexError, ValueError):\n"
        "    pass\n"
        "print(kb)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(out.stdout.split()[-1]) / 1024


def peak_memory(fn: Callable[[], object]) -> float:
    """Peak of traced allocations (numpy's included) while ``fn`` runs, in MB."""
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def differing(a: Trajectory, b: Trajectory) -> NDArray[np.bool_]:
    """Runs whose results differ by more than 1e-12 of the scale width (or in stop reason)."""
    tol = 1e-12 * WIDTH
    out: NDArray[np.bool_] = (a.status != b.status) | (a.rounds != b.rounds)
    for name in ("final_positions", "median_range", "mean_range"):
        out |= (np.abs(getattr(a, name) - getattr(b, name)) > tol).any(axis=-1)
    return out


def same_rounds(draws: Draws, runs: NDArray[np.intp], opts: ModelOptions) -> tuple[int, float]:
    """For runs whose trajectories separate: from every state the fast path visits, one round of
    each path; asserts they agree to 1e-9 of the scale width (a compromise's |b/a| is
    ill-conditioned when a is small, so one round may differ by more than 1e-12) and returns the
    states checked and the largest difference, as a share of the scale width.
    """
    tr = run_model(draws.position[runs], draws.capability[runs], draws.salience[runs], opts, WIDTH)
    checked, worst = 0, 0.0
    for t in range(tr.positions.shape[0] - 1):
        live = np.flatnonzero(tr.rounds > t)
        if not live.size:
            break
        x = tr.positions[t, live]
        c, s = draws.capability[runs][live], draws.salience[runs][live]
        fast = play_round(x, c, s, opts, WIDTH)
        ref = play_round(x, c, s, opts.with_(kernel="reference"), WIDTH)
        diff = float(np.abs(fast.new_x - ref.new_x).max())
        assert diff <= 1e-9 * WIDTH, f"round {t + 1}: the kernels differ by {diff:g}"
        checked, worst = checked + live.size, max(worst, diff / WIDTH)
    return checked, worst


def describe(tr: Trajectory) -> str:
    st = np.bincount(tr.status, minlength=4)
    return (
        f"rounds/run {tr.rounds.mean():.1f}; fixed point {st[1]}, cycle {st[2]}, "
        f"round cap {st[3]}; forecasts that are ranges {int(tr.is_range.sum())}"
    )


def compare(
    label: str,
    draws: Draws,
    opts: ModelOptions,
    reference_runs: int | None = None,
    repeat: int = 5,
) -> None:
    # the fast path timed ``repeat`` times (this VM's speed varies by ±30 % from minute to
    # minute): the median is the figure, with the first, the fastest and the slowest beside it
    walls, cpus = [], []
    for k in range(repeat):
        again, wall = timed(lambda: sweep(draws, opts, WIDTH), "fast")
        walls.append(wall)
        cpus.append(CPU["fast"])
        if k == 0:
            fast = again
        else:  # every sweep gives the same numbers
            assert not differing(fast, again).any(), "a repeated sweep gave other results"
    t_fast = float(np.median(walls))
    sub = draws if reference_runs is None else draws[slice(0, reference_runs)]
    ref, t_ref = timed(lambda: sweep(sub, opts.with_(kernel="reference"), WIDTH), "reference")
    part = fast if reference_runs is None else sweep(sub, opts, WIDTH)
    apart = np.flatnonzero(differing(part, ref))
    states, worst = same_rounds(sub, apart, opts) if apart.size else (0, 0.0)
    scale = draws.runs / sub.runs
    note = "" if reference_runs is None else f" (timed on {sub.runs} runs, × {scale:g})"
    print(f"{label}: {describe(fast)}  [load average {os.getloadavg()[0]:.1f}]")
    print(
        f"  fast kernels      {t_fast:8.2f} s  median of {repeat} sweeps (first {walls[0]:.2f}, "
        f"fastest {min(walls):.2f}, slowest {max(walls):.2f}; processor time, all threads, "
        f"median {float(np.median(cpus)):.2f} s)"
    )
    print(
        f"  reference (n³)    {t_ref * scale:8.2f} s{note}"
        f"  (processor time {CPU['reference'] * scale:.2f} s)"
    )
    print(f"  ratio reference / fast: {t_ref * scale / t_fast:.1f}x")
    print(
        f"  results equal to 1e-12 of the scale in {sub.runs - apart.size} of {sub.runs} runs"
        + (
            f"; {apart.size} runs separate later from rounding the model amplifies"
            f" (from each of their {states} states one round of both paths agrees to"
            f" {worst:.1e} of the scale)"
            if apart.size
            else ""
        )
    )


def cycles(runs: int) -> None:
    print(f"share of {runs} perturbed runs (positions ±10, salience sd 0.1) by how they stop")
    print("actors  preset       sequential  cycle  round cap  fixed point  rounds/run")
    for n in (5, 10, 20, 40):
        d = draws_for(n, runs)
        seen: list[ModelOptions] = []
        for name in PRESETS:
            for seq in (False, True):
                opts = options(name, sequential=seq)
                if opts in seen:  # a preset that differs from another only in this option
                    continue
                seen.append(opts)
                tr = sweep(d, opts, WIDTH)
                share = np.bincount(tr.status, minlength=4) / runs
                print(
                    f"{n:6d}  {name:11s}  {seq!s:10s}  {share[2]:5.2f}  {share[3]:9.2f}  "
                    f"{share[1]:11.2f}  {tr.rounds.mean():10.1f}"
                )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--big-runs", type=int, default=1_000)
    ap.add_argument("--big-reference-runs", type=int, default=10)
    ap.add_argument(
        "--repeat", type=int, default=5, help="timed sweeps of the fast path (20 actors)"
    )
    ap.add_argument("--big-repeat", type=int, default=3, help="timed sweeps at 200 actors")
    ap.add_argument("--parts", default="compile,small,scholz,big,memory", help="which parts to run")
    ap.add_argument("--cycles", action="store_true")
    ap.add_argument("--cycle-runs", type=int, default=2_000)
    args = ap.parse_args()
    if args.cycles:
        cycles(args.cycle_runs)
        return
    parts = set(args.parts.split(","))
    print(f"load average before the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    t0 = time.perf_counter()
    run_model(np.array([0.0, 4.0, 10.0]), np.ones(3), np.ones(3), options("ujym"), 10.0)
    print(f"kernels ready in this process after {time.perf_counter() - t0:.2f} s (compiled or "
          "loaded from the cache; not part of the times below)")  # fmt: skip
    if "compile" in parts:
        compile_cost()
    small = draws_for(20, args.runs)
    if "small" in parts:
        compare(
            f"{args.runs} runs x 20 actors, default preset",
            small,
            options("ujym"),
            None,
            args.repeat,
        )
    if "scholz" in parts:
        compare(
            f"{args.runs} runs x 20 actors, scholz2011",
            small,
            options("scholz2011"),
            None,
            args.repeat,
        )
    big = draws_for(200, args.big_runs)
    if "big" in parts:
        compare(
            f"{args.big_runs} runs x 200 actors, default preset",
            big,
            options("ujym"),
            reference_runs=args.big_reference_runs,
            repeat=args.big_repeat,
        )
    if "memory" in parts:
        print("peak memory of the fast path, default preset (each in a separate pass):")
        for n, runs, d in ((20, args.runs, small), (200, args.big_runs, big)):
            traced = peak_memory(lambda d=d: sweep(d, options("ujym"), WIDTH))
            rss = peak_rss(n, runs)
            print(
                f"  {runs} x {n}: {traced:.0f} MB allocated at the peak (tracemalloc); "
                f"{rss:.0f} MB resident at the peak of a fresh process (VmHWM, "
                "with the interpreter, numpy and the loaded kernels)"
            )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"this process's peak resident memory (all parts, the n³ path included): {rss:.0f} MB")


if __name__ == "__main__":
    main()
