"""The casebook's own Kazakh and Russian follow one glossary (docs: /shared/i18n review, §3).

ujym writes ҰҚШҰ, НАТО, ЕҚЫҰ, Кеден одағы, Бірыңғай экономикалық кеңістік, ЕурАзЭҚ, Беларусь and
бітімгершілік; the article's own forms stay only where ujym quotes it («…», ``as_printed``,
aliases and keywords), which this test does not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from ujym.core.names import Names
from ujym.sources.casebook import load_casebook

BANNED = {
    "kk": ["ҰҚТШҰ", "САКҰ", "ЕЫҚҰ", "Кедендік Одақ", "Біріккен экономикалық аймақ", "ЕурАзЭС",
           "Белоруссия", "бітімгерлік", "мүше-мемлекет", "Н.Назарбаев", "А.Лукашенко"],
    "ru": ["Белоруссия", "Белоруссии", "Белоруссией"],
}  # fmt: skip
"""Variants ujym does not write in its own text (the glossary's form is in the module's doc)."""


def texts(value: object, lang: str) -> Iterator[str]:
    """Every ``lang`` text of ``value``'s :class:`Names` (a claim's check block is left out:
    the claim-checks workstream writes it)."""
    if isinstance(value, Names):
        yield value[lang]  # type: ignore[index]
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name != "check":
                yield from texts(getattr(value, name), lang)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from texts(item, lang)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_casebook_writes_the_glossarys_forms(lang: str) -> None:
    cb = load_casebook()
    found = []
    every = list(texts(cb, lang))
    assert len(every) > 500  # statements, notes, titles, claims: the walk reaches them
    for text in every:
        own = re.sub(r"«[^»]*»", "", text)  # quotations of the article keep its forms
        found += [(word, text[:60]) for word in BANNED[lang] if word in own]
    assert not found, f"{len(found)} texts use a form outside the glossary: {found[:5]}"
