"""Does one actor decide the outcome, and what would it take to change that? Computed by the model.

An actor *decides* the outcome of a scenario when (1) the forecast with the stated inputs is that
actor's starting position (both ends of a cycling run's range included) and (2) the forecast
stays there when every other actor starts at the low end of the scale, and when every other
actor starts at the high end: no positions the others could take move it.

For a deciding actor :func:`find_decider` then computes, with the model itself (one vectorised
call per question, every candidate a run):

- the smallest factor by which the other actors' capabilities must all be multiplied for the
  forecast to leave the decider's position (a grid of 241 factors from 1 to 10⁶, a ratio of 1.06
  between neighbours, then 64 steps between the last factor that does not and the first that
  does) — with the decider's share of capability before and after;
- the highest salience of the decider at which the forecast leaves its position (201 steps from
  the stated value down to 0).

Each answer is a candidate the model was run on and found to change the outcome; the model need
not be monotone in these inputs, so it is the smallest *on the grid*, which the docs say.

>>> import numpy as np
>>> from ujym.engines.bargaining import ModelOptions
>>> d = find_decider(np.array([80.0, 30.0, 40.0]), np.array([8.0, 1.0, 1.0]),
...                  np.array([0.9, 0.6, 0.6]), ModelOptions(), (0.0, 100.0))
>>> d.actor, d.outcome
(0, 80.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ujym.engines.bargaining.model import run_model
from ujym.engines.bargaining.options import ModelOptions

Array = NDArray[np.float64]
TOLERANCE = 1e-6
"""Forecasts closer than this share of the scale width are the same outcome."""


@dataclass(frozen=True)
class Decider:
    """One actor decides the outcome (see the module); what would change it.

    ``others_at_ends``: the forecast with every other actor at the low end and at the high end.
    ``capability_factor``: the others' capabilities times this change the outcome (``None``: not
    up to 10⁶); ``share_needed``: the decider's share of capability then; ``changed_to``: the
    forecast then. ``salience_needed``: the decider's salience at which the outcome changes
    (``None``: not even at 0); ``salience_changed_to``: the forecast then.
    """

    actor: int
    outcome: float
    others_at_ends: tuple[float, float]
    share: float
    capability_factor: float | None
    share_needed: float | None
    changed_to: float | None
    salience: float
    salience_needed: float | None
    salience_changed_to: float | None


def _outcomes(
    x: Array, c: Array, s: Array, options: ModelOptions, width: float
) -> tuple[Array, Array]:
    """Low and high ends of each run's median forecast."""
    tr = run_model(x, c, s, options, width, history=False)
    return tr.median_range[:, 0], tr.median_range[:, 1]


def _changes(lo: Array, hi: Array, at: float, tol: float) -> NDArray[np.bool_]:
    out: NDArray[np.bool_] = (np.abs(lo - at) > tol) | (np.abs(hi - at) > tol)
    return out


def find_decider(
    x: Array, c: Array, s: Array, options: ModelOptions, scale: tuple[float, float]
) -> Decider | None:
    """The actor who decides the outcome with these inputs, or ``None`` when no single one does.

    ``x``, ``c``, ``s``: the actors' stated positions, capabilities and saliences;
    ``scale``: the ends of the position scale. See the module for the definition and the method.

    Examples
    --------
    >>> import numpy as np
    >>> from ujym.engines.bargaining import ModelOptions
    >>> find_decider(np.array([0.0, 30.0, 70.0, 100.0]), np.array([1.0, 2.0, 2.0, 1.0]),
    ...              np.array([0.9, 0.5, 0.5, 0.9]), ModelOptions(), (0.0, 100.0)) is None
    True
    """
    x, c, s = (np.asarray(v, dtype=np.float64) for v in (x, c, s))
    n = x.size
    width = scale[1] - scale[0]
    tol = TOLERANCE * width
    lo, hi = _outcomes(x, c, s, options, width)
    k = int(np.argmin(np.abs(x - lo[0])))
    if _changes(lo, hi, float(x[k]), tol)[0]:
        return None
    others = np.arange(n) != k
    ends = np.array([np.where(others, scale[0], x), np.where(others, scale[1], x)])
    lo_e, hi_e = _outcomes(ends, c, s, options, width)
    if _changes(lo_e, hi_e, float(x[k]), tol).any():
        return None
    at = float(x[k])

    # the others' capabilities × factor
    def cap_runs(factors: Array) -> tuple[Array, Array]:
        cc = np.where(others, c[None, :] * factors[:, None], c[None, :])
        xx = np.broadcast_to(x, cc.shape)
        ss = np.broadcast_to(s, cc.shape)
        return _outcomes(xx, cc, ss, options, width)

    factor: float | None = None
    changed_to: float | None = None
    grid = np.logspace(0.0, 6.0, 241)
    lo_g, hi_g = cap_runs(grid)
    hit = np.flatnonzero(_changes(lo_g, hi_g, at, tol))
    if hit.size:
        first = int(hit[0])
        below = grid[first - 1] if first else 1.0
        fine = np.linspace(below, grid[first], 65)[1:]
        lo_f, hi_f = cap_runs(fine)
        j = int(np.flatnonzero(_changes(lo_f, hi_f, at, tol))[0])
        factor, changed_to = float(fine[j]), float(lo_f[j])
    share = float(c[k] / c.sum())
    share_needed = None if factor is None else float(c[k] / (c[k] + factor * c[others].sum()))

    # the decider's salience, lowered
    levels = np.linspace(float(s[k]), 0.0, 201)[1:]
    ss = np.broadcast_to(s, (levels.size, n)).copy()
    ss[:, k] = levels
    xx, cc = np.broadcast_to(x, ss.shape), np.broadcast_to(c, ss.shape)
    lo_s, hi_s = _outcomes(xx, cc, ss, options, width)
    hit_s = np.flatnonzero(_changes(lo_s, hi_s, at, tol))
    sal = None if not hit_s.size else float(levels[int(hit_s[0])])
    sal_to = None if not hit_s.size else float(lo_s[int(hit_s[0])])
    return Decider(
        k, at, (float(lo_e[0]), float(lo_e[1])), share, factor, share_needed, changed_to,
        float(s[k]), sal, sal_to,
    )  # fmt: skip


__all__ = ["TOLERANCE", "Decider", "find_decider"]
