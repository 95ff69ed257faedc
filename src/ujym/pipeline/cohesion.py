"""Group cohesion in the UN General Assembly, per roll call, year or session.

>>> group_cohesion("CSTO", by="year", years=(1992, 2019))   # doctest: +SKIP

(These examples need the cached datasets; docs/api.md runs them on real data, tested by
tests/test_examples.py.)

Columns
-------
``by="year"`` / ``"session"``: one row per period in which the group has members:
``year|session``, ``n_members`` (the group's members that period, by its definition: the
casebook's dated memberships or the list given), ``n_members_present`` (of them, those that voted
yes, abstain or no at least once in the period's roll calls), ``n_rollcalls`` (roll calls on
which at least one member voted), ``ai`` (mean Hix–Noury–Roland Agreement Index over those roll
calls), ``kappa`` (mean pairwise Cohen's kappa, Häge 2011, over the pairs of members with at least
``min_rollcalls`` roll calls in common), ``status`` and ``reason``.

By default the roll calls are the *contested* ones (not every state present voted alike:
Voeten's rule, :func:`ujym.engines.alignment.contested`); ``rollcalls="all"`` keeps the
unanimous ones too and adds ``n_contested``. Below two members present or ``min_rollcalls``
(default 10) contested roll calls on which a member voted, ``ai`` and ``kappa`` are withheld
(missing, ``status`` ``insufficient``, :mod:`ujym.engines.evidence`): one member present would
otherwise agree with itself perfectly.

``by="rollcall"``: one row per roll call of the set: ``rcid, year, session, n_members,
n_voting`` (members voting yes/abstain/no), ``yes, abstain, no``, ``ai``, ``status`` and
``reason`` (``ai`` withheld when fewer than two members voted).

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
from ujym.engines.evidence import (
    MIN_MEMBERS,
    MIN_ROLLCALLS,
    check_minimum,
    enough_members,
    members_reason,
    rollcall_reason,
    statuses,
)
from ujym.i18n import _
from ujym.pipeline.dyads import ALL_ROLLCALLS, By, RollCalls, _periods, rollcall_sets, vote_matrix
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
    "n_members": "members of the group in the period, by its definition (count)",
    "n_members_present": "members that voted yes, abstain or no at least once in the period",
    "n_rollcalls": "contested roll calls on which at least one member voted yes, abstain or no",
    "n_contested": "contested roll calls among n_rollcalls (the minimum of evidence reads it)",
    "n_voting": "members voting yes, abstain or no (count)",
    "yes": "members voting yes (count)",
    "abstain": "members abstaining (count)",
    "no": "members voting no (count)",
    "ai": "Hix-Noury-Roland Agreement Index, 0..1 (mean over the roll calls of the period)",
    "kappa": "mean pairwise Cohen's kappa of the members (Haege 2011), <= 1",
    "status": "ok, or insufficient: fewer than two members present or too few contested roll "
    "calls (by roll call: fewer than two members voting)",
    "reason": "why the figures are withheld (empty when ok)",
}


def group_cohesion(
    group: StateSpec,
    *,
    by: Literal["year", "session", "rollcall"] = "year",
    years: Any = None,
    issues: str | Iterable[str] | None = None,
    important: bool | None = None,
    metric: Metric = "absolute",
    rollcalls: RollCalls = "contested",
    min_rollcalls: int = MIN_ROLLCALLS,
    matrix: VoteMatrix | None = None,
    dataset: str | None = None,
) -> pd.DataFrame:
    """Cohesion of ``group`` per period (see the module docstring for the columns).

    ``rollcalls`` (``"contested"`` or ``"all"``) and ``min_rollcalls`` set the roll calls and
    the minimum of evidence, as for dyads (:func:`ujym.pipeline.dyads.add_alignment`).
    """
    chosen = parse_spec(group)
    if chosen is None:
        raise UnknownCodeError(
            _("no group given"),
            _("name a group such as {group}, or list states: RUS,KAZ").format(
                group=subject_group().id
            ),
        )
    minimum = check_minimum(min_rollcalls)
    m, datasets = vote_matrix(matrix, dataset, years=years, issues=issues, important=important)
    used, disputed = rollcall_sets(m, rollcalls)
    period_by: By = "year" if by == "rollcall" else by
    values, cols, period_years = _periods(m, period_by)
    rows_out: list[dict[str, Any]] = []
    any_member = False
    for value, all_cols, year in zip(values, cols, period_years, strict=True):
        members = chosen.members(int(year))
        any_member |= bool(members)
        col = all_cols[used[all_cols]]
        rows = np.flatnonzero(np.isin(m.ccodes, members))
        sub = m.votes[np.ix_(rows, col)]
        voting = (sub >= 1) & (sub <= 3)
        ai = agreement_index(sub) if len(col) else np.zeros(0)
        if by == "rollcall":
            for j, c in enumerate(col):
                n_voting = int(voting[:, j].sum())
                ok = n_voting >= MIN_MEMBERS
                v = sub[:, j]
                rows_out.append(
                    {
                        "rcid": int(m.rcids[c]),
                        "year": int(m.year[c]),
                        "session": int(m.session[c]),
                        "n_members": len(members),
                        "n_voting": n_voting,
                        "yes": int((v == 1).sum()),
                        "abstain": int((v == 2).sum()),
                        "no": int((v == 3).sum()),
                        "ai": float(ai[j]) if ok else float("nan"),
                        "status": statuses(ok).item(),
                        "reason": "" if ok else _("fewer than two members voting"),
                    }
                )
            continue
        voted = ~np.isnan(ai)
        everything = m.votes[np.ix_(rows, all_cols)]  # present: voted on any roll call
        present = int(((everything >= 1) & (everything <= 3)).any(axis=1).sum())
        n_rollcalls = int(voted.sum())
        n_contested = int((voted & disputed[col]).sum())
        ok = bool(enough_members(present, n_contested, minimum))
        row: dict[str, Any] = {
            by: int(value),
            "n_members": len(members),
            "n_members_present": present,
            "n_rollcalls": n_rollcalls,
        }
        if rollcalls == "all":
            row["n_contested"] = n_contested
        kappa = mean_pairwise_kappa(sub, metric=metric, min_common=minimum) if ok else np.nan
        reason = "" if ok else _reason(present, n_contested, minimum)
        rows_out.append(
            row
            | {
                "ai": float(ai[voted].mean()) if ok else float("nan"),
                "kappa": float(kappa),
                "status": statuses(ok).item(),
                "reason": reason,
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
    described = {c: COLUMNS[c] for c in df.columns}
    if rollcalls == "all":
        described["n_rollcalls"] = "roll calls (unanimous ones included) on which at least one "
        described["n_rollcalls"] += "member voted yes, abstain or no"
        for c in ("ai", "kappa"):
            if c in described:
                described[c] += ALL_ROLLCALLS
    return attach(
        df,
        Provenance(
            UNITS[by],
            datasets=datasets,
            casebook=chosen.on_casebook,
            columns=described,
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
                "rollcalls": rollcalls,
                "min_rollcalls": minimum,
            },
        ),
    )


def _reason(present: int, n_contested: int, minimum: int) -> str:
    """Why a group-period's cohesion is withheld."""
    if present < MIN_MEMBERS:
        return members_reason()
    return rollcall_reason(n_contested, minimum, group=True)


__all__ = ["group_cohesion"]
