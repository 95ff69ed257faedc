"""ujym's ``agreement`` is Voeten's published agreement score, recomputed independently.

The reference here is plain pandas on the raw unvotes Parquet copy (no ujym code: not the
importer, not the vote matrix, not the measures), following the steps of Voeten's script
``DyadicAgreementScores.R`` (Bailey, Strezhnev & Voeten's replication repository):

1. keep a state's vote on a roll call when it is yes, abstain or no (``vote < 4``: absent and
   not a member are dropped; unvotes lists only those three, so every row is kept);
2. on each roll call, count the distinct votes of the states that voted; drop the roll calls
   with one (unanimous among the states present: "Throw out unanimous votes");
3. for each dyad, on the roll calls both voted on, score ``1 - |x - y| / 2`` with the codes
   1 yes, 2 abstain, 3 no;
4. average per session (the script's unit; its ``year`` is the session + 1945) — and, for
   ujym's ``--by year``, per calendar year of the vote.

ujym is run the way a user runs it: the unvotes file imported into the cache by ujym's importer,
then the pipeline verbs (and the command line) on the cached votes. Every CSTO dyad (the 15 pairs
of Russia, Armenia, Belarus, Kazakhstan, Kyrgyzstan and Tajikistan), every period the dyad has a
contested roll call in common, must agree to 1e-12, with the same count of roll calls.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from ujym.cli.main import cli
from ujym.core.votes import VoteMatrix
from ujym.pipeline.dyads import add_alignment, create_dyad_years
from ujym.sources.unga import read_votes
from ujym.sources.votematrix import build_vote_matrix_from

pytestmark = pytest.mark.slow

#: unvotes' ISO2 codes of the six CSTO states and their COW codes (the Soviet Union is "RU")
CSTO = {"RU": 365, "AM": 371, "BY": 370, "KZ": 705, "KG": 703, "TJ": 702}
CODES = {"yes": 1, "abstain": 2, "no": 3}


# ---- the independent recomputation -------------------------------------------------------------
@pytest.fixture(scope="module")
def voeten(shared_data: Path) -> dict[str, pd.DataFrame]:
    """Voeten's agreement of every CSTO dyad, by session and by calendar year, from raw files."""
    votes = pd.read_parquet(shared_data / "unvotes_votes.parquet")
    votes = pd.DataFrame(
        {
            "rcid": votes["rcid"].astype("int64"),
            "state": votes["country_code"].astype(object),
            "vote": votes["vote"].astype(str).map(CODES),
        }
    )
    assert votes["vote"].notna().all() and (votes["vote"] < 4).all()  # step 1
    distinct = votes.groupby("rcid")["vote"].nunique()  # step 2
    contested = set(distinct.index[distinct > 1])
    calls = pd.read_parquet(shared_data / "unvotes_roll_calls.parquet")
    calls = pd.DataFrame(
        {
            "rcid": calls["rcid"].astype("int64"),
            "session": calls["session"].astype("int64"),
            "year": pd.to_datetime(calls["date"]).dt.year.astype("int64"),
        }
    )
    out: dict[str, list[pd.DataFrame]] = {"session": [], "year": []}
    for a, b in combinations(CSTO, 2):
        x = votes[votes["state"] == a][["rcid", "vote"]]
        y = votes[votes["state"] == b][["rcid", "vote"]]
        pairs = x.merge(y, on="rcid", suffixes=("_x", "_y"))  # both voted
        pairs = pairs[pairs["rcid"].isin(contested)]
        pairs = pairs.assign(agree=1 - (pairs["vote_x"] - pairs["vote_y"]).abs() / 2)  # step 3
        pairs = pairs.merge(calls, on="rcid", how="left", validate="one_to_one")
        for by in ("session", "year"):  # step 4
            scores = pairs.groupby(by)["agree"].agg(["mean", "size"]).reset_index()
            scores.insert(0, "ccode1", CSTO[a])
            scores.insert(1, "ccode2", CSTO[b])
            out[by].append(scores.rename(columns={"mean": "agree", "size": "n"}))
    return {by: pd.concat(frames, ignore_index=True) for by, frames in out.items()}


# ---- ujym on the cache, as a user runs it -------------------------------------------------------
@pytest.fixture(scope="module")
def cache_dir(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data cache holding the unvotes copy, imported by ujym's importer."""
    folder = tmp_path_factory.mktemp("voeten-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("UJYM_DATA_DIR", str(folder))
        result = CliRunner().invoke(
            cli, ["data", "import", "unvotes", str(shared_data / "unvotes_votes.parquet")]
        )
        assert result.exit_code == 0, result.output
    yield folder


@pytest.fixture(scope="module")
def cached(cache_dir: Path) -> Iterator[VoteMatrix]:
    """The vote matrix of the cached unvotes copy."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("UJYM_DATA_DIR", str(cache_dir))
        yield build_vote_matrix_from(read_votes("unvotes"))


def _ujym(matrix: VoteMatrix, by: str, min_rollcalls: int) -> pd.DataFrame:
    frames = []
    for a, b in combinations(CSTO.values(), 2):
        dyads = create_dyad_years([a], partners=[b], by=by, matrix=matrix)  # type: ignore[arg-type]
        frames.append(
            add_alignment(dyads, ["agreement"], min_rollcalls=min_rollcalls, matrix=matrix)
        )
    return pd.concat(frames, ignore_index=True).astype({by: "int64", "ccode1": "int64"})


def _joined(reference: pd.DataFrame, ours: pd.DataFrame, by: str) -> pd.DataFrame:
    keys = ["ccode1", "ccode2", by]
    ours = ours[ours["n_rollcalls"] > 0].astype({"ccode2": "int64"})
    joined = reference.merge(ours, on=keys, how="outer", indicator=True)
    missing = joined[joined["_merge"] != "both"]
    assert missing.empty, f"periods in only one of the two:\n{missing[[*keys, '_merge']]}"
    return joined


@pytest.mark.parametrize("by", ["session", "year"])
def test_agreement_is_voetens_rule_for_every_csto_dyad(voeten, cached, by: str) -> None:  # type: ignore[no-untyped-def]
    reference = voeten[by]
    joined = _joined(reference, _ujym(cached, by, min_rollcalls=1), by)
    assert len(joined) == len(reference) > 450  # 453 dyad-sessions, 461 dyad-years
    assert joined.groupby(["ccode1", "ccode2"]).ngroups == 15
    assert (joined["n_rollcalls"] == joined["n"]).all()
    assert (joined["agreement"] - joined["agree"]).abs().max() <= 1e-12
    assert (joined["status"] == "ok").all()


@pytest.mark.parametrize("by", ["session", "year"])
def test_below_the_minimum_the_value_is_withheld(voeten, cached, by: str) -> None:  # type: ignore[no-untyped-def]
    joined = _joined(voeten[by], _ujym(cached, by, min_rollcalls=10), by)
    thin = joined["n"] < 10
    assert thin.any()  # e.g. 2020: one roll call
    assert joined.loc[thin, "agreement"].isna().all()
    assert (joined.loc[thin, "status"] == "insufficient").all()
    shown = joined[~thin]
    assert (shown["agreement"] - shown["agree"]).abs().max() <= 1e-12


def test_the_known_differences_of_the_old_convention(cached) -> None:  # type: ignore[no-untyped-def]
    """Issue 9: Kazakhstan–Russia 1996 — 74 roll calls with the unanimous ones, 72 without."""
    dyads = create_dyad_years([705], partners=[365], years=1996, matrix=cached)
    voeten_rule = add_alignment(dyads, ["agreement"], matrix=cached).iloc[0]
    everything = add_alignment(dyads, ["agreement"], rollcalls="all", matrix=cached).iloc[0]
    assert (voeten_rule.n_rollcalls, everything.n_rollcalls, everything.n_contested) == (72, 74, 72)
    assert everything.agreement - voeten_rule.agreement == pytest.approx(0.0037537, abs=1e-6)


def test_the_command_line_prints_the_published_series(voeten, cache_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("UJYM_DATA_DIR", str(cache_dir))
    result = CliRunner().invoke(
        cli, ["align", "KAZ", "RUS", "--by", "session", "--format", "csv", "--min-rollcalls", "1"]
    )
    assert result.exit_code == 0, result.output
    printed = pd.read_csv(io.StringIO(result.output))
    reference = voeten["session"]
    reference = reference[(reference.ccode1 == 365) & (reference.ccode2 == 705)]
    merged = printed.merge(reference, on="session")
    assert len(merged) == len(reference) == len(printed)
    assert (merged["agreement"] - merged["agree"]).abs().max() <= 1e-12
