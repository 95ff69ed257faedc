r"""Reading YAML a stranger wrote: the one YAML loader of the casebook and the scenarios.

PyYAML's safe loader runs no code, but it will happily build what a small file describes: aliases
that expand to 10⁹ values ("billion laughs"), nesting thousands of levels deep, a date that is not
a date. Before anything is built, :func:`check_limits` reads the file's event stream once (no tree,
no recursion) and refuses

- a file larger than ``UJYM_MAX_YAML_BYTES``,
- nesting deeper than ``UJYM_MAX_YAML_DEPTH``,
- more than ``UJYM_MAX_YAML_NODES`` values once every alias is expanded (counted from the sizes of
  the anchored values, so a bomb is refused in microseconds), and an alias inside its own anchor.

Values that the constructor cannot build (``2021-02-30`` unquoted) become a
:class:`YamlValueError` at the value's line. Every refusal is a ``yaml.MarkedYAMLError``, so a
caller's ``except yaml.YAMLError`` reports it with the line like any syntax error.

>>> node, data = load("a: &x [1, 2]\nb: *x\n")
>>> data
{'a': [1, 2], 'b': [1, 2]}
>>> bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b, *b]\n"
>>> try:
...     load(bomb, max_nodes=10)
... except YamlLimitError as exc:
...     print(exc.problem, "at line", exc.problem_mark.line + 1)
the YAML expands to more than 10 values (aliases expanded; limit UJYM_MAX_YAML_NODES) at line 2
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ujym.i18n import _
from ujym.sources.limits import limit

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlLimitError(yaml.MarkedYAMLError):
    """A YAML file beyond a limit (or unreadable); carries the line. A hostile file: refuse it."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem=problem, problem_mark=mark)


class YamlValueError(yaml.MarkedYAMLError):
    """A value the constructor cannot build (``2021-02-30``); carries the line. A typo: fix it."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem=problem, problem_mark=mark)


class _Loader(_Base):  # type: ignore[misc]
    """The safe loader, turning a value it cannot build into an error at that value's line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, OverflowError, RecursionError):
            value = node.value if isinstance(node, yaml.ScalarNode) else node.tag
            raise YamlValueError(
                _("cannot read {value}; quote it if it is text").format(
                    value=repr(str(value)[:80])
                ),
                node.start_mark,
            ) from None


def check_limits(
    text: str,
    *,
    max_bytes: int | None = None,
    max_nodes: int | None = None,
    max_depth: int | None = None,
) -> None:
    """Refuse ``text`` beyond the YAML limits (size, depth, values with aliases expanded).

    Walks the parser's events once, keeping one counter per open mapping or list and the
    expanded size of each anchored value; nothing is built. Raises :class:`YamlLimitError`
    (or the parser's own error for a syntax problem).
    """
    max_bytes = max_bytes or int(limit("UJYM_MAX_YAML_BYTES"))
    max_nodes = max_nodes or int(limit("UJYM_MAX_YAML_NODES"))
    max_depth = max_depth or int(limit("UJYM_MAX_YAML_DEPTH"))
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        raise YamlLimitError(
            _("the file has {size} bytes, more than {limit} (limit UJYM_MAX_YAML_BYTES)").format(
                size=size, limit=max_bytes
            ),
            None,
        )
    _checked(text)
    sizes: dict[str, int] = {}  # anchor -> values it expands to
    open_sizes: list[int] = []  # values so far in each open collection
    open_anchors: list[str | None] = []
    total = 0
    for event in yaml.parse(text, Loader=_Base):
        added = 0
        if isinstance(event, yaml.ScalarEvent):
            added = 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor in open_anchors:
                raise YamlLimitError(
                    _("the alias *{anchor} refers to a value that contains it").format(
                        anchor=event.anchor
                    ),
                    event.start_mark,
                )
            added = sizes.get(event.anchor or "", 0)  # an undefined alias: the composer says so
        elif isinstance(event, yaml.CollectionStartEvent):
            open_sizes.append(1)
            open_anchors.append(event.anchor)
            total += 1
            if len(open_sizes) > max_depth:
                raise YamlLimitError(
                    _(
                        "the YAML is nested more than {depth} levels deep "
                        "(limit UJYM_MAX_YAML_DEPTH)"
                    ).format(depth=max_depth),
                    event.start_mark,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            done = open_sizes.pop()
            anchor = open_anchors.pop()
            if anchor:
                sizes[anchor] = done
            if open_sizes:
                open_sizes[-1] += done
            continue
        if added:
            total += added
            if open_sizes:
                open_sizes[-1] += added
        if total > max_nodes:
            raise YamlLimitError(
                _(
                    "the YAML expands to more than {n} values (aliases expanded; "
                    "limit UJYM_MAX_YAML_NODES)"
                ).format(n=max_nodes),
                event.start_mark,
            )


def read(path: Path) -> str:
    """The text of the YAML file ``path``, read no further than ``UJYM_MAX_YAML_BYTES``.

    Raises :class:`YamlLimitError` for a larger file, a file that is not UTF-8 text, or one that
    cannot be read (a folder, a device).
    """
    max_bytes = int(limit("UJYM_MAX_YAML_BYTES"))
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise YamlLimitError(
            _("cannot read the file ({error})").format(error=exc.strerror or exc), None
        ) from None
    if len(data) > max_bytes:
        raise YamlLimitError(
            _("the file is larger than {limit} bytes (limit UJYM_MAX_YAML_BYTES)").format(
                limit=max_bytes
            ),
            None,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlLimitError(
            _("not UTF-8 text (byte {position}); save it as UTF-8").format(position=exc.start),
            None,
        ) from None


def _reader_error(text: str, exc: yaml.reader.ReaderError) -> YamlValueError:
    """A character YAML does not allow, as an error at its line (the reader's has none)."""
    before = text[: exc.position]
    line = before.count("\n")
    column = exc.position - (before.rfind("\n") + 1)
    mark = yaml.Mark("<file>", exc.position, line, column, "", 0)
    what = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
    return YamlValueError(
        _("the character {what} is not allowed in YAML").format(what=what),
        mark,
    )


def _checked(text: str) -> str:
    """``text`` if YAML's reader accepts every character of it."""
    try:
        yaml.reader.Reader(text).check_printable(text)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(text, exc) from None
    return text


def load(text: str, **limits: int) -> tuple[yaml.Node | None, Any]:
    """Check ``text`` against the limits, then compose and construct its single document.

    Returns the node tree (for line numbers) and the Python value (``None`` for an empty file).
    ``limits`` may override ``max_bytes``, ``max_nodes``, ``max_depth``.
    """
    check_limits(text, **limits)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def compose(text: str, **limits: int) -> yaml.Node | None:
    """Check ``text`` against the limits, then compose its single document (no values built)."""
    check_limits(text, **limits)
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    return node


def construct(node: yaml.Node) -> Any:
    """The Python value of a node from :func:`compose` (dates checked, errors at the line)."""
    loader = _Loader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


__all__ = [
    "YamlLimitError",
    "YamlValueError",
    "check_limits",
    "compose",
    "construct",
    "load",
    "read",
]
