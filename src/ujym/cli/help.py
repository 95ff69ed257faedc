"""``--help`` in the reader's language.

Commands keep their help in English in the code (docstrings and ``help=``; ``docs/cli.md`` is
generated from them). When help is shown, :class:`HelpFormatter` looks every piece up in the
gettext catalogs of the interface language: each paragraph of a command's help (whitespace
collapsed), each option's help, the section headings and click's own words ("Usage:",
"Options:", "Show this message and exit.", "default: …"). A piece without a translation is shown
as written. Option names, metavars and values to type stay as typed.

The language of help is chosen before click parses anything (``--help`` is handled while the
arguments are parsed, so a ``--lang`` after it has not been read yet): ``--lang`` anywhere in the
arguments (:func:`argv_language`), then ``UJYM_LANG``, then the locale.

Examples
--------
>>> argv_language(["check", "--help", "--lang", "kk"])
'kk'
>>> argv_language(["--lang=ru", "--help"])
'ru'
>>> argv_language(["align", "--", "--lang", "kk"]) is None
True
>>> from ujym.i18n import use_language
>>> with use_language("ru"):
...     translate_text("Show this message and exit.")
'Показать эту справку и выйти.'
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import click

from ujym.i18n import N_, _

CLICK_WORDS = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
    N_("default: {default}"),
    N_("required"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
)
"""Click's own words in help, as msgids of ujym's catalogs (click marks them for gettext's
``messages`` domain, which ujym does not install; they are looked up here instead)."""


def argv_language(args: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` in ``args`` (``--lang kk`` or ``--lang=kk``; nothing
    after ``--`` counts), or ``None``.
    """
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def _paragraphs(text: str) -> Iterator[str]:
    yield from re.split(r"\n\s*\n", text)


def translate_text(text: str) -> str:
    """``text`` with each paragraph looked up in the catalog (whitespace collapsed: the msgid is
    the paragraph on one line); paragraphs marked for click not to rewrap are kept as written.
    """
    out = []
    for para in _paragraphs(text):
        key = " ".join(para.split())
        if para.lstrip().startswith("\b") or not key:
            out.append(para)
            continue
        found = _(key)
        out.append(para if found == key else found)
    return "\n\n".join(out)


_EXTRA = re.compile(r"^(?P<help>.*?)(?:\s*\[(?P<extra>[^\[\]]*)\])?$", re.S)


def translate_option_help(text: str) -> str:
    """An option's help line, with click's ``[default: …; required]`` part translated too."""
    match = _EXTRA.match(text)
    if match is None or not match.group("extra"):
        return translate_text(text)
    items = []
    for item in match.group("extra").split("; "):
        name, sep, value = item.partition(": ")
        if sep and name == "default":
            items.append(_("default: {default}").format(default=value))
        else:
            items.append(_(item))
    extra = "[" + "; ".join(items) + "]"
    help_text = match.group("help").strip()
    return f"{translate_text(help_text)}  {extra}" if help_text else extra


def short_help(command: click.Command, limit: int) -> str:
    """The one-line summary of ``command`` in the interface language (as click makes it:
    the first sentence, shortened to ``limit`` characters).
    """
    if command.short_help:
        return translate_text(command.short_help.strip())
    if not command.help:
        return ""
    text = translate_text(inspect.cleandoc(command.help).partition("\f")[0])
    return click.Command(command.name, help=text).get_short_help_str(limit)


_PROBLEMS = (
    (r"(?P<value>'.*') is not one of (?P<choices>.*)\.", N_("{value} is not one of {choices}.")),
    (r"(?P<value>'.*') is not (?P<choices>'[^']*')\.", N_("{value} is not one of {choices}.")),
    (r"(?P<value>'.*') is not a valid integer\.", N_("{value} is not a valid integer.")),
    (r"(?P<value>'.*') is not a valid float\.", N_("{value} is not a valid number.")),
    (
        r"(?P<value>.*) is not in the range (?P<range>.*)\.",
        N_("{value} is not in the range {range}."),
    ),
    (r"(?:File|Directory|Path) (?P<value>'.*') does not exist\.", N_("{value} does not exist.")),
    (
        r"Got unexpected extra arguments? \((?P<value>.*)\)",
        N_("Got unexpected extra arguments ({value})"),
    ),
)
"""Click's messages about a value: patterns of its English text, and msgids that say the same
in the interface language (click builds these sentences before ujym sees them)."""


def usage_message(exc: click.UsageError) -> str:
    """A command-line mistake in the interface language: the option, argument or command as
    typed, the problem in words (click's own English message when it is not a common one).

    >>> from ujym.i18n import use_language
    >>> with use_language("kk"):
    ...     usage_message(click.NoSuchOption("--bogus", possibilities=["--out"]))
    "Мұндай параметр жоқ: '--bogus'. --out деп жазғыңыз келді ме?"
    """
    if isinstance(exc, click.NoSuchOption | click.exceptions.NoSuchCommand):
        if isinstance(exc, click.NoSuchOption):
            text = _("No such option {name!r}.").format(name=exc.option_name)
        else:
            text = _("No such command {name!r}.").format(name=exc.command_name)
        if exc.possibilities:
            maybe = ", ".join(sorted(exc.possibilities))
            text += " " + _("Did you mean {options}?").format(options=maybe)
        return text
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        name = exc.param.get_error_hint(exc.ctx) if exc.ctx else repr(exc.param.name)
        if exc.param.param_type_name == "argument":
            return _("Missing argument {name}.").format(name=name)
        return _("Missing option {name}.").format(name=name)
    if isinstance(exc, click.BadParameter) and exc.param is not None and exc.ctx is not None:
        return _("Invalid value for {name}: {problem}").format(
            name=exc.param.get_error_hint(exc.ctx), problem=_problem(exc.message)
        )
    return _problem(exc.format_message())


def _problem(message: str) -> str:
    for pattern, msgid in _PROBLEMS:
        match = re.fullmatch(pattern, message.strip(), flags=re.S)
        if match:
            return _(msgid).format(**match.groupdict())
    return message


class HelpFormatter(click.HelpFormatter):
    """Click's formatter, writing every piece of help in the interface language."""

    def __init__(self, ctx: click.Context, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ctx = ctx
        self.heading = ""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage line: "Usage:" and click's placeholders translated, metavars as typed."""
        for word in ("[OPTIONS]", "COMMAND [ARGS]..."):
            args = args.replace(word, _(word))
        super().write_usage(prog, args, prefix if prefix is not None else _("Usage:") + " ")

    def write_heading(self, heading: str) -> None:
        """A section heading ("Options", "Commands") in the interface language."""
        self.heading = heading
        super().write_heading(_(heading))

    def write_text(self, text: str) -> None:
        """A command's help, paragraph by paragraph in the interface language."""
        super().write_text(translate_text(text))

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """Options (their help translated) or commands (their summaries made from the
        translated help).
        """
        rows = list(rows)
        group = self.ctx.command
        if self.heading == "Commands" and isinstance(group, click.Group) and rows:
            limit = self.width - 6 - max(len(name) for name, _h in rows)
            found = [(name, group.get_command(self.ctx, name)) for name, _h in rows]
            rows = [
                (n, short_help(c, limit) if c else h)
                for (n, c), (_n, h) in zip(found, rows, strict=True)
            ]
        else:
            rows = [(term, translate_option_help(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


class HelpContext(click.Context):
    """A click context whose help is written by :class:`HelpFormatter`."""

    def make_formatter(self) -> click.HelpFormatter:
        """The formatter of this context's help (in the interface language)."""
        return HelpFormatter(self, width=self.terminal_width, max_width=self.max_content_width)


def localize(command: click.Command) -> click.Command:
    """``command`` (and its subcommands, when it is a group with them listed) writing its help
    in the interface language; returns it.
    """
    command.context_class = HelpContext
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            localize(sub)
    return command


__all__ = [
    "CLICK_WORDS",
    "HelpContext",
    "HelpFormatter",
    "argv_language",
    "localize",
    "short_help",
    "translate_option_help",
    "translate_text",
    "usage_message",
]
