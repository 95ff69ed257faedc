"""Run the explorer with uvicorn on a socket ujym binds itself (so port 0 picks a free port
and the address printed is the one served).

Examples
--------
>>> with running(lang="en") as url:                     # doctest: +SKIP
...     httpx.get(url + "/data").status_code
200
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from ujym.core import Lang
from ujym.core.errors import UjymError
from ujym.i18n import _
from ujym.web.app import create_app
from ujym.web.views import Explorer

LOOPBACK = "127.0.0.1"


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host``:``port`` (one-line error when it cannot be bound)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named, not 0: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on
    # sockets whose protocol says TCP; with it on, each keep-alive response waits ~40 ms
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise UjymError(
            _("cannot listen on {host}:{port} ({problem})").format(
                host=host, port=port, problem=exc.strerror or exc
            ),
            _("choose another --port, or stop what uses it"),
        ) from None
    sock.listen(128)
    return sock


def address(sock: socket.socket) -> str:
    """The http address a bound socket serves."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def server(lang: Lang, explorer: Explorer | None = None, **config: Any) -> uvicorn.Server:
    """A uvicorn server of the explorer (no access log: the terminal shows the address only)."""
    app = create_app(lang=lang, explorer=explorer)
    settings = {
        "log_level": "warning",
        "access_log": False,
        "lifespan": "off",
        # a reader reads a page for longer than uvicorn's 5 s before the next click: keep the
        # connection (browsers keep theirs for a minute or more)
        "timeout_keep_alive": 30,
        **config,
    }
    return uvicorn.Server(uvicorn.Config(app, **settings))


@contextmanager
def running(
    *, lang: Lang = "en", host: str = LOOPBACK, port: int = 0, explorer: Explorer | None = None
) -> Iterator[str]:
    """The explorer served in a background thread for the block; yields its address."""
    sock = bind(host, port)
    srv = server(lang, explorer)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not srv.started:
            if not thread.is_alive():
                raise UjymError(_("the explorer did not start"), _("see the messages above"))
            thread.join(0.02)
        yield address(sock)
    finally:
        srv.should_exit = True
        thread.join(10)
        sock.close()


__all__ = ["LOOPBACK", "address", "bind", "running", "server"]
