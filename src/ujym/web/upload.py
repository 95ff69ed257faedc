r"""A reader's own actor table, uploaded on the forecast page (``POST /forecast/upload``).

The request is checked before its body is read: it must come from the explorer's own form
(the form's address carries the server's token, which no other site can read, and a browser's
``Sec-Fetch-Site``/``Origin`` must not name another site), and its declared size must be within
:func:`max_upload_bytes`; the body is then read with that bound enforced as it arrives, parsed
(one file, a few fields) and the table read by the command line's reader
(:func:`ujym.sources.actor_table.parse_actor_table`), so a bad table gets the same one-line
message. Nothing is written to disk: the table is kept in memory under the sha256 of its bytes
(:class:`Tables`) for as long as the server runs, and the result's address names that hash, so
the address reproduces the forecast while the server runs.

Examples
--------
>>> tables = Tables()
>>> key = tables.add(b"actor,capability,position,salience\nA,1,0,50\nB,1,10,100\n", "t.csv")
>>> len(key), tables.get(key).title["en"]
(64, 'Actor table: t')
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import PurePosixPath, PureWindowsPath

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.types import Message

from ujym.core.errors import ExitCode, UjymError, UnknownCodeError
from ujym.core.scenarios import Scenario
from ujym.i18n import _
from ujym.sources.actor_table import parse_actor_table
from ujym.sources.limits import limit

WEB_MAX_TABLE_BYTES = 1024**2
"""The largest table the explorer accepts (bytes), unless ``UJYM_MAX_TABLE_BYTES`` is smaller:
a table of 2,000 actors with uncertainty columns is under 200 KB."""
FORM_OVERHEAD = 16 * 1024
"""Bytes of a form beyond its file: the multipart headers and the other fields."""
MAX_TABLES = 64
"""Uploaded tables kept at once (the oldest is dropped first)."""
FIELDS = ("lang", "runs", "seed", "preset", "rounds", "threshold", "stopping")
"""The form's fields besides the file (they become the result's address)."""


class RefusedError(UjymError):
    """A request the explorer does not serve: from another site, or too large."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, problem: str, fix: str, status: int) -> None:
        super().__init__(problem, fix)
        self.status = status


def max_upload_bytes() -> int:
    """:data:`WEB_MAX_TABLE_BYTES`, or ``UJYM_MAX_TABLE_BYTES`` when that is smaller."""
    return min(WEB_MAX_TABLE_BYTES, int(limit("UJYM_MAX_TABLE_BYTES")))


class Tables:
    """Uploaded actor tables as scenarios, by the sha256 of their bytes (in memory only)."""

    def __init__(self, most: int = MAX_TABLES) -> None:
        self.most = most
        self._tables: OrderedDict[str, Scenario] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, data: bytes, filename: str) -> str:
        """Read ``data`` with the command line's reader (one-line error when it is not a good
        table) and keep it; returns its key (the sha256 of the bytes, hex).
        """
        key = hashlib.sha256(data).hexdigest()
        with self._lock:
            if key in self._tables:
                self._tables.move_to_end(key)
                return key
        where = label(filename)
        scenario = parse_actor_table(data, where.rsplit(".", 1)[0] or "table", where)
        with self._lock:
            self._tables[key] = scenario
            while len(self._tables) > self.most:
                self._tables.popitem(last=False)
        return key

    def get(self, key: str) -> Scenario:
        """The table uploaded under ``key``; one line when this server does not hold it."""
        with self._lock:
            found = self._tables.get(key)
        if found is None:
            raise UnknownCodeError(
                _("this server does not hold the uploaded table {key}").format(key=key[:12]),
                _("upload the table again on the forecast page (tables are kept until the "
                  "server stops)"),
            )  # fmt: skip
        return found


def label(filename: str) -> str:
    r"""The uploaded file's name without any folder, as the table's name in messages (never used
    as a path); ``table.csv`` when it has none.

    >>> label("C:\\Users\\me\\actors.csv"), label("../../etc/passwd"), label("")
    ('actors.csv', 'passwd', 'table.csv')
    """
    name = PureWindowsPath(PurePosixPath(filename).name).name
    name = "".join(ch for ch in name if ch.isprintable())[:80].strip()
    return name or "table.csv"


def check_origin(request: Request, token: str) -> None:
    """Refuse (403) a POST that does not come from the explorer's own form."""
    refused = RefusedError(
        _("this form was not sent from the explorer's own page"),
        _("open the forecast page of the explorer and send the form from there"),
        403,
    )
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        raise refused
    origin = request.headers.get("origin")
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    if origin is not None and origin not in ("null", own):
        raise refused
    if not secrets.compare_digest(request.query_params.get("token", ""), token):
        raise refused


def _too_large(most: int) -> RefusedError:
    return RefusedError(
        _("the upload is larger than {n} bytes").format(n=most),
        _("upload a smaller table (the explorer's bound; the command line reads up to "
          "UJYM_MAX_TABLE_BYTES)"),
        413,
    )  # fmt: skip


async def read_form(request: Request) -> tuple[bytes, str, dict[str, str]]:
    """The uploaded file's bytes, its name and the other fields; the body is bounded before and
    while it is read.
    """
    most = max_upload_bytes()
    bound = most + FORM_OVERHEAD
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > bound):
        raise _too_large(most)
    seen = 0
    receive = request.receive

    async def bounded() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > bound:
            raise _too_large(most)
        return message

    limited = Request(request.scope, bounded)
    try:
        form = await limited.form(max_files=1, max_fields=len(FIELDS) + 2, max_part_size=bound)
    except UjymError:
        raise
    except Exception as exc:  # the multipart parser's own errors: a malformed form
        raise UjymError(
            _("the form could not be read ({problem})").format(problem=type(exc).__name__),
            _("send the forecast page's form with one CSV file"),
        ) from None
    upload = form.get("table")
    if not isinstance(upload, UploadFile):
        raise UjymError(_("no table was uploaded"), _("choose a CSV file, then run"))
    data = await upload.read(bound + 1)
    await form.close()
    if len(data) > most:
        raise _too_large(most)
    fields: Mapping[str, object] = form
    values = {k: str(fields[k]) for k in FIELDS if isinstance(fields.get(k), str)}
    return data, upload.filename or "", values


__all__ = [
    "MAX_TABLES",
    "WEB_MAX_TABLE_BYTES",
    "RefusedError",
    "Tables",
    "check_origin",
    "label",
    "max_upload_bytes",
    "read_form",
]
