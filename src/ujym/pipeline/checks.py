"""``check_claims``: run the registered claim checks on the data in the cache.

>>> result = check_claims(["C9", "C47"])            # doctest: +SKIP
>>> result.frame[["claim", "window", "years", "verdict"]]  # doctest: +SKIP

(These examples need the cached datasets; docs/api.md runs them on real data, tested by
tests/test_examples.py.)

Each check (:mod:`ujym.engines.checks`) runs for the article's own time (the casebook's
``window``; 2011–2013 for the CSTO article) and for the latest data (the last
``latest_span`` years its datasets cover; with ``since`` the window runs from that year to the
end of the data instead). A claim about a fixed past moment (C36) is checked in the window its
check declares. Exactly the datasets the selected checks declare are read, through the dataset
catalog; one that is not in the cache gives the verdict "insufficient data" and the command that
gets it (``ujym data pull`` when the catalog has its address, ``ujym data import`` always);
nothing in the cache is written.

Frame columns
-------------
``claim, window`` (``article``, ``latest``, ``since`` or ``claim``), ``years`` ("2011–2013"),
``verdict`` (a :class:`~ujym.core.claims.ClaimStatus` value), ``figures`` (JSON), ``datasets``,
``note`` (why data are insufficient, and the command that fixes it), ``kind`` (``data`` or
``record``), and, from the claim's ``check:`` block in the casebook, ``operationalisation``,
``threshold`` (the rule) and ``cannot_see`` in the chosen language; then the verdict record's
figure (:func:`record_columns`): ``figure, figure_label, low, high, level, replicates, n_units,
reference_set, reference_figure, discrimination`` (None where not applicable: a record check, a
window without data). The findings behind the rows
(:class:`~ujym.engines.checks.base.Finding`) are in :attr:`ClaimChecks.findings`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ujym.core.casebook import Casebook
from ujym.core.claims import ClaimStatus
from ujym.core.errors import DataNotAvailableError, UjymError, UnknownCodeError
from ujym.core.provenance import DatasetRef, Provenance, Unit, attach
from ujym.engines.checks import (
    ARTICLE_WINDOW,
    VOTES,
    Check,
    CheckData,
    CheckFunction,
    Finding,
    NotTestable,
    Window,
    registered,
    registry,
)
from ujym.engines.checks.groups import GroupMembers
from ujym.i18n import N_, _, get_language, resolve_language, use_language

VOTES_HINT_DATASET = "unvotes"
"""The UNGA copy the "how to get it" hint names for votes (any cached UNGA dataset is read)."""
ROLL_CALLS_FRAME = "unga_roll_calls"
"""The frame that holds the roll calls' texts, beside the vote matrix."""
MIN_ROLL_CALLS = 10
"""A calendar year of UN votes counts as covered when it has at least this many roll calls
(unvotes ends on 14 January 2020: 2020 holds one roll call and is not a year of data)."""
CASEBOOK_START = 1991
"""Checks on the casebook alone cover the post-Soviet years up to the current one."""

VERDICT_LABELS: dict[str, str] = {
    ClaimStatus.SUPPORTED.value: N_("supported"),
    ClaimStatus.CONTRADICTED.value: N_("contradicted"),
    ClaimStatus.MIXED.value: N_("mixed evidence"),
    ClaimStatus.INCONCLUSIVE.value: N_("inconclusive"),
    ClaimStatus.INSUFFICIENT_DATA.value: N_("insufficient data"),
    ClaimStatus.NOT_TESTABLE.value: N_("not testable"),
    ClaimStatus.UNCHECKED.value: N_("not yet checked"),
}
WINDOW_LABELS: dict[str, str] = {
    "article": N_("article's time"),
    "latest": N_("latest data"),
    "since": N_("since"),
    "claim": N_("the claim's time"),
}
REASON_LABELS: dict[str, str] = {
    "needs-data": N_("needs data ujym does not have"),
    "document-content": N_("what an official document says: read the document"),
    "interpretive": N_("an opinion or causal judgement no dataset settles"),
    "historical-record": N_("a dated event, not a measurement"),
}
KIND_LABELS: dict[str, str] = {
    "data": N_("data check"),
    "record": N_("record check (casebook only)"),
}

FIGURE_NAMES: dict[str, str] = {
    "youngest_counting_cu_ses_apart": N_("youngest, the Customs Union and the SES counted apart"),
    "youngest_counting_cu_ses_as_eurasec_stages": N_(
        "youngest, the Customs Union and the SES counted as stages of EurAsEC"
    ),
    "csto_founded": N_("CSTO founded"),
    "younger_than_csto": N_("younger than the CSTO"),
}
"""Names of the figures a check without a decisive figure shows (a record check), by key."""


def figure_name(key: str) -> str:
    """The figure ``key`` of a finding's ``figures`` in the interface language (else the key).

    >>> figure_name("csto_founded")
    'CSTO founded'
    """
    return _(FIGURE_NAMES[key]) if key in FIGURE_NAMES else key


# ---- data ---------------------------------------------------------------------------------
def fetch_hint(dataset: str) -> str:
    """The command that gets catalog dataset ``dataset`` (``votes``: a UNGA copy) into the cache.

    ``ujym data pull`` when the catalog gives the files' addresses, ``ujym data import`` always.

    >>> fetch_hint("cow_nmc")
    'run `ujym data pull cow_nmc` or `ujym data import cow_nmc FILE`'
    >>> fetch_hint("undl_votes")
    'run `ujym data import undl_votes FILE`'
    """
    from ujym.sources.catalog import get_dataset

    dataset_id = VOTES_HINT_DATASET if dataset == VOTES else dataset.partition(":")[0]
    entry = get_dataset(dataset_id)
    imported = f"`ujym data import {dataset_id} FILE`"
    if entry.downloadable:
        return _("run {pull} or {imported}").format(
            pull=f"`ujym data pull {dataset_id}`", imported=imported
        )
    return _("run {imported}").format(imported=imported)


def is_fetch_hint(note: str) -> bool:
    """True when a finding's ``note`` is the command that gets missing data (in any language).

    >>> is_fetch_hint("run `ujym data import cow_nmc FILE`")
    True
    >>> is_fetch_hint("the data cover 1816–2010")
    False
    """
    return "`ujym data import " in note


def read_dataset(dataset: str) -> pd.DataFrame:
    """The cached table of catalog dataset ``dataset`` as pandas (``id:table`` picks a table).

    Correlates of War and ATOP datasets are read by :func:`ujym.sources.peacescience.load_frame`
    (their canonical layout); any other catalog dataset with one cached table is read as cached.
    Raises :class:`DataNotAvailableError` with :func:`fetch_hint` when it is not in the cache.
    """
    from ujym.sources import cache
    from ujym.sources.catalog import get_dataset
    from ujym.sources.peacescience import READERS, load_frame

    dataset_id, _sep, table = dataset.partition(":")
    get_dataset(dataset_id)  # an id the catalog does not know: UnknownCodeError
    manifest = cache.read_manifest(dataset_id)
    if manifest is None:
        raise DataNotAvailableError(
            f"dataset {dataset_id!r} is not in the cache", fetch_hint(dataset_id)
        )
    if not table and dataset_id in READERS:
        return load_frame(dataset_id)
    if not table:
        if len(manifest.tables) != 1:
            raise UjymError(
                f"dataset {dataset_id!r} holds the tables {', '.join(sorted(manifest.tables))}",
                f"declare one of them as '{dataset_id}:TABLE' in the check's datasets",
            )
        table = next(iter(manifest.tables))
    import polars as pl

    return pl.read_parquet(cache.require_table(dataset_id, table)).to_pandas()


MEMBERS_FROM = 1816
"""The first year :func:`group_members` lists (the Correlates of War state system's)."""


def group_members(casebook: Casebook, last: int | None = None) -> GroupMembers:
    """Each organisation's members (status member) by year, 1816 to ``last`` (default: this
    year), as COW codes: the casebook's dated memberships as the checks read them.

    A membership counts in every year any day of which falls inside its period (as
    :meth:`ujym.core.dates.Period.covers_year`); a row without a COW code (not a state) is left
    out.

    >>> from ujym.sources.casebook import load_casebook
    >>> group_members(load_casebook()).of("CSTO", 2013)
    [365, 370, 371, 702, 703, 705]
    """
    last = last or date.today().year
    found: dict[tuple[str, int], set[int]] = {}
    for m in casebook.memberships:
        if m.status != "member" or m.ccode is None:
            continue
        first = m.period.start.earliest().year if m.period.start else MEMBERS_FROM
        end = m.period.end.latest().year if m.period.end else last
        for year in range(max(first, MEMBERS_FROM), min(end, last) + 1):
            found.setdefault((m.organisation, year), set()).add(m.ccode)
    return GroupMembers({key: tuple(sorted(codes)) for key, codes in found.items()})


def load_check_data(casebook: Casebook, datasets: Iterable[str] | None = None) -> CheckData:
    """Whatever of ``datasets`` (default: all the casebook's checks declare) is in the cache.

    Nothing is written. ``votes`` reads the first cached UNGA copy (the vote matrix and the
    roll calls' texts); every other name is a catalog dataset read by :func:`read_dataset`.
    """
    if datasets is None:  # what the casebook's checks read (its claims' functions and methods)
        checks = registry(casebook).values()
        datasets = {ds for c in checks if isinstance(c, Check) for ds in c.datasets}
    wanted = sorted(set(datasets))
    frames: dict[str, pd.DataFrame] = {}
    refs: dict[str, DatasetRef] = {}
    votes = None
    for ds in wanted:
        try:
            if ds == VOTES:
                votes, frames[ROLL_CALLS_FRAME], refs[ds] = _read_votes()
            else:
                frames[ds] = read_dataset(ds)
                refs[ds] = _ref(ds.partition(":")[0])
        except DataNotAvailableError:
            continue
    return CheckData(
        casebook=casebook,
        members=group_members(casebook),
        frames=frames,
        votes=votes,
        fetch_hint={ds: fetch_hint(ds) for ds in wanted},
        read=tuple(refs.values()),
    )


def _read_votes() -> tuple[Any, pd.DataFrame, DatasetRef]:
    from ujym.sources.votematrix import build_vote_matrix_from, read_unga

    unga = read_unga()
    return (
        build_vote_matrix_from(unga),
        unga.roll_calls.to_pandas(),
        DatasetRef(unga.dataset, unga.version or None),
    )


def _ref(dataset_id: str) -> DatasetRef:
    from ujym.sources import cache

    manifest = cache.read_manifest(dataset_id)
    return DatasetRef(dataset_id, manifest.version if manifest and manifest.version else None)


def coverage(data: CheckData, dataset: str) -> tuple[int, int] | None:
    """First and last year of ``dataset`` in ``data`` (full years of votes only)."""
    if dataset == VOTES:
        if data.votes is None:
            return None
        years, counts = np.unique(data.votes.year, return_counts=True)
        full = years[counts >= MIN_ROLL_CALLS]
        if full.size == 0:
            return None
        return int(full.min()), int(full.max())
    return data.coverage(dataset)


def check_coverage(check: Check, data: CheckData, today: date) -> tuple[int, int] | None:
    """Years every dataset of ``check`` covers (casebook-only checks: 1991 to this year)."""
    if not check.datasets:
        return CASEBOOK_START, today.year
    spans = [coverage(data, ds) for ds in check.datasets]
    if any(s is None for s in spans):
        return None
    first = max(s[0] for s in spans if s is not None)
    last = min(s[1] for s in spans if s is not None)
    return (first, last) if first <= last else None


def windows_for(
    check: Check,
    span: tuple[int, int] | None,
    since: int | None,
    article: tuple[int, int] = ARTICLE_WINDOW,
) -> list[Window]:
    """The windows ``check`` runs in, given its data's coverage ``span``.

    ``article`` is the article's own time (the casebook's ``window``).
    """
    if check.window is not None:
        return [check.window]
    out = [Window("article", *article)]
    if not check.datasets:  # a record check: no latest data, only the calendar (issue 10)
        return out
    if span is None:
        out.append(Window("since" if since is not None else "latest", since or 0, since or 0))
        return out
    first, last = span
    if since is not None:
        out.append(Window("since", max(since, first), last))
    else:
        out.append(Window("latest", max(first, last - check.latest_span + 1), last))
    return out


# ---- running ------------------------------------------------------------------------------
@dataclass
class ClaimChecks:
    """What :func:`check_claims` returns: the verdict frame and the findings behind it."""

    frame: pd.DataFrame
    findings: dict[tuple[str, str], Finding] = field(default_factory=dict)
    not_testable: tuple[NotTestable, ...] = ()


def resolve_claims(casebook: Casebook, claims: Iterable[str] | None) -> list[str]:
    """Claim ids in casebook order; accepts ``c9``, ``C09``; UnknownCodeError otherwise."""
    known = {c.id: c for c in casebook.claims}
    if claims is None:
        return [c.id for c in sorted(casebook.claims, key=lambda c: c.number)]
    out = []
    for raw in claims:
        for part in str(raw).split(","):
            text = part.strip().upper()
            if not text:
                continue
            if text.isdigit():
                text = f"C{text}"
            if text[1:].isdigit():
                text = f"C{int(text[1:])}"
            if text not in known:
                raise UnknownCodeError(
                    _("unknown claim {claim!r}").format(claim=part.strip()),
                    _("use a claim id from C1 to C{n} (see `ujym check`)").format(n=len(known)),
                )
            out.append(text)
    return list(dict.fromkeys(out))


def _jsonable(value: Any) -> Any:
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        return None if math.isnan(v) else round(v, 4)
    return value


def figures_json(figures: Mapping[str, Any]) -> str:
    return json.dumps({k: _jsonable(v) for k, v in figures.items()}, ensure_ascii=False)


def check_claims(
    claims: Iterable[str] | None = None,
    *,
    since: int | None = None,
    lang: str | None = None,
    casebook: Casebook | None = None,
    data: CheckData | None = None,
    today: date | None = None,
    checks: Mapping[str, CheckFunction] | None = None,
) -> ClaimChecks:
    """Run the checks of ``claims`` (default: every claim of the casebook) on the cached data.

    Parameters
    ----------
    claims
        Claim ids (``C3``, ``c47``, ``9``); a claim that is not testable is listed in
        ``not_testable`` with its reason. Unknown ids raise :class:`UnknownCodeError`.
    since
        Replace the latest window by ``since`` … the end of the data. A year outside every
        selected dataset's coverage raises :class:`UjymError` naming the coverage.
    lang
        Language of the operationalisation, rule and "cannot see" columns (default: the
        interface's).
    casebook, data
        The casebook and data to use (default: the packaged casebook and the cache, reading
        only the datasets the selected checks declare).
    today
        The date casebook-only checks run to (default: today).
    checks
        Check functions by claim id (default: those registered in :mod:`ujym.engines.checks`);
        a :class:`~ujym.engines.checks.Registry` with functions of your own.
    """
    if casebook is None:
        from ujym.sources.casebook import load_casebook

        casebook = load_casebook()
    today = today or date.today()
    language = resolve_language(lang) if lang else get_language()
    with use_language(language):  # notes and commands in the reader's language
        ids = resolve_claims(casebook, claims)
        table = registry(casebook, checks)
        selected = [table[c] for c in ids]
        runnable = [c for c in selected if isinstance(c, Check)]
        if data is None:
            data = load_check_data(casebook, {ds for c in runnable for ds in c.datasets})
        elif not data.members.by_year:  # data built by hand: the casebook's members
            data = replace(data, members=group_members(casebook))
        spans = {c.claim: check_coverage(c, data, today) for c in runnable}
        if since is not None:
            _check_since(since, runnable, data, spans)
    rows = []
    findings: dict[tuple[str, str], Finding] = {}
    with use_language(language):
        for check in runnable:
            for window in windows_for(check, spans[check.claim], since, data.article_window()):
                finding = _run(check, data, window, spans[check.claim])
                findings[(check.claim, window.label)] = finding
                rows.append(
                    {
                        "claim": check.claim,
                        "window": window.label,
                        "years": str(window) if window.start else "",
                        "verdict": finding.verdict.value,
                        "figures": figures_json(finding.figures),
                        "datasets": ", ".join(check.datasets) or "casebook",
                        "note": finding.note or "",
                        "kind": check.kind.value,
                        "operationalisation": check.operationalisation[language],
                        "threshold": check.threshold[language],
                        "cannot_see": check.description.cannot_see[language],
                        **record_columns(finding),
                    }
                )
    frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    attach(frame, Provenance(Unit.CLAIM_WINDOW, datasets=data.read, casebook=True))
    untestable = tuple(c for c in selected if isinstance(c, NotTestable))
    return ClaimChecks(frame, findings, untestable)


RECORD_COLUMNS = (
    "figure", "figure_label", "low", "high", "level", "replicates", "n_units", "reference_set",
    "reference_figure", "discrimination", "resampled",
)  # fmt: skip
"""The verdict record's figure columns (None where a check has no figure: a record check);
``resampled`` names the units the bootstrap draws (``roll calls``, ``years``)."""
FRAME_COLUMNS = (
    "claim", "window", "years", "verdict", "figures", "datasets", "note", "kind",
    "operationalisation", "threshold", "cannot_see", *RECORD_COLUMNS,
)  # fmt: skip
"""The columns of :attr:`ClaimChecks.frame` (see the module docstring)."""


def record_columns(finding: Finding) -> dict[str, Any]:
    """The decisive figure, its interval and the discrimination of ``finding`` as frame columns.

    ``figure`` is the margin the verdict reads (above zero: the claim), ``low``/``high`` its
    bootstrap interval at ``level`` over ``replicates`` draws of its ``n_units`` units;
    ``reference_set`` is the reference set with the highest share the rule also calls supported
    (``discrimination``), ``reference_figure`` that set's median of the figure.
    """
    band = finding.interval

    def num(value: float | None) -> float | None:
        return None if value is None or not math.isfinite(value) else round(float(value), 4)

    return {
        "figure": num(finding.figure),
        "figure_label": _(finding.figure_label) if finding.figure_label else None,
        "low": num(band.low) if band else None,
        "high": num(band.high) if band else None,
        "level": band.level if band else None,
        "replicates": band.replicates if band else None,
        "n_units": finding.n_units,
        "reference_set": finding.reference_set,
        "reference_figure": num(finding.reference_figure),
        "discrimination": num(finding.discrimination),
        "resampled": band.resampled if band else None,
    }


def check_functions() -> dict[str, str]:
    """Claim id (or check method name) → the dotted name of its registered function.

    What :func:`ujym.sources.casebook.validate_casebook` takes as ``checks`` to report a claim's
    ``check:`` block without a function, or a function without a ``check:`` block.
    """
    return registered().names()


def _check_since(
    since: int, runnable: list[Check], data: CheckData, spans: Mapping[str, tuple[int, int] | None]
) -> None:
    known = [s for c in runnable if c.datasets for s in [spans[c.claim]] if s is not None]
    if not known:
        return
    first = min(s[0] for s in known)
    last = max(s[1] for s in known)
    if not first <= since <= last:
        raise UjymError(
            _("year {year} is outside the data's coverage ({first}–{last})").format(
                year=since, first=first, last=last
            ),
            _("choose --since from {first} to {last}").format(first=first, last=last),
        )


def _run(check: Check, data: CheckData, window: Window, span: tuple[int, int] | None) -> Finding:
    try:
        if span is None:
            missing = [ds for ds in check.datasets if coverage(data, ds) is None]
            if missing:
                hint = data.fetch_hint.get(missing[0]) or fetch_hint(missing[0])
                raise DataNotAvailableError(f"dataset {missing[0]!r} is not available", hint)
        if span is not None and check.datasets and (window.end < span[0] or window.start > span[1]):
            return Finding(
                window, ClaimStatus.INSUFFICIENT_DATA, {},
                note=_("the data cover {first}–{last}").format(first=span[0], last=span[1]),
            )  # fmt: skip
        return check.run(data, window)
    except DataNotAvailableError as exc:
        return Finding(window, ClaimStatus.INSUFFICIENT_DATA, {}, note=exc.fix or str(exc))
    except UjymError as exc:  # e.g. a casebook without an actor the check needs
        return Finding(window, ClaimStatus.INSUFFICIENT_DATA, {}, note=str(exc))


# ---- for the brief ------------------------------------------------------------------------
@dataclass(frozen=True)
class ClaimVerdict:
    """A claim's verdicts by window, or why there is none, ready to print in a table cell."""

    claim: str
    windows: tuple[tuple[str, str, str], ...] = ()  # (window label, years, verdict)
    fix: str | None = None  # the command that imports the missing data
    reason: str | None = None  # not testable: the reason kind

    @property
    def text(self) -> str:
        """One line in the current interface language."""
        if self.reason is not None:
            label = VERDICT_LABELS[ClaimStatus.NOT_TESTABLE.value]
            return f"{_(label)}: {_(REASON_LABELS[self.reason])}"
        parts = [
            f"{years or _(WINDOW_LABELS.get(label, label))}: {_(VERDICT_LABELS[verdict])}"
            for label, years, verdict in self.windows
        ]
        if self.fix:
            parts.append(_("data missing: {fix}").format(fix=self.fix))
        return " · ".join(parts)


def claim_verdicts(
    casebook: Casebook, *, data: CheckData | None = None, today: date | None = None
) -> dict[str, ClaimVerdict]:
    """Every claim of ``casebook`` → its verdicts on the cached data, or why there is none."""
    result = check_claims(casebook=casebook, data=data, today=today)
    out: dict[str, ClaimVerdict] = {}
    for claim, group in result.frame.groupby("claim", sort=False):
        notes = [
            n
            for n, v in zip(group["note"], group["verdict"], strict=True)
            if v == ClaimStatus.INSUFFICIENT_DATA.value and is_fetch_hint(n)
        ]
        out[str(claim)] = ClaimVerdict(
            claim=str(claim),
            windows=tuple(
                (r.window, r.years, r.verdict)
                for r in group.itertuples()
                if not (r.verdict == ClaimStatus.INSUFFICIENT_DATA.value and is_fetch_hint(r.note))
            ),
            fix=notes[0] if notes else None,
        )
    for item in registry(casebook).values():
        if isinstance(item, NotTestable):
            out[item.claim] = ClaimVerdict(item.claim, reason=item.reason)
    return out


def claim_check_texts(casebook: Casebook, lang: str) -> dict[str, dict[str, str]]:
    """Each claim → how ujym checks it or why it does not, from its casebook block, in ``lang``.

    Keys: ``check`` (``data``, ``record``, ``not-testable`` or ``""`` for a claim without a
    block), ``reason`` (the not-testable reason kind), ``rule``, ``explanation`` and ``label``
    (one line for a table: the kind or reason, then the rule or the explanation).
    """
    language = resolve_language(lang)
    out: dict[str, dict[str, str]] = {}
    with use_language(language):
        for claim in casebook.claims:
            row = {"check": "", "reason": "", "rule": "", "explanation": "", "label": ""}
            if claim.check is not None:
                kind = claim.check.kind.value
                row |= {"check": kind, "rule": claim.check.rule[language]}
                row["label"] = f"{_(KIND_LABELS[kind])}: {row['rule']}"
            elif claim.not_testable is not None:
                reason = claim.not_testable.reason.value
                text = claim.not_testable.explanation[language]
                row |= {"check": "not-testable", "reason": reason, "explanation": text}
                label = _(VERDICT_LABELS[ClaimStatus.NOT_TESTABLE.value])
                row["label"] = f"{label}: {_(REASON_LABELS[reason])}. {text}"
            out[claim.id] = row
    return out


def not_testable(casebook: Casebook) -> list[NotTestable]:
    """The claims ujym cannot test, with the reason and the data that would be needed."""
    items = [c for c in registry(casebook).values() if isinstance(c, NotTestable)]
    return sorted(items, key=lambda c: int(c.claim[1:]))


__all__ = [
    "FRAME_COLUMNS",
    "KIND_LABELS",
    "RECORD_COLUMNS",
    "ClaimChecks",
    "ClaimVerdict",
    "check_claims",
    "check_functions",
    "claim_check_texts",
    "claim_verdicts",
    "coverage",
    "fetch_hint",
    "figure_name",
    "group_members",
    "is_fetch_hint",
    "load_check_data",
    "not_testable",
    "read_dataset",
    "record_columns",
    "resolve_claims",
]
