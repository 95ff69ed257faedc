"""Choices the paper leaves open, as named options with the paper's choice as default.

Scholz, Calbert & Smith (2011) — cited below as *SCS* — give the equations of Bueno de Mesquita's
expected-utility model but leave some procedural points open. Each one is a field here; the default
is the paper's reading (see ``docs/bargaining.md`` for the page and equation of each).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from ujym.core.errors import UjymError

RangeMode = Literal["positions", "scale"]
ConflictRule = Literal["loser_moves", "no_move"]
OfferChoice = Literal["strongest", "least_move"]
MedianTies = Literal["lowest", "highest"]
Stopping = Literal["rounds", "converged"]


@dataclass(frozen=True)
class ModelOptions:
    """Options of one run of the model.

    Attributes
    ----------
    q
        Probability ``Q`` that the status quo persists when i does not challenge j (SCS eq. 7).
        SCS chose ``Q = 1.0`` for the EU example ("No value for Q was given"); their appendix
        names 0.5 as the other value.
    distance_range
        ``"positions"``: distances are divided by ``x_max − x_min`` of the current positions (SCS
        eqs. 14–16, 22–23, 28, literal reading). ``"scale"``: by the width of the scenario's scale.
    conflict
        When both expect to gain (``E^i(U_ij) > 0`` and ``E^j(U_ji) > 0``), SCS §6 (fig. 6) has
        the actor with the lower expected utility concede fully (``"loser_moves"``);
        ``"no_move"`` reads conflict as an uncertain outcome that moves nobody.
    offer_choice
        Several offers to one actor in a round (SCS §6.2): ``"strongest"`` accepts the offer of the
        proposer with the highest expected utility ("concede to the actor with highest expected
        utility"), ties broken by the smallest move ("players move the least that they can");
        ``"least_move"`` takes the smallest move first, ties broken by the strongest proposer.
        Remaining ties go to the lower target position (determinism).
    median_ties
        When two distinct positions get the same pairwise-vote total, take the ``"lowest"`` or
        ``"highest"`` of them.
    stopping
        ``"rounds"``: SCS appendix step 13, stop when ``t = τ`` (``rounds``). ``"converged"``: stop
        when no position moves (up to ``max_rounds``). Under both rules a run also stops as soon
        as it reaches a fixed point or revisits an earlier state (a cycle, reported as such).
    rounds
        ``τ`` for ``stopping="rounds"``.
    max_rounds
        Safety cap for ``stopping="converged"``.
    tolerance
        Two positions closer than ``tolerance × scale width`` count as equal (fixed points, cycles).
    risk
        Estimate risk exponents from security levels (SCS §5, eqs. 32–34); ``False`` keeps
        ``r_i = 1`` for every actor.
    """

    q: float = 1.0
    distance_range: RangeMode = "positions"
    conflict: ConflictRule = "loser_moves"
    offer_choice: OfferChoice = "strongest"
    median_ties: MedianTies = "lowest"
    stopping: Stopping = "rounds"
    rounds: int = 5
    max_rounds: int = 100
    tolerance: float = 1e-9
    risk: bool = True

    def __post_init__(self) -> None:
        if not 0.0 <= self.q <= 1.0:
            raise UjymError(f"Q = {self.q} is not a probability", "give a value between 0 and 1")
        checks: dict[str, tuple[str, tuple[str, ...]]] = {
            "distance_range": (self.distance_range, ("positions", "scale")),
            "conflict": (self.conflict, ("loser_moves", "no_move")),
            "offer_choice": (self.offer_choice, ("strongest", "least_move")),
            "median_ties": (self.median_ties, ("lowest", "highest")),
            "stopping": (self.stopping, ("rounds", "converged")),
        }
        for name, (value, allowed) in checks.items():
            if value not in allowed:
                raise UjymError(f"unknown {name} {value!r}", f"use one of: {', '.join(allowed)}")
        if self.rounds < 1 or self.max_rounds < 1:
            raise UjymError("the number of rounds must be at least 1", "give rounds >= 1")
        if not self.tolerance >= 0:
            raise UjymError("tolerance must be non-negative", "give e.g. 1e-9")

    @property
    def round_limit(self) -> int:
        """The most rounds a run may take under the chosen stopping rule."""
        return self.rounds if self.stopping == "rounds" else self.max_rounds

    def with_(self, **changes: object) -> ModelOptions:
        return replace(self, **changes)  # type: ignore[arg-type]
