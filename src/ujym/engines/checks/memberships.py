"""Checks on memberships (the casebook's dated memberships, from official records).

C22 — Kazakhstan is multi-vector: it works in the UN, OSCE and CSTO (L198–201, L215–217).
C33 — Kyrgyzstan is active in the CSTO, SCO, UN and OSCE (L317–319, L346–348).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ujym.core.names import Names
from ujym.engines.checks.base import Check, CheckData, Finding, Window, verdict_from
from ujym.engines.overlap import outside_ties


def _holds_all(
    state: str, organisations: tuple[str, ...], need_outside: bool
) -> Callable[[CheckData, Window], Finding]:
    def run(data: CheckData, window: Window) -> Finding:
        cb = data.casebook
        ties = outside_ties(cb.memberships_frame(), [state], window.years)
        rows = []
        for r in ties.itertuples():
            held = set(filter(None, str(r.ties).split(", ")))
            rows.append(
                {
                    "year": r.year,
                    "held": ", ".join(o for o in organisations if o in held),
                    "missing": ", ".join(o for o in organisations if o not in held),
                    "n_ties": r.n_ties,
                    "n_outside": r.n_outside,
                    "outside": r.outside,
                }
            )
        table = pd.DataFrame(rows)
        flags = [
            (not r.missing) and (r.n_outside > 0 or not need_outside) for r in table.itertuples()
        ]
        return Finding(
            window=window,
            verdict=verdict_from(flags),
            figures={
                "years_all_held": int(sum(not m for m in table["missing"])),
                "years": len(table),
                "mean_ties": float(table["n_ties"].mean()),
                "mean_outside_ties": float(table["n_outside"].mean()),
                "outside_latest": str(table["outside"].iloc[-1]) if len(table) else "",
            },
            table=table,
        )

    return run


CHECKS: tuple[Check, ...] = (
    Check(
        claim="C22",
        datasets=(),
        operationalisation=Names(
            kk="Қазақстанның БҰҰ, ЕҚЫҰ және ҰҚТШҰ-ға мүшелігі және Ресей қатыспайтын ұйымдар мен "
            "бағдарламалардағы байланыстары (casebook-тағы ресми деректерге негізделген мүшелік "
            "мерзімдері).",
            ru="Членство Казахстана в ООН, ОБСЕ и ОДКБ и его связи с организациями и программами, в "
            "которых не участвует Россия (датированное членство по официальным данным casebook).",
            en="Kazakhstan's membership of the UN, OSCE and CSTO, and its ties to organisations and "
            "programmes Russia is not part of (dated memberships from official records in the "
            "casebook).",
        ),
        threshold=Names(
            kk="Әр жылы үш ұйымға да мүше (Ресейсіз байланыстар саны қосымша көрсетіледі).",
            ru="Каждый год — член всех трёх (число связей без России приводится дополнительно).",
            en="A member of all three in every year (ties without Russia are reported alongside).",
        ),
        run=_holds_all("KAZ", ("UN", "OSCE", "CSTO"), need_outside=False),
    ),
    Check(
        claim="C33",
        datasets=(),
        operationalisation=Names(
            kk="Қырғызстанның ҰҚТШҰ, ШЫҰ, БҰҰ және ЕҚЫҰ-ға мүшелігі (casebook-тағы ресми деректер).",
            ru="Членство Кыргызстана в ОДКБ, ШОС, ООН и ОБСЕ (официальные данные casebook).",
            en="Kyrgyzstan's membership of the CSTO, SCO, UN and OSCE (official records in the "
            "casebook).",
        ),
        threshold=Names(
            kk="Әр жылы төрт ұйымның бәріне мүше.",
            ru="Каждый год — член всех четырёх.",
            en="A member of all four in every year.",
        ),
        run=_holds_all("KGZ", ("CSTO", "SCO", "UN", "OSCE"), need_outside=False),
    ),
)


REGIONAL = ("CIS", "EURASEC", "SCO", "CSTO", "CU", "SES")
"""The integration structures of the post-Soviet region the article names (L20–24)."""


def youngest(data: CheckData, window: Window) -> Finding:
    cb = data.casebook
    rows = []
    for org in REGIONAL:
        actor = cb.actor(org)
        if actor.founded is None:
            continue
        rows.append(
            {
                "organisation": org,
                "founded": actor.founded.earliest(),
                "source": actor.dates_cite.source if actor.dates_cite else "",
            }
        )
    table = pd.DataFrame(rows).sort_values("founded").reset_index(drop=True)
    existing = table[table["founded"].map(lambda d: d.year) <= window.end]
    youngest_org = existing["organisation"].iloc[-1] if len(existing) else ""
    younger = existing[existing["founded"] > table.set_index("organisation").loc["CSTO", "founded"]]
    return Finding(
        window=window,
        verdict=verdict_from([youngest_org == "CSTO"]),
        figures={
            "youngest": youngest_org,
            "csto_founded": str(table.set_index("organisation").loc["CSTO", "founded"]),
            "younger_than_csto": ", ".join(younger["organisation"]),
        },
        table=table.assign(founded=table["founded"].astype(str)),
    )


CHECKS = (
    *CHECKS,
    Check(
        claim="C1",
        datasets=(),
        operationalisation=Names(
            kk="Мақала атаған аймақтық интеграциялық құрылымдардың (ТМД, ЕурАзЭҚ, ШЫҰ, ҰҚТШҰ, Кеден "
            "одағы, БЭК) құрылған күндері, ресми деректер бойынша (casebook).",
            ru="Даты создания названных в статье региональных интеграционных структур (СНГ, "
            "ЕврАзЭС, ШОС, ОДКБ, Таможенный союз, ЕЭП) по официальным данным (casebook).",
            en="The founding dates of the regional integration structures the article names (CIS, "
            "EurAsEC, SCO, CSTO, Customs Union, SES), from official records (casebook).",
        ),
        threshold=Names(
            kk="Кезең соңына дейін құрылғандардың ішінде ҰҚТШҰ ең соңғысы болса — расталады.",
            ru="Подтверждается, если ОДКБ — последняя из созданных к концу периода.",
            en="Supported when the CSTO is the last of them founded by the end of the window.",
        ),
        run=youngest,
    ),
)
