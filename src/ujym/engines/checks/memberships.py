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

LATER_STRUCTURES = ("EAEU",)
"""Structures of the same family founded after the article (the Eurasian Economic Union, 2015),
included so that a later window sees them; a structure counts only while it exists."""
STAGES = {"CU": "EURASEC", "SES": "EURASEC"}
"""The definitional choice C1 turns on: the Customs Union and the Single Economic Space read as
stages of EurAsEC (the treaties were concluded within it) rather than as structures of their own."""


@check("C1")
def youngest(data: CheckData, window: Window) -> Finding:
    """C1: the subject organisation the last founded of the structures the claim names.

    The structures are the organisations among the claim's subjects (the CIS, EurAsEC, the SCO,
    the CSTO, the Customs Union and the Single Economic Space, L20–24) and the later Eurasian
    Economic Union, each counted only while it exists during the window (founding and
    dissolution dates). The verdict is given under both readings of what a structure is: the
    Customs Union and the Single Economic Space as structures of their own, or as stages of
    EurAsEC (:data:`STAGES`); supported or contradicted when both agree, mixed when the verdict
    turns on the reading.
    """
    cb = data.casebook
    subject = data.subject
    known = {a.id for a in cb.actors}
    names = [*data.claim_organisations(), *(o for o in LATER_STRUCTURES if o in known)]
    rows = []
    for org in dict.fromkeys(names):
        actor = cb.actor(org)
        if actor.founded is None:
            continue
        founded = actor.founded.earliest()
        ended = actor.dissolved.earliest() if actor.dissolved else None
        rows.append(
            {
                "organisation": org,
                "founded": founded,
                "dissolved": ended,
                "exists": founded.year <= window.end
                and (ended is None or ended.year > window.start),
                "stage_of": STAGES.get(org, ""),
                "source": actor.dates_cite.source if actor.dates_cite else "",
            }
        )
    table = pd.DataFrame(rows).sort_values("founded").reset_index(drop=True)
    existing = table[table["exists"]]
    founded = table.set_index("organisation").loc[subject, "founded"]

    def youngest_of(frame: pd.DataFrame) -> str:
        return str(frame["organisation"].iloc[-1]) if len(frame) else ""

    separate = youngest_of(existing)
    stages = youngest_of(existing[existing["stage_of"] == ""])
    younger = existing[existing["founded"] > founded]
    return Finding(
        window=window,
        verdict=verdict_from([separate == subject, stages == subject]),
        figures={
            "youngest_counting_cu_ses_apart": separate,
            "youngest_counting_cu_ses_as_eurasec_stages": stages,
            "csto_founded": str(founded),
            "younger_than_csto": ", ".join(younger["organisation"]) or "—",
        },
        table=table.assign(
            founded=table["founded"].astype(str),
            dissolved=table["dissolved"].map(lambda d: "" if d is None else str(d)),
        ),
    )
