"""Check on alliance obligations (ATOP v5, dyad-years).

C5 — of the organisations Russia prioritises (CIS, Customs Union, SES, EurAsEC, SCO, CSTO), only
the CSTO is a politico-military organisation (L24–25).
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from ujym.core.names import Names
from ujym.engines.checks.base import Check, CheckData, Finding, Window, verdict_from
from ujym.engines.checks.groups import members_ccodes

ATOP = "atop_alliance"
ORGANISATIONS = ("CSTO", "CIS", "CU", "SES", "EURASEC", "SCO")


def defence_coverage(atop: pd.DataFrame, ccodes: list[int], year: int) -> float:
    """Share of member pairs bound by a mutual defence obligation that year (NaN if < 2)."""
    pairs = list(combinations(sorted(ccodes), 2))
    if not pairs:
        return float("nan")
    rows = atop[(atop["year"] == year) & (atop["atop_defense"] == 1)]
    bound = set(zip(rows["ccode1"], rows["ccode2"], strict=True))
    return sum((a, b) in bound or (b, a) in bound for a, b in pairs) / len(pairs)


def only_csto_military(data: CheckData, window: Window) -> Finding:
    atop = data.frame(ATOP)
    cb = data.casebook
    rows = []
    for year in window.years:
        csto = set(members_ccodes(cb, "CSTO", year))
        for org in ORGANISATIONS:
            members = members_ccodes(cb, org, year)
            if len(members) < 2:
                continue
            rows.append(
                {
                    "year": year,
                    "organisation": org,
                    "coverage": defence_coverage(atop, members, year),
                    # an organisation whose members are all CSTO members cannot be told apart
                    # from the CSTO with dyadic obligation data
                    "distinguishable": not set(members) <= csto or org == "CSTO",
                }
            )
    table = pd.DataFrame(rows)
    flags = []
    for _year, g in table.groupby("year") if len(table) else []:
        csto_row = g[g["organisation"] == "CSTO"]
        others = g[(g["organisation"] != "CSTO") & g["distinguishable"]]
        flags.append(
            bool(len(csto_row) and csto_row["coverage"].iloc[0] == 1.0)
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


CHECKS = (
    Check(
        claim="C5",
        datasets=(ATOP,),
        operationalisation=Names(
            kk="Әр ұйымның мүше жұптарының қандай үлесі өзара қорғаныс міндеттемесімен байланған "
            "(ATOP v5, atop_defense): ҰҚТШҰ, ТМД, Кеден одағы, БЭК, ЕурАзЭҚ, ШЫҰ.",
            ru="Какая доля пар членов каждой организации связана взаимным оборонным обязательством "
            "(ATOP v5, atop_defense): ОДКБ, СНГ, Таможенный союз, ЕЭП, ЕврАзЭС, ШОС.",
            en="The share of each organisation's member pairs bound by a mutual defence obligation "
            "(ATOP v5, atop_defense): CSTO, CIS, Customs Union, SES, EurAsEC, SCO.",
        ),
        threshold=Names(
            kk="Әр жылы ҰҚТШҰ жұптарының барлығы байланған, ал мүшелері ҰҚТШҰ-дан тыс басқа "
            "ұйымдардың жұптары толық байланбаған. Мүшелері түгел ҰҚТШҰ-да болатын ұйымдарды бұл "
            "деректермен ажырату мүмкін емес және олар көрсетіледі.",
            ru="Каждый год связаны все пары ОДКБ, а у других организаций с членами вне ОДКБ — не "
            "все. Организации, все члены которых состоят в ОДКБ, по этим данным не различимы; они "
            "указываются отдельно.",
            en="Every year all CSTO pairs are bound, and no other organisation with members outside "
            "the CSTO is fully bound. Organisations whose members all belong to the CSTO cannot be "
            "told apart with these data; they are listed separately.",
        ),
        run=only_csto_military,
    ),
)
