"""Frames a pandas user expects (issue 13 item 5): dates as dates, ISO3 and names beside COW codes.

The identity columns are those of :mod:`ujym.pipeline.identity`; the date columns those of the
casebook's frames. The catalogue below names every public verb that returns a frame keyed by
COW codes; ``test_every_public_frame_verb_is_catalogued`` fails when a new one is neither in it
nor in the list of frames without states.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ujym
from _vote_scenarios import scenario
from ujym.core.dates import PartialDate
from ujym.core.provenance import Unit, provenance_of
from ujym.core.votes import VoteMatrix
from ujym.pipeline.dyads import (
    add_alignment,
    alignment_panel,
    alignment_series,
    create_dyad_years,
)
from ujym.pipeline.ideal import estimate_ideal_points
from ujym.pipeline.identity import DYAD_COLUMNS, STATE_COLUMNS, state_identity
from ujym.pipeline.memberships import actor_memberships, as_given
from ujym.pipeline.state_years import create_state_years
from ujym.sources.casebook import load_casebook

STATE_VERBS = {
    "create_state_years",
    "estimate_ideal_points",
    "group_capabilities",
    # add_* verbs on state-year frames keep the columns create_state_years gave
}
DYAD_VERBS = {"create_dyad_years", "add_alignment", "alignment_panel", "alignment_series"}
NO_STATES = {  # public verbs whose frames have no COW code column, and why
    "group_cohesion": "one row per group and period",
    "alignment_profile": "one row per partner as typed (a state or a group) and period",
    "multivector_series": "one state's index per year (the state is in the provenance)",
    "actor_memberships": "one actor's organisations; dates checked below",
    "simulate_bargaining": "a forecast, not a frame of states",
    "check_claims": "claim records (the checks workstream's contract)",
    "claim_verdicts": "a mapping of claims to verdicts",
}
FRAME_MODULES = ("ujym.pipeline.",)


UNKNOWN = 999  # no state of the crosswalk has this COW code


def _matrix() -> VoteMatrix:
    """A hand-made Assembly with one state the crosswalk does not know (``UNKNOWN``)."""
    m = scenario(range(2011, 2014), {"KAZ": 3, "ARM": 1}, outsiders=1)  # the outsider is 900
    assert m.ccodes[-1] == 900  # the largest code: replacing it keeps the rows sorted
    return replace(m, ccodes=np.where(m.ccodes == 900, UNKNOWN, m.ccodes).astype(m.ccodes.dtype))


def _identity_ok(df: pd.DataFrame, columns: dict[str, str], *, categorical: bool) -> None:
    for column in columns:
        assert column in df.columns, column
        dtype = df[column].dtype
        if categorical:
            assert isinstance(dtype, pd.CategoricalDtype), (column, dtype)
        else:
            assert pd.api.types.is_string_dtype(dtype) and not isinstance(
                dtype, pd.CategoricalDtype
            ), (column, dtype)


def _state_names_match(df: pd.DataFrame, code: str = "ccode", suffix: str = "") -> None:
    """Every row's ISO3 and names are the crosswalk's for its COW code."""
    for ccode, iso3, en, kk, ru in (
        df[[code, f"iso3{suffix}", f"name_en{suffix}", f"name_kk{suffix}", f"name_ru{suffix}"]]
        .drop_duplicates()
        .itertuples(index=False)
    ):
        try:
            state = ujym.resolve_state(int(ccode))
        except ujym.UjymError:
            assert pd.isna(en) and pd.isna(kk) and pd.isna(ru), ccode
            continue
        assert (iso3, en, kk, ru) == (state.iso3, state.names.en, state.names.kk, state.names.ru)


# ---- the catalogue is complete --------------------------------------------------------------
def test_every_public_frame_verb_is_catalogued() -> None:
    verbs = {
        name
        for name, target in ujym._LAZY.items()
        if target.startswith(FRAME_MODULES) and not name.startswith("add_")
    }
    missing = verbs - STATE_VERBS - DYAD_VERBS - set(NO_STATES)
    assert not missing, f"public frame verbs not checked for identity columns: {sorted(missing)}"


# ---- state frames ---------------------------------------------------------------------------
def test_state_years_have_iso3_and_names_in_three_languages() -> None:
    df = create_state_years("CSTO", years=(2012, 2013))
    assert len(df) == 13  # Uzbekistan in 2012, not in 2013: the rows are the same as before
    assert list(df.columns[:7]) == [
        "ccode", "year", "iso3", "name_en", "name_kk", "name_ru", "statenme",
    ]  # fmt: skip
    _identity_ok(df, STATE_COLUMNS, categorical=False)
    _state_names_match(df)
    kaz = df[df.iso3 == "KAZ"].iloc[0]
    assert (kaz.name_kk, kaz.name_ru, kaz.name_en) == ("Қазақстан", "Казахстан", "Kazakhstan")
    assert (df["statenme"] == df["name_en"]).all()
    prov = provenance_of(df)
    assert prov.unit is Unit.STATE_YEAR
    assert {"name_kk", "name_ru", "name_en"} <= set(prov.columns)


def test_state_identity_of_unknown_and_missing_codes() -> None:
    got = state_identity(pd.Series([705, UNKNOWN, None], dtype="Int64"))
    assert got["iso3"].tolist()[0] == "KAZ"
    assert got.iloc[1:].isna().all().all()
    empty = state_identity(pd.Series([], dtype="int64"), categorical=True)
    assert list(empty.columns) == list(STATE_COLUMNS) and len(empty) == 0


def test_ideal_points_have_names_beside_iso3() -> None:
    ideal = estimate_ideal_points(_matrix(), bridges=None)
    assert list(ideal.columns[:5]) == ["ccode", "iso3", "name_en", "name_kk", "name_ru"]
    _identity_ok(ideal, STATE_COLUMNS, categorical=False)
    _state_names_match(ideal)
    assert (
        ideal.loc[ideal.ccode == UNKNOWN, "name_en"].isna().all()
    )  # unknown: missing, not a guess
    assert provenance_of(ideal).unit is Unit.STATE_SESSION


# ---- dyad frames ----------------------------------------------------------------------------
def test_dyad_frames_have_iso3_and_names_of_both_states() -> None:
    m = _matrix()
    base = create_dyad_years("KAZ", partners=["RUS", "USA", "CHN"], matrix=m)
    assert list(base.columns) == ["ccode1", "ccode2", "year", *DYAD_COLUMNS]
    _identity_ok(base, DYAD_COLUMNS, categorical=True)
    scored = add_alignment(base, ["agreement"], matrix=m)
    assert len(scored) == len(base) == 9
    _identity_ok(scored, DYAD_COLUMNS, categorical=True)
    for side in ("1", "2"):
        _state_names_match(scored, f"ccode{side}", f"_{side}")
    assert set(scored["iso3_1"]) == {"KAZ"} and set(scored["iso3_2"]) == {"RUS", "USA", "CHN"}
    assert set(scored["name_ru_2"]) == {"Россия", "Соединённые Штаты Америки", "Китай"}
    assert provenance_of(scored).columns["iso3_2"].endswith("second state")

    panel = alignment_panel(matrix=m, measures=["agreement"])
    assert list(panel.columns[3:11]) == list(DYAD_COLUMNS)
    _identity_ok(panel, DYAD_COLUMNS, categorical=True)
    _state_names_match(panel, "ccode1", "_1")
    _state_names_match(panel, "ccode2", "_2")
    unknown = panel[panel.ccode2 == UNKNOWN]
    assert len(unknown) and unknown["name_en_2"].isna().all()  # never a guess

    series = alignment_series("KAZ", "RUS", matrix=m)
    assert series["name_kk_2"].tolist() == ["Ресей"] * 3


def test_identity_and_dates_survive_parquet(tmp_path: Path) -> None:
    m = _matrix()
    dyads = add_alignment(create_dyad_years("KAZ", partners="RUS", matrix=m), matrix=m)
    dyads.to_parquet(tmp_path / "d.parquet")
    back = pd.read_parquet(tmp_path / "d.parquet")
    _identity_ok(back, DYAD_COLUMNS, categorical=True)
    assert back["name_kk_2"].tolist() == dyads["name_kk_2"].tolist()
    assert provenance_of(back).unit is Unit.DYAD_YEAR

    members = actor_memberships("KAZ")
    members.to_parquet(tmp_path / "m.parquet")
    again = pd.read_parquet(tmp_path / "m.parquet")
    assert again["start"].dtype.kind == "M"
    assert again["start"].tolist() == members["start"].tolist()


# ---- dates as dates -------------------------------------------------------------------------
def test_casebook_frames_give_dates_as_datetimes() -> None:
    cb = load_casebook()
    m = cb.memberships_frame()
    for column in ("start", "end"):
        assert m[column].dtype == "datetime64[s]", column
    assert len(m) == len(cb.memberships)  # one row per period, as before
    # each row's dates are the first and last day the source's partial dates may mean, and the
    # precision gives the date as written back
    for row, member in zip(m.itertuples(index=False), cb.memberships, strict=True):
        start, end = member.period.start, member.period.end
        if start is None:
            assert pd.isna(row.start) and pd.isna(row.start_precision)
        else:
            assert row.start.date() == start.earliest()
            assert as_given(row.start, row.start_precision) == str(start)
        if end is None:
            assert pd.isna(row.end) and as_given(row.end, row.end_precision) is None
        else:
            assert row.end.date() == end.latest()
            assert as_given(row.end, row.end_precision) == str(end)
    assert (m["start"].dt.year == m["start_year"]).all()

    actors = cb.actors_frame()
    assert actors["founded"].dtype.kind == "M"
    csto = actors.set_index("id").loc["CSTO"]
    assert str(PartialDate.at(csto.founded.date(), csto.founded_precision)) == str(
        cb.actor("CSTO").founded
    )

    claims = cb.claims_frame()
    assert claims["start"].dtype.kind == "M" and claims["end"].dtype.kind == "M"
    c1 = claims.set_index("id").loc["C1"]
    assert c1.start.date() == cb.claim("C1").period.start.earliest()  # type: ignore[union-attr]


def test_actor_memberships_dates() -> None:
    frame = actor_memberships("KAZ")
    assert frame["start"].dtype.kind == "M" and frame["end"].dtype.kind == "M"
    assert frame["start"].is_monotonic_increasing or frame["start"].isna().any()
    assert {"start_precision", "end_precision"} <= set(frame.columns)
    assert set(frame["start_precision"].dropna()) <= {"year", "month", "day"}
    assert "date" in provenance_of(frame).columns["start"]


@pytest.mark.parametrize("precision", ["week", ""])
def test_unknown_precision_is_refused(precision: str) -> None:
    with pytest.raises(ValueError, match="precision"):
        PartialDate.at(pd.Timestamp("2000-01-01").date(), precision)


# ---- on the real data -----------------------------------------------------------------------
def test_real_frames_carry_identity(shared_data: Path) -> None:
    for dataset, file in (("unvotes", "unvotes_votes.parquet"), ("cow_nmc", "ps_cow_nmc.parquet")):
        ujym.import_file(dataset, shared_data / file)
    dyads = ujym.add_alignment(
        ujym.create_dyad_years("KAZ", partners=["RUS", "USA", "CHN"], years=(1992, 2019)),
        ["agreement"],
    )
    assert len(dyads) == 84  # docs/api.md's figure: the identity columns add no rows
    _identity_ok(dyads, DYAD_COLUMNS, categorical=True)
    _state_names_match(dyads, "ccode2", "_2")

    panel = ujym.alignment_panel(years=2013, measures=["agreement"])
    assert len(panel) == len(ujym.create_dyad_years(years=2013))
    _state_names_match(panel, "ccode1", "_1")
    assert panel[["name_en_1", "name_en_2"]].notna().all().all()  # every UN voter is known

    shares, _conc = ujym.group_capabilities("CSTO", 2013)
    _identity_ok(shares, STATE_COLUMNS, categorical=False)
    _state_names_match(shares)

    states = ujym.add_capabilities(ujym.create_state_years("CSTO", years=2013), within="CSTO")
    _identity_ok(states, STATE_COLUMNS, categorical=False)
