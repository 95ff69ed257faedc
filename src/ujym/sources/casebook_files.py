"""The casebook's folder on disk: which folder is in use, its record files, and the YAML limits
every file passes before a record is built.

Kept apart from :mod:`ujym.sources.casebook` (the records and the validator) so that a command
can refuse a hostile casebook — an alias bomb, nesting too deep, a file too large — having
imported only PyYAML: ``ujym casebook validate`` refuses a billion-laughs file before the
casebook's pydantic models load (issue 12).

>>> from pathlib import Path
>>> root = default_casebook_dir()
>>> refuse_hostile(root)          # the embedded casebook passes
>>> len(record_files(root, "claims")) > 40
True
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from ujym.core.errors import UjymError
from ujym.i18n import _
from ujym.sources import safe_yaml

FOLDERS = (
    "sources",
    "references",
    "actors",
    "organisations",
    "documents",
    "persons",
    "claims",
    "regularities",
)
"""The casebook's folders of YAML records, in the order the validator reads them."""


def default_casebook_dir() -> Path:
    """The casebook shipped inside the package."""
    return Path(__file__).resolve().parent.parent / "data" / "casebook"


_selected: Path | None = None


def select_casebook(directory: Path | str | None) -> None:
    """Make ``directory`` the casebook every later ``load_casebook()`` reads (None: undo).

    What ``ujym --casebook DIR`` does; without it, ``UJYM_CASEBOOK`` names the folder, else the
    packaged casebook is read (decision 0008).
    """
    global _selected
    _selected = Path(directory) if directory is not None else None


def casebook_dir() -> Path:
    """The casebook folder in use: the selected one, else ``UJYM_CASEBOOK``, else the packaged."""
    if _selected is not None:
        return _selected
    env = os.environ.get("UJYM_CASEBOOK")
    return Path(env) if env else default_casebook_dir()


def record_files(directory: Path, sub: str) -> list[Path]:
    """The YAML record files of one folder of the casebook, sorted (none if it is missing)."""
    folder = directory / sub
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def hostile(rel: str, exc: safe_yaml.YamlLimitError) -> UjymError:
    """The one-line refusal of a hostile or unreadable file (exit 2)."""
    mark = exc.problem_mark
    return UjymError(
        f"{rel}:{mark.line + 1 if mark else 1}: {exc.problem}",
        _("this is not a casebook file ujym will read; see docs/casebook.md"),
    )


_passed: dict[Path, tuple[int, int]] = {}
"""Files that passed the limits in this process, with their (size, mtime_ns) when they did."""


def refuse_hostile(root: Path) -> None:
    """Refuse a hostile file (an alias bomb, nesting too deep, too large) before anything is
    built: one event pass over every file, so that a bomb anywhere in the casebook is refused in
    a fraction of a second rather than after the files before it were read and validated.
    Malformed YAML is left to the validation pass, which lists it with the other problems. A
    file that passed earlier in the same process and has not changed since (same size and
    modification time) is not read again here; every later read (``safe_yaml.load``) checks the
    limits again, so a file changed within the clock's resolution is still refused.
    """
    paths = [root / "article.yaml", *(p for sub in FOLDERS for p in record_files(root, sub))]
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            continue
        stamp = (st.st_size, st.st_mtime_ns)
        if not path.is_file() or _passed.get(path) == stamp:
            continue
        try:
            safe_yaml.check_limits(safe_yaml.read(path))
        except safe_yaml.YamlLimitError as exc:
            raise hostile(str(path.relative_to(root)), exc) from None
        except yaml.YAMLError:
            continue
        _passed[path] = stamp
