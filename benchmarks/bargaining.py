"""Benchmark: 10,000 Monte Carlo runs of a 20-actor scenario to convergence, and one plain run.

Prints the whole-process wall time of the vectorised sweep (imports included), the time of ONE
run done the plain way (a per-actor Python loop in the style of a straightforward implementation,
written below) and the ratio per run. Usage: ``python benchmarks/bargaining.py [runs]``.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import sys  # noqa: E402

import numpy as np  # noqa: E402

from ujym.engines.bargaining import ModelOptions  # noqa: E402
from ujym.engines.bargaining.montecarlo import Uncertainty, draw_inputs, sweep  # noqa: E402

N = 20
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
OPTS = ModelOptions(stopping="converged", max_rounds=100, tolerance=1e-6)


def scenario() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(2026)
    return rng.uniform(0, 100, N), rng.uniform(0.05, 1.0, N), rng.uniform(0.2, 1.0, N)


# ---- the plain way: one run, loops over actors ---------------------------------------------------
def plain_run(
    x: list[float], c: list[float], s: list[float], opts: ModelOptions
) -> tuple[float, int]:
    n = len(x)
    x = list(x)
    seen = [tuple(x)]
    for t in range(opts.max_rounds):
        width = (max(x) - min(x)) or 1.0
        best, mu = -1e300, x[0]
        for j in range(n):
            total = 0.0
            for k in range(n):
                for i in range(n):
                    total += 2 * c[i] * s[i] * (abs(x[i] - x[k]) - abs(x[i] - x[j])) / width
            if total > best + 1e-12 or (abs(total - best) <= 1e-12 and x[j] < mu):
                best, mu = total, x[j]
        p = [[0.5] * n for _ in range(n)]
        for i in range(n):
            for j in range(n):
                num = den = 0.0
                for k in range(n):
                    g = abs(x[k] - x[j]) - abs(x[k] - x[i])
                    den += c[k] * s[k] * abs(g)
                    if g > 0:
                        num += c[k] * s[k] * g
                if den > 0:
                    p[i][j] = num / den

        def eu(
            r: list[float], x: list[float] = x, width: float = width, p: list[list[float]] = p
        ) -> list[list[float]]:
            e = [[0.0] * n for _ in range(n)]
            for i in range(n):
                for j in range(n):
                    if i == j:
                        continue
                    d = abs(x[i] - x[j]) / width
                    us = 2 - 4 * max(0.5 - 0.5 * d, 0.0) ** r[i]
                    uf = 2 - 4 * (0.5 + 0.5 * d) ** r[i]
                    usq = 2 - 4 * 0.5 ** r[i]
                    e[i][j] = s[j] * (p[i][j] * us + (1 - p[i][j]) * uf) + (1 - s[j]) * us - usq
            return e

        e1 = eu([1.0] * n)
        sec = [sum(e1[j][i] for j in range(n)) for i in range(n)]
        hi, lo = max(sec), min(sec)
        big = [(2 * v - hi - lo) / (hi - lo) if hi > lo else 0.0 for v in sec]
        e = eu([(1 - b / 3) / (1 + b / 3) for b in big])
        new = list(x)
        for j in range(n):
            best_key, target = None, x[j]
            for i in range(n):
                a, b = e[i][j], e[j][i]
                if a > 0 and b > 0 and a > b:
                    to = x[i]
                elif a > 0 > b:
                    to = x[j] + (x[i] - x[j]) * min(abs(b) / abs(a), 1.0)
                else:
                    continue
                key = (a, -abs(to - x[j]), -to)
                if best_key is None or key > best_key:
                    best_key, target = key, to
            new[j] = target
        tol = opts.tolerance * 100
        if all(abs(u - v) <= tol for u, v in zip(new, x, strict=True)):
            return mu, t
        if any(all(abs(u - v) <= tol for u, v in zip(new, old, strict=True)) for old in seen):
            return mu, t + 1
        x = new
        seen.append(tuple(x))
    return mu, opts.max_rounds


def main() -> None:
    x, c, s = scenario()
    unc = [
        {"position": Uncertainty.plus_minus(x[a], 10.0), "salience": Uncertainty("normal", sd=0.1)}
        for a in range(N)
    ]
    t1 = time.perf_counter()
    draws = draw_inputs(x, c, s, unc, RUNS, 0, (0.0, 100.0))
    traj = sweep(draws, OPTS, 100.0)
    t2 = time.perf_counter()
    whole = t2 - T0
    per_run_vec = (t2 - t1) / RUNS
    t3 = time.perf_counter()
    plain_mu, plain_rounds = plain_run(
        list(draws.position[0]), list(draws.capability[0]), list(draws.salience[0]), OPTS
    )
    plain = time.perf_counter() - t3
    status = np.bincount(traj.status, minlength=4)
    print(
        f"{RUNS} runs x {N} actors, stopping=converged (fixed point, cycle, or {OPTS.max_rounds} rounds)"
    )
    print(
        f"  rounds per run: mean {traj.rounds.mean():.1f}, max {traj.rounds.max()}; "
        f"fixed point {status[1]}, cycle {status[2]}, round cap {status[3]}"
    )
    print(f"  whole process (imports, draws, sweep): {whole:.2f} s   [sweep alone {t2 - t1:.2f} s]")
    print(f"  vectorised, per run: {per_run_vec * 1e3:.3f} ms")
    print(f"  ONE run the plain way (per-actor Python loops, {plain_rounds} rounds): {plain:.3f} s")
    print(f"  run 0 forecast: plain {plain_mu:g}, vectorised {traj.forecast[0]:g}")
    print(f"  ratio plain / vectorised per run: {plain / per_run_vec:.0f}x")
    print(f"  plain-way estimate for all {RUNS} runs: {plain * RUNS / 60:.0f} min")


if __name__ == "__main__":
    main()
