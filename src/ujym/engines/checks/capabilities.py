"""Checks on material capabilities (COW National Material Capabilities).

C9  — the main burden of the CSTO falls on Russia (L66–67 [5]).
C20 — Kazakhstan is second after Russia among the members (L195–197, L274–275).
C36 — Tajikistan was the only post-Soviet state with no armed forces at all (L380–381).

Generic method (any article's claims, decision 0008): ``capability-rank``.

The group is the article's subject organisation (``article.subject``, the CSTO) with each year's
members from the casebook; each check's operationalisation and rule are the claim's ``check:``
block.
"""

from __future__ import annotations

import pandas as pd

from ujym.core.claims import ClaimStatus
from ujym.engines.capabilities import capability_shares, concentration
from ujym.engines.checks.base import CheckData, Finding, Window, verdict_from
from ujym.engines.checks.groups import ccode_of, members_ccodes
from ujym.engines.checks.registry import check, method

NMC = "cow_nmc"
BURDEN_THRESHOLD = 0.5


def _shares(data: CheckData, window: Window) -> pd.DataFrame:
    cb = data.casebook
    return capability_shares(
        data.frame(NMC),
        lambda year: members_ccodes(cb, data.subject, year),
        components=("cinc", "milex", "milper"),
        years=window.years,
    )


@check("C9", datasets=(NMC,))
def burden(data: CheckData, window: Window) -> Finding:
    """C9: Russia's share of the members' CINC and military expenditure."""
    rus = ccode_of(data.casebook, "RUS")
    shares = _shares(data, window)
    hhi = concentration(shares).set_index("year")["hhi"]
    mine = shares[shares["ccode"] == rus].set_index("year")
    table = pd.DataFrame(
        {
            "share_cinc": mine["share_cinc"],
            "share_milex": mine["share_milex"].where(mine["complete_milex"]),
            "hhi_cinc": hhi.reindex(mine.index),
        }
    )
    flags = [
        bool(r.share_cinc >= BURDEN_THRESHOLD)
        and (pd.isna(r.share_milex) or bool(r.share_milex >= BURDEN_THRESHOLD))
        for r in table.dropna(subset=["share_cinc"]).itertuples()
    ]
    return Finding(
        window=window,
        verdict=verdict_from(flags),
        figures={
            "russia_share_cinc_mean": float(table["share_cinc"].mean()),
            "russia_share_milex_mean": float(table["share_milex"].mean()),
            "years_with_complete_milex": int(table["share_milex"].notna().sum()),
            "hhi_cinc_mean": float(table["hhi_cinc"].mean()),
        },
        table=table.reset_index(),
    )


def _ranks(data: CheckData, window: Window, state: str) -> pd.DataFrame:
    """``state``'s rank among the subject's members by CINC and by military expenditure, by year.

    Columns ``rank_cinc, rank_milex, share_cinc``, indexed by year (the years it is a member).
    """
    code = ccode_of(data.casebook, state)
    shares = _shares(data, window)
    shares["rank_milex"] = shares.groupby("year")["milex"].rank(ascending=False, method="min")
    mine = shares[shares["ccode"] == code].set_index("year")
    return mine[["rank_cinc", "rank_milex", "share_cinc"]].astype(float)


@check("C20", datasets=(NMC,))
def second_after_russia(data: CheckData, window: Window) -> Finding:
    """C20: Kazakhstan's rank among the members by CINC (and by military expenditure)."""
    table = _ranks(data, window, "KAZ")
    flags = [bool(r == 2) for r in table["rank_cinc"].dropna()]
    return Finding(
        window=window,
        verdict=verdict_from(flags),
        figures={
            "years_second_in_cinc": int(sum(flags)),
            "years": len(flags),
            "kazakhstan_share_cinc_mean": float(table["share_cinc"].mean()),
            "median_rank_milex": float(table["rank_milex"].median()),
        },
        table=table.reset_index(),
    )


@method("capability-rank", datasets=(NMC,), parameters=("state", "rank"))
def capability_rank(data: CheckData, window: Window) -> Finding:
    """A state holds rank ``rank`` among the subject organisation's members by CINC each year.

    Parameters of the claim's ``check:`` block: ``state`` (an actor id of the casebook) and
    ``rank`` (1: the strongest). Supported when the state holds that rank every year of the
    window, contradicted when in none; its rank by military expenditure is reported beside.
    """
    state, rank = str(data.parameter("state")), int(data.parameter("rank"))
    table = _ranks(data, window, state)
    flags = [bool(r == rank) for r in table["rank_cinc"].dropna()]
    return Finding(
        window=window,
        verdict=verdict_from(flags),
        figures={
            "years_at_rank": int(sum(flags)),
            "years": len(flags),
            "share_cinc_mean": float(table["share_cinc"].mean()),
            "median_rank_cinc": float(table["rank_cinc"].median()),
            "median_rank_milex": float(table["rank_milex"].median()),
        },
        table=table.reset_index(),
    )


POST_SOVIET = {
    "RUS": 365, "EST": 366, "LVA": 367, "LTU": 368, "UKR": 369, "BLR": 370, "ARM": 371,
    "GEO": 372, "AZE": 373, "MDA": 359, "TKM": 701, "TJK": 702, "KGZ": 703, "UZB": 704,
    "KAZ": 705,
}  # fmt: skip
"""COW codes of the fifteen former Soviet republics (Correlates of War state system)."""


@check("C36", datasets=(NMC,), window=(1991, 1993))
def tajik_forces(data: CheckData, window: Window) -> Finding:
    """C36: Tajikistan's military personnel at independence against the other Soviet republics."""
    nmc = data.frame(NMC)
    rows = nmc[nmc["ccode"].isin(POST_SOVIET.values()) & nmc["year"].isin(window.years)]
    first = rows.dropna(subset=["milper"]).sort_values("year").groupby("ccode").first()
    if 702 not in first.index:
        return Finding(window, ClaimStatus.INSUFFICIENT_DATA, {}, note="no milper for Tajikistan")
    tjk = float(first.loc[702, "milper"])
    lowest = float(first["milper"].min())
    if tjk == 0:
        verdict = ClaimStatus.SUPPORTED
    elif tjk == lowest:
        verdict = ClaimStatus.MIXED
    else:
        verdict = ClaimStatus.CONTRADICTED
    names = {v: k for k, v in POST_SOVIET.items()}
    table = (
        first.reset_index()[["ccode", "year", "milper"]]
        .assign(state=lambda d: d["ccode"].map(names))
        .sort_values("milper")
    )
    return Finding(
        window=window,
        verdict=verdict,
        figures={
            "tajikistan_milper_thousands": tjk,
            "tajikistan_first_year": int(first.loc[702, "year"]),
            "lowest_milper_thousands": lowest,
            "states_compared": len(first),
            "next_lowest_thousands": float(sorted(first["milper"])[1]) if len(first) > 1 else tjk,
        },
        table=table,
    )
