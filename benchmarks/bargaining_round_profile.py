"""Where one round of the compiled bargaining kernels spends its time (issue 11, item 5).

Times the compiled functions directly, each on the same states, in processor time of one
thread (the minimum of five passes): the whole round, the median and mean, the vote numerators
(linear and with exponents), and the round with risk exponents or sequential settlement
switched off (the differences are what those parts cost).

The states are those the benchmark's runs visit (``benchmarks/bargaining.py``: perturbed
scenarios played to their stop), where actors that accepted a full move share a position and the
kernels compute per distinct position; ``--fresh`` takes the perturbed starting states instead,
every actor at its own position (the worst case).

Usage: ``python benchmarks/bargaining_round_profile.py [--actors 20] [--preset ujym] [--fresh]``
(compiles its own loop first: about a minute).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numba
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bargaining import WIDTH, draws_for, options
from ujym.engines.bargaining import compiled as C
from ujym.engines.bargaining import run_model


@numba.njit(nogil=True)
def _loop(x_all, c, s, prm, keys, which):  # type: ignore[no-untyped-def]
    runs, n = x_all.shape
    new = np.empty(n)
    kinds = np.empty(n, np.int8)
    props = np.empty(n, np.int32)
    work = np.empty((8, n, n))
    f = np.empty((n, n + 1))
    kind = np.empty((n, n), np.int8)
    ok = np.empty((n, n), np.bool_)
    vec = np.empty((16, n))
    ivec = np.empty((6, n), np.int64)
    bvec = np.empty((4, n), np.bool_)
    pen = np.array([np.inf, 0.0])
    ones = np.ones(n)
    order = ivec[0]
    f3 = np.empty((3, n))
    linear = n < 0
    acc = 0.0
    for r in range(runs):
        x = x_all[r]
        order[:] = np.argsort(x, kind="mergesort")
        w = c[r] * s[r]
        if which == 0:
            mu, _ = C._round(x, c[r], s[r], 100.0, 1e-4, prm, keys, new, kinds, props, work, f,
                             kind, ok, vec, ivec, bvec, pen)  # fmt: skip
            acc += mu
        elif which == 1:
            mu, _ = C._median_mean(x, w, 100.0, False, order, f3)
            acc += mu
        else:
            rho = ones if which == 2 else ones + 0.1
            m = C._groups(x, order, ivec[3], ivec[4], vec[12])
            C._numerators(x, w, 100.0, rho, linear if which == 2 else not linear, work[0], f,
                          order, f3, ivec[4], vec[12], m)  # fmt: skip
            acc += work[0, 0, 1]
    return acc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actors", type=int, default=20)
    ap.add_argument("--preset", default="ujym")
    ap.add_argument("--states", type=int, default=2000, help="at most this many states")
    ap.add_argument("--fresh", action="store_true", help="starting states only (all distinct)")
    args = ap.parse_args()
    opts = options(args.preset)
    prm, keys = C._params(opts)
    if args.fresh:
        d = draws_for(args.actors, args.states)
        x, c, s = d.position, d.capability, d.salience
    else:  # every state the runs visit, until there are enough
        d = draws_for(args.actors, max(1, args.states // 5))
        tr = run_model(d.position, d.capability, d.salience, opts, WIDTH, history=True)
        runs = [r for r in range(d.runs) for _ in range(int(tr.rounds[r]))]
        steps = [t for r in range(d.runs) for t in range(int(tr.rounds[r]))]
        take = slice(0, args.states)
        x = np.ascontiguousarray(tr.positions[steps[take], runs[take]])
        c, s = d.capability[runs[take]], d.salience[runs[take]]
    args.states = x.shape[0]
    distinct = np.mean([np.unique(row).size for row in x])

    def best(p: np.ndarray, which: int) -> float:
        _loop(x[:2], c, s, p, keys, which)
        out = np.inf
        for _ in range(5):
            t = time.process_time()
            _loop(x, c, s, p, keys, which)
            out = min(out, time.process_time() - t)
        return out / args.states * 1e6

    print(f"load average {os.getloadavg()[0]:.1f}; {args.actors} actors, preset {args.preset}; "
          f"{args.states} states, {distinct:.1f} distinct positions on average; "
          "processor time a round, one thread")  # fmt: skip
    for which, name in ((0, "whole round"), (1, "median and mean"), (2, "numerators, linear"),
                        (3, "numerators, exponents")):  # fmt: skip
        print(f"  {name:28s} {best(prm, which):8.2f} µs")
    for label, index in (("round without risk", 8), ("round, simultaneous offers", 6)):
        p = prm.copy()
        p[index] = 0.0
        print(f"  {label:28s} {best(p, 0):8.2f} µs")


if __name__ == "__main__":
    main()
