"""Where one round of the compiled bargaining kernels spends its time (issue 11, item 5).

Times the compiled functions directly, each on the same perturbed states, in processor time of
one thread (the minimum of five passes): the whole round, the median and mean, the vote
numerators (linear and with exponents), and the round with risk exponents or sequential
settlement switched off (the differences are what those parts cost).

Usage: ``python benchmarks/bargaining_round_profile.py [--actors 20] [--preset ujym]``
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
from bargaining import draws_for, options
from ujym.engines.bargaining import compiled as C


@numba.njit(nogil=True)
def _loop(x_all, c, s, prm, keys, which):  # type: ignore[no-untyped-def]
    runs, n = x_all.shape
    new = np.empty(n)
    kinds = np.empty(n, np.int8)
    props = np.empty(n, np.int32)
    work = np.empty((7, n, n))
    f = np.empty((n, n + 1))
    kind = np.empty((n, n), np.int8)
    ok = np.empty((n, n), np.bool_)
    vec = np.empty((12, n))
    ivec = np.empty((5, n), np.int64)
    bvec = np.empty((4, n), np.bool_)
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
                             kind, ok, vec, ivec, bvec)  # fmt: skip
            acc += mu
        elif which == 1:
            mu, _ = C._median_mean(x, w, 100.0, False, order, f3)
            acc += mu
        else:
            rho = ones if which == 2 else ones + 0.1
            C._numerators(x, w, 100.0, rho, linear if which == 2 else not linear, work[0], f,
                          order, f3)  # fmt: skip
            acc += work[0, 0, 1]
    return acc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actors", type=int, default=20)
    ap.add_argument("--preset", default="ujym")
    ap.add_argument("--states", type=int, default=2000)
    args = ap.parse_args()
    d = draws_for(args.actors, args.states)
    prm, keys = C._params(options(args.preset))
    x, c, s = d.position, d.capability, d.salience

    def best(p: np.ndarray, which: int) -> float:
        _loop(x[:2], c, s, p, keys, which)
        out = np.inf
        for _ in range(5):
            t = time.process_time()
            _loop(x, c, s, p, keys, which)
            out = min(out, time.process_time() - t)
        return out / args.states * 1e6

    print(f"load average {os.getloadavg()[0]:.1f}; {args.actors} actors, preset {args.preset}; "
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
