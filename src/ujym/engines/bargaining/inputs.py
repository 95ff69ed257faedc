"""Scenario inputs derived from data: capability shares from COW NMC, positions from UN votes.

Two stated derivations, used by the shipped CSTO scenarios (each file names the derivation and the
values it gives on the data version it cites; a test recomputes them from the data):

- :func:`cinc_shares` — an actor's capability is its share of the scenario actors' summed CINC
  score (COW National Material Capabilities, variable ``cinc``) in the scenario year. The model
  uses capabilities only relative to each other, so shares give the same forecast as raw CINC and
  read directly ("Russia holds 86 % of the members' capability").
- :func:`vote_positions` — an actor's position on a scale anchored by two states' UN General
  Assembly votes: with ``d_low`` and ``d_high`` the shares of the session's roll calls (both voted)
  on which the actor voted *differently* from the low and the high anchor, the position is
  ``min + (max − min) · d_low / (d_low + d_high)``: an actor voting as the low anchor on every
  roll call sits at ``min``, one voting as the high anchor at ``max``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd


def cinc_shares(nmc: pd.DataFrame, ccodes: Mapping[str, int], year: int) -> dict[str, float]:
    """Each actor's share of the actors' summed CINC score in ``year``.

    ``nmc`` has columns ``ccode``, ``year``, ``cinc`` (COW NMC as catalog id ``cow_nmc`` holds
    it); ``ccodes`` maps actor id → COW state code.

    Raises ``KeyError`` naming an actor without a CINC score that year.

    Examples
    --------
    >>> nmc = pd.DataFrame({"ccode": [365, 705], "year": [2012, 2012], "cinc": [0.03, 0.01]})
    >>> cinc_shares(nmc, {"RUS": 365, "KAZ": 705}, 2012)
    {'RUS': 0.75, 'KAZ': 0.25}
    """
    that_year = nmc[nmc["year"] == year].dropna(subset=["cinc"]).set_index("ccode")["cinc"]
    scores: dict[str, float] = {}
    for actor, code in ccodes.items():
        if code not in that_year.index:
            raise KeyError(f"{actor} (COW {code}) has no CINC score in {year}")
        scores[actor] = float(that_year.loc[code])
    total = sum(scores.values())
    return {actor: score / total for actor, score in scores.items()}


@dataclass(frozen=True)
class VotePosition:
    """An actor's position from UN votes, with the roll calls it rests on."""

    position: float
    differs_from_low: float
    differs_from_high: float
    roll_calls: int


def vote_positions(
    votes: pd.DataFrame,
    roll_calls: pd.DataFrame,
    session: int,
    countries: Mapping[str, str],
    low: str,
    high: str,
    scale: tuple[float, float] = (0.0, 100.0),
) -> dict[str, VotePosition]:
    """Positions between two anchor states from one UN General Assembly session's votes.

    ``votes`` has ``rcid``, ``country_code``, ``vote`` (yes / abstain / no; absences are no
    rows); ``roll_calls`` has ``rcid`` and ``session``; ``countries`` maps actor id → the votes'
    country code; ``low`` and ``high`` are the anchors' actor ids. ``roll_calls`` of the result
    counts the roll calls on which the actor and both anchors voted.

    Examples
    --------
    >>> votes = pd.DataFrame({"rcid": [1, 1, 1, 2, 2, 2], "country_code": ["RU", "US", "KZ"] * 2,
    ...                       "vote": ["yes", "no", "yes", "no", "yes", "yes"]})
    >>> calls = pd.DataFrame({"rcid": [1, 2], "session": [67, 67]})
    >>> p = vote_positions(votes, calls, 67, {"RUS": "RU", "USA": "US", "KAZ": "KZ"}, "RUS", "USA")
    >>> p["KAZ"].position, p["KAZ"].roll_calls
    (50.0, 2)
    """
    lo, hi = scale
    ids = roll_calls.loc[roll_calls["session"] == session, "rcid"]
    wide = votes[votes["rcid"].isin(ids)].pivot_table(
        index="rcid", columns="country_code", values="vote", aggfunc="first"
    )
    a, b = countries[low], countries[high]
    out: dict[str, VotePosition] = {}
    for actor, code in countries.items():
        both = wide[[code, a, b]].dropna() if code not in (a, b) else wide[[a, b]].dropna()
        if both.empty:
            raise KeyError(
                f"{actor} ({code}) and the anchors share no roll call in session {session}"
            )
        d_low = float((both[code] != both[a]).mean())
        d_high = float((both[code] != both[b]).mean())
        share = d_low / (d_low + d_high) if d_low + d_high > 0 else 0.5
        out[actor] = VotePosition(lo + (hi - lo) * share, d_low, d_high, len(both))
    return out


__all__ = ["VotePosition", "cinc_shares", "vote_positions"]
