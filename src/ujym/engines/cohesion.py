"""Voting cohesion of a group of states in the UN General Assembly.

Public functions
----------------
agreement_index       Hix–Noury–Roland Agreement Index of a group on each roll call
mean_pairwise_kappa   mean of Häge's Cohen's kappa over every pair of group members

Both take the group's rows of a states × roll calls matrix of
:class:`~ujym.core.votes.Vote` codes. Only yes, abstain and no count as votes: absent, not a
member and unknown are left out. Per-year figures are the mean over that year's roll calls
(``ujym.pipeline.cohesion.group_cohesion``).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ujym.engines.alignment import Metric, all_dyads

FloatArray = npt.NDArray[np.float64]


def agreement_index(votes: npt.ArrayLike) -> FloatArray:
    r"""Hix–Noury–Roland Agreement Index of a group on each roll call.

    Parameters
    ----------
    votes
        ``(k, m)`` Vote codes of the group's ``k`` members on ``m`` roll calls.

    Returns
    -------
    numpy.ndarray
        ``(m,)`` values in [0, 1]: 1 when every member who voted cast the same vote, 0 when the
        votes split equally between yes, no and abstain. NaN on a roll call where no member
        voted yes, abstain or no.

    Notes
    -----
    Hix, S., Noury, A. & Roland, G. (2005), "Power to the parties: cohesion and competition in
    the European Parliament, 1979–2001", *British Journal of Political Science* 35(2):
    209–234. With :math:`Y, N, A` the numbers of members voting yes, no and abstain,

    .. math:: AI = \frac{\max\{Y, N, A\} - \tfrac12\left[(Y + N + A) - \max\{Y, N, A\}\right]}
                        {Y + N + A}.

    Absent members and non-members are not counted (as in Hix, Noury & Roland, who count
    only the three voting options). A roll call with a single voting member has AI = 1.
    """
    v = np.asarray(votes)
    if v.ndim != 2:
        raise ValueError("agreement_index: votes must be a 2-D members × roll calls array")
    counts = np.stack([(v == code).sum(axis=0) for code in (1, 3, 2)]).astype(np.float64)
    total = counts.sum(axis=0)
    top = counts.max(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        ai = (top - 0.5 * (total - top)) / total
    return np.where(total > 0, ai, np.nan)


def mean_pairwise_kappa(
    votes: npt.ArrayLike, *, metric: Metric = "absolute", min_common: int = 1
) -> float:
    r"""Mean Cohen's kappa (Häge 2011) over every pair of group members.

    Parameters
    ----------
    votes
        ``(k, m)`` Vote codes of the group's members on the roll calls of the period.
    metric
        Distance between positions, ``"absolute"`` or ``"squared"``.
    min_common
        Pairs with fewer roll calls in common (both voted yes, abstain or no) are left out, as
        a dyad's figure below the minimum of evidence is (:mod:`ujym.engines.evidence`).

    Returns
    -------
    float
        :math:`\frac{1}{|P|}\sum_{(i,j) \in P} \kappa_{ij}` over the pairs :math:`P` of distinct
        members whose kappa is defined (see :func:`ujym.engines.alignment.kappa`) on at least
        ``min_common`` common roll calls; NaN when no pair has one (fewer than two voting
        members, or too few common votes).

    Examples
    --------
    The third member voted on one roll call only: its pairs (kappa 0 on that one vote) weigh
    as much as the first pair unless ``min_common`` leaves them out.

    >>> votes = [[1, 3, 1, 2], [1, 3, 3, 2], [8, 8, 8, 1]]
    >>> round(mean_pairwise_kappa(votes), 3), mean_pairwise_kappa(votes, min_common=2)
    (0.167, 0.5)
    """
    v = np.asarray(votes)
    if v.ndim != 2:
        raise ValueError("mean_pairwise_kappa: votes must be a 2-D members × roll calls array")
    if v.shape[0] < 2:
        return float("nan")
    key = "kappa_abs" if metric == "absolute" else "kappa_sq"
    if metric not in ("absolute", "squared"):
        raise ValueError(f"unknown distance metric {metric!r}: use 'absolute' or 'squared'")
    dyads = all_dyads(v)
    pairs = np.triu_indices(v.shape[0], k=1)
    values = dyads[key][pairs]
    values = values[~np.isnan(values) & (dyads["n_votes"][pairs] >= min_common)]
    return float(values.mean()) if values.size else float("nan")


__all__ = ["agreement_index", "mean_pairwise_kappa"]
