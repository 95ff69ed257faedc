"""Choices the paper leaves open, as named options (presets in :mod:`.presets`).

Scholz, Calbert & Smith (2011) — cited below as *SCS* — give the equations of Bueno de Mesquita's
expected-utility model but leave some procedural points open, and the code behind their published
example differs from the equations as printed in three places (``docs/bargaining.md``). Each
choice is a field here. ``ModelOptions()`` is ujym's default reading, the preset ``ujym`` (decision
record ``docs/decisions/0006-bargaining-default-reading.md``); :func:`ujym.engines.bargaining.preset`
names the others.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from ujym.core.errors import UjymError

RangeMode = Literal["positions", "initial", "scale"]
Normalisation = Literal["pair", "all_pairs"]
RiskExponent = Literal["proposer", "receiver"]
ConflictRule = Literal["loser_moves", "no_move"]
OfferChoice = Literal["strongest", "least_move", "by_type"]
CompromiseChoice = Literal["least_move", "strongest", "lowest_weighted"]
MedianTies = Literal["lowest", "highest"]
Stopping = Literal["rounds", "converged"]
Kernel = Literal["compiled", "fast", "reference"]

_ALLOWED: dict[str, tuple[str, ...]] = {
    "distance_range": ("positions", "initial", "scale"),
    "probability": ("pair", "all_pairs"),
    "risk_exponent": ("proposer", "receiver"),
    "conflict": ("loser_moves", "no_move"),
    "offer_choice": ("strongest", "least_move", "by_type"),
    "compromise_choice": ("least_move", "strongest", "lowest_weighted"),
    "median_ties": ("lowest", "highest"),
    "stopping": ("rounds", "converged"),
    "kernel": ("compiled", "fast", "reference"),
}


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
        The range R that divides every distance. ``"positions"``: ``x_max − x_min`` of the
        current positions (SCS eqs. 14–16, 22–23, 28, literal reading); ``"initial"``: of the
        positions the run started from (the code behind the paper); ``"scale"``: the width of the
        scenario's scale.
    probability
        Normalisation of the probability of success (SCS eqs. 30–31). ``"pair"``: by the pair's
        own vote sum, as printed, so that ``P^i + P^j = 1``; ``"all_pairs"``: by the sum of
        absolute votes over all voters and all pairs of actors, as in the code behind the paper.
    vote_risk
        ``True``: in the second pass the votes behind the probability of success use each
        voter's risk exponent, ``|x_k − x_m|^{r_k}`` (the code behind the paper); ``False``:
        votes are linear in distance (SCS eq. 14), in both passes.
    risk_exponent
        Whose risk exponent evaluates ``a = E(U_ij)``, the proposer's expected utility that
        decides an offer from i to j: ``"proposer"`` (r_i, the equations as printed) or
        ``"receiver"`` (r_j, the code behind the paper). The receiver's own ``b = E(U_ji)``
        always uses r_j.
    conflict
        When both expect to gain (``a > 0`` and ``b > 0``), SCS §6 (fig. 6) has the actor with
        the lower expected utility concede fully (``"loser_moves"``); ``"no_move"`` reads
        conflict as an uncertain outcome that moves nobody.
    offer_choice
        Several offers to one actor in a round (SCS §6.2): ``"strongest"`` accepts the offer of
        the proposer with the highest expected utility, ties broken by the smallest move;
        ``"least_move"`` takes the smallest move first, ties broken by the strongest proposer;
        ``"by_type"`` ranks conflict before compromise before capitulation and, within conflict
        and capitulation, takes the smallest move (within compromise: ``compromise_choice``).
        Remaining ties go to the lower target position, then the lower proposer index.
    compromise_choice
        With ``offer_choice="by_type"``, which of several compromise offers: ``"least_move"``;
        ``"strongest"``, the proposer with the highest expected utility (SCS §6.2, "concede to
        the actor with highest expected utility"); ``"lowest_weighted"``, the offer whose
        expected-utility-weighted mean of the two positions, ``(|b| x_j + |a| x_i)/(|a| + |b|)``,
        is lowest on the scale (the code behind the paper; it depends on the scale's direction).
    sequential
        ``True`` forbids accepting an offer from a proposer that moves in the same round: offers
        settle in turn, the strongest first; a settled receiver moves, its proposer holds its
        position for the rest of the round, and offers from actors that moved lapse (a round with
        any offer still moves someone). ``False``: every accepted offer takes effect together
        (SCS appendix step 11), so an actor may accept "move to my position" from a proposer that
        moves away in the same round — the stale offers behind most period-2 cycles.
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
        Relative tolerance: two positions closer than ``tolerance × scale width`` count as equal
        (fixed points, cycles), so compromises that converge geometrically stop instead of
        running to the cap.
    risk
        Estimate risk exponents from security levels (SCS §5, eqs. 32–34); ``False`` keeps
        ``r_i = 1`` for every actor.
    kernel
        ``"compiled"``: every run's rounds in one compiled loop (:mod:`.compiled`, numba),
        runs in parallel, the sums over third parties from sorted positions and prefix sums;
        ``"fast"``: the same sums with numpy, vectorised across runs (``n² log n`` per round);
        ``"reference"``: numpy with the ``n × n × n`` tensor of every voter and pair. All give
        the same numbers (to 1e-12 of the scale); the reference is for tests and the benchmark.
        :func:`ujym.engines.bargaining.play_round` (one round with every intermediate value)
        always uses numpy, with the prefix sums unless ``kernel="reference"``.
    """

    q: float = 1.0
    distance_range: RangeMode = "positions"
    probability: Normalisation = "pair"
    vote_risk: bool = False
    risk_exponent: RiskExponent = "proposer"
    conflict: ConflictRule = "loser_moves"
    offer_choice: OfferChoice = "strongest"
    compromise_choice: CompromiseChoice = "strongest"
    sequential: bool = True
    median_ties: MedianTies = "lowest"
    stopping: Stopping = "rounds"
    rounds: int = 5
    max_rounds: int = 100
    tolerance: float = 1e-6
    risk: bool = True
    kernel: Kernel = "compiled"

    def __post_init__(self) -> None:
        if not 0.0 <= self.q <= 1.0:
            raise UjymError(f"Q = {self.q} is not a probability", "give a value between 0 and 1")
        for name, allowed in _ALLOWED.items():
            value = getattr(self, name)
            if value not in allowed:
                raise UjymError(f"unknown {name} {value!r}", f"use one of: {', '.join(allowed)}")
        if self.rounds < 1 or self.max_rounds < 1:
            raise UjymError("the number of rounds must be at least 1", "give rounds >= 1")
        if not self.tolerance >= 0:
            raise UjymError("tolerance must be non-negative", "give e.g. 1e-6")

    @property
    def round_limit(self) -> int:
        """The most rounds a run may take under the chosen stopping rule."""
        return self.rounds if self.stopping == "rounds" else self.max_rounds

    def with_(self, **changes: object) -> ModelOptions:
        """A copy with some fields changed (validated like the original)."""
        return replace(self, **changes)  # type: ignore[arg-type]
