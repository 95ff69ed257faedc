r"""Interface text in Kazakh, Russian and English.

Interface strings go through gettext catalogs (``locales/<lang>/LC_MESSAGES/ujym.po``), compiled in
memory by Babel when first used. Numbers and dates are formatted by Babel for the current language.
Domain labels (country names, claim texts) are data with kk/ru/en fields, not catalog entries.

The language is chosen by ``--lang``, then ``UJYM_LANG``, then the system locale, then English.

Examples
--------
>>> from ujym.i18n import use_language, _, ngettext, format_number
>>> with use_language("ru"):
...     ngettext("{n} claim", "{n} claims", 5).format(n=5)
'5 утверждений'
>>> with use_language("kk"):
...     format_number(1234.5)
'1\xa0234,5'
"""

from __future__ import annotations

import io
import locale as _locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from pathlib import Path

from babel.dates import format_date as _format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.numbers import format_percent as _format_percent
from babel.support import Translations

from ujym.core.langs import LANGS, Lang
from ujym.core.messages import set_translator

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "ujym"
_current: ContextVar[Lang] = ContextVar("ujym_lang", default="en")


def resolve_language(explicit: str | None = None) -> Lang:
    """Pick the language: ``explicit``, then ``UJYM_LANG``, then the system locale, then ``en``."""
    from ujym.core.errors import UjymError

    if explicit:
        if explicit not in LANGS:
            raise UjymError(f"unknown language {explicit!r}", "use --lang kk, ru or en")
        return explicit
    env = os.environ.get("UJYM_LANG", "").strip()
    if env:
        if env not in LANGS:
            raise UjymError(f"UJYM_LANG={env!r} is not a language ujym speaks", "set kk, ru or en")
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        code = value.split(":")[0].split(".")[0].split("_")[0].lower()
        if code in LANGS:
            return code
        if value:
            break
    try:
        code = (_locale.getlocale()[0] or "").split("_")[0].lower()
    except ValueError:
        code = ""
    return code if code in LANGS else "en"


def set_language(lang: Lang) -> None:
    """Make ``lang`` the language of interface text in this context."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    _current.set(lang)


def get_language() -> Lang:
    """The interface language of this context."""
    return _current.get()


@contextmanager
def use_language(lang: Lang) -> Iterator[None]:
    """Temporarily switch the interface language."""
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


@cache
def translations(lang: Lang) -> Translations:
    """The compiled catalog of ``lang`` (compiled from its .po file in memory, once)."""
    po = LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


def _(message: str) -> str:
    """Translate an interface string into the current language."""
    return translations(_current.get()).gettext(message)


set_translator(_)  # core's few reader-facing messages (ujym.core.text) go through the catalog


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a count-dependent string with the plural rules of the current language."""
    return translations(_current.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for the catalog without translating it now."""
    return message


def format_number(value: float, digits: int | None = None) -> str:
    """A number in the current language's notation (``digits`` fixes the decimals)."""
    fmt = None if digits is None else ("#,##0." + "0" * digits if digits else "#,##0")
    return format_decimal(value, format=fmt, locale=_current.get())


def format_percent(value: float, digits: int = 1) -> str:
    """A share (0.678) as a percentage in the current language (``67,8 %``)."""
    fmt = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    return _format_percent(value, format=fmt, locale=_current.get())


def format_date(value: date, style: str = "long") -> str:
    """``value`` as a date in the interface language (Babel ``style``: short, medium, long)."""
    return _format_date(value, format=style, locale=_current.get())


__all__ = [
    "LANGS",
    "N_",
    "Lang",
    "_",
    "format_date",
    "format_number",
    "format_percent",
    "get_language",
    "ngettext",
    "resolve_language",
    "set_language",
    "translations",
    "use_language",
]
