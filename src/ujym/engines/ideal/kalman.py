"""Kalman filter and Rauch–Tung–Striebel smoother for many independent Gaussian random walks.

Each state's ideal point follows ``x[t] = x[t-1] + e[t]``, ``e[t] ~ N(0, omega2 * gap[t])``, from
its first observed period, where it starts from ``N(prior_mean, prior_var)``. In the variational
E-step each state-period contributes a Gaussian pseudo-observation with precision ``prec[i, t]``
and precision-weighted mean ``info[i, t]`` (``prec * observation``). All states are filtered and
smoothed at once: the loops run over periods, the arithmetic over states.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


def smooth_random_walks(
    prec: F64,
    info: F64,
    first: I64,
    last: I64,
    gap: F64,
    omega2: float,
    prior_mean: float = 0.0,
    prior_var: float = 1.0,
) -> tuple[F64, F64]:
    """Smoothed means and variances (n_states × n_periods) of the random walks.

    Parameters
    ----------
    prec, info
        Precision and precision-weighted mean of each state-period's pseudo-observation (0 where
        the state did not vote).
    first, last
        Index of each state's first and last period with votes; outside ``[first, last]`` the
        returned moments are the prior (they are not reported).
    gap
        ``gap[t]`` = number of sessions between period ``t-1`` and period ``t`` (``gap[0]`` unused).
    omega2
        Random-walk variance per session.
    """
    n, t_n = prec.shape
    fm = np.empty((n, t_n))
    fv = np.empty((n, t_n))
    pv = np.empty((n, t_n))  # predicted variance, needed by the smoother
    m_prev = np.full(n, prior_mean)
    v_prev = np.full(n, prior_var)
    for t in range(t_n):
        started = t > first
        pm = np.where(started, m_prev, prior_mean)
        pvar = np.where(started, v_prev + omega2 * gap[t], prior_var)
        v = 1.0 / (1.0 / pvar + prec[:, t])
        m = v * (pm / pvar + info[:, t])
        fm[:, t] = m
        fv[:, t] = v
        pv[:, t] = pvar
        m_prev, v_prev = m, v
    sm = fm.copy()
    sv = fv.copy()
    for t in range(t_n - 2, -1, -1):
        active = (t >= first) & (t < last)
        if not active.any():
            continue
        j = fv[:, t] / pv[:, t + 1]
        new_m = fm[:, t] + j * (sm[:, t + 1] - fm[:, t])
        new_v = fv[:, t] + j * j * (sv[:, t + 1] - pv[:, t + 1])
        sm[:, t] = np.where(active, new_m, sm[:, t])
        sv[:, t] = np.where(active, new_v, sv[:, t])
    return sm, sv
