"""docs/notebooks/csto-walkthrough.ipynb runs as written on the real data (issue 13 item 6).

The notebook imports the datasets of ``../shared/data`` into a temporary cache of its own and
walks through the article's questions; this test executes it in a real Jupyter kernel
(nbclient). Without ``../shared`` it skips, and fails under ``UJYM_REQUIRE_SHARED=1`` (CI), as
every real-data test does.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "notebooks" / "csto-walkthrough.ipynb"


def test_notebook_is_stored_without_outputs() -> None:
    raw = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    nbformat.validate(nbformat.from_dict(raw))
    code = [c for c in raw["cells"] if c["cell_type"] == "code"]
    assert code, "the notebook has no code"
    for cell in code:
        assert cell["outputs"] == [] and cell["execution_count"] is None, cell["source"][:80]


def test_notebook_walks_through_the_article() -> None:
    text = NOTEBOOK.read_text(encoding="utf-8")
    for verb in ("load_casebook", "alignment_profile", "group_cohesion",
                 "estimate_ideal_points", "check_claims", "simulate_bargaining"):  # fmt: skip
        assert f"ujym.{verb}(" in text, verb
    assert "--lang kk" in text and "--lang ru" in text  # the pointer to the kk/ru command line


def test_notebook_runs_on_the_real_data(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UJYM_SHARED", str(shared_data.parent))  # the kernel inherits it
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))  # where the notebook's cache goes
    (tmp_path / "tmp").mkdir()
    (tmp_path / "run").mkdir()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path / "run")}},
    )
    client.execute()  # a failing cell raises CellExecutionError naming it
    printed = "\n".join(
        output.get("text", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert not errors
    # the figures the notebook prints are the library's, on the real data
    assert "unvotes {'votes': 1240600, 'roll_calls': 6203}" in printed
    assert "Қазақстан" in printed and "datetime64" in printed
    assert "dyad-year ['unvotes']" in printed
    assert any(v in printed for v in ("supported", "contradicted", "inconclusive"))  # a verdict
    # the notebook used a temporary cache of its own and removed it; the test's stayed empty
    assert not any(Path(os.environ["UJYM_DATA_DIR"]).iterdir())
    assert not any((tmp_path / "tmp").iterdir())
