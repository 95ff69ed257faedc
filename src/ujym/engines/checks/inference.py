"""Intervals and reference sets for claim checks: a figure, its bootstrap interval, and how often
the same rule passes elsewhere.

Every data check decides on one **decisive figure** (a margin whose sign is the claim: above zero
supports it, below zero contradicts it). The figure's interval is a seeded percentile bootstrap
over the units it is built from (roll calls, state-years): one resampling matrix per check
(:func:`resampling_weights`, replicates × units, multinomial counts), so a figure that is a ratio
of sums over the units is recomputed for every replicate and every state at once by two matrix
products (:func:`ratio_replicates`). The verdict (:func:`margin_verdict`) is

* **supported** when the whole interval is above the boundary,
* **contradicted** when the whole interval is below it,
* **inconclusive** when the interval straddles it.

The same rule applied to each unit of a reference set (all UN members, seeded random groups of
the same size, named comparison groups) gives the share of the set it would also call supported:
the check's **discrimination** (:class:`~ujym.engines.checks.base.ReferenceResult`). A rule that
passes for more than half of a reference set cannot call the claim supported
(:func:`discriminating`): the verdict becomes inconclusive and says why.

>>> w = resampling_weights(4, replicates=3, seed=1)
>>> w.shape, w.sum(axis=1).astype(int).tolist()
((3, 4), [4, 4, 4])
>>> import numpy as np
>>> num, den = np.array([[1.0, 0.0, 1.0, 1.0]]), np.ones((1, 4))
>>> point, reps = ratio_replicates(num, den, w)
>>> point.tolist(), reps.shape
([0.75], (3, 1))
"""

from __future__ import annotations

import warnings
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ujym.core.claims import ClaimStatus
from ujym.engines.checks.base import Interval, ReferenceResult
from ujym.i18n import _

REPLICATES = 1000
"""Bootstrap replicates per check."""
LEVEL = 0.95
"""Coverage of the intervals."""
RANDOM_GROUPS = 200
"""Seeded random groups of the subject's size drawn for a ``random-groups`` reference set."""
MAX_DISCRIMINATION = 0.5
"""A rule that calls more than this share of a reference set supported cannot support a claim."""

FloatArray = npt.NDArray[np.float64]


def seed_for(claim: str, window: str = "") -> int:
    """A fixed seed per claim and window label, so every run draws the same replicates.

    >>> seed_for("C47", "article") == seed_for("C47", "article")
    True
    """
    return zlib.crc32(f"ujym:{claim}:{window}".encode())


def resampling_weights(
    n_units: int,
    *,
    replicates: int = REPLICATES,
    seed: int = 0,
    strata: npt.ArrayLike | None = None,
) -> FloatArray:
    """How often each unit is drawn in each bootstrap replicate: a ``(replicates, n_units)`` matrix.

    Each row sums to ``n_units`` (a draw of ``n_units`` units with replacement). With ``strata``
    (one label per unit) units are drawn within their stratum, so each stratum keeps its size
    (the years or periods of a window).
    """
    rng = np.random.default_rng(seed)
    out = np.zeros((replicates, n_units))
    if n_units == 0:
        return out
    labels = np.zeros(n_units, dtype=np.int64) if strata is None else np.asarray(strata)
    rows = np.arange(replicates)[:, None]
    for label in np.unique(labels):
        idx = np.flatnonzero(labels == label)
        drawn = rng.integers(0, idx.size, size=(replicates, idx.size))
        flat = np.bincount((drawn + rows * idx.size).ravel(), minlength=replicates * idx.size)
        out[:, idx] = flat.reshape(replicates, idx.size)
    return out


def ratio_replicates(
    num: npt.ArrayLike, den: npt.ArrayLike, weights: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """A ratio of sums over units, for many series at once, and its bootstrap replicates.

    ``num`` and ``den`` are ``(series, units)``; the figure of a series is
    ``num.sum() / den.sum()`` (NaN where ``den`` sums to 0). Returns the point figures
    ``(series,)`` and the replicates ``(replicates, series)``.
    """
    n = np.asarray(num, dtype=float)
    d = np.asarray(den, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        point = n.sum(axis=1) / d.sum(axis=1)
        reps = (weights @ n.T) / (weights @ d.T)
    point[~np.isfinite(point)] = np.nan
    reps[~np.isfinite(reps)] = np.nan
    return point, reps


def interval(
    replicates: npt.ArrayLike,
    *,
    level: float = LEVEL,
    seed: int | None = None,
    resampled: str = "",
) -> Interval | None:
    """The percentile interval of ``replicates`` (None when fewer than half are finite)."""
    r = np.asarray(replicates, dtype=float)
    finite = r[np.isfinite(r)]
    if r.size == 0 or finite.size < r.size / 2:
        return None
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(finite, [tail, 100 - tail])
    return Interval(float(low), float(high), level, int(r.size), seed, resampled)


def intervals(replicates: FloatArray, level: float = LEVEL) -> tuple[FloatArray, FloatArray]:
    """Percentile bounds of every column of ``replicates`` (``(replicates, series)``)."""
    tail = (1 - level) / 2
    return nanquantile(replicates, tail), nanquantile(replicates, 1 - tail)


def margin_verdict(point: float, band: Interval | None, boundary: float = 0.0) -> ClaimStatus:
    """Supported above ``boundary``, contradicted below, inconclusive when the interval straddles.

    >>> margin_verdict(0.2, Interval(0.1, 0.3))
    <ClaimStatus.SUPPORTED: 'supported'>
    >>> margin_verdict(0.02, Interval(-0.01, 0.05))
    <ClaimStatus.INCONCLUSIVE: 'inconclusive'>
    """
    if point is None or not np.isfinite(point):
        return ClaimStatus.INSUFFICIENT_DATA
    if band is None:
        return ClaimStatus.INSUFFICIENT_DATA
    if band.straddles(boundary):
        return ClaimStatus.INCONCLUSIVE
    return ClaimStatus.SUPPORTED if band.low > boundary else ClaimStatus.CONTRADICTED


def passes(replicates: FloatArray, boundary: float = 0.0, level: float = LEVEL) -> FloatArray:
    """For each column of replicates, 1 when the rule calls it supported (interval above)."""
    low, _high = intervals(replicates, level)
    out = np.where(np.isfinite(low), (low > boundary).astype(float), np.nan)
    return np.asarray(out, dtype=float)


def reference_result(
    reference: str, supported: npt.ArrayLike, figure: float | None = None
) -> ReferenceResult:
    """The rule's outcome over a reference set: ``supported`` holds 1/0 per unit (NaN: no figure)."""
    s = np.asarray(supported, dtype=float)
    known = s[np.isfinite(s)]
    value = None if figure is None or not np.isfinite(figure) else float(figure)
    return ReferenceResult(reference, int(known.size), int(known.sum()), value)


def random_groups(
    population: Sequence[int] | npt.NDArray[np.int_],
    size: int,
    *,
    groups: int = RANDOM_GROUPS,
    seed: int = 0,
) -> npt.NDArray[np.int_]:
    """``groups`` seeded random groups of ``size`` distinct positions of ``population``."""
    rng = np.random.default_rng(seed)
    pop = np.asarray(population)
    if size > pop.size or size < 1:
        return np.zeros((0, max(size, 0)), dtype=np.int64)
    return np.stack([rng.choice(pop, size=size, replace=False) for _ in range(groups)])


def discriminating(verdict: ClaimStatus, reference: Sequence[ReferenceResult]) -> ClaimStatus:
    """``verdict``, except that a rule passing for most of a reference set cannot support.

    >>> discriminating(ClaimStatus.SUPPORTED, [ReferenceResult("un-members", 10, 9)])
    <ClaimStatus.INCONCLUSIVE: 'inconclusive'>
    >>> discriminating(ClaimStatus.SUPPORTED, [ReferenceResult("un-members", 10, 2)])
    <ClaimStatus.SUPPORTED: 'supported'>
    """
    shares = [r.share for r in reference if r.share is not None]
    if verdict is ClaimStatus.SUPPORTED and shares and max(shares) > MAX_DISCRIMINATION:
        return ClaimStatus.INCONCLUSIVE
    return verdict


def undiscriminating_note(reference: Sequence[ReferenceResult]) -> str:
    """Why a passing rule is not support: the set it also passes for."""
    worst = max(reference, key=lambda r: r.share or 0.0)
    return _(
        "the rule also passes for {supported} of {units} of the reference set: it does not single "
        "out the claim's subject"
    ).format(supported=worst.supported, units=worst.units)


@dataclass(frozen=True)
class Judgement:
    """A decisive figure with its interval, the verdict, and the rule over the reference sets."""

    figure: float
    interval: Interval | None
    verdict: ClaimStatus
    reference: tuple[ReferenceResult, ...]
    note: str | None = None


def _group_min(
    point: FloatArray, reps: FloatArray, idx: npt.NDArray[np.intp]
) -> tuple[float, FloatArray]:
    """The smallest member margin of a group (every member must pass): point and replicates."""
    if idx.size == 0 or np.isnan(point[idx]).all():
        return float("nan"), np.full(reps.shape[0], np.nan)
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return float(np.nanmin(point[idx])), np.nanmin(reps[:, idx], axis=1)


def judge_members(
    point: npt.ArrayLike,
    reps: npt.ArrayLike,
    subject: npt.ArrayLike,
    *,
    seed: int,
    resampled: str,
    per_state: Mapping[str, npt.ArrayLike] | None = None,
    groups: Mapping[str, npt.ArrayLike] | None = None,
    random_from: npt.ArrayLike | None = None,
    boundary: float = 0.0,
) -> Judgement:
    """Judge a claim that every state of ``subject`` has a margin above ``boundary``.

    ``point`` ``(states,)`` and ``reps`` ``(replicates, states)`` are every state's margin (its
    figure minus the rule's threshold, signed so that above the boundary is the claim). The
    decisive figure is the smallest margin among ``subject`` (positions into the states); its
    percentile interval decides (:func:`margin_verdict`). The same rule is applied to

    * ``per_state`` reference sets: each state of the set on its own (``un-members``, the other
      members of the organisation);
    * ``groups``: named comparison groups, each as one unit (post-Soviet non-members);
    * ``random_from``: :data:`RANDOM_GROUPS` seeded random groups of the subject's size drawn
      from those positions (``random-groups``; only for a subject of two states or more).

    A supported verdict whose rule passes for more than half of a reference set becomes
    inconclusive (:func:`discriminating`) and the note says which set.
    """
    p = np.asarray(point, dtype=float)
    r = np.asarray(reps, dtype=float)
    idx = np.asarray(subject, dtype=np.intp)
    figure, fig_reps = _group_min(p, r, idx)
    band = interval(fig_reps - boundary, seed=seed, resampled=resampled)
    if band is not None:
        band = Interval(band.low + boundary, band.high + boundary, band.level, band.replicates,
                        seed, resampled)  # fmt: skip
    verdict = margin_verdict(figure, band, boundary)
    results: list[ReferenceResult] = []
    for name, members in (per_state or {}).items():
        m = np.asarray(members, dtype=np.intp)
        if m.size == 0:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            median = float(np.nanmedian(p[m])) if np.isfinite(p[m]).any() else None
        results.append(reference_result(name, passes(r[:, m], boundary), median))
    for name, members in (groups or {}).items():
        m = np.asarray(members, dtype=np.intp)
        if m.size == 0:
            continue
        g_point, g_reps = _group_min(p, r, m)
        results.append(reference_result(name, passes(g_reps[:, None], boundary), g_point))
    if random_from is not None and idx.size >= 2:
        drawn = random_groups(np.asarray(random_from), idx.size, seed=seed)
        if drawn.size:
            with np.errstate(invalid="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                g_reps = np.nanmin(r[:, drawn], axis=2)  # (replicates, groups)
                g_point = np.nanmin(p[drawn], axis=1)
            results.append(
                reference_result(
                    "random-groups", passes(g_reps, boundary), float(np.nanmedian(g_point))
                )
            )
    final = discriminating(verdict, results)
    note = undiscriminating_note(results) if final is not verdict else None
    return Judgement(figure, band, final, tuple(results), note)


def nanquantile(values: npt.ArrayLike, q: float, axis: int = 0) -> FloatArray:
    """``numpy.nanquantile`` (linear interpolation) of a 2-D array along ``axis``, vectorised.

    numpy's own loops over the columns in Python when there are NaNs; a bootstrap has a
    thousand of them.

    >>> nanquantile([[1.0, np.nan], [3.0, 2.0], [2.0, np.nan]], 0.5).tolist()
    [2.0, 2.0]
    """
    x = np.asarray(values, dtype=float)
    if axis == 1:
        return nanquantile(x.T, q, axis=0)
    ordered = np.sort(x, axis=0)  # NaN sorts last
    n = np.isfinite(x).sum(axis=0)
    pos = q * np.maximum(n - 1, 0)
    lo = np.floor(pos).astype(np.intp)
    hi = np.minimum(lo + 1, np.maximum(n - 1, 0))
    cols = np.arange(x.shape[1])
    a, b = ordered[lo, cols], ordered[hi, cols]
    out = a + (b - a) * (pos - lo)
    out[n == 0] = np.nan
    return np.asarray(out, dtype=float)
