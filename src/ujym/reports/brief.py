"""The brief: what the article says about its organisation and the members, as one offline page.

:func:`build_brief` selects and orders what a :class:`~ujym.core.Casebook` holds into a page model
(no analysis: every value comes from the casebook, every statement keeps its citation), and, given
the frame of :func:`ujym.pipeline.checks.check_claims`, each claim's verdict record and the counts
by verdict the page opens with. The ``brief`` page builder (:func:`brief_page`, registered in
:mod:`ujym.reports.pages`) adds the memberships figure, each member's data figure (from
:func:`ujym.reports.brief_data.member_data`, the pipeline's frames) and the provenance; :func:`render_brief` renders it in one language and
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
from ujym.reports.brief_data import MemberData
from ujym.reports.figures.memberships import TimelineBar, matrix_timeline
from ujym.reports.figures.style import Chart
from ujym.reports.footer import partial_date
from ujym.reports.missing_data import MissingDataset, dataset_name, hinted_dataset, missing_datasets
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
PANEL_TITLES: dict[str, str] = {
    "alignment": N_("UN votes: agreement with each partner"),
    "ideal": N_("Ideal point (UN votes)"),
    "capabilities": N_("Share of the {organisation}'s capabilities (CINC)"),
}
"""The member profiles' data panels by the key of ``MemberData.missing``."""


def panel_title(key: str, organisation: str) -> str:
    """The title of a member profile's data panel (:data:`PANEL_TITLES`) in the current language.

    >>> panel_title("capabilities", "CSTO")
    "Share of the CSTO's capabilities (CINC)"
    """
    return _(PANEL_TITLES[key]).format(organisation=organisation)


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
    record: ClaimRecord | None = None  # how ujym checks it and its verdicts (None: not run)
    members: tuple[tuple[str, str], ...] = ()  # (id, short name) of the members it concerns


@dataclass(frozen=True)
class VerdictCell:
    """A claim's verdict in one window, as the page prints it (every text translated).

    ``figure`` is the decisive figure with its interval, ``reference`` the reference set and its
    figure, ``discrimination`` the share of the reference set that meets the rule too: each
    empty when the record does not carry it. ``note`` says why data are insufficient; when a
    dataset is not in the cache, ``missing`` is its id and ``note`` names it in words (the page's
    "Data this page lacks" block gives the command once).
    """

    window: str  # article, latest, since, claim
    window_label: str
    years: str
    verdict: str  # a ClaimStatus value
    label: str
    figure: str = ""
    reference: str = ""
    discrimination: str = ""
    note: str = ""
    missing: str = ""


@dataclass(frozen=True)
class ClaimRecord:
    """How ujym checks a claim and the verdicts: ``kind`` is ``data``, ``record``,
    ``not-testable`` or ``""`` (no check defined yet); ``article`` covers the article's time (or
    the time the claim names), ``latest`` the latest data; ``fix`` the command that imports
    missing data; ``hints`` every fetch hint of its cells (the pipeline's, with the commands);
    ``needs`` the catalog datasets its check reads.
    """

    kind: str
    kind_label: str
    rule: str = ""
    explanation: str = ""
    article: VerdictCell | None = None
    latest: VerdictCell | None = None
    fix: str = ""
    hints: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()

    @property
    def verdicts(self) -> tuple[VerdictCell, ...]:
        return tuple(v for v in (self.article, self.latest) if v is not None)


@dataclass(frozen=True)
class VerdictCount:
    """How many claims have each verdict in one window (``counts``: verdict → n, in order)."""

    window_label: str
    counts: tuple[tuple[str, str, int], ...]  # (verdict, label, n)


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
    lead: str = ""  # the article in one paragraph, translated
    verdict_counts: tuple[VerdictCount, ...] = ()  # empty: no check was run for the page
    verdict_columns: tuple[tuple[str, str], ...] = ()  # (verdict, label) in the counts' order
    not_testable: tuple[str, ...] = ()  # ids of the claims ujym cannot check
    unchecked: tuple[str, ...] = ()  # ids of the claims without a check yet
    profile_note: str = ""  # the caption of every member's data figure
    missing_data: tuple[MissingDataset, ...] = ()  # datasets not in the cache, each once

    @property
    def checked(self) -> tuple[ClaimRow, ...]:
        """The claims with a verdict on data or records."""
        return tuple(c for c in self.claims if c.record is not None and c.record.verdicts)

    @property
    def claims_by_id(self) -> dict[str, ClaimRow]:
        """The claims by id."""
        return {c.id: c for c in self.claims}

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
            return CiteView(label=cite.label(), page=cite.page)
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
                            note=self.names(m.note) or None,
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


# ---- verdict records ------------------------------------------------------------------------

VERDICT_ORDER: tuple[str, ...] = (
    ClaimStatus.SUPPORTED.value,
    ClaimStatus.MIXED.value,
    "inconclusive",  # added by the claim-checks work (issue 10); counted when present
    ClaimStatus.CONTRADICTED.value,
    ClaimStatus.INSUFFICIENT_DATA.value,
)
ARTICLE_WINDOWS = ("article", "claim")  # the article's time, or the time the claim names
LATEST_WINDOWS = ("latest", "since")


def _value(row: Mapping[str, Any], column: str) -> Any:
    """``row[column]``, None when the record has no such column or the value is missing."""
    value = row.get(column)
    if value is None:
        return None
    try:
        if value != value:  # NaN
            return None
    except (TypeError, ValueError):
        return None
    return value


def _number(value: Any, digits: int = 2) -> str:
    return format_number(float(value), digits)


def verdict_label(verdict: str) -> str:
    """A verdict (a :class:`ClaimStatus` value) in the current language."""
    from ujym.pipeline.checks import VERDICT_LABELS

    label = VERDICT_LABELS.get(verdict)
    return _(label) if label else verdict


def _cell(row: Mapping[str, Any], sets: Mapping[str, str] | None = None) -> VerdictCell:
    from ujym.pipeline.checks import WINDOW_LABELS

    window = str(row["window"])
    verdict = str(row["verdict"])
    figure = reference = discrimination = ""
    value = _value(row, "figure")
    if value is not None:
        label = _value(row, "figure_label") or _("figure")
        figure = f"{label}: {_number(value)}"
        low, high = _value(row, "low"), _value(row, "high")
        if low is not None and high is not None:
            level = _value(row, "level")
            interval = f"{_number(low)}–{_number(high)}"
            figure += " " + (
                _("({level} % interval {interval})").format(
                    level=format_number(float(level) * 100 if float(level) <= 1 else level, 0),
                    interval=interval,
                )
                if level is not None
                else f"({interval})"
            )
        n_units = _value(row, "n_units")
        if n_units is not None:
            figure += f", n = {format_number(int(n_units), 0)}"
    ref_set = _value(row, "reference_set")
    if ref_set is not None and str(ref_set):
        ref_figure = _value(row, "reference_figure")
        name = (sets or {}).get(str(ref_set), str(ref_set))  # the claim's text for the set's id
        reference = _("reference set: {set}").format(set=name) + (
            f": {_number(ref_figure)}" if ref_figure is not None else ""
        )
    share = _value(row, "discrimination")
    if share is not None:
        discrimination = _("discrimination: {share}").format(share=_number(share))
    note = str(_value(row, "note") or "")
    missing = hinted_dataset(note) or ""
    if missing:  # the command is printed once, in the page's "Data this page lacks" block
        note = _("not in the cache: {dataset}").format(dataset=dataset_name(missing))
    return VerdictCell(
        window=window,
        window_label=_(WINDOW_LABELS.get(window, window)),
        years=str(row.get("years") or ""),
        verdict=verdict,
        label=verdict_label(verdict),
        figure=figure,
        reference=reference,
        discrimination=discrimination,
        note=note,
        missing=missing,
    )


def _needs(row: Mapping[str, Any]) -> tuple[str, ...]:
    """The catalog datasets a check row reads (its ``datasets``: ``votes`` is any UNGA copy, named
    as its fetch hint names it; ``id:table`` is dataset ``id``).
    """
    from ujym.pipeline.checks import VOTES_HINT_DATASET

    listed = str(_value(row, "datasets") or "").split(",")
    ids = (d.strip().partition(":")[0] for d in listed)
    return tuple(dict.fromkeys(VOTES_HINT_DATASET if d == "votes" else d for d in ids if d))


def claim_records(casebook: Casebook, frame: Any, lang: Lang) -> dict[str, ClaimRecord]:
    """Each claim → its :class:`ClaimRecord` from the frame of
    :func:`ujym.pipeline.checks.check_claims` (read with tolerance for columns it may not have
    yet) and the casebook's check blocks. Call inside ``use_language(lang)``.
    """
    from ujym.pipeline.checks import KIND_LABELS, REASON_LABELS, claim_check_texts, is_fetch_hint

    texts = claim_check_texts(casebook, lang)
    rows: dict[str, list[dict[str, Any]]] = {}
    for row in frame.to_dict("records") if frame is not None else ():
        rows.setdefault(str(row["claim"]), []).append(row)
    out: dict[str, ClaimRecord] = {}
    for claim in casebook.claims:
        text = texts.get(claim.id, {})
        kind = text.get("check", "")
        mine = rows.get(claim.id, [])
        sets = claim.check.reference_names(lang) if claim.check else {}
        article = next((_cell(r, sets) for r in mine if r["window"] in ARTICLE_WINDOWS), None)
        latest = next((_cell(r, sets) for r in mine if r["window"] in LATEST_WINDOWS), None)
        fixes = [str(r["note"]) for r in mine if is_fetch_hint(str(r.get("note") or ""))]
        reason = text.get("reason", "")
        if kind == "not-testable":
            kind_label = _(REASON_LABELS[reason]) if reason else ""
        elif kind:
            kind_label = _(KIND_LABELS[kind])
        else:
            kind_label = _("no check defined yet")
        out[claim.id] = ClaimRecord(
            kind=kind,
            kind_label=kind_label,
            rule=text.get("rule", ""),
            explanation=text.get("explanation", ""),
            article=article,
            latest=latest,
            fix=fixes[0] if fixes else "",
            hints=tuple(fixes),
            needs=tuple(dict.fromkeys(d for r in mine for d in _needs(r))),
        )
    return out


def verdict_columns(records: Mapping[str, ClaimRecord]) -> tuple[str, ...]:
    """The verdicts the counts show: :data:`VERDICT_ORDER` (``inconclusive`` when it occurs),
    then any other verdict the records hold.
    """
    seen = {c.verdict for r in records.values() for c in r.verdicts}
    known = tuple(v for v in VERDICT_ORDER if v != "inconclusive" or v in seen)
    return known + tuple(sorted(seen - set(known)))


def verdict_counts(records: Mapping[str, ClaimRecord]) -> tuple[VerdictCount, ...]:
    """Claims by verdict: one row for the article's time, one for the latest data."""
    from ujym.pipeline.checks import WINDOW_LABELS

    out = []
    for window in ("article", "latest"):
        cells = [getattr(r, window) for r in records.values() if getattr(r, window) is not None]
        counts = tuple(
            (v, verdict_label(v), sum(c.verdict == v for c in cells))
            for v in verdict_columns(records)
        )
        out.append(VerdictCount(_(WINDOW_LABELS[window]), counts))
    return tuple(out)


def _lead(casebook: Casebook, lang: Lang, subject: str, n_claims: int, n_checked: int) -> str:
    article = casebook.article
    members = _join(a.short[lang] for a in casebook.members)
    first = _(
        "The article «{title}» treats the members of the {organisation} it covers one by one "
        "({members}): their national interests, the threats they see, their security documents, "
        "partners and forces."
    ).format(title=article.source.title[lang], organisation=subject, members=members)
    second = ngettext(
        "It ends with the regularities below and makes {n} claim in all.",
        "It ends with the regularities below and makes {n} claims in all.",
        n_claims,
    ).format(n=n_claims)
    third = (
        _(
            "ujym checks {checked} of them against data or official records (the verdicts "
            "below) and says for each of the others why it cannot be checked."
        ).format(checked=n_checked)
        if n_checked
        else ""
    )
    return " ".join(t for t in (first, second, third) if t)


def build_brief(
    casebook: Casebook,
    lang: Lang,
    *,
    generated: datetime | None = None,
    verdicts: Mapping[str, object] | None = None,
    checks: Any = None,
    panels_missing: Mapping[str, str] | None = None,
) -> BriefPage:
    """Select and order what ``casebook`` holds into the brief's page model, in ``lang``.

    ``generated`` (default: now, UTC) is the generation time printed in the footer; open
    membership periods are drawn up to its date. ``checks`` (the frame of
    :func:`ujym.pipeline.checks.check_claims`) gives each claim its verdict record: the
    article's time and the latest data, with the figure, interval, reference set and
    discrimination where the record has them, or the dataset that is not in the cache.
    ``panels_missing`` (``MemberData.missing``: panel → fetch hint) adds the member profiles'
    missing data: every dataset missing from the cache is listed once in ``missing_data``, with
    the claims and panels it would feed and its commands. ``verdicts`` (claim id → a value whose
    ``text`` is one line) adds a plain verdict column instead (kept for callers of earlier
    versions).
    """
    generated = generated or datetime.now(UTC).replace(microsecond=0)
    with use_language(lang):
        records = claim_records(casebook, checks, lang) if checks is not None else {}
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
                note=b.names(f.note) or None,
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
                note=b.names(c.note) or None,
            )
            for c in sorted(casebook.contributions, key=lambda c: member_order(c.actor))
        )
        regularities = tuple(
            RegularityView(r.number, r.text[lang], b.cite(r.cite), r.claims)
            for r in sorted(casebook.regularities, key=lambda r: r.number)
        )
        claim_columns = (
            (
                Column("id", _("Claim")),
                Column("text", _("What the article claims")),
                Column("check", _("How ujym checks it")),
                Column("article", _("Article's time")),
                Column("latest", _("Latest data")),
            )
            if records
            else (
                Column("id", _("Claim")),
                Column("text", _("What the article claims")),
                Column("subjects", _("Subjects")),
                Column("period", _("Period")),
                Column("evidence", _("Evidence that could test it")),
                Column("cite", _("Citation")),
            )
            # the casebook's status ("not yet checked") never sits beside a verdict column
            + (
                (Column("verdict", _("Verdict on the data")),)
                if verdicts is not None
                else (Column("status", _("Status")),)
            )
        )
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
                record=records.get(c.id),
                members=tuple((a.id, a.short[lang]) for a in members if a.id in c.subjects),
            )
            for c in sorted(casebook.claims, key=lambda c: c.number)
        )
        n_checked = sum(1 for r in records.values() if r.verdicts)
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
            lead=_lead(casebook, lang, subject, len(claims), n_checked),
            profile_note=_(
                "UN votes: agreement index on contested roll calls; a hollow mark on the bottom "
                "edge is a year with too few roll calls to give a figure. Ideal point with its "
                "95 % band, beside Russia, the United States and China. Share of the "
                "organisation's capabilities (COW CINC). Memberships from the casebook. The four "
                "panels share one year axis."
            ),
            verdict_counts=verdict_counts(records) if records else (),
            verdict_columns=tuple((v, verdict_label(v)) for v in verdict_columns(records)),
            not_testable=tuple(
                c.id for c in claims if c.record and c.record.kind == "not-testable"
            ),
            unchecked=tuple(
                c.id
                for c in claims
                if c.record and not c.record.verdicts and c.record.kind != "not-testable"
            ),
            missing_data=missing_datasets(
                {cid: r.hints for cid, r in records.items()},
                panels_missing,
                needs={cid: r.needs for cid, r in records.items()},
            ),
        )


def _claim_period(period: Period) -> str:
    if period.start is None and period.end is None:
        return _("not stated")
    if period.start and period.end and str(period.start) == str(period.end):
        return partial_date(period.start)
    start = partial_date(period.start) if period.start else "…"
    end = partial_date(period.end) if period.end else ""
    if " " in start or " " in end or not end:  # dates in words, or an open end: a spaced dash
        return f"{start} – {end}".strip()
    return f"{start}–{end}"  # a numeric range takes an unspaced dash (2012–2014)


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


def _years_of(d: date) -> float:
    return d.year + (d.timetuple().tm_yday - 1) / 365.25


def profile_chart(
    model: BriefPage,
    casebook: Casebook,
    member: MemberProfile,
    ccode: int | None,
    data: MemberData,
) -> Chart | None:
    """The four data panels of one member's profile (None for a member without a COW code).

    Only reads the frames of ``data`` (the pipeline's, statuses kept) and the page model's
    membership periods; a panel whose data are not cached names the dataset (the figure's
    caption links to the command, printed once on the page).
    """
    from ujym.reports.figures.profile import Bar, Line, Panel, member_panels
    from ujym.reports.labels import partner_label

    if ccode is None:
        return None
    short = {a.id: a.short[model.lang] for a in casebook.actors}
    short |= {
        str(a.codes.ccode): a.short[model.lang] for a in casebook.actors if a.codes is not None
    }

    def name(partner: str | int) -> str:
        return short.get(str(partner)) or partner_label(partner)

    first, last = CHART_FROM.year + 1, model.memberships.window[1].year

    def missing(kind: str) -> str:  # the dataset in words; the caption links to the command
        dataset = hinted_dataset(data.missing.get(kind, ""))
        if dataset is None:
            return _("No data")
        return _("No data in the cache: {dataset}").format(dataset=dataset_name(dataset))

    # UN alignment with each partner
    align = data.alignment
    lines = []
    if not align.empty:
        mine = align[align["ccode"] == ccode].sort_values("year")
        for partner, part in mine.groupby("partner", sort=False):
            lines.append(
                Line(
                    name(str(partner)),
                    [int(y) for y in part["year"]],
                    [float(v) for v in part["value"]],
                    [str(st) == "ok" for st in part["status"]],
                )
            )
    alignment = Panel(
        panel_title("alignment", model.subject),
        _("agreement index"),
        tuple(lines),
        missing="" if lines else missing("alignment"),
    )
    # ideal point with its band, beside the comparison states
    ideal = data.ideal
    ideal_lines = []
    if not ideal.empty and (ideal["ccode"] == ccode).any():
        from ujym.reports.brief_data import COMPARISON

        for code in (ccode, *(c for c, _i in COMPARISON if c != ccode)):
            part = ideal[ideal["ccode"] == code].sort_values("year")
            shown = part["status"].isin(("ok", "few_votes"))
            values = [
                float(v) if ok else float("nan")
                for v, ok in zip(part["ideal_point"], shown, strict=True)
            ]
            ideal_lines.append(
                Line(
                    member.short if code == ccode else name(code),
                    [int(y) for y in part["year"]],
                    values,
                    [str(st) == "ok" for st in part["status"]],
                    lower=[float(v) for v in part["lower"].where(shown)] if code == ccode else (),
                    upper=[float(v) for v in part["upper"].where(shown)] if code == ccode else (),
                )
            )
    ideal_panel = Panel(
        panel_title("ideal", model.subject),
        _("ideal point"),
        tuple(ideal_lines),
        missing="" if ideal_lines else missing("ideal"),
    )
    # share of the organisation's capabilities
    caps = data.capabilities
    share_lines = []
    if not caps.empty and "share_cinc" in caps.columns:
        part = caps[caps["ccode"] == ccode].sort_values("year")
        if part["share_cinc"].notna().any():
            share_lines.append(
                Line(
                    member.short,
                    [int(y) for y in part["year"]],
                    [float(v) for v in part["share_cinc"]],
                    [bool(v == v) for v in part["share_cinc"]],
                )
            )
    share = Panel(
        panel_title("capabilities", model.subject),
        _("share"),
        tuple(share_lines),
        missing="" if share_lines else missing("capabilities"),
    )
    # memberships, from the page's own periods
    bars = tuple(
        Bar(b.column, b.group, max(_years_of(b.start), first - 0.5), _years_of(b.end))
        for b in model.memberships.bars
        if b.row == member.short
    )
    memberships = Panel(_("Memberships"), bars=bars, missing="" if bars else _("No data"))
    return member_panels(
        alignment,
        ideal_panel,
        share,
        memberships,
        years=(first, last),
        withheld_label=_("too few roll calls: no figure"),
        band_label=_("95 % band"),
        few_label=_("few votes: mostly the prior"),
        status_labels={st.value: _(label) for st, label in STATUS_LABELS.items()},
        alt=_(
            "{member}: UN alignment, ideal point, share of capabilities and memberships, "
            "{first}–{last}"
        ).format(member=member.name, first=first, last=last),
    )


@page("brief")
def brief_page(
    ctx: PageContext,
    *,
    casebook: Casebook,
    verdicts: Mapping[str, object] | None = None,
    checks: Any = None,
    members_data: MemberData | None = None,
    data: Sequence[Provenance] = (),
) -> PageContent:
    """The brief of ``casebook``: ``checks`` (the frame of
    :func:`ujym.pipeline.checks.check_claims`) gives the verdict records, ``members_data``
    (:func:`ujym.reports.brief_data.member_data`) the member profiles' data figures;
    ``verdicts`` (claim id → verdict with a one-line ``text``) a plain verdict column instead of
    the records; ``data`` is the provenance of the data behind them (cited in the footer).
    """
    model = build_brief(
        casebook,
        ctx.lang,
        generated=ctx.generated,
        verdicts=verdicts,
        checks=checks,
        panels_missing=members_data.missing if members_data is not None else None,
    )
    chart = memberships_chart(model)
    figures: dict[str, Chart] = {"memberships-chart": chart} if chart is not None else {}
    if members_data is not None:
        for member, actor in zip(model.members, casebook.members, strict=True):
            ccode = int(actor.codes.ccode) if actor.codes is not None else None
            fig = profile_chart(model, casebook, member, ccode, members_data)
            if fig is not None:
                figures[f"profile-{member.id}"] = fig
    refs = members_data.datasets if members_data is not None else ()
    return PageContent(
        template="brief.html.j2",
        title=model.title,
        provenance=(
            Provenance(Unit.TABLE, casebook=True, details={"subject": model.subject_id}),
            *data,
            *([Provenance(Unit.STATE_YEAR, datasets=refs)] if refs else []),
        ),
        context={
            "page": model,
            # what the profiles could not draw: the datasets, linked to their commands
            "profile_missing": tuple(d for d in model.missing_data if d.panels),
            "panel_titles": {key: panel_title(key, model.subject) for key in PANEL_TITLES},
        },
        figures=figures,
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
    checks: Any = None,
    members_data: MemberData | None = None,
    data: Sequence[Provenance] = (),
) -> str:
    """The brief of ``casebook`` in ``lang`` (``kk``, ``ru`` or ``en``) as one HTML document."""
    return render_page(
        "brief",
        lang=lang,
        generated=generated,
        casebook=casebook,
        verdicts=verdicts,
        checks=checks,
        members_data=members_data,
        data=data,
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
