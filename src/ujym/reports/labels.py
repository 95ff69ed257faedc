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


__all__ = ["MEASURE_LABELS", "measure_label", "partner_label", "state_label"]
