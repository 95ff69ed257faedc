"""Checks on UN General Assembly voting (roll calls; Voeten's data or the UN Library's).

C3  — members pursue inconsistent, even contradictory policies (L11–13, L435–442).
C12 — Armenia's complementarism: a balance with the West (L128–132, L140–149).
C18 — Belarus has no comparable alternative cooperation with the West (L180–181).
C30 — Kazakhstan has considerable authority with the West (L300–302).
C38 — Tajikistan turns toward the USA and China (L392–399).
C45 — the members' interests are broadly similar (L426–431).
C47 — the members do not object to Russia's dominant position (L446–449).

Generic method (any article's claims, decision 0008): ``members-agreement``.

Every measure comes from :mod:`ujym.engines.alignment` and :mod:`ujym.engines.cohesion`:
Voeten agreement (abstention counts half; absences and non-members left out) between two
states over the roll calls of a calendar year, and the Hix–Noury–Roland Agreement Index of a
group per roll call. "The West" is the mean of a state's agreement with the United States and
with the EU core of :mod:`ujym.engines.multivector` (France, Germany, Italy, the UK to 2019; the
mean over those that voted). The members of the article's subject organisation (the CSTO) in a
year come from the casebook's dated memberships. Each check's operationalisation and rule are the
claim's ``check:`` block in the casebook.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ujym.core.claims import ClaimStatus
from ujym.core.votes import VoteMatrix
from ujym.engines.alignment import all_dyads
from ujym.engines.checks.base import VOTES, CheckData, Finding, Window, verdict_from
from ujym.engines.checks.groups import ccode_of, members_ccodes
from ujym.engines.checks.registry import check, method
from ujym.engines.cohesion import agreement_index
from ujym.engines.multivector import CHINA, RUSSIA, UNITED_STATES, eu_core

MEASURE = "agreement"
OPPOSITE_SHARE = 0.05
"""C3: members "sometimes" vote against each other — on at least one roll call in twenty."""
MIN_TOPIC_ROLL_CALLS = 5
"""C45: fewer terrorism/drug roll calls than this in a window → all roll calls are used."""
TOPIC_PATTERN = re.compile(r"terror|extremis|drug|narcotic|psychotropic", re.IGNORECASE)
"""C45: roll calls whose title or description names terrorism, extremism or drugs."""


# ---- measurement helpers ------------------------------------------------------------------
def _columns(m: VoteMatrix, year: int, keep: np.ndarray | None = None) -> np.ndarray:
    cols = m.year == year
    if keep is not None:
        cols &= keep
    return np.flatnonzero(cols)


def _rows(m: VoteMatrix, ccodes: Iterable[int]) -> dict[int, int]:
    out = {}
    for c in ccodes:
        try:
            out[int(c)] = m.row(int(c))
        except KeyError:
            continue
    return out


def pole_agreement(
    m: VoteMatrix,
    states: Sequence[int],
    years: Iterable[int],
    *,
    measure: str = MEASURE,
    keep: np.ndarray | None = None,
) -> pd.DataFrame:
    """Each state's agreement with Russia, the USA, China and the EU core, per year.

    Returns one row per state-year that voted: ``year, ccode, rus, usa, chn, eu, west``
    (``west`` = mean of ``usa`` and ``eu``; ``eu`` = mean over the EU core members that voted),
    ``n_votes`` (roll calls the state voted on that year). NaN where no common vote.
    """
    rows = []
    for year in years:
        cols = _columns(m, year, keep)
        if cols.size == 0:
            continue
        core = eu_core(year)
        poles = _rows(m, [RUSSIA, UNITED_STATES, CHINA, *core])
        mine = _rows(m, states)
        if not mine:
            continue
        order = list(dict.fromkeys([*mine, *poles]))
        idx = np.array([mine[c] if c in mine else poles[c] for c in order], dtype=np.intp)
        block = m.votes[np.ix_(idx, cols)]
        dy = all_dyads(block)[measure]
        pos = {c: i for i, c in enumerate(order)}
        voted = ((block >= 1) & (block <= 3)).sum(axis=1)
        for c in mine:
            i = pos[c]
            if voted[i] == 0:
                continue

            def with_(
                p: int, i: int = i, dy: np.ndarray = dy, pos: dict[int, int] = pos, me: int = c
            ) -> float:
                return float(dy[i, pos[p]]) if p in pos and p != me else float("nan")

            eu_vals = [with_(p) for p in core if p in pos]
            eu = float(np.nanmean(eu_vals)) if any(not np.isnan(v) for v in eu_vals) else np.nan
            usa = with_(UNITED_STATES)
            west = [v for v in (usa, eu) if not np.isnan(v)]
            rows.append(
                {
                    "year": int(year),
                    "ccode": c,
                    "rus": 1.0 if c == RUSSIA else with_(RUSSIA),
                    "usa": with_(UNITED_STATES),
                    "chn": with_(CHINA),
                    "eu": eu,
                    "west": float(np.mean(west)) if west else np.nan,
                    "n_votes": int(voted[i]),
                }
            )
    cols_out = ["year", "ccode", "rus", "usa", "chn", "eu", "west", "n_votes"]
    return pd.DataFrame(rows, columns=cols_out)


def _members(data: CheckData, year: int, *, with_russia: bool = True) -> list[int]:
    """COW codes of the subject organisation's members in ``year`` (without Russia if asked)."""
    codes = members_ccodes(data.casebook, data.subject, year)
    return codes if with_russia else [c for c in codes if c != RUSSIA]


def _member_poles(data: CheckData, window: Window) -> pd.DataFrame:
    m = data.vote_matrix()
    frames = [pole_agreement(m, _members(data, y, with_russia=False), [y]) for y in window.years]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pole_agreement(m, [], [])
    return pd.concat(frames, ignore_index=True)


def _empty(window: Window, why: str) -> Finding:
    return Finding(window, ClaimStatus.INSUFFICIENT_DATA, {}, note=why)


def _f(x: object) -> float:
    v = float(x)  # type: ignore[arg-type]
    return round(v, 4) if not np.isnan(v) else float("nan")


# ---- C3: contradictory policies -----------------------------------------------------------
def group_votes(m: VoteMatrix, ccodes: Sequence[int], cols: np.ndarray) -> np.ndarray:
    """The votes of ``ccodes`` (those with a row) on the roll calls ``cols``."""
    rows = np.array(list(_rows(m, ccodes).values()), dtype=np.intp)
    return m.votes[np.ix_(rows, cols)] if rows.size else np.zeros((0, cols.size), dtype=np.int8)


@check("C3", datasets=(VOTES,))
def contradictory(data: CheckData, window: Window) -> Finding:
    """C3: the share of roll calls on which one member voted yes and another no."""
    m = data.vote_matrix()
    rows = []
    for year in window.years:
        cols = _columns(m, year)
        members = _members(data, year)
        block = group_votes(m, members, cols)
        if cols.size == 0 or block.shape[0] < 2:
            continue
        yes = (block == 1).any(axis=0)
        no = (block == 3).any(axis=0)
        voted = ((block >= 1) & (block <= 3)).sum(axis=0) >= 2
        opposite = float((yes & no)[voted].mean()) if voted.any() else np.nan
        split = (
            float(
                np.mean(
                    [
                        len(set(block[:, j][(block[:, j] >= 1) & (block[:, j] <= 3)])) > 1
                        for j in np.flatnonzero(voted)
                    ]
                )
            )
            if voted.any()
            else np.nan
        )
        ai = agreement_index(block)
        core = group_votes(m, eu_core(year), cols)
        poles = pole_agreement(m, [c for c in members if c != RUSSIA], [year])
        rows.append(
            {
                "year": year,
                "n_roll_calls": int(voted.sum()),
                "opposite_share": opposite,
                "split_share": split,
                "agreement_index": float(np.nanmean(ai)),
                "eu_core_agreement_index": float(np.nanmean(agreement_index(core)))
                if core.shape[0] >= 2
                else np.nan,
                "min_agreement_with_russia": float(poles["rus"].min()) if len(poles) else np.nan,
                "mean_agreement_with_russia": float(poles["rus"].mean()) if len(poles) else np.nan,
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return _empty(window, f"no {data.subject} votes in the window")
    flags = [bool(v >= OPPOSITE_SHARE) for v in table["opposite_share"].dropna()]
    return Finding(
        window=window,
        verdict=verdict_from(flags),
        figures={
            "opposite_share_mean": _f(table["opposite_share"].mean()),
            "split_share_mean": _f(table["split_share"].mean()),
            "agreement_index_mean": _f(table["agreement_index"].mean()),
            "eu_core_agreement_index_mean": _f(table["eu_core_agreement_index"].mean()),
            "min_agreement_with_russia": _f(table["min_agreement_with_russia"].min()),
            "roll_calls": int(table["n_roll_calls"].sum()),
        },
        table=table,
    )


# ---- C12, C18, C30: a member's alignment with the West against the other members --------
@check("C12", datasets=(VOTES,))
def armenia_balances(data: CheckData, window: Window) -> Finding:
    """C12: Armenia's lean to Russia below the other members' median."""
    return west_rank(data, window, "ARM", lean=True, higher_is_claim=False)


@check("C18", datasets=(VOTES,))
def belarus_without_the_west(data: CheckData, window: Window) -> Finding:
    """C18: Belarus's agreement with the West below the other members' median."""
    return west_rank(data, window, "BLR", lean=False, higher_is_claim=False)


@check("C30", datasets=(VOTES,))
def kazakhstan_with_the_west(data: CheckData, window: Window) -> Finding:
    """C30: Kazakhstan's agreement with the West above the other members' median."""
    return west_rank(data, window, "KAZ", lean=False, higher_is_claim=True)


def west_rank(
    data: CheckData, window: Window, state: str, *, lean: bool, higher_is_claim: bool
) -> Finding:
    """Compare ``state`` with the median of the subject organisation's other non-Russian members.

    ``lean`` compares the lean to Russia (agreement with Russia minus with the West); otherwise
    agreement with the West. ``higher_is_claim``: the claim holds when the state's value is
    above the others' median (else below).
    """
    me = ccode_of(data.casebook, state)
    poles = _member_poles(data, window)
    poles["lean"] = poles["rus"] - poles["west"]
    key = "lean" if lean else "west"
    rows = []
    for year, g in poles.groupby("year"):
        mine = g[g["ccode"] == me]
        others = g[g["ccode"] != me][key].dropna()
        if mine.empty or others.empty or np.isnan(mine[key].iloc[0]):
            continue
        r = mine.iloc[0]
        rows.append(
            {
                "year": int(year),
                "rus": r["rus"],
                "usa": r["usa"],
                "eu": r["eu"],
                "west": r["west"],
                "lean": r["lean"],
                "others_median": float(others.median()),
                "rank": int((g[key].dropna() > r[key]).sum() + 1),
                "members": int(g[key].notna().sum()),
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return _empty(window, f"no votes of {state} in the window")
    if higher_is_claim:
        flags = [bool(v > o) for v, o in zip(table[key], table["others_median"], strict=True)]
    else:
        flags = [bool(v < o) for v, o in zip(table[key], table["others_median"], strict=True)]
    return Finding(
        window=window,
        verdict=verdict_from(flags),
        figures={
            "agreement_with_russia": _f(table["rus"].mean()),
            "agreement_with_usa": _f(table["usa"].mean()),
            "agreement_with_eu_core": _f(table["eu"].mean()),
            "agreement_with_west": _f(table["west"].mean()),
            f"{key}_others_median": _f(table["others_median"].mean()),
            "lean_to_russia": _f(table["lean"].mean()),
            "years_claim_holds": int(sum(flags)),
            "years": len(flags),
        },
        table=table,
    )


# ---- C38: Tajikistan's turn toward the USA and China --------------------------------------
TREND_BASELINE = 3
"""C38: the window is compared with the same number of years before it (at most three)."""


@check("C38", datasets=(VOTES,))
def reorientation(data: CheckData, window: Window) -> Finding:
    """C38: Tajikistan's agreement with the USA and China, minus with Russia, against before."""
    m = data.vote_matrix()
    tjk = ccode_of(data.casebook, "TJK")
    span = min(TREND_BASELINE, len(window.years))
    before = range(window.start - span, window.start)
    poles = pole_agreement(m, [tjk], [*before, *window.years])
    if poles.empty:
        return _empty(window, "no votes of Tajikistan")
    poles["usa_minus_rus"] = poles["usa"] - poles["rus"]
    poles["chn_minus_rus"] = poles["chn"] - poles["rus"]
    poles["period"] = np.where(poles["year"] >= window.start, "window", "before")
    means = poles.groupby("period")[["usa_minus_rus", "chn_minus_rus", "usa", "chn", "rus"]].mean()
    if not {"window", "before"} <= set(means.index):
        return _empty(window, "no votes of Tajikistan before the window")
    change = means.loc["window"] - means.loc["before"]
    toward = [bool(change["usa_minus_rus"] > 0), bool(change["chn_minus_rus"] > 0)]
    verdict = (
        ClaimStatus.SUPPORTED
        if all(toward)
        else ClaimStatus.CONTRADICTED
        if not any(toward)
        else ClaimStatus.MIXED
    )
    table = poles[["year", "period", "rus", "usa", "chn", "usa_minus_rus", "chn_minus_rus"]]
    return Finding(
        window=window,
        verdict=verdict,
        figures={
            "baseline": f"{before.start}–{before.stop - 1}",
            "usa_minus_rus_before": _f(means.loc["before", "usa_minus_rus"]),
            "usa_minus_rus_window": _f(means.loc["window", "usa_minus_rus"]),
            "chn_minus_rus_before": _f(means.loc["before", "chn_minus_rus"]),
            "chn_minus_rus_window": _f(means.loc["window", "chn_minus_rus"]),
            "change_usa": _f(change["usa_minus_rus"]),
            "change_chn": _f(change["chn_minus_rus"]),
        },
        table=table.reset_index(drop=True),
    )


# ---- C45: shared interests ----------------------------------------------------------------
def topic_roll_calls(data: CheckData, m: VoteMatrix) -> np.ndarray | None:
    """Roll calls on terrorism, extremism or drugs, when the roll-call texts are available."""
    rc = data.frames.get("unga_roll_calls")
    if rc is None:
        return None
    text_cols = [c for c in ("short", "descr", "title", "agenda_title") if c in rc.columns]
    if not text_cols:
        return None
    text = rc[text_cols].fillna("").astype(str).agg(" ".join, axis=1)
    hits = set(rc.loc[text.str.contains(TOPIC_PATTERN), "rcid"].astype(int))
    return np.asarray(np.isin(m.rcids, list(hits)), dtype=bool)


def _agreement_by_year(data: CheckData, window: Window, keep: np.ndarray | None) -> pd.DataFrame:
    """Per year: the subject's members' mean pairwise agreement and all UN members' pairs'.

    Columns ``year, n_roll_calls, members_mean_agreement, all_states_mean_agreement,
    members_agreement_index`` over the roll calls of the year (those in ``keep`` when given).
    """
    m = data.vote_matrix()
    rows = []
    for year in window.years:
        cols = _columns(m, year, keep)
        if cols.size == 0:
            continue
        block = m.votes[:, cols]
        active = ((block >= 1) & (block <= 3)).any(axis=1)
        dy = all_dyads(block[active])[MEASURE]
        codes = m.ccodes[active]
        iu = np.triu_indices(len(codes), k=1)
        everyone = float(np.nanmean(dy[iu])) if len(codes) > 1 else np.nan
        members = np.isin(codes, _members(data, year))
        sub = dy[np.ix_(members, members)]
        ju = np.triu_indices(int(members.sum()), k=1)
        mean = float(np.nanmean(sub[ju])) if members.sum() > 1 else np.nan
        rows.append(
            {
                "year": year,
                "n_roll_calls": int(cols.size),
                "members_mean_agreement": mean,
                "all_states_mean_agreement": everyone,
                "members_agreement_index": float(
                    np.nanmean(agreement_index(block[active][members]))
                ),
            }
        )
    return pd.DataFrame(rows)


_CSTO_COLUMNS = {
    "members_mean_agreement": "csto_mean_agreement",
    "members_agreement_index": "csto_agreement_index",
}
"""C45 names its figures after the CSTO, the organisation of its claim."""


@method("members-agreement", datasets=(VOTES,))
def members_agreement(data: CheckData, window: Window) -> Finding:
    """The subject organisation's members agree with each other more than UN members do.

    Each year of the window, the mean Voeten agreement over the members' pairs against the mean
    over every pair of UN members that voted, on all roll calls: supported when the members'
    is higher every year, contradicted when in none.
    """
    table = _agreement_by_year(data, window, None)
    if table.empty:
        return _empty(window, "no roll calls in the window")
    pairs = zip(table["members_mean_agreement"], table["all_states_mean_agreement"], strict=True)
    flags = [bool(c > a) for c, a in pairs if not (np.isnan(c) or np.isnan(a))]
    return Finding(
        window=window,
        verdict=verdict_from(flags),
        figures={
            "members_mean_agreement": _f(table["members_mean_agreement"].mean()),
            "all_states_mean_agreement": _f(table["all_states_mean_agreement"].mean()),
            "members_agreement_index": _f(table["members_agreement_index"].mean()),
            "roll_calls": int(table["n_roll_calls"].sum()),
        },
        table=table,
    )


@check("C45", datasets=(VOTES,))
def shared_interests(data: CheckData, window: Window) -> Finding:
    """C45: the members' mean pairwise agreement against all UN members' pairs."""
    m = data.vote_matrix()
    topic = topic_roll_calls(data, m)
    in_window = np.isin(m.year, list(window.years))
    n_topic = int((topic & in_window).sum()) if topic is not None else 0
    use_topic = topic is not None and n_topic >= MIN_TOPIC_ROLL_CALLS
    keep = topic if use_topic else None
    table = _agreement_by_year(data, window, keep).rename(columns=_CSTO_COLUMNS)
    if table.empty:
        return _empty(window, "no roll calls in the window")
    if use_topic:
        # few roll calls per year: pool the window
        flags = [
            bool(table["csto_mean_agreement"].mean() > table["all_states_mean_agreement"].mean())
        ]
    else:
        flags = [
            bool(c > a)
            for c, a in zip(
                table["csto_mean_agreement"], table["all_states_mean_agreement"], strict=True
            )
            if not (np.isnan(c) or np.isnan(a))
        ]
    return Finding(
        window=window,
        verdict=verdict_from(flags),
        figures={
            "roll_calls_used": "terrorism, extremism, drugs" if use_topic else "all",
            "topic_roll_calls": n_topic,
            "csto_mean_agreement": _f(table["csto_mean_agreement"].mean()),
            "all_states_mean_agreement": _f(table["all_states_mean_agreement"].mean()),
            "csto_agreement_index": _f(table["csto_agreement_index"].mean()),
        },
        table=table,
        note=None
        if use_topic
        else "fewer than five terrorism/drug roll calls: all roll calls used",
    )


# ---- C47: no opposition to Russia's dominance ---------------------------------------------
def contested(m: VoteMatrix, cols: np.ndarray) -> np.ndarray:
    """Columns (of ``cols``) where Russia and the USA voted opposite ways (yes against no)."""
    try:
        r, u = m.votes[m.row(RUSSIA), cols], m.votes[m.row(UNITED_STATES), cols]
    except KeyError:
        return cols[:0]
    opposite = ((r == 1) & (u == 3)) | ((r == 3) & (u == 1))
    return np.asarray(cols[opposite], dtype=np.intp)


@check("C47", datasets=(VOTES,))
def no_opposition(data: CheckData, window: Window) -> Finding:
    """C47: on contested roll calls, every member votes with Russia more than with the USA."""
    m = data.vote_matrix()
    rows = []
    for year in window.years:
        cols = contested(m, _columns(m, year))
        if cols.size == 0:
            continue
        rus = m.votes[m.row(RUSSIA), cols]
        usa = m.votes[m.row(UNITED_STATES), cols]
        for c, i in _rows(m, _members(data, year, with_russia=False)).items():
            v = m.votes[i, cols]
            voted = (v >= 1) & (v <= 3)
            if not voted.any():
                continue
            rows.append(
                {
                    "year": year,
                    "ccode": c,
                    "contested": int(cols.size),
                    "voted": int(voted.sum()),
                    "with_russia": float((v[voted] == rus[voted]).mean()),
                    "with_usa": float((v[voted] == usa[voted]).mean()),
                    "abstain": float((v[voted] == 2).mean()),
                }
            )
    table = pd.DataFrame(rows)
    if table.empty:
        return _empty(window, "no contested roll calls in the window")
    flags = [bool((g["with_russia"] > g["with_usa"]).all()) for _, g in table.groupby("year")]
    worst = table.loc[table["with_usa"].idxmax()]
    return Finding(
        window=window,
        verdict=verdict_from(flags),
        figures={
            "contested_roll_calls": int(table.groupby("year")["contested"].first().sum()),
            "mean_with_russia": _f(table["with_russia"].mean()),
            "mean_with_usa": _f(table["with_usa"].mean()),
            "mean_abstain": _f(table["abstain"].mean()),
            "max_with_usa": _f(worst["with_usa"]),
            "max_with_usa_state": int(worst["ccode"]),
        },
        table=table,
    )
