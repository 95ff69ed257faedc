"""Who belongs to a group in a given year, as COW codes: a typed value the checks are given.

The pipeline reads the casebook's dated memberships into a :class:`GroupMembers`
(:func:`ujym.pipeline.checks.group_members`) and hands it to the checks in
:class:`~ujym.engines.checks.CheckData`; the checks never read the casebook's membership rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ujym.core.casebook import Casebook
from ujym.core.errors import UnknownCodeError


@dataclass(frozen=True)
class GroupMembers:
    """The members (status ``member``) of each organisation in each year, as COW codes.

    ``by_year`` maps ``(organisation, year)`` to the sorted COW codes of its members that year;
    a year or an organisation it does not hold has no members.

    >>> members = GroupMembers({("SCO", 2013): (365, 702, 703, 704, 705, 710)})
    >>> members.of("SCO", 2013)
    [365, 702, 703, 704, 705, 710]
    >>> members.of("SCO", 1990)
    []
    """

    by_year: Mapping[tuple[str, int], tuple[int, ...]] = field(default_factory=dict)

    def of(self, organisation: str, year: int) -> list[int]:
        """COW codes of the members of ``organisation`` during ``year``."""
        return list(self.by_year.get((organisation, year), ()))


def ccode_of(casebook: Casebook, actor_id: str) -> int:
    """The COW code of a state actor of the casebook."""
    actor = casebook.actor(actor_id)
    if actor.codes is None:
        raise UnknownCodeError(f"{actor_id!r} is not a state", "give a state's ISO3 code")
    return actor.codes.ccode


def members_ccodes(members: GroupMembers, organisation: str, year: int) -> list[int]:
    """COW codes of the members of ``organisation`` during ``year`` (status member)."""
    return members.of(organisation, year)
