"""Bootstrap refits run anywhere with the same numbers: in-process, local processes, Dask."""

from __future__ import annotations

import numpy as np
import pytest

from ideal_helpers import simulate_votes
from ujym.core.errors import UjymError
from ujym.engines.ideal import fit, prepare
from ujym.engines.ideal.bootstrap import bootstrap_sd
from ujym.engines.replicates import run_replicates


@pytest.fixture(scope="module")
def fitted():
    vm, _ = simulate_votes(n_states=30, n_sessions=6, items_per_session=25, seed=8)
    data = prepare(vm)
    return data, fit(data, seed=0)


def test_replicates_keep_the_order_of_the_tasks() -> None:
    tasks = [(k,) for k in range(7)]
    assert run_replicates(pow, tasks, shared=(3,), workers=1) == [3**k for k in range(7)]
    assert run_replicates(pow, tasks, shared=(3,), workers=2) == [3**k for k in range(7)]


def test_bootstrap_is_the_same_in_process_and_on_local_processes(fitted) -> None:
    data, f = fitted
    here = bootstrap_sd(data, f, n=3, seed=5, workers=1)
    there = bootstrap_sd(data, f, n=3, seed=5, workers=2)
    np.testing.assert_array_equal(here, there)
    assert np.all(here[f.counts > 0] > 0)


def test_bootstrap_on_a_dask_cluster_matches_local(fitted) -> None:
    distributed = pytest.importorskip("dask.distributed")
    data, f = fitted
    local = bootstrap_sd(data, f, n=3, seed=5, workers=1)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = bootstrap_sd(data, f, n=3, seed=5, scheduler=client)
        by_address = bootstrap_sd(data, f, n=3, seed=5, scheduler=cluster.scheduler_address)
    np.testing.assert_array_equal(local, remote)
    np.testing.assert_array_equal(local, by_address)


def test_unreachable_scheduler_is_a_one_line_error(fitted) -> None:
    pytest.importorskip("dask.distributed")
    data, f = fitted
    with pytest.raises(UjymError, match="cannot reach the Dask scheduler"):
        bootstrap_sd(data, f, n=2, seed=1, scheduler="tcp://127.0.0.1:9")
