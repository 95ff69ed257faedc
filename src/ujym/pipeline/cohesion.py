"""Group cohesion in the UN General Assembly, per roll call, year or session.

>>> group_cohesion("CSTO", by="year", years=(1992, 2019))   # doctest: +SKIP

(These examples need the cached datasets; docs/api.md runs them on real data, tested by
tests/test_examples.py.)

Columns
-------
``by="year"`` / ``"session"``: one row per period with at least one roll call:
``year|session``, ``n_members`` (group members that period), ``n_rollcalls`` (roll calls on
which at least one member voted yes, abstain or no), ``ai`` (mean Hix–Noury–Roland Agreement
Index over those roll calls), ``kappa`` (mean pairwise Cohen's kappa, Häge 2011).

``by="rollcall"``: one row per roll call: ``rcid, year, session, n_members, n_voting``
(members voting yes/abstain/no), ``yes, abstain, no``, ``ai``.

A group is an organisation of the casebook (members resolved per year, e.g. the CSTO's members
of each year), a comparison set such as the EU core, or a fixed list of states — anything
:func:`ujym.sources.groups.parse_spec` reads. Provenance (unit ``group-year``, ``group-session``
or ``group-rollcall``) names the votes dataset and, in ``details["group"]``, the group as typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import numpy as np
import pandas as pd

from ujym.core.errors import UnknownCodeError
from ujym.core.provenance import Provenance, Unit, attach
from ujym.core.votes import VoteMatrix
from ujym.engines.alignment import Metric
from ujym.engines.cohesion import agreement_index, mean_pairwise_kappa
from ujym.i18n import _
from ujym.pipeline.dyads import By, _periods, vote_matrix
from ujym.sources.groups import StateSpec, parse_spec, subject_group

UNITS: dict[str, Unit] = {
    "year": Unit.GROUP_YEAR,
    "session": Unit.GROUP_SESSION,
    "rollcall": Unit.GROUP_ROLLCALL,
}
COLUMNS: dict[str, str] = {
    "year": "calendar year of the roll calls",
    "session": "UN General Assembly session",
    "rcid": "roll-call id",
    "n_members": "members of the group in the period (count)",
    "n_rollcalls": "roll calls on which at least one member voted yes, abstain or no (count)",
    "n_voting": "members voting yes, abstain or no (count)",
    "yes": "members voting yes (count)",
    "abstain": "members abstaining (count)",
    "no": "members voting no (count)",
    "ai": "Hix-Noury-Roland Agreement Index, 0..1 (mean over the roll calls of the period)",
    "kappa": "mean pairwise Cohen's kappa of the members (Haege 2011), <= 1",
}


def group_cohesion(
    group: StateSpec,
    *,
    by: Literal["year", "session", "rollcall"] = "year",
    years: Any = None,
    issues: str | Iterable[str] | None = None,
    important: bool | None = None,
    metric: Metric = "absolute",
    matrix: VoteMatrix | None = None,
    dataset: str | None = None,
) -> pd.DataFrame:
    """Cohesion of ``group`` per period (see the module docstring for the columns)."""
    chosen = parse_spec(group)
    if chosen is None:
        raise UnknownCodeError(
            _("no group given"),
            _("name a group such as {group}, or list states: RUS,KAZ").format(
                group=subject_group().id
            ),
        )
    m, datasets = vote_matrix(matrix, dataset, years=years, issues=issues, important=important)
    period_by: By = "year" if by == "rollcall" else by
    values, cols, period_years = _periods(m, period_by)
    rows_out: list[dict[str, Any]] = []
    any_member = False
    for value, col, year in zip(values, cols, period_years, strict=True):
        members = chosen.members(int(year))
        rows = np.flatnonzero(np.isin(m.ccodes, members))
        any_member |= bool(members)
        sub = m.votes[np.ix_(rows, col)]
        ai = agreement_index(sub) if len(col) else np.zeros(0)
        if by == "rollcall":
            for j, c in enumerate(col):
                v = sub[:, j]
                rows_out.append(
                    {
                        "rcid": int(m.rcids[c]),
                        "year": int(m.year[c]),
                        "session": int(m.session[c]),
                        "n_members": len(members),
                        "n_voting": int(((v >= 1) & (v <= 3)).sum()),
                        "yes": int((v == 1).sum()),
                        "abstain": int((v == 2).sum()),
                        "no": int((v == 3).sum()),
                        "ai": float(ai[j]),
                    }
                )
            continue
        voted = ~np.isnan(ai)
        rows_out.append(
            {
                by: int(value),
                "n_members": len(members),
                "n_rollcalls": int(voted.sum()),
                "ai": float(ai[voted].mean()) if voted.any() else float("nan"),
                "kappa": mean_pairwise_kappa(sub, metric=metric) if len(rows) > 1 else float("nan"),
            }
        )
    if not any_member:
        raise UnknownCodeError(
            _("the group {group!r} has no members in these years").format(group=chosen.text),
            _("check the years, or name a group such as {group}").format(group=subject_group().id),
        )
    df = pd.DataFrame(rows_out)
    if not df.empty:
        df = df[df["n_members"] > 0].reset_index(drop=True)
    return attach(
        df,
        Provenance(
            UNITS[by],
            datasets=datasets,
            casebook=chosen.on_casebook,
            columns={c: COLUMNS[c] for c in df.columns},
            details={
                "group": chosen.text,
                "groups": [g.id for g in chosen.groups],
                "slice": {
                    "years": str(years) if years is not None else None,
                    "issues": issues,
                    "important": important,
                },
                "measures": {
                    "ai": "Hix-Noury-Roland 2005",
                    "kappa": f"Haege 2011 Cohen's kappa, {metric}",
                },
            },
        ),
    )


__all__ = ["group_cohesion"]
