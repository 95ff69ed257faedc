"""Membership overlap and outside ties from dated memberships."""

from __future__ import annotations

import pandas as pd

from ujym.engines.overlap import membership_years, outside_ties


def frame(rows):
    return pd.DataFrame(rows, columns=["actor", "organisation", "status", "start_year", "end_year"])


def test_periods_expand_to_years_with_open_ends_and_strongest_status() -> None:
    m = frame(
        [
            ("UZB", "CSTO", "member", 1992, 1999),
            ("UZB", "CSTO", "member", 2006, 2012),
            ("UZB", "CSTO", "suspended", 2012, None),
            ("IRN", "SCO", "observer", 2005, 2023),
            ("IRN", "SCO", "member", 2023, None),
        ]
    )
    y = membership_years(m, range(1998, 2025))
    uzb = y[y.actor == "UZB"]["year"].tolist()
    assert uzb == [1998, 1999, *range(2006, 2013)]  # suspension is not a tie
    irn = y[y.actor == "IRN"].set_index("year")["status"]
    assert irn[2022] == "observer" and irn[2023] == "member" and irn[2024] == "member"


def test_outside_ties_are_those_without_the_reference_state() -> None:
    m = frame(
        [
            ("RUS", "PFP", "partner", 1994, 2014),
            ("RUS", "CSTO", "member", 1992, None),
            ("ARM", "CSTO", "member", 1992, None),
            ("ARM", "PFP", "partner", 1994, None),
            ("ARM", "ENP", "partner", 2004, None),
        ]
    )
    t = outside_ties(m, ["ARM"], [2000, 2010, 2015]).set_index("year")
    assert t.loc[2000, "n_ties"] == 2 and t.loc[2000, "n_outside"] == 0
    assert t.loc[2010, "outside"] == "ENP"
    assert t.loc[2015, "outside"] == "ENP, PFP"  # Russia's PfP tie ended in 2014
    assert t.loc[2015, "n_with_reference"] == 1


def test_unknown_start_is_not_guessed() -> None:
    m = frame([("KAZ", "UN", "member", None, None)])
    assert membership_years(m, [2000]).empty
