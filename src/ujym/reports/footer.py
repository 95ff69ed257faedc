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

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from babel.dates import format_skeleton

from ujym.core import Casebook, Lang, PartialDate
from ujym.core.errors import UjymError
from ujym.core.provenance import DatasetRef, Provenance, Unit
from ujym.i18n import _, format_date, format_number, get_language, ngettext

UJYM_LICENCE = "MIT"


def ujym_version() -> str:
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
    author_given: bool = False  # author/publisher come from the casebook (English) text
    publisher_given: bool = False


@dataclass(frozen=True)
class SourceView:
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
    other_sources: tuple[str, ...]  # sources named only as text (older frames; see as_provenance)
    article: ArticleView | None  # the casebook's article record, when the page rests on it
    sources: tuple[SourceView, ...]  # outside sources cited, numbered S1, S2...
    generated: datetime
    version: str
    licence: str = UJYM_LICENCE

    @property
    def casebook(self) -> bool:
        return self.article is not None


# ---- provenance ------------------------------------------------------------------------------

# TODO(remove with the legacy dicts): the "core" workstream converts every pipeline frame to a
# typed Provenance; until then frames carry {"unit": ..., "sources": [free text], ...} or
# {"dataset": id, "version": v}. as_provenance reads both; delete the dict branch (and
# _LEGACY_NAMES) once no pipeline module writes a dict into df.attrs["ujym"].
_LEGACY_NAMES: Mapping[str, str] = {
    "Correlates of War National Material Capabilities": "cow_nmc",
    "COW NMC": "cow_nmc",
}
_CASEBOOK_TEXT = re.compile(r"^(ujym casebook|article:|casebook:)", re.IGNORECASE)
_VERSION = re.compile(r"^v?(\d[\w.\-]*)")


def _legacy_source(text: str, catalog: Mapping[str, Any]) -> DatasetRef | bool | None:
    """A free-text source of an old frame: a DatasetRef, True for the casebook, None if unknown."""
    text = text.strip()
    if _CASEBOOK_TEXT.match(text):
        return True
    text = re.sub(r"^dataset:\s*", "", text, flags=re.IGNORECASE)
    head, _sep, rest = text.partition(" ")
    if head in catalog:
        return DatasetRef(head, rest.strip() or None)
    for name, ds in _LEGACY_NAMES.items():
        if text.startswith(name):
            found = _VERSION.match(text[len(name) :].strip())
            return DatasetRef(ds, found.group(1).rstrip(",") if found else None)
    return None


def as_provenance(value: Provenance | Mapping[str, Any] | None) -> Provenance:
    """A :class:`Provenance`, from one or from the dict older frames keep in ``df.attrs["ujym"]``.

    Free-text sources that name no catalog dataset are kept in ``details["other_sources"]``.

    Examples
    --------
    >>> p = as_provenance({"unit": "state-session", "sources": ["unvotes 0.3.0", "ujym casebook"]})
    >>> p.unit.value, p.datasets, p.casebook
    ('state-session', (DatasetRef(id='unvotes', version='0.3.0'),), True)
    >>> as_provenance({"sources": ["dataset: COW NMC 6.0, variable cinc"]}).datasets
    (DatasetRef(id='cow_nmc', version='6.0'),)
    """
    if isinstance(value, Provenance):
        return value
    if value is None:
        return Provenance(Unit.TABLE)
    from ujym.sources.catalog import load_catalog

    catalog = load_catalog()
    datasets: list[DatasetRef] = []
    casebook = False
    other: list[str] = []
    if value.get("dataset"):
        datasets.append(DatasetRef(str(value["dataset"]), str(value.get("version") or "") or None))
    for text in value.get("sources", ()) or ():
        found = _legacy_source(str(text), catalog)
        if found is True:
            casebook = True
        elif isinstance(found, DatasetRef):
            datasets.append(found)
        else:
            other.append(str(text))
    try:
        unit = Unit(str(value.get("unit")))
    except ValueError:
        unit = Unit.TABLE
    details = {"other_sources": other} if other else {}
    return Provenance(unit, tuple(dict.fromkeys(datasets)), casebook=casebook, details=details)


def provenance_of_frame(df: Any) -> Provenance:
    """The provenance a frame carries (typed or, for now, a legacy dict; see :func:`as_provenance`)."""
    return as_provenance(getattr(df, "attrs", {}).get("ujym"))


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
        publisher=src.publisher or unknown,
        language=src.language,
        file=art.file,
        sha256=art.sha256,
        line_count=ngettext("{n} line", "{n} lines", art.line_count).format(
            n=format_number(art.line_count)
        ),
        written=art.written,
        dating_evidence=art.dating_evidence,
        notes=src.notes,
        author_given=bool(src.author),
        publisher_given=bool(src.publisher),
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
                publisher=s.publisher,
                year=partial_date(s.year) if s.year else None,
                url=s.url,
                accessed=(
                    _("accessed {date}").format(date=partial_date(s.accessed))
                    if s.accessed
                    else None
                ),
                notes=s.notes,
            )
        )
    return tuple(out)


def build_footer(
    provenance: Iterable[Provenance | Mapping[str, Any]],
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
    provs = [as_provenance(p) for p in provenance]
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
    for p in provs:
        other.extend(str(t) for t in p.details.get("other_sources", ()))
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
    "as_provenance",
    "build_footer",
    "dataset_credit",
    "partial_date",
    "provenance_of_frame",
    "ujym_version",
]
