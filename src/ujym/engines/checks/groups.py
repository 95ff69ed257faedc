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
    """COW codes of the members of ``organisation`` during ``year`` (status member).

    A row may name a state the article does not discuss by its ISO3 code only; the loader has
    resolved every row's state to its COW code (``Membership.ccode``).
    """
    return sorted(
        {
            m.ccode
            for m in casebook.memberships
            if m.organisation == organisation
            and m.status == "member"
            and m.ccode is not None
            and m.period.covers_year(year)
        }
    )
