"""From a states × roll-calls vote matrix to the observation arrays the estimator works on.

Only yes / abstain / no are observations (absent, not a member and unknown are missing data, as in
Bailey, Strezhnev & Voeten 2017). Roll calls on identical resolution texts in different sessions
(the bridging pairs) are merged into one *item* that shares its parameters; a chain of pairs
(A~B, B~C) is one item. Items on which every vote cast fell into one category carry no information
and are dropped, as in the published estimates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ujym.core.votes import Vote, VoteMatrix

I64 = npt.NDArray[np.int64]

#: Category codes inside the engine: the latent scale runs no < abstain < yes.
NO, ABSTAIN, YES = 0, 1, 2


@dataclass(frozen=True)
class IdealData:
    """Observations of one estimation problem.

    ``obs_*`` arrays hold one entry per vote cast: state index, period index, item index and
    category (0 no, 1 abstain, 2 yes). ``periods`` are the sessions that have informative roll
    calls, ascending; ``gap[t]`` is the number of sessions from period ``t-1`` to ``t``.
    """

    ccodes: npt.NDArray[np.int64]
    periods: npt.NDArray[np.int64]
    years: npt.NDArray[np.int64]
    gap: npt.NDArray[np.float64]
    obs_state: I64
    obs_period: I64
    obs_item: I64
    obs_y: npt.NDArray[np.int8]
    item_ordinal: npt.NDArray[np.bool_]
    item_rcids: tuple[tuple[int, ...], ...]
    n_rollcalls_used: int
    n_rollcalls_dropped_unanimous: int
    n_bridged_pairs_used: int
    member: npt.NDArray[np.bool_]  # state × period: listed as absent (code 8) on a roll call

    @property
    def n_states(self) -> int:
        """The number of states."""
        return len(self.ccodes)

    @property
    def n_periods(self) -> int:
        """The number of periods."""
        return len(self.periods)

    @property
    def n_items(self) -> int:
        """The number of items (roll calls, bridged ones counted once)."""
        return len(self.item_ordinal)

    def counts(self) -> npt.NDArray[np.int64]:
        """Votes used per state-period (n_states × n_periods)."""
        flat = self.obs_state * self.n_periods + self.obs_period
        return np.bincount(flat, minlength=self.n_states * self.n_periods).reshape(
            self.n_states, self.n_periods
        )


def _components(n: int, pairs: Iterable[tuple[int, int]]) -> I64:
    """Union-find: component label (smallest member index) of each of ``n`` nodes."""
    parent = np.arange(n)

    def find(a: int) -> int:
        root = a
        while parent[root] != root:
            root = int(parent[root])
        while parent[a] != root:
            parent[a], a = root, int(parent[a])
        return root

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.array([find(i) for i in range(n)], dtype=np.int64)


def prepare(
    votes: VoteMatrix,
    bridges: npt.NDArray[np.integer] | None = None,
) -> IdealData:
    """Observation arrays of ``votes`` (already sliced to the roll calls wanted).

    ``bridges`` is an (k, 2) array of rcid pairs to merge; pairs with an rcid outside the slice
    are ignored.
    """
    codes = np.asarray(votes.votes)
    m = codes.shape[1]
    col_session = np.asarray(votes.session, dtype=np.int64)
    col_year = np.asarray(votes.year, dtype=np.int64)
    rcids = np.asarray(votes.rcids, dtype=np.int64)

    # Items: roll calls merged along the bridging pairs.
    pairs: list[tuple[int, int]] = []
    if bridges is not None and len(bridges):
        b = np.asarray(bridges, dtype=np.int64).reshape(-1, 2)
        pos = {int(r): j for j, r in enumerate(rcids)}
        for r1, r2 in b:
            j1, j2 = pos.get(int(r1)), pos.get(int(r2))
            if j1 is not None and j2 is not None and j1 != j2:
                pairs.append((j1, j2))
    label = _components(m, pairs) if pairs else np.arange(m, dtype=np.int64)

    rows, cols = np.nonzero((codes == Vote.YES) | (codes == Vote.ABSTAIN) | (codes == Vote.NO))
    raw = codes[rows, cols]
    y = np.where(raw == Vote.YES, YES, np.where(raw == Vote.ABSTAIN, ABSTAIN, NO)).astype(np.int8)

    # Drop items on which all votes cast fall into one category.
    item_of_col = label
    it = item_of_col[cols]
    cat_counts = np.zeros((m, 3), dtype=np.int64)
    np.add.at(cat_counts, (it, y), 1)
    n_cats = (cat_counts > 0).sum(axis=1)
    informative_label = n_cats >= 2
    keep = informative_label[it]
    rows, cols, y, it = rows[keep], cols[keep], y[keep], it[keep]

    used_cols = np.unique(cols)
    dropped_unanimous = int(np.sum(~informative_label[item_of_col] & _has_votes(codes)))
    used_set = set(used_cols.tolist())
    bridged_used = sum(1 for a, b2 in pairs if a in used_set and b2 in used_set)

    # Periods: sessions with informative roll calls.
    sessions = np.unique(col_session[used_cols]) if len(used_cols) else np.array([], np.int64)
    period_of_session = {int(s): k for k, s in enumerate(sessions)}
    per = np.array([period_of_session.get(int(s), -1) for s in col_session], dtype=np.int64)
    years = np.array([int(col_year[col_session == s].min()) for s in sessions], dtype=np.int64)
    gap = np.ones(len(sessions))
    if len(sessions) > 1:
        gap[1:] = np.diff(sessions).astype(float)

    # States: those with at least one informative vote.
    state_ids, state_idx = np.unique(rows, return_inverse=True)
    ccodes = np.asarray(votes.ccodes, dtype=np.int64)[state_ids]

    # Compact item indices.
    item_ids, item_idx = np.unique(it, return_inverse=True)
    item_ordinal = cat_counts[item_ids, ABSTAIN] > 0
    members: dict[int, list[int]] = {}
    for j in used_cols:
        members.setdefault(int(label[j]), []).append(int(rcids[j]))
    item_rcids = tuple(tuple(members[int(i)]) for i in item_ids)

    # Absences (code 8) in sessions of the slice, for the status of rows without votes.
    member = np.zeros((len(ccodes), len(sessions)), dtype=bool)
    if len(sessions):
        absent_r, absent_c = np.nonzero(codes[state_ids] == Vote.ABSENT)
        ok = per[absent_c] >= 0
        member[absent_r[ok], per[absent_c[ok]]] = True

    return IdealData(
        ccodes=ccodes,
        periods=sessions.astype(np.int64),
        years=years,
        gap=gap,
        obs_state=state_idx.astype(np.int64),
        obs_period=per[cols],
        obs_item=item_idx.astype(np.int64),
        obs_y=y,
        item_ordinal=item_ordinal,
        item_rcids=item_rcids,
        n_rollcalls_used=len(used_cols),
        n_rollcalls_dropped_unanimous=dropped_unanimous,
        n_bridged_pairs_used=bridged_used,
        member=member,
    )


def _has_votes(codes: npt.NDArray[np.int8]) -> npt.NDArray[np.bool_]:
    cast = (codes == Vote.YES) | (codes == Vote.ABSTAIN) | (codes == Vote.NO)
    return np.asarray(cast.any(axis=0))
