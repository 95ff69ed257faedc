"""Monte Carlo: seed determinism, vectorised = run-by-run, Dask on a real LocalCluster."""

from __future__ import annotations

import numpy as np
import pytest

from ujym.core.provenance import Unit, provenance_of
from ujym.engines.bargaining import ModelOptions, run_model
from ujym.engines.bargaining.montecarlo import Uncertainty, draw_inputs, sweep
from ujym.pipeline.bargaining import simulate_bargaining

OPTS = ModelOptions(stopping="converged", max_rounds=40)


def _draws(runs=60, seed=3):
    rng = np.random.default_rng(11)
    n = 7
    x, c, s = rng.uniform(0, 100, n), rng.uniform(0.1, 1, n), rng.uniform(0.2, 1, n)
    unc = [
        {"position": Uncertainty.plus_minus(x[a], 10), "salience": Uncertainty("normal", sd=0.1)}
        for a in range(n)
    ]
    return draw_inputs(x, c, s, unc, runs, seed, (0.0, 100.0))


def test_same_seed_same_result():
    a, b = _draws(seed=5), _draws(seed=5)
    assert np.array_equal(a.position, b.position)
    ta, tb = sweep(a, OPTS, 100.0), sweep(b, OPTS, 100.0)
    assert np.array_equal(ta.forecast, tb.forecast)
    assert not np.array_equal(_draws(seed=6).position, a.position)


def test_vectorised_equals_run_by_run():
    d = _draws()
    batch = run_model(d.position, d.capability, d.salience, OPTS, 100.0)
    swept = sweep(d, OPTS, 100.0)  # keeps final states only
    np.testing.assert_array_equal(swept.forecast, batch.forecast)
    np.testing.assert_array_equal(swept.final_positions, batch.final_positions)
    for k in range(d.runs):
        one = run_model(d.position[k], d.capability[k], d.salience[k], OPTS, 100.0)
        assert one.forecast[0] == batch.forecast[k]
        assert one.rounds[0] == batch.rounds[k] and one.status[0] == batch.status[k]
        np.testing.assert_array_equal(one.final_positions[0], batch.final_positions[k])


def test_chunking_does_not_change_results():
    d = _draws()
    whole = sweep(d, OPTS, 100.0, chunk_runs=1000)
    parts = sweep(d, OPTS, 100.0, chunk_runs=7)
    np.testing.assert_array_equal(whole.forecast, parts.forecast)


def test_dask_local_cluster_matches_local(monkeypatch):
    distributed = pytest.importorskip("dask.distributed")
    from ujym.engines.bargaining import compiled

    d = _draws(runs=40)
    local = sweep(d, OPTS, 100.0, chunk_runs=10)
    calls = []  # the Dask tasks run the compiled kernels, as the local sweep does
    original = compiled.run_compiled

    def counted(*args, **kwargs):
        calls.append(args[0].shape[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(compiled, "run_compiled", counted)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = sweep(d, OPTS, 100.0, chunk_runs=10, scheduler=client)
        by_address = sweep(d, OPTS, 100.0, chunk_runs=10, scheduler=cluster.scheduler_address)
    np.testing.assert_array_equal(local.forecast, remote.forecast)
    np.testing.assert_array_equal(local.rounds, by_address.rounds)
    assert sorted(calls) == [10] * 8  # 4 chunks of 10 runs, twice


def test_simulate_bargaining_frames():
    res = simulate_bargaining("csto-new-type", runs=200, seed=2)
    assert len(res.forecast) == 200 and res.forecast["run"].tolist() == list(range(200))
    assert res.rounds["round"].iloc[0] == 0 and "RUS" in res.rounds.columns
    assert set(res.sensitivity.columns) == {"actor", "input", "rank_correlation", "shift"}
    assert provenance_of(res.rounds).unit is Unit.BARGAINING_ROUND
    assert provenance_of(res.forecast).unit is Unit.BARGAINING_RUN
    assert provenance_of(res.rounds).details["scenario"] == "csto-new-type"
    lo, hi = res.summary["interval"]
    assert lo <= res.summary["mc_median"] <= hi
    assert 0.0 <= res.summary["p_above_threshold"] <= 1.0
    again = simulate_bargaining("csto-new-type", runs=200, seed=2)
    assert res.forecast.equals(again.forecast)


def test_sensitivity_finds_the_decisive_actor():
    res = simulate_bargaining("csto-new-type", runs=300, seed=4)
    top = res.sensitivity.iloc[0]
    assert (top["actor"], top["input"]) == ("RUS", "position")
