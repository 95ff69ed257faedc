"""Kazakh text normalisation (DIGEST §7): the article prints Cyrillic ә as Latin ə."""

from __future__ import annotations

import unicodedata

_SCHWA = str.maketrans({"ə": "ә", "Ə": "Ә"})


def normalise_kk(text: str) -> str:
    """NFC-normalise and map Latin schwa (U+0259/U+018F) to Cyrillic ә/Ә (U+04D9/U+04D8).

    Examples
    --------
    >>> normalise_kk("Мəскеу")
    'Мәскеу'
    """
    return unicodedata.normalize("NFC", text).translate(_SCHWA)


def has_latin_schwa(text: str) -> bool:
    """True when ``text`` still holds the Latin schwa the casebook must not store."""
    return "ə" in text or "Ə" in text
