"""The seed article: read it as it stands and give the normalised text of any line range.

The article is not shipped with ujym; the casebook records its file name, sha256 and line count,
and every claim keeps the exact seed line range so anyone holding the file can check it. Point
ujym at the file with ``--seed FILE`` or the ``UJYM_SEED`` environment variable.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ujym.core.citations import LineRange
from ujym.core.errors import DataNotAvailableError
from ujym.core.text import normalise_kk
from ujym.i18n import _

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class SeedText:
    """The article's lines exactly as in the file (1-based access through :meth:`line`)."""

    path: Path
    lines: tuple[str, ...]
    sha256: str

    @property
    def line_count(self) -> int:
        """The number of lines in the file."""
        return len(self.lines)

    def line(self, number: int) -> str:
        """Line ``number`` (1-based), as in the file."""
        return self.lines[number - 1]

    def span(self, rng: LineRange) -> str:
        """Normalised text of lines ``rng`` (DIGEST §7): ə→ә, page breaks skipped, line-end
        hyphens joined keeping the hyphen, other line ends joined with a space, spaces collapsed.
        """
        if rng.end > self.line_count:
            raise IndexError(f"{rng} is beyond the article's {self.line_count} lines")
        out = ""
        for raw in self.lines[rng.start - 1 : rng.end]:
            text = raw.strip()
            if not text:
                continue
            if out and not out.endswith("-"):
                out += " "
            out += text
        return _SPACES.sub(" ", normalise_kk(out)).strip()


def read_seed(path: Path | str) -> SeedText:
    """Read the seed article from ``path``."""
    p = Path(path)
    if not p.is_file():
        raise DataNotAvailableError(
            _("seed article not found at {path}").format(path=p),
            _("pass --seed FILE or set UJYM_SEED to its path"),
        )
    data = p.read_bytes()
    text = data.decode("utf-8")
    lines = tuple(text.split("\n"))
    if lines and lines[-1] == "":  # a file ending in a newline has no extra line
        lines = lines[:-1]
    return SeedText(path=p, lines=lines, sha256=hashlib.sha256(data).hexdigest())


def find_seed(explicit: Path | str | None = None) -> Path | None:
    """The seed file named by ``explicit`` or ``UJYM_SEED``; None when neither is given."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("UJYM_SEED")
    return Path(env) if env else None
