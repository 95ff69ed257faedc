"""Write a page's figure or the whole page to a file, chosen by the file name's extension.

``.png``, ``.svg`` and ``.pdf`` get the page's main figure as that file type (matplotlib, no
browser, no network); ``.html`` gets the full page through the registry; any other extension is a
one-line :class:`~ujym.core.errors.UjymError` naming the accepted ones. Commands check the name
with :func:`check_output` before any long computation.

Examples
--------
>>> check_output("kaz.svg")
'.svg'
>>> check_output("kaz.jpg")
Traceback (most recent call last):
...
ujym.core.errors.UjymError: cannot write kaz.jpg: unknown file type — end the file name with .png, .svg, .pdf or .html
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from ujym.core import Lang
from ujym.core.errors import UjymError
from ujym.i18n import _
from ujym.sources.files import atomic_write

IMAGE_SUFFIXES = (".png", ".svg", ".pdf")
OUTPUT_SUFFIXES = (*IMAGE_SUFFIXES, ".html")


def check_output(path: Path | str) -> str:
    """The (lower-case) extension of ``path`` when ujym can write it; one-line error otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        accepted = ", ".join(OUTPUT_SUFFIXES[:-1])
        raise UjymError(
            _("cannot write {path}: unknown file type").format(path=path),
            _("end the file name with {accepted} or {last}").format(
                accepted=accepted, last=OUTPUT_SUFFIXES[-1]
            ),
        )
    return suffix


def write_output(
    path: Path | str,
    name: str,
    *,
    lang: Lang,
    generated: datetime | None = None,
    **params: Any,
) -> Path:
    """Write page ``name`` (its main figure for .png/.svg/.pdf, the page for .html) to ``path``
    atomically; ``params`` go to the page's builder. Returns the path.
    """
    from ujym.reports.pages import build_page, render_page

    suffix = check_output(path)
    if suffix == ".html":
        return atomic_write(path, render_page(name, lang=lang, generated=generated, **params).html)
    _ctx, content = build_page(name, lang=lang, generated=generated, **params)
    if not content.figures:
        raise UjymError(
            _("the {page} page has no figure to write as {suffix}").format(
                page=name, suffix=suffix
            ),
            _("end the file name with .html"),
        )
    chart = next(iter(content.figures.values()))
    return atomic_write(path, chart.to_bytes(suffix.lstrip(".")))


__all__ = ["IMAGE_SUFFIXES", "OUTPUT_SUFFIXES", "check_output", "write_output"]
