"""Record checks: they read only the casebook's dated records (memberships, founding dates).

C1  — the CSTO is the youngest of the region's integration structures (L20–24).

(C22 and C33 were record checks of the casebook's own memberships; they are data checks now:
C22 on UN votes in :mod:`.voting`, C33 on COW IGO counts in :mod:`.security`.)

The article's subject organisation (``article.subject``, the CSTO) is read from the casebook; each
check's operationalisation and rule are the claim's ``check:`` block.
"""

from __future__ import annotations

import pandas as pd

from ujym.engines.checks.base import CheckData, Finding, Window, verdict_from
from ujym.engines.checks.registry import check


@check("C1")
def youngest(data: CheckData, window: Window) -> Finding:
    """C1: the subject organisation the last founded of the structures the claim names.

    The structures are the organisations among the claim's subjects (the CIS, EurAsEC, the SCO,
    the CSTO, the Customs Union and the Single Economic Space, L20–24), with their founding dates.
    """
    cb = data.casebook
    subject = data.subject
    rows = []
    for org in data.claim_organisations():
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
    founded = table.set_index("organisation").loc[subject, "founded"]
    younger = existing[existing["founded"] > founded]
    return Finding(
        window=window,
        verdict=verdict_from([youngest_org == subject]),
        figures={
            "youngest": youngest_org,
            "csto_founded": str(founded),
            "younger_than_csto": ", ".join(younger["organisation"]),
        },
        table=table.assign(founded=table["founded"].astype(str)),
    )
