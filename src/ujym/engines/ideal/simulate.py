"""Vote panels simulated from the ideal-point model, with known positions: for calibration checks.

Each state's position follows the model's random walk (first position ``N(entrant_mean,
prior_var)``, increments ``N(0, omega2)`` per session) plus an optional *common* path ``drift``
shared by every member (a shift of the whole assembly that the votes of one session cannot see).
States can join later (``founders`` vote from the first session, the others from a session drawn
at random), as the UN grew from 51 to 193 members. Roll calls are ordered-probit items (yes /
abstain / no with item-specific cutpoints); a share of each session's roll calls can be voted again
in the next session with the same item parameters, returned as bridging pairs.

State 0 (COW code 2, the anchor of :func:`ujym.engines.ideal.vem.fit`) is a founder that starts at
+2, so that the sign of the scale is identified as in the real record.

>>> from ujym.engines.ideal.simulate import simulate_panel
>>> panel = simulate_panel(n_states=20, n_sessions=3, items_per_session=10, seed=1)
>>> panel.votes.votes.shape, panel.truth.shape
((20, 30), (20, 3))
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ujym.core.votes import Vote, VoteMatrix

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Panel:
    """Simulated votes and the positions that generated them."""

    votes: VoteMatrix
    truth: F64  # n_states × n_sessions, NaN before a state joins
    bridges: npt.NDArray[np.int64]  # (k, 2) rcid pairs of roll calls voted again
    drift: F64  # the common path added to every member, one value per session


def simulate_panel(
    n_states: int = 60,
    n_sessions: int = 12,
    items_per_session: int = 40,
    *,
    omega2: float = 0.25,
    prior_var: float = 1.0,
    founders: int | None = None,
    entrant_mean: float = 0.0,
    drift: npt.ArrayLike | None = None,
    bridge_share: float = 0.0,
    abstain_share: float = 0.6,
    seed: int = 0,
) -> Panel:
    """Votes of ``n_states`` states on ``items_per_session`` roll calls in each of ``n_sessions``.

    Parameters
    ----------
    omega2, prior_var
        Random-walk variance per session and variance of first positions (the model's priors).
    founders
        States voting from the first session (default: all); the others join at a session drawn
        uniformly from the second to the last.
    entrant_mean
        Mean of the first position of states that join later (founders: 0).
    drift
        Common path added to every member's position, one value per session (default zeros).
    bridge_share
        Share of each session's roll calls voted again in the next session (same parameters).
    """
    rng = np.random.default_rng(seed)
    n_found = n_states if founders is None else max(1, min(founders, n_states))
    join = np.zeros(n_states, dtype=np.int64)
    if n_found < n_states and n_sessions > 1:
        join[n_found:] = rng.integers(1, n_sessions, n_states - n_found)
    common = np.zeros(n_sessions) if drift is None else np.asarray(drift, dtype=float)
    if common.shape != (n_sessions,):
        raise ValueError("drift needs one value per session")

    own = np.empty((n_states, n_sessions))
    own[:, 0] = rng.normal(0.0, np.sqrt(prior_var), n_states)
    own[0, 0] = 2.0
    steps = rng.normal(0.0, np.sqrt(omega2), (n_states, n_sessions))
    for t in range(1, n_sessions):
        own[:, t] = own[:, t - 1] + steps[:, t]
    # A state that joins at session s starts there from its own first draw (+ entrant_mean).
    for i in np.nonzero(join > 0)[0]:
        s = join[i]
        own[i, s:] = own[i, s:] - own[i, s] + own[i, 0] + entrant_mean
    truth = own + common[None, :]
    member = np.arange(n_sessions)[None, :] >= join[:, None]
    truth = np.where(member, truth, np.nan)

    k = n_sessions * items_per_session
    session = np.repeat(np.arange(n_sessions), items_per_session)
    beta = rng.choice([-1.0, 1.0], k) * rng.uniform(0.5, 2.0, k)
    cut = rng.normal(0.0, 1.0, k)
    width = np.where(rng.random(k) < abstain_share, rng.uniform(0.3, 1.2, k), 0.0)
    # Bridged roll calls: copies of a share of the previous session's items.
    n_copy = round(bridge_share * items_per_session) if n_sessions > 1 else 0
    pairs: list[tuple[int, int]] = []
    for t in range(1, n_sessions):
        src = rng.choice(
            np.arange((t - 1) * items_per_session, t * items_per_session), n_copy, False
        )
        dst = np.arange(t * items_per_session, t * items_per_session + n_copy)
        beta[dst], cut[dst], width[dst] = beta[src], cut[src], width[src]
        pairs.extend((int(a) + 1, int(b) + 1) for a, b in zip(src, dst, strict=True))

    x = np.nan_to_num(truth[:, session])
    z = beta * x + rng.standard_normal((n_states, k))
    votes = np.where(z < cut, Vote.NO, np.where(z < cut + width, Vote.ABSTAIN, Vote.YES))
    votes = np.where(member[:, session], votes, Vote.NOT_MEMBER).astype(np.int8)
    ccodes = np.array([2, *range(100, 100 + n_states - 1)], dtype=np.int16)
    vm = VoteMatrix(
        ccodes=ccodes,
        rcids=np.arange(1, k + 1, dtype=np.int32),
        votes=votes,
        session=(session + 1).astype(np.int16),
        year=(1946 + session).astype(np.int16),
        important=np.zeros(k, dtype=bool),
    )
    return Panel(
        votes=vm,
        truth=truth,
        bridges=np.array(pairs, dtype=np.int64).reshape(-1, 2),
        drift=common,
    )


def truth_on_fitted_scale(truth: F64, counts: npt.NDArray[np.int64], fitted: F64) -> F64:
    """The true positions in the frame of a fit: pooled mean 0 and SD 1 over the estimated cells,
    sign agreeing with the fit (rows and columns as the fit's, i.e. states and sessions).
    """
    has = counts > 0
    obs = truth[has]
    out: F64 = np.asarray((truth - obs.mean()) / obs.std(), dtype=np.float64)
    if np.dot(out[has], fitted[has]) < 0:
        out = -out
    return out


__all__ = ["Panel", "simulate_panel", "truth_on_fitted_scale"]
