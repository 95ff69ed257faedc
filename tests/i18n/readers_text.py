"""What a reader sees, as words: text from HTML pages and terminal output, Latin-script words
outside the allow-list, and editorial notes of the casebook (never shown to readers).

Used by ``test_latin_script.py`` and ``test_terminal_width.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser

from pydantic import BaseModel

from ujym.core.casebook import Casebook

# ---- the allow-list ----------------------------------------------------------------------------
# Kept small: each entry is a name, a code or a citation a Kazakh or Russian reader is expected
# to read in Latin script.
ALLOWED = {
    "ujym",  # the program's name, as the README spells it
    "dask", "parquet",  # names of a program and of a file format (in --help)
    # authors of the measures and models the pages name (personal names in citations)
    "voeten", "bailey", "strezhnev", "signorino", "ritter", "cohen", "scott", "hix", "noury",
    "roland", "herfindahl", "hirschman", "bueno", "de", "mesquita", "martin", "quinn",
    "imai", "lo", "olmsted",
    # English-language sources and datasets named by their own titles (citations)
    "military", "balance",  # The Military Balance (IISS), named in a note on Kazakhstan's forces
    "peacesciencer", "unvotes", "dataverse", "harvard",
    "archigos", "cshapes",  # datasets' own names, in the brief's list of the data it lacks
    "correlates", "of", "war",  # "Correlates of War", the project's name
}  # fmt: skip
"""Lower-case words allowed in Latin script (names and titles; see the comments)."""

CODE = re.compile(r"^[A-Z]{2,6}$")
"""Upper-case tokens of 2–6 letters are codes: ISO3 (KAZ), COW, CINC, IGO, HHI, NATO's and the
datasets' acronyms (NMC, ATOP, IISS), Roman numerals in resolution numbers (XXVI)."""

_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z]")
_FILES = re.compile(
    r"https?://\S+"  # addresses
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:org|int|eu|ru|am|kg|kz|by|com|net|gov|uk|edu)\b\S*"  # domains
    r"|(?<![\w/])/\S+"  # file paths (the data cache)
    r"|[\w./-]+\.(?:parquet|csv|json|zip|rda|tsv|txt|xlsx?|html|png|svg|pdf|yaml|md)\b"  # files
    r"|(?<!\w)\.(?:parquet|csv|json|zip|html|png|svg|pdf)\b"  # file types to type (.png, .csv)
)
_COMMAND = re.compile(r"`[^`]*`")
"""Commands and values to type, between backquotes (read first: they may hold a path)."""
_NOISE = re.compile(
    r"\b[A-Za-z]*\d[A-Za-z0-9]*\b"  # letters with digits: L270, S1, sha256, v6
    r"|--[a-z][a-z-]*"  # options to type (--min-rollcalls)
)


def latin_words(text: str, ids: frozenset[str] = frozenset()) -> list[str]:
    """The Latin-script words of ``text`` outside the allow-list (``ids``: identifiers a user
    types, e.g. dataset ids and scenario names, which are allowed as typed).

    >>> latin_words("Ресей position (1,00): KAZ, agreement_with_russia = 0,852, ujym-ның")
    ['position', 'agreement', 'with', 'russia']
    """
    text = _FILES.sub(" ", _COMMAND.sub(" ", text))
    for ident in sorted(ids, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", " ", text)
    text = _NOISE.sub(" ", text)
    out = []
    for word in _WORD.findall(text):
        if not _LATIN.search(word) or CODE.match(word) or len(word) < 2:
            continue
        if word.lower() in ALLOWED:
            continue
        out.append(word)
    return out


def latin_share(text: str, ids: frozenset[str] = frozenset()) -> tuple[int, int]:
    """How many of the words of ``text`` are Latin-script words outside the allow-list, and how
    many words it has (the measure of issue 13: the share a Kazakh or Russian reader meets).

    >>> latin_share("Ресей мен Қазақстан position KAZ")
    (1, 5)
    """
    words = [w for w in _WORD.findall(text) if len(w) > 1 or not _LATIN.search(w)]
    return len(latin_words(text, ids)), len(words)


def latin_letter_share(text: str) -> tuple[int, int]:
    """How many letters of ``text`` are Latin-script, and how many letters it has: every letter
    counts (names, codes, commands to type), so a page that repeats a command in every cell
    shows it even though each command is allowed as typed.

    >>> latin_letter_share("Ресей `ujym data pull cow_nmc`")
    (18, 23)
    """
    letters = _LETTER.findall(text)
    return sum(1 for c in letters if _LATIN.match(c)), len(letters)


_LETTER = re.compile(r"[^\W\d_]")


# ---- HTML --------------------------------------------------------------------------------------


class _Text(HTMLParser):
    """The visible text of a page, leaving out what is not prose for the reader: scripts and
    styles, code (``<code>``: ids, file names, hashes), citations of English-language works
    (``<cite>``: authors, title, journal, as published), and the datasets' own English records in
    the footer (``li`` with an ``id`` starting ``data-``: title, publisher, citation, licence).
    """

    SKIP = frozenset({"script", "style", "code", "cite", "svg"})
    VOID = frozenset(
        {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "col", "area", "base"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element: is its subtree skipped?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            if tag == "img":
                self.parts.append(dict(attrs).get("alt") or "")
            return
        ident = dict(attrs).get("id") or ""
        skipped = tag in self.SKIP or (tag == "li" and ident.startswith("data-"))
        self.stack.append(skipped or (bool(self.stack) and self.stack[-1]))
        title = dict(attrs).get("title")
        if title and not self.stack[-1]:
            self.parts.append(title)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def page_text(html: str) -> str:
    """The prose a reader sees on ``html`` (see :class:`_Text` for what is left out)."""
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def seen_text(html: str) -> str:
    """Every text of ``html`` a reader may see: all elements but scripts and styles, commands
    in ``<code>``, citations, the figures' words and tooltips and the footer's dataset records
    included (what :func:`page_text` leaves out as not prose).

    >>> seen_text('<p>Ресей <code>ujym brief</code></p><style>p {}</style>')
    'Ресей ujym brief'
    """
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def svg_text(html: str) -> str:
    """The words drawn in the page's inline SVG figures (axis titles, labels, legends)."""
    return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", html))


# ---- editorial notes ---------------------------------------------------------------------------


def editorial_notes(casebook: Casebook) -> list[str]:
    """Every ``editorial`` text of the casebook (notes for its maintainers, never rendered)."""

    def walk(value: object) -> Iterator[str]:
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                item = getattr(value, name)
                if name == "editorial" and isinstance(item, str):
                    yield item
                else:
                    yield from walk(item)
        elif isinstance(value, tuple | list):
            for item in value:
                yield from walk(item)

    return sorted(set(walk(casebook)))


def leaked_notes(text: str, notes: list[str], shortest: int = 20) -> list[str]:
    """The editorial notes found in ``text`` (compared with whitespace collapsed). Notes shorter
    than ``shortest`` characters are too short to tell a leak from a coincidence ("Alma-Ata
    Declaration and Protocol", an editorial page reference, is also a phrase of a reader note).

    >>> leaked_notes("a b  the stray h is garbage c", ["The stray h\\nis garbage", "other"])
    []
    >>> leaked_notes("a b the stray h is garbage c", ["the stray h\\nis garbage", "other"])
    ['the stray h\\nis garbage']
    """
    flat = " ".join(text.split())
    return [n for n in notes if len(n) >= shortest and " ".join(n.split()) in flat]
