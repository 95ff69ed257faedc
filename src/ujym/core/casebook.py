"""The casebook: every entity and claim of the article, immutable, with lookups and frames."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ujym.core.actors import Actor
from ujym.core.citations import Source
from ujym.core.claims import Claim, ReferenceMarker, Regularity
from ujym.core.dates import PartialDate
from ujym.core.errors import UnknownCodeError
from ujym.core.forces import Contribution, ForceFigure
from ujym.core.memberships import Membership
from ujym.core.names import Names
from ujym.core.statements import Assessment, Document, Person, Statement

if TYPE_CHECKING:
    import pandas as pd


def _dates(values: Iterable[PartialDate | None], *, last: bool = False) -> pd.Series:
    """Partial dates as a datetime64 column: the first day each may mean (``last``: the last
    day), NaT where there is none. A ``*_precision`` column beside it keeps how precise the
    source is (:func:`_precisions`).
    """
    import pandas as pd

    days = [None if v is None else (v.latest() if last else v.earliest()) for v in values]
    return pd.Series(pd.to_datetime(days), dtype="datetime64[s]")


def _precisions(values: Iterable[PartialDate | None]) -> pd.Series:
    """``year``, ``month`` or ``day`` for each partial date (missing where there is none)."""
    import pandas as pd

    return pd.Series([None if v is None else v.precision for v in values], dtype="str")


SEED_ARTICLE = "csto-member-interests"
"""The id of the article ujym was built for (the CSTO article); an article record without an
``id`` is this one's (casebooks written before decision 0008)."""


def claim_key(article: str, claim: str) -> str:
    """The key of claim ``claim`` of article ``article`` among the claims of every article.

    The seed article's claims keep their plain ids (``C9``); any other article's are qualified
    by its id (decision 0008):

    >>> claim_key(SEED_ARTICLE, "C9"), claim_key("guam-test-note", "C1")
    ('C9', 'guam-test-note:C1')
    """
    return claim if article == SEED_ARTICLE else f"{article}:{claim}"


class ArticleRecord(BaseModel):
    """The seed article as a source: what is known of it, and how it is dated.

    A casebook holds one article (decision 0008). ``id`` names the article among others (its
    claims are ``<id>:C5`` where claims of several articles meet, :func:`claim_key`; default:
    :data:`SEED_ARTICLE`); ``subject`` is the
    organisation it is about and ``members_covered`` the member states it treats, in its order;
    ``window`` is the first and last year of data that show the article's own time (claim checks
    run in it; without one, the CSTO article's 2011–2013).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str = Field(default=SEED_ARTICLE, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    source: Source
    file: str
    sha256: str
    line_count: int
    subject: str  # the organisation the article is about (an organisation id, e.g. "CSTO")
    members_covered: tuple[str, ...]
    dating_evidence: tuple[Names, ...]
    written: Names  # best guess, e.g. "2013 to mid-2014"
    editorial: str | None = None  # for casebook maintainers; never rendered
    window: tuple[int, int] | None = None

    @field_validator("window")
    @classmethod
    def _window(cls, value: tuple[int, int] | None) -> tuple[int, int] | None:
        if value is not None and value[0] > value[1]:
            raise ValueError(f"the window ends ({value[1]}) before it starts ({value[0]})")
        return value


class Casebook(BaseModel):
    """Everything the article holds, as typed values. Build one with ``ujym.load_casebook()``."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    article: ArticleRecord
    sources: tuple[Source, ...] = ()
    actors: tuple[Actor, ...] = ()
    memberships: tuple[Membership, ...] = ()
    statements: tuple[Statement, ...] = ()
    documents: tuple[Document, ...] = ()
    persons: tuple[Person, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    forces: tuple[ForceFigure, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    claims: tuple[Claim, ...] = ()
    regularities: tuple[Regularity, ...] = ()
    references: tuple[ReferenceMarker, ...] = ()

    # ---- lookups -------------------------------------------------------------------------
    def actor(self, code: str) -> Actor:
        """The actor with id, ISO3, short name or alias ``code`` (case-insensitive)."""
        key = code.strip().casefold()
        for a in self.actors:
            if a.id.casefold() == key:
                return a
        for a in self.actors:
            forms = {a.short.en, a.short.ru, a.short.kk, a.names.en, *a.aliases}
            if key in {f.casefold() for f in forms}:
                return a
        known = ", ".join(sorted(a.id for a in self.actors))
        raise UnknownCodeError(f"unknown actor {code!r}", f"use one of: {known}")

    def claim(self, claim_id: str) -> Claim:
        """The claim with id ``claim_id`` (``c5`` or ``C5``); UnknownCodeError otherwise."""
        key = claim_id.strip().upper()
        for c in self.claims:
            if c.id == key:
                return c
        raise UnknownCodeError(
            f"unknown claim {claim_id!r}", f"use C1–C{len(self.claims)} (`ujym casebook claims`)"
        )

    @property
    def members(self) -> tuple[Actor, ...]:
        """The member states of its subject organisation the article treats, in its order."""
        return tuple(self.actor(code) for code in self.article.members_covered)

    def source(self, source_id: str) -> Source:
        """The source with id ``source_id`` (the article's record or an outside source)."""
        for s in (self.article.source, *self.sources):
            if s.id == source_id:
                return s
        raise UnknownCodeError(f"unknown source {source_id!r}", "add it under casebook/sources/")

    def about(self, actor_id: str) -> dict[str, tuple[object, ...]]:
        """Everything the casebook holds about one actor, by kind."""
        return {
            "statements": tuple(s for s in self.statements if s.actor == actor_id),
            "documents": tuple(d for d in self.documents if d.actor == actor_id),
            "assessments": tuple(a for a in self.assessments if actor_id in a.about),
            "forces": tuple(f for f in self.forces if f.actor == actor_id),
            "contributions": tuple(c for c in self.contributions if c.actor == actor_id),
            "memberships": tuple(m for m in self.memberships if m.actor == actor_id),
            "claims": tuple(c for c in self.claims if actor_id in c.subjects),
        }

    def memberships_of(self, actor_id: str, year: int | None = None) -> tuple[Membership, ...]:
        """The memberships of ``actor_id`` (those covering ``year`` when given)."""
        return tuple(
            m
            for m in self.memberships
            if m.actor == actor_id and (year is None or m.period.covers_year(year))
        )

    def members_of(
        self, organisation: str, year: int, statuses: Iterable[str] = ("member",)
    ) -> tuple[str, ...]:
        """Ids of the actors holding one of ``statuses`` in ``organisation`` during ``year``."""
        wanted = set(statuses)
        return tuple(
            sorted(
                {
                    m.actor
                    for m in self.memberships
                    if m.organisation == organisation
                    and m.status in wanted
                    and m.period.covers_year(year)
                }
            )
        )

    # ---- frames for Jupyter --------------------------------------------------------------
    def actors_frame(self) -> pd.DataFrame:
        """One row per actor: id, kind, names in kk/ru/en, codes, parent, founding date.

        ``founded`` is a date (datetime64: the first day the casebook's date may mean, NaT
        when unknown) and ``founded_precision`` says whether the source gives a year, a month
        or a day.
        """
        import pandas as pd

        rows = [
            {
                "id": a.id,
                "kind": a.kind.value,
                "name_kk": a.short.kk,
                "name_ru": a.short.ru,
                "name_en": a.short.en,
                "iso3": a.codes.iso3 if a.codes else None,
                "ccode": a.codes.ccode if a.codes else None,
                "m49": a.codes.m49 if a.codes else None,
                "parent": a.parent,
            }
            for a in self.actors
        ]
        frame = pd.DataFrame(rows).astype({"ccode": "Int64", "m49": "Int64"})
        founded = [a.founded for a in self.actors]
        frame["founded"] = _dates(founded)
        frame["founded_precision"] = _precisions(founded)
        return frame

    def memberships_frame(self) -> pd.DataFrame:
        """One row per actor–organisation–period, with the state's COW code and the source.

        ``actor`` is a casebook actor id or, for a state the article does not discuss, its ISO3
        code; ``ccode`` is the state's COW code (missing for a non-state actor). ``start`` and
        ``end`` are dates (datetime64): the first day the period may have begun and the last
        day it may have ended (a source giving ``1992-05`` as the start: 1992-05-01; as the
        end: 1992-05-31), NaT when unknown or, for ``end``, still in force;
        ``start_precision`` and ``end_precision`` say whether the source gives a year, a month
        or a day (:meth:`ujym.core.dates.PartialDate.at` turns the pair back into the date as
        given). ``start_year`` and ``end_year`` are the years.
        """
        import pandas as pd

        rows = [
            {
                "actor": m.actor,
                "ccode": m.ccode,
                "organisation": m.organisation,
                "status": m.status.value,
                "start_year": m.period.start.year if m.period.start else None,
                "end_year": m.period.end.year if m.period.end else None,
                "source": m.cite.source,
                "outside_article": m.cite.outside,
                "citation": m.cite.label(),
            }
            for m in self.memberships
        ]
        frame = pd.DataFrame(rows).astype(
            {"ccode": "Int64", "start_year": "Int64", "end_year": "Int64"}
        )
        starts = [m.period.start for m in self.memberships]
        ends = [m.period.end for m in self.memberships]
        at = frame.columns.get_loc("start_year")
        frame.insert(at, "start", _dates(starts))
        frame.insert(at + 1, "end", _dates(ends, last=True))
        frame.insert(at + 2, "start_precision", _precisions(starts))
        frame.insert(at + 3, "end_precision", _precisions(ends))
        return frame

    def forces_frame(self) -> pd.DataFrame:
        """One row per military figure (as printed) and per force contribution."""
        import pandas as pd

        rows = [
            {
                "actor": f.actor,
                "kind": "figure",
                "item_en": f.item.en,
                "value": f.value,
                "unit": f.unit,
                "as_printed": f.as_printed,
                "citation": f.cite.label(),
            }
            for f in self.forces
        ] + [
            {
                "actor": c.actor,
                "kind": f"contribution to {c.to}",
                "item_en": c.what.en,
                "value": None,
                "unit": None,
                "as_printed": c.as_printed,
                "citation": c.cite.label(),
            }
            for c in self.contributions
        ]
        return pd.DataFrame(rows)

    def claims_frame(self) -> pd.DataFrame:
        """One row per claim: id, text in kk/ru/en, lines, refs, subjects, period, evidence.

        ``period`` is the claim's period as text (``1994–2012-06``); ``start`` and ``end`` are
        its first and last days as dates (datetime64; NaT when open).
        """
        import pandas as pd

        rows = [
            {
                "id": c.id,
                "text_kk": c.text.kk,
                "text_ru": c.text.ru,
                "text_en": c.text.en,
                "lines": ", ".join(str(r) for r in c.cite.lines),
                "refs": " ".join(f"[{n}]" for n in c.cite.refs),
                "subjects": ", ".join(c.subjects),
                "period": str(c.period),
                "evidence": ", ".join(e.value for e in c.evidence),
                "datasets": "; ".join(c.datasets),
                "status": c.status.value,
            }
            for c in self.claims
        ]
        frame = pd.DataFrame(rows)
        at = frame.columns.get_loc("period") + 1 if rows else 0
        frame.insert(at, "start", _dates(c.period.start for c in self.claims))
        frame.insert(at + 1, "end", _dates((c.period.end for c in self.claims), last=True))
        return frame
