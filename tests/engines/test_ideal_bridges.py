"""Bridging pairs as a dataset (catalog ``bsv_matches``): import, cache, and their use by default.

Every test gets an empty ``UJYM_DATA_DIR`` (tests/conftest.py), so "not in the cache" is the
starting point and each import goes to a temporary cache.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from ideal_helpers import simulate_votes
from ujym.cli.main import cli
from ujym.core.errors import DataFormatError, DataNotAvailableError
from ujym.core.provenance import DatasetRef, provenance_of
from ujym.core.votes import VoteMatrix
from ujym.pipeline import ideal as ideal_pipeline
from ujym.pipeline.ideal import estimate_ideal_points
from ujym.sources.bridges import cached_bridges
from ujym.sources.catalog import get_dataset
from ujym.sources.datasets import import_file

# the published layout (Data/Matches.csv): a row number, then the pair; the simulated votes have 40
# roll calls a session, so 1 ~ 41 ~ 81 chains the first roll call of sessions 1-3
MATCHES = "v1,rcid1,rcid2\n1,1,41\n2,41,81\n"


@pytest.fixture(scope="module")
def sim() -> VoteMatrix:
    return simulate_votes(seed=1)[0]


@pytest.fixture
def from_cache(monkeypatch: pytest.MonkeyPatch, sim: VoteMatrix) -> VoteMatrix:
    """estimate_ideal_points / `ujym ideal` read the simulated votes as if from the cache."""
    monkeypatch.setattr(
        ideal_pipeline,
        "_load",
        lambda votes, dataset, drop: (sim, (DatasetRef("sim"),), np.zeros(0, np.int64)),
    )
    return sim


@pytest.fixture
def matches_csv(tmp_path: Path) -> Path:
    path = tmp_path / "Matches.csv"
    path.write_text(MATCHES)
    return path


# ---- the dataset ---------------------------------------------------------------------------------


def test_catalog_entry_points_to_the_replication_repository() -> None:
    entry = get_dataset("bsv_matches")
    assert "evoeten/United-Nations-General-Assembly-Votes-and-Ideal-Points" in entry.landing
    assert entry.main.filename == "Matches.csv"
    assert entry.main.url.endswith("/Data/Matches.csv")
    assert entry.reader == "bsv_matches" and entry.tables == ("matches",)
    assert "MIT" in entry.licence and "2017" in entry.citation
    assert "trust on first use" in entry.checksum_note


def test_import_published_csv_and_read_back(matches_csv: Path) -> None:
    assert cached_bridges() is None
    manifest = import_file("bsv_matches", matches_csv)
    assert manifest.tables == {"matches": 2}
    got = cached_bridges()
    assert got is not None
    assert got.pairs.tolist() == [[1, 41], [41, 81]]
    assert got.source.startswith("bsv_matches")


def test_import_parquet_copy_without_row_numbers(tmp_path: Path) -> None:
    src = tmp_path / "bsv_matches.parquet"
    pd.DataFrame({"rcid1": [299, 392], "rcid2": [331, 423]}).to_parquet(src)
    import_file("bsv_matches", src)
    got = cached_bridges()
    assert got is not None and got.pairs.tolist() == [[299, 331], [392, 423]]


def test_import_the_shared_copy(shared_data: Path) -> None:
    res = CliRunner().invoke(
        cli, ["data", "import", "bsv_matches", str(shared_data / "bsv_matches.parquet")]
    )
    assert res.exit_code == 0, res.output
    got = cached_bridges()
    assert got is not None and len(got.pairs) == 955
    assert got.pairs[0].tolist() == [299, 331]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("v1,rcid1,rcid2\n1,299,331\n2,392,x\n", "row 3"),
        ("v1,rcid1,rcid2\n1,299,331\n2,392,392\n", "paired with itself"),
        ("v1,rcid1,rcid2\n1,299,331\n2,,423\n", "row 3"),
        ("rcid,session\n1,1\n", "rcid1"),
    ],
)
def test_bad_files_are_refused_naming_the_row(tmp_path: Path, text: str, match: str) -> None:
    src = tmp_path / "Matches.csv"
    src.write_text(text)
    with pytest.raises(DataFormatError, match=match):
        import_file("bsv_matches", src)
    assert cached_bridges() is None  # the cache keeps nothing half-imported


# ---- estimate_ideal_points -------------------------------------------------------------------


def test_unbridged_when_the_pairs_are_not_cached(from_cache: VoteMatrix) -> None:
    df = estimate_ideal_points(seed=0)
    info = provenance_of(df).details["bridges"]
    assert info["mode"] == "none" and info["source"] is None and info["used"] == 0
    assert "ujym data pull bsv_matches" in info["note"]
    assert provenance_of(df).details["slice"]["bridged_pairs"] == 0
    assert "bsv_matches" not in provenance_of(df).dataset_ids


def test_cached_pairs_are_used_by_default(from_cache: VoteMatrix, matches_csv: Path) -> None:
    plain = estimate_ideal_points(seed=0)
    import_file("bsv_matches", matches_csv)
    df = estimate_ideal_points(seed=0)
    info = provenance_of(df).details["bridges"]
    assert info["mode"] == "cache" and info["pairs"] == 2 and info["used"] == 2
    assert info["source"].startswith("bsv_matches") and info["imported_at"]
    assert provenance_of(df).details["slice"]["bridged_pairs"] == 2
    assert "bsv_matches" in provenance_of(df).dataset_ids
    assert not np.allclose(df["ideal_point"], plain["ideal_point"])  # the bridges matter
    # None turns bridging off; a file overrides the cache
    off = estimate_ideal_points(seed=0, bridges=None)
    assert provenance_of(off).details["bridges"]["mode"] == "off"
    pd.testing.assert_series_equal(off["ideal_point"], plain["ideal_point"])
    one = matches_csv.with_name("one.csv")
    one.write_text("rcid1,rcid2\n1,41\n")
    by_file = estimate_ideal_points(seed=0, bridges=one)
    assert provenance_of(by_file).details["bridges"]["mode"] == "file"
    assert provenance_of(by_file).details["bridges"]["source"] == str(one)
    assert provenance_of(by_file).details["slice"]["bridged_pairs"] == 1


def test_votes_passed_in_use_the_cache_only_when_asked(sim: VoteMatrix, matches_csv: Path) -> None:
    with pytest.raises(DataNotAvailableError, match="bsv_matches"):
        estimate_ideal_points(sim, bridges="cache", seed=0)
    import_file("bsv_matches", matches_csv)
    auto = estimate_ideal_points(sim, seed=0)  # roll-call ids of a passed matrix may be anything
    assert provenance_of(auto).details["bridges"]["mode"] == "none"
    asked = estimate_ideal_points(sim, bridges="cache", seed=0)
    assert provenance_of(asked).details["bridges"]["mode"] == "cache"
    assert provenance_of(asked).details["slice"]["bridged_pairs"] == 2


# ---- `ujym ideal` ------------------------------------------------------------------------------
