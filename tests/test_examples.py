"""docs/api.md runs as written: its ``python`` blocks, in order, in one namespace, on real data."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
API = ROOT / "docs" / "api.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def python_blocks(path: Path) -> list[str]:
    return BLOCK.findall(path.read_text(encoding="utf-8"))


def test_the_page_has_the_walk_through() -> None:
    code = "\n".join(python_blocks(API))
    for verb in (
        "import_file", "create_dyad_years", "add_alignment", "group_cohesion",
        "create_state_years", "add_capabilities", "add_memberships", "estimate_ideal_points",
        "simulate_bargaining", "check_claims",
    ):  # fmt: skip
        assert f"ujym.{verb}(" in code, verb


def test_api_walk_through_runs(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the page reads ../shared/data, as from a notebook beside the project: give it one
    (tmp_path / "shared").mkdir()
    try:
        (tmp_path / "shared" / "data").symlink_to(shared_data, target_is_directory=True)
    except OSError:  # pragma: no cover - no symlinks (Windows without the privilege)
        shutil.copytree(shared_data, tmp_path / "shared" / "data")
    (tmp_path / "notebook").mkdir()
    monkeypatch.chdir(tmp_path / "notebook")  # the cache is the test's empty UJYM_DATA_DIR

    namespace: dict[str, object] = {"__name__": "api_walk_through"}
    for number, block in enumerate(python_blocks(API), start=1):
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                exec(compile(block, f"docs/api.md, python block {number}", "exec"), namespace)
            except Exception as exc:
                raise AssertionError(f"python block {number} of docs/api.md failed: {exc}") from exc

    states = namespace["states"]
    assert {"share_cinc", "n_organisations", "align_usa", "ideal_point"} <= set(states.columns)  # type: ignore[attr-defined]
    assert len(namespace["dyads"]) == 84  # type: ignore[arg-type]
