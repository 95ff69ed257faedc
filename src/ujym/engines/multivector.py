"""A multi-vector index: how far a state leans to Russia rather than to the other poles.

Kazakhstan's "multi-vector" foreign policy, and its neighbours' versions of it, mean keeping
good relations with Russia, the United States, China and Europe at once. In the UN General
Assembly a state that follows Russia's lead votes closer to Russia than to the other poles; a
state that balances votes about as close to each. The index measures that lean per year.

Public function
---------------
multivector_index   Russia's margin over the mean of the other poles

The EU core
-----------
The European pole is the comparison set :data:`ujym.core.groups.EU_CORE` (also what
``ujym cohesion EU-CORE`` and ``plot-alignment --against EU-CORE`` use): France (COW 220), Germany (255; West Germany 260
before unification, a UN member from 1973), Italy (325) and the United Kingdom (200) through
2019. These are the large founding members of the EEC/EU plus the UK while it was a member; they
lead the EU's common positions at the General Assembly, where EU members coordinate and vote
alike on most roll calls, so a small fixed core tracks the European position without the
composition drifting with each enlargement (which would move the pole because new members
joined, not because positions changed). The UK left the EU on 31 January 2020, so its votes
count through the year 2019 only. Before the EEC (1958) the same states stand for "Western
Europe". :func:`eu_core` gives the core of a year.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ujym.core import groups

FloatArray = npt.NDArray[np.float64]

RUSSIA, UNITED_STATES, CHINA = 365, 2, 710

#: (ccode, first year, last year) of the EU core; ``None`` is open-ended (read from
#: :data:`ujym.core.groups.EU_CORE`, in its order).
EU_CORE: tuple[tuple[int, int | None, int | None], ...] = tuple(
    (
        m.ccode,
        m.period.start.year if m.period.start else None,
        m.period.end.year if m.period.end else None,
    )
    for m in groups.EU_CORE.periods
)


def eu_core(year: int) -> tuple[int, ...]:
    """COW codes of the EU core in ``year`` (whichever of them voted is used)."""
    return tuple(
        c
        for c, first, last in EU_CORE
        if (first is None or year >= first) and (last is None or year <= last)
    )


def multivector_index(
    russia: npt.ArrayLike,
    usa: npt.ArrayLike,
    china: npt.ArrayLike,
    eu: npt.ArrayLike,
) -> FloatArray:
    r"""Lean of a state towards Russia against the US, China and the EU core.

    Parameters
    ----------
    russia, usa, china, eu
        The state's alignment with each pole, one value per year (the same measure for all
        four, e.g. Voeten agreement in [0, 1]; for the EU core the mean of the state's
        alignment with each core member that voted that year, see :func:`eu_core`).

    Returns
    -------
    numpy.ndarray
        Per year,

        .. math:: MV = a_{RUS} - \tfrac13\left(a_{USA} + a_{CHN} + a_{EU}\right),

        in [-1, 1] for agreement (twice that range for S, kappa or pi). Positive: closer to
        Russia than to the other poles on average (following Russia's lead); near 0: as close to
        Russia as to the others (balancing, "multi-vector"); negative: leaning away from Russia.
        A pole that is NaN in a year (no common vote) drops out of the mean; the index is NaN
        when the Russia value or every other pole is NaN.
    """
    r = np.asarray(russia, dtype=np.float64)
    others = np.stack(
        [np.broadcast_to(np.asarray(x, dtype=np.float64), r.shape) for x in (usa, china, eu)]
    )
    present = ~np.isnan(others)
    n = present.sum(axis=0)
    total = np.where(present, others, 0.0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_others = np.where(n > 0, total / np.maximum(n, 1), np.nan)
    return np.asarray(r - mean_others, dtype=np.float64)


__all__ = ["CHINA", "EU_CORE", "RUSSIA", "UNITED_STATES", "eu_core", "multivector_index"]
