"""Every interface string in the code is in the kk, ru and en catalogs, translated."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import ujym
from ujym.i18n import LOCALES, _, format_number, ngettext, resolve_language, use_language

SRC = Path(ujym.__file__).parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def _python_messages() -> set[str | tuple[str, str]]:
    """Calls of _, N_, gettext and ngettext with literal arguments, found with ``ast`` so that
    calls inside f-strings count too (Babel's tokenizer does not see them on Python 3.11)."""
    found: set[str | tuple[str, str]] = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            if node.func.id in ("_", "N_", "gettext") and args and isinstance(args[0], str):
                found.add(args[0])
            elif (
                node.func.id == "ngettext"
                and len(args) >= 2
                and all(isinstance(a, str) for a in args[:2])
            ):
                found.add((args[0], args[1]))  # type: ignore[arg-type]
    return found


def extracted() -> set[str | tuple[str, str]]:
    found = _python_messages()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(SRC),
        method_map=[("**/templates/**.j2", "jinja2.ext:babel_extract")],
        keywords=KEYWORDS,
        options_map={"**/templates/**.j2": {"extensions": "jinja2.ext.i18n"}},
    ):
        found.add(message if isinstance(message, str) else tuple(message[:2]))
    return found


def catalog(lang: str):
    with (LOCALES / lang / "LC_MESSAGES" / "ujym.po").open("rb") as fh:
        return read_po(fh, locale=lang)


MESSAGES = sorted(extracted(), key=str)


def test_some_messages_are_extracted() -> None:
    assert len(MESSAGES) > 10
    assert "Casebook is valid" in MESSAGES  # a call inside an f-string is found too


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_message_is_in_the_catalog(lang: str) -> None:
    cat = catalog(lang)
    missing = [m for m in MESSAGES if (m if isinstance(m, str) else m[0]) not in cat]
    assert not missing, f"{lang}: add these msgids to locales/{lang}/LC_MESSAGES/ujym.po: {missing}"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_message_is_translated(lang: str) -> None:
    cat = catalog(lang)
    untranslated = []
    for m in MESSAGES:
        msg = cat.get(m if isinstance(m, str) else m[0])
        if msg is None:
            continue
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        if msg.fuzzy or not all(s.strip() for s in strings):
            untranslated.append(m)
    assert not untranslated, f"{lang}: translate {untranslated}"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_catalog_plural_forms(lang: str) -> None:
    cat = catalog(lang)
    expected = {"kk": 2, "ru": 3, "en": 2}[lang]
    assert cat.num_plurals == expected
    for msg in cat:
        if msg.id and isinstance(msg.id, tuple) and lang != "en":
            assert len(msg.string) == expected, f"{lang}: {msg.id[0]!r} needs {expected} forms"


def test_russian_plurals_follow_the_rules() -> None:
    with use_language("ru"):
        forms = [ngettext("{n} claim", "{n} claims", n).format(n=n) for n in (1, 2, 5, 11, 21, 22)]
    assert forms == [
        "1 утверждение",
        "2 утверждения",
        "5 утверждений",
        "11 утверждений",
        "21 утверждение",
        "22 утверждения",
    ]


def test_numbers_follow_the_language() -> None:
    with use_language("en"):
        assert format_number(3200.5) == "3,200.5"
    with use_language("ru"):
        assert format_number(3200.5) == "3\xa0200,5"


def test_language_resolution_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UJYM_LANG", "ru")
    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    assert resolve_language("kk") == "kk"
    assert resolve_language(None) == "ru"
    monkeypatch.delenv("UJYM_LANG")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert resolve_language(None) == "kk"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert resolve_language(None) == "en"


def test_unknown_language_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UJYM_LANG", "de")
    with pytest.raises(ujym.UjymError, match="set kk, ru or en"):
        resolve_language(None)


def test_untranslated_text_falls_back_to_english() -> None:
    with use_language("kk"):
        assert _("a message nobody wrote") == "a message nobody wrote"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_no_msgid_is_defined_twice(lang: str) -> None:
    text = (LOCALES / lang / "LC_MESSAGES" / "ujym.po").read_text(encoding="utf-8")
    ids = [line for line in text.splitlines() if line.startswith('msgid "') and line != 'msgid ""']
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"{lang}: defined twice: {dupes}"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_data_files_texts_are_translated(lang: str) -> None:
    """The layout titles of ``schemas.toml`` and the ``format`` of every ``catalog.toml`` dataset
    (named in the fix of a refused file: data, so not extracted from the code) are translated."""
    from ujym.sources.catalog import load_catalog
    from ujym.sources.schemas import load_schemas

    texts = {lay.title for s in load_schemas().values() for lay in s.layouts.values()}
    texts |= {d.format for d in load_catalog().values()}
    assert len(texts) > 40
    with use_language(lang):
        untranslated = sorted(t for t in texts if _(t) == t)
    assert not untranslated, f"{lang}: add these texts to locales/{lang}/LC_MESSAGES/ujym.po"
