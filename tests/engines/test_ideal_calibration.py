"""Simulation-based calibration of the ideal-point intervals (issue 9, item 4).

Panels are drawn from the model (:func:`ujym.engines.ideal.simulate.simulate_panel`: random-walk
positions with priors on the scale ujym reports, ordered-probit roll calls, states joining over
time, some roll calls bridged to the next session) and fitted with the same priors. The default
intervals (estimate ± z · se, se from :func:`ujym.engines.ideal.uncertainty.corrected_variance`)
must hold the true position in 90 % and 95 % of the state-sessions, within ±2 points; the
mean-field SD that ujym reported before must not (it covers about 77 % here). The longer version is
``benchmarks/ideal_calibration.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from ujym.engines.ideal import IdealSettings, fit, prepare
from ujym.engines.ideal.kalman import smooth_random_walks
from ujym.engines.ideal.simulate import simulate_panel, truth_on_fitted_scale
from ujym.engines.ideal.uncertainty import corrected_variance, path_covariance

PRIORS = IdealSettings(prior_var=0.7, omega2=0.05)
Z = {0.90: 1.6448536, 0.95: 1.9599640}


def _coverage(n_panels: int, **design: object) -> dict[str, dict[float, float]]:
    hits: dict[str, dict[float, int]] = {}
    total = 0
    for seed in range(n_panels):
        panel = simulate_panel(
            40, 10, 30, prior_var=PRIORS.prior_var, omega2=PRIORS.omega2, seed=seed, **design
        )
        data = prepare(panel.votes, panel.bridges if len(panel.bridges) else None)
        f = fit(data, PRIORS, seed=seed)
        rows = np.searchsorted(panel.votes.ccodes, data.ccodes)
        truth = np.nan_to_num(panel.truth[rows][:, np.asarray(data.periods) - 1])
        has = f.counts > 0
        err = np.abs(truth_on_fitted_scale(truth, f.counts, f.mean) - f.mean)[has]
        sds = {
            "corrected": np.sqrt(corrected_variance(data, f, PRIORS).total)[has],
            "variational": f.sd[has],
        }
        for name, sd in sds.items():
            for level, z in Z.items():
                hits.setdefault(name, {}).setdefault(level, 0)
                hits[name][level] += int(np.sum(err <= z * sd))
        total += int(has.sum())
    return {name: {lv: h / total for lv, h in by.items()} for name, by in hits.items()}


@pytest.fixture(scope="module")
def coverage() -> dict[str, dict[float, float]]:
    return _coverage(16, founders=15, bridge_share=0.2)


@pytest.mark.parametrize("level", [0.90, 0.95])
def test_default_intervals_cover_the_truth_at_the_nominal_rate(coverage, level: float) -> None:
    assert abs(coverage["corrected"][level] - level) <= 0.02, coverage


def test_mean_field_intervals_were_far_too_narrow(coverage) -> None:
    assert coverage["variational"][0.95] < 0.85, coverage


def test_path_covariance_agrees_with_the_kalman_smoother() -> None:
    rng = np.random.default_rng(3)
    n, t_n = 6, 9
    prec = rng.uniform(0.0, 5.0, (n, t_n))
    first = np.array([0, 0, 2, 3, 0, 5])
    last = np.array([8, 6, 8, 4, 0, 8])
    gap = np.r_[1.0, rng.integers(1, 3, t_n - 1).astype(float)]
    st = IdealSettings(omega2=0.3, prior_var=0.8)
    cov = path_covariance(prec, first, last, gap, st)
    _, var = smooth_random_walks(prec, np.zeros_like(prec), first, last, gap, 0.3, 0.0, 0.8)
    for i in range(n):
        span = slice(first[i], last[i] + 1)
        assert np.allclose(np.diagonal(cov[i])[span], var[i, span])
