"""Reference kernels: the sums over third parties evaluated term by term (``n × n × n``).

This is the path ujym used before the prefix-sum kernels of :mod:`.votes` (generalised to the
readings of :class:`ModelOptions`): every voter's vote on every pair of actors is held in one
tensor. It is slow and memory-hungry on purpose — it is the definition, kept so that tests and
``benchmarks/bargaining.py`` can check that the fast kernels give the same numbers (to 1e-12).
Select it for a whole run with ``ModelOptions(kernel="reference")``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def vote_numerators_reference(x: Array, w: Array, width: Array, rho: Array | None = None) -> Array:
    """``N[..., i, j] = Σ_k max(0, w_k (D_kj^{ρ_k} − D_ki^{ρ_k}))`` with the full tensor.

    Same result as :func:`ujym.engines.bargaining.votes.vote_numerators`; the pairs i < j are
    evaluated once (a ``runs × actors × actors(actors − 1)/2`` tensor) and mirrored.
    """
    n = x.shape[-1]
    dist = np.abs(x[..., :, None] - x[..., None, :]) / width[..., None, None]  # [k, m]
    if rho is not None:
        dist = np.power(dist, rho[..., :, None])
    f = w[..., :, None] * dist  # f[k, m] = w_k D_km^{ρ_k}
    iu, ju = np.triu_indices(n, 1)
    g = f[..., ju] - f[..., iu]  # g[k, pair]: voter k's vote for i over j (i = iu, j = ju)
    out = np.zeros((*x.shape, n))
    out[..., iu, ju] = np.maximum(g, 0.0).sum(axis=-2)
    out[..., ju, iu] = np.maximum(-g, 0.0).sum(axis=-2)
    return out
