"""Variational EM for the dynamic ordinal (yes / abstain / no) ideal-point model.

Model (one dimension; ``i`` state, ``t`` session, ``j`` roll call, ``g(j)`` its bridged item)::

    z_ij  = alpha_g + beta_g * x_it + e_ij,      e_ij ~ N(0, 1 / tau_g)
    y_ij  = no if z_ij < 0,  abstain if 0 <= z_ij < 1,  yes if z_ij >= 1      (ordinal items)
    y_ij  = no if z_ij < 0,  yes if z_ij >= 0,  tau_g = 1                     (items with no abstention)
    x_i,first ~ N(0, prior_var),   x_it = x_i,t-1 + N(0, omega2 * sessions elapsed)

This is the ordered probit of Bailey, Strezhnev & Voeten (2017) with item-specific cutpoints,
written as in Imai, Lo & Olmsted (2016, ordIRT): dividing the latent utility by the width of the
abstention band fixes the cutpoints at 0 and 1 and moves the width into an item-specific error
precision ``tau_g``. Items without abstentions are binary probit items.

Estimation is mean-field variational EM: ``q(z) q(x)`` with ``q(z_ij)`` truncated normal and
``q(x_i.)`` a Gaussian random walk per state (exact, by Kalman filtering and RTS smoothing), and
MAP point estimates of the item parameters (conjugate priors ``alpha, beta ~ N(0, v / tau)``,
``tau ~ Gamma(shape, rate)``). After each x-step the scale is re-identified by an affine map of
all ideal points (pooled mean 0, standard deviation 1 over the state-sessions with votes, as in
the published estimates) with the compensating map of the item parameters, and the sign is fixed
so that the anchor state (the United States) is positive. The map leaves the likelihood unchanged,
so it is a parameter-expansion step; it also speeds convergence. Iteration stops when no reported
ideal point moved by more than ``tol`` (in these standard-deviation units) in one iteration.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ujym.engines.ideal.data import ABSTAIN, NO, YES, IdealData
from ujym.engines.ideal.kalman import smooth_random_walks
from ujym.engines.ideal.truncnorm import truncated_moments_grouped

F64 = npt.NDArray[np.float64]

#: States whose mean ideal point is made positive, tried in order: United States, United
#: Kingdom, Israel, Canada (the published estimates place all four on the right).
DEFAULT_ANCHORS: tuple[int, ...] = (2, 200, 666, 20)

ProgressFn = Callable[[int, int, float], None]


@dataclass(frozen=True)
class IdealSettings:
    """Priors and stopping rule of the estimator (defaults documented in docs/ideal_points.md)."""

    omega2: float = 0.25
    prior_var: float = 1.0
    alpha_var: float = 25.0
    beta_var: float = 1.0
    tau_shape: float = 2.0
    tau_rate: float = 2.0
    tol: float = 1e-4
    max_iter: int = 2000
    init_power_iter: int = 30
    anchors: tuple[int, ...] = DEFAULT_ANCHORS

    def __post_init__(self) -> None:
        for name in ("omega2", "prior_var", "alpha_var", "beta_var", "tau_shape", "tau_rate"):
            if not getattr(self, name) > 0:
                raise ValueError(f"IdealSettings.{name} must be positive")
        if not (self.tol > 0 and self.max_iter >= 1):
            raise ValueError("IdealSettings: tol must be positive and max_iter at least 1")


@dataclass(frozen=True)
class IdealFit:
    """Result of one run: ideal points and their variational posterior SDs per state-period."""

    data: IdealData
    mean: F64  # n_states × n_periods (prior values outside a state's observed span)
    sd: F64
    counts: npt.NDArray[np.int64]
    alpha: F64
    beta: F64
    tau: F64
    iterations: int
    converged: bool
    last_change: float
    anchor: int | None
    seconds: float
    history: list[float] = field(default_factory=list)


class _Obs:
    """Per-vote arrays reused in every iteration, sorted by the kind of truncation interval."""

    def __init__(self, d: IdealData, item_ordinal: npt.NDArray[np.bool_]) -> None:
        y = d.obs_y
        ordinal = item_ordinal[d.obs_item]
        lo = np.where(y == NO, -np.inf, np.where(y == ABSTAIN, 0.0, np.where(ordinal, 1.0, 0.0)))
        hi = np.where(y == NO, 0.0, np.where(y == ABSTAIN, 1.0, np.inf))
        kind = np.where(y == YES, 0, np.where(y == NO, 1, 2))
        order = np.argsort(kind, kind="stable")
        self.n_upper = int(np.sum(kind == 0))
        self.n_lower = int(np.sum(kind == 1))
        self.s = d.obs_state[order]
        self.t = d.obs_period[order]
        self.g = d.obs_item[order]
        self.cell = self.s * d.n_periods + self.t
        self.lo = lo[order]
        self.hi = hi[order]
        self.n_cells = d.n_states * d.n_periods
        self.n_items = d.n_items
        self.n_per_item = np.bincount(self.g, minlength=self.n_items).astype(float)

    def moments(self, mu: F64, sd: F64) -> tuple[F64, F64]:
        return truncated_moments_grouped(mu, sd, self.lo, self.hi, self.n_upper, self.n_lower)


def _first_last(
    counts: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    has = counts > 0
    t_n = counts.shape[1]
    first = np.argmax(has, axis=1).astype(np.int64)
    last = (t_n - 1 - np.argmax(has[:, ::-1], axis=1)).astype(np.int64)
    return first, last


def _anchor_row(
    d: IdealData, counts: npt.NDArray[np.int64], anchors: tuple[int, ...]
) -> int | None:
    for code in anchors:
        hit = np.nonzero(d.ccodes == code)[0]
        if len(hit) and counts[hit[0]].sum() > 0:
            return int(hit[0])
    return None


def _initial_positions(
    d: IdealData,
    o: _Obs,
    counts: npt.NDArray[np.int64],
    anchor: int | None,
    rng: np.random.Generator,
    n_iter: int,
) -> F64:
    """Per-session leading singular vector of the centred votes (block power iteration)."""
    val = np.where(np.isposinf(o.hi), 1.0, np.where(np.isneginf(o.lo), -1.0, 0.0))
    item_mean = np.bincount(o.g, weights=val, minlength=o.n_items) / np.maximum(o.n_per_item, 1)
    val = val - item_mean[o.g]
    mat = sp.csr_matrix((val, (o.cell, o.g)), shape=(o.n_cells, o.n_items))
    observed = (counts > 0).ravel()
    period_of_cell = np.tile(np.arange(d.n_periods), d.n_states)
    u = rng.standard_normal(o.n_cells) * observed
    for _ in range(n_iter):
        u = mat @ (mat.T @ u)
        norm = np.sqrt(np.bincount(period_of_cell, weights=u * u, minlength=d.n_periods))
        u = u / np.where(norm > 0, norm, 1.0)[period_of_cell]
    x = u.reshape(d.n_states, d.n_periods)
    has = counts > 0
    # Standardise each session and fix its sign: agree with the session before when enough states
    # vote in both and the two cross-sections are clearly related, else the anchor positive. (The
    # anchor alone flips sessions in which it sits near the middle; the EM cannot undo a flip.)
    for t in range(d.n_periods):
        col = has[:, t]
        if col.sum() < 2:
            x[:, t] = 0.0
            continue
        v = x[col, t]
        sdv = v.std()
        x[:, t] = (x[:, t] - v.mean()) / (sdv if sdv > 0 else 1.0)
        sign = 1.0
        both = col & has[:, t - 1] if t > 0 else np.zeros_like(col)
        r = float(np.mean(x[both, t] * x[both, t - 1])) if both.sum() >= 5 else 0.0
        if abs(r) > 0.2:
            sign = 1.0 if r > 0 else -1.0
        elif anchor is not None and has[anchor, t]:
            sign = 1.0 if x[anchor, t] >= 0 else -1.0
        x[:, t] *= sign
    if anchor is not None and has[anchor].any() and x[anchor, has[anchor]].mean() < 0:
        x = -x
    return np.where(has, x, 0.0)


def _item_step(
    o: _Obs, ez: F64, vz: F64, ex: F64, vx: F64, ordinal: npt.NDArray[np.bool_], st: IdealSettings
) -> tuple[F64, F64, F64]:
    k = o.n_items
    n = o.n_per_item
    sx = np.bincount(o.g, weights=ex, minlength=k)
    sxx = np.bincount(o.g, weights=ex * ex + vx, minlength=k)
    sz = np.bincount(o.g, weights=ez, minlength=k)
    szx = np.bincount(o.g, weights=ez * ex, minlength=k)
    a11 = n + 1.0 / st.alpha_var
    a22 = sxx + 1.0 / st.beta_var
    det = a11 * a22 - sx * sx
    alpha = (a22 * sz - sx * szx) / det
    beta = (a11 * szx - sx * sz) / det
    resid = ez - alpha[o.g] - beta[o.g] * ex
    ss = np.bincount(o.g, weights=resid * resid + vz + beta[o.g] ** 2 * vx, minlength=k)
    ss = ss + alpha**2 / st.alpha_var + beta**2 / st.beta_var
    tau = (st.tau_shape - 1.0 + (n + 2.0) / 2.0) / (st.tau_rate + ss / 2.0)
    tau = np.where(ordinal, np.clip(tau, 1e-2, 1e2), 1.0)
    return alpha, beta, tau


class _Map:
    """One variational EM sweep as a fixed-point map of (ideal points, item parameters)."""

    def __init__(
        self,
        d: IdealData,
        st: IdealSettings,
        o: _Obs,
        counts: npt.NDArray[np.int64],
        anchor: int | None,
    ) -> None:
        self.d, self.st, self.o, self.anchor = d, st, o, anchor
        self.has = counts > 0
        self.first, self.last = _first_last(counts)
        self.ordinal = np.asarray(d.item_ordinal, dtype=bool)
        self.shape = counts.shape
        self.k = o.n_items

    def pack(self, x: F64, alpha: F64, beta: F64, tau: F64) -> F64:
        return np.concatenate([x[self.has], alpha, beta, np.log(tau)])

    def unpack(self, theta: F64) -> tuple[F64, F64, F64, F64]:
        n = int(self.has.sum())
        k = self.k
        x = np.zeros(self.shape)
        x[self.has] = theta[:n]
        alpha = theta[n : n + k]
        beta = theta[n + k : n + 2 * k]
        tau = np.where(
            self.ordinal, np.exp(np.clip(theta[n + 2 * k :], np.log(1e-2), np.log(1e2))), 1.0
        )
        return x, alpha, beta, tau

    def __call__(self, theta: F64) -> tuple[F64, F64, F64]:
        """Returns the new parameter vector, the smoothed means and variances of all cells."""
        o, st = self.o, self.st
        x, alpha, beta, tau = self.unpack(theta)
        ex = x.ravel()[o.cell]
        ag, bg, tg = alpha[o.g], beta[o.g], tau[o.g]
        ez, vz = o.moments(ag + bg * ex, 1.0 / np.sqrt(tg))

        # x-step: Gaussian pseudo-observations per state-session, then Kalman smoothing.
        w = tg * bg
        prec = np.bincount(o.cell, weights=w * bg, minlength=o.n_cells).astype(np.float64)
        info = np.bincount(o.cell, weights=w * (ez - ag), minlength=o.n_cells).astype(np.float64)
        xm, xv = smooth_random_walks(
            prec.reshape(self.shape),
            info.reshape(self.shape),
            self.first,
            self.last,
            self.d.gap,
            st.omega2,
            0.0,
            st.prior_var,
        )

        # Identification (parameter expansion): pooled mean 0, SD 1; anchor positive.
        obs_x = xm[self.has]
        loc = float(obs_x.mean())
        scale = float(obs_x.std()) or 1.0
        sign = 1.0
        a = self.anchor
        if a is not None and xm[a, self.has[a]].mean() < loc:
            sign = -1.0
        xm = sign * (xm - loc) / scale
        xv = xv / scale**2
        alpha = alpha + beta * loc
        beta = beta * scale * sign

        alpha, beta, tau = _item_step(
            o, ez, vz, xm.ravel()[o.cell], xv.ravel()[o.cell], self.ordinal, st
        )
        return self.pack(xm, alpha, beta, tau), xm, xv


def fit(
    d: IdealData,
    settings: IdealSettings | None = None,
    *,
    seed: int | np.random.Generator = 0,
    progress: ProgressFn | None = None,
    start: IdealFit | None = None,
) -> IdealFit:
    """Run variational EM on prepared data (see the module docstring for the model).

    ``start`` warm-starts from an earlier fit of data with the same states, periods and items
    (used by the parametric bootstrap); otherwise the starting values come from a seeded
    per-session power iteration on the centred votes.

    The EM map is accelerated with SQUAREM (Varadhan & Roland 2008, scheme S3): two EM sweeps
    give a secant step length, the parameters are extrapolated along it, and one more sweep
    from the extrapolated point both stabilises the step and gives the next iterate. Steps are
    bounded and fall back to plain EM when an extrapolation produces non-finite values.
    """
    st = settings or IdealSettings()
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    t0 = time.perf_counter()
    o = _Obs(d, np.asarray(d.item_ordinal, dtype=bool))
    counts = d.counts()
    anchor = _anchor_row(d, counts, st.anchors)
    em = _Map(d, st, o, counts, anchor)
    has = em.has

    if start is not None:
        x0 = start.mean
        theta = em.pack(x0, start.alpha, start.beta, start.tau)
    else:
        x0 = _initial_positions(d, o, counts, anchor, rng, st.init_power_iter)
        ez, vz = o.moments(np.zeros(len(o.g)), np.ones(len(o.g)))
        ex0 = x0.ravel()[o.cell]
        alpha, beta, _ = _item_step(o, ez, vz, ex0, np.zeros_like(ex0), em.ordinal & False, st)
        theta = em.pack(x0, alpha, beta, np.ones(o.n_items))
    n_x = int(has.sum())

    history: list[float] = []
    converged = False
    change = np.inf
    sweeps = 0
    step_max = 4.0
    xm = x0
    xv = np.zeros_like(x0)

    def sweep(th: F64) -> tuple[F64, F64, F64]:
        nonlocal sweeps
        sweeps += 1
        return em(th)

    while sweeps < st.max_iter:
        th1, _, _ = sweep(theta)
        r = th1 - theta
        change = float(np.max(np.abs(r[:n_x])))
        if change < st.tol:
            theta = th1
            th_final, xm, xv = sweep(theta)
            change = float(np.max(np.abs(th_final[:n_x] - theta[:n_x])))
            theta = th_final
            history.append(change)
            converged = change < st.tol * 10
            break
        th2, _, _ = sweep(th1)
        v = (th2 - th1) - r
        nv = float(np.sqrt(np.dot(v, v)))
        step = -float(np.sqrt(np.dot(r, r))) / nv if nv > 0 else -1.0
        step = max(min(step, -1.0), -step_max)
        th_ext = theta - 2.0 * step * r + step * step * v
        if not np.all(np.isfinite(th_ext)):
            th_ext, step = th2, -1.0
        th_new, xm, xv = sweep(th_ext)
        if not np.all(np.isfinite(th_new)):
            th_new, xm, xv = sweep(th2)
        if step == -step_max:
            step_max *= 4.0
        theta = th_new
        history.append(change)
        if progress is not None:
            progress(min(sweeps, st.max_iter), st.max_iter, change)

    _x, alpha, beta, tau = em.unpack(theta)
    return IdealFit(
        data=d,
        mean=xm,
        sd=np.sqrt(xv),
        counts=counts,
        alpha=alpha,
        beta=beta,
        tau=tau,
        iterations=sweeps,
        converged=converged,
        last_change=change,
        anchor=int(d.ccodes[anchor]) if anchor is not None else None,
        seconds=time.perf_counter() - t0,
        history=history,
    )
