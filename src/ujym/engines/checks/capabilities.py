"""Checks on material capabilities (COW National Material Capabilities).

C9  — the main burden of the CSTO falls on Russia (L66–67 [5]).
C20 — Kazakhstan is second after Russia among the members (L195–197, L274–275).
C21 — Kazakhstan's standing army is 77,000 strong (L270–274).
C36 — Tajikistan was the only post-Soviet state with no armed forces at all (L380–381).

Generic method (any article's claims, decision 0008): ``capability-rank``.

The group is the article's subject organisation (``article.subject``, the CSTO) with each year's
members from the casebook; each check's operationalisation and rule are the claim's ``check:``
block.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from ujym.core.claims import ClaimStatus
from ujym.engines.capabilities import capability_shares
from ujym.engines.checks.base import CheckData, Finding, Interval, Window, verdict_from
from ujym.engines.checks.groups import ccode_of, members_ccodes
from ujym.engines.checks.inference import (
    Judgement,
    judge_members,
    random_groups,
    ratio_replicates,
    reference_result,
    resampling_weights,
    seed_for,
)
from ujym.engines.checks.registry import check, method
from ujym.i18n import _

NMC = "cow_nmc"
PWT = "pwt91"
MIN_YEARS = 2
"""A figure bootstrapped over years needs at least this many years (one year has no interval)."""
BURDEN_THRESHOLD = 0.5


def _shares(data: CheckData, window: Window) -> pd.DataFrame:
    return capability_shares(
        data.frame(NMC),
        lambda year: members_ccodes(data.members, data.subject, year),
        components=("cinc", "milex", "milper"),
        years=window.years,
    )


def _year_judgement(
    margins: np.ndarray,
    *,
    seed: int,
    per_state: dict[str, np.ndarray] | None = None,
    groups_margins: dict[str, np.ndarray] | None = None,
) -> tuple[float, Judgement]:
    """Judge a margin observed in several years: its mean over the years, bootstrapped over them.

    ``margins`` ``(series, years)``: the claim's subject is series 0; ``per_state`` names rows of
    further series (each a unit of a reference set); ``groups_margins`` gives, per reference
    set, a ``(units, years)`` array of the same margin for each unit.
    """
    sets = {name: rows for name, rows in (per_state or {}).items()}
    blocks = [margins]
    for name, extra in (groups_margins or {}).items():
        start = sum(b.shape[0] for b in blocks)
        blocks.append(extra)
        sets[name] = np.arange(start, start + extra.shape[0])
    allm = np.concatenate(blocks)
    known = np.isfinite(allm)
    if known[0].sum() < MIN_YEARS:
        why = _("fewer than {n} years with every measure the rule needs").format(n=MIN_YEARS)
        thin = Judgement(float("nan"), None, ClaimStatus.INSUFFICIENT_DATA, (), why)
        return float("nan"), thin
    w = resampling_weights(allm.shape[1], seed=seed)
    point, reps = ratio_replicates(np.where(known, allm, 0.0), known.astype(float), w)
    judgement = judge_members(
        point, reps, np.array([0]), seed=seed, resampled="years", per_state=sets
    )
    return float(point[0]), judgement


def _finding(window: Window, j: Judgement, figures: dict[str, Any], table: pd.DataFrame,
             label: str, n_units: int) -> Finding:  # fmt: skip
    return Finding(
        window=window, verdict=j.verdict, figures=figures, table=table, note=j.note,
        reference=j.reference, interval=j.interval, figure=round(j.figure, 4)
        if np.isfinite(j.figure) else None, figure_label=label, n_units=n_units,
    )  # fmt: skip


def _largest_share_margin(nmc: pd.DataFrame, members: list[int], year: int) -> float:
    """min(largest member's share of CINC, its share of milex) − ½; NaN if a milex is missing."""
    rows = nmc[(nmc["year"] == year) & nmc["ccode"].isin(members)]
    if len(rows) < len(members) or rows["milex"].isna().any() or rows["cinc"].isna().any():
        return float("nan")
    top = rows.loc[rows["cinc"].idxmax()]
    cinc = top["cinc"] / rows["cinc"].sum()
    milex = top["milex"] / rows["milex"].sum() if rows["milex"].sum() > 0 else float("nan")
    return float(min(cinc, milex) - BURDEN_THRESHOLD)


def _both_measures(shares: pd.DataFrame, rus: int) -> pd.DataFrame:
    """Russia's rows of ``shares`` by year, with ``margin`` NaN where a member lacks milex."""
    mine = shares[shares["ccode"] == rus].set_index("year")
    complete = mine["complete_milex"].astype(bool)
    margin = np.fmin(mine["share_cinc"], mine["share_milex"]) - BURDEN_THRESHOLD
    return mine.assign(margin=margin.where(complete), complete=complete)


def _missing_milex(data: CheckData, shares: pd.DataFrame) -> str:
    lacking = shares[shares["milex"].isna()]
    return ", ".join(
        f"{_iso(data, int(c))} {int(y)}"
        for c, y in zip(lacking["ccode"], lacking["year"], strict=True)
    )


@check("C9", datasets=(NMC,))
def burden(data: CheckData, window: Window) -> Finding:
    """C9: Russia's share of the members' CINC and of their military expenditure, both above
    half; the same rule for the largest member of random groups of the same size.

    The rule needs both measures in a year. When fewer than two years of the window have them
    (a member's military expenditure is missing), the check reads the nearest earlier years
    that have both, at most as many years back as the window is long, and says which years it
    used (``years_used``); it never counts a year without milex as a pass.
    """
    rus = ccode_of(data.casebook, "RUS")
    nmc = data.frame(NMC)
    shares = _shares(data, window)
    mine = _both_measures(shares, rus)
    if mine.empty:
        return Finding(window, ClaimStatus.INSUFFICIENT_DATA, {}, note=_("no CINC for Russia"))
    missing = _missing_milex(data, shares)
    used = [int(y) for y in mine.index[mine["margin"].notna()]]
    moved = False
    if len(used) < MIN_YEARS and missing:
        span = len(window.years)
        before = Window(window.label, window.start - span, window.start - 1)
        earlier_shares = _shares(data, before)
        earlier = _both_measures(earlier_shares, rus)
        extra = sorted((int(y) for y in earlier.index[earlier["margin"].notna()]), reverse=True)
        extra = extra[: max(0, MIN_YEARS - len(used))]
        if extra and len(used) + len(extra) >= MIN_YEARS:
            mine = pd.concat([earlier.loc[sorted(extra)], mine[mine["margin"].notna()]])
            used = [int(y) for y in mine.index]
            moved = True
    table = pd.DataFrame(
        {
            "share_cinc": mine["share_cinc"],
            "share_milex": mine["share_milex"].where(mine["complete"]),
        }
    ).reset_index()
    if not used:
        return Finding(
            window, ClaimStatus.INSUFFICIENT_DATA,
            {"russia_share_cinc_mean": round(float(mine["share_cinc"].mean()), 4)}, table=table,
            note=_("military expenditure (COW NMC milex) missing: {missing}; the rule needs both "
                   "CINC and milex").format(missing=missing),
        )  # fmt: skip
    if moved:
        note = _(
            "military expenditure (COW NMC milex) missing: {missing}; the check uses the years "
            "with both measures nearest before: {years}"
        ).format(missing=missing, years=", ".join(map(str, used)))
    elif missing:
        note = _(
            "military expenditure (COW NMC milex) missing: {missing}; those years left out"
        ).format(missing=missing)
    else:
        note = None
    margin = mine.loc[used, "margin"].to_numpy(dtype=float)
    seed = seed_for("C9", str(window))
    population = sorted(set(nmc.loc[nmc["year"].isin(used), "ccode"].dropna().astype(int)))
    drawn = random_groups(population, len(members_ccodes(data.members, data.subject, used[-1])),
                          seed=seed)  # fmt: skip
    rand = np.array([[_largest_share_margin(nmc, list(g), y) for y in used] for g in drawn])
    _point, judgement = _year_judgement(
        margin[None, :], seed=seed, groups_margins={"random-groups": rand}
    )
    used_rows = mine.loc[used]
    finding = _finding(
        window,
        judgement,
        {
            "russia_share_cinc_mean": round(float(used_rows["share_cinc"].mean()), 4),
            "russia_share_milex_mean": round(float(used_rows["share_milex"].mean()), 4),
            "years_with_both": len(used),
            "years_used": ", ".join(map(str, used)),
        },
        table,
        "min(Russia's share of CINC, of milex) − 0.5",
        len(used),
    )
    return replace(finding, note="; ".join(n for n in (judgement.note, note) if n) or None)


def _iso(data: CheckData, ccode: int) -> str:
    """The ISO3 code of a state of the casebook (the COW code when it has no actor)."""
    for actor in data.casebook.actors:
        if actor.codes is not None and actor.codes.ccode == ccode:
            return actor.codes.iso3
    return str(ccode)


def _ranks(data: CheckData, window: Window, state: str) -> pd.DataFrame:
    """``state``'s rank among the subject's members by CINC and by military expenditure, by year.

    Columns ``rank_cinc, rank_milex, share_cinc``, indexed by year (the years it is a member).
    """
    code = ccode_of(data.casebook, state)
    shares = _shares(data, window)
    shares["rank_milex"] = shares.groupby("year")["milex"].rank(ascending=False, method="min")
    mine = shares[shares["ccode"] == code].set_index("year")
    return mine[["rank_cinc", "rank_milex", "share_cinc"]].astype(float)


def _second_margin(values: pd.DataFrame, state: int, leader: int) -> pd.Series:
    """Per year: (state's value − the largest other member's, leader left out) / members' total.

    ``values`` is member-years with ``ccode, year, value``; NaN where a member lacks the value.
    """
    out = {}
    for year, g in values.groupby("year"):
        if g["value"].isna().any() or state not in set(g["ccode"]):
            out[int(year)] = np.nan
            continue
        others = g[~g["ccode"].isin([state, leader])]["value"]
        mine = float(g.loc[g["ccode"] == state, "value"].iloc[0])
        total = float(g["value"].sum())
        out[int(year)] = (mine - float(others.max())) / total if len(others) and total else np.nan
    return pd.Series(out, dtype=float)


MEASURES_C20 = {"cinc": "CINC", "milper": "troops", "gdp": "GDP"}


@check("C20", datasets=(NMC, PWT))
def second_after_russia(data: CheckData, window: Window) -> Finding:
    """C20: Kazakhstan second after Russia among the members by CINC, by troops (COW milper)
    and by real GDP (PWT 9.1): the smallest of the three margins over the next member.
    """
    kaz, rus = ccode_of(data.casebook, "KAZ"), ccode_of(data.casebook, "RUS")
    nmc, pwt = data.frame(NMC), data.frame(PWT)
    rows = []
    for year in window.years:
        for c in members_ccodes(data.members, data.subject, year):
            n = nmc[(nmc["ccode"] == c) & (nmc["year"] == year)]
            g = pwt[(pwt["ccode"] == c) & (pwt["year"] == year)]
            rows.append({
                "year": year, "ccode": c,
                "cinc": float(n["cinc"].iloc[0]) if len(n) else np.nan,
                "milper": float(n["milper"].iloc[0]) if len(n) else np.nan,
                "gdp": float(g["rgdpe"].iloc[0]) if len(g) else np.nan,
            })  # fmt: skip
    frame = pd.DataFrame(rows)
    if frame.empty:
        return Finding(
            window, ClaimStatus.INSUFFICIENT_DATA, {}, note=_("no members in the window")
        )
    margins = pd.DataFrame(
        {m: _second_margin(frame.rename(columns={m: "value"}), kaz, rus) for m in MEASURES_C20}
    )
    decisive = margins.min(axis=1, skipna=False)
    others = sorted({c for c in frame["ccode"] if c not in (kaz, rus)})
    other_margins = np.array([
        pd.DataFrame(
            {m: _second_margin(frame.rename(columns={m: "value"}), c, rus) for m in MEASURES_C20}
        ).min(axis=1, skipna=False).reindex(decisive.index).to_numpy()
        for c in others
    ]).reshape(len(others), len(decisive))  # fmt: skip
    if not np.isfinite(decisive.to_numpy()).any():
        lacking = [MEASURES_C20[m] for m in MEASURES_C20 if margins[m].isna().all()]
        return Finding(
            window, ClaimStatus.INSUFFICIENT_DATA, {}, table=margins.reset_index(),
            note=_("missing for a member: {measures} (the rule needs CINC, troops and GDP)").format(
                measures=", ".join(_(m) for m in lacking) or _("a measure")
            ),
        )  # fmt: skip
    seed = seed_for("C20", str(window))
    _point, judgement = _year_judgement(
        np.concatenate([decisive.to_numpy()[None, :], other_margins]), seed=seed,
        per_state={"members-others": np.arange(1, len(others) + 1)},
    )  # fmt: skip
    is_kaz = frame["ccode"] == kaz
    ranks = {
        m: frame.groupby("year")[m].rank(ascending=False, method="min")[is_kaz].median()
        for m in MEASURES_C20
    }
    kz = frame[frame["ccode"] == kaz]
    return _finding(
        window,
        judgement,
        {
            "median_rank_cinc": float(ranks["cinc"]),
            "median_rank_troops": float(ranks["milper"]),
            "median_rank_gdp": float(ranks["gdp"]),
            "kazakhstan_troops_thousands": round(float(kz["milper"].mean()), 1),
            "margin_cinc": round(float(margins["cinc"].mean()), 4),
            "margin_troops": round(float(margins["milper"].mean()), 4),
            "margin_gdp": round(float(margins["gdp"].mean()), 4),
        },
        margins.reset_index(names="year"),
        "min over CINC, troops, GDP of (KAZ − next member) / members' total",
        int(np.isfinite(decisive.to_numpy()).sum()),
    )


ARTICLE_TROOPS = 77.0
"""C21: the article's standing troops of Kazakhstan, thousands (L270)."""
TROOPS_TOLERANCE = 0.10
"""C21: a figure within 10 % of the article's counts as the same."""


@check("C21", datasets=(NMC,))
def kazakh_troops(data: CheckData, window: Window) -> Finding:
    """C21: Kazakhstan's military personnel (COW NMC milper) against the article's 77,000."""
    kaz = ccode_of(data.casebook, "KAZ")
    nmc = data.frame(NMC)
    rows = nmc[nmc["year"].isin(window.years)].pivot_table(
        index="ccode", columns="year", values="milper", aggfunc="first"
    ).reindex(columns=list(window.years))  # fmt: skip
    if kaz not in rows.index or rows.loc[kaz].isna().all():
        return Finding(
            window, ClaimStatus.INSUFFICIENT_DATA, {}, note=_("no milper for Kazakhstan")
        )
    margin = TROOPS_TOLERANCE - (rows / ARTICLE_TROOPS - 1).abs()
    order = [kaz, *[c for c in rows.index if c != kaz]]
    margin = margin.loc[order].to_numpy()
    _point, judgement = _year_judgement(
        margin, seed=seed_for("C21", str(window)),
        per_state={"nmc-states": np.arange(1, len(order))},
    )  # fmt: skip
    troops = rows.loc[kaz]
    return _finding(
        window,
        judgement,
        {
            "kazakhstan_troops_thousands": round(float(troops.mean()), 1),
            "by_year": ", ".join(f"{y}: {v:g}" for y, v in troops.dropna().items()),
            "article_thousands": ARTICLE_TROOPS,
        },
        troops.rename("milper").rename_axis("year").reset_index(),
        "0.10 − |KAZ troops / 77,000 − 1|",
        int(troops.notna().sum()),
    )


@method("capability-rank", datasets=(NMC,), parameters=("state", "rank"))
def capability_rank(data: CheckData, window: Window) -> Finding:
    """A state holds rank ``rank`` among the subject organisation's members by CINC each year.

    Parameters of the claim's ``check:`` block: ``state`` (an actor id of the casebook) and
    ``rank`` (1: the strongest). Supported when the state holds that rank every year of the
    window, contradicted when in none; its rank by military expenditure is reported beside.
    """
    state, rank = str(data.parameter("state")), int(data.parameter("rank"))
    table = _ranks(data, window, state)
    flags = [bool(r == rank) for r in table["rank_cinc"].dropna()]
    return Finding(
        window=window,
        verdict=verdict_from(flags),
        figures={
            "years_at_rank": int(sum(flags)),
            "years": len(flags),
            "share_cinc_mean": float(table["share_cinc"].mean()),
            "median_rank_cinc": float(table["rank_cinc"].median()),
            "median_rank_milex": float(table["rank_milex"].median()),
        },
        table=table.reset_index(),
    )


POST_SOVIET = {
    "RUS": 365, "EST": 366, "LVA": 367, "LTU": 368, "UKR": 369, "BLR": 370, "ARM": 371,
    "GEO": 372, "AZE": 373, "MDA": 359, "TKM": 701, "TJK": 702, "KGZ": 703, "UZB": 704,
    "KAZ": 705,
}  # fmt: skip
"""COW codes of the fifteen former Soviet republics (Correlates of War state system)."""


@check("C36", datasets=(NMC,), window=(1991, 1993))
def tajik_forces(data: CheckData, window: Window) -> Finding:
    """C36: Tajikistan's military personnel at independence against the other Soviet republics."""
    nmc = data.frame(NMC)
    rows = nmc[nmc["ccode"].isin(POST_SOVIET.values()) & nmc["year"].isin(window.years)]
    first = rows.dropna(subset=["milper"]).sort_values("year").groupby("ccode").first()
    if 702 not in first.index:
        return Finding(
            window, ClaimStatus.INSUFFICIENT_DATA, {}, note=_("no milper for Tajikistan")
        )
    tjk = float(first.loc[702, "milper"])
    lowest = float(first["milper"].min())
    if tjk == 0:
        verdict = ClaimStatus.SUPPORTED
    elif tjk == lowest:
        verdict = ClaimStatus.MIXED
    else:
        verdict = ClaimStatus.CONTRADICTED
    others = first.drop(index=702)["milper"]
    reference = (reference_result("post-soviet-others", (others == 0).astype(float).to_numpy()),)
    next_lowest = float(others.min()) if len(others) else tjk
    names = {v: k for k, v in POST_SOVIET.items()}
    table = (
        first.reset_index()[["ccode", "year", "milper"]]
        .assign(state=lambda d: d["ccode"].map(names))
        .sort_values("milper")
    )
    return Finding(
        window=window,
        verdict=verdict,
        figures={
            "tajikistan_milper_thousands": tjk,
            "tajikistan_first_year": int(first.loc[702, "year"]),
            "lowest_milper_thousands": lowest,
            "states_compared": len(first),
            "next_lowest_thousands": float(sorted(first["milper"])[1]) if len(first) > 1 else tjk,
        },
        table=table,
        reference=reference,
        interval=Interval(next_lowest - tjk, next_lowest - tjk, replicates=0, resampled="exact"),
        figure=next_lowest - tjk,
        figure_label="next-lowest republic's personnel − Tajikistan's (thousands)",
        n_units=len(first),
    )
