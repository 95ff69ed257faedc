"""Record checks: they read only the casebook's dated records (memberships, founding dates).

C1  — the CSTO is the youngest of the region's integration structures (L20–24).
C22 — Kazakhstan is multi-vector: it works in the UN, OSCE and CSTO (L198–201, L215–217).
C33 — Kyrgyzstan is active in the CSTO, SCO, UN and OSCE (L317–319, L346–348).

The article's subject organisation (``article.subject``, the CSTO) is read from the casebook; each
check's operationalisation and rule are the claim's ``check:`` block.
"""

from __future__ import annotations

import pandas as pd

from ujym.engines.checks.base import CheckData, Finding, Window, verdict_from
from ujym.engines.checks.registry import check
from ujym.engines.overlap import outside_ties


@check("C22")
def kazakhstan_multi_vector(data: CheckData, window: Window) -> Finding:
    """C22: Kazakhstan a member of the UN, the OSCE and the subject organisation every year."""
    return holds_all(data, window, "KAZ", ("UN", "OSCE", data.subject))


@check("C33")
def kyrgyzstan_active(data: CheckData, window: Window) -> Finding:
    """C33: Kyrgyzstan a member of the subject organisation, the SCO, the UN and the OSCE."""
    return holds_all(data, window, "KGZ", (data.subject, "SCO", "UN", "OSCE"))


def holds_all(
    data: CheckData, window: Window, state: str, organisations: tuple[str, ...]
) -> Finding:
    """Supported in the years ``state`` is a member of every one of ``organisations``."""
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
    flags = [not r.missing for r in table.itertuples()]
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
