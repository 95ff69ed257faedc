"""Where does a whole session sit? Simulated panels with known drift and membership growth.

Pins the decision of docs/ideal_points.md, "Session paths": the votes of a session cannot tell a
shift of every member from a shift of the roll calls, so ujym places each session by its random
walk (no common drift) and by bridged roll calls. A drift of the whole assembly is therefore not
recovered without bridges, recovered in shape but attenuated with many bridges, and the session
means that membership growth moves stay inside their corrected 95 % intervals. The longer
version is ``benchmarks/ideal_paths.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from ujym.engines.ideal import IdealSettings, fit, prepare
from ujym.engines.ideal.simulate import simulate_panel, truth_on_fitted_scale
from ujym.engines.ideal.uncertainty import session_mean_sd

PRIORS = IdealSettings(prior_var=0.7, omega2=0.05)
N_STATES, N_SESSIONS, ITEMS = 60, 20, 40
HALF = N_SESSIONS // 2
#: Every member moves left by 0.08 a session over the first half, then stays.
DRIFT = np.r_[-0.08 * np.arange(HALF), np.full(N_SESSIONS - HALF, -0.08 * (HALF - 1))]


def _session_means(seed: int, **design: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fitted and true session means (fit's scale) and the SD of each fitted session mean."""
    panel = simulate_panel(
        N_STATES,
        N_SESSIONS,
        ITEMS,
        prior_var=PRIORS.prior_var,
        omega2=PRIORS.omega2,
        founders=N_STATES // 3,
        entrant_mean=-0.5,
        seed=seed,
        **design,  # type: ignore[arg-type]
    )
    data = prepare(panel.votes, panel.bridges if len(panel.bridges) else None)
    f = fit(data, PRIORS, seed=seed)
    rows = np.searchsorted(panel.votes.ccodes, data.ccodes)
    truth = np.nan_to_num(panel.truth[rows][:, np.asarray(data.periods) - 1])
    has = f.counts > 0
    true = truth_on_fitted_scale(truth, f.counts, f.mean)
    n_t = has.sum(axis=0)
    fitted_mean = np.where(has, f.mean, 0.0).sum(axis=0) / n_t
    true_mean = np.where(has, true, 0.0).sum(axis=0) / n_t
    return fitted_mean, true_mean, session_mean_sd(data, f, PRIORS)


def _drift_share(fitted: np.ndarray, true: np.ndarray) -> float:
    """Share of the true move of the session mean over the drifting half that the fit shows."""
    return float((fitted[HALF - 1] - fitted[0]) / (true[HALF - 1] - true[0]))


@pytest.mark.parametrize("seed", [12, 13])
def test_membership_growth_moves_session_means_within_their_intervals(seed: int) -> None:
    fitted, true, sd = _session_means(seed)
    assert np.mean(np.abs(fitted - true) <= 1.96 * sd) >= 0.9
    assert np.max(np.abs(fitted - true)) < 0.25


@pytest.mark.parametrize("seed", [12, 13])
def test_a_drift_of_the_whole_assembly_is_not_seen_without_bridges(seed: int) -> None:
    fitted, true, _ = _session_means(seed, drift=DRIFT)
    assert true[HALF - 1] - true[0] < -0.8
    assert abs(_drift_share(fitted, true)) < 0.25


@pytest.mark.parametrize("seed", [12, 13])
def test_bridged_roll_calls_recover_the_drift_in_shape_but_attenuated(seed: int) -> None:
    fitted, true, _ = _session_means(seed, drift=DRIFT, bridge_share=0.6)
    assert np.corrcoef(fitted, true)[0, 1] > 0.95
    assert 0.3 < _drift_share(fitted, true) < 0.8
