"""The data behind the brief's member profiles, gathered with the pipeline's verbs.

:func:`member_data` calls :func:`~ujym.pipeline.dyads.alignment_profile` (UN alignment with
Russia, the US, China and the EU core), :func:`~ujym.pipeline.ideal.estimate_ideal_points`
(ideal points with their 95 % band) and :func:`~ujym.pipeline.capabilities.add_capabilities`
(each member's share of the organisation's CINC) on the cached datasets. Nothing is computed
here: the frames are the verbs' own, with their statuses (withheld years stay withheld). A
dataset that is not cached leaves its frame empty and records the command that fills it, which
the profile prints; the brief stays offline.

Examples
--------
>>> from ujym.sources.casebook import load_casebook
>>> data = member_data(load_casebook())          # doctest: +SKIP
>>> sorted(data.missing)                         # an empty cache   # doctest: +SKIP
['alignment', 'capabilities', 'ideal']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ujym.core import Casebook
from ujym.core.errors import DataNotAvailableError, UjymError
from ujym.core.provenance import DatasetRef, provenance_of

PARTNERS: tuple[str, ...] = ("RUS", "USA", "CHN", "EU")
"""The partners a member's UN alignment is shown with (``EU``: the EU core comparison set)."""
COMPARISON: tuple[tuple[int, str], ...] = ((365, "RUS"), (2, "USA"), (710, "CHN"))
"""States drawn thin beside each member's ideal point (COW code, ISO3)."""
FIRST_YEAR = 1992
"""The profiles start with the first full year of the post-Soviet states in the UN."""
VOTES_DATASET = "votes"  # the name ujym.pipeline.checks.fetch_hint gives any UNGA copy
NMC_DATASET = "cow_nmc"


@dataclass(frozen=True)
class MemberData:
    """What the member profiles draw, as the pipeline's frames.

    ``alignment``: :func:`alignment_profile` rows of every member (``ccode`` added), partners
    as typed. ``ideal``: :func:`estimate_ideal_points` rows of the members and the
    :data:`COMPARISON` states. ``capabilities``: state-years of the members with
    ``share_cinc`` within the organisation. ``missing``: kind → the command that fills the
    cache (``alignment``, ``ideal``, ``capabilities``). ``datasets``: what the frames rest on.
    """

    alignment: pd.DataFrame = field(default_factory=pd.DataFrame)
    ideal: pd.DataFrame = field(default_factory=pd.DataFrame)
    capabilities: pd.DataFrame = field(default_factory=pd.DataFrame)
    missing: dict[str, str] = field(default_factory=dict)
    datasets: tuple[DatasetRef, ...] = ()


def _ccodes(casebook: Casebook) -> list[tuple[str, int]]:
    out = []
    for actor in casebook.members:
        if actor.codes is not None:
            out.append((actor.id, int(actor.codes.ccode)))
    return out


def _refs(df: pd.DataFrame) -> tuple[DatasetRef, ...]:
    try:
        return tuple(provenance_of(df).datasets)
    except UjymError:
        return ()


def member_data(
    casebook: Casebook,
    *,
    votes: Any = None,
    years: tuple[int, int] | None = None,
    ideal: bool = True,
    ideal_years: tuple[int, int] | None = None,
) -> MemberData:
    """The frames of every member's profile, from the cache (nothing is written).

    Parameters
    ----------
    casebook
        Its members (``casebook.members``) and its subject organisation.
    votes
        A :class:`~ujym.core.votes.VoteMatrix` already read (e.g. ``CheckData.votes``), so the
        votes are not read twice; None reads the cached UNGA votes.
    years
        First and last year of alignment and capabilities (default: 1992 to the end of the data).
    ideal
        Estimate ideal points (the slowest part: one model over every state since
        ``ideal_years[0]``); False leaves them out with no message.
    ideal_years
        Years of the ideal-point model (default: ``years``, or 1992 to the end of the votes).
    """
    from ujym.pipeline.checks import fetch_hint

    members = _ccodes(casebook)
    missing: dict[str, str] = {}
    refs: list[DatasetRef] = []
    span = years or (FIRST_YEAR, 2100)

    alignment = pd.DataFrame()
    try:
        frames = []
        for aid, code in members:
            partners = [p for p in PARTNERS if p != aid]
            part = _alignment(code, partners, votes, span)
            frames.append(part.assign(ccode=code))
        if frames:
            refs.extend(_refs(frames[0]))
            alignment = pd.concat(frames, ignore_index=True)
    except DataNotAvailableError:
        missing["alignment"] = fetch_hint(VOTES_DATASET)

    caps = pd.DataFrame()
    try:
        from ujym.pipeline.capabilities import add_capabilities, coverage, load_nmc
        from ujym.pipeline.state_years import create_state_years

        nmc = load_nmc()
        first, last = coverage(nmc)
        from ujym.sources.groups import resolve_group

        group = resolve_group(casebook.article.subject)
        # the years the data cover and the group's record lists every member (GUAM from 1997)
        covered = [
            y
            for y in range(max(span[0], first), min(span[1], last) + 1)
            if group.complete_for(y, ("member",))
        ]
        if covered:
            frame = create_state_years([c for _a, c in members], years=(covered[0], covered[-1]))
            caps = add_capabilities(frame, within=casebook.article.subject, nmc=nmc)
            refs.extend(_refs(caps))
    except DataNotAvailableError:
        missing["capabilities"] = fetch_hint(NMC_DATASET)

    points = pd.DataFrame()
    if ideal:
        try:
            from ujym.pipeline.ideal import estimate_ideal_points

            chosen = ideal_years or (span if years else None)
            est = estimate_ideal_points(years=chosen or (FIRST_YEAR, 2100))
            keep = {c for _a, c in members} | {c for c, _i in COMPARISON}
            points = est[est["ccode"].isin(keep)].reset_index(drop=True)
            refs.extend(_refs(est))
        except DataNotAvailableError:
            missing["ideal"] = fetch_hint(VOTES_DATASET)
    return MemberData(
        alignment=alignment,
        ideal=points,
        capabilities=caps,
        missing=missing,
        datasets=tuple(dict.fromkeys(refs)),
    )


def _alignment(code: int, partners: Sequence[str], votes: Any, span: tuple[int, int]) -> Any:
    from ujym.pipeline.dyads import alignment_profile

    return alignment_profile(code, list(partners), matrix=votes, years=span)


__all__ = ["COMPARISON", "PARTNERS", "MemberData", "member_data"]
