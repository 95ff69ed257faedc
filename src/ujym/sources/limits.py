"""Resource limits: every bound ujym puts on what a file or a server may make it do.

Each limit is a setting with a default, read from an environment variable when it is used (so a
test or a user can change it for one command). docs/data.md lists them all.

=================================  ============  =============================================
setting (environment variable)     default       bounds
=================================  ============  =============================================
``UJYM_MAX_DOWNLOAD_BYTES``        4 GiB         one downloaded file, declared or not
``UJYM_READ_TIMEOUT``              30 s          silence of a server between two chunks
``UJYM_DOWNLOAD_DEADLINE``         3600 s        a whole download, however it trickles
``UJYM_CONNECT_TIMEOUT``           5 s           connecting to a server
``UJYM_MAX_REDIRECTS``             5             redirects followed (same host only)
``UJYM_MAX_UNZIPPED_BYTES``        4 GiB         all members of an archive, decompressed
``UJYM_MAX_ZIP_ENTRIES``           1000          members of an archive
``UJYM_MAX_ZIP_RATIO``             1000          decompressed / compressed size of a member
``UJYM_MAX_YAML_BYTES``            1 MiB         one casebook or scenario file
``UJYM_MAX_YAML_NODES``            200000        values of a YAML file, aliases expanded
``UJYM_MAX_YAML_DEPTH``            64            nesting of mappings and lists in a YAML file
``UJYM_MAX_TABLE_BYTES``           16 MiB        one actor table (CSV) for the bargaining model
``UJYM_MAX_ACTORS``                2000          actors of a bargaining scenario or table
=================================  ============  =============================================

>>> limit("UJYM_MAX_YAML_DEPTH")
64
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ujym.core.errors import UjymError
from ujym.i18n import N_, _


@dataclass(frozen=True)
class Limit:
    """One documented bound: its environment variable, default, unit and meaning."""

    env: str
    default: float
    unit: str
    meaning: str
    integer: bool = True


LIMITS: dict[str, Limit] = {
    lim.env: lim
    for lim in (
        Limit("UJYM_MAX_DOWNLOAD_BYTES", 4 * 1024**3, "bytes", N_("size of one downloaded file")),
        Limit("UJYM_READ_TIMEOUT", 30.0, "seconds", N_("server silence between chunks"), False),
        Limit("UJYM_DOWNLOAD_DEADLINE", 3600.0, "seconds", N_("duration of one download"), False),
        Limit("UJYM_CONNECT_TIMEOUT", 5.0, "seconds", N_("connecting to a server"), False),
        Limit("UJYM_MAX_REDIRECTS", 5, "redirects", N_("redirects followed on the same host")),
        Limit(
            "UJYM_MAX_UNZIPPED_BYTES", 4 * 1024**3, "bytes", N_("decompressed size of an archive")
        ),
        Limit("UJYM_MAX_ZIP_ENTRIES", 1000, "members", N_("members of an archive")),
        Limit("UJYM_MAX_ZIP_RATIO", 1000, "times", N_("decompressed/compressed size of a member")),
        Limit("UJYM_MAX_YAML_BYTES", 1024**2, "bytes", N_("size of a casebook or scenario file")),
        Limit(
            "UJYM_MAX_YAML_NODES", 200_000, "values", N_("values of a YAML file, aliases expanded")
        ),
        Limit("UJYM_MAX_YAML_DEPTH", 64, "levels", N_("nesting depth of a YAML file")),
        Limit("UJYM_MAX_TABLE_BYTES", 16 * 1024**2, "bytes", N_("size of one actor table")),
        Limit("UJYM_MAX_ACTORS", 2000, "actors", N_("actors of a bargaining scenario or table")),
    )
}
"""Every limit by environment variable (the meanings marked for the catalogs)."""

_IN_UNIT = {
    "bytes": N_("in bytes"),
    "seconds": N_("in seconds"),
    "redirects": N_("in redirects"),
    "members": N_("in members"),
    "times": N_("in times"),
    "values": N_("in values"),
    "levels": N_("in levels"),
    "actors": N_("in actors"),
}
"""A limit's unit as the refusal says it ("in bytes"), by unit."""


def limit(env: str) -> int | float:
    """The value of the limit ``env``: the environment variable's, else the default.

    Raises :class:`UjymError` when the variable is set to something that is not a positive
    number.
    """
    spec = LIMITS[env]
    raw = os.environ.get(env, "").strip()
    if not raw:
        return int(spec.default) if spec.integer else float(spec.default)
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        raise UjymError(
            _("{variable}={value!r} is not a positive number ({meaning}, {in_unit})").format(
                variable=env,
                value=raw,
                meaning=_(spec.meaning),
                in_unit=_(_IN_UNIT.get(spec.unit, "in " + spec.unit)),
            ),
            _("unset {variable} (default {default}) or set it to a positive number").format(
                variable=env, default=f"{spec.default:g}"
            ),
        )
    return int(value) if spec.integer else value


__all__ = ["LIMITS", "Limit", "limit"]
