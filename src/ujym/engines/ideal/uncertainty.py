"""Calibrated uncertainty of the ideal points: a corrected posterior variance.

The mean-field posterior ``q(x)`` of :func:`ujym.engines.ideal.vem.fit` is far too confident: in
simulations from the model its 95 % intervals cover the true position about two times in three
(docs/ideal_points.md, "Uncertainty"). Three things are missing, and this module adds each one
as a variance term, evaluated once at the converged fit:

``conditional``
    The variance of each state's path *given* the item parameters, from the observed
    information of the votes (Louis 1982) instead of the complete-data precision that the
    factorisation ``q(z) q(x)`` uses: a vote is censored information about the latent utility,
    worth ``tau * beta^2 * (1 - tau * Var(z | vote))`` rather than ``tau * beta^2``.
``items``
    The item parameters are estimated too. Their uncertainty (the inverse of each roll call's
    2 × 2 information for its intercept and discrimination) is carried to the ideal points by the
    delta method through the smoothed path of each state.
``common``
    Shifting or stretching every position of one session, with the opposite change to that
    session's item intercepts and discriminations, leaves the votes' likelihood unchanged. Only
    the priors (the random walk of each state, the prior on first positions and on the item
    parameters) and the roll calls bridged to other sessions say where a session sits and how
    wide it is. The variance of that per-session location and scale, under the pooled
    standardisation (mean 0, SD 1), is added to every state of the session.

The sum is the variance of a Laplace-type approximation to the joint posterior of positions and
item parameters. ``tests/engines/test_ideal_calibration.py`` and
``benchmarks/ideal_calibration.py`` check that intervals built from it cover the truth at their
nominal rate on data simulated from the model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ujym.engines.ideal.data import IdealData
from ujym.engines.ideal.vem import IdealFit, IdealSettings, _first_last, _Obs

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Variance:
    """Posterior variance of every state-period, by source (n_states × n_periods each)."""

    conditional: F64
    items: F64
    common: F64

    @property
    def total(self) -> F64:
        """The total variance: conditional, items and common parts added."""
        out: F64 = self.conditional + self.items + self.common
        return out


def _vote_terms(d: IdealData, f: IdealFit) -> tuple[_Obs, F64, F64, F64]:
    """Per vote: position, score and observed information of the latent mean ``alpha + beta x``."""
    o = _Obs(d, np.asarray(d.item_ordinal, dtype=bool))
    ex = f.mean.ravel()[o.cell]
    tau = f.tau[o.g]
    mu = f.alpha[o.g] + f.beta[o.g] * ex
    ez, vz = o.moments(mu, 1.0 / np.sqrt(tau))
    score = tau * (ez - mu)
    info = np.clip(tau * (1.0 - tau * vz), 0.0, None)
    return o, ex, score, info


def path_covariance(
    prec: F64,
    first: npt.NDArray[np.int64],
    last: npt.NDArray[np.int64],
    gap: F64,
    st: IdealSettings,
) -> F64:
    """Posterior covariance of each state's path (n_states × n_periods × n_periods).

    The path of state ``i`` has the tridiagonal precision of its random walk plus the diagonal
    ``prec[i]`` of its votes; periods outside ``[first, last]`` get the identity (not reported).
    """
    n, t_n = prec.shape
    t = np.arange(t_n)
    inside = (t[None, :] >= first[:, None]) & (t[None, :] <= last[:, None])
    link = (t[None, :] > first[:, None]) & (t[None, :] <= last[:, None])  # x[t-1] -- x[t]
    q = np.zeros(t_n)
    q[1:] = 1.0 / (st.omega2 * gap[1:])
    diag = np.where(inside, prec, 1.0)
    diag[np.arange(n), first] += 1.0 / st.prior_var
    lq = link * q[None, :]
    diag += lq
    diag[:, :-1] += lq[:, 1:]
    p = np.zeros((n, t_n, t_n))
    p[:, t, t] = diag
    p[:, t[1:], t[:-1]] = -lq[:, 1:]
    p[:, t[:-1], t[1:]] = -lq[:, 1:]
    cov: F64 = np.asarray(np.linalg.inv(p), dtype=np.float64)
    return cov


def _item_period(o: _Obs, n_items: int) -> npt.NDArray[np.int64]:
    """The first period in which each item was voted on."""
    per = np.full(n_items, np.iinfo(np.int64).max)
    np.minimum.at(per, o.g, o.t)
    return per


def _add_outer(h: F64, idx: npt.NDArray[np.int64], val: F64, weight: F64) -> None:
    """``h += sum_k weight[k] * u_k u_k'`` with ``u_k`` given by its nonzero entries."""
    for p in range(idx.shape[1]):
        for r in range(idx.shape[1]):
            np.add.at(h, (idx[:, p], idx[:, r]), weight * val[:, p] * val[:, r])


def common_mode_covariance(
    d: IdealData,
    f: IdealFit,
    st: IdealSettings,
    o: _Obs,
    ex: F64,
    info: F64,
    prec: F64,
) -> F64:
    """Covariance (2T × 2T) of the per-session location ``a_t`` and scale ``b_t`` of the positions.

    ``x_it -> x_it + a_t + b_t x_it`` with the compensating change of the items of session ``t``
    leaves the likelihood of unbridged roll calls unchanged; the curvature along these directions
    comes from the random walk (each state's increment, with the noise of its two estimates), the
    prior on first positions, the priors on the item parameters and the bridged roll calls. The
    pooled standardisation removes one overall location and scale.
    """
    n, t_n = f.mean.shape
    x = f.mean
    first, last = _first_last(f.counts)
    h = np.zeros((2 * t_n, 2 * t_n))

    # Random walk: the increment of each state between periods t-1 and t.
    noise = np.where(prec > 0, 1.0 / np.where(prec > 0, prec, 1.0), 0.0)
    ii, tt = np.nonzero(
        (np.arange(t_n)[None, :] > first[:, None]) & (np.arange(t_n)[None, :] <= last[:, None])
    )
    var = st.omega2 * d.gap[tt] + noise[ii, tt] + noise[ii, tt - 1]
    idx = np.stack([tt, tt - 1, t_n + tt, t_n + tt - 1], axis=1)
    val = np.stack([np.ones(len(tt)), -np.ones(len(tt)), x[ii, tt], -x[ii, tt - 1]], axis=1)
    _add_outer(h, idx, val, 1.0 / var)

    # Prior on each state's first position.
    rows = np.arange(n)
    idx = np.stack([first, t_n + first], axis=1)
    val = np.stack([np.ones(n), x[rows, first]], axis=1)
    _add_outer(h, idx, val, np.full(n, 1.0 / st.prior_var))

    # Priors on the item parameters (alpha ~ N(0, v_a / tau), beta ~ N(0, v_b / tau)), seen
    # through the compensating change alpha' = alpha - beta a / (1 + b), beta' = beta / (1 + b).
    k = len(f.beta)
    tj = _item_period(o, k)
    tb2 = f.tau * f.beta**2
    np.add.at(h, (tj, tj), tb2 / st.alpha_var)
    np.add.at(h, (t_n + tj, t_n + tj), 3.0 * tb2 / st.beta_var)
    cross = f.tau * f.alpha * f.beta / st.alpha_var
    np.add.at(h, (tj, t_n + tj), cross)
    np.add.at(h, (t_n + tj, tj), cross)

    # Bridged roll calls: one item voted on in several periods cannot follow every period's shift.
    key = o.g * t_n + o.t
    periods_of_item = np.bincount(np.unique(key) // t_n, minlength=k)
    for j in np.nonzero(periods_of_item > 1)[0]:
        sel = o.g == j
        ts = o.t[sel]
        w, xs = info[sel], ex[sel]
        per = np.unique(ts)
        s0 = np.bincount(ts, weights=w, minlength=t_n)[per]
        s1 = np.bincount(ts, weights=w * xs, minlength=t_n)[per]
        s2 = np.bincount(ts, weights=w * xs * xs, minlength=t_n)[per]
        b2 = f.beta[j] ** 2
        m = len(per)
        ix = np.concatenate([per, t_n + per])
        a_blk = np.zeros((2 * m, 2 * m))
        a_blk[np.arange(m), np.arange(m)] = b2 * s0
        a_blk[np.arange(m), m + np.arange(m)] = b2 * s1
        a_blk[m + np.arange(m), np.arange(m)] = b2 * s1
        a_blk[m + np.arange(m), m + np.arange(m)] = b2 * s2
        b_blk = f.beta[j] * np.concatenate([np.stack([s0, s1], axis=1), np.stack([s1, s2], axis=1)])
        c = np.array([[s0.sum(), s1.sum()], [s1.sum(), s2.sum()]])
        if np.linalg.det(c) <= 0:
            continue
        h[np.ix_(ix, ix)] += a_blk - b_blk @ np.linalg.solve(c, b_blk.T)

    # Pooled standardisation: sum of a_t + b_t x over the estimated cells and of x (a_t + b_t x)
    # stay 0. Invert on the complement of these two directions.
    has = f.counts > 0
    n_t = has.sum(axis=0).astype(float)
    s_x = np.where(has, x, 0.0).sum(axis=0)
    s_xx = np.where(has, x * x, 0.0).sum(axis=0)
    constraints = np.vstack([np.r_[n_t, s_x], np.r_[s_x, s_xx]])
    _, _, vt = np.linalg.svd(constraints)
    z = vt[2:].T
    hz = z.T @ h @ z
    hz += 1e-10 * np.trace(hz) / len(hz) * np.eye(len(hz))
    cov: F64 = z @ np.linalg.solve(hz, z.T)
    return cov


def corrected_variance(
    d: IdealData, f: IdealFit, settings: IdealSettings | None = None
) -> Variance:
    """Posterior variance of every state-period with the three corrections of the module doc.

    Examples
    --------
    >>> from ujym.engines.ideal import fit, prepare
    >>> from ujym.engines.ideal.uncertainty import corrected_variance
    >>> v = corrected_variance(data, fit(data))                          # doctest: +SKIP
    >>> se = np.sqrt(v.total)                                            # doctest: +SKIP
    """
    st = settings or IdealSettings()
    o, ex, score, info = _vote_terms(d, f)
    beta = f.beta[o.g]
    shape = f.mean.shape
    prec: F64 = (
        np.bincount(o.cell, weights=beta * beta * info, minlength=o.n_cells)
        .astype(np.float64)
        .reshape(shape)
    )
    first, last = _first_last(f.counts)
    cov = path_covariance(prec, first, last, d.gap, st)
    conditional = np.diagonal(cov, axis1=1, axis2=2).copy()

    # Delta method for the item parameters (alpha, beta) of every roll call.
    k = len(f.beta)
    i11 = np.bincount(o.g, weights=info, minlength=k) + f.tau / st.alpha_var
    i12 = np.bincount(o.g, weights=info * ex, minlength=k)
    i22 = np.bincount(o.g, weights=info * ex * ex, minlength=k) + f.tau / st.beta_var
    det = i11 * i22 - i12 * i12
    c1 = -beta * info  # d2 loglik / dx dalpha
    c2 = score - beta * info * ex  # d2 loglik / dx dbeta
    g = o.g
    w = (c1 * c1 * i22[g] - 2.0 * c1 * c2 * i12[g] + c2 * c2 * i11[g]) / det[g]
    w_cell = np.bincount(o.cell, weights=w, minlength=o.n_cells).reshape(shape)
    items = np.einsum("its,is->it", cov * cov, w_cell)

    cm = common_mode_covariance(d, f, st, o, ex, info, prec)
    t_n = shape[1]
    va = np.diag(cm)[:t_n]
    vb = np.diag(cm)[t_n:]
    cab = np.diag(cm[:t_n, t_n:])
    x = f.mean
    common = np.clip(va[None, :] + x * x * vb[None, :] + 2.0 * x * cab[None, :], 0.0, None)
    return Variance(conditional=conditional, items=items, common=common)


def session_mean_sd(d: IdealData, f: IdealFit, settings: IdealSettings | None = None) -> F64:
    """SD of each period's mean position due to the per-session location and scale: how well the
    votes and priors place a session as a whole (docs/ideal_points.md, "Session paths").

    Returns one value per period (``d.periods``), on the fit's scale.
    """
    st = settings or IdealSettings()
    o, ex, _score, info = _vote_terms(d, f)
    beta = f.beta[o.g]
    prec: F64 = np.bincount(o.cell, weights=beta * beta * info, minlength=o.n_cells).astype(
        np.float64
    )
    cm = common_mode_covariance(d, f, st, o, ex, info, prec.reshape(f.mean.shape))
    has = f.counts > 0
    mean = np.where(has, f.mean, 0.0).sum(axis=0) / np.maximum(has.sum(axis=0), 1)
    t_n = len(mean)
    var = np.diag(cm)[:t_n] + mean**2 * np.diag(cm)[t_n:] + 2.0 * mean * np.diag(cm[:t_n, t_n:])
    out: F64 = np.sqrt(np.clip(var, 0.0, None))
    return out


__all__ = [
    "Variance",
    "common_mode_covariance",
    "corrected_variance",
    "path_covariance",
    "session_mean_sd",
]
