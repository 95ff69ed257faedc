"""Named readings of the model: each a :class:`ModelOptions` (``docs/bargaining.md``, *Presets*).

* ``ujym`` — the default (``ModelOptions()``): the equations as printed, with offers settled in
  turn (``sequential``) so that no actor accepts an offer from a proposer that moves away in the
  same round (decision record 0006);
* ``scholz2011`` — the code behind Scholz, Calbert & Smith (2011): probabilities normalised over
  all voters and pairs, votes and utilities with risk exponents as that code has them, offers
  ranked by type, compromises by the lowest weighted position, R fixed at the initial range;
  it reproduces the paper's medians and means after rounds 1–8 on the EU example;
* ``as-printed`` — the equations as printed: each pair's own vote sum, linear votes, the
  proposer's risk exponent, the strongest proposer's offer, all accepted offers taking effect
  together (ujym's default before decision 0006).
"""

from __future__ import annotations

from ujym.engines.bargaining.options import ModelOptions

PRESETS: dict[str, ModelOptions] = {
    "ujym": ModelOptions(),
    "scholz2011": ModelOptions(
        distance_range="initial",
        probability="all_pairs",
        vote_risk=True,
        risk_exponent="receiver",
        offer_choice="by_type",
        compromise_choice="lowest_weighted",
        sequential=False,
    ),
    "as-printed": ModelOptions(sequential=False),
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
