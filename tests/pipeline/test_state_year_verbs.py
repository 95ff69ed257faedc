"""State-year verbs: each ``add_*`` keeps the row count and records its columns and sources."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from _vote_scenarios import scenario
from ujym.core.errors import DataNotAvailableError, UjymError, UnknownCodeError
from ujym.core.provenance import Provenance, Unit, attach, provenance_of
from ujym.pipeline.capabilities import add_capabilities, group_capabilities
from ujym.pipeline.igos import add_igos
from ujym.pipeline.memberships import actor_memberships, add_memberships
from ujym.pipeline.state_alignment import add_alignment
from ujym.pipeline.state_years import create_state_years

NMC = pd.DataFrame(
    {
        "ccode": [365, 705, 370, 371, 702, 703, 365, 705],
        "year": [2013] * 6 + [2012] * 2,
        "milex": [68e6, 2.3e6, np.nan, 4e5, 1.9e5, 1e5, 58e6, 2.2e6],
        "milper": [845, 39, 48, 49, 9, 11, 956, 49],
        "irst": [0.0] * 8,
        "pec": [0.0] * 8,
        "tpop": [0.0] * 8,
        "upop": [0.0] * 8,
        "cinc": [0.039, 0.003, 0.002, 0.0006, 0.0004, 0.0003, 0.0396, 0.0031],
    }
)


def test_create_state_years_csto_follows_membership() -> None:
    df = create_state_years("CSTO", years=(2011, 2013))
    counts = df.groupby("year").size().to_dict()
    assert counts == {2011: 7, 2012: 7, 2013: 6}  # Uzbekistan suspended in December 2012
    assert provenance_of(df).unit is Unit.STATE_YEAR
    assert provenance_of(df).casebook  # the CSTO's members come from the casebook


def test_create_state_years_everyone_in_the_system() -> None:
    df = create_state_years(years=1992)
    assert {365, 705, 702, 369} <= set(df["ccode"])
    assert 365 in set(create_state_years(years=1950)["ccode"])  # USSR shares 365
    assert 705 not in set(create_state_years(years=1990)["ccode"])


def test_bad_years_and_states() -> None:
    with pytest.raises(UjymError):
        create_state_years(years=(2013, 2011))
    with pytest.raises(UnknownCodeError):
        create_state_years("NOWHERE", years=2013)


def test_add_capabilities_keeps_rows_and_adds_group_shares() -> None:
    base = create_state_years("CSTO", years=(2012, 2013))
    out = add_capabilities(base, within="CSTO", nmc=NMC)
    assert len(out) == len(base)
    assert list(out.columns[: len(base.columns)]) == list(base.columns)
    r13 = out[(out["ccode"] == 365) & (out["year"] == 2013)].iloc[0]
    assert r13["share_cinc"] == pytest.approx(
        0.039 / sum([0.039, 0.003, 0.002, 0.0006, 0.0004, 0.0003])
    )
    assert r13["rank_cinc"] == 1
    assert pd.isna(out.loc[(out["ccode"] == 370) & (out["year"] == 2013), "milex"]).all()
    assert "cinc" in provenance_of(out).columns
    assert "cow_nmc" in provenance_of(out).dataset_ids


def test_add_capabilities_to_dyads_keeps_rows() -> None:
    dyads = pd.DataFrame(
        {"ccode1": [365, 705, 365], "ccode2": [705, 365, 705], "year": [2013, 2013, 2013]}
    )
    attach(dyads, Provenance(Unit.DYAD_YEAR))
    out = add_capabilities(dyads, nmc=NMC)
    assert len(out) == 3
    assert out["cinc1"].tolist() == [0.039, 0.003, 0.039]
    assert out["cinc2"].tolist() == [0.003, 0.039, 0.003]


def test_add_capabilities_outside_coverage_says_so() -> None:
    with pytest.raises(DataNotAvailableError, match="2012–2013"):
        add_capabilities(create_state_years("RUS", years=1990), nmc=NMC)


def test_add_capabilities_without_data_names_the_command() -> None:
    with pytest.raises(DataNotAvailableError, match="ujym data import cow_nmc FILE"):
        add_capabilities(create_state_years("RUS", years=2013))


def test_group_capabilities_year_outside_coverage() -> None:
    with pytest.raises(UjymError, match="choose --year from 2012 to 2013"):
        group_capabilities("CSTO", 1700, nmc=NMC)
    frame, conc = group_capabilities("RUS,KAZ", nmc=NMC)
    assert conc["year"] == 2013 and frame["iso3"].tolist() == ["RUS", "KAZ"]
    assert conc["status"] == "ok" and conc["n_members_present"] == 2


def test_group_capabilities_on_thin_data_withhold_with_a_status() -> None:
    # the CSTO of 2013: Belarus has no milex figure, so no member's milex share is shown
    frame, conc = group_capabilities("CSTO", 2013, nmc=NMC)
    assert conc["status"] == "ok" and conc["n_members"] == conc["n_members_present"] == 6
    assert frame["share_milex"].isna().all() and frame["share_cinc"].notna().all()
    # 2012 has only Russia and Kazakhstan of the seven (Uzbekistan too): no concentration, share or rank
    frame, conc = group_capabilities("CSTO", 2012, nmc=NMC)
    assert math.isnan(conc["hhi"]) and conc["status"] == "insufficient"
    assert conc["reason"] == "5 of 7 members have no CINC figure for 2012"
    assert frame["share_cinc"].isna().all() and frame["rank_cinc"].isna().all()
    assert (frame["status"] == "insufficient").all()
    # one member: its "concentration" of 1.0 is not a figure
    frame, conc = group_capabilities("KAZ", 2013, nmc=NMC)
    assert math.isnan(conc["hhi"]) and conc["reason"] == "fewer than two members present"
    assert math.isnan(frame["share_cinc"].iloc[0])
    # no member has data that year: a status, not a crash
    frame, conc = group_capabilities("ARM,TJK", 2012, nmc=NMC)
    assert len(frame) == 2 and frame["cinc"].isna().all()
    assert conc["reason"] == "no member has a CINC figure for 2012"


def test_add_memberships_keeps_rows_and_unknown_states_are_missing() -> None:
    base = create_state_years(["KAZ", "FRA"], years=(2012, 2013))
    out = add_memberships(base)
    assert len(out) == len(base)
    kaz = out[out["ccode"] == 705].iloc[0]
    assert "CSTO" in kaz["organisations"] and kaz["n_member"] >= 5
    fra = out[out["ccode"] == 220]
    assert fra["n_organisations"].isna().all()  # not described by the casebook: unknown, not 0


def test_add_memberships_outside_ties() -> None:
    out = add_memberships(create_state_years("ARM", years=2013))
    assert out["n_outside_russia"].iloc[0] == 2
    assert out["outside_russia"].iloc[0] == "EAP, ENP"


def test_actor_memberships() -> None:
    frame = actor_memberships("TKM")
    cis = frame[frame["organisation"] == "CIS"]
    assert cis["status"].tolist() == ["member", "partner"]  # associate member from 2005
    assert cis["end"].tolist()[0] == pd.Timestamp("2005-08-25")
    assert cis["end_precision"].tolist()[0] == "day"
    with pytest.raises(UnknownCodeError):
        actor_memberships("NOWHERE")
    # a state without an actor file: the organisations that list every member name it by ISO3
    poland = actor_memberships("Poland")
    assert poland["organisation"].tolist() == ["OSCE", "NATO", "EU"]
    assert provenance_of(poland).details["actor"] == "POL"


def test_add_igos_keeps_rows() -> None:
    igo = pd.DataFrame({"ccode": [705], "year": [2013], "sum_igo_full": [57.0],
                        "sum_igo_associate": [0.0], "sum_igo_observer": [1.0],
                        "sum_igo_anytype": [58.0]})  # fmt: skip
    base = create_state_years(["KAZ", "RUS"], years=2013)
    out = add_igos(base, igo=igo)
    assert len(out) == 2 and out.loc[out["ccode"] == 705, "sum_igo_anytype"].iloc[0] == 58


def test_add_alignment_state_years_keeps_rows_and_matches_construction() -> None:
    m = scenario(range(2012, 2014), {"ARM": 4})
    base = create_state_years("CSTO", years=(2012, 2013))
    # the construction counts all 20 roll calls, the unanimous 12-19 included
    out = add_alignment(base, with_=("RUS", "USA", "CHN", "EU"), rollcalls="all", matrix=m)
    assert len(out) == len(base)
    arm = out[(out["ccode"] == 371) & (out["year"] == 2013)].iloc[0]
    assert arm["align_rus"] == pytest.approx(16 / 20)
    assert arm["align_usa"] == pytest.approx(14 / 20)
    assert arm["align_eu"] == pytest.approx(14 / 20)
    assert arm["n_rollcalls_rus"] == 20 and arm["status_rus"] == "ok"
    rus = out[(out["ccode"] == 365)].iloc[0]
    assert rus["align_rus"] == 1.0
    assert "align_eu" in provenance_of(out).columns
    # Voeten's rule (the default) leaves out 12-19, where every state voted yes: of the 12
    # contested roll calls Armenia votes with Russia on 8, with the West on 4 + 2
    voeten = add_alignment(base, with_=("RUS", "USA"), matrix=m)
    arm = voeten[(voeten["ccode"] == 371) & (voeten["year"] == 2013)].iloc[0]
    assert arm["align_rus"] == pytest.approx(8 / 12) and arm["n_rollcalls_rus"] == 12
    assert arm["align_usa"] == pytest.approx(6 / 12)
    # and with a minimum above 12 the figures are withheld, with the count beside them
    thin = add_alignment(base, with_=("RUS", "CSTO"), min_rollcalls=13, matrix=m)
    assert thin["align_rus"].isna().all() and (thin["status_rus"] == "insufficient").all()
    assert thin["align_csto"].isna().all() and (thin["n_rollcalls_csto"] == 12).all()


def test_add_alignment_duplicated_rows_survive() -> None:
    m = scenario(range(2013, 2014), {})
    base = create_state_years("KAZ", years=2013)
    doubled = pd.concat([base, base], ignore_index=True)
    out = add_alignment(doubled, with_=("RUS",), matrix=m)
    assert len(out) == 2 and out["align_rus"].tolist() == [1.0, 1.0]
