"""Interface text raised from core, translated through the hook :mod:`ujym.i18n` installs.

Core sits below the translation layer (docs/architecture.md): it may not import :mod:`ujym.i18n`.
A few core checks still raise errors a reader sees (a group whose membership record is not
complete). They mark their messages with :func:`_` from here; importing :mod:`ujym.i18n`
installs its translator, so the reader gets them in their language. Without it (core used
alone) the English text is returned.

>>> _("the membership record of {group} is not complete for {years}")[:24]
'the membership record of'
"""

from __future__ import annotations

from collections.abc import Callable


def _identity(message: str) -> str:
    return message


_translator: Callable[[str], str] = _identity


def set_translator(translate: Callable[[str], str]) -> None:
    """Install the function that translates core's messages (called by :mod:`ujym.i18n`)."""
    global _translator
    _translator = translate


def _(message: str) -> str:
    """``message`` in the reader's language once :mod:`ujym.i18n` is imported, else as given."""
    return _translator(message)
