"""Checks on UN General Assembly voting (roll calls; Voeten's data or the UN Library's).

C3  — members pursue inconsistent, even contradictory policies (L11–13, L435–442).
C11 — Armenia's orientation toward Russia (L123–127).
C12 — Armenia's complementarism: a balance with the West (L128–132, L140–149).
C18 — Belarus has no comparable alternative cooperation with the West (L180–181).
C22 — Kazakhstan's multi-vector policy (L198–201, L215–217).
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
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ujym.core.claims import ClaimStatus
from ujym.core.votes import VoteMatrix
from ujym.engines.alignment import all_dyads
from ujym.engines.checks.base import VOTES, CheckData, Finding, Window, verdict_from
from ujym.engines.checks.groups import ccode_of, members_ccodes
from ujym.engines.checks.inference import (
    Judgement,
    discriminating,
    judge_members,
    nanquantile,
    passes,
    random_groups,
    ratio_replicates,
    reference_result,
    seed_for,
    undiscriminating_note,
)
from ujym.engines.checks.registry import check, method
from ujym.engines.checks.votepanel import WindowVotes
from ujym.engines.cohesion import agreement_index
from ujym.engines.evidence import MIN_ROLLCALLS
from ujym.engines.multivector import CHINA, RUSSIA, UNITED_STATES, eu_core
from ujym.i18n import _

MEASURE = "agreement"
MIN_TOPIC_ROLL_CALLS = 5
"""C45: fewer contested terrorism/drug roll calls than this in a window → insufficient data."""
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
    codes = members_ccodes(data.members, data.subject, year)
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
    """C3: the share of roll calls on which one member voted yes and another no, above one in
    twenty; the same rule for random groups of the same size and for the EU core.
    """
    wv = window_votes(data, window.years, window=window, contested_only=False, name="all")
    members = np.isin(wv.ccodes, window_members(data, window, with_russia=True))
    if wv.n_roll_calls < MIN_ROLLCALLS or members.sum() < 2:
        return _empty(window, _("no {group} votes in the window").format(group=data.subject))
    core = np.isin(wv.ccodes, eu_core(window.end))
    drawn = random_groups(np.arange(wv.ccodes.size), int(members.sum()), seed=wv.seed)
    rand = np.zeros((drawn.shape[0], wv.ccodes.size))
    np.put_along_axis(rand, drawn, 1.0, axis=1)
    sets = np.concatenate([members[None, :], core[None, :], rand]).astype(float)
    yes = sets @ (wv.votes == 1).astype(float)
    no = sets @ (wv.votes == 3).astype(float)
    present = sets @ ((wv.votes >= 1) & (wv.votes <= 3)).astype(float)
    num = ((yes > 0) & (no > 0)).astype(float)
    share, share_r = ratio_replicates(num, (present >= 2).astype(float), wv.weights)
    typical = float(np.nanmedian(share[2:]))
    typical_r = nanquantile(share_r[:, 2:], 0.5, axis=1)
    margin, margin_r = share - typical, share_r - typical_r[:, None]
    judgement = judge_members(
        margin, margin_r, np.array([0]), seed=wv.seed, resampled="roll calls",
        groups={"eu-core": np.array([1])},
    )  # fmt: skip
    reference = (
        *judgement.reference,
        reference_result("random-groups", passes(margin_r[:, 2:]), typical),
    )
    verdict = discriminating(judgement.verdict, reference)
    note = undiscriminating_note(reference) if verdict is not judgement.verdict else None
    block = wv.votes[members]
    table = pd.DataFrame({"set": ["members", "eu-core"], "opposite_share": np.round(share[:2], 4)})
    return Finding(
        window=window,
        verdict=verdict,
        figures={
            "opposite_share": _f(share[0]),
            "eu_core_opposite_share": _f(share[1]),
            "random_groups_median_share": _f(typical),
            "agreement_index_mean": _f(np.nanmean(agreement_index(block))),
            "roll_calls": wv.n_roll_calls,
        },
        table=table,
        note=note,
        reference=reference,
        interval=judgement.interval,
        figure=_f(judgement.figure),
        figure_label="opposite-vote share − random groups' median",
        n_units=wv.n_roll_calls,
    )


# ---- the window's figures, their bootstrap and the reference sets -------------------------
POST_SOVIET_OTHERS = (372, 373, 359, 369)
"""Georgia, Azerbaijan, Moldova, Ukraine: post-Soviet states outside the CSTO (a comparison set)."""


def window_members(data: CheckData, window: Window, *, with_russia: bool = False) -> list[int]:
    """The subject's members in every year of the window (Russia left out unless asked)."""
    sets = [set(_members(data, y, with_russia=with_russia)) for y in window.years]
    return sorted(set.intersection(*sets)) if sets else []


def _seed(data: CheckData, window: Window) -> int:
    """One seed per window: the voting checks of a window draw the same roll calls."""
    return seed_for("votes", f"{window.start}-{window.end}")


def window_votes(
    data: CheckData,
    *periods: range,
    window: Window,
    keep: np.ndarray | None = None,
    name: str = "",
    contested_only: bool = True,
) -> WindowVotes:
    """The window's roll calls and their draws, shared by every check of the window (memo)."""
    return WindowVotes.cached(
        data.memo, data.vote_matrix(), *periods, seed=_seed(data, window), keep=keep,
        contested_only=contested_only, name=name,
    )  # fmt: skip


def _population(wv: WindowVotes, point: np.ndarray, leave_out: Iterable[int]) -> np.ndarray:
    """Positions of the states with a figure, without the poles the figure is measured against."""
    out = ~np.isin(wv.ccodes, list(leave_out)) & np.isfinite(point)
    return np.flatnonzero(out)


def _quantile(
    reps: np.ndarray, point: np.ndarray, pop: np.ndarray, q: float
) -> tuple[float, np.ndarray]:
    """The population's ``q`` quantile of a figure: point and per replicate."""
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return float(np.nanquantile(point[pop], q)), nanquantile(reps[:, pop], q, axis=1)


def _finding(
    window: Window,
    judgement: Judgement,
    figures: dict[str, object],
    table: pd.DataFrame,
    label: str,
    n_units: int,
) -> Finding:
    return Finding(
        window=window,
        verdict=judgement.verdict,
        figures=figures,
        table=table,
        note=judgement.note,
        reference=judgement.reference,
        interval=judgement.interval,
        figure=_f(judgement.figure),
        figure_label=label,
        n_units=n_units,
    )


def _state_table(wv: WindowVotes, idx: np.ndarray, **columns: np.ndarray) -> pd.DataFrame:
    frame = pd.DataFrame({"ccode": wv.ccodes[idx]})
    for name, values in columns.items():
        frame[name] = np.round(values[idx], 4)
    return frame


# ---- C12, C18, C30: a member against all UN members ---------------------------------------
@dataclass(frozen=True)
class WestRule:
    """A single member's position with the West among all UN members (C12, C18, C30).

    ``figure``: ``west`` (agreement with the West), ``russia`` (with Russia) or ``balance`` (minus the distance between
    its agreement with Russia and with the West: higher is more balanced); ``quantile`` of the
    UN members' figure is the threshold; ``above``: the claim is that the member is above it.
    """

    state: str
    figure: str
    quantile: float
    above: bool


WEST_RULES = {
    "C11": WestRule("ARM", "russia", 0.75, above=True),
    "C22": WestRule("KAZ", "multivector", 0.5, above=True),
    "C12": WestRule("ARM", "balance", 0.5, above=True),
    "C18": WestRule("BLR", "west", 0.25, above=False),
    "C30": WestRule("KAZ", "west", 0.5, above=True),
}


@check("C11", datasets=(VOTES,))
def armenia_with_russia(data: CheckData, window: Window) -> Finding:
    """C11: Armenia's agreement with Russia in the top quarter of UN members."""
    return west_rank(data, window, WEST_RULES["C11"])


@check("C22", datasets=(VOTES,))
def kazakhstan_multivector(data: CheckData, window: Window) -> Finding:
    """C22: Kazakhstan's votes as close to the USA, China and the EU core as to Russia, more
    than the median UN member's (the multi-vector index, nearer zero).
    """
    return west_rank(data, window, WEST_RULES["C22"])


@check("C12", datasets=(VOTES,))
def armenia_balances(data: CheckData, window: Window) -> Finding:
    """C12: Armenia's votes as close to the West as to Russia, more than the median UN member's."""
    return west_rank(data, window, WEST_RULES["C12"])


@check("C18", datasets=(VOTES,))
def belarus_without_the_west(data: CheckData, window: Window) -> Finding:
    """C18: Belarus's agreement with the West in the lowest quarter of UN members."""
    return west_rank(data, window, WEST_RULES["C18"])


@check("C30", datasets=(VOTES,))
def kazakhstan_with_the_west(data: CheckData, window: Window) -> Finding:
    """C30: Kazakhstan's agreement with the West above the UN members' median."""
    return west_rank(data, window, WEST_RULES["C30"])


def west_rank(data: CheckData, window: Window, rule: WestRule) -> Finding:
    """One member's agreement with the West (or its balance) against the UN members' quantile.

    The figure is pooled over the window's contested roll calls; the margin is the member's
    figure minus the UN members' ``rule.quantile`` (signed so that above zero is the claim);
    the same rule is applied to every UN member and to the subject's other members.
    """
    me = ccode_of(data.casebook, rule.state)
    wv = window_votes(data, window.years, window=window)
    if wv.n_roll_calls < MIN_ROLLCALLS or not wv.has(me):
        return _empty(
            window,
            _("fewer than {n} contested roll calls of {state}").format(
                n=MIN_ROLLCALLS, state=rule.state
            ),
        )
    core = eu_core(window.end)
    rus, rus_r = wv.agreement(RUSSIA)
    usa, usa_r = wv.agreement(UNITED_STATES)
    eu, eu_r = wv.mean_agreement(core)
    west, west_r = (usa + eu) / 2, (usa_r + eu_r) / 2
    if rule.figure == "balance":
        value, value_r = -np.abs(rus - west), -np.abs(rus_r - west_r)
    elif rule.figure == "russia":
        value, value_r = rus, rus_r
    elif rule.figure == "multivector":  # minus |Russia − mean(USA, China, EU core)|
        chn, chn_r = wv.agreement(CHINA)
        value = -np.abs(rus - (usa + chn + eu) / 3)
        value_r = -np.abs(rus_r - (usa_r + chn_r + eu_r) / 3)
    else:
        value, value_r = west, west_r
    pop = _population(wv, value, (RUSSIA, UNITED_STATES, CHINA, *core))
    threshold, threshold_r = _quantile(value_r, value, pop, rule.quantile)
    sign = 1.0 if rule.above else -1.0
    margin, margin_r = sign * (value - threshold), sign * (value_r - threshold_r[:, None])
    others = wv.index([c for c in window_members(data, window) if c != me])
    judgement = judge_members(
        margin, margin_r, wv.index([me]), seed=wv.seed, resampled="roll calls",
        per_state={"un-members": pop, "members-others": others},
    )  # fmt: skip
    i = int(wv.index([me])[0])
    table = _state_table(
        wv, np.concatenate([[i], others]), rus=rus, usa=usa, eu=eu, west=west, value=value,
        margin=margin,
    )  # fmt: skip
    return _finding(
        window,
        judgement,
        {
            "agreement_with_russia": _f(rus[i]),
            "agreement_with_usa": _f(usa[i]),
            "agreement_with_eu_core": _f(eu[i]),
            "agreement_with_west": _f(west[i]),
            f"{rule.figure}_un_quantile_{int(rule.quantile * 100)}": _f(threshold),
            "roll_calls": wv.n_roll_calls,
        },
        table,
        f"{rule.state} {rule.figure} − UN q{int(rule.quantile * 100)}",
        wv.n_roll_calls,
    )


# ---- C38: Tajikistan's turn toward the USA and China --------------------------------------
TREND_BASELINE = 3
"""C38: the window is compared with the same number of years before it (at most three)."""


@check("C38", datasets=(VOTES,))
def reorientation(data: CheckData, window: Window) -> Finding:
    """C38: the change in Tajikistan's lean to the USA and to China against Russia, beyond the
    UN members' median change (a difference in differences).
    """
    tjk = ccode_of(data.casebook, "TJK")
    span = min(TREND_BASELINE, len(window.years))
    before = range(window.start - span, window.start)
    wv = window_votes(data, before, window.years, window=window)
    n_before = int((wv.strata == 0).sum())
    n_window = int((wv.strata == 1).sum())
    if min(n_before, n_window) < MIN_ROLLCALLS or not wv.has(tjk):
        return _empty(
            window, _("too few contested roll calls of Tajikistan before or in the window")
        )
    changes: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    figures: dict[str, object] = {"baseline": f"{before.start}–{before.stop - 1}"}
    for pole, name in ((UNITED_STATES, "usa"), (CHINA, "chn")):
        gap = []
        for stratum in (0, 1):
            p, p_r = wv.agreement(pole, stratum)
            r, r_r = wv.agreement(RUSSIA, stratum)
            gap.append((p - r, p_r - r_r))
        change, change_r = gap[1][0] - gap[0][0], gap[1][1] - gap[0][1]
        changes[name] = (change, change_r)
    pop = _population(wv, changes["usa"][0] + changes["chn"][0], (RUSSIA, UNITED_STATES, CHINA))
    dids = []
    for name, (change, change_r) in changes.items():
        median, median_r = _quantile(change_r, change, pop, 0.5)
        did, did_r = change - median, change_r - median_r[:, None]
        dids.append((did, did_r))
        i = int(wv.index([tjk])[0])
        figures[f"change_{name}"] = _f(change[i])
        figures[f"un_median_change_{name}"] = _f(median)
        figures[f"did_{name}"] = _f(did[i])
    margin = np.fmin(dids[0][0], dids[1][0])
    margin_r = np.fmin(dids[0][1], dids[1][1])
    judgement = judge_members(
        margin, margin_r, wv.index([tjk]), seed=wv.seed, resampled="roll calls",
        per_state={"un-members": pop},
    )  # fmt: skip
    idx = wv.index([tjk])
    table = _state_table(
        wv, idx, did_usa=dids[0][0], did_chn=dids[1][0], change_usa=changes["usa"][0],
        change_chn=changes["chn"][0],
    )  # fmt: skip
    figures["roll_calls"] = n_before + n_window
    return _finding(
        window, judgement, figures, table, "TJK min(DiD USA, DiD China)", n_before + n_window
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
    text = rc[text_cols[0]].fillna("").astype(str)
    for col in text_cols[1:]:
        text = text + " " + rc[col].fillna("").astype(str)
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


@method("members-agreement", datasets=(VOTES,))
def members_agreement(data: CheckData, window: Window) -> Finding:
    """The subject organisation's members agree with each other more than UN members do.

    Each year of the window, the mean Voeten agreement over the members' pairs against the mean
    over every pair of UN members that voted, on all roll calls: supported when the members'
    is higher every year, contradicted when in none.
    """
    table = _agreement_by_year(data, window, None)
    if table.empty:
        return _empty(window, _("no roll calls in the window"))
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


def pair_agreement_sums(votes: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Voeten agreement summed over each group's pairs of states, per roll call.

    ``votes`` ``(states, roll calls)``; ``groups`` ``(groups, states)`` 0/1 membership. Returns
    ``num, den`` ``(groups, roll calls)``: the agreement of every pair present (identical 1, one
    abstention ½, yes against no 0) and the number of pairs present; their ratio over roll calls
    is the group's pooled pairwise agreement.
    """
    g = np.asarray(groups, dtype=float)
    y, a, n = (g @ (votes == code).astype(float) for code in (1, 2, 3))
    num = _pairs(y) + _pairs(a) + _pairs(n) + 0.5 * (y * a + a * n)
    return num, _pairs(y + a + n)


def _pairs(k: np.ndarray) -> np.ndarray:
    """Pairs among ``k`` states."""
    return np.asarray(k * (k - 1) / 2, dtype=float)


@check("C45", datasets=(VOTES,))
def shared_interests(data: CheckData, window: Window) -> Finding:
    """C45: the members agree with each other on terrorism, extremism and drugs more than UN
    members' pairs do (topical roll calls only; too few of them: insufficient data).
    """
    m = data.vote_matrix()
    topic = topic_roll_calls(data, m)
    if topic is None:
        return _empty(window, _("the roll calls' texts are not available"))
    wv = window_votes(data, window.years, window=window, keep=topic, name="topic")
    if wv.n_roll_calls < MIN_TOPIC_ROLL_CALLS:
        return _empty(
            window,
            _(
                "{n} contested roll calls on terrorism, extremism or drugs in the window; the "
                "check needs at least {minimum}"
            ).format(n=wv.n_roll_calls, minimum=MIN_TOPIC_ROLL_CALLS),
        )
    everyone = np.ones((1, wv.ccodes.size))
    members = np.isin(wv.ccodes, window_members(data, window, with_russia=True))[None, :]
    core = np.isin(wv.ccodes, eu_core(window.end))[None, :]
    pop = np.flatnonzero(np.ones(wv.ccodes.size, dtype=bool))
    drawn = random_groups(pop, int(members.sum()), seed=wv.seed)
    rand = np.zeros((drawn.shape[0], wv.ccodes.size))
    np.put_along_axis(rand, drawn, 1.0, axis=1)
    sets = np.concatenate([everyone, members, core, rand])
    num, den = pair_agreement_sums(wv.votes, sets)
    point, reps = ratio_replicates(num, den, wv.weights)
    margin, margin_r = point[1:] - point[0], reps[:, 1:] - reps[:, [0]]
    judgement = judge_members(
        margin, margin_r, np.array([0]), seed=wv.seed, resampled="roll calls"
    )  # the EU core's figure is shown beside, as a comparison, not as a reference set
    random_pass = passes(margin_r[:, 2:])
    reference = (
        *judgement.reference,
        reference_result("random-groups", random_pass, float(np.nanmedian(margin[2:]))),
    )
    verdict = discriminating(judgement.verdict, reference)
    note = undiscriminating_note(reference) if verdict is not judgement.verdict else None
    table = pd.DataFrame(
        {"set": ["all", "members", "eu-core"], "agreement": np.round(point[:3], 4)}
    )
    return Finding(
        window=window,
        verdict=verdict,
        figures={
            "topic_roll_calls": wv.n_roll_calls,
            "csto_mean_agreement": _f(point[1]),
            "all_states_mean_agreement": _f(point[0]),
            "eu_core_mean_agreement": _f(point[2]),
        },
        table=table,
        note=note,
        reference=reference,
        interval=judgement.interval,
        figure=_f(judgement.figure),
        figure_label="members' pairwise agreement − all UN pairs'",
        n_units=wv.n_roll_calls,
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
    """C47: on roll calls where Russia and the USA voted yes against no, every member sides with
    Russia (rather than the USA) more than the median UN member does.
    """
    m = data.vote_matrix()
    keep = np.zeros(m.year.size, dtype=bool)
    keep[contested(m, np.flatnonzero(np.isin(m.year, list(window.years))))] = True
    wv = window_votes(data, window.years, window=window, keep=keep, name="russia-usa")
    if wv.n_roll_calls < MIN_ROLLCALLS:
        return _empty(
            window,
            _("fewer than {n} roll calls where Russia and the USA split").format(n=MIN_ROLLCALLS),
        )
    r, u = wv.index([RUSSIA])[0], wv.index([UNITED_STATES])[0]
    present = (wv.votes >= 1) & (wv.votes <= 3)
    with_r = (wv.votes == wv.votes[r]) & present
    with_u = (wv.votes == wv.votes[u]) & present
    num, den = with_r.astype(float) - with_u.astype(float), present.astype(float)
    side, side_r = ratio_replicates(num, den, wv.weights)
    thin = den.sum(axis=1) < MIN_ROLLCALLS
    side[thin], side_r[:, thin] = np.nan, np.nan
    pop = _population(wv, side, (RUSSIA, UNITED_STATES))
    median, median_r = _quantile(side_r, side, pop, 0.5)
    margin, margin_r = side - median, side_r - median_r[:, None]
    members = wv.index(window_members(data, window))
    if members.size == 0:
        return _empty(window, _("no {group} member voted in the window").format(group=data.subject))
    judgement = judge_members(
        margin, margin_r, members, seed=wv.seed, resampled="roll calls",
        per_state={"un-members": pop}, groups={"post-soviet-others": wv.index(POST_SOVIET_OTHERS)},
        random_from=pop,
    )  # fmt: skip
    share_r = with_r.sum(axis=1) / np.maximum(den.sum(axis=1), 1)
    share_u = with_u.sum(axis=1) / np.maximum(den.sum(axis=1), 1)
    table = _state_table(wv, members, with_russia=share_r, with_usa=share_u, margin=margin)
    weakest = int(wv.ccodes[members[int(np.nanargmin(margin[members]))]])
    return _finding(
        window,
        judgement,
        {
            "contested_roll_calls": wv.n_roll_calls,
            "mean_with_russia": _f(np.mean(share_r[members])),
            "mean_with_usa": _f(np.mean(share_u[members])),
            "un_median_russia_minus_usa": _f(median),
            "weakest_member": weakest,
        },
        table,
        "min over members of (Russia − USA) − UN median",
        wv.n_roll_calls,
    )
