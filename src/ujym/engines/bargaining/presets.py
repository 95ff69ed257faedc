"""Named readings of the model: each a :class:`ModelOptions` (``docs/bargaining.md``, *Presets*).

* ``ujym`` — the default (``ModelOptions()``): the reading that reproduces the published EU
  example, with compromises chosen by the strongest proposer, which does not depend on the
  direction of the scale (decision record 0006);
* ``scholz2011`` — the code behind Scholz, Calbert & Smith (2011): probabilities normalised over
  all voters and pairs, votes and utilities with risk exponents as that code has them, offers
  ranked by type, compromises by the lowest weighted position, R fixed at the initial range;
  it reproduces the paper's medians and means after rounds 1–8 on the EU example;
* ``as-printed`` — the equations as printed: each pair's own vote sum, linear votes, the
  proposer's risk exponent, the strongest proposer's offer (ujym's reading before 0006).
"""

from __future__ import annotations

from ujym.engines.bargaining.options import ModelOptions

PRESETS: dict[str, ModelOptions] = {
    "ujym": ModelOptions(sequential=True, probability="pair", vote_risk=False, risk_exponent="proposer", offer_choice="strongest", compromise_choice="least_move"),
    "scholz2011": ModelOptions(
        distance_range="initial",
        probability="all_pairs",
        vote_risk=True,
        risk_exponent="receiver",
        offer_choice="by_type",
        compromise_choice="lowest_weighted",
    ),
    "as-printed": ModelOptions(
        distance_range="positions",
        probability="pair",
        vote_risk=False,
        risk_exponent="proposer",
        offer_choice="strongest",
        compromise_choice="least_move",
    ),
}

DEFAULT_PRESET = "ujym"


def preset(name: str, **changes: object) -> ModelOptions:
    """The options of a named reading, with any fields changed.

    Examples
    --------
    >>> preset("scholz2011").probability
    'all_pairs'
    >>> preset("as-printed", stopping="converged").risk_exponent
    'proposer'
    """
    from ujym.core.errors import UjymError

    if name not in PRESETS:
        raise UjymError(f"unknown preset {name!r}", f"use one of: {', '.join(PRESETS)}")
    return PRESETS[name].with_(**changes) if changes else PRESETS[name]
