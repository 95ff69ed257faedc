"""Check on alliance obligations (ATOP v5, dyad-years).

C5 — of the organisations Russia prioritises (CIS, Customs Union, SES, EurAsEC, SCO, CSTO), only
the CSTO is a politico-military organisation (L24–25).

The organisations compared are the organisations among the claim's ``subjects`` in the casebook,
in that order; the one the claim is about is the article's subject (``article.subject``).
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from ujym.core.claims import ClaimStatus
from ujym.engines.checks.base import CheckData, Finding, Window
from ujym.engines.checks.groups import members_ccodes
from ujym.engines.checks.inference import reference_result
from ujym.engines.checks.registry import check
from ujym.engines.checks.security import exact
from ujym.i18n import _

ATOP = "atop_alliance"


OBLIGATIONS = {
    "atop_defense": "defence", "atop_offense": "offence", "atop_neutral": "neutrality",
    "atop_nonagg": "non-aggression", "atop_consul": "consultation",
}  # fmt: skip
"""ATOP's obligation types (dyad-year flags) and their names."""


def defence_coverage(
    atop: pd.DataFrame, ccodes: list[int], year: int, obligation: str = "atop_defense"
) -> float:
    """Share of member pairs bound by an ``obligation`` (default defence) that year (NaN if < 2)."""
    pairs = list(combinations(sorted(ccodes), 2))
    if not pairs:
        return float("nan")
    if obligation not in atop.columns:
        return float("nan")
    rows = atop[(atop["year"] == year) & (atop[obligation] == 1)]
    bound = set(zip(rows["ccode1"], rows["ccode2"], strict=True))
    return sum((a, b) in bound or (b, a) in bound for a, b in pairs) / len(pairs)


@check("C5", datasets=(ATOP,))
def only_csto_military(data: CheckData, window: Window) -> Finding:
    """C5: the share of each organisation's member pairs bound by a mutual defence obligation."""
    atop = data.frame(ATOP)
    subject = data.subject
    rows = []
    for year in window.years:
        ours = set(members_ccodes(data.members, subject, year))
        for org in data.claim_organisations():
            members = members_ccodes(data.members, org, year)
            if len(members) < 2:
                continue
            rows.append(
                {
                    "year": year,
                    "organisation": org,
                    "coverage": defence_coverage(atop, members, year),
                    **{
                        name: defence_coverage(atop, members, year, col)
                        for col, name in OBLIGATIONS.items()
                        if col != "atop_defense"
                    },
                    # an organisation whose members all belong to the subject organisation cannot
                    # be told apart from it with dyadic obligation data
                    "distinguishable": not set(members) <= ours or org == subject,
                }
            )
    table = pd.DataFrame(rows)
    if table.empty:
        return Finding(window, ClaimStatus.INSUFFICIENT_DATA, {}, note=_("no organisation's pairs"))
    margins: list[float] = []
    others_pass: dict[str, bool] = {}
    for _year, g in table.groupby("year"):
        mine = g[g["organisation"] == subject]["coverage"]
        others = g[(g["organisation"] != subject) & g["distinguishable"]]
        top = float(others["coverage"].max()) if len(others) else 0.0
        full = bool(len(mine)) and float(mine.iloc[0]) == 1.0
        margins.append((float(mine.iloc[0]) if len(mine) else 0.0) - top if full else -1.0)
        for r in others.itertuples():  # the same rule for each other organisation
            rest = g[(g["organisation"] != r.organisation) & g["distinguishable"]]
            ok = r.coverage == 1.0 and bool((rest["coverage"] < 1.0).all())
            others_pass[r.organisation] = others_pass.get(r.organisation, True) and ok
    mean = table.groupby("organisation").mean(numeric_only=True)
    kinds = [k for k in OBLIGATIONS.values() if k in mean.columns and k != "defence"]
    other_ties = "; ".join(
        f"{org}: " + ", ".join(f"{k} {mean.loc[org, k]:.2f}" for k in kinds if mean.loc[org, k] > 0)
        for org in mean.index
        if any(mean.loc[org, k] > 0 for k in kinds)
    )
    return exact(
        window,
        min(margins),
        [reference_result("organisations", [float(v) for v in others_pass.values()])],
        {
            **{f"coverage_{k.lower()}": float(v) for k, v in mean["coverage"].items()},
            "other_obligations": other_ties or "—",
            "not_distinguishable": ", ".join(
                sorted(set(table.loc[~table["distinguishable"], "organisation"]))
            ),
        },
        table,
        "the subject's defence coverage − the next organisation's (−1: not every pair)",
        len(margins),
    )
