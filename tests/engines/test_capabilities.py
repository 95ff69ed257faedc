"""Capability shares, ranks and concentration (hand-computed cases, properties, real figures)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ujym.engines.capabilities import capability_shares, concentration

CSTO = [365, 371, 370, 705, 703, 702]


def test_hand_computed_shares_ranks_and_hhi() -> None:
    nmc = pd.DataFrame(
        {
            "ccode": [1, 2, 3],
            "year": [2000] * 3,
            "cinc": [0.6, 0.3, 0.1],
            "milex": [6.0, 2.0, np.nan],
        }
    )
    s = capability_shares(nmc, [1, 2, 3], components=["cinc", "milex"])
    assert s["share_cinc"].tolist() == pytest.approx([0.6, 0.3, 0.1])
    assert s["rank_cinc"].tolist() == [1, 2, 3]
    # milex missing for state 3: the others' shares are of the reported total, flagged incomplete
    assert s["share_milex"].tolist()[:2] == pytest.approx([0.75, 0.25])
    assert math.isnan(s["share_milex"].iloc[2])
    assert not s["complete_milex"].any()
    c = concentration(s)
    # H = .36 + .09 + .01 = .46; H* = (.46 - 1/3) / (1 - 1/3) = .19
    assert c.loc[0, "hhi"] == pytest.approx(0.46)
    assert c.loc[0, "hhi_normalised"] == pytest.approx(0.19)
    assert c.loc[0, "largest"] == 1
    assert math.isnan(concentration(s, component="milex").loc[0, "hhi"])


def test_group_can_change_by_year() -> None:
    nmc = pd.DataFrame({"ccode": [1, 2, 1, 2], "year": [2000, 2000, 2001, 2001], "cinc": [1.0] * 4})
    s = capability_shares(nmc, {2000: [1], 2001: [1, 2]}, components=["cinc"])
    assert s.groupby("year").size().to_dict() == {2000: 1, 2001: 2}
    assert s["share_cinc"].tolist() == [1.0, 0.5, 0.5]


def test_member_missing_from_the_data_gives_missing_share() -> None:
    nmc = pd.DataFrame({"ccode": [1], "year": [2000], "cinc": [0.2]})
    s = capability_shares(nmc, [1, 2], components=["cinc"])
    assert len(s) == 2 and not s["complete_cinc"].any()
    c = concentration(s).iloc[0]
    assert math.isnan(c["hhi"]) and pd.isna(c["largest"])
    assert (c["n_members"], c["n_members_present"], c["status"]) == (2, 1, "insufficient")


@given(st.lists(st.floats(min_value=1e-6, max_value=1e3), min_size=1, max_size=12))
def test_shares_sum_to_one_and_hhi_is_bounded(values: list[float]) -> None:
    n = len(values)
    nmc = pd.DataFrame({"ccode": range(1, n + 1), "year": [1990] * n, "cinc": values})
    s = capability_shares(nmc, list(range(1, n + 1)), components=["cinc"])
    assert s["share_cinc"].sum() == pytest.approx(1.0)
    c = concentration(s).iloc[0]
    if n > 1:
        assert 1 / n - 1e-12 <= c["hhi"] <= 1 + 1e-12
        assert -1e-9 <= c["hhi_normalised"] <= 1 + 1e-9
        assert c["status"] == "ok"
    else:  # one member: its "concentration" of 1.0 says nothing, so it is withheld
        assert math.isnan(c["hhi"]) and c["status"] == "insufficient"


def test_real_csto_figures_2013(shared_data) -> None:
    nmc = pd.read_parquet(shared_data / "ps_cow_nmc.parquet")
    s = capability_shares(nmc, CSTO, years=[2013]).set_index("ccode")
    assert s.loc[365, "share_cinc"] == pytest.approx(0.8614, abs=1e-4)
    assert s.loc[705, "rank_cinc"] == 2  # Kazakhstan second after Russia (claim C20)
    assert s.loc[365, "share_milex"] == pytest.approx(0.9571, abs=1e-4)
    assert not s["complete_milex"].all()  # Belarus's 2013 milex is missing in NMC
