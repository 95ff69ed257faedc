"""Entry point of the ``ujym`` command line.

Each command group lives in its own module under ``ujym.cli`` and is listed in ``COMMANDS``. Commands
hold no analysis: they parse arguments, call one library function and print or write its result.
Errors a user can fix (:class:`ujym.core.errors.UjymError`) become one red line and the documented
exit code (:class:`ujym.core.errors.ExitCode`); so do mistakes on the command line itself (an unknown
option or value: one line and exit 2, not a usage screen) and failures of the file system (a folder
that cannot be written). Every message goes through :func:`clean_text` first: a file name or a
value from a hostile file cannot put terminal escape sequences or raw bytes on the user's screen.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import math
import re
import sys
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import click

from ujym.cli.help import HelpContext, argv_language, localize, usage_message
from ujym.core.errors import ExitCode, UjymError
from ujym.core.langs import LANGS, Lang
from ujym.i18n import _, format_number, format_percent, resolve_language, set_language

LANG_OPTION_HELP = "Interface language: kk, ru or en (default: UJYM_LANG, the system locale, en)."

_ARGV_LANG: ContextVar[str | None] = ContextVar("ujym_argv_lang", default=None)
"""The ``--lang`` of this run's arguments, wherever it stands (``ujym --lang kk check``)."""


def apply_language(lang: str | None) -> Lang:
    """Resolve and set the interface language for this run (``lang``, else a ``--lang``
    anywhere in the arguments, else ``UJYM_LANG`` and the locale); returns it.
    """
    typed = _ARGV_LANG.get()  # a --lang click has not read yet; a bad one is click's to refuse
    chosen = resolve_language(lang or (typed if typed in LANGS else None))
    set_language(chosen)
    return chosen


def lang_option(func: Any) -> Any:
    """The ``--lang`` option every command that prints or writes text carries."""
    return click.option(
        "--lang",
        type=click.Choice(["kk", "ru", "en"]),
        default=None,
        help=LANG_OPTION_HELP,
        is_eager=True,
        expose_value=True,
    )(func)


MISSING = "—"
"""What a table shows where a figure is missing (no data, NaN, None)."""


def number_text(value: object, digits: int = 3, *, percent: bool = False) -> str:
    """A figure for a terminal table in the interface language; :data:`MISSING` when missing."""
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return MISSING
    if math.isnan(v):
        return MISSING
    return format_percent(v) if percent else format_number(v, digits)


_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, erasing
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]?"  # any other escape
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)


def clean_text(text: object) -> str:
    r"""``text`` as one printable line: escape sequences removed, line breaks and tabs made
    spaces, other control characters and undecodable bytes shown as ``?``.

    >>> clean_text("bad\x1b[2J\x1b]0;owned\x07 file\nname\udcff")
    'bad file name?'
    """
    out = []
    for ch in _ESCAPES.sub("", str(text)):
        if ch in "\n\r\t\v\f":
            out.append(" ")
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append("?")
    return "".join(out).strip()


def error_line(message: object) -> None:
    """Print ``Error: message`` as one red line on stderr (cleaned)."""
    click.secho(f"{_('Error')}: {clean_text(message)}", fg="red", err=True)


# command name -> "module:attribute"; modules are imported only when their command runs, so
# `ujym brief` does not pay for pandas, polars or the models it does not use.
COMMANDS: dict[str, str] = {
    "align": "ujym.cli.align:align",
    "brief": "ujym.cli.brief:brief",
    "capabilities": "ujym.cli.capabilities:capabilities",
    "casebook": "ujym.cli.casebook:casebook",
    "check": "ujym.cli.check:check",
    "cohesion": "ujym.cli.align:cohesion",
    "data": "ujym.cli.data:data",
    "forecast": "ujym.cli.forecast:forecast",
    "ideal": "ujym.cli.ideal:ideal",
    "memberships": "ujym.cli.memberships:memberships",
    "panel": "ujym.cli.align:panel",
    "plot-alignment": "ujym.cli.align:plot_alignment",
    "serve": "ujym.web.command:serve",  # the web layer's command, registered by name only
}


class UjymGroup(click.Group):
    """A click group that loads commands lazily (``COMMANDS``), writes help in the interface
    language (:mod:`ujym.cli.help`) and turns :class:`UjymError` into one line and an exit code.
    """

    context_class = HelpContext

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name: the lazily loaded ones and any added directly."""
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command ``cmd_name``, importing its module on first use (None when unknown)."""
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        command: click.Command = getattr(importlib.import_module(module), attr)
        return localize(command)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a :class:`UjymError` or a file-system error becomes one line."""
        try:
            return super().invoke(ctx)
        except UjymError as exc:
            error_line(exc)
            ctx.exit(int(exc.exit_code))
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise
            where = f": {exc.filename}" if exc.filename else ""
            error_line(f"{exc.strerror or exc}{where} — {_('check the path and its permissions')}")
            ctx.exit(int(ExitCode.BAD_INPUT))

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command; a command-line mistake is one line (and exit 2), not a usage screen.

        The interface language is set before click reads the arguments, so that ``--help``
        (handled while they are read) speaks it too.
        """
        argv = list(sys.argv[1:] if args is None else args)
        token = _ARGV_LANG.set(argv_language(argv))
        with contextlib.suppress(UjymError):  # a bad UJYM_LANG or --lang: reported later
            apply_language(None)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = rv if isinstance(rv, int) and not isinstance(rv, bool) else 0
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx is not None else (prog_name or "ujym")
            hint = _("run `{command} --help` for the options").format(command=command)
            error_line(f"{usage_message(exc)} — {hint}")
            code = exc.exit_code
        except click.ClickException as exc:
            error_line(exc.format_message())
            code = exc.exit_code
        except click.Abort:
            click.echo(_("Aborted."), err=True)
            code = 1
        finally:
            _ARGV_LANG.reset(token)
        if not standalone_mode:
            return code
        sys.exit(code)


@click.group(cls=UjymGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ujym")
@click.option(
    "--casebook",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Casebook folder to read (default: UJYM_CASEBOOK, else the CSTO casebook ujym ships).",
)
@lang_option
def cli(casebook: Path | None, lang: str | None) -> None:
    """Analyse collective-security alliances with ujym (the CSTO first).

    Casebook of the article, UN General Assembly voting measures, ideal points, bargaining
    forecasts and claim checks, in Kazakh, Russian and English. Another article's casebook (of
    another organisation) is read with --casebook DIR.

    Example: ujym --casebook my-casebook/ check --lang ru
    """
    from ujym.sources.casebook_files import select_casebook

    select_casebook(casebook)
    click.get_current_context().call_on_close(lambda: select_casebook(None))  # for this run only
    apply_language(lang)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        cli.main(args=argv, prog_name="ujym", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0)
    return int(ExitCode.OK)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
