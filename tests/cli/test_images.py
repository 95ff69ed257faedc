"""Images where a user asks for images (issue 13 item 3), through every command that writes a file.

Every command with ``--out`` or ``--plot`` is listed in ``ARGS``; with a name of a type it cannot
write it must refuse in one line before any work (an empty cache: the refusal comes first) and
leave no file. Commands that draw (``plot-alignment``, ``ideal --plot``, ``forecast --out``) write
real PNG, SVG and PDF files through :mod:`ujym.reports.output`; frame commands (``align``,
``cohesion``, ``panel``, ``ideal --out``) and the brief refuse image names instead of writing
something else under them. plot-alignment's own files are tested in tests/reports/test_outputs.py.
"""

from __future__ import annotations

import io
from pathlib import Path

import click
import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

from ideal_helpers import simulate_votes
from ujym.cli.main import cli
from ujym.core.provenance import DatasetRef
from ujym.core.votes import VoteMatrix
from ujym.pipeline import ideal as ideal_pipeline

SIGNATURES = {".png": b"\x89PNG\r\n\x1a\n", ".svg": b"<svg", ".pdf": b"%PDF-"}

ARGS: dict[str, list[str]] = {  # the arguments each command needs besides the file
    "align": ["KAZ", "RUS"],
    "brief": [],
    "capabilities": ["CSTO"],
    "casebook claims": [],
    "casebook show": ["KAZ"],
    "check": ["C9"],
    "cohesion": ["CSTO"],
    "forecast": ["csto-new-type", "--runs", "5"],
    "ideal": [],
    "memberships": ["KAZ"],
    "panel": [],
    "plot-alignment": ["KAZ"],
}
REFUSED_FIRST = {"align", "brief", "cohesion", "forecast", "ideal", "panel", "plot-alignment"}
"""Commands that check the file name before reading any data (exit 2 even on an empty cache)."""


def file_options() -> list[tuple[str, str]]:
    """(command, option) for every command of ``ujym`` with ``--out`` or ``--plot``."""
    found = []

    def walk(cmd: click.Command, path: tuple[str, ...]) -> None:
        ctx = click.Context(cmd)
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                assert sub is not None
                walk(sub, (*path, name))
            return
        for param in cmd.params:
            if param.name in ("out", "plot"):
                found.append((" ".join(path), f"--{param.name}"))

    walk(cli, ())
    return found


def not_blank(png: bytes) -> float:
    """The spread of grey levels of a PNG (0 for an image of one colour)."""
    return float(np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float).std())


def test_the_table_knows_every_command_that_writes_a_file() -> None:
    commands = {command for command, _option in file_options()}
    assert {
        "align",
        "brief",
        "cohesion",
        "forecast",
        "ideal",
        "panel",
        "plot-alignment",
    } <= commands
    assert commands <= set(ARGS), f"add the arguments of {sorted(commands - set(ARGS))} to ARGS"


@pytest.mark.parametrize(("command", "option"), file_options())
def test_an_unknown_file_type_is_one_line_and_writes_nothing(
    command: str, option: str, tmp_path: Path
) -> None:
    target = tmp_path / "result.gif"
    argv = [*command.split(), *ARGS[command], option, str(target)]
    result = CliRunner().invoke(cli, argv)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    if command in REFUSED_FIRST:
        assert result.exit_code == 2, result.output
        assert "unknown file type" in lines[0] and "result.gif" in lines[0]
    else:  # refused, or stopped for want of data first: either way nothing is written
        assert result.exit_code in (2, 3), result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["align", "KAZ", "RUS", "--out", "{tmp}/kaz.png"],
        ["cohesion", "CSTO", "--out", "{tmp}/csto.svg"],
        ["panel", "--out", "{tmp}/panel.pdf"],
        ["panel", "--out", "{tmp}/panel.json"],
        ["ideal", "--out", "{tmp}/ideal.png"],
        ["brief", "--out", "{tmp}/brief.pdf"],
    ],
)
def test_frame_commands_refuse_image_names(argv: list[str], tmp_path: Path) -> None:
    """A frame or the brief is never written under an image's name (issue 13: `--out kaz.png`
    wrote HTML, `panel --out p.png` wrote Parquet)."""
    result = CliRunner().invoke(cli, [a.format(tmp=tmp_path) for a in argv])
    assert result.exit_code == 2, result.output
    line = result.output.strip()
    assert "\n" not in line and "unknown file type" in line, result.output
    assert "end the file name with" in line
    assert list(tmp_path.iterdir()) == []


def check_image(data: bytes, suffix: str) -> None:
    assert data.startswith(SIGNATURES[suffix]) or (
        suffix == ".svg" and data.startswith(b"<?xml") and b"<svg" in data[:1000]
    ), data[:32]
    assert b"<html" not in data[:2000].lower()
    if suffix == ".png":
        image = Image.open(io.BytesIO(data))
        assert image.width > 400 and image.height > 200
        assert not_blank(data) > 10
    elif suffix == ".svg":
        assert b"<script" not in data
        assert b"<path" in data or b"<text" in data  # drawn, not an empty canvas
    else:
        assert b"%%EOF" in data[-64:]


@pytest.fixture
def csto_votes(monkeypatch: pytest.MonkeyPatch) -> VoteMatrix:
    """Simulated votes of 1986-1997 with states renamed to CSTO members and China, read by
    ``ujym ideal`` as if from the cache (the plot shows the members from 1992)."""
    vm, _truth = simulate_votes(seed=1)
    ccodes = vm.ccodes.copy()
    for old, new in ((100, 365), (101, 705), (102, 710), (103, 370)):
        ccodes[ccodes == old] = new
    order = np.argsort(ccodes)
    moved = VoteMatrix(
        ccodes[order], vm.rcids, vm.votes[order], vm.session, (vm.year + 40).astype(np.int16),
        vm.important,
    )  # fmt: skip
    monkeypatch.setattr(
        ideal_pipeline,
        "_load",
        lambda votes, dataset, drop: (moved, (DatasetRef("sim"),), np.zeros(0, np.int64)),
    )
    return moved


def test_ideal_plot_writes_png_svg_and_pdf(csto_votes: VoteMatrix, tmp_path: Path) -> None:
    for suffix in (".png", ".svg", ".pdf"):
        plot = tmp_path / f"csto{suffix}"
        result = CliRunner().invoke(
            cli, ["ideal", "--no-bridges", "--plot", str(plot), "--lang", "kk"]
        )
        assert result.exit_code == 0, result.output
        check_image(plot.read_bytes(), suffix)
    svg = (tmp_path / "csto.svg").read_text(encoding="utf-8")
    assert "Қазақстан" in svg  # the figure's text is in the reader's language, and stays text


@pytest.mark.parametrize("suffix", [".svg", ".pdf", ".png"])
def test_forecast_writes_each_image_type(suffix: str, tmp_path: Path) -> None:
    out = tmp_path / f"forecast{suffix}"
    result = CliRunner().invoke(
        cli, ["forecast", "crdf-internal-crisis", "--runs", "20", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    check_image(out.read_bytes(), suffix)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
