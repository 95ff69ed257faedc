"""Tiny hand-made UN vote matrices whose alignment figures are known by construction.

Each year has 20 roll calls. The West (USA and the EU core France, Germany, Italy, UK) votes no
on roll calls 0–9 and yes on 10–19; Russia votes yes on all 20, so 0–9 are "contested". China
votes as Russia except where ``china_abstains`` makes it abstain on roll calls 10–11. A CSTO
member with ``w`` votes with the West on contested roll calls 0..w-1 and with Russia elsewhere:
its agreement with Russia is (20 − w)/20, with the West (10 + w)/20.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from ujym.core.votes import VoteMatrix

RUS, USA, CHN = 365, 2, 710
EU = (220, 255, 325, 200)
MEMBERS = {"ARM": 371, "BLR": 370, "KAZ": 705, "KGZ": 703, "TJK": 702, "UZB": 704}
N = 20
YES, ABSTAIN, NO = 1, 2, 3

WFunc = Callable[[str, int], int]


def scenario(
    years: range,
    w: Mapping[str, int] | WFunc,
    *,
    follows_china: Mapping[str, Callable[[int], bool]] | None = None,
    outsiders: int = 0,
) -> VoteMatrix:
    """Build the matrix. ``w`` gives each member's number of Western votes (or a function of
    (member, year)); ``follows_china[m](year)`` makes member m abstain with China on 10–11."""
    wf: WFunc = w if callable(w) else (lambda m, y: w.get(m, 0))  # type: ignore[union-attr]
    states = sorted({RUS, USA, CHN, *EU, *MEMBERS.values(), *range(900, 900 + outsiders)})
    row = {c: i for i, c in enumerate(states)}
    cols = []
    for year in years:
        block = np.full((len(states), N), YES, dtype=np.int8)
        for c in (USA, *EU):
            block[row[c], :10] = NO
        block[row[CHN], 10:12] = ABSTAIN
        for m, c in MEMBERS.items():
            block[row[c], : wf(m, year)] = NO
            if follows_china and m in follows_china and follows_china[m](year):
                block[row[c], 10:12] = ABSTAIN
        cols.append(block)
    votes = np.concatenate(cols, axis=1)
    n_years = len(years)
    return VoteMatrix(
        ccodes=np.array(states, dtype=np.int16),
        rcids=np.arange(1, N * n_years + 1, dtype=np.int32),
        votes=votes,
        session=np.repeat(np.arange(n_years) + 60, N).astype(np.int16),
        year=np.repeat(np.array(list(years)), N).astype(np.int16),
        important=np.zeros(N * n_years, dtype=bool),
    )
