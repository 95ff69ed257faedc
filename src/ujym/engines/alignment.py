"""Dyadic alignment of two states' UN General Assembly votes.

Every measure here compares two vote vectors coded as :class:`ujym.core.votes.Vote`
(1 yes, 2 abstain, 3 no, 8 absent, 9 not a member, 0 unknown), one entry per roll call, and
is computed over the roll calls *both* states voted on. Yes, abstain and no are votes; absent,
not a member and unknown are not, and a roll call on which either state did not vote is left
out of every measure (listwise deletion, as in Voeten's agreement scores and in Häge 2011).
Where the two states have no common vote the result is NaN, never 0.

Positions on the [0, 1] scale: yes = 1, abstain = 0.5, no = 0 (Voeten's three-category
coding; Bailey, Strezhnev & Voeten 2017). Distance between two positions ``x, y`` is
``d = |x - y|`` ("absolute") or ``d = (x - y)**2`` ("squared"); either way the largest
possible distance is ``d_max = 1``.

Which roll calls count
----------------------
Voeten's published agreement scores leave out every roll call on which all the states that voted
(yes, abstain or no) cast the same vote: such a roll call says nothing about how two states differ.
:func:`contested` marks the other roll calls (the *contested* ones) of a states × roll calls
matrix; the two-vector functions take the mark as ``mask`` (the roll calls to count), since two
vectors alone cannot tell whether the rest of the Assembly voted alike. The pipeline
(``ujym.pipeline.dyads``) applies the mark by default (``rollcalls="contested"``).

Public functions
----------------
contested   roll calls on which the states present did not all vote alike (Voeten's rule)
agreement   share of agreement (Voeten convention, US State Department coincidence, or
            plain share of identical votes)
s_score     Signorino & Ritter's S (absolute or squared distance)
kappa       Cohen's kappa as in Häge (2011), separate marginals
pi          Scott's pi as in Häge (2011), pooled marginals
all_dyads   every measure for every pair of rows of a states × roll calls matrix at once,
            from per-dyad 3×3 contingency counts built by one-hot matrix products

See ``docs/measures.md`` for which convention matches which published series.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

Metric = Literal["absolute", "squared"]
Convention = Literal["voeten", "state_department", "identical"]
FloatArray = npt.NDArray[np.float64]

#: Vote codes of the three categories that count as a vote, in the order used by the
#: contingency tables (yes, abstain, no), and their positions on [0, 1].
CATEGORIES: tuple[int, int, int] = (1, 2, 3)
POSITIONS: FloatArray = np.array([1.0, 0.5, 0.0])

#: Names of the measures :func:`all_dyads` returns (besides the counts).
MEASURES: tuple[str, ...] = (
    "agreement",
    "coincidence",
    "identical",
    "s_abs",
    "s_sq",
    "kappa_abs",
    "kappa_sq",
    "pi_abs",
    "pi_sq",
)


def contested(votes: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Roll calls on which the states present did not all vote alike (Voeten's rule).

    Parameters
    ----------
    votes
        ``(n, m)`` :class:`~ujym.core.votes.Vote` codes, states × roll calls: every state of the
        data, not only the states compared (whether a roll call was unanimous is a fact about
        the whole Assembly).

    Returns
    -------
    numpy.ndarray
        ``(m,)`` booleans: True where the states that voted yes, abstain or no (the states
        *present*; absent, not a member and unknown are not present) cast at least two
        different votes. Yes, abstain and no are three different votes: a roll call with 150
        yes and one abstention is contested. A roll call with fewer than two votes is never
        contested.

    Notes
    -----
    This is the rule of Voeten's script for the dyadic agreement scores
    (``DyadicAgreementScores.R`` in Bailey, Strezhnev & Voeten's replication repository): keep
    the dyads where both states voted (codes below 4), count the distinct votes on each roll
    call, and drop the roll calls with one. It applies per roll call, so it is the same whether
    the scores are then averaged by session or by year.

    Examples
    --------
    >>> contested([[1, 1, 1, 2], [1, 3, 8, 2], [8, 1, 1, 9]]).tolist()
    [False, True, False, False]
    """
    v = np.asarray(votes)
    if v.ndim != 2:
        raise ValueError("contested: votes must be a 2-D states × roll calls array")
    kinds = sum((v == code).any(axis=0).astype(np.int8) for code in CATEGORIES)
    return np.asarray(kinds >= 2, dtype=bool)


def _vectors(
    a: npt.ArrayLike, b: npt.ArrayLike, mask: npt.ArrayLike | None
) -> tuple[npt.NDArray[np.int_], npt.NDArray[np.int_]]:
    """``a`` and ``b`` as vote arrays, on the roll calls of ``mask`` (all when None)."""
    va = np.asarray(a)
    vb = np.asarray(b)
    if va.shape != vb.shape or va.ndim != 1:
        raise ValueError(
            "alignment: the two vote vectors must be one-dimensional and equal in length"
        )
    if mask is not None:
        keep = np.asarray(mask, dtype=bool)
        if keep.shape != va.shape:
            raise ValueError("alignment: mask must have one flag per roll call")
        va, vb = va[keep], vb[keep]
    return va, vb


def _common_positions(
    a: npt.ArrayLike, b: npt.ArrayLike, mask: npt.ArrayLike | None = None
) -> tuple[FloatArray, FloatArray]:
    """Positions of ``a`` and ``b`` on the roll calls (of ``mask``) both voted yes/abstain/no."""
    va, vb = _vectors(a, b, mask)
    both = np.isin(va, CATEGORIES) & np.isin(vb, CATEGORIES)
    lookup = np.full(10, np.nan)
    lookup[list(CATEGORIES)] = POSITIONS
    return lookup[va[both].astype(np.intp)], lookup[vb[both].astype(np.intp)]


def _distance(x: FloatArray, y: FloatArray, metric: Metric) -> FloatArray:
    if metric == "absolute":
        return np.abs(x - y)
    if metric == "squared":
        return (x - y) ** 2
    raise ValueError(f"unknown distance metric {metric!r}: use 'absolute' or 'squared'")


def agreement(
    a: npt.ArrayLike,
    b: npt.ArrayLike,
    *,
    convention: Convention = "voeten",
    mask: npt.ArrayLike | None = None,
) -> float:
    r"""Share of agreement between two states' votes.

    Parameters
    ----------
    a, b
        Vote codes (:class:`~ujym.core.votes.Vote`) of the two states on the same roll calls.
    convention
        ``"voeten"`` (default), ``"state_department"`` or ``"identical"``.
    mask
        One flag per roll call: count only the roll calls where it is True (e.g.
        :func:`contested` of the whole vote matrix, Voeten's rule); None counts them all.

    Returns
    -------
    float
        In [0, 1]; NaN when the states have no roll call in common (as defined below).

    Notes
    -----
    **Voeten convention** (the ``agree`` variable of Voeten's dyadic agreement scores;
    Bailey, Strezhnev & Voeten 2017, *J. Conflict Resolution* 61(2)): over the :math:`n`
    roll calls on which both states voted yes, abstain or no, with positions
    :math:`x_t, y_t \in \{1, 0.5, 0\}` for yes, abstain, no,

    .. math:: A = 1 - \frac{1}{n}\sum_{t=1}^{n} |x_t - y_t|,

    i.e. identical votes count 1, a yes or no against an abstention counts ½ (abstention is
    half-agreement), yes against no counts 0. Absences and non-membership are excluded.
    Voeten's published scores also leave out the roll calls on which every state present voted
    alike: pass ``mask=contested(votes)`` of the whole vote matrix to do the same.

    **US State Department convention** ("voting coincidence", *Voting Practices in the United
    Nations*, the "votes only" column): identical votes divided by identical plus opposite
    votes, counting only roll calls on which both states voted yes or no,

    .. math:: C = \frac{n_{YY} + n_{NN}}{n_{YY} + n_{NN} + n_{YN} + n_{NY}}.

    Abstentions and absences are excluded; a roll call where either state abstained does not
    count. (The report's "including consensus" column, which adds consensus resolutions as
    identical votes, is not computed: consensus adoptions are not roll calls.)

    **Identical votes** (``"identical"``): the share of roll calls both states voted yes,
    abstain or no on which they cast the same vote, abstention being a category of its own
    (no half credit): :math:`(n_{YY} + n_{AA} + n_{NN}) / n`. This is the plain "voted as
    Russia on 67.8 % of the roll calls" figure of press and policy writing.
    """
    if convention == "identical":
        x, y = _common_positions(a, b, mask)
        if x.size == 0:
            return float("nan")
        return float(np.mean(x == y))
    if convention == "voeten":
        x, y = _common_positions(a, b, mask)
        if x.size == 0:
            return float("nan")
        return float(1.0 - np.mean(np.abs(x - y)))
    if convention == "state_department":
        va, vb = _vectors(a, b, mask)
        both = np.isin(va, (1, 3)) & np.isin(vb, (1, 3))
        n = int(both.sum())
        if n == 0:
            return float("nan")
        return float(np.sum(va[both] == vb[both]) / n)
    raise ValueError(
        f"unknown convention {convention!r}: use 'voeten', 'state_department' or 'identical'"
    )


def s_score(
    a: npt.ArrayLike,
    b: npt.ArrayLike,
    *,
    metric: Metric = "absolute",
    mask: npt.ArrayLike | None = None,
) -> float:
    r"""Signorino and Ritter's S for two states' votes.

    Parameters
    ----------
    a, b
        Vote codes of the two states on the same roll calls.
    metric
        ``"absolute"`` (Signorino & Ritter's original) or ``"squared"`` distance.
    mask
        One flag per roll call: count only the roll calls where it is True (e.g.
        :func:`contested` of the whole vote matrix, Voeten's rule); None counts them all.

    Returns
    -------
    float
        In [-1, 1]; NaN when the states have no roll call in common.

    Notes
    -----
    Signorino, C. S. & Ritter, J. M. (1999), "Tau-b or not tau-b: measuring the similarity of
    foreign policy positions", *International Studies Quarterly* 43(1): 115–144. Unweighted,
    with positions yes = 1, abstain = 0.5, no = 0 and maximal distance :math:`d_{max} = 1`:

    .. math:: S = 1 - \frac{2 \sum_t d(x_t, y_t)}{n\, d_{max}},
              \qquad d = |x - y| \text{ or } (x - y)^2,

    over the :math:`n` roll calls both states voted yes, abstain or no (absences and
    non-membership excluded). With absolute distance :math:`S = 2A - 1`, where :math:`A` is
    the Voeten agreement.
    """
    x, y = _common_positions(a, b, mask)
    if x.size == 0:
        return float("nan")
    return float(1.0 - 2.0 * np.mean(_distance(x, y, metric)))


def _chance_corrected(
    a: npt.ArrayLike,
    b: npt.ArrayLike,
    metric: Metric,
    pooled: bool,
    mask: npt.ArrayLike | None,
) -> float:
    x, y = _common_positions(a, b, mask)
    if x.size == 0:
        return float("nan")
    observed = float(np.mean(_distance(x, y, metric)))
    # marginal distributions over the three positions, on the common roll calls
    px = np.array([np.mean(x == p) for p in POSITIONS])
    py = np.array([np.mean(y == p) for p in POSITIONS])
    if pooled:
        px = py = (px + py) / 2.0
    grid = _distance(POSITIONS[:, None], POSITIONS[None, :], metric)
    expected = float(px @ grid @ py)
    if expected <= 1e-12:
        return float("nan")
    return 1.0 - observed / expected


def kappa(
    a: npt.ArrayLike,
    b: npt.ArrayLike,
    *,
    metric: Metric = "absolute",
    mask: npt.ArrayLike | None = None,
) -> float:
    r"""Cohen's kappa for two states' votes, as proposed by Häge (2011).

    Parameters
    ----------
    a, b
        Vote codes of the two states on the same roll calls.
    metric
        ``"absolute"`` or ``"squared"`` distance between positions (weighted kappa).
    mask
        One flag per roll call: count only the roll calls where it is True (e.g.
        :func:`contested` of the whole vote matrix, Voeten's rule); None counts them all.

    Returns
    -------
    float
        At most 1 (1 only for identical voting); 0 is the agreement expected by chance given
        each state's own mix of yes, abstain and no. NaN when the states have no common roll
        call, or when the expected distance is 0 (both states cast one and the same kind of
        vote on every common roll call, so chance agreement is already perfect).

    Notes
    -----
    Häge, F. M. (2011), "Choice or circumstance? Adjusting measures of foreign policy
    similarity for chance agreement", *Political Analysis* 19(3): 287–305, after Cohen (1960,
    1968). Over the :math:`n` common roll calls (both voted yes, abstain or no), with
    :math:`p_i(k)` the share of state *i*'s votes in category :math:`k` and :math:`d` the
    distance between positions (yes = 1, abstain = 0.5, no = 0),

    .. math::
        D_o = \frac{1}{n}\sum_t d(x_t, y_t), \qquad
        D_e = \sum_k \sum_l p_i(k)\, p_j(l)\, d(k, l), \qquad
        \kappa = 1 - D_o / D_e.

    Cohen's kappa keeps each state's own marginal distribution (a state's propensity to vote
    yes is its own); Scott's pi (:func:`pi`) pools them.
    """
    return _chance_corrected(a, b, metric, False, mask)


def pi(
    a: npt.ArrayLike,
    b: npt.ArrayLike,
    *,
    metric: Metric = "absolute",
    mask: npt.ArrayLike | None = None,
) -> float:
    r"""Scott's pi for two states' votes, as proposed by Häge (2011).

    Parameters
    ----------
    a, b
        Vote codes of the two states on the same roll calls.
    metric
        ``"absolute"`` or ``"squared"`` distance between positions.
    mask
        One flag per roll call: count only the roll calls where it is True (e.g.
        :func:`contested` of the whole vote matrix, Voeten's rule); None counts them all.

    Returns
    -------
    float
        In [-1, 1] for squared distance (at most 1 for either metric; 1 only for identical
        voting). NaN when there is no common roll call or the expected distance is 0.

    Notes
    -----
    Häge (2011), *Political Analysis* 19(3): 287–305, after Scott (1955). As :func:`kappa`,
    but the chance distance uses the pooled marginal distribution
    :math:`\bar p(k) = (p_i(k) + p_j(k)) / 2`:

    .. math::
        D_e = \sum_k \sum_l \bar p(k)\, \bar p(l)\, d(k, l), \qquad \pi = 1 - D_o / D_e.
    """
    return _chance_corrected(a, b, metric, True, mask)


def all_dyads(votes: npt.ArrayLike) -> dict[str, FloatArray]:
    r"""Every measure for every pair of rows of a states × roll calls vote matrix.

    Parameters
    ----------
    votes
        ``(n, m)`` integer array of :class:`~ujym.core.votes.Vote` codes (rows: states).

    Returns
    -------
    dict
        ``n_votes`` (common roll calls, both voted yes/abstain/no), ``n_yes_no`` (common roll
        calls where both voted yes or no) and every name in :data:`MEASURES`, each an
        ``(n, n)`` float array, symmetric. Entries without a common vote are NaN (counts 0).
        The diagonal holds each state compared with itself.

    Notes
    -----
    With one-hot matrices :math:`O_k = [v = k]` (``n × m``) for k in yes, abstain, no, the
    contingency counts of every dyad are :math:`C_{kl} = O_k O_l^\top`, all nine blocks
    from one product of the stacked one-hot matrix with itself. From them, per dyad:
    :math:`n = \sum_{kl} C_{kl}`, :math:`D_o = \sum_{kl} C_{kl} d_{kl} / n`,
    marginals :math:`r_k = \sum_l C_{kl}/n`, :math:`c_l = \sum_k C_{kl}/n`,
    :math:`D_e^{\kappa} = \sum_{kl} r_k c_l d_{kl}`, :math:`D_e^{\pi}` with
    :math:`(r + c)/2` on both sides, and agreement :math:`1 - D_o^{abs}`,
    identical :math:`(C_{YY} + C_{AA} + C_{NN}) / n`,
    coincidence :math:`(C_{YY} + C_{NN}) / (C_{YY} + C_{NN} + C_{YN} + C_{NY})`,
    S :math:`= 1 - 2 D_o`, :math:`\kappa = 1 - D_o / D_e^{\kappa}`,
    :math:`\pi = 1 - D_o / D_e^{\pi}` — the same definitions as :func:`agreement`,
    :func:`s_score`, :func:`kappa` and :func:`pi`.
    """
    v = np.asarray(votes)
    if v.ndim != 2:
        raise ValueError("all_dyads: votes must be a 2-D states × roll calls array")
    return measures_from_counts(contingency_counts(v))


def contingency_counts(votes: npt.NDArray[np.integer]) -> FloatArray:
    """Per-dyad 3×3 contingency counts ``C[k, l, i, j]`` (yes/abstain/no of row i × row j).

    One matrix product: with ``X`` the ``3n × m`` stack of the one-hot matrices (yes rows,
    then abstain, then no), ``X Xᵀ`` holds every block ``O_k O_lᵀ`` at once.
    """
    n = votes.shape[0]
    stacked = np.concatenate([votes == code for code in CATEGORIES], axis=0).astype(np.float32)
    gram = stacked @ stacked.T  # (3n, 3n); exact for counts below 2**24
    return np.ascontiguousarray(gram.reshape(3, n, 3, n).transpose(0, 2, 1, 3), dtype=np.float64)


def measures_from_counts(counts: FloatArray) -> dict[str, FloatArray]:
    """Every measure from contingency counts ``C[k, l, ...]`` (any trailing shape).

    ``counts[k, l]`` holds, per dyad, the number of roll calls where the first state voted
    category ``k`` and the second ``l`` (yes, abstain, no). Used by :func:`all_dyads` on the
    ``(3, 3, n, n)`` table and by the panel on ``(3, 3, pairs)``.
    """
    c = counts
    yy, ya, yn = c[0, 0], c[0, 1], c[0, 2]
    ay, aa, an = c[1, 0], c[1, 1], c[1, 2]
    ny, na, nn = c[2, 0], c[2, 1], c[2, 2]
    with np.errstate(invalid="ignore", divide="ignore"):
        row_y, row_a, row_n = yy + ya + yn, ay + aa + an, ny + na + nn
        n = row_y + row_a + row_n
        inv = np.where(n > 0, 1.0 / np.where(n > 0, n, 1.0), np.nan)
        # the positions are 1, .5, 0: yes–abstain and abstain–no pairs are half apart
        # (squared: a quarter), yes–no pairs are 1 apart
        half, full = ya + ay + an + na, yn + ny
        # marginal shares of the first (r) and second (k) state, and pooled (q)
        ry, ra, rn = row_y * inv, row_a * inv, row_n * inv
        ky, ka, kn = (yy + ay + ny) * inv, (ya + aa + na) * inv, (yn + an + nn) * inv
        qy, qa, qn = (ry + ky) / 2.0, (ra + ka) / 2.0, (rn + kn) / 2.0
        kappa_half = ry * ka + ra * ky + ra * kn + rn * ka
        kappa_full = ry * kn + rn * ky
        pi_half = 2.0 * (qy * qa + qa * qn)
        pi_full = 2.0 * qy * qn
        out: dict[str, FloatArray] = {"n_votes": n}
        for suffix, w in (("abs", 0.5), ("sq", 0.25)):
            observed = (w * half + full) * inv
            out[f"s_{suffix}"] = 1.0 - 2.0 * observed
            out[f"kappa_{suffix}"] = _one_minus_ratio(observed, w * kappa_half + kappa_full)
            out[f"pi_{suffix}"] = _one_minus_ratio(observed, w * pi_half + pi_full)
            if suffix == "abs":
                out["agreement"] = 1.0 - observed
        out["identical"] = (yy + aa + nn) * inv
        yes_no = yy + nn + full
        out["n_yes_no"] = yes_no
        out["coincidence"] = np.where(
            yes_no > 0, (yy + nn) / np.where(yes_no > 0, yes_no, 1.0), np.nan
        )
    return out


def _one_minus_ratio(observed: FloatArray, expected: FloatArray) -> FloatArray:
    # expected is NaN without common votes and 0 when chance agreement is perfect: NaN both
    ok = expected > 1e-12
    return np.where(ok, 1.0 - observed / np.where(ok, expected, 1.0), np.nan)


__all__ = [
    "CATEGORIES",
    "MEASURES",
    "POSITIONS",
    "agreement",
    "all_dyads",
    "contested",
    "contingency_counts",
    "kappa",
    "measures_from_counts",
    "pi",
    "s_score",
]
