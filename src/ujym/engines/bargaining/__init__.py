"""Bueno de Mesquita's expected-utility group-decision model, as specified by Scholz, Calbert &
Smith (2011), vectorised across Monte Carlo runs (arrays of shape runs × actors).

One idea per module: :mod:`.votes` (pairwise votes, median, mean, probabilities of success),
:mod:`.utility` (basic and expected utilities), :mod:`.risk` (security levels, risk exponents),
:mod:`.offers` (conflict, compromise, capitulation and the choice among offers), :mod:`.model`
(rounds to a stopping rule, fixed points and cycles), :mod:`.montecarlo` (draws from stated
uncertainty, local or Dask sweeps, sensitivity), :mod:`.options` and :mod:`.presets` (the readings
of the paper), :mod:`.reference` (the ``n³`` kernels the fast ones are checked against). Equations and pages: ``docs/bargaining.md``.
"""

from ujym.engines.bargaining.model import (
    CYCLE,
    FIXED_POINT,
    RAN_ALL_ROUNDS,
    ROUND_CAP,
    STATUS_NAMES,
    Move,
    RoundDetail,
    Trajectory,
    play_round,
    run_model,
)
from ujym.engines.bargaining.options import ModelOptions
from ujym.engines.bargaining.presets import DEFAULT_PRESET, PRESETS, preset

__all__ = [
    "CYCLE",
    "DEFAULT_PRESET",
    "FIXED_POINT",
    "PRESETS",
    "RAN_ALL_ROUNDS",
    "ROUND_CAP",
    "STATUS_NAMES",
    "ModelOptions",
    "Move",
    "RoundDetail",
    "Trajectory",
    "play_round",
    "preset",
    "run_model",
]
