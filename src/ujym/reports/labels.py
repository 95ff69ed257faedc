"""Labels a reader sees on pages and figures, in the current language: states, partners and
alignment measures (identifiers stay in machine formats; pages show these).

Examples
--------
>>> from ujym.i18n import use_language
>>> with use_language("ru"):
...     state_label(705), partner_label("EU-CORE"), measure_label("kappa_abs")
('Казахстан', 'Ядро ЕС', 'каппа Коэна (абсолютное расстояние)')
"""

from __future__ import annotations

from collections.abc import Mapping

from ujym.core.errors import UjymError
from ujym.i18n import N_, _, get_language

MEASURE_LABELS: Mapping[str, str] = {
    "agreement": N_("agreement index"),
    "coincidence": N_("vote coincidence"),
    "identical": N_("share of identical votes"),
    "s_abs": N_("S score (absolute distance)"),
    "s_sq": N_("S score (squared distance)"),
    "kappa_abs": N_("Cohen's kappa (absolute distance)"),
    "kappa_sq": N_("Cohen's kappa (squared distance)"),
    "pi_abs": N_("Scott's pi (absolute distance)"),
    "pi_sq": N_("Scott's pi (squared distance)"),
}


def state_label(ccode: int) -> str:
    """A state's short name in the current language (its COW code when the crosswalk lacks it)."""
    from ujym.sources.codes import country

    try:
        names = country(int(ccode)).names
    except (UjymError, ValueError):
        return str(ccode)
    return str(getattr(names, get_language(), None) or names.en)


def partner_label(code: str | int) -> str:
    """A partner as typed (``RUS``, ``365``, a group such as ``EU``) → its name in the current
    language.
    """
    from ujym.sources.codes import resolve_state
    from ujym.sources.groups import find_group

    text = str(code).strip()
    if text.isdigit():
        return state_label(int(text))
    group = find_group(text)
    if group is not None:
        return str(group.names[get_language()])
    try:
        return state_label(int(resolve_state(text).ccode))
    except UjymError:
        return text


def measure_label(measure: str) -> str:
    """An alignment measure's name in the current language (the id when unknown)."""
    return _(MEASURE_LABELS[measure]) if measure in MEASURE_LABELS else measure


COLUMN_LABELS: Mapping[str, str] = {
    "year": N_("Year"),
    "session": N_("Session"),
    "rcid": N_("Roll call"),
    "date": N_("Date"),
    "n_rollcalls": N_("Roll calls"),
    "n_contested": N_("Contested roll calls"),
    "n_yes_no": N_("Yes or no by both"),
    "n_votes": N_("Votes"),
    "n_members": N_("Members"),
    "n_members_present": N_("Members present"),
    "n_voting": N_("Members voting"),
    "agreement": N_("Agreement"),
    "coincidence": N_("Coincidence"),
    "identical": N_("Identical votes"),
    "s_abs": N_("S score, absolute"),
    "s_sq": N_("S score, squared"),
    "kappa_abs": N_("Kappa, absolute"),
    "kappa_sq": N_("Kappa, squared"),
    "pi_abs": N_("Pi, absolute"),
    "pi_sq": N_("Pi, squared"),
    "ai": N_("Agreement Index"),
    "kappa": N_("Mean kappa"),
    "value": N_("Value"),
    "status": N_("Status"),
}
"""Short headers of terminal-table columns (frames and files keep the column ids)."""


def column_label(column: str) -> str:
    """A frame column's header in a terminal table, in the current language (the id when
    unknown).

    Examples
    --------
    >>> from ujym.i18n import use_language
    >>> with use_language("kk"):
    ...     column_label("n_rollcalls"), column_label("kappa_abs")
    ('Атаулы дауыс берулер', 'Каппа, абсолютті')
    """
    return _(COLUMN_LABELS[column]) if column in COLUMN_LABELS else column


STATUS_LABELS: Mapping[str, str] = {
    "ok": N_("ok"),
    "insufficient": N_("insufficient"),
    "few_votes": N_("few votes"),
    "no_votes": N_("no votes"),
    "not_converged": N_("not converged"),
    "unidentified": N_("not identified"),
}
"""Statuses of a figure as a reader sees them: evidence (``ujym.engines.evidence.Status``) and
ideal-point estimates (``ujym.pipeline.ideal``)."""


def status_label(status: str) -> str:
    """A figure's status (``ok``, ``insufficient``, ``few_votes``…) in the current language."""
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else status


__all__ = [
    "COLUMN_LABELS",
    "MEASURE_LABELS",
    "STATUS_LABELS",
    "column_label",
    "measure_label",
    "partner_label",
    "state_label",
    "status_label",
]
