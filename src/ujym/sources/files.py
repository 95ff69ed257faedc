r"""Writing files safely: the one atomic writer every layer uses.

The rule (docs/architecture.md, "Atomic writes"): anything written to the cache or to a user's
``--out`` file goes to a temporary file in the same folder, which is then renamed over the target.
A reader sees the old file or the new one, never half of one; a failure at any point leaves the
old file as it was and no temporary file behind.

>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> atomic_write(folder / "note.txt", "сәлем\n").read_text(encoding="utf-8")
'сәлем\n'
>>> sorted(p.name for p in folder.iterdir())
['note.txt']
>>> import shutil; shutil.rmtree(folder)
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

TEMP_SUFFIX = ".part"
"""Ending of the temporary file (``.<name>.<random>.part``, hidden, beside the target)."""

_ATTEMPTS = 100


def _create_beside(target: Path) -> tuple[int, Path]:
    """Create a new, empty, hidden file beside ``target``; return its descriptor and path.

    The file is opened with mode 0o666 so that the process umask decides its permissions, as for
    any file the user creates (``tempfile.mkstemp`` would make it 0600).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _attempt in range(_ATTEMPTS):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")  # pragma: no cover


def atomic_write(
    path: Path | str,
    data: bytes | str | Callable[[Path], object],
    *,
    encoding: str = "utf-8",
) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    ``data`` is bytes, text (encoded with ``encoding``, newlines written as given), or a function
    that writes the file at the path it is given (``lambda tmp: frame.write_parquet(tmp)``).
    Missing folders are created; ``~`` is expanded. Permissions follow the umask. On any failure,
    including KeyboardInterrupt, the temporary file is removed, the target is left as it was and
    the exception is raised again. Returns the path written.
    """
    target = Path(path).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_beside(target)
    try:
        if callable(data):
            os.close(fd)
            fd = -1
            data(tmp)
        else:
            payload = data.encode(encoding) if isinstance(data, str) else bytes(data)
            with os.fdopen(fd, "wb") as fh:
                fd = -1  # the file object owns (and closes) the descriptor now
                fh.write(payload)
        os.replace(tmp, target)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    return target


__all__ = ["TEMP_SUFFIX", "atomic_write"]
