"""Minimum evidence: when a figure rests on too little to be shown as a result.

One roll call in common sends agreement to 1.0 or 0.0; a group with one member present agrees with
itself perfectly. ujym therefore withholds a figure below a documented minimum of evidence: the
value is missing, its ``status`` is ``insufficient`` and its ``reason`` says what was short.
Every frame of UN voting figures carries the count the rule reads beside each figure
(``n_rollcalls``, ``n_members_present``) and the status (``docs/measures.md``, "Minimum evidence").

The rule
--------
* **dyad-period** (two states' alignment in a year or session, and a state's alignment with a
  partner): at least :data:`MIN_ROLLCALLS` (10) *contested* roll calls both states voted yes,
  abstain or no on (contested: not every state present voted alike, see
  :func:`ujym.engines.alignment.contested`).
* **group-period** (a group's cohesion): at least :data:`MIN_MEMBERS` (2) members present (a
  member that voted yes, abstain or no at least once in the period) and at least
  :data:`MIN_ROLLCALLS` contested roll calls on which a member voted.
* **group partner** (a state's alignment with a group: the mean over the group's members): the
  members whose dyad meets the dyad rule, at least two of them (all of them when the group has
  fewer than two members besides the state).

The minimum of roll calls can be lowered (``min_rollcalls=`` in the verbs, ``--min-rollcalls``
on the command line); it never goes below one.

Claim checks call :func:`sufficient` (rows of a frame that may enter a check) or
:func:`enough_rollcalls` with :func:`withhold` (on their own arrays).

>>> import numpy as np
>>> values, n = np.array([0.8, 1.0]), np.array([40, 1])
>>> ok = enough_rollcalls(n, MIN_ROLLCALLS)
>>> withhold(values, ok).tolist(), statuses(ok).tolist()
([0.8, nan], ['ok', 'insufficient'])
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ujym.core.errors import UjymError
from ujym.i18n import _

if TYPE_CHECKING:  # pandas is imported by the callers that pass frames
    import pandas as pd

MIN_ROLLCALLS = 10
"""Contested roll calls a dyad-period (and a group-period) needs for its figure to be shown."""

MIN_MEMBERS = 2
"""Members present a group-period needs for its cohesion to be shown."""


class Status(StrEnum):
    """Whether a figure is shown (``ok``) or withheld (``insufficient``)."""

    OK = "ok"
    INSUFFICIENT = "insufficient"


def check_minimum(min_rollcalls: Any) -> int:
    """``min_rollcalls`` as a whole number ≥ 1; a one-line error for anything else.

    >>> check_minimum(5)
    5
    >>> check_minimum(0)
    Traceback (most recent call last):
    ...
    ujym.core.errors.UjymError: the minimum of roll calls must be a whole number of at least 1, not 0 — use --min-rollcalls 1 or more (default 10)
    """
    ok = isinstance(min_rollcalls, (int, np.integer)) and not isinstance(min_rollcalls, bool)
    if not ok or int(min_rollcalls) < 1:
        raise UjymError(
            _(
                "the minimum of roll calls must be a whole number of at least 1, not {value!r}"
            ).format(value=min_rollcalls),
            _("use --min-rollcalls 1 or more (default {n})").format(n=MIN_ROLLCALLS),
        )
    return int(min_rollcalls)


def enough_rollcalls(n_rollcalls: npt.ArrayLike, min_rollcalls: int) -> npt.NDArray[np.bool_]:
    """True where a figure rests on at least ``min_rollcalls`` contested roll calls."""
    return np.asarray(np.asarray(n_rollcalls) >= check_minimum(min_rollcalls), dtype=bool)


def enough_members(
    n_members_present: npt.ArrayLike, n_rollcalls: npt.ArrayLike, min_rollcalls: int
) -> npt.NDArray[np.bool_]:
    """True where a group-period has at least two members present and enough roll calls."""
    present = np.asarray(n_members_present) >= MIN_MEMBERS
    return present & enough_rollcalls(n_rollcalls, min_rollcalls)


def withhold(values: npt.ArrayLike, enough: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """``values`` as floats, missing (NaN) where ``enough`` is False."""
    v = np.asarray(values, dtype=np.float64)
    return np.where(np.asarray(enough, dtype=bool), v, np.nan)


def statuses(enough: npt.ArrayLike) -> npt.NDArray[np.object_]:
    """``"ok"`` where ``enough``, ``"insufficient"`` elsewhere."""
    ok = np.asarray(enough, dtype=bool)
    return np.where(ok, Status.OK.value, Status.INSUFFICIENT.value).astype(object)


def sufficient(frame: pd.DataFrame, column: str = "status") -> pd.Series:
    """Rows of a ujym frame whose figures may be used (status ``ok``): what a check keeps.

    A frame without the status column is refused in one line (it was not made by a verb that
    applies the minimum of evidence).

    >>> import pandas as pd
    >>> df = pd.DataFrame({"agreement": [0.8, None], "status": ["ok", "insufficient"]})
    >>> df[sufficient(df)]["agreement"].tolist()
    [0.8]
    """
    if column not in frame.columns:
        raise UjymError(
            _("the frame has no column {col!r}").format(col=column),
            _("build it with a ujym verb that applies the minimum of evidence"),
        )
    return frame[column] == Status.OK.value


# ---- reasons (few distinct texts: the count is in the column beside them) ----------------
def rollcall_reason(n_rollcalls: int, min_rollcalls: int, *, group: bool = False) -> str:
    """Why a figure resting on ``n_rollcalls`` contested roll calls is withheld ('' if it is not)."""
    if n_rollcalls >= min_rollcalls:
        return ""
    if n_rollcalls == 0:
        return (
            _("no contested roll call on which a member voted")
            if group
            else _("no contested roll call in common")
        )
    return (
        _("fewer than {n} contested roll calls on which a member voted")
        if group
        else _("fewer than {n} contested roll calls in common")
    ).format(n=min_rollcalls)


def members_reason() -> str:
    """Why a group-period with fewer than two members present is withheld."""
    return _("fewer than two members present")


def reasons(
    n_rollcalls: npt.ArrayLike, min_rollcalls: int, *, group: bool = False
) -> npt.NDArray[np.object_]:
    """:func:`rollcall_reason` for every count (vectorised: three distinct texts at most)."""
    n = np.asarray(n_rollcalls)
    out = np.full(n.shape, "", dtype=object)
    out[n == 0] = rollcall_reason(0, min_rollcalls, group=group)
    if min_rollcalls > 1:
        out[(n > 0) & (n < min_rollcalls)] = rollcall_reason(1, min_rollcalls, group=group)
    return out


__all__ = [
    "MIN_MEMBERS",
    "MIN_ROLLCALLS",
    "Status",
    "check_minimum",
    "enough_members",
    "enough_rollcalls",
    "members_reason",
    "reasons",
    "rollcall_reason",
    "statuses",
    "sufficient",
    "withhold",
]
