"""Membership overlap: which organisations a state belongs to each year, and its outside ties.

The multi-vector picture the article describes (DIGEST §3.3, second regularity) as data: for each
state-year, the organisations and programmes it takes part in, and how many of them are ties
*outside* a reference state's orbit — organisations in which the reference state (Russia by
default) holds no membership or partnership that year. The definition uses the casebook's dated
memberships only; no organisation is labelled "Western" or "Eastern" by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

TIE_STATUSES: tuple[str, ...] = ("member", "observer", "partner")
"""Statuses that count as a tie (suspended and withdrawn periods do not)."""


def membership_years(
    memberships: pd.DataFrame,
    years: Iterable[int],
    *,
    statuses: Sequence[str] = TIE_STATUSES,
) -> pd.DataFrame:
    """Expand dated membership periods into actor–organisation–year rows.

    ``memberships`` is :meth:`ujym.Casebook.memberships_frame` (``actor, organisation, status,
    start_year, end_year``); a period covers a year when any day of it falls inside the period.
    Open ends run to the last requested year; an unknown start is not guessed (the row is skipped).

    Examples
    --------
    >>> m = pd.DataFrame({"actor": ["KAZ"], "organisation": ["SCO"], "status": ["member"],
    ...                   "start_year": [2001], "end_year": [pd.NA]})
    >>> membership_years(m, range(2000, 2003))["year"].tolist()
    [2001, 2002]
    """
    wanted = sorted(set(years))
    if not wanted:
        return pd.DataFrame(columns=["actor", "organisation", "status", "year"])
    lo, hi = wanted[0], wanted[-1]
    rows = []
    for r in memberships.itertuples(index=False):
        if r.status not in statuses or pd.isna(r.start_year):
            continue
        end = hi if pd.isna(r.end_year) else int(r.end_year)
        for y in range(max(int(r.start_year), lo), min(end, hi) + 1):
            rows.append((r.actor, r.organisation, r.status, y))
    out = pd.DataFrame(rows, columns=["actor", "organisation", "status", "year"])
    out = out[out["year"].isin(wanted)]
    # one row per actor-organisation-year; the strongest status wins (member, observer, partner)
    order = {s: i for i, s in enumerate(("member", "observer", "partner"))}
    out = out.assign(_o=out["status"].map(order)).sort_values("_o")
    out = out.drop_duplicates(["actor", "organisation", "year"]).drop(columns="_o")
    return out.sort_values(["actor", "year", "organisation"]).reset_index(drop=True)


def outside_ties(
    memberships: pd.DataFrame,
    actors: Iterable[str],
    years: Iterable[int],
    *,
    reference: str = "RUS",
    organisations: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Per actor-year: organisations it is tied to, and those without the ``reference`` state.

    Returns one row per actor-year with ``n_ties`` (organisations and programmes the actor takes
    part in), ``n_with_reference`` (of which the reference state is part that year),
    ``n_outside`` (of which it is not) and ``outside`` (their ids, comma-separated).
    ``organisations`` restricts the organisations considered (default: all in ``memberships``).

    Examples
    --------
    >>> m = pd.DataFrame({"actor": ["KAZ", "KAZ", "RUS"], "organisation": ["CSTO", "PFP", "CSTO"],
    ...                   "status": ["member", "partner", "member"],
    ...                   "start_year": [1992, 1994, 1992], "end_year": [pd.NA] * 3})
    >>> row = outside_ties(m, ["KAZ"], [2013]).iloc[0]
    >>> int(row["n_ties"]), int(row["n_outside"]), row["outside"]
    (2, 1, 'PFP')
    """
    ys = sorted(set(years))
    rows_ = membership_years(memberships, ys)
    if organisations is not None:
        rows_ = rows_[rows_["organisation"].isin(list(organisations))]
    ref = set(
        map(tuple, rows_.loc[rows_["actor"] == reference, ["organisation", "year"]].to_numpy())
    )
    rows = []
    for actor in actors:
        mine = rows_[rows_["actor"] == actor]
        for y in ys:
            orgs = sorted(mine.loc[mine["year"] == y, "organisation"])
            outside = [o for o in orgs if (o, y) not in ref]
            rows.append(
                {
                    "actor": actor,
                    "year": y,
                    "n_ties": len(orgs),
                    "n_with_reference": len(orgs) - len(outside),
                    "n_outside": len(outside),
                    "ties": ", ".join(orgs),
                    "outside": ", ".join(outside),
                }
            )
    return pd.DataFrame(rows)
