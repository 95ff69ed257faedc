"""Test helpers for the ideal-point engine: simulated votes and the real record through ujym.

The real-data tests import the shared unvotes copy (``../shared/data/unvotes_*.parquet``) and the
bridging pairs (``bsv_matches.parquet``) with ujym's own importer into a cache folder of their
own (:func:`import_shared`), and read the vote matrix back with
:func:`ujym.sources.votematrix.load_vote_matrix`: the same crosswalk and membership rules as
``ujym ideal`` (no second copy of the ISO2 → COW table here).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ujym.core.votes import Vote, VoteMatrix


@contextmanager
def using_cache(folder: Path) -> Iterator[Path]:
    """Point ``UJYM_DATA_DIR`` at ``folder`` for the duration of the block."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("UJYM_DATA_DIR", str(folder))
        yield folder


def import_shared(shared_data: Path, folder: Path) -> Path:
    """Import the shared unvotes copy and the bridging pairs into the ujym cache at ``folder``."""
    from ujym.sources.datasets import import_file

    with using_cache(folder):
        import_file("unvotes", shared_data / "unvotes_votes.parquet")
        import_file("bsv_matches", shared_data / "bsv_matches.parquet")
    return folder


def unvotes_matrix(cache_dir: Path) -> tuple[VoteMatrix, pd.DataFrame, np.ndarray]:
    """The whole record from the cache at ``cache_dir``: the vote matrix (``load_vote_matrix``),
    the canonical roll calls and the cached bridging pairs."""
    from ujym.sources import cache
    from ujym.sources.bridges import cached_bridges
    from ujym.sources.votematrix import load_vote_matrix

    with using_cache(cache_dir):
        vm = load_vote_matrix("unvotes")
        rolls = pd.read_parquet(cache.table_path("unvotes", "roll_calls"))
        bridges = cached_bridges()
    assert bridges is not None
    return vm, rolls, bridges.pairs


def bsv_exclusions(rolls: pd.DataFrame) -> np.ndarray:
    """Roll calls the published estimates leave out: paragraph and amendment votes after 1989."""
    late = rolls["year"].fillna(0).astype(int) > 1989
    para = rolls["para"].astype("boolean").fillna(False).astype(bool)
    amend = rolls["amend"].astype("boolean").fillna(False).astype(bool)
    return rolls.loc[late & (para | amend), "rcid"].to_numpy()


def simulate_votes(
    n_states: int = 60,
    n_sessions: int = 12,
    items_per_session: int = 40,
    omega: float = 0.3,
    seed: int = 1,
    abstain_share: float = 0.6,
) -> tuple[VoteMatrix, np.ndarray]:
    """Votes simulated from known random-walk ideal points (ordered probit, yes/abstain/no).

    Returns the matrix and the true positions (n_states × n_sessions). State 0 has COW code 2
    (the anchor) and starts high.
    """
    rng = np.random.default_rng(seed)
    x = np.empty((n_states, n_sessions))
    x[:, 0] = rng.standard_normal(n_states)
    x[0, 0] = 2.0
    for t in range(1, n_sessions):
        x[:, t] = x[:, t - 1] + omega * rng.standard_normal(n_states)
    m = n_sessions * items_per_session
    session = np.repeat(np.arange(1, n_sessions + 1), items_per_session)
    beta = rng.choice([-1.0, 1.0], m) * rng.uniform(0.8, 2.5, m)
    cut_lo = rng.normal(0.0, 1.0, m)
    width = np.where(rng.random(m) < abstain_share, rng.uniform(0.3, 1.2, m), 0.0)
    xs = x[:, session - 1]
    z = beta * xs + rng.standard_normal((n_states, m))
    votes = np.where(z < cut_lo, Vote.NO, np.where(z < cut_lo + width, Vote.ABSTAIN, Vote.YES))
    ccodes = np.array([2, *range(100, 100 + n_states - 1)], dtype=np.int16)
    order = np.argsort(ccodes)
    vm = VoteMatrix(
        ccodes=ccodes[order],
        rcids=np.arange(1, m + 1, dtype=np.int32),
        votes=votes[order].astype(np.int8),
        session=session.astype(np.int16),
        year=(1945 + session).astype(np.int16),
        important=np.zeros(m, dtype=bool),
    )
    return vm, x[order]
