"""The data a page lacks: each missing dataset once, with what it would feed and how to get it.

A claim check or a profile panel whose dataset is not in the cache carries the pipeline's fetch
hint (:func:`ujym.pipeline.checks.fetch_hint`: "run `ujym data pull ID` or `ujym data import ID
FILE`"). A page prints that command once, in one block: :func:`missing_datasets` gathers the hints
of a page by dataset; :func:`hinted_dataset` reads the dataset a hint names, :func:`hint_commands`
its commands; :func:`dataset_name` names a catalog dataset in the reader's language. Cells and
panels then name the dataset in words and link to :func:`anchor`.

Examples
--------
>>> hint = "run `ujym data pull cow_nmc` or `ujym data import cow_nmc FILE`"
>>> hinted_dataset(hint), hint_commands(hint)
('cow_nmc', ('ujym data pull cow_nmc', 'ujym data import cow_nmc FILE'))
>>> [(d.id, d.claims, d.panels) for d in missing_datasets({"C2": [hint]}, {"capabilities": hint})]
[('cow_nmc', ('C2',), ('capabilities',))]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ujym.i18n import N_, _

DATASET_NAMES: dict[str, str] = {
    "voeten_votes": N_("UN General Assembly votes (Voeten)"),
    "undl_votes": N_("UN General Assembly votes (UN Dag Hammarskjöld Library)"),
    "unvotes": N_("UN General Assembly votes (unvotes)"),
    "cow_nmc": N_("National material capabilities (COW NMC)"),
    "cow_igo_sy": N_("States' memberships in intergovernmental organisations (COW IGO)"),
    "atop_alliance": N_("Alliance treaty obligations (ATOP)"),
    "cow_formal_alliances": N_("Formal alliances (COW)"),
    "bsv_ideal_points": N_("UN General Assembly ideal points (Bailey, Strezhnev, Voeten)"),
    "bsv_matches": N_("Pairs of identical UN General Assembly resolutions (Bailey, Strezhnev, Voeten)"),
    "cow_contdir": N_("Direct contiguity of states (COW)"),
    "cow_mindist": N_("Minimum distance between states (CShapes 2.0)"),
    "cow_trade_sy": N_("States' foreign trade (COW)"),
    "gml_dirdisp": N_("Militarised interstate disputes (GML MID)"),
    "td_rivalries": N_("Strategic rivalries (Thompson, Dreyer)"),
    "ucdp_acd": N_("Armed conflicts (UCDP/PRIO)"),
    "cow_war_intra": N_("Intra-state wars (COW)"),
    "archigos": N_("Political leaders (Archigos)"),
    "cow_igo_ndy": N_("Pairs of states' joint memberships in intergovernmental organisations (COW IGO)"),
    "pwt91": N_("National accounts (PWT 9.1)"),
}  # fmt: skip
"""A reader's name of each catalog dataset (``tests/reports`` checks every entry has one)."""

_IMPORT = re.compile(r"`ujym data import (\S+) FILE`")
_COMMAND = re.compile(r"`(ujym data [^`]+)`")


def dataset_name(dataset_id: str) -> str:
    """The name of catalog dataset ``dataset_id`` in the current language (else its id).

    >>> dataset_name("cow_nmc")
    'National material capabilities (COW NMC)'
    """
    label = DATASET_NAMES.get(dataset_id)
    return _(label) if label else dataset_id


def hinted_dataset(hint: str) -> str | None:
    """The dataset a fetch hint names (its ``ujym data import ID FILE``), None for any other text.

    >>> hinted_dataset("`ujym data pull unvotes` немесе `ujym data import unvotes FILE` орындаңыз")
    'unvotes'
    >>> hinted_dataset("the data cover 1816–2016") is None
    True
    """
    found = _IMPORT.search(hint)
    return found.group(1) if found else None


def hint_commands(hint: str) -> tuple[str, ...]:
    """The commands of a fetch hint, as a user types them (in any language of the hint).

    >>> hint_commands("run `ujym data import pwt91 FILE`")
    ('ujym data import pwt91 FILE',)
    """
    return tuple(_COMMAND.findall(hint))


def anchor(dataset_id: str) -> str:
    """The in-page id of a missing dataset's entry (``#missing-ID`` links to it).

    >>> anchor("cow_nmc")
    'missing-cow_nmc'
    """
    return f"missing-{dataset_id}"


@dataclass(frozen=True)
class MissingDataset:
    """A dataset a page lacks: ``claims`` (ids) and ``panels`` (keys of the member profiles'
    panels) are what it would feed, ``commands`` how to get it (``pull`` first when the catalog
    has its address, then ``import``).
    """

    id: str
    name: str
    commands: tuple[str, ...]
    claims: tuple[str, ...] = ()
    panels: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        """The in-page id of its entry."""
        return anchor(self.id)


def missing_datasets(
    claims: Mapping[str, Iterable[str]],
    panels: Mapping[str, str] | None = None,
    *,
    needs: Mapping[str, Iterable[str]] | None = None,
) -> tuple[MissingDataset, ...]:
    """The datasets the fetch hints of a page name, each once, in the order first met.

    Parameters
    ----------
    claims
        Claim id → the notes of its verdict cells (hints and other notes; only hints count).
    panels
        Profile panel key → its fetch hint (``MemberData.missing``).
    needs
        Claim id → the datasets its check reads: a claim blocked by one missing dataset is also
        listed under any other missing dataset it reads (the cache is the same for every check).

    Returns
    -------
    tuple of MissingDataset
        Named in the current language (call inside ``use_language``).
    """
    commands: dict[str, tuple[str, ...]] = {}
    fed: dict[str, list[str]] = {}
    blocked: list[str] = []
    for claim, notes in claims.items():
        for note in notes:
            found = hinted_dataset(note)
            if found is None:
                continue
            commands.setdefault(found, hint_commands(note))
            fed.setdefault(found, [])
            if claim not in blocked:
                blocked.append(claim)
            if claim not in fed[found]:
                fed[found].append(claim)
    by_panel: dict[str, list[str]] = {}
    for key, hint in (panels or {}).items():
        found = hinted_dataset(hint)
        if found is not None:
            commands.setdefault(found, hint_commands(hint))
            by_panel.setdefault(found, []).append(key)
    for claim in blocked:
        for dataset in (needs or {}).get(claim, ()):
            if dataset in commands and claim not in fed.setdefault(dataset, []):
                fed[dataset].append(claim)
    return tuple(
        MissingDataset(
            id=dataset,
            name=dataset_name(dataset),
            commands=cmds,
            claims=tuple(c for c in claims if c in fed.get(dataset, ())),
            panels=tuple(by_panel.get(dataset, ())),
        )
        for dataset, cmds in commands.items()
    )


__all__ = [
    "DATASET_NAMES",
    "MissingDataset",
    "anchor",
    "dataset_name",
    "hint_commands",
    "hinted_dataset",
    "missing_datasets",
]
