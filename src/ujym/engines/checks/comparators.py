"""C15 — Armenia against Georgia and Azerbaijan, the comparators the claim names (L155–158).

The claim (a quotation, [12]): being a partner of both the CSTO and NATO preserves Armenia's
security and lets it keep its balance, "as a state with several geopolitical advantages
compared with Georgia and Azerbaijan". Whether the partnerships *preserve* anything is a
judgement; what data can say is whether Armenia stands ahead of both named comparators. Three
parts, each a state's value minus the better of the two comparators' (above zero: ahead of
both):

* **security** — the years of the window in which the state was a primary party (side A or B)
  of a UCDP/PRIO armed conflict: the comparators' fewer minus its own, per year of the window (a
  recorded fact: exact);
* **balance** — C12's balance between Russia and the West in UN General Assembly votes (minus
  the distance between its agreement with Russia and with the West), bootstrapped over the
  window's contested roll calls;
* **capabilities** — each year, for CINC and for military personnel (COW NMC), the state's
  value minus the larger comparator's over the three states' total; the smaller of the two
  measures, the mean over the years, bootstrapped over years.

The decisive figure is the smallest part (ahead in all three); its replicates are each
replicate's smallest part, every part drawn over its own units. Parts that disagree (ahead in
one, behind in another) give ``mixed``. The same rule is applied with every other state, and
every other former Soviet republic, in Armenia's place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ujym.core.claims import ClaimStatus
from ujym.engines.checks.base import VOTES, CheckData, Finding, Window
from ujym.engines.checks.capabilities import MIN_YEARS, NMC, POST_SOVIET
from ujym.engines.checks.groups import ccode_of
from ujym.engines.checks.inference import (
    REPLICATES,
    FloatArray,
    interval,
    judge_members,
    margin_verdict,
    ratio_replicates,
    resampling_weights,
    seed_for,
)
from ujym.engines.checks.registry import check
from ujym.engines.checks.voting import window_votes
from ujym.engines.evidence import MIN_ROLLCALLS
from ujym.engines.multivector import RUSSIA, UNITED_STATES, eu_core
from ujym.i18n import N_, _

CONFLICTS = "ucdp_acd"
SUBJECT = "ARM"
COMPARATORS = ("GEO", "AZE")
PRIMARY_SIDES = ("a", "b")
"""UCDP sides that make a state a primary party (``a_2nd``/``b_2nd``: states supporting a side
with troops — ISAF's contributors, and Armenia for Nagorno-Karabakh; see docs/checks.md)."""
PARTS = {"security": N_("security"), "balance": N_("balance"), "capabilities": N_("capabilities")}
"""The parts of the comparison, in the order the table and the note give them."""
CAPABILITY_MEASURES = ("cinc", "milper")
FIGURE_LABEL = N_("ARM's smallest margin over GEO and AZE (security, balance, capabilities)")


@dataclass(frozen=True)
class Part:
    """One part of the comparison for every state: its value, bootstrapped (higher is better).

    ``value`` ``(states,)`` and ``reps`` ``(replicates, states)``; NaN where a state has no
    figure.
    """

    value: FloatArray
    reps: FloatArray


def ahead_of(part: Part, rivals: Sequence[int]) -> tuple[FloatArray, FloatArray]:
    """Every state's value minus the better of ``rivals``' (positions): point and replicates.

    >>> part = Part(np.array([0.3, 0.1, 0.2]), np.array([[0.3, 0.1, 0.2]]))
    >>> point, reps = ahead_of(part, [1, 2])
    >>> point.round(2).tolist()
    [0.1, -0.1, 0.0]
    """
    best = float(np.max(part.value[list(rivals)]))
    best_r = np.max(part.reps[:, list(rivals)], axis=1)
    return part.value - best, part.reps - best_r[:, None]


def conflict_years(
    conflicts: pd.DataFrame, states: Sequence[int], years: Sequence[int]
) -> FloatArray:
    """Years of ``years`` in which each state was a primary party of a UCDP/PRIO armed conflict.

    >>> acd = pd.DataFrame({"conflict_id": [1, 1, 2], "year": [2012, 2013, 2012],
    ...                     "side": ["a", "a", "a_2nd"], "ccode": [373, 373, 372]})
    >>> conflict_years(acd, [371, 372, 373], [2011, 2012, 2013]).tolist()
    [0.0, 0.0, 2.0]
    """
    rows = conflicts[conflicts["year"].isin(list(years))
                     & conflicts["side"].astype(str).isin(PRIMARY_SIDES)].dropna(subset=["ccode"])  # fmt: skip
    per_state = rows.astype({"ccode": "int64"}).groupby("ccode")["year"].nunique()
    return np.array([float(per_state.get(int(c), 0)) for c in states])


def capability_margins(values: dict[str, FloatArray], rivals: Sequence[int]) -> FloatArray:
    """Per state and year: the smallest over the measures of (state − larger rival) / total.

    ``values`` maps a measure to ``(states, years)``; ``rivals`` are positions. The total is the
    state's value plus its rivals'; a rival is compared with the other rivals only. NaN where a
    value is missing.

    >>> cinc = np.array([[3.0], [1.0], [2.0]])
    >>> capability_margins({"cinc": cinc}, [1, 2]).round(3).tolist()
    [[0.167], [-0.333], [0.333]]
    """
    out: FloatArray | None = None
    for v in values.values():
        margin = np.full_like(v, np.nan)
        for i in range(v.shape[0]):
            rest = v[[r for r in rivals if r != i]]
            with np.errstate(invalid="ignore", divide="ignore"):
                margin[i] = (v[i] - rest.max(axis=0)) / (v[i] + rest.sum(axis=0))
        out = margin if out is None else np.minimum(out, margin)  # NaN when either is missing
    return np.full((0, 0), np.nan) if out is None else out


def _mean_over_years(margins: FloatArray, weights: FloatArray) -> Part:
    """A margin observed in several years: its mean over the years known, bootstrapped."""
    known = np.isfinite(margins)
    point, reps = ratio_replicates(np.where(known, margins, 0.0), known.astype(float), weights)
    return Part(point, reps)


def _insufficient(window: Window, why: str) -> Finding:
    return Finding(window, ClaimStatus.INSUFFICIENT_DATA, {}, note=why)


def combined_verdict(decisive: ClaimStatus, parts: dict[str, ClaimStatus]) -> ClaimStatus:
    """The verdict of a claim of several parts (C15's rule).

    ``decisive`` is the verdict on the smallest part (after the reference sets); ``parts`` each
    part's own verdict. Ahead in some parts and behind in others: mixed; behind in some and
    ahead in none: contradicted; else inconclusive, unless the smallest part supports.

    >>> S, C, I = ClaimStatus.SUPPORTED, ClaimStatus.CONTRADICTED, ClaimStatus.INCONCLUSIVE
    >>> combined_verdict(C, {"security": I, "balance": S, "capabilities": C}).value
    'mixed'
    >>> combined_verdict(C, {"security": I, "balance": I, "capabilities": C}).value
    'contradicted'
    """
    if decisive is ClaimStatus.SUPPORTED:
        return decisive
    ahead = ClaimStatus.SUPPORTED in parts.values()
    behind = ClaimStatus.CONTRADICTED in parts.values()
    if ahead and behind:
        return ClaimStatus.MIXED
    return ClaimStatus.CONTRADICTED if behind else ClaimStatus.INCONCLUSIVE


def _parts_note(parts: dict[str, ClaimStatus], rivals: str) -> str:
    def named(status: ClaimStatus) -> str:
        return ", ".join(_(PARTS[p]) for p, v in parts.items() if v is status) or "—"

    return _("ahead of {rivals} in: {ahead}; behind in: {behind}; undecided in: {even}").format(
        rivals=rivals,
        ahead=named(ClaimStatus.SUPPORTED),
        behind=named(ClaimStatus.CONTRADICTED),
        even=named(ClaimStatus.INCONCLUSIVE),
    )


@check("C15", datasets=(CONFLICTS, VOTES, NMC))
def armenia_against_neighbours(data: CheckData, window: Window) -> Finding:
    """C15: Armenia ahead of both Georgia and Azerbaijan in security (UCDP), balance between
    Russia and the West (UN votes) and capabilities (CINC, troops); the same rule with every
    other state, and every other former Soviet republic, in Armenia's place.
    """
    arm, geo, aze = (ccode_of(data.casebook, s) for s in (SUBJECT, *COMPARATORS))
    trio = (arm, geo, aze)
    conflicts, nmc = data.frame(CONFLICTS), data.frame(NMC)
    years = list(window.years)
    covered = not conflicts.empty and conflicts["year"].min() <= years[0] <= years[-1] <= (
        conflicts["year"].max()
    )
    if not covered:
        return _insufficient(window, _("the UCDP data do not cover the window"))
    wv = window_votes(data, window.years, window=window)
    in_nmc = set(nmc.loc[nmc["year"].isin(years), "ccode"].dropna().astype(int))
    states = sorted(set(wv.ccodes.tolist()) & in_nmc)
    pos = {c: i for i, c in enumerate(states)}
    if not set(trio) <= set(states):
        return _insufficient(window, _("no UN votes or COW NMC figures for ARM, GEO or AZE"))
    own, rivals = [pos[c] for c in trio], [pos[geo], pos[aze]]

    # balance: minus |agreement with Russia − agreement with the West| (C12's balance)
    core = eu_core(window.end)
    rus, rus_r = wv.agreement(RUSSIA)
    usa, usa_r = wv.agreement(UNITED_STATES)
    eu, eu_r = wv.mean_agreement(core)
    at = wv.index(states)
    balance = Part(-np.abs(rus - (usa + eu) / 2)[at], -np.abs(rus_r - (usa_r + eu_r) / 2)[:, at])
    if wv.n_roll_calls < MIN_ROLLCALLS or not np.isfinite(balance.value[own]).all():
        why = _("fewer than {n} contested roll calls of ARM, GEO or AZE with Russia and the West")
        return _insufficient(window, why.format(n=MIN_ROLLCALLS))

    # capabilities: CINC and troops (COW NMC), by year
    rows = nmc[nmc["year"].isin(years)]
    measures = {
        m: rows.pivot_table(index="ccode", columns="year", values=m, aggfunc="first")
        .reindex(index=states, columns=years).to_numpy(dtype=float)
        for m in CAPABILITY_MEASURES
    }  # fmt: skip
    complete = np.all([np.isfinite(v[own]).all(axis=0) for v in measures.values()], axis=0)
    if complete.sum() < MIN_YEARS:
        why = _("fewer than {n} years with CINC and troops (COW NMC) for ARM, GEO and AZE")
        return _insufficient(window, why.format(n=MIN_YEARS))
    seed = seed_for("C15", str(window))
    capability = _mean_over_years(
        capability_margins(measures, rivals), resampling_weights(len(years), seed=seed)
    )

    # security: minus the share of the window's years as a primary party of an armed conflict
    fought = conflict_years(conflicts, states, years)
    peace = -fought / len(years)
    security = Part(peace, np.broadcast_to(peace, (REPLICATES, peace.size)))

    margins = {
        "security": ahead_of(security, rivals),
        "balance": ahead_of(balance, rivals),
        "capabilities": (capability.value, capability.reps),
    }
    point = np.minimum.reduce([m[0] for m in margins.values()])  # NaN when a part is missing
    reps = np.minimum.reduce([m[1] for m in margins.values()])
    leave_out = {RUSSIA, UNITED_STATES, *core, *trio}  # the poles and the claim's own states
    candidates = [i for i, c in enumerate(states) if c not in leave_out and np.isfinite(point[i])]
    post_soviet = [pos[c] for c in POST_SOVIET.values() if c in pos and pos[c] in candidates]
    judgement = judge_members(
        point, reps, np.array([pos[arm]]), seed=seed, resampled="roll calls and years",
        per_state={"post-soviet-others": np.array(post_soviet, dtype=np.intp),
                   "states": np.array(candidates, dtype=np.intp)},
    )  # fmt: skip
    parts = {
        name: margin_verdict(float(m[0][pos[arm]]), interval(m[1][:, pos[arm]]))
        for name, m in margins.items()
    }
    verdict = combined_verdict(judgement.verdict, parts)
    names = dict(zip(trio, (SUBJECT, *COMPARATORS), strict=True))
    table = pd.DataFrame(
        [
            {
                "state": names[c],
                "security": round(float(ahead_of(security, others)[0][pos[c]]), 4),
                "balance": round(float(ahead_of(balance, others)[0][pos[c]]), 4),
                "capabilities": round(float(np.nanmean(
                    capability_margins(measures, others)[pos[c]])), 4),
                "conflict_years": int(fought[pos[c]]),
                "cinc": round(float(np.nanmean(measures["cinc"][pos[c]])), 5),
                "troops_thousands": round(float(np.nanmean(measures["milper"][pos[c]])), 1),
            }
            for c in trio
            for others in [[pos[o] for o in trio if o != c]]
        ]
    )  # fmt: skip
    figures: dict[str, object] = {
        f"{name}_margin": round(float(m[0][pos[arm]]), 4) for name, m in margins.items()
    }
    for c in trio:
        figures[f"{names[c].lower()}_conflict_years"] = int(fought[pos[c]])
    for c in trio:
        figures[f"{names[c].lower()}_balance"] = round(float(balance.value[pos[c]]), 4)
    figures["roll_calls"] = wv.n_roll_calls
    figures["years_with_capabilities"] = int(complete.sum())
    parts_note = None if verdict is ClaimStatus.SUPPORTED else _parts_note(parts, "GEO, AZE")
    return Finding(
        window=window,
        verdict=verdict,
        figures=figures,
        table=table,
        note="; ".join(n for n in (judgement.note, parts_note) if n) or None,
        reference=judgement.reference,
        interval=judgement.interval,
        figure=round(judgement.figure, 4) if np.isfinite(judgement.figure) else None,
        figure_label=FIGURE_LABEL,
        n_units=wv.n_roll_calls + len(years),
    )
