"""The explorer's views: each calls the pipeline (never re-implementing analysis) and hands the
records and page values to :func:`ujym.web.render.render`.

Every view takes the :class:`Explorer` (the in-process memo and the job runner) and the view's
parameters, already checked (:mod:`ujym.web.params`), and runs in the reader's language. Where a
part of a page needs data that are not in the cache, that part says so with the command that
imports them, and the rest of the page is shown.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
from markupsafe import Markup

from ujym.core import Casebook, Lang
from ujym.core.errors import UjymError
from ujym.core.provenance import Provenance, Unit, attach
from ujym.i18n import N_, _, format_number, get_language
from ujym.reports.labels import MEASURE_LABELS, measure_label, partner_label, state_label
from ujym.reports.pages import build_page, render_page
from ujym.web.jobs import Runner
from ujym.web.memo import Memo
from ujym.web.render import View
from ujym.web.upload import Tables

VERDICT_CLASS = {"supported": "supported", "contradicted": "contradicted", "mixed": "mixed"}


@dataclass
class Explorer:
    """What the views share: the memo of computed values and the job runner, and the limits."""

    memo: Memo = field(default_factory=Memo)
    runner: Runner = field(init=False)
    max_runs: int = 5000
    job_seconds: float = 300.0
    tables: Tables = field(default_factory=Tables)
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    """Carried by the explorer's own POST forms: no other site can read it (CSRF)."""
    model_ready: bool = False
    """A forecast has run in this process (the bargaining kernels are compiled or loaded)."""

    def __post_init__(self) -> None:
        self.runner = Runner(self.memo)

    def cached(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per key until the cache changes."""
        return self.memo.get(key, compute)


# ---- shared values ----------------------------------------------------------------------------
def casebook() -> Casebook:
    """The casebook the explorer shows (``--casebook`` / ``UJYM_CASEBOOK``, else the shipped one)."""
    from ujym.sources.casebook import load_casebook

    return load_casebook()


def verdicts(ex: Explorer) -> Mapping[str, Any]:
    """Every claim → its :class:`~ujym.pipeline.checks.ClaimVerdict` on the cached data."""
    from ujym.pipeline.checks import claim_verdicts

    return ex.cached(("verdicts",), lambda: claim_verdicts(casebook())) or {}


def checks(ex: Explorer, claims: tuple[str, ...] | None, lang: Lang) -> Any:
    """:func:`~ujym.pipeline.checks.check_claims` of ``claims`` (None: all) in ``lang``."""
    from ujym.pipeline.checks import check_claims

    return ex.cached(
        ("checks", claims, lang), lambda: check_claims(list(claims) if claims else None, lang=lang)
    )


def verdict_text(verdict: str) -> str:
    """A verdict value in the reader's language."""
    from ujym.pipeline.checks import VERDICT_LABELS

    return _(VERDICT_LABELS.get(verdict, verdict))


def _unavailable(exc: UjymError) -> str:
    return str(exc)


# ---- overview ---------------------------------------------------------------------------------
def overview(ex: Explorer) -> View:
    """The article in a paragraph, its regularities, its members and the verdicts at a glance."""
    lang = get_language()
    cb = casebook()
    art = cb.article
    subject = cb.actor(art.subject)
    found = verdicts(ex)
    claims = []
    for c in sorted(cb.claims, key=lambda c: c.number):
        v = found.get(c.id)
        claims.append(
            {
                "id": c.id,
                "text": c.text[lang],
                "cite": c.cite.label(),
                "verdict": v.text if v is not None else verdict_text("unchecked"),
                "href": f"/claim/{c.id}?lang={lang}",
            }
        )
    regularities = [
        {
            "number": r.number,
            "text": r.text[lang],
            "cite": r.cite.label(),
            "claims": [(cid, f"/claim/{cid}?lang={lang}") for cid in r.claims],
        }
        for r in cb.regularities
    ]
    members = [(a.short[lang], f"/member/{a.id}?lang={lang}") for a in cb.members]
    result = checks(ex, None, lang)
    return View(
        name="overview",
        title=art.source.title[lang],
        template="overview.html.j2",
        context={
            "organisation": subject.names[lang],
            "article_title": art.source.title[lang],
            "members": members,
            "regularities": regularities,
            "claims": claims,
            "n_claims": len(claims),
            "window": art.window,
        },
        provenance=(Provenance(Unit.CLAIM_WINDOW, casebook=True), *_provenance(result.frame)),
        casebook=cb,
        frames={"checks": result.frame},
    )


def _provenance(df: pd.DataFrame) -> tuple[Provenance, ...]:
    from ujym.core.errors import WrongUnitError
    from ujym.core.provenance import provenance_of

    try:
        return (provenance_of(df),)
    except WrongUnitError:
        return ()


# ---- alignment --------------------------------------------------------------------------------
def profile(ex: Explorer, params: Mapping[str, Any]) -> pd.DataFrame:
    """:func:`~ujym.pipeline.dyads.alignment_profile` for ``params`` (memoised)."""
    from ujym.pipeline.dyads import alignment_profile

    key = ("profile", *sorted((k, str(v)) for k, v in params.items()))
    return ex.cached(
        key,
        lambda: alignment_profile(
            params["state"],
            list(params["partners"]),
            measure=params["measure"],
            years=params["years"],
            issues=list(params["issues"]) or None,
            min_rollcalls=params["min_rollcalls"],
        ),
    )


def alignment_part(ex: Explorer, params: Mapping[str, Any]) -> tuple[pd.DataFrame | None, Any]:
    """The profile and the ``alignment`` page builder's content (figure, rows), or the one-line
    reason there is none (no votes cached, no roll calls in common).
    """
    from ujym.sources.codes import resolve_state

    try:
        df = profile(ex, params)
        _ctx, content = build_page(
            "alignment",
            lang=get_language(),
            profile=df,
            state=resolve_state(params["state"]).ccode,
            partners=list(params["partners"]),
            measure=params["measure"],
        )
    except UjymError as exc:
        return None, _unavailable(exc)
    return df, content


def alignment(ex: Explorer, params: Mapping[str, Any], controls: str) -> View:
    """The alignment explorer: a state against states or groups, a measure, years, issues."""
    from ujym.sources.codes import resolve_state

    lang = get_language()
    key = ("alignment-page", lang, *sorted((k, str(v)) for k, v in params.items()))

    def build() -> tuple[pd.DataFrame, str, str]:
        df = profile(ex, params)
        page = render_page(
            "alignment",
            lang=lang,
            profile=df,
            state=resolve_state(params["state"]).ccode,
            partners=list(params["partners"]),
            measure=params["measure"],
        )
        return df, page.fragment, page.title

    df, fragment, title = ex.cached(key, build)
    return View(
        name="alignment",
        title=title,
        fragment=fragment,
        frames={"alignment": df},
        controls=controls,
    )


# ---- member -----------------------------------------------------------------------------------
def member(ex: Explorer, actor_id: str, params: Mapping[str, Any], controls: str) -> View:
    """One member: alignment with partners, ideal point, capability share, memberships, claims."""
    from ujym.core.errors import UnknownCodeError
    from ujym.pipeline.memberships import actor_memberships, as_given
    from ujym.web.timeline import COLOURS, timeline_svg

    lang = get_language()
    cb = casebook()
    actor = cb.actor(actor_id)
    if actor.codes is None:
        raise UnknownCodeError(
            _("{actor} is not a state").format(actor=actor.short[lang]),
            _("open a member state from the overview"),
        )
    ccode = actor.codes.ccode
    frames: dict[str, pd.DataFrame] = {}
    prov: list[Provenance] = [Provenance(Unit.MEMBERSHIP_PERIOD, casebook=True)]

    df, content = alignment_part(ex, {**params, "state": actor.id})
    figure: Markup | None = None
    rows: list[Any] = []
    partners: list[str] = []
    problem = None
    if df is None:
        problem = content
    else:
        frames["alignment"] = df
        prov.extend(_provenance(df))
        figure = Markup(content.figures["alignment-chart"].svg(prefix="alignment-chart"))
        rows = list(content.context["rows"])
        partners = list(content.context["partners"])

    memberships = actor_memberships(actor.id, casebook=cb)
    frames["memberships"] = memberships
    organisations = []
    names: dict[str, str] = {}
    for r in memberships.itertuples():
        try:
            org = cb.actor(r.organisation).short[lang]
        except UjymError:
            org = r.organisation
        names[r.organisation] = org
        organisations.append(
            {
                "organisation": org,
                "status": _(STATUS_TEXT.get(r.status, r.status)),
                "start": as_given(r.start, r.start_precision) or "—",
                "end": as_given(r.end, r.end_precision) or "—",
                "citation": r.citation,
            }
        )
    statuses = {k: _(v) for k, v in STATUS_TEXT.items()}
    timeline = timeline_svg(
        memberships,
        names,
        statuses,
        title=_("Memberships of {actor} over the years").format(actor=actor.short[lang]),
    )
    legend = [
        (statuses.get(s, s), COLOURS.get(s, "#555555"))
        for s in dict.fromkeys(memberships["status"])
    ]

    capability, cap_problem = capability_share(ex, cb, ccode)
    if capability is not None:
        frames["capabilities"] = capability["frame"]
        prov.extend(_provenance(capability["frame"]))

    ideal_rows, ideal_problem = ideal_of(ex, ccode)
    found = verdicts(ex)
    claims = [
        {
            "id": c.id,
            "text": c.text[lang],
            "verdict": found[c.id].text if c.id in found else verdict_text("unchecked"),
            "href": f"/claim/{c.id}?lang={lang}",
        }
        for c in cb.claims
        if actor.id in c.subjects
    ]
    return View(
        name="member",
        title=actor.names[lang],
        template="member.html.j2",
        context={
            "actor": actor,
            "name": actor.names[lang],
            "figure": figure,
            "rows": rows,
            "partners": partners,
            "measure": measure_label(params["measure"]),
            "alignment_problem": problem,
            "organisations": organisations,
            "timeline": timeline,
            "legend": legend,
            "capability": capability,
            "capability_problem": cap_problem,
            "ideal_rows": ideal_rows,
            "ideal_problem": ideal_problem,
            "ideal_href": f"/ideal?states={actor.id}&lang={lang}",
            "claims": claims,
        },
        provenance=tuple(prov),
        casebook=cb,
        frames=frames,
        controls=controls,
    )


STATUS_TEXT = {
    "member": N_("member"),
    "observer": N_("observer"),
    "partner": N_("partner"),
    "suspended": N_("suspended"),
    "withdrawn": N_("withdrawn"),
}


def capability_share(
    ex: Explorer, cb: Casebook, ccode: int
) -> tuple[dict[str, Any] | None, str | None]:
    """The state's share of its organisation's capabilities in the last year of the data."""
    from ujym.pipeline.capabilities import group_capabilities
    from ujym.sources.groups import parse_spec

    try:
        frame, conc = ex.cached(
            ("capabilities", cb.article.subject),
            lambda: group_capabilities(parse_spec(cb.article.subject)),
        )
    except UjymError as exc:
        return None, _unavailable(exc)
    mine = frame[frame["ccode"] == ccode]
    if mine.empty:
        return None, _("not a member of {organisation} in {year}").format(
            organisation=cb.actor(cb.article.subject).short[get_language()], year=conc["year"]
        )
    row = mine.iloc[0]
    share = row["share_cinc"]
    return {
        "frame": frame,
        "year": conc["year"],
        "share": None if pd.isna(share) else float(share),
        "rank": None if pd.isna(row["rank_cinc"]) else int(row["rank_cinc"]),
        "n": int(conc["n_members"]),
        "organisation": cb.actor(cb.article.subject).short[get_language()],
    }, None


# ---- ideal points -----------------------------------------------------------------------------
IDEAL_KEY = ("ideal-points",)


def start_ideal(ex: Explorer, retry: bool = False) -> Any:
    """The ideal points when computed, else start computing them (a background job); a job
    that failed or was stopped is started again only when ``retry``.
    """
    from ujym.pipeline.ideal import estimate_ideal_points

    done = ex.runner.result(IDEAL_KEY)
    if done is not None:
        return done
    job = ex.runner.job(IDEAL_KEY)
    if retry and job is not None and job.error is not None:
        ex.runner.forget(IDEAL_KEY)
        job = None
    if job is None or job.error is None:
        ex.runner.start(
            IDEAL_KEY,
            lambda progress: estimate_ideal_points(progress=progress),
            limit=ex.job_seconds,
        )
    return None


def ideal_of(ex: Explorer, ccode: int) -> tuple[list[dict[str, str]], str | None]:
    """A state's ideal points with their 95 % band by year, when computed (else why not)."""
    df = ex.runner.result(IDEAL_KEY)
    if df is None:
        return [], _("the ideal points are not computed yet: open the ideal-points page")
    mine = df[df["ccode"] == ccode].sort_values("year", ascending=False).head(12)
    rows = []
    for r in mine.itertuples():
        point = "" if pd.isna(r.ideal_point) else format_number(float(r.ideal_point), 2)
        band = (
            ""
            if pd.isna(r.lower)
            else f"{format_number(float(r.lower), 2)} … {format_number(float(r.upper), 2)}"
        )
        rows.append({"year": str(int(r.year)), "point": point, "band": band, "n": str(r.n_votes)})
    return rows, None


def ideal(ex: Explorer, params: Mapping[str, Any], controls: str) -> View:
    """Ideal points of the organisation's members beside chosen states, with bands."""
    from ujym.sources.codes import resolve_state

    lang = get_language()
    df = start_ideal(ex, params.get("retry", False))
    if df is None:
        retry = f"/ideal?retry=1&lang={get_language()}"
        return waiting(ex, "ideal", IDEAL_KEY, _("Ideal points"), controls, retry)
    codes = tuple(resolve_state(s).ccode for s in params["states"])
    key = ("ideal-page", lang, codes)

    def build() -> tuple[str, str, pd.DataFrame]:
        from ujym.reports.ideal import group_members

        page = render_page("ideal", lang=lang, ideal=df, comparison=codes)
        cb = casebook()
        members = [c for c, _aid in group_members(cb, cb.article.subject, int(df["year"].max()))]
        chosen = df[df["ccode"].isin([*members, *codes])].reset_index(drop=True)
        return page.fragment, page.title, attach(chosen, _prov_of(df))

    fragment, title, chosen = ex.cached(key, build)
    return View(
        name="ideal", title=title, fragment=fragment, frames={"ideal": chosen}, controls=controls
    )


def _prov_of(df: pd.DataFrame) -> Provenance:
    from ujym.core.provenance import provenance_of

    return provenance_of(df)


def waiting(
    ex: Explorer,
    name: str,
    key: Hashable,
    title: str,
    controls: str,
    retry: str = "",
    preparing: bool = False,
) -> View:
    """The page of a running (or failed) computation: its progress; it reloads itself.
    ``retry`` is the address that starts a failed or stopped computation again; ``preparing``
    says the model is being prepared (compiled) before its first report of progress.
    """
    job = ex.runner.job(key)
    error = job.error if job is not None else None
    preparing = preparing and job is not None and job.total == 0
    return View(
        name=name,
        title=title,
        template="waiting.html.j2",
        context={
            "heading": title,
            "done": job.done if job else 0,
            "total": job.total if job else 0,
            "seconds": format_number(job.seconds, 0) if job else "0",
            "error": error,
            "running": job is not None and error is None,
            "retry": retry,
            "preparing": preparing,
        },
        refresh=None if error else 2,
        controls=controls,
        status=200,
    )


# ---- forecasts --------------------------------------------------------------------------------
def forecast(ex: Explorer, params: Mapping[str, Any], controls: str) -> View:
    """A bargaining forecast of a shipped scenario: run in the background, then its report."""
    from ujym.engines.bargaining import preset
    from ujym.pipeline.bargaining import simulate_bargaining

    lang = get_language()
    if not params.get("run"):
        return View(
            name="forecast",
            title=_("Forecasts"),
            template="forecast_form.html.j2",
            context={"scenarios": scenario_titles(lang), "max_runs": ex.max_runs},
            controls=controls,
        )
    key = forecast_key(params)
    if params.get("upload"):
        ex.tables.get(params["upload"])  # one line when this server does not hold it
    result = ex.runner.result(key)
    if result is None:
        job = ex.runner.job(key)
        if params.get("retry") and job is not None and job.error is not None:
            ex.runner.forget(key)
            job = None
        if job is None or (job.error is None and not job.finished.is_set()):
            options = preset(params["preset"], stopping=params["stopping"], rounds=params["rounds"])
            scenario = (
                ex.tables.get(params["upload"]) if params.get("upload") else params["scenario"]
            )
            ex.runner.start(
                key,
                lambda progress: simulate_bargaining(
                    scenario,
                    runs=params["runs"],
                    seed=params["seed"],
                    options=options,
                    threshold=params["threshold"],
                    chunk_runs=100,
                    progress=progress,
                ),
                limit=ex.job_seconds,
            )
        retry = f"/forecast?{params['query']}&run=1&retry=1"
        view = waiting(ex, "forecast", key, _("Forecasts"), controls, retry, not ex.model_ready)
        cancel = (
            f'<form class="inline" method="post" '
            f'action="/forecast/cancel?{params["query"]}&amp;token={ex.token}">'
            f'<button type="submit" id="cancel">{Markup.escape(_("Cancel"))}</button></form>'
        )
        return replace(view, context={**view.context, "cancel": Markup(cancel)})
    ex.model_ready = True
    page_key = ("forecast-page", lang, key)
    fragment, title = ex.cached(page_key, lambda: _forecast_fragment(result, lang))
    if params.get("upload"):
        note = _(
            "Forecast of an uploaded table (sha256 {key}…). This server keeps the table in "
            "memory until it stops: while it runs, this address shows the same result; after "
            "a restart, upload the table again."
        ).format(key=params["upload"][:12])
        fragment = f'<p class="meta" id="upload-note">{Markup.escape(note)}</p>\n' + fragment
    return View(
        name="forecast",
        title=title,
        fragment=fragment,
        frames={
            "rounds": result.rounds,
            "runs": result.forecast,
            "sensitivity": result.sensitivity,
        },
        controls=controls,
    )


def forecast_key(params: Mapping[str, Any]) -> tuple[Any, ...]:
    """The job key of a forecast: the parameters that change its result."""
    from ujym.web.params import NOT_IN_KEY

    return ("forecast", *sorted((k, str(v)) for k, v in params.items() if k not in NOT_IN_KEY))


def _forecast_fragment(result: Any, lang: Lang) -> tuple[str, str]:
    page = render_page("forecast", lang=lang, result=result)
    return page.fragment, page.title


def scenario_titles(lang: Lang) -> list[tuple[str, str]]:
    """(name, title in ``lang``) of every shipped scenario."""
    from ujym.sources.scenarios import load_scenario, shipped_scenarios

    out = []
    for name in shipped_scenarios():
        try:
            out.append((name, load_scenario(name).title[lang]))
        except UjymError:
            continue
    return out


# ---- claims -----------------------------------------------------------------------------------
FIGURE_COLUMNS = (
    "figure", "figure_label", "low", "high", "level", "replicates", "n_units", "reference_set",
    "reference_figure", "discrimination",
)  # fmt: skip
"""Columns the claim checks' records gain (issue 10); read with tolerance until they land."""


def claim(ex: Explorer, claim_id: str) -> View:
    """One claim: its text and lines of the article, the rule, the checks' records."""
    from ujym.pipeline.checks import WINDOW_LABELS, claim_check_texts

    lang = get_language()
    cb = casebook()
    c = cb.claim(claim_id)
    texts = claim_check_texts(cb, lang)[c.id]
    result = checks(ex, (c.id,), lang)
    sets = c.check.reference_names(lang) if c.check else {}
    records = []
    for r in result.frame.to_dict(orient="records"):
        figures = json.loads(r["figures"]) if r["figures"] else {}
        extra = {k: r.get(k) for k in FIGURE_COLUMNS if r.get(k) is not None}
        if "reference_set" in extra:  # the set as the claim names it (its id in the JSON)
            extra["reference_set"] = sets.get(str(extra["reference_set"]), extra["reference_set"])
        records.append(
            {
                "window": _(WINDOW_LABELS.get(r["window"], r["window"])),
                "years": r["years"],
                "verdict": verdict_text(r["verdict"]),
                "verdict_class": VERDICT_CLASS.get(r["verdict"], ""),
                "figures": [(k, _figure_text(v)) for k, v in figures.items()],
                "extra": [(k, _figure_text(v)) for k, v in extra.items()],
                "datasets": r["datasets"],
                "note": r["note"],
            }
        )
    regularities = [r.number for r in cb.regularities if c.id in r.claims]
    subjects = []
    for s in c.subjects:
        try:
            a = cb.actor(s)
        except UjymError:
            continue
        href = f"/member/{a.id}?lang={lang}" if a in cb.members else None
        subjects.append((a.short[lang], href))
    return View(
        name="claim",
        title=_("Claim {claim}").format(claim=c.id),
        template="claim.html.j2",
        context={
            "claim": c,
            "text": c.text[lang],
            "cite": c.cite.label(),
            "lines": article_lines(cb, c.cite.lines),
            "texts": texts,
            "records": records,
            "regularities": regularities,
            "subjects": subjects,
            "untestable": [
                (item.explanation[lang] if item.explanation else "; ".join(item.needed))
                for item in result.not_testable
            ],
        },
        provenance=(Provenance(Unit.CLAIM_WINDOW, casebook=True), *_provenance(result.frame)),
        casebook=cb,
        frames={"checks": result.frame},
    )


def _figure_text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return "—" if value is None else str(value)
    if isinstance(value, (int, float)):
        return format_number(value, 3) if value == value else "—"
    return str(value)


def article_lines(cb: Casebook, ranges: Any) -> str | None:
    """The article's text of ``ranges`` when the seed article is at hand (``UJYM_SEED``) and
    is the casebook's (same sha256); else None (the article is not shipped, decision 0002).
    """
    from ujym.sources.seed import find_seed, read_seed

    path = find_seed(None)
    if path is None or not os.path.isfile(path):
        return None
    try:
        seed = read_seed(path)
    except (UjymError, OSError, UnicodeDecodeError):
        return None
    if seed.sha256 != cb.article.sha256:
        return None
    try:
        return " … ".join(seed.span(r) for r in ranges)
    except IndexError:
        return None


# ---- data status ------------------------------------------------------------------------------
def commands(dataset_id: str, downloadable: bool) -> list[str]:
    """The commands that put ``dataset_id`` in the cache (download first when it can be)."""
    out = [f"ujym data import {dataset_id} FILE"]
    return [f"ujym data pull {dataset_id}", *out] if downloadable else out


def data_status(ex: Explorer) -> View:
    """What is cached (version, when, size), citations, and the command for what is missing."""
    from ujym.sources.datasets import status

    rows = []
    for item in status():
        ds = item.dataset
        m = item.cached.manifest if item.cached else None
        rows.append(
            {
                "id": ds.id,
                "title": ds.title,
                "cached": m is not None,
                "version": m.version if m else "",
                "imported_at": m.imported_at if m else "",
                "origin": m.origin if m else "",
                "citation": ds.citation,
                "licence": ds.licence,
                "command": "" if m else "; ".join(commands(ds.id, ds.downloadable)),
            }
        )
    frame = attach(
        pd.DataFrame(rows),
        Provenance(
            Unit.TABLE,
            columns={
                "id": "catalog id",
                "cached": "whether the dataset is in the cache",
                "version": "version of the cached copy",
                "imported_at": "when it was imported or downloaded (UTC)",
                "command": "the command that gets it (when it is not cached)",
            },
        ),
    )
    from ujym.sources import cache

    return View(
        name="data",
        title=_("Data status"),
        template="data.html.j2",
        context={
            "rows": rows,
            "n_cached": sum(r["cached"] for r in rows),
            "folder": str(cache.data_dir()),
        },
        frames={"datasets": frame},
    )


def measure_choices() -> list[tuple[str, str]]:
    """(id, label in the reader's language) of every alignment measure."""
    return [(m, measure_label(m)) for m in MEASURE_LABELS]


def partner_choices(codes: tuple[str, ...]) -> list[tuple[str, str]]:
    """(code, label) of partners as typed."""
    return [(c, partner_label(c)) for c in codes]


def state_choices() -> list[tuple[str, str]]:
    """(ISO3, name) of the states in the casebook, in the reader's language."""
    lang = get_language()
    cb = casebook()
    return sorted(
        ((a.id, a.short[lang]) for a in cb.actors if a.codes is not None), key=lambda x: x[1]
    )


__all__ = [
    "Explorer",
    "alignment",
    "claim",
    "data_status",
    "forecast",
    "ideal",
    "member",
    "overview",
    "state_label",
]
