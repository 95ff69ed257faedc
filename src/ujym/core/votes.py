"""Roll-call votes: the codes ujym uses and the states × roll-calls matrix."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np
import numpy.typing as npt


class Vote(IntEnum):
    """Vote codes, as in Voeten's UNGA data (``unvotes`` has only 1–3; absences are not rows)."""

    UNKNOWN = 0  # no record (e.g. a redistribution that dropped absences and we cannot tell)
    YES = 1
    ABSTAIN = 2
    NO = 3
    ABSENT = 8  # a UN member that did not vote
    NOT_MEMBER = 9  # not a UN member on that date


ISSUE_CODES: tuple[str, ...] = ("me", "nu", "di", "hr", "co", "ec")
"""Voeten's issue codes: Middle East, nuclear, disarmament, human rights, colonialism, economic."""


@dataclass(frozen=True)
class VoteMatrix:
    """States × roll calls, with the roll calls' session, year and issue flags.

    ``votes[i, j]`` is the :class:`Vote` code of state ``ccodes[i]`` on roll call ``rcids[j]``.
    Rows are sorted by ``ccode``, columns by ``rcid``.
    """

    ccodes: npt.NDArray[np.int16]
    rcids: npt.NDArray[np.int32]
    votes: npt.NDArray[np.int8]
    session: npt.NDArray[np.int16]
    year: npt.NDArray[np.int16]
    important: npt.NDArray[np.bool_]
    issues: dict[str, npt.NDArray[np.bool_]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n, m = self.votes.shape
        if self.ccodes.shape != (n,) or self.rcids.shape != (m,):
            raise ValueError("VoteMatrix: ccodes/rcids do not match the votes matrix shape")
        for name in ("session", "year", "important"):
            if getattr(self, name).shape != (m,):
                raise ValueError(f"VoteMatrix: {name} must have one entry per roll call")

    @property
    def shape(self) -> tuple[int, int]:
        """(states, roll calls)."""
        n, m = self.votes.shape
        return n, m

    def roll_calls(self, keep: npt.NDArray[np.bool_]) -> VoteMatrix:
        """The same states on the roll calls where ``keep`` (one flag per roll call) is True."""
        return VoteMatrix(
            ccodes=self.ccodes,
            rcids=self.rcids[keep],
            votes=self.votes[:, keep],
            session=self.session[keep],
            year=self.year[keep],
            important=self.important[keep],
            issues={k: v[keep] for k, v in self.issues.items()},
        )

    def row(self, ccode: int) -> int:
        """Row index of state ``ccode`` (KeyError when absent)."""
        idx = int(np.searchsorted(self.ccodes, ccode))
        if idx >= len(self.ccodes) or int(self.ccodes[idx]) != ccode:
            raise KeyError(ccode)
        return idx
