"""Groups of states with dated membership: organisations of the casebook and comparison sets.

A :class:`Group` lists every dated period of every state in it (accession, suspension, exit as
statuses with dates), so its members can be asked for any year or day. ``complete`` says
whether the record lists *every* state for the years it covers: a group with an incomplete
record (the casebook holds only the states the article discusses) can be refused rather than
computed on a partial list (:meth:`Group.require_complete`).

Organisations come from the casebook (``ujym.sources.groups.resolve_group`` builds them);
*comparison sets* are fixed sets ujym defines for comparison, such as :data:`EU_CORE`.

>>> EU_CORE.members(1980)
(200, 220, 260, 325)
>>> EU_CORE.members(2020)
(220, 255, 325)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from ujym.core.dates import PartialDate, Period
from ujym.core.errors import UjymError
from ujym.core.memberships import MembershipStatus
from ujym.core.messages import _
from ujym.core.names import Names


class GroupKind(StrEnum):
    """What a group is: an organisation of the casebook or a fixed comparison set."""

    ORGANISATION = "organisation"  # an organisation of the casebook (its dated memberships)
    COMPARISON_SET = "comparison-set"  # a fixed set ujym defines for comparison (EU core)


class IncompleteGroupError(UjymError):
    """A group whose membership record does not list every member for the years asked."""


class GroupMember(BaseModel):
    """State ``ccode`` held ``status`` in the group during ``period``."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    ccode: int
    status: MembershipStatus = MembershipStatus.MEMBER
    period: Period = Period()
    actor: str | None = None  # the casebook actor id, when the row comes from the casebook

    def on(self, day: date) -> bool:
        """True when ``day`` falls inside the period (a year- or month-precise end counts whole)."""
        p = self.period
        if p.start is not None and day < p.start.earliest():
            return False
        return p.end is None or day <= p.end.latest()


class Group(BaseModel):
    """A group of states with every dated membership period ujym knows of.

    ``names`` are the short names a reader sees (kk/ru/en); ``aliases`` other names a user may
    type. ``record`` is the span for which the membership rows are known to list every state
    holding one of ``record_statuses`` (None: not known to be complete); ``founded`` and
    ``dissolved`` bound the organisation's life, so a record that starts no later than the
    founding also answers for the years before it (nobody was a member then).

    Asking for the members of a year the record does not answer for raises
    :class:`IncompleteGroupError` (one line): a figure is never computed on a partial list.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str
    kind: GroupKind
    names: Names
    periods: tuple[GroupMember, ...]
    aliases: tuple[str, ...] = ()
    record: Period | None = None
    record_statuses: tuple[str, ...] = ("member", "suspended")
    founded: PartialDate | None = None
    dissolved: PartialDate | None = None
    note: str = ""

    @property
    def complete(self) -> bool:
        """True when the record is known to list every member (for the span ``record``)."""
        return self.record is not None

    def complete_for(self, year: int, statuses: Iterable[str] = ("member",)) -> bool:
        """True when the record lists every state holding ``statuses`` in ``year``.

        That is when the record's span touches the year, or the year falls before a record that
        starts no later than the founding, or after the end of a dissolved organisation whose
        record runs to its end.
        """
        record = self.record
        if record is None or not set(statuses) <= set(self.record_statuses):
            return False
        if record.covers_year(year):
            return True
        if record.start is not None and date(year, 12, 31) < record.start.earliest():
            return self.founded is not None and record.start.earliest() <= self.founded.latest()
        if record.end is not None and date(year, 1, 1) > record.end.latest():
            ended = self.dissolved
            return ended is not None and ended.earliest() <= record.end.latest() + timedelta(days=1)
        return False

    def members(self, year: int, statuses: Iterable[str] = ("member",)) -> tuple[int, ...]:
        """COW codes holding one of ``statuses`` at any time in ``year``, sorted.

        Raises :class:`IncompleteGroupError` when the record does not list every such state.
        """
        wanted = set(statuses)
        self.require_complete([year], wanted)
        return tuple(
            sorted(
                {m.ccode for m in self.periods if m.status in wanted and m.period.covers_year(year)}
            )
        )

    def members_on(self, day: date, statuses: Iterable[str] = ("member",)) -> tuple[int, ...]:
        """COW codes holding one of ``statuses`` on ``day``, sorted (refused like ``members``)."""
        wanted = set(statuses)
        self.require_complete([day.year], wanted)
        return tuple(sorted({m.ccode for m in self.periods if m.status in wanted and m.on(day)}))

    def ever_members(self) -> tuple[int, ...]:
        """Every state the rows show as a member at some time, sorted."""
        return tuple(sorted({m.ccode for m in self.periods if m.status == "member"}))

    def require_complete(self, years: Iterable[int], statuses: Iterable[str] = ("member",)) -> None:
        """Raise :class:`IncompleteGroupError` unless the record is complete for every year."""
        wanted = tuple(statuses)
        missing = sorted({int(y) for y in years if not self.complete_for(int(y), wanted)})
        if not missing:
            return
        span = f"{missing[0]}" if len(missing) == 1 else f"{missing[0]}–{missing[-1]}"
        if self.record is not None and set(wanted) - set(self.record_statuses):
            raise IncompleteGroupError(
                _(
                    "the casebook's record of {group} lists every member, not every observer "
                    "or partner"
                ).format(group=self.id),
                _("ask for its members, or list the states"),
            )
        raise IncompleteGroupError(
            _("the membership record of {group} is not complete for {years}").format(
                group=self.id, years=span
            ),
            _(
                "list the states instead (e.g. RUS,KAZ), or complete the organisation's "
                "memberships in the casebook"
            ),
        )


FRANCE, UNITED_KINGDOM, GERMANY, WEST_GERMANY, ITALY = 220, 200, 255, 260, 325

EU_CORE = Group(
    id="EU-CORE",
    kind=GroupKind.COMPARISON_SET,
    names=Names(kk="ЕО өзегі", ru="Ядро ЕС", en="EU core"),
    # "EU" is the European Union itself (the casebook's organisation EU, every member by date)
    aliases=("EU core", "EU_CORE"),
    periods=(
        GroupMember(ccode=FRANCE),
        GroupMember(ccode=WEST_GERMANY, period=Period(end=PartialDate(year=1990))),
        GroupMember(ccode=GERMANY, period=Period(start=PartialDate(year=1990))),
        GroupMember(ccode=ITALY),
        GroupMember(ccode=UNITED_KINGDOM, period=Period(end=PartialDate(year=2019))),
    ),
    record=Period(),
    note=(
        "France, Germany (West Germany to 1990, a UN member from 1973), Italy and the United "
        "Kingdom through 2019 (it left the EU on 31 January 2020): the large founding members of "
        "the EEC/EU plus the UK while a member. A fixed core tracks the European position at the "
        "General Assembly without moving with each enlargement. Not the EU's membership."
    ),
)
"""The EU core: ujym's fixed European comparison set (see :mod:`ujym.engines.multivector`)."""

COMPARISON_SETS: tuple[Group, ...] = (EU_CORE,)
"""Every comparison set ujym defines, found by name like the casebook's organisations."""


__all__ = [
    "COMPARISON_SETS",
    "EU_CORE",
    "Group",
    "GroupKind",
    "GroupMember",
    "IncompleteGroupError",
]
