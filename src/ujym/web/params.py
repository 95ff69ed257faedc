"""The parameters of each view, read from its URL and checked: a value the explorer cannot use
is refused with one line naming the problem and the fix (:class:`~ujym.core.errors.UjymError`),
never passed on. No parameter names a file: states, groups, measures and scenarios are codes the
explorer knows, years and counts are numbers within limits.

Examples
--------
>>> alignment_params({"state": "kaz", "partners": "rus, eu", "years": "1992-2013"})["partners"]
('RUS', 'EU')
>>> alignment_params({"years": "1992-2013"})["years"]
(1992, 2013)
>>> forecast_params({"runs": "100000"}, max_runs=5000)   # doctest: +ELLIPSIS
Traceback (most recent call last):
ujym.core.errors.UjymError: --runs 100000 ...
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from ujym.core import Lang
from ujym.core.errors import UjymError, UnknownCodeError
from ujym.i18n import N_, _

MAX_VALUE = 200
"""The longest value a parameter may have (characters)."""
MAX_ITEMS = 8
"""The most states or groups one view compares."""
ISSUES = ("me", "nu", "di", "hr", "co", "ec")
ISSUE_TEXT = {
    "me": N_("Middle East"),
    "nu": N_("nuclear weapons"),
    "di": N_("disarmament"),
    "hr": N_("human rights"),
    "co": N_("colonialism"),
    "ec": N_("economic development"),
}
"""Voeten's issue codes (the alignment explorer's ``issue=``) and what they cover."""
PRESETS = ("ujym", "scholz2011", "as-printed")
STOPPING = ("rounds", "converged")
DEFAULT_PARTNERS = ("RUS", "USA", "CHN")
DEFAULT_STATES = ("USA", "CHN", "DEU")
TABLE_KEY = re.compile(r"[0-9a-f]{64}")
"""An uploaded table's name in an address: the sha256 of its bytes."""
NOT_IN_KEY = ("run", "retry", "query")
"""Forecast parameters that do not change the result (what to do, not what to compute)."""


def _text(query: Mapping[str, str], key: str, default: str = "") -> str:
    value = query.get(key, default)
    if len(value) > MAX_VALUE:
        raise UjymError(
            _("the value of {name} is too long").format(name=key),
            _("give at most {n} characters").format(n=MAX_VALUE),
        )
    return value.strip()


def _int(query: Mapping[str, str], key: str, default: int, low: int, high: int) -> int:
    text = _text(query, key, str(default)) or str(default)
    try:
        value = int(text)
    except ValueError:
        raise UjymError(
            _("{name} {value!r} is not a whole number").format(name=key, value=text),
            _("give a number from {low} to {high}").format(low=low, high=high),
        ) from None
    if not low <= value <= high:
        raise UjymError(
            _("--{name} {value} is outside {low}–{high}").format(
                name=key, value=value, low=low, high=high
            ),
            _("give a number from {low} to {high}").format(low=low, high=high),
        )
    return value


def _codes(query: Mapping[str, str], key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    text = _text(query, key, ",".join(default))
    items = tuple(dict.fromkeys(p.strip().upper() for p in text.split(",") if p.strip()))
    if len(items) > MAX_ITEMS:
        raise UjymError(
            _("{n} states or groups are too many for one view").format(n=len(items)),
            _("choose at most {n}").format(n=MAX_ITEMS),
        )
    return items


def language(query: Mapping[str, str], default: Lang) -> Lang:
    """``?lang=`` (kk, ru or en), else ``default``."""
    text = _text(query, "lang", default) or default
    if text not in ("kk", "ru", "en"):
        raise UnknownCodeError(
            _("unknown language {name!r}").format(name=text), _("use lang=kk, lang=ru or lang=en")
        )
    return text  # type: ignore[return-value]  # checked just above


def years(text: str) -> tuple[int, int] | int | None:
    """``"1992"`` → 1992, ``"1992-2013"`` → (1992, 2013), empty → None."""
    if not text:
        return None
    first, sep, last = text.partition("-")
    try:
        a = int(first)
        b = int(last) if sep else a
    except ValueError:
        raise UjymError(
            _("cannot read the years {text!r}").format(text=text),
            _("write 1992 or 1992-2019"),
        ) from None
    if not 1946 <= a <= b <= 2100:
        raise UjymError(
            _("cannot read the years {text!r}").format(text=text),
            _("write 1992 or 1992-2019"),
        )
    return (a, b) if sep else a


def alignment_params(query: Mapping[str, str]) -> dict[str, Any]:
    """A state, partners (states or groups), a measure, years, issues, the minimum of evidence."""
    from ujym.engines.alignment import MEASURES
    from ujym.engines.evidence import MIN_ROLLCALLS
    from ujym.sources.codes import resolve_state
    from ujym.sources.groups import parse_spec

    state = _text(query, "state", "KAZ").upper() or "KAZ"
    resolve_state(state)  # an unknown state: one line naming the fix
    partners = _codes(query, "partners", DEFAULT_PARTNERS) or DEFAULT_PARTNERS
    for p in partners:
        parse_spec(p)
    measure = _text(query, "measure", "agreement") or "agreement"
    if measure not in MEASURES:
        raise UnknownCodeError(
            _("unknown measure {name!r}").format(name=measure),
            _("use one of: {names}").format(names=", ".join(MEASURES)),
        )
    issues = tuple(i.lower() for i in _codes(query, "issue", ()))
    for issue in issues:
        if issue not in ISSUES:
            raise UnknownCodeError(
                _("unknown issue {issue!r}").format(issue=issue),
                _("use one of: {names}").format(names=", ".join(ISSUES)),
            )
    return {
        "state": state,
        "partners": partners,
        "measure": measure,
        "years": years(_text(query, "years")),
        "issues": issues,
        "min_rollcalls": _int(query, "min_rollcalls", MIN_ROLLCALLS, 1, 1000),
    }


def ideal_params(query: Mapping[str, str]) -> dict[str, Any]:
    """States drawn beside the members (``states=USA,CHN``)."""
    from ujym.sources.codes import resolve_state

    states = _codes(query, "states", DEFAULT_STATES)
    for s in states:
        resolve_state(s)
    return {"states": states, "retry": _text(query, "retry") == "1"}


def forecast_params(query: Mapping[str, str], *, max_runs: int) -> dict[str, Any]:
    """A shipped scenario (by name: never a file), runs within the limit, seed, the model's
    reading, and whether to run it now.
    """
    from ujym.sources.scenarios import shipped_scenarios

    shipped = shipped_scenarios()
    table = _text(query, "upload").lower()
    if table and not TABLE_KEY.fullmatch(table):
        raise UnknownCodeError(
            _("unknown uploaded table {name!r}").format(name=table[:20]),
            _("upload the table on the forecast page"),
        )
    scenario = _text(query, "scenario", shipped[0] if shipped else "") or shipped[0]
    if table:
        scenario = ""
    elif scenario not in shipped:
        raise UnknownCodeError(
            _("unknown scenario {name!r}").format(name=scenario),
            _("use one of: {names}").format(names=", ".join(shipped)),
        )
    runs = _text(query, "runs", "200") or "200"
    try:
        n = int(runs)
    except ValueError:
        n = -1
    if not 1 <= n <= max_runs:
        raise UjymError(
            f"--runs {runs} " + _("is outside 1–{high}").format(high=max_runs),
            _("give a number of runs from 1 to {high}").format(high=max_runs),
        )
    threshold_text = _text(query, "threshold")
    try:
        threshold = float(threshold_text) if threshold_text else None
    except ValueError:
        raise UjymError(
            _("threshold {value!r} is not a number").format(value=threshold_text),
            _("give a position on the scenario's scale, or leave it empty"),
        ) from None
    preset = _text(query, "preset", "ujym") or "ujym"
    stopping = _text(query, "stopping", "rounds") or "rounds"
    for name, value, allowed in (("preset", preset, PRESETS), ("stopping", stopping, STOPPING)):
        if value not in allowed:
            raise UnknownCodeError(
                _("unknown {name} {value!r}").format(name=name, value=value),
                _("use one of: {names}").format(names=", ".join(allowed)),
            )
    out: dict[str, Any] = {
        "scenario": scenario,
        "upload": table,
        "runs": n,
        "seed": _int(query, "seed", 0, 0, 2**31 - 1),
        "threshold": threshold,
        "preset": preset,
        "stopping": stopping,
        "rounds": _int(query, "rounds", 5, 1, 100),
        "run": _text(query, "run") == "1",
        "retry": _text(query, "retry") == "1",
    }
    out["query"] = urlencode(
        {
            k: ("" if v is None else v)
            for k, v in out.items()
            if k not in NOT_IN_KEY
            and not (k == "upload" and not v)
            and not (k == "scenario" and table)
        }
    )
    return out


__all__ = [
    "DEFAULT_PARTNERS",
    "DEFAULT_STATES",
    "ISSUES",
    "MAX_ITEMS",
    "MAX_VALUE",
    "NOT_IN_KEY",
    "alignment_params",
    "forecast_params",
    "ideal_params",
    "language",
    "years",
]
