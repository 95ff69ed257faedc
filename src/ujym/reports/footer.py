"""The footer every page ends with, built from the provenance of what the page shows.

For each catalog dataset behind the page: its title, publisher, version, citation, licence and
landing page (from :func:`ujym.sources.catalog.get_dataset`). When the page rests on the casebook:
the article's record and the outside sources the page cites. Always: ujym's own licence (MIT),
the generation date and the ujym version.

Examples
--------
>>> from ujym.core.provenance import DatasetRef, Provenance, Unit
>>> f = build_footer([Provenance(Unit.STATE_YEAR, datasets=(DatasetRef("cow_nmc", "6.0"),))])
>>> [(d.id, d.version, d.licence.split(" (")[0]) for d in f.datasets]
[('cow_nmc', '6.0', 'free for research and teaching with citation')]
>>> f.article is None
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from babel.dates import format_skeleton

from ujym.core import Casebook, Lang, PartialDate
from ujym.core.errors import UjymError
from ujym.core.provenance import DatasetRef, Provenance, provenance_of
from ujym.i18n import _, format_date, format_number, get_language, ngettext

UJYM_LICENCE = "MIT"


def ujym_version() -> str:
    """The installed ujym version (``0+unknown`` in a bare source tree)."""
    try:
        return version("ujym")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def partial_date(value: PartialDate) -> str:
    """A year, month or day in the current language (a bare year is never digit-grouped)."""
    if value.day is not None:
        return format_date(value.earliest(), "long")
    if value.month is not None:
        return format_skeleton("yMMMM", value.earliest(), locale=get_language())
    return str(value.year)


# ---- the footer model ----------------------------------------------------------------------


@dataclass(frozen=True)
class DatasetCredit:
    """A catalog dataset as the footer cites it (catalog text is English, shown as such)."""

    id: str
    title: str
    publisher: str
    version: str  # as read when the provenance records it, else the catalog's
    citation: str
    licence: str
    landing: str
    doi: str = ""


@dataclass(frozen=True)
class ArticleView:
    """The article's record as the footer prints it."""

    title: str
    author: str
    publisher: str
    language: str | None
    file: str
    sha256: str
    line_count: str
    written: str
    dating_evidence: tuple[str, ...]
    notes: str | None
    author_given: bool = False  # the author's name comes from the casebook (as printed)


@dataclass(frozen=True)
class SourceView:
    """One outside source as the footer prints it, numbered in order of first citation."""

    id: str
    number: int
    kind: str
    title: str
    author: str | None
    publisher: str | None
    year: str | None
    url: str | None
    accessed: str | None
    notes: str | None


@dataclass(frozen=True)
class Footer:
    """What every page ends with."""

    datasets: tuple[DatasetCredit, ...]
    other_sources: tuple[str, ...]  # datasets the catalog does not list (shown as named)
    article: ArticleView | None  # the casebook's article record, when the page rests on it
    sources: tuple[SourceView, ...]  # outside sources cited, numbered S1, S2...
    generated: datetime
    version: str
    licence: str = UJYM_LICENCE

    @property
    def casebook(self) -> bool:
        """Whether the page rests on the casebook (its article record is cited)."""
        return self.article is not None


# ---- provenance ------------------------------------------------------------------------------


def provenance_of_frame(df: Any) -> Provenance:
    """The provenance a ujym frame carries (:func:`ujym.core.provenance.provenance_of`)."""
    return provenance_of(df)


# ---- building --------------------------------------------------------------------------------


def dataset_credit(ref: DatasetRef) -> DatasetCredit | None:
    """The catalog entry of ``ref`` as the footer shows it (None when the catalog lacks it)."""
    from ujym.sources.catalog import get_dataset

    try:
        ds = get_dataset(ref.id)
    except UjymError:
        return None
    return DatasetCredit(
        id=ds.id,
        title=ds.title,
        publisher=ds.publisher,
        version=ref.version or ds.version,
        citation=ds.citation,
        licence=ds.licence,
        landing=ds.landing,
        doi=ds.doi,
    )


def article_view(casebook: Casebook, lang: Lang) -> ArticleView:
    art = casebook.article
    src = art.source
    unknown = _("unknown (not in the extract)")
    return ArticleView(
        title=src.title[lang],
        author=src.author or unknown,
        publisher=src.publisher[lang] if src.publisher else unknown,
        language=src.language,
        file=art.file,
        sha256=art.sha256,
        line_count=ngettext("{n} line", "{n} lines", art.line_count).format(
            n=format_number(art.line_count)
        ),
        written=art.written[lang],
        dating_evidence=tuple(d[lang] for d in art.dating_evidence),
        notes=src.notes[lang] if src.notes else None,
        author_given=bool(src.author),
    )


def source_views(casebook: Casebook, lang: Lang, cited: Sequence[str]) -> tuple[SourceView, ...]:
    """The outside sources ``cited`` (ids, numbered in this order from 1)."""
    known = {s.id: s for s in casebook.sources}
    out = []
    for number, sid in enumerate(cited, start=1):
        s = known.get(sid)
        if s is None:
            out.append(SourceView(sid, number, "", sid, None, None, None, None, None, None))
            continue
        out.append(
            SourceView(
                id=s.id,
                number=number,
                kind=s.kind,
                title=s.title[lang],
                author=s.author,
                publisher=s.publisher[lang] if s.publisher else None,
                year=partial_date(s.year) if s.year else None,
                url=s.url,
                accessed=(
                    _("accessed {date}").format(date=partial_date(s.accessed))
                    if s.accessed
                    else None
                ),
                notes=s.notes[lang] if s.notes else None,
            )
        )
    return tuple(out)


def build_footer(
    provenance: Iterable[Provenance],
    *,
    casebook: Casebook | None = None,
    cited: Sequence[str] = (),
    generated: datetime | None = None,
) -> Footer:
    """The footer of a page resting on ``provenance`` (in the current language).

    The article record is shown when any provenance rests on the casebook (``casebook`` is then
    required: it is loaded when not given); ``cited`` lists the outside sources the page cites.
    """
    lang = get_language()
    provs = list(provenance)
    refs: dict[str, DatasetRef] = {}
    for p in provs:
        for ref in p.datasets:
            refs.setdefault(ref.id, ref)
    credits: list[DatasetCredit] = []
    other: list[str] = []
    for ref in refs.values():
        credit = dataset_credit(ref)
        if credit is None:
            other.append(str(ref))
        else:
            credits.append(credit)
    article = None
    sources: tuple[SourceView, ...] = ()
    if any(p.casebook for p in provs):
        if casebook is None:
            from ujym.sources.casebook import load_casebook

            casebook = load_casebook()
        article = article_view(casebook, lang)
        sources = source_views(casebook, lang, cited)
    return Footer(
        datasets=tuple(credits),
        other_sources=tuple(dict.fromkeys(other)),
        article=article,
        sources=sources,
        generated=generated or datetime.now(UTC).replace(microsecond=0),
        version=ujym_version(),
    )


__all__ = [
    "UJYM_LICENCE",
    "ArticleView",
    "DatasetCredit",
    "Footer",
    "SourceView",
    "build_footer",
    "dataset_credit",
    "partial_date",
    "provenance_of_frame",
    "ujym_version",
]
