"""The roll calls of a window, every state's agreement with a partner, and their bootstrap.

A :class:`WindowVotes` holds the contested roll calls of a window (Voeten's rule: not every state
present voted alike) and one resampling matrix over them (:mod:`.inference`), so every figure a
voting check builds — each state's agreement with Russia, the USA, China, the EU core — has its
replicates from the same draws of roll calls. A state's agreement with a partner is a ratio of
sums over roll calls (Voeten's convention: yes 1, abstain ½, no 0; absences and non-members left
out), withheld (NaN) below the minimum of evidence (:data:`ujym.engines.evidence.MIN_ROLLCALLS`
roll calls in common).

>>> import numpy as np
>>> from ujym.core.votes import VoteMatrix
>>> m = VoteMatrix(ccodes=np.array([2, 365, 705], dtype=np.int16),
...     rcids=np.arange(12, dtype=np.int32),
...     votes=np.array([[3] * 12, [1] * 12, [1] * 9 + [3] * 3], dtype=np.int8),
...     session=np.full(12, 66, dtype=np.int16), year=np.full(12, 2011, dtype=np.int16),
...     important=np.zeros(12, dtype=bool))
>>> wv = WindowVotes.of(m, range(2011, 2012), seed=1, replicates=50)
>>> point, reps = wv.agreement(365)
>>> point.round(2).tolist()
[0.0, nan, 0.75]
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from ujym.core.votes import VoteMatrix
from ujym.engines.alignment import contested
from ujym.engines.checks.inference import REPLICATES, FloatArray, resampling_weights
from ujym.engines.evidence import MIN_ROLLCALLS

POSITIONS = np.array([np.nan, 1.0, 0.5, 0.0] + [np.nan] * 6)
"""Vote code → Voeten position (yes 1, abstain ½, no 0; anything else: not present)."""


@dataclass(frozen=True)
class WindowVotes:
    """The contested roll calls of a window and their resampling matrix.

    ``ccodes`` are the states that voted at least once; ``votes`` their codes ``(states, roll
    calls)``; ``positions`` the Voeten positions (NaN: not present); ``strata`` a label per roll
    call (the period it belongs to); ``weights`` the ``(replicates, roll calls)`` draws.
    """

    ccodes: npt.NDArray[np.int_]
    votes: npt.NDArray[np.int8]
    positions: FloatArray
    strata: npt.NDArray[np.int_]
    weights: FloatArray
    seed: int
    _memo: dict[tuple[int, int | None], tuple[FloatArray, FloatArray]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _arrays: dict[str, npt.NDArray[np.float32]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def _weights32(self) -> npt.NDArray[np.float32]:
        if "w32" not in self._arrays:
            self._arrays["w32"] = self.weights.astype(np.float32)
        return self._arrays["w32"]

    @classmethod
    def cached(
        cls,
        store: dict[tuple[object, ...], WindowVotes],
        m: VoteMatrix,
        *periods: Iterable[int],
        seed: int,
        keep: npt.NDArray[np.bool_] | None = None,
        contested_only: bool = True,
        name: str = "",
    ) -> WindowVotes:
        """:meth:`of`, kept in ``store`` under the periods, ``name`` (of ``keep``) and the seed,
        so checks of the same window share the roll calls, their draws and the agreements.
        """
        key = (tuple(tuple(p) for p in periods), name, contested_only, seed, id(m))
        if key not in store:
            store[key] = cls.of(m, *periods, seed=seed, keep=keep, contested_only=contested_only)
        return store[key]

    @classmethod
    def of(
        cls,
        m: VoteMatrix,
        *periods: Iterable[int],
        seed: int,
        replicates: int = REPLICATES,
        keep: npt.NDArray[np.bool_] | None = None,
        contested_only: bool = True,
    ) -> WindowVotes:
        """The contested roll calls of ``periods`` (each a range of years; a stratum each).

        ``keep`` limits them to some roll calls; ``contested_only=False`` keeps the roll calls
        on which every state present voted alike.
        """
        parts, labels = [], []
        for label, years in enumerate(periods):
            cols = np.isin(m.year, list(years))
            if keep is not None:
                cols &= keep
            idx = np.flatnonzero(cols)
            if contested_only and idx.size:
                idx = idx[contested(m.votes[:, idx])]
            parts.append(idx)
            labels.append(np.full(idx.size, label))
        cols = np.concatenate(parts) if parts else np.zeros(0, dtype=np.intp)
        strata = np.concatenate(labels) if labels else np.zeros(0, dtype=np.int64)
        block = m.votes[:, cols]
        present = ((block >= 1) & (block <= 3)).any(axis=1)
        block = block[present]
        return cls(
            ccodes=np.asarray(m.ccodes[present], dtype=np.int64),
            votes=block,
            positions=POSITIONS[block.astype(np.intp)],
            strata=strata,
            weights=resampling_weights(cols.size, replicates=replicates, seed=seed, strata=strata),
            seed=seed,
        )

    @property
    def n_roll_calls(self) -> int:
        """Roll calls in the window (contested)."""
        return int(self.votes.shape[1])

    def index(self, ccodes: Iterable[int]) -> npt.NDArray[np.intp]:
        """Row positions of the ``ccodes`` that voted in the window (others left out)."""
        pos = {int(c): i for i, c in enumerate(self.ccodes)}
        return np.array([pos[int(c)] for c in ccodes if int(c) in pos], dtype=np.intp)

    def has(self, ccode: int) -> bool:
        """Whether ``ccode`` voted in the window."""
        return bool((self.ccodes == ccode).any())

    def agreement(self, partner: int, stratum: int | None = None) -> tuple[FloatArray, FloatArray]:
        """Every state's agreement with ``partner``: point ``(states,)``, replicates ``(R, states)``.

        NaN for the partner itself, for a partner that did not vote, and below the minimum of
        evidence. ``stratum`` limits it to the roll calls of one period.
        """
        n_states = self.ccodes.size
        nan_point = np.full(n_states, np.nan)
        nan_reps = np.full((self.weights.shape[0], n_states), np.nan)
        row = self.index([partner])
        if row.size == 0:
            return nan_point, nan_reps
        x = self.positions
        y = x[row[0]]
        both = ~np.isnan(x) & ~np.isnan(y)
        if stratum is not None:
            both &= self.strata == stratum
        key = (partner, stratum)
        if key in self._memo:
            return self._memo[key]
        num = np.where(both, 1.0 - np.abs(np.nan_to_num(x) - np.nan_to_num(y)), 0.0)
        den = both.astype(float)
        sums = self._weights32 @ np.concatenate([num, den]).T.astype(np.float32)
        with np.errstate(invalid="ignore", divide="ignore"):
            point = num.sum(axis=1) / den.sum(axis=1)
            reps = (sums[:, :n_states] / sums[:, n_states:]).astype(float)
        thin = den.sum(axis=1) < MIN_ROLLCALLS
        thin[row[0]] = True
        point[thin] = np.nan
        reps[:, thin] = np.nan
        self._memo[key] = (point, reps)
        return point, reps

    def mean_agreement(
        self, partners: Sequence[int], stratum: int | None = None
    ) -> tuple[FloatArray, FloatArray]:
        """The mean of the agreements with ``partners`` that are known (the EU core)."""
        pairs = [self.agreement(p, stratum) for p in partners]
        if not pairs:
            n = self.ccodes.size
            return np.full(n, np.nan), np.full((self.weights.shape[0], n), np.nan)
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            point = np.nanmean(np.stack([p for p, _r in pairs]), axis=0)
            reps = np.nanmean(np.stack([r for _p, r in pairs]), axis=0)
        return point, reps
