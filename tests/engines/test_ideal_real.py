"""Ideal points from the whole UNGA record (unvotes copy in ../shared/data): face validity.

The copy and the bridging pairs are imported with ujym's importer into a temporary cache (see
ideal_helpers.import_shared). Skips when the shared datasets are absent. The full 1946–2019
estimation takes about 20 s.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ideal_helpers import bsv_exclusions, import_shared, unvotes_matrix
from ujym.core.provenance import provenance_of
from ujym.pipeline.ideal import estimate_ideal_points

USA, RUS, CUB, ISR, CHN, KAZ = 2, 365, 40, 666, 710, 705
COLD_WAR = range(1, 45)  # sessions 1-44: 1946-1989


@pytest.fixture(scope="session")
def real_cache(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared unvotes copy and bridging pairs, imported by ujym into a cache of their own."""
    return import_shared(shared_data, tmp_path_factory.mktemp("ujym-real-cache"))


@pytest.fixture(scope="module")
def ideal(real_cache: Path) -> pd.DataFrame:
    vm, rolls, bridges = unvotes_matrix(real_cache)
    return estimate_ideal_points(vm, bridges=bridges, exclude_rcids=bsv_exclusions(rolls), seed=0)


def _series(df: pd.DataFrame, ccode: int, sessions: range | None = None) -> pd.Series:
    s = df[(df["ccode"] == ccode) & df["ideal_point"].notna()].set_index("session")["ideal_point"]
    return s if sessions is None else s[s.index.isin(sessions)]


def _percentile_rank(df: pd.DataFrame, ccode: int) -> pd.Series:
    est = df[df["ideal_point"].notna()]
    ranks = est.groupby("session")["ideal_point"].rank(pct=True)
    return ranks[est["ccode"] == ccode].set_axis(est.loc[est["ccode"] == ccode, "session"])


def test_run_converges_with_bridges_and_all_states(ideal: pd.DataFrame) -> None:
    meta = provenance_of(ideal)
    assert meta.details["model"]["converged"]
    assert meta.details["slice"]["bridged_pairs"] > 900
    assert ideal["ccode"].nunique() >= 195
    assert ideal["session"].min() == 1 and ideal["session"].max() == 74
    assert (ideal["status"].isin(["ok", "few_votes", "no_votes"])).all()
    # missing estimates are explained, never silent
    missing = ideal[ideal["ideal_point"].isna()]
    assert (missing["status"] == "no_votes").all() and (missing["reason"] != "").all()


def test_united_states_is_high(ideal: pd.DataFrame) -> None:
    us = _series(ideal, USA)
    assert us.mean() > 1.5
    ranks = _percentile_rank(ideal, USA)
    assert (ranks >= 0.8).mean() > 0.9  # top quintile in more than 90 % of sessions
    assert (ranks[ranks.index >= 20] >= 0.9).mean() > 0.9  # top decile from 1965 on


def test_soviet_union_and_cuba_are_low_in_the_cold_war(ideal: pd.DataFrame) -> None:
    assert _series(ideal, RUS, COLD_WAR).mean() < -1.0
    assert (_percentile_rank(ideal, RUS).loc[lambda s: s.index < 45] < 0.25).mean() > 0.9
    cuba_after_revolution = _series(ideal, CUB, range(16, 45))  # 1961-1989
    assert cuba_after_revolution.mean() < -1.0


def test_israel_is_near_the_united_states(ideal: pd.DataFrame) -> None:
    late = range(30, 75)  # 1975 on
    gap = (_series(ideal, ISR, late) - _series(ideal, USA, late)).abs()
    spread = ideal[ideal["session"] >= 30].groupby("session")["ideal_point"].std()
    assert gap.mean() < spread.mean()
    assert (_percentile_rank(ideal, ISR).loc[lambda s: s.index >= 30] >= 0.85).mean() > 0.8


def test_russia_moves_west_after_1991_and_kazakhstan_sits_with_russia(ideal: pd.DataFrame) -> None:
    assert _series(ideal, RUS, range(46, 75)).mean() > _series(ideal, RUS, COLD_WAR).mean() + 1.0
    kaz = _series(ideal, KAZ, range(47, 75))
    rus = _series(ideal, RUS, range(47, 75))
    usa = _series(ideal, USA, range(47, 75))
    assert (kaz - rus).abs().mean() < (kaz - usa).abs().mean()


def test_uncertainty_is_finite_and_shrinks_with_votes(ideal: pd.DataFrame) -> None:
    est = ideal[ideal["ideal_point"].notna()]
    assert (est["se"] > 0).all() and np.isfinite(est["se"]).all()
    few = est[est["n_votes"] < 10]["se"].mean()
    many = est[est["n_votes"] > 100]["se"].mean()
    assert few > many
