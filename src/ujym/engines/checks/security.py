"""Checks on borders, rivals, armed conflict, leaders and alliances (peace-science data).

C14 — Armenia faces entrenched ethno-territorial conflicts (L119–120).
C16 — no state is an adversary of Belarus in the security sphere (L173–174).
C31 — Kyrgyzstan is one of the most unstable post-Soviet states (L349–350).
C32 — Kyrgyzstan borders Tajikistan and Uzbekistan (L352–354).
C40 — Russia is Tajikistan's main partner for security (L402–403).

Each rule is applied to a reference set (all states of the data, or the post-Soviet states), so
the share of the set it also calls supported is reported beside the verdict. A fact read from a
dataset (a border, a rivalry, a treaty obligation) has no sampling error: its interval is the
figure itself (``replicates`` 0, ``resampled`` "exact"); C31's rate of unrest is bootstrapped
over years.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ujym.core.claims import ClaimStatus
from ujym.engines.checks.base import CheckData, Finding, Interval, ReferenceResult, Window
from ujym.engines.checks.capabilities import NMC, POST_SOVIET
from ujym.engines.checks.groups import ccode_of, members_ccodes
from ujym.engines.checks.inference import (
    discriminating,
    judge_members,
    nanquantile,
    random_groups,
    ratio_replicates,
    reference_result,
    resampling_weights,
    seed_for,
    undiscriminating_note,
)
from ujym.engines.checks.registry import check
from ujym.i18n import _

CONTIGUITY = "cow_contdir"
RIVALRIES = "td_rivalries"
CONFLICTS = "ucdp_acd"
LEADERS = "archigos"
ALLIANCES = "atop_alliance"
P5 = (2, 200, 220, 365, 710)
"""The permanent members of the UN Security Council (USA, UK, France, Russia, China)."""


def exact(
    window: Window,
    margin: float,
    reference: Sequence[ReferenceResult],
    figures: dict[str, Any],
    table: pd.DataFrame | None,
    label: str,
    n_units: int,
) -> Finding:
    """A finding on a recorded fact: above zero supported, else contradicted; the interval is
    the figure itself; a rule passing for most of a reference set cannot support.
    """
    verdict = ClaimStatus.SUPPORTED if margin > 0 else ClaimStatus.CONTRADICTED
    final = discriminating(verdict, reference)
    return Finding(
        window=window,
        verdict=final,
        figures=figures,
        table=table,
        note=undiscriminating_note(reference) if final is not verdict else None,
        reference=tuple(reference),
        interval=Interval(margin, margin, replicates=0, resampled="exact"),
        figure=round(margin, 4),
        figure_label=label,
        n_units=n_units,
    )


def _states(data: CheckData, years: Iterable[int]) -> list[int]:
    """States of the data in ``years`` (COW NMC's state-years: every COW state)."""
    nmc = data.frame(NMC)
    return sorted(set(nmc.loc[nmc["year"].isin(list(years)), "ccode"].dropna().astype(int)))


# ---- C32: Kyrgyzstan's borders ------------------------------------------------------------
def _land_neighbours(contiguity: pd.DataFrame, state: int, year: int) -> set[int]:
    """States with a land or river border (COW contiguity type 1) with ``state`` in ``year``."""
    c = contiguity
    start = pd.to_datetime(c["stdate"]).dt.year
    end = pd.to_datetime(c["enddate"]).dt.year
    live = (c["conttype"] == 1) & (start <= year) & (end >= year)
    rows = c[live & ((c["ccode1"] == state) | (c["ccode2"] == state))]
    return {
        int(b if a == state else a) for a, b in zip(rows["ccode1"], rows["ccode2"], strict=True)
    }


@check("C32", datasets=(CONTIGUITY,))
def kyrgyz_borders(data: CheckData, window: Window) -> Finding:
    """C32: Kyrgyzstan has a land border with both Tajikistan and Uzbekistan."""
    contiguity = data.frame(CONTIGUITY)
    kgz, tjk, uzb = (ccode_of(data.casebook, s) for s in ("KGZ", "TJK", "UZB"))
    years = list(window.years)
    both = [{tjk, uzb} <= _land_neighbours(contiguity, kgz, y) for y in years]
    others = [c for c in POST_SOVIET.values() if c not in (kgz, tjk, uzb)]
    passing = [
        float(all({tjk, uzb} <= _land_neighbours(contiguity, c, y) for y in years)) for c in others
    ]
    share = float(np.mean(both))
    return exact(
        window,
        share - 0.5 if all(both) else -1.0,
        [reference_result("post-soviet-others", passing)],
        {
            "borders_tajikistan": all(tjk in _land_neighbours(contiguity, kgz, y) for y in years),
            "borders_uzbekistan": all(uzb in _land_neighbours(contiguity, kgz, y) for y in years),
            "land_neighbours": len(_land_neighbours(contiguity, kgz, window.end)),
        },
        None,
        "KGZ borders TJK and UZB every year (1) − 0.5",
        len(years),
    )


# ---- C14: Armenia's entrenched territorial conflict ---------------------------------------
ENTRENCHED_YEARS = 10
"""C14: a rivalry counts as entrenched when it has lasted at least this many years."""


def _entrenched(rivalries: pd.DataFrame, state: int, year: int) -> int:
    """Spatial (territorial) strategic rivalries of ``state`` live in ``year``, begun at least
    :data:`ENTRENCHED_YEARS` years before.
    """
    r = rivalries
    spatial = (r[["type1", "type2", "type3"]] == "spatial").any(axis=1)
    live = (r["styear"] <= year - ENTRENCHED_YEARS) & (r["endyear"] >= year)
    return int((spatial & live & ((r["ccode1"] == state) | (r["ccode2"] == state))).sum())


@check("C14", datasets=(RIVALRIES, NMC), window=(2010, 2010))
def armenia_entrenched_conflict(data: CheckData, window: Window) -> Finding:
    """C14: Armenia is in a territorial strategic rivalry of ten years or more (Thompson and
    Dreyer's rivalries, coded to 2010); the same rule for every state of the data.
    """
    rivalries = data.frame(RIVALRIES)
    arm = ccode_of(data.casebook, "ARM")
    year = window.end
    mine = _entrenched(rivalries, arm, year)
    states = [c for c in _states(data, [year]) if c != arm]
    passing = [float(_entrenched(rivalries, c, year) > 0) for c in states]
    live = rivalries[(rivalries["endyear"] >= year)
                     & ((rivalries["ccode1"] == arm) | (rivalries["ccode2"] == arm))]  # fmt: skip
    return exact(
        window,
        mine - 0.5,
        [reference_result("states", passing)],
        {
            "entrenched_territorial_rivalries": mine,
            "rivalries": ", ".join(live["rivalryname"].astype(str)) or "—",
            "since": int(live["styear"].min()) if len(live) else "—",
        },
        live[["rivalryname", "styear", "endyear", "type1"]].reset_index(drop=True),
        "ARM's territorial rivalries of 10+ years − 0.5",
        1,
    )


# ---- C16: no adversary of Belarus ---------------------------------------------------------
def _conflict_states(conflicts: pd.DataFrame, years: Iterable[int]) -> set[int]:
    """States that were a side (primary or secondary) of a UCDP/PRIO armed conflict."""
    rows = conflicts[conflicts["year"].isin(list(years))]
    return set(rows["ccode"].dropna().astype(int))


@check("C16", datasets=(CONFLICTS, NMC))
def belarus_without_adversaries(data: CheckData, window: Window) -> Finding:
    """C16: Belarus is a side of no armed conflict (UCDP/PRIO) in the window; the same rule
    for every state of the data.
    """
    conflicts = data.frame(CONFLICTS)
    blr = ccode_of(data.casebook, "BLR")
    fighting = _conflict_states(conflicts, window.years)
    states = [c for c in _states(data, window.years) if c != blr]
    passing = [float(c not in fighting) for c in states]
    return exact(
        window,
        0.5 if blr not in fighting else -0.5,
        [reference_result("states", passing)],
        {
            "belarus_conflict_years": int(
                conflicts[conflicts["year"].isin(list(window.years))]["ccode"].eq(blr).sum()
            ),
            "states_in_conflict": len(fighting),
        },
        None,
        "no UCDP conflict of BLR (0.5) or one (−0.5)",
        len(window.years),
    )


# ---- C31: Kyrgyzstan's instability among post-Soviet states -------------------------------
INDEPENDENCE = 1991
UNSTABLE_QUANTILE = 2 / 3
"""C31: "one of the most unstable" — in the most unstable third of the post-Soviet states."""


@check("C31", datasets=(LEADERS, CONFLICTS))
def kyrgyz_instability(data: CheckData, window: Window) -> Finding:
    """C31: Kyrgyzstan's yearly rate of irregular leader exits (Archigos) and armed-conflict
    years on its side (UCDP/PRIO) since 1991, in the top third of the post-Soviet states.
    """
    leaders, conflicts = data.frame(LEADERS), data.frame(CONFLICTS)
    years = np.arange(INDEPENDENCE, window.end + 1)
    codes = list(POST_SOVIET.values())
    exits = leaders[leaders["exit"].astype(str).eq("Irregular")]
    exit_year = pd.to_datetime(exits["enddate"]).dt.year
    events = np.zeros((len(codes), years.size))
    for i, c in enumerate(codes):
        mine = exit_year[exits["ccode"] == c]
        events[i] += np.isin(years, mine.to_numpy()).astype(float)
        fought = conflicts[
            (conflicts["ccode"] == c) & conflicts["side"].astype(str).isin(["a", "b"])
        ]
        events[i] += np.isin(years, fought["year"].to_numpy()).astype(float)
    if leaders["enddate"].isna().all():
        return Finding(window, ClaimStatus.INSUFFICIENT_DATA, {}, note=_("no Archigos leaders"))
    seed = seed_for("C31", str(window))
    w = resampling_weights(years.size, seed=seed)
    rate, rate_r = ratio_replicates(events, np.ones_like(events), w)
    q, q_r = float(np.quantile(rate, UNSTABLE_QUANTILE)), nanquantile(rate_r, UNSTABLE_QUANTILE, 1)
    margin, margin_r = rate - q, rate_r - q_r[:, None]
    kgz = codes.index(ccode_of(data.casebook, "KGZ"))
    others = np.array([i for i in range(len(codes)) if i != kgz])
    judgement = judge_members(
        margin, margin_r, np.array([kgz]), seed=seed, resampled="years",
        per_state={"post-soviet-others": others},
    )  # fmt: skip
    names = {v: k for k, v in POST_SOVIET.items()}
    table = pd.DataFrame(
        {"state": [names[c] for c in codes], "events": events.sum(axis=1), "rate": rate.round(4)}
    ).sort_values("rate", ascending=False)
    rank = int((rate > rate[kgz]).sum() + 1)
    return Finding(
        window=window,
        verdict=judgement.verdict,
        figures={
            "kyrgyzstan_events": int(events[kgz].sum()),
            "kyrgyzstan_rank_of_15": rank,
            "years": f"{INDEPENDENCE}–{window.end}",
            "top_third_threshold": round(q, 4),
        },
        table=table.reset_index(drop=True),
        note=judgement.note,
        reference=judgement.reference,
        interval=judgement.interval,
        figure=round(judgement.figure, 4),
        figure_label="KGZ unrest per year − post-Soviet 2/3 quantile",
        n_units=int(years.size),
    )


# ---- C40: Russia, Tajikistan's security partner -------------------------------------------
def _defence_partners(atop: pd.DataFrame, state: int, year: int) -> set[int]:
    rows = atop[(atop["year"] == year) & (atop["ccode1"] == state) & (atop["atop_defense"] == 1)]
    return set(rows["ccode2"].astype(int))


@check("C40", datasets=(ALLIANCES,))
def tajik_security_partner(data: CheckData, window: Window) -> Finding:
    """C40: Tajikistan has a defence obligation (ATOP) with Russia and with no other permanent
    member of the Security Council, every year; the same rule for every state of the data.
    """
    atop = data.frame(ALLIANCES)
    tjk, rus = ccode_of(data.casebook, "TJK"), ccode_of(data.casebook, "RUS")
    years = [y for y in window.years if (atop["year"] == y).any()]
    if not years:
        return Finding(window, ClaimStatus.INSUFFICIENT_DATA, {}, note=_("no ATOP year in window"))
    others_p5 = [p for p in P5 if p != rus]

    def holds(state: int) -> bool:
        return all(
            rus in (p := _defence_partners(atop, state, y)) and not p & set(others_p5)
            for y in years
        )

    states = sorted(set(atop.loc[atop["year"].isin(years), "ccode1"].astype(int)) - {tjk, rus})
    passing = [float(holds(c)) for c in states]
    partners = _defence_partners(atop, tjk, years[-1])
    return exact(
        window,
        0.5 if holds(tjk) else -0.5,
        [reference_result("states", passing)],
        {
            "defence_with_russia": rus in partners,
            "defence_with_other_p5": len(partners & set(others_p5)),
            "defence_partners": len(partners),
        },
        None,
        "TJK bound to Russia alone of the P5 (0.5) or not (−0.5)",
        len(years),
    )


# ---- a state's yearly figure against the states of the data -------------------------------
def quantile_rank(
    values: pd.DataFrame,
    state: int,
    window: Window,
    *,
    claim: str,
    q: float,
    above: bool,
    groups: dict[str, Sequence[int]] | None = None,
) -> tuple[float, Any, np.ndarray]:
    """``state``'s margin over the states' ``q`` quantile of a yearly figure, over the years.

    ``values``: states × years (NaN: no figure). Each year the margin is the state's value minus
    that year's quantile over the states (signed: above zero is the claim); the decisive figure is
    its mean over the years, bootstrapped over them. The same rule is applied to every state
    (``states``) and to the states of each of ``groups`` (one by one).
    """
    years = [y for y in window.years if y in values.columns]
    table = values[years]
    thresholds = table.quantile(q, axis=0)
    sign = 1.0 if above else -1.0
    margins = sign * (table - thresholds)
    order = [state, *[c for c in margins.index if c != state]]
    m = margins.reindex(order).to_numpy(dtype=float)
    known = np.isfinite(m)
    seed = seed_for(claim, str(window))
    w = resampling_weights(len(years), seed=seed)
    point, reps = ratio_replicates(np.where(known, m, 0.0), known.astype(float), w)
    position = {c: i for i, c in enumerate(order)}
    sets = {"states": np.arange(1, len(order))}
    for name, codes in (groups or {}).items():
        sets[name] = np.array([position[c] for c in codes if c in position and c != state])
    judgement = judge_members(
        point, reps, np.array([0]), seed=seed, resampled="years", per_state=sets
    )
    return float(thresholds.mean()), judgement, m[0]


def _quantile_finding(
    window: Window, judgement: Any, figures: dict[str, Any], label: str, n_units: int
) -> Finding:
    return Finding(
        window=window, verdict=judgement.verdict, figures=figures, table=None,
        note=judgement.note, reference=judgement.reference, interval=judgement.interval,
        figure=round(judgement.figure, 4) if np.isfinite(judgement.figure) else None,
        figure_label=label, n_units=n_units,
    )  # fmt: skip


IGO = "cow_igo_sy"
PWT = "pwt91"


@check("C33", datasets=(IGO,))
def kyrgyz_cooperation(data: CheckData, window: Window) -> Finding:
    """C33: Kyrgyzstan's full memberships of intergovernmental organisations (COW IGO) above
    the median state's, every year on average.
    """
    igo = data.frame(IGO)
    kgz = ccode_of(data.casebook, "KGZ")
    values = igo.pivot_table(index="ccode", columns="year", values="sum_igo_full", aggfunc="first")
    if kgz not in values.index:
        return Finding(window, ClaimStatus.INSUFFICIENT_DATA, {}, note=_("no IGO counts for KGZ"))
    median, judgement, mine = quantile_rank(
        values, kgz, window, claim="C33", q=0.5, above=True,
        groups={"post-soviet-others": list(POST_SOVIET.values())},
    )  # fmt: skip
    counts = values.loc[kgz, [y for y in window.years if y in values.columns]]
    return _quantile_finding(
        window, judgement,
        {"kyrgyzstan_full_memberships": round(float(counts.mean()), 1),
         "states_median": round(median, 1)},
        "KGZ's full IGO memberships − the states' median", int(np.isfinite(mine).sum()),
    )  # fmt: skip


@check("C37", datasets=(PWT,))
def tajik_economy(data: CheckData, window: Window) -> Finding:
    """C37: Tajikistan's real GDP per head (PWT 9.1) in the poorest quarter of the states."""
    pwt = data.frame(PWT).dropna(subset=["ccode"])
    tjk = ccode_of(data.casebook, "TJK")
    per_head = pwt.assign(value=pwt["rgdpe"] / pwt["pop"], ccode=pwt["ccode"].astype(int))
    values = per_head.pivot_table(index="ccode", columns="year", values="value", aggfunc="first")
    if tjk not in values.index:
        return Finding(window, ClaimStatus.INSUFFICIENT_DATA, {}, note=_("no PWT figures for TJK"))
    quartile, judgement, mine = quantile_rank(
        values, tjk, window, claim="C37", q=0.25, above=False,
        groups={"post-soviet-others": list(POST_SOVIET.values())},
    )  # fmt: skip
    own = values.loc[tjk, [y for y in window.years if y in values.columns]]
    return _quantile_finding(
        window, judgement,
        {"tajikistan_gdp_per_head_usd": round(float(own.mean()) * 1e6 / 1e6, 0),
         "states_lower_quartile_usd": round(quartile, 0)},
        "states' lower quartile − TJK's real GDP per head (2011 US$)",
        int(np.isfinite(mine).sum()),
    )  # fmt: skip


# ---- C46: the members' conflicts with their neighbours -------------------------------------
MIDS = "gml_dirdisp"
NEIGHBOUR_MID_SPAN = 5
"""C46: the latest window covers the last five years of the MID data (GML ends in 2010)."""


def neighbour_disputes(
    mids: pd.DataFrame, contiguity: pd.DataFrame, states: Sequence[int], years: Sequence[int]
) -> np.ndarray:
    """1 where a state is in a militarised dispute with a land neighbour that year, else 0.

    ``(states, years)``; NaN where the state has no land neighbour (COW contiguity type 1) that
    year, so it cannot have such a dispute. A dispute counts for both sides (GML's directed
    dispute-years hold each pair both ways).

    >>> mids = pd.DataFrame({"ccode1": [703], "ccode2": [704], "year": [2010]})
    >>> cont = pd.DataFrame({"ccode1": [703, 703], "ccode2": [704, 702], "conttype": [1, 1],
    ...                      "stdate": ["1991-12-01"] * 2, "enddate": ["2016-12-01"] * 2})
    >>> neighbour_disputes(mids, cont, [703, 702, 2], [2010]).tolist()
    [[1.0], [0.0], [nan]]
    """
    start = pd.to_datetime(contiguity["stdate"]).dt.year.to_numpy()
    end = pd.to_datetime(contiguity["enddate"]).dt.year.to_numpy()
    land = contiguity["conttype"].to_numpy() == 1
    a, b = contiguity["ccode1"].to_numpy(), contiguity["ccode2"].to_numpy()
    disputes = set(
        zip(mids["ccode1"].astype(int), mids["ccode2"].astype(int), mids["year"].astype(int),
            strict=True)
    )  # fmt: skip
    out = np.full((len(states), len(years)), np.nan)
    for j, year in enumerate(years):
        live = land & (start <= year) & (end >= year)
        pairs = list(zip(a[live], b[live], strict=True))
        neighbours: dict[int, set[int]] = {}
        for x, y in pairs:
            neighbours.setdefault(int(x), set()).add(int(y))
            neighbours.setdefault(int(y), set()).add(int(x))
        for i, state in enumerate(states):
            around = neighbours.get(int(state))
            if around:
                out[i, j] = float(any((int(state), n, year) in disputes for n in around))
    return out


@check("C46", datasets=(MIDS, CONTIGUITY, NMC), latest_span=NEIGHBOUR_MID_SPAN)
def neighbour_conflicts(data: CheckData, window: Window) -> Finding:
    """C46: the members are in militarised disputes with their land neighbours in a larger share
    of their years than the states of the data; the same rule for random groups of their size.
    """
    mids, contiguity = data.frame(MIDS), data.frame(CONTIGUITY)
    years = [y for y in window.years if (mids["year"] == y).any()]
    if not years:
        return Finding(window, ClaimStatus.INSUFFICIENT_DATA, {}, note=_("no MID year in window"))
    states = _states(data, years)
    events = neighbour_disputes(mids, contiguity, states, years)
    pos = {c: i for i, c in enumerate(states)}
    member = np.zeros_like(events)
    for j, year in enumerate(years):
        for c in members_ccodes(data.members, data.subject, year):
            if c in pos:
                member[pos[c], j] = 1.0
    known = np.isfinite(events)
    ev = np.where(known, events, 0.0)
    size = len(members_ccodes(data.members, data.subject, years[-1]))
    every_year = [i for i in range(len(states)) if known[i].all()]
    seed = seed_for("C46", str(window))
    drawn = random_groups(every_year, size, seed=seed)
    num = [(ev * member).sum(axis=0), ev.sum(axis=0)]
    den = [(known * member).sum(axis=0), known.sum(axis=0)]
    for g in drawn:
        num.append(ev[g].sum(axis=0))
        den.append(known[g].sum(axis=0))
    w = resampling_weights(len(years), seed=seed)
    point, reps = ratio_replicates(np.array(num), np.array(den), w)
    margin, margin_r = point - point[1], reps - reps[:, [1]]
    keep = np.r_[0, np.arange(2, margin.size)]
    judgement = judge_members(
        margin[keep], margin_r[:, keep], np.array([0]), seed=seed, resampled="years",
        per_state={"random-groups": np.arange(1, keep.size)},
    )  # fmt: skip
    names = {v: k for k, v in POST_SOVIET.items()}
    rows = [
        {"state": names.get(c, str(c)), "years": int(member[pos[c]].sum()),
         "dispute_years": int((ev[pos[c]] * member[pos[c]]).sum())}
        for c in states if member[pos[c]].any()
    ]  # fmt: skip
    return Finding(
        window=window,
        verdict=judgement.verdict,
        figures={
            "members_share": round(float(point[0]), 4),
            "states_share": round(float(point[1]), 4),
            "member_years": int(den[0].sum()),
            "years": f"{years[0]}–{years[-1]}",
        },
        table=pd.DataFrame(rows, columns=["state", "years", "dispute_years"]),
        note=judgement.note,
        reference=judgement.reference,
        interval=judgement.interval,
        figure=round(judgement.figure, 4) if np.isfinite(judgement.figure) else None,
        figure_label="members' share of years in a MID with a neighbour − all states' share",
        n_units=len(years),
    )
