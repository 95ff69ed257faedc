"""``ujym serve``: the web explorer on this machine.

The command lives in the web layer and the command line registers it by name
(``ujym.cli.main.COMMANDS``), so neither output imports the other (docs/architecture.md).
"""

from __future__ import annotations

import click

from ujym.i18n import _, resolve_language, set_language
from ujym.web.server import LOOPBACK, address, bind, server


@click.command("serve")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0: a free one).")  # fmt: skip
@click.option("--host", default=LOOPBACK, show_default=True,
              help="Address to listen on; anything but 127.0.0.1 lets other machines in.")  # fmt: skip
@click.option(
    "--lang",
    type=click.Choice(["kk", "ru", "en"]),
    default=None,
    help="Language of the pages unless a page asks ?lang= (default: UJYM_LANG, the system "
    "locale, en).",
)
def serve(port: int, host: str, lang: str | None) -> None:
    """Serve the explorer: overview, members, claims, alignment, ideal points, forecasts, data.

    Pages in Kazakh, Russian and English over the local data cache (read only) and the casebook;
    every page's data as JSON and CSV. Listens on 127.0.0.1 unless --host says otherwise. Stop
    it with Ctrl+C.

    Example: ujym serve --port 8765 --lang kk
    """
    chosen = resolve_language(lang)
    set_language(chosen)
    sock = bind(host, port)
    if host != LOOPBACK:
        click.secho(
            _(
                "Warning: listening on {host}: other machines can open the explorer (it has no "
                "passwords); use --host 127.0.0.1 to keep it on this machine"
            ).format(host=host),
            fg="yellow",
            err=True,
        )
    click.echo(_("ujym explorer at {url} (Ctrl+C stops it)").format(url=address(sock)))
    server(chosen).run(sockets=[sock])


__all__ = ["serve"]
