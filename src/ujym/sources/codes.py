"""Country-code crosswalk: one state identity (the Correlates of War ``ccode``) through history.

``ujym/data/countries.csv`` lists every state that appears in the COW state system (v2016) — which
includes every state that has voted in the UN General Assembly — with its ISO 3166-1 alpha-3 and
alpha-2 codes, UN M49 number, names in English, Russian and Kazakh, COW dates, UN admission date
(public record) and historical codes. Identities follow COW:

* USSR → Russia share 365 (historical ISO/UN codes ``SU``, ``SUN``, ``810`` map to 365);
* Yugoslavia → Federal Republic of Yugoslavia → Serbia and Montenegro → Serbia share 345
  (``YU``, ``YUG``, ``SCG``, ``890``, ``891``);
* Czechoslovakia 315 (``CS``, ``CSK``, ``200``) vs Czech Republic 316;
* Germany 255 (before 1945 and from 1990-10-03), West Germany 260, East Germany 265
  (``DD``, ``DDR``);
* Yemen Arab Republic 678 → Yemen 679; South Yemen 680 (``YD``, ``YMD``, ``720``).

ISO ``DE``/``DEU`` and ``YE``/``YEM`` named West Germany and North Yemen before unification: give
:func:`map_codes` the dates of the records and it maps them to 260/678 before 1990-10-03/1990-05-22
(and maps 260/678 records after those dates to 255/679).

Examples
--------
>>> resolve_state("KAZ").ccode
705
>>> resolve_state("SUN").iso3
'RUS'
>>> resolve_state(365).names.ru
'Россия'
"""

from __future__ import annotations

import contextlib
import csv
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Literal

from ujym.core.errors import UnknownCodeError
from ujym.core.names import Names
from ujym.i18n import N_, _

if TYPE_CHECKING:  # polars loads with the frames below, not with every code lookup
    import polars as pl

Scheme = Literal["any", "iso3", "iso2", "cow", "m49", "cow_abb", "name"]
SCHEMES: tuple[str, ...] = ("any", "iso3", "iso2", "cow", "m49", "cow_abb", "name")

UNKNOWN_FIX = N_("use an ISO3 code such as KAZ, a COW code such as 705, or see `ujym data codes`")
"""The fix printed with an unknown state (a msgid: translate it with ``_(UNKNOWN_FIX)``)."""


@dataclass(frozen=True)
class Country:
    """One state identity of the crosswalk (keyed by its COW code)."""

    ccode: int
    iso3: str
    iso2: str | None
    m49: int | None
    names: Names
    cow_abb: str
    cow_start: date
    cow_end: date | None  # None: the state still exists (COW v2016 ends 2016-12-31)
    un_admission: date | None  # when this identity's UN seat was taken (public record)
    un_end: date | None  # last day this identity held a UN seat (dissolution, merger, seat change)
    hist_codes: tuple[str, ...] = ()
    alt_names: tuple[str, ...] = ()
    notes: str = ""

    @property
    def start_year(self) -> int:
        """The first year of the state in the COW state system."""
        return self.cow_start.year

    @property
    def end_year(self) -> int | None:
        """The last year in the COW state system (None: still in it)."""
        return None if self.cow_end is None else self.cow_end.year

    @property
    def name_en(self) -> str:
        """The English name."""
        return self.names.en

    def un_member_on(self, day: date) -> bool:
        """Whether this identity held a UN seat on ``day`` (by the admission/end dates)."""
        if self.un_admission is None or day < self.un_admission:
            return False
        return self.un_end is None or day <= self.un_end


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text.strip() else None


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


@lru_cache(maxsize=1)
def load_countries() -> tuple[Country, ...]:
    """Every state of the crosswalk, sorted by COW code (read once, cached)."""
    text = files("ujym").joinpath("data/countries.csv").read_text(encoding="utf-8")
    out: list[Country] = []
    for row in csv.DictReader(text.splitlines()):
        start = _date(row["cow_start"])
        assert start is not None, row["ccode"]
        out.append(
            Country(
                ccode=int(row["ccode"]),
                iso3=row["iso3"],
                iso2=row["iso2"] or None,
                m49=int(row["m49"]) if row["m49"] else None,
                names=Names(kk=row["name_kk"], ru=row["name_ru"], en=row["name_en"]),
                cow_abb=row["cow_abb"],
                cow_start=start,
                cow_end=_date(row["cow_end"]),
                un_admission=_date(row["un_admission"]),
                un_end=_date(row["un_end"]),
                hist_codes=_split(row["hist_codes"]),
                alt_names=_split(row["alt_names"]),
                notes=row["notes"],
            )
        )
    return tuple(sorted(out, key=lambda c: c.ccode))


def normalize_name(text: str) -> str:
    """Fold a state name for matching: case, accents, ``&``/``and``, quotes, ё, punctuation."""
    text = text.replace("’", "'").replace("&", " and ").replace("ё", "е").replace("Ё", "Е")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch) or ch == "\u0306")
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"[.,()'\-–—]", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class _Index:
    by_ccode: dict[int, Country]
    iso3: dict[str, int]
    iso2: dict[str, int]
    hist: dict[str, int]  # historical letter codes and old numeric codes (as strings)
    m49: dict[int, int]
    cow_abb: dict[str, int]
    names: dict[str, int]


@lru_cache(maxsize=1)
def _index() -> _Index:
    countries = load_countries()
    by_ccode = {c.ccode: c for c in countries}
    iso3 = {c.iso3.upper(): c.ccode for c in countries}
    iso2 = {c.iso2.upper(): c.ccode for c in countries if c.iso2}
    m49 = {c.m49: c.ccode for c in countries if c.m49 is not None}
    hist: dict[str, int] = {}
    for c in countries:
        for code in c.hist_codes:
            if code.isdigit():
                m49.setdefault(int(code), c.ccode)
            else:
                hist.setdefault(code.upper(), c.ccode)
    cow_abb: dict[str, int] = {}
    for c in countries:
        cow_abb.setdefault(c.cow_abb.upper(), c.ccode)
    names: dict[str, int] = {}
    # official names first, then alternative names (an official name wins a clash)
    for c in countries:
        for name in (c.names.en, c.names.ru, c.names.kk):
            names.setdefault(normalize_name(name), c.ccode)
    for c in countries:
        for name in c.alt_names:
            names.setdefault(normalize_name(name), c.ccode)
    return _Index(by_ccode, iso3, iso2, hist, m49, cow_abb, names)


def country(ccode: int) -> Country:
    """The state with COW code ``ccode`` (:class:`UnknownCodeError` when there is none)."""
    found = _index().by_ccode.get(int(ccode))
    if found is None:
        raise UnknownCodeError(
            _("unknown COW state code {code!r}").format(code=ccode), _(UNKNOWN_FIX)
        )
    return found


def _lookup_letters(key: str) -> int | None:
    idx = _index()
    up = key.upper()
    for table in (idx.iso3, idx.iso2, idx.hist):
        if up in table:
            return table[up]
    return None


def resolve_state(code: str | int) -> Country:
    """Resolve what a user typed — ISO3, ISO2, COW number, historical code or a name — to a state.

    Names are matched in English, Russian and Kazakh, case-insensitively. Digits are read as a COW
    code (use :func:`map_codes` with ``scheme="m49"`` for UN M49 numbers).

    Raises
    ------
    UnknownCodeError
        When nothing matches, with a one-line fix.
    """
    if isinstance(code, bool):
        raise UnknownCodeError(_("unknown state {code!r}").format(code=code), _(UNKNOWN_FIX))
    if isinstance(code, int):
        return country(code)
    text = str(code).strip()
    if not text:
        raise UnknownCodeError(_("empty state code"), _(UNKNOWN_FIX))
    if text.isdigit():
        return country(int(text))
    idx = _index()
    if len(text) <= 4 and text.isascii() and text.isalpha():
        found = _lookup_letters(text)
        if found is not None:
            return idx.by_ccode[found]
    found = idx.names.get(normalize_name(text))
    if found is None and text.isascii():
        found = _lookup_letters(text)
    if found is None:
        raise UnknownCodeError(_("unknown state {code!r}").format(code=text), _(UNKNOWN_FIX))
    return idx.by_ccode[found]


def search_countries(query: str | None = None) -> tuple[Country, ...]:
    """States whose code or name contains ``query`` (all states when ``query`` is empty)."""
    countries = load_countries()
    if not query or not query.strip():
        return countries
    try:
        exact: Country | None = resolve_state(query)
    except UnknownCodeError:
        exact = None
    q = normalize_name(query)
    hits = [
        c
        for c in countries
        if c is exact
        or q in normalize_name(" ".join((c.names.en, c.names.ru, c.names.kk, *c.alt_names)))
        or q.upper() in {c.iso3, c.iso2 or "", c.cow_abb, *c.hist_codes}
    ]
    return tuple(hits)


# Codes that named a predecessor before unification (ISO DE/DEU → West Germany, YE/YEM → North
# Yemen), and predecessors' codes used after unification: (ccode, from, to, ccode to use).
SUCCESSIONS: tuple[tuple[int, date, date, int], ...] = (
    (255, date(1945, 5, 9), date(1990, 10, 2), 260),
    (260, date(1990, 10, 3), date(9999, 12, 31), 255),
    (679, date(1900, 1, 1), date(1990, 5, 21), 678),
    (678, date(1990, 5, 22), date(9999, 12, 31), 679),
)


def _mapping(scheme: str) -> dict[str, int]:
    idx = _index()
    if scheme == "iso3":
        return {**idx.hist, **idx.iso3}
    if scheme == "iso2":
        return {**idx.hist, **idx.iso2}
    if scheme == "cow":
        return {str(k): k for k in idx.by_ccode}
    if scheme == "m49":
        return {str(k): v for k, v in idx.m49.items()}
    if scheme == "cow_abb":
        return dict(idx.cow_abb)
    raise ValueError(f"unknown scheme {scheme!r}; use one of {', '.join(SCHEMES)}")


def map_codes(
    values: Iterable[object] | pl.Series,
    scheme: Scheme = "any",
    dates: Sequence[date] | pl.Series | None = None,
) -> tuple[pl.Series, list[str]]:
    """Map a column of codes (or names) to COW codes, vectorised.

    Parameters
    ----------
    values
        Codes as the publisher wrote them (strings or numbers); nulls stay null.
    scheme
        ``"iso3"``, ``"iso2"`` (both also accept historical codes such as SUN/SU, YUG/YU, CSK/CS,
        DDR/DD, YMD/YD), ``"cow"``, ``"m49"``, ``"cow_abb"``, ``"name"`` (en/ru/kk and alternative
        names) or ``"any"`` (everything :func:`resolve_state` accepts).
    dates
        Optional date of each record; when given, codes that named a predecessor at that date are
        mapped to it (see :data:`SUCCESSIONS`).

    Returns
    -------
    (ccodes, unknown)
        ``ccodes``: an Int16 Series the length of ``values``, null where the value is null or
        unknown; ``unknown``: the distinct non-null values that could not be mapped, sorted. The
        caller must report them (never drop them silently).
    """
    import polars as pl

    if isinstance(values, pl.Series):
        series = values
    else:
        series = pl.Series("code", [None if v is None else str(v) for v in values], dtype=pl.Utf8)
    text = series.cast(pl.Utf8).str.strip_chars()
    if scheme == "any":
        uniques = [v for v in text.unique().to_list() if v is not None and v != ""]
        table: dict[str, int] = {}
        for value in uniques:
            with contextlib.suppress(UnknownCodeError):
                table[value] = resolve_state(value).ccode
        keys = text
    elif scheme == "name":
        uniques = [v for v in text.unique().to_list() if v is not None and v != ""]
        names = _index().names
        table = {v: names[normalize_name(v)] for v in uniques if normalize_name(v) in names}
        keys = text
    else:
        table = _mapping(scheme)
        keys = text.str.to_uppercase()
        if scheme in ("cow", "m49"):
            # accept "365", "365.0", " 365 "
            keys = keys.str.replace(r"\.0+$", "")
    mapped = keys.replace_strict(
        list(table), list(table.values()), default=None, return_dtype=pl.Int16
    )
    bad = text.filter(mapped.is_null() & text.is_not_null() & (text != ""))
    unknown = sorted(str(v) for v in bad.unique().to_list())
    mapped = mapped.alias("ccode")
    if dates is not None:
        mapped = apply_successions(mapped, dates)
    return mapped, unknown


def apply_successions(ccodes: pl.Series, dates: Sequence[date] | pl.Series) -> pl.Series:
    """Replace codes naming a predecessor (or successor) on the record's date (SUCCESSIONS)."""
    import polars as pl

    day = dates if isinstance(dates, pl.Series) else pl.Series("date", list(dates), dtype=pl.Date)
    frame = pl.DataFrame({"ccode": ccodes.cast(pl.Int16), "date": day.cast(pl.Date)})
    expr = pl.col("ccode")
    for old, start, end, new in SUCCESSIONS:
        expr = (
            pl.when((pl.col("ccode") == old) & pl.col("date").is_between(start, end))
            .then(pl.lit(new, dtype=pl.Int16))
            .otherwise(expr)
        )
    return frame.select(expr.cast(pl.Int16).alias(ccodes.name or "ccode")).to_series()


def countries_frame() -> pl.DataFrame:
    """The crosswalk as a polars DataFrame (one row per COW code)."""
    import polars as pl

    rows = [
        {
            "ccode": c.ccode,
            "iso3": c.iso3,
            "iso2": c.iso2,
            "m49": c.m49,
            "cow_abb": c.cow_abb,
            "name_en": c.names.en,
            "name_ru": c.names.ru,
            "name_kk": c.names.kk,
            "cow_start": c.cow_start,
            "cow_end": c.cow_end,
            "un_admission": c.un_admission,
            "un_end": c.un_end,
        }
        for c in load_countries()
    ]
    return pl.DataFrame(
        rows,
        schema={
            "ccode": pl.Int16,
            "iso3": pl.Utf8,
            "iso2": pl.Utf8,
            "m49": pl.Int16,
            "cow_abb": pl.Utf8,
            "name_en": pl.Utf8,
            "name_ru": pl.Utf8,
            "name_kk": pl.Utf8,
            "cow_start": pl.Date,
            "cow_end": pl.Date,
            "un_admission": pl.Date,
            "un_end": pl.Date,
        },
    )


__all__ = [
    "SCHEMES",
    "SUCCESSIONS",
    "UNKNOWN_FIX",
    "Country",
    "apply_successions",
    "countries_frame",
    "country",
    "load_countries",
    "map_codes",
    "normalize_name",
    "resolve_state",
    "search_countries",
]
