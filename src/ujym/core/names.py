"""Multilingual names: every domain label in ujym exists in Kazakh, Russian and English."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator

from ujym.core.langs import LANGS, Lang

__all__ = ["LANGS", "Lang", "Names"]


class Names(BaseModel):
    """A text in the three languages of ujym.

    Examples
    --------
    >>> n = Names(kk="Ресей", ru="Россия", en="Russia")
    >>> n["ru"]
    'Россия'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    kk: str
    ru: str
    en: str

    @field_validator("kk", "ru", "en")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("translation is empty")
        return value.strip()

    def __getitem__(self, lang: Lang) -> str:
        if lang not in LANGS:
            raise KeyError(lang)
        text: str = getattr(self, lang)
        return text
