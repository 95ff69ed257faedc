"""The brief: what the article says about its organisation and the members, as one offline page.

:func:`build_brief` selects and orders what a :class:`~ujym.core.Casebook` holds into a page model
(no analysis: every value comes from the casebook, every statement keeps its citation). The
``brief`` page builder (:func:`brief_page`, registered in :mod:`ujym.reports.pages`) adds the
memberships figure and the provenance; :func:`render_brief` renders it in one language and
:func:`write_brief` writes it atomically. The organisation is the casebook's subject
(``casebook.article.subject``). The page ends with its sources: the article's record, the outside
sources cited, the datasets behind the verdicts, the licences, the generation date and version.

Examples
--------
>>> from ujym.sources.casebook import load_casebook
>>> html = render_brief(load_casebook(), "kk")       # doctest: +SKIP
>>> write_brief(load_casebook(), "en", "brief.html")  # doctest: +SKIP
PosixPath('brief.html')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ujym.core import (
    Actor,
    Casebook,
    Citation,
    ClaimStatus,
    EvidenceKind,
    Lang,
    MembershipStatus,
    Names,
    Period,
    Source,
    StatementKind,
)
from ujym.core.errors import UnknownCodeError
from ujym.core.provenance import Provenance, Unit
from ujym.i18n import N_, _, format_date, format_number, ngettext, use_language
from ujym.reports.figures.memberships import TimelineBar, matrix_timeline
from ujym.reports.footer import partial_date
from ujym.reports.pages import PageContent, PageContext, page, render_page
from ujym.sources.files import atomic_write

CHART_FROM = date(1991, 1, 1)  # the memberships chart starts no earlier (the post-Soviet era)

STATUS_LABELS: dict[MembershipStatus, str] = {
    MembershipStatus.MEMBER: N_("member"),
    MembershipStatus.OBSERVER: N_("observer"),
    MembershipStatus.PARTNER: N_("partner"),
    MembershipStatus.SUSPENDED: N_("suspended"),
    MembershipStatus.WITHDRAWN: N_("withdrawn"),
}
CLAIM_STATUS_LABELS: dict[ClaimStatus, str] = {
    ClaimStatus.UNCHECKED: N_("not yet checked"),
    ClaimStatus.SUPPORTED: N_("supported"),
    ClaimStatus.CONTRADICTED: N_("contradicted"),
    ClaimStatus.MIXED: N_("mixed evidence"),
    ClaimStatus.INCONCLUSIVE: N_("inconclusive"),
    ClaimStatus.INSUFFICIENT_DATA: N_("insufficient data"),
    ClaimStatus.NOT_TESTABLE: N_("not testable"),
}
EVIDENCE_LABELS: dict[EvidenceKind, str] = {
    EvidenceKind.VOTING: N_("UN General Assembly votes"),
    EvidenceKind.CAPABILITIES: N_("military capabilities"),
    EvidenceKind.MEMBERSHIPS: N_("memberships"),
    EvidenceKind.ALLIANCES: N_("alliances"),
    EvidenceKind.DOCUMENT_TEXT: N_("text of official documents"),
    EvidenceKind.EVENTS: N_("events"),
    EvidenceKind.ARMS_TRANSFERS: N_("arms transfers"),
    EvidenceKind.ECONOMY: N_("economy"),
    EvidenceKind.GOVERNANCE: N_("governance"),
    EvidenceKind.GEOGRAPHY: N_("geography"),
    EvidenceKind.HISTORICAL_RECORD: N_("historical record"),
    EvidenceKind.INTERPRETIVE: N_("interpretation (partly testable)"),
}
UNIT_LABELS: dict[str, str] = {"persons": N_("persons"), "units": N_("units")}

# The headings of a member profile, in order: (key, heading).
PROFILE_SECTIONS: tuple[tuple[str, str], ...] = (
    ("interests", N_("Interests")),
    ("threats", N_("Threats")),
    ("documents", N_("Documents")),
    ("experts", N_("Experts")),
    ("partners", N_("Partners")),
    ("benefits", N_("Benefits")),
    ("forces", N_("Forces")),
    ("contributions", N_("Contributions")),
    ("assessment", N_("The article's assessment")),
)
_STATEMENT_SECTIONS = {
    StatementKind.INTEREST: "interests",
    StatementKind.THREAT: "threats",
    StatementKind.PARTNER: "partners",
    StatementKind.BENEFIT: "benefits",
    StatementKind.ASSESSMENT: "assessment",
}


# ---- the page model -----------------------------------------------------------------------


@dataclass(frozen=True)
class CiteView:
    """A citation as the page shows it.

    For the article: ``label`` is ``cite.label()`` (``L270–274 [15]``). For an outside source:
    ``outside`` is true, ``source_id``/``title``/``url`` name the source and ``number`` is its
    place in the sources list at the end of the page (``S1``, ``S2``...).
    """

    label: str
    outside: bool = False
    source_id: str | None = None
    title: str | None = None
    url: str | None = None
    number: int | None = None
    page: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Entry:
    """One statement in a member profile, with its citation.

    ``title`` is a document title, an expert's name or a force item; ``meta`` a document's year or
    an expert's affiliation (``meta_cite`` cites it when it does not come from the article).
    """

    text: str
    cite: CiteView
    title: str | None = None
    meta: str | None = None
    meta_cite: CiteView | None = None
    as_printed: str | None = None
    about: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProfileSection:
    key: str
    heading: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class MemberProfile:
    """One member of the alliance as the article presents it."""

    id: str
    name: str
    short: str
    section: str | None  # lines of the article treating the member, "L195–304"
    sections: tuple[ProfileSection, ...]
    claims: tuple[str, ...]  # ids of the claims whose subjects include the member
    organisations: tuple[str, ...]  # short names of the organisations it belongs to (any status)
    n_statements: int
    counts: str  # "12 statements · 5 claims · 8 organisations", translated


@dataclass(frozen=True)
class MembershipPeriod:
    organisation: str
    status: str
    status_label: str
    start: str
    end: str
    period: str  # "start – end"
    cite: CiteView
    note: str | None = None


@dataclass(frozen=True)
class MatrixRow:
    """One state's memberships, organisation by organisation (columns order), then by start."""

    state: str
    state_id: str
    is_member: bool  # one of the article's members
    periods: tuple[MembershipPeriod, ...]


@dataclass(frozen=True)
class MembershipMatrix:
    organisations: tuple[tuple[str, str], ...]  # (id, short name)
    rows: tuple[MatrixRow, ...]
    bars: tuple[TimelineBar, ...]
    window: tuple[date, date]  # the time span each cell of the chart covers
    chart_note: str


@dataclass(frozen=True)
class ForceRow:
    member: str
    item: str
    value: str
    unit: str
    as_printed: str
    cite: CiteView
    note: str | None = None


@dataclass(frozen=True)
class ContributionRow:
    member: str
    to: str
    what: str
    as_printed: str
    cite: CiteView
    note: str | None = None


@dataclass(frozen=True)
class RegularityView:
    number: int
    text: str
    cite: CiteView
    claims: tuple[str, ...]


@dataclass(frozen=True)
class Column:
    """A column of the claims table; a later verdict column is one more ``Column`` plus a cell."""

    key: str
    heading: str


@dataclass(frozen=True)
class ClaimRow:
    id: str
    text: str
    subjects: str
    period: str
    evidence: str
    datasets: str
    status: str
    status_label: str
    cite: CiteView
    cells: dict[str, str] = field(default_factory=dict)  # extra columns by key


@dataclass(frozen=True)
class BriefPage:
    """The brief's page model: everything the template prints, in one language."""

    lang: Lang
    title: str
    subject: str
    members: tuple[MemberProfile, ...]
    memberships: MembershipMatrix
    forces: tuple[ForceRow, ...]
    contributions: tuple[ContributionRow, ...]
    regularities: tuple[RegularityView, ...]
    claim_columns: tuple[Column, ...]
    claims: tuple[ClaimRow, ...]
    claims_count: str  # "47 claims", translated
    subject_id: str  # the organisation's casebook id (the article's subject)
    outside: tuple[str, ...]  # ids of the outside sources cited, in the order of their numbers

    @property
    def n_claims(self) -> int:
        """The number of claims in the claims table."""
        return len(self.claims)


# ---- building -----------------------------------------------------------------------------


def period_text(period: Period) -> str:
    start = partial_date(period.start) if period.start else _("start not known")
    end = partial_date(period.end) if period.end else _("to date")
    return f"{start} – {end}"


class _Builder:
    """Holds the casebook and language while the page model is built, and numbers the outside
    sources in the order the page first cites them.
    """

    def __init__(self, casebook: Casebook, lang: Lang) -> None:
        self.cb = casebook
        self.lang = lang
        self.subject = casebook.article.subject
        self.outside: dict[str, int] = {}
        self._actors = {a.id: a for a in casebook.actors}

    # names
    def names(self, n: Names | None) -> str:
        return n[self.lang] if n is not None else ""

    def short(self, actor_id: str) -> str:
        actor = self._actors.get(actor_id)
        return actor.short[self.lang] if actor else actor_id

    def source(self, source_id: str) -> Source | None:
        try:
            return self.cb.source(source_id)
        except UnknownCodeError:
            return None

    def cite(self, cite: Citation) -> CiteView:
        if not cite.outside:
            return CiteView(label=cite.label(), page=cite.page, note=cite.note)
        number = self.outside.setdefault(cite.source, len(self.outside) + 1)
        src = self.source(cite.source)
        return CiteView(
            label=cite.label(),
            outside=True,
            source_id=cite.source,
            title=src.title[self.lang] if src else cite.source,
            url=src.url if src else None,
            number=number,
            page=cite.page,
            note=cite.note,
        )

    # member profiles
    def profile(self, actor: Actor) -> MemberProfile:
        cb, aid = self.cb, actor.id
        by_key: dict[str, list[Entry]] = {key: [] for key, _h in PROFILE_SECTIONS}
        for s in cb.statements:
            if s.actor == aid:
                by_key[_STATEMENT_SECTIONS[s.kind]].append(
                    Entry(
                        text=s.text[self.lang],
                        cite=self.cite(s.cite),
                        about=tuple(self.short(a) for a in s.about if a != self.subject),
                    )
                )
        for d in cb.documents:
            if d.actor == aid:
                year = partial_date(d.year) if d.year else None
                if year and not d.year_cite and year in d.title[self.lang]:
                    year = None  # the title already says it, and the article gives it
                by_key["documents"].append(
                    Entry(
                        text=d.content[self.lang],
                        cite=self.cite(d.cite),
                        title=d.title[self.lang],
                        meta=year,
                        meta_cite=self.cite(d.year_cite) if d.year_cite else None,
                        as_printed=d.as_printed,
                    )
                )
        persons = {p.id: p for p in cb.persons}
        for a in cb.assessments:
            if aid in a.about:
                person = persons.get(a.person)
                by_key["experts"].append(
                    Entry(
                        text=a.text[self.lang],
                        cite=self.cite(a.cite),
                        title=person.names[self.lang] if person else a.person,
                        meta=self.names(person.affiliation) if person else None,
                        as_printed=a.quote_as_printed,
                        about=tuple(self.short(x) for x in a.about if x not in (aid, self.subject)),
                    )
                )
        for f in cb.forces:
            if f.actor == aid:
                by_key["forces"].append(
                    Entry(
                        text=f"{format_number(f.value)} {self.unit(f.unit)}",
                        cite=self.cite(f.cite),
                        title=f.item[self.lang],
                        as_printed=f.as_printed,
                    )
                )
        for c in cb.contributions:
            if c.actor == aid:
                by_key["contributions"].append(
                    Entry(
                        text=c.what[self.lang],
                        cite=self.cite(c.cite),
                        title=self.short(c.to),
                        as_printed=c.as_printed,
                    )
                )
        sections = tuple(
            ProfileSection(key, _(heading), tuple(by_key[key])) for key, heading in PROFILE_SECTIONS
        )
        n_statements = sum(len(s.entries) for s in sections)
        claims = tuple(c.id for c in sorted(cb.claims, key=lambda c: c.number) if aid in c.subjects)
        orgs = tuple(dict.fromkeys(self.short(m.organisation) for m in cb.memberships_of(aid)))
        counts = " · ".join(
            (
                ngettext("{n} statement", "{n} statements", n_statements).format(n=n_statements),
                ngettext("{n} claim", "{n} claims", len(claims)).format(n=len(claims)),
                ngettext("{n} organisation", "{n} organisations", len(orgs)).format(n=len(orgs)),
            )
        )
        return MemberProfile(
            id=aid,
            name=actor.names[self.lang],
            short=actor.short[self.lang],
            section=str(actor.section) if actor.section else None,
            sections=sections,
            claims=claims,
            organisations=orgs,
            n_statements=n_statements,
            counts=counts,
        )

    def unit(self, unit: str) -> str:
        return _(UNIT_LABELS[unit]) if unit in UNIT_LABELS else unit

    # memberships
    def memberships(self, members: tuple[Actor, ...], today: date) -> MembershipMatrix:
        cb = self.cb
        states = [m for m in cb.memberships if m.actor in self._actors and self._is_state(m.actor)]
        member_ids = [a.id for a in members]
        others = sorted(
            {m.actor for m in states} - set(member_ids), key=lambda i: self.short(i).casefold()
        )
        state_ids = [a for a in member_ids if any(m.actor == a for m in states)] + others
        order = {a.id: i for i, a in enumerate(cb.actors)}
        org_ids = sorted(
            {m.organisation for m in states},
            key=lambda o: (o != self.subject, order.get(o, len(order)), o),
        )
        rows: list[MatrixRow] = []
        bars: list[TimelineBar] = []
        for sid in state_ids:
            periods: list[MembershipPeriod] = []
            for oid in org_ids:
                mine = sorted(
                    (m for m in states if m.actor == sid and m.organisation == oid),
                    key=lambda m: m.period.start.earliest() if m.period.start else date.min,
                )
                for m in mine:
                    status_label = _(STATUS_LABELS[m.status])
                    text = period_text(m.period)
                    cite = self.cite(m.cite)
                    periods.append(
                        MembershipPeriod(
                            organisation=self.short(oid),
                            status=m.status.value,
                            status_label=status_label,
                            start=partial_date(m.period.start)
                            if m.period.start
                            else _("start not known"),
                            end=partial_date(m.period.end) if m.period.end else _("to date"),
                            period=text,
                            cite=cite,
                            note=m.note,
                        )
                    )
                    start = m.period.start
                    if start is None:
                        continue  # no date to draw from (none is guessed); the table shows it
                    end = m.period.end.latest() if m.period.end else today
                    where = f"{self.short(sid)} — {self.short(oid)}"
                    source = f"{_('outside the article')}: {cite.title}" if cite.outside else ""
                    hover = f"{where}\n{status_label}: {text}\n{source or cite.label}"
                    bars.append(
                        TimelineBar(
                            self.short(sid),
                            self.short(oid),
                            m.status.value,
                            start.earliest(),
                            end,
                            hover,
                        )
                    )
            rows.append(MatrixRow(self.short(sid), sid, sid in member_ids, tuple(periods)))
        first = min((b.start for b in bars), default=CHART_FROM)
        window = (max(first, CHART_FROM), today)
        return MembershipMatrix(
            organisations=tuple((o, self.short(o)) for o in org_ids),
            rows=tuple(rows),
            bars=tuple(bars),
            window=window,
            chart_note=_(
                "Each cell of the chart runs from {start} (left edge) to {end} (right edge); "
                "earlier periods start at the left edge."
            ).format(start=format_date(window[0], "long"), end=format_date(window[1], "long")),
        )

    def _is_state(self, actor_id: str) -> bool:
        return self._actors[actor_id].is_state


def _join(items: Iterable[str]) -> str:
    return ", ".join(items)


def build_brief(
    casebook: Casebook,
    lang: Lang,
    *,
    generated: datetime | None = None,
    verdicts: Mapping[str, object] | None = None,
) -> BriefPage:
    """Select and order what ``casebook`` holds into the brief's page model, in ``lang``.

    ``generated`` (default: now, UTC) is the generation time printed in the footer; open
    membership periods are drawn up to its date. ``verdicts`` (claim id → a value whose
    ``text`` is one line, e.g. :func:`ujym.pipeline.checks.claim_verdicts`) adds a column with
    each claim's verdict on the data, or the command that imports the missing data.
    """
    generated = generated or datetime.now(UTC).replace(microsecond=0)
    with use_language(lang):
        b = _Builder(casebook, lang)
        members = casebook.members
        profiles = tuple(b.profile(a) for a in members)
        matrix = b.memberships(members, generated.date())
        rank = {a.id: i for i, a in enumerate(members)}

        def member_order(actor_id: str) -> int:
            return rank.get(actor_id, len(rank))

        forces = tuple(
            ForceRow(
                member=b.short(f.actor),
                item=f.item[lang],
                value=format_number(f.value),
                unit=b.unit(f.unit),
                as_printed=f.as_printed,
                cite=b.cite(f.cite),
                note=f.note,
            )
            for f in sorted(casebook.forces, key=lambda f: member_order(f.actor))
        )
        contributions = tuple(
            ContributionRow(
                member=b.short(c.actor),
                to=b.short(c.to),
                what=c.what[lang],
                as_printed=c.as_printed,
                cite=b.cite(c.cite),
                note=c.note,
            )
            for c in sorted(casebook.contributions, key=lambda c: member_order(c.actor))
        )
        regularities = tuple(
            RegularityView(r.number, r.text[lang], b.cite(r.cite), r.claims)
            for r in sorted(casebook.regularities, key=lambda r: r.number)
        )
        claim_columns = (
            Column("id", _("Claim")),
            Column("text", _("What the article claims")),
            Column("subjects", _("Subjects")),
            Column("period", _("Period")),
            Column("evidence", _("Evidence that could test it")),
            Column("cite", _("Citation")),
            Column("status", _("Status")),
        ) + ((Column("verdict", _("Verdict on the data")),) if verdicts is not None else ())
        claims = tuple(
            ClaimRow(
                id=c.id,
                text=c.text[lang],
                subjects=_join(b.short(s) for s in c.subjects),
                period=_claim_period(c.period),
                evidence=_join(_(EVIDENCE_LABELS[e]) for e in c.evidence),
                datasets="; ".join(c.datasets),
                status=c.status.value,
                status_label=_(CLAIM_STATUS_LABELS[c.status]),
                cite=b.cite(c.cite),
                cells=(
                    {"verdict": str(getattr(verdicts[c.id], "text", verdicts[c.id]))}
                    if verdicts is not None and c.id in verdicts
                    else {}
                ),
            )
            for c in sorted(casebook.claims, key=lambda c: c.number)
        )
        try:
            subject = casebook.actor(b.subject).short[lang]
        except UnknownCodeError:
            subject = b.subject
        return BriefPage(
            lang=lang,
            title=_("Brief: {organisation} and its members").format(organisation=subject),
            subject=subject,
            members=profiles,
            memberships=matrix,
            forces=forces,
            contributions=contributions,
            regularities=regularities,
            claim_columns=claim_columns,
            claims=claims,
            claims_count=ngettext("{n} claim", "{n} claims", len(claims)).format(n=len(claims)),
            subject_id=b.subject,
            outside=tuple(sid for sid, _n in sorted(b.outside.items(), key=lambda kv: kv[1])),
        )


def _claim_period(period: Period) -> str:
    if period.start is None and period.end is None:
        return _("not stated")
    if period.start and period.end and str(period.start) == str(period.end):
        return partial_date(period.start)
    start = partial_date(period.start) if period.start else "…"
    end = partial_date(period.end) if period.end else ""
    return f"{start} – {end}".strip()


# ---- the page ------------------------------------------------------------------------------


def memberships_chart(page: BriefPage) -> Any:
    """The memberships timeline of a brief's page model (None when nothing can be drawn)."""
    m = page.memberships
    if not m.bars:
        return None
    return matrix_timeline(
        m.bars,
        rows=[r.state for r in m.rows],
        columns=[name for _id, name in m.organisations],
        window=m.window,
        group_labels={s.value: _(label) for s, label in STATUS_LABELS.items()},
        legend_title=_("Status"),
        alt=_("Memberships: states × organisations"),
    )


@page("brief")
def brief_page(
    ctx: PageContext,
    *,
    casebook: Casebook,
    verdicts: Mapping[str, object] | None = None,
    data: Sequence[Provenance] = (),
) -> PageContent:
    """The brief of ``casebook``: ``verdicts`` (claim id → verdict with a one-line ``text``) add
    a column; ``data`` is the provenance of the data behind the verdicts (cited in the footer).
    """
    model = build_brief(casebook, ctx.lang, generated=ctx.generated, verdicts=verdicts)
    chart = memberships_chart(model)
    return PageContent(
        template="brief.html.j2",
        title=model.title,
        provenance=(
            Provenance(Unit.TABLE, casebook=True, details={"subject": model.subject_id}),
            *data,
        ),
        context={"page": model},
        figures={"memberships-chart": chart} if chart is not None else {},
        casebook=casebook,
        cited=model.outside,
        model=model,
    )


def render_brief(
    casebook: Casebook,
    lang: Lang,
    *,
    generated: datetime | None = None,
    verdicts: Mapping[str, object] | None = None,
    data: Sequence[Provenance] = (),
) -> str:
    """The brief of ``casebook`` in ``lang`` (``kk``, ``ru`` or ``en``) as one HTML document."""
    return render_page(
        "brief", lang=lang, generated=generated, casebook=casebook, verdicts=verdicts, data=data
    ).html


def write_brief(
    casebook: Casebook, lang: Lang, path: Path | str, *, generated: datetime | None = None
) -> Path:
    """Write the brief of ``casebook`` in ``lang`` to ``path`` atomically; returns the path."""
    return atomic_write(path, render_brief(casebook, lang, generated=generated))


__all__ = [
    "BriefPage",
    "brief_page",
    "build_brief",
    "render_brief",
    "write_brief",
]
