"""Who belongs to a group in a given year, as COW codes, from the casebook's dated memberships."""

from __future__ import annotations

from ujym.core.casebook import Casebook
from ujym.core.errors import UnknownCodeError


def ccode_of(casebook: Casebook, actor_id: str) -> int:
    """The COW code of a state actor of the casebook."""
    actor = casebook.actor(actor_id)
    if actor.codes is None:
        raise UnknownCodeError(f"{actor_id!r} is not a state", "give a state's ISO3 code")
    return actor.codes.ccode


def members_ccodes(casebook: Casebook, organisation: str, year: int) -> list[int]:
    """COW codes of the members of ``organisation`` during ``year`` (status member)."""
    return sorted(ccode_of(casebook, a) for a in casebook.members_of(organisation, year))
