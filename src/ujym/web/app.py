"""The explorer as a Starlette application: routes, formats and errors.

Every page is at an address whose query holds the whole view (``/alignment?state=KAZ&partners=
RUS,EU&years=1992-2013&lang=ru``), so a link reproduces it; the same address ending in ``.json``
or ``.csv`` gives the page's records (``?table=`` picks one of a page's tables), as the command
line writes them (:mod:`ujym.reports.records`). A request the explorer cannot serve gets a page
(or, at a data address, a JSON object) with the one-line message, never a stack trace. Rendered
pages and records are kept in memory until the cache changes (:mod:`ujym.web.memo`).

Examples
--------
>>> import httpx
>>> from ujym.web.server import running
>>> with running(lang="en") as url:
...     r = httpx.get(url + "/data?lang=ru")
...     r.status_code, r.headers["content-security-policy"].startswith("default-src 'none'")
(200, True)
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Awaitable, Callable
from typing import Any

from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ujym.core import Lang
from ujym.core.errors import DataNotAvailableError, UjymError, UnknownCodeError
from ujym.i18n import _, use_language
from ujym.reports.pages import environment
from ujym.reports.records import frame_bytes
from ujym.web import params as P
from ujym.web import views
from ujym.web.jobs import BusyError
from ujym.web.render import HEADERS, View, render
from ujym.web.upload import RefusedError, check_origin, max_upload_bytes, read_form

FORMATS = {"json": "application/json; charset=utf-8", "csv": "text/csv; charset=utf-8"}
MAX_QUERY = 2000
"""The longest query string the explorer reads (characters)."""

Handler = Callable[[views.Explorer, Request, dict[str, str]], View]


def _status(exc: UjymError) -> int:
    if isinstance(exc, RefusedError):
        return exc.status
    if isinstance(exc, BusyError):
        return 429
    if isinstance(exc, UnknownCodeError):
        return 404
    if isinstance(exc, DataNotAvailableError):
        return 503
    return 400


def _controls(template: str, lang: Lang, **values: Any) -> str:
    with use_language(lang):
        return environment(lang).get_template(f"web/{template}").render(lang=lang, **values)


def _split(name: str) -> tuple[str, str | None]:
    """``KAZ.json`` → (``KAZ``, ``json``); ``KAZ`` → (``KAZ``, None)."""
    stem, dot, ext = name.rpartition(".")
    if dot and ext in FORMATS:
        return stem, ext
    return name, None


# ---- the views, by route ------------------------------------------------------------------------
def _overview(ex: views.Explorer, request: Request, query: dict[str, str]) -> View:
    return views.overview(ex)


def _data(ex: views.Explorer, request: Request, query: dict[str, str]) -> View:
    return views.data_status(ex)


def _alignment(ex: views.Explorer, request: Request, query: dict[str, str]) -> View:
    p = P.alignment_params(query)
    controls = _alignment_form("/alignment", p, query, states=True)
    return views.alignment(ex, p, controls)


def _alignment_form(action: str, p: dict[str, Any], query: dict[str, str], *, states: bool) -> str:
    from ujym.i18n import get_language

    lang = get_language()
    return _controls(
        "form_alignment.html.j2",
        lang,
        action=action,
        p=p,
        years_text=query.get("years", ""),
        issue_text=",".join(p["issues"]),
        with_state=states,
        states=views.state_choices(),
        measures=views.measure_choices(),
        issues=[(code, _(P.ISSUE_TEXT[code])) for code in P.ISSUES],
    )


def _member(ex: views.Explorer, request: Request, query: dict[str, str]) -> View:
    actor = request.path_params["actor"]
    p = P.alignment_params({**query, "state": actor})
    controls = _alignment_form(f"/member/{actor}", p, query, states=False)
    return views.member(ex, actor, p, controls)


def _claim(ex: views.Explorer, request: Request, query: dict[str, str]) -> View:
    return views.claim(ex, request.path_params["claim"])


def _ideal(ex: views.Explorer, request: Request, query: dict[str, str]) -> View:
    from ujym.i18n import get_language

    p = P.ideal_params(query)
    controls = _controls("form_ideal.html.j2", get_language(), states=",".join(p["states"]))
    return views.ideal(ex, p, controls)


def _forecast(ex: views.Explorer, request: Request, query: dict[str, str]) -> View:
    from ujym.i18n import get_language

    lang = get_language()
    p = P.forecast_params(query, max_runs=ex.max_runs)
    p["query"] = p["query"] + f"&lang={lang}"
    controls = _controls(
        "form_forecast.html.j2",
        lang,
        p=p,
        scenarios=views.scenario_titles(lang),
        max_runs=ex.max_runs,
        presets=P.PRESETS,
        threshold_text=query.get("threshold", ""),
        token=ex.token,
        upload_bytes=max_upload_bytes(),
    )
    return views.forecast(ex, p, controls)


PAGES: dict[str, Handler] = {
    "overview": _overview,
    "data": _data,
    "alignment": _alignment,
    "member": _member,
    "claim": _claim,
    "ideal": _ideal,
    "forecast": _forecast,
}


# ---- responses --------------------------------------------------------------------------------
def _error_page(message: str, status: int, lang: Lang, path: str, query: dict[str, str]) -> str:
    with use_language(lang):
        view = View(
            name="error",
            title=_("Error"),
            template="error.html.j2",
            context={"message": message, "home": f"/?lang={lang}"},
            status=status,
        )
        return render(view, lang=lang, path=path, query=query)


def _records(view: View, fmt: str, table: str | None) -> bytes:
    if not view.frames:
        raise UnknownCodeError(_("this page has no table of data"), _("open the page itself"))
    name = table or next(iter(view.frames))
    if name not in view.frames:
        raise UnknownCodeError(
            _("unknown table {name!r}").format(name=name),
            _("use one of: {names}").format(names=", ".join(view.frames)),
        )
    return frame_bytes(view.frames[name], fmt)


def create_app(*, lang: Lang = "en", explorer: views.Explorer | None = None) -> Starlette:
    """The explorer application: pages in ``lang`` unless a request asks ``?lang=``.

    ``explorer`` holds the memo and the job runner (one is made when not given; tests and the
    benchmark pass their own to read what was computed).
    """
    ex = explorer or views.Explorer()

    def respond(name: str, request: Request, fmt: str | None) -> Response:
        query = dict(request.query_params)
        path = request.url.path.removesuffix(f".{fmt}") if fmt else request.url.path
        chosen = lang
        try:
            if len(request.url.query) > MAX_QUERY:
                raise UjymError(
                    _("the address is too long"),
                    _("give at most {n} characters after ?").format(n=MAX_QUERY),
                )
            chosen = P.language(query, lang)
            with use_language(chosen):
                key = _key(ex, name, request, fmt)
                hit = ex.memo.peek(key)
                if hit is not None:
                    return _response(hit, request)
                view = PAGES[name](ex, request, query)
                if fmt is not None:
                    body = _records(view, fmt, query.get("table"))
                    out = Rendered(body, 200, FORMATS[fmt])
                else:
                    html = render(view, lang=chosen, path=path, query=query)
                    out = Rendered(html.encode(), view.status, "text/html; charset=utf-8")
                if view.refresh is None and view.status == 200:
                    ex.memo.get(key, lambda: out)
                return _response(out, request)
        except UjymError as exc:
            return _failure(str(exc), _status(exc), chosen, path, query, fmt)
        except Exception as exc:
            message = _("the explorer failed on this request ({problem})").format(
                problem=type(exc).__name__
            )
            return _failure(message, 500, chosen, path, query, fmt)

    def page(name: str) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            fmt = None
            if name in ("member", "claim"):
                key = "actor" if name == "member" else "claim"
                request.path_params[key], fmt = _split(request.path_params[key])
            elif request.path_params.get("fmt"):
                fmt = request.path_params["fmt"]
                if fmt not in FORMATS:
                    return await not_found(request)
            hit = ex.memo.peek(_key(ex, name, request, fmt))  # served without a thread hop
            if hit is not None:
                return _response(hit, request)
            return await run_in_threadpool(respond, name, request, fmt)

        return endpoint

    async def cancel(request: Request) -> Response:
        query = dict(request.query_params)
        chosen = lang
        try:
            chosen = P.language(query, lang)
            with use_language(chosen):
                check_origin(request, ex.token)
                p = P.forecast_params(query, max_runs=ex.max_runs)
            ex.runner.cancel(views.forecast_key(p))
        except UjymError as exc:
            return _failure(str(exc), _status(exc), chosen, "/forecast", query, None)
        return RedirectResponse(f"/forecast?{p['query']}&lang={chosen}", status_code=303)

    async def upload(request: Request) -> Response:
        """An actor table from the forecast page's form: kept under its hash, then the
        forecast's address (which starts the run through the job runner).
        """
        query = dict(request.query_params)
        chosen = lang
        try:
            chosen = P.language(query, lang)
            with use_language(chosen):
                check_origin(request, ex.token)  # before the body is read
                data, filename, fields = await read_form(request)
                chosen = P.language(fields, chosen)
            with use_language(chosen):
                key = await run_in_threadpool(ex.tables.add, data, filename)
                p = P.forecast_params({**fields, "upload": key}, max_runs=ex.max_runs)
        except UjymError as exc:
            return _failure(str(exc), _status(exc), chosen, "/forecast", query, None)
        return RedirectResponse(f"/forecast?{p['query']}&run=1&lang={chosen}", status_code=303)

    async def not_found(request: Request, exc: Exception | None = None) -> Response:
        query = dict(request.query_params)
        try:
            chosen = P.language(query, lang)
        except UjymError:
            chosen = lang
        with use_language(chosen):
            message = _("there is no page at this address") + " — " + _("start from the overview")
        return _failure(message, 404, chosen, "/", {}, None)

    routes = [Route("/", page("overview"))]
    for name in ("data", "alignment", "ideal", "forecast"):
        routes.append(Route(f"/{name}", page(name)))
        routes.append(Route(f"/{name}.{{fmt}}", page(name)))
    routes += [
        Route("/member/{actor}", page("member")),
        Route("/claim/{claim}", page("claim")),
        Route("/forecast/cancel", cancel, methods=["POST"]),
        Route("/forecast/upload", upload, methods=["POST"]),
        Route("/index.{fmt}", page("overview")),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={404: not_found, 405: not_found},
        middleware=[Middleware(SecurityHeaders)],
    )
    app.state.explorer = ex
    return app


_RAW_HEADERS = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in HEADERS.items()]
_OURS = frozenset(k for k, _v in _RAW_HEADERS)


class SecurityHeaders:
    """ASGI middleware: :data:`~ujym.web.render.HEADERS` on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to the response's start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                # the response's own headers, less any of ours, then ours (encoded once)
                own = [(k, v) for k, v in message.get("headers", ()) if k not in _OURS]
                message["headers"] = own + _RAW_HEADERS
            await send(message)

        await self.app(scope, receive, sending)


def _key(ex: views.Explorer, name: str, request: Request, fmt: str | None) -> tuple[Any, ...]:
    """The memo key of a response: the page, its path, format and query (language included);
    a member page also changes when the ideal points are ready.
    """
    ready = name == "member" and ex.runner.result(views.IDEAL_KEY) is not None
    return ("response", name, request.url.path, fmt, request.url.query, ready)


GZIP_MIN = 1400
"""Bodies at least this long (about one TCP segment) are sent gzipped to clients that accept it."""


class Rendered:
    """A response's bytes as kept in the memo, with their gzip made once, when first asked."""

    __slots__ = ("_gzip", "body", "media", "status")

    def __init__(self, body: bytes, status: int, media: str) -> None:
        self.body, self.status, self.media = body, status, media
        self._gzip: bytes | None = None

    def gzipped(self) -> bytes:
        """The body gzipped (level 6), computed on the first call only."""
        if self._gzip is None:
            self._gzip = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gzip


def _response(out: Rendered, request: Request) -> Response:
    if len(out.body) >= GZIP_MIN and "gzip" in request.headers.get("accept-encoding", ""):
        headers = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        return Response(out.gzipped(), out.status, headers=headers, media_type=out.media)
    return Response(out.body, status_code=out.status, media_type=out.media)


def _failure(
    message: str, status: int, lang: Lang, path: str, query: dict[str, str], fmt: str | None
) -> Response:
    if fmt is not None:
        body = json.dumps({"error": message}, ensure_ascii=False).encode()
        return Response(body, status_code=status, media_type=FORMATS["json"])
    return HTMLResponse(_error_page(message, status, lang, path, query), status_code=status)


__all__ = ["FORMATS", "MAX_QUERY", "Markup", "create_app"]
