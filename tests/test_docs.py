"""Docs that cannot drift (as datasette does): every command, catalog dataset and public name is
documented, and the generated references match the code.

A failure here names what is missing and how to fix it: run `make docs` for the generated
references (docs/cli.md, the index in docs/api.md); write prose for the rest.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import ujym
from ujym.cli.main import COMMANDS
from ujym.cli.reference import API_END, API_START, api_index, cli_reference, commands

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
README = ROOT / "README.md"
CATALOG = ROOT / "src" / "ujym" / "data" / "catalog.toml"
COMMAND_PATHS = [path for path, _command in commands()]


def prose() -> str:
    """README and every page under docs/ except the generated CLI reference."""
    pages = [p for p in sorted(DOCS.rglob("*.md")) if p.name != "cli.md"]
    return "\n".join(p.read_text(encoding="utf-8") for p in [README, *pages])


def test_cli_reference_is_current() -> None:
    written = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert written == cli_reference() + "\n", "docs/cli.md is stale: run `make docs`"


def test_every_command_and_subcommand_is_in_the_reference() -> None:
    written = (DOCS / "cli.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## `(.+)`$", written, flags=re.MULTILINE)
    assert headings == COMMAND_PATHS
    assert {p.split()[1] for p in COMMAND_PATHS if p != "ujym"} == set(COMMANDS)


@pytest.mark.parametrize("path", [p for p in COMMAND_PATHS if p != "ujym"])
def test_every_command_is_shown_in_prose(path: str) -> None:
    """A command the reference lists is also used in README or a page of docs/ (with context)."""
    assert re.search(rf"(?<![\w-]){re.escape(path)}(?![\w-])", prose()), (
        f"`{path}` is in no page of docs/ nor in README.md: show it in use where it belongs"
    )


def test_readme_points_to_the_cli_reference() -> None:
    assert "docs/cli.md" in README.read_text(encoding="utf-8")


def catalog_ids() -> list[str]:
    catalog = tomllib.loads(CATALOG.read_text(encoding="utf-8"))
    return [*catalog["datasets"], *catalog.get("bundled", {})]


@pytest.mark.parametrize("dataset", catalog_ids())
def test_every_catalog_dataset_is_documented(dataset: str) -> None:
    data_md = (DOCS / "data.md").read_text(encoding="utf-8")
    assert f"`{dataset}`" in data_md, (
        f"catalog dataset {dataset!r} is not in docs/data.md: add it to the dataset table"
    )


def test_public_api_index_is_current() -> None:
    api = (DOCS / "api.md").read_text(encoding="utf-8")
    start, end = api.index(API_START), api.index(API_END) + len(API_END)
    assert api[start:end] == api_index(), (
        "docs/api.md's index of public names is stale: run `make docs`"
    )


@pytest.mark.parametrize("name", ujym.__all__)
def test_every_public_name_is_documented(name: str) -> None:
    """Each name of ``ujym.__all__`` has a summary line in the index (its docstring)."""
    row = next((r for r in api_index().splitlines() if r.startswith(f"| `{name}` |")), None)
    assert row is not None, f"ujym.{name} is not in docs/api.md: run `make docs`"
    summary = row.split(" | ")[1]
    assert len(summary) > 10, f"ujym.{name} has no docstring to document it: write one"
