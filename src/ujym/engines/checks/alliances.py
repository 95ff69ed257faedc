"""Check on alliance obligations (ATOP v5, dyad-years).

C5 — of the organisations Russia prioritises (CIS, Customs Union, SES, EurAsEC, SCO, CSTO), only
the CSTO is a politico-military organisation (L24–25).

The organisations compared are the organisations among the claim's ``subjects`` in the casebook,
in that order; the one the claim is about is the article's subject (``article.subject``).
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from ujym.engines.checks.base import CheckData, Finding, Window, verdict_from
from ujym.engines.checks.groups import members_ccodes
from ujym.engines.checks.registry import check

ATOP = "atop_alliance"


def defence_coverage(atop: pd.DataFrame, ccodes: list[int], year: int) -> float:
    """Share of member pairs bound by a mutual defence obligation that year (NaN if < 2)."""
    pairs = list(combinations(sorted(ccodes), 2))
    if not pairs:
        return float("nan")
    rows = atop[(atop["year"] == year) & (atop["atop_defense"] == 1)]
    bound = set(zip(rows["ccode1"], rows["ccode2"], strict=True))
    return sum((a, b) in bound or (b, a) in bound for a, b in pairs) / len(pairs)


@check("C5", datasets=(ATOP,))
def only_csto_military(data: CheckData, window: Window) -> Finding:
    """C5: the share of each organisation's member pairs bound by a mutual defence obligation."""
    atop = data.frame(ATOP)
    cb = data.casebook
    subject = data.subject
    rows = []
    for year in window.years:
        ours = set(members_ccodes(cb, subject, year))
        for org in data.claim_organisations():
            members = members_ccodes(cb, org, year)
            if len(members) < 2:
                continue
            rows.append(
                {
                    "year": year,
                    "organisation": org,
                    "coverage": defence_coverage(atop, members, year),
                    # an organisation whose members all belong to the subject organisation cannot
                    # be told apart from it with dyadic obligation data
                    "distinguishable": not set(members) <= ours or org == subject,
                }
            )
    table = pd.DataFrame(rows)
    flags = []
    for _year, g in table.groupby("year") if len(table) else []:
        subject_row = g[g["organisation"] == subject]
        others = g[(g["organisation"] != subject) & g["distinguishable"]]
        flags.append(
            bool(len(subject_row) and subject_row["coverage"].iloc[0] == 1.0)
            and bool((others["coverage"] < 1.0).all())
        )
    mean = table.groupby("organisation")["coverage"].mean() if len(table) else pd.Series()
    return Finding(
        window=window,
        verdict=verdict_from(flags),
        figures={
            **{f"coverage_{k.lower()}": float(v) for k, v in mean.items()},
            "not_distinguishable": ", ".join(
                sorted(set(table.loc[~table["distinguishable"], "organisation"]))
            )
            if len(table)
            else "",
        },
        table=table,
    )
