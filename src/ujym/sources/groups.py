"""One home for groups: find a group by name, and read what a user typed as states and groups.

A *group* is an organisation of the casebook that has membership rows (its members of each
year, from the dated memberships: accession, suspension, exit) or one of ujym's comparison sets
(:data:`ujym.core.groups.COMPARISON_SETS`, e.g. the EU core). Every command and verb that takes
a group — ``ujym cohesion``, ``plot-alignment --against``, ``capabilities``, ``create_state_years``,
``create_dyad_years``, ``add_capabilities(within=)`` — reads it here, so they accept the same names.

>>> csto = resolve_group("CSTO")
>>> 704 in csto.members(2008), 704 in csto.members(2014)   # Uzbekistan in 2008, suspended since
(True, False)
>>> parse_spec("KAZ,CSTO").members(2013)
(365, 370, 371, 702, 703, 705)

An unknown name is one line listing the known groups (``unknown group 'NOWHERE' — use one of:
CIS, CSTO, CU, EAEU, …, or list states such as RUS,KAZ``). A group whose membership record does
not list every member for a year asked is refused when its members are asked for
(:class:`ujym.core.groups.IncompleteGroupError`), never computed on a partial list.

>>> resolve_group("NATO").members_on(date(2017, 6, 5)).__len__()   # Montenegro joined that day
29
>>> resolve_group("EU").members(2020).__len__()                   # the UK to 31 January 2020
28
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ujym.core.casebook import Casebook
from ujym.core.errors import UnknownCodeError
from ujym.core.groups import COMPARISON_SETS, Group, GroupKind, GroupMember
from ujym.core.names import Lang
from ujym.i18n import _
from ujym.sources.casebook import load_casebook
from ujym.sources.codes import Country, resolve_state


def group_from_casebook(casebook: Casebook, organisation: str) -> Group:
    """The group of ``organisation`` (an id of the casebook) with every dated membership row.

    A row's state is its COW code as the loader resolved it (an actor's codes, or the ISO3 code
    of a state the article does not discuss); rows of non-state actors are not group members.
    """
    org = casebook.actor(organisation)
    periods = tuple(
        GroupMember(ccode=m.ccode, status=m.status, period=m.period, actor=m.actor)
        for m in casebook.memberships
        if m.organisation == org.id and m.ccode is not None
    )
    record = org.membership_record
    return Group(
        id=org.id,
        kind=GroupKind.ORGANISATION,
        names=org.short,
        periods=periods,
        aliases=(org.names.en, *org.aliases),
        record=record.complete if record is not None else None,
        record_statuses=tuple(s.value for s in record.statuses) if record is not None else (),
        founded=org.founded,
        dissolved=org.dissolved,
        note=org.editorial or "",
    )


@dataclass(frozen=True)
class _Known:
    casebook: Casebook
    groups: tuple[Group, ...]
    by_name: dict[str, Group]


_last: list[_Known] = []  # the groups of the last casebook asked about (casebooks are immutable)


def _known(casebook: Casebook | None) -> _Known:
    cb = casebook or load_casebook()
    if _last and _last[0].casebook is cb:
        return _last[0]
    ids = sorted({m.organisation for m in cb.memberships})
    groups = (*(group_from_casebook(cb, i) for i in ids), *COMPARISON_SETS)
    by_name: dict[str, Group] = {}
    for group in groups:  # a casebook organisation wins over a comparison set of the same name
        for name in (group.id, group.names.kk, group.names.ru, group.names.en, *group.aliases):
            by_name.setdefault(name.strip().casefold(), group)
    _last[:] = [_Known(cb, groups, by_name)]
    return _last[0]


def known_groups(casebook: Casebook | None = None) -> tuple[Group, ...]:
    """Every group: the casebook's organisations with membership rows, then the comparison sets."""
    return _known(casebook).groups


def find_group(name: str, casebook: Casebook | None = None) -> Group | None:
    """The group called ``name`` (id, short name in kk/ru/en or alias; any case), else None.

    A casebook organisation wins over a comparison set of the same name.
    """
    return _known(casebook).by_name.get(name.strip().casefold())


def _known_list(casebook: Casebook | None) -> str:
    """The ids of the groups a user can use: organisations with a complete membership record
    and the comparison sets (a group without a record is refused when used, so not offered).
    """
    return ", ".join(sorted(g.id for g in known_groups(casebook) if g.complete))


def resolve_group(name: str, casebook: Casebook | None = None) -> Group:
    """The group called ``name``; :class:`UnknownCodeError` listing the known groups otherwise."""
    group = find_group(name, casebook)
    if group is None:
        raise UnknownCodeError(
            _("unknown group {group!r}").format(group=name.strip()),
            _("use one of: {groups}, or list states such as RUS,KAZ").format(
                groups=_known_list(casebook)
            ),
        )
    return group


@dataclass(frozen=True)
class Selection:
    """States and groups a user named; :meth:`members` gives the COW codes of each year."""

    text: str  # as typed (for titles)
    states: tuple[Country, ...] = ()
    groups: tuple[Group, ...] = ()

    def members(self, year: int) -> tuple[int, ...]:
        """The named states plus each group's members in ``year``, sorted."""
        out = {c.ccode for c in self.states}
        for g in self.groups:
            out.update(g.members(year))
        return tuple(sorted(out))

    def members_on(self, day: date) -> tuple[int, ...]:
        """The named states plus each group's members on ``day``, sorted."""
        out = {c.ccode for c in self.states}
        for g in self.groups:
            out.update(g.members_on(day))
        return tuple(sorted(out))

    @property
    def on_casebook(self) -> bool:
        """True when a group of the selection takes its members from the casebook."""
        return any(g.kind is GroupKind.ORGANISATION for g in self.groups)

    @property
    def group(self) -> Group | None:
        """The one group named, when the selection is exactly one group."""
        return self.groups[0] if len(self.groups) == 1 and not self.states else None

    def label(self, lang: Lang = "en") -> str:
        """A name for titles: the group's name in ``lang``, else the names joined by commas."""
        parts = [g.names[lang] for g in self.groups] + [c.names[lang] for c in self.states]
        return ", ".join(parts) or self.text


StateSpec = str | int | Country | Group | Selection | Iterable[Any] | None
"""What a user may give for states: one state (COW code, ISO3, ISO2, name), a group name, a
comma-separated mix of those (``"KAZ,RUS"``, ``"CSTO"``, ``"KAZ,CSTO"``), or an iterable of them
(or a :class:`Selection` already read)."""


def _items(spec: Any) -> list[Any]:
    if isinstance(spec, str):
        return [p.strip() for p in spec.split(",") if p.strip()]
    if isinstance(spec, (numbers.Integral, Country, Group)):
        return [spec]
    return [i for item in spec for i in _items(item)]


def parse_spec(spec: StateSpec, casebook: Casebook | None = None) -> Selection | None:
    """What a user typed for states and groups, resolved (None for None: every state).

    Items are COW codes (numbers), group names (see :func:`find_group`) or states (ISO3, ISO2,
    name; see :func:`ujym.sources.codes.resolve_state`); a name that is both a group and a state
    code (``CU``: the Customs Union, not Cuba) is the group. Unknown items raise
    :class:`UnknownCodeError` naming the known groups.

    >>> parse_spec(["RUS", 705]).members(2013)
    (365, 705)
    """
    if spec is None or isinstance(spec, Selection):
        return spec
    states: dict[int, Country] = {}
    groups: dict[str, Group] = {}
    for item in _items(spec):
        if isinstance(item, Group):
            groups.setdefault(item.id, item)
        elif isinstance(item, Country):
            states.setdefault(item.ccode, item)
        elif isinstance(item, numbers.Integral) and not isinstance(item, bool):
            country = resolve_state(int(item))
            states.setdefault(country.ccode, country)
        else:
            text = str(item)
            group = None if text.isdigit() else find_group(text, casebook)
            if group is not None:
                groups.setdefault(group.id, group)
                continue
            try:
                country = resolve_state(text)
            except UnknownCodeError:
                raise UnknownCodeError(
                    _("unknown state or group {item!r}").format(item=text),
                    _(
                        "type a state (ISO3 such as KAZ, a COW code, a name) or a group: {groups}"
                    ).format(groups=_known_list(casebook)),
                ) from None
            states.setdefault(country.ccode, country)
    if not states and not groups:
        raise UnknownCodeError(
            _("no state or group given"),
            _("name a group such as {group}, or list states: RUS,KAZ").format(
                group=(casebook or load_casebook()).article.subject
            ),
        )
    text = spec if isinstance(spec, str) else ",".join(_typed(i) for i in _items(spec))
    return Selection(text.strip(), tuple(states.values()), tuple(groups.values()))


def _typed(item: Any) -> str:
    """An item of a spec as a user would type it (a group's id, a state's ISO3 code)."""
    if isinstance(item, Group):
        return item.id
    if isinstance(item, Country):
        return item.iso3
    return str(item).strip()


def subject_group(casebook: Casebook | None = None) -> Group:
    """The organisation the casebook's article is about (``casebook.article.subject``)."""
    cb = casebook or load_casebook()
    return resolve_group(cb.article.subject, cb)


__all__ = [
    "Selection",
    "StateSpec",
    "find_group",
    "group_from_casebook",
    "known_groups",
    "parse_spec",
    "resolve_group",
    "subject_group",
]
