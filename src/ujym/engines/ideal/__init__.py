"""Dynamic ideal points from roll-call votes (one dimension, yes / abstain / no).

``data`` turns a :class:`ujym.core.votes.VoteMatrix` into observation arrays (bridged items,
unanimous roll calls dropped); ``vem`` fits the model by variational EM; ``kalman`` smooths each
state's random walk; ``truncnorm`` computes truncated-normal moments. See docs/ideal_points.md.
"""

from ujym.engines.ideal.data import IdealData, prepare
from ujym.engines.ideal.vem import DEFAULT_ANCHORS, IdealFit, IdealSettings, fit

__all__ = ["DEFAULT_ANCHORS", "IdealData", "IdealFit", "IdealSettings", "fit", "prepare"]
