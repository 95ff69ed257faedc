"""Figures written by file type: PNG, SVG and PDF files that are what their names say, an HTML page
for .html, and a one-line error for anything else (through the commands, too)."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from PIL import Image

from ujym.cli.main import cli
from ujym.core.errors import UjymError
from ujym.reports.output import check_output, write_output

SIGNATURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".svg": (b"<?xml", b"<svg"), ".pdf": (b"%PDF-",)}


def params(profile: pd.DataFrame) -> dict[str, object]:
    return {"profile": profile, "state": 705, "partners": ["RUS", "USA", "CHN", "EU"],
            "measure": "agreement"}  # fmt: skip


def not_blank(png: bytes) -> float:
    """The spread of grey levels of a PNG (0 for an image of one colour)."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)
    return float(pixels.std())


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_figure_files_are_what_their_names_say(
    alignment_profile_frame: pd.DataFrame, tmp_path: Path, suffix: str
) -> None:
    path = write_output(tmp_path / f"kaz{suffix}", "alignment", lang="kk",
                        **params(alignment_profile_frame))  # fmt: skip
    data = path.read_bytes()
    assert data.startswith(SIGNATURES[suffix]), data[:16]
    assert b"<html" not in data[:2000].lower()
    if suffix == ".png":
        image = Image.open(io.BytesIO(data))
        assert image.width > 600 and image.height > 300
        assert not_blank(data) > 10
    if suffix == ".svg":
        text = data.decode("utf-8")
        assert "<script" not in text
        assert ">Ресей</text>" in text and ">Қытай</text>" in text  # text stays text, in kk
        assert "1,0" in text or "0,8" in text  # numbers in the reader's notation
    if suffix == ".pdf":
        assert b"%%EOF" in data[-64:]
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # atomic: no temporary left


def test_svg_is_deterministic(alignment_profile_frame: pd.DataFrame, tmp_path: Path) -> None:
    a = write_output(tmp_path / "a.svg", "alignment", lang="ru", **params(alignment_profile_frame))
    b = write_output(tmp_path / "b.svg", "alignment", lang="ru", **params(alignment_profile_frame))
    assert a.read_bytes() == b.read_bytes()
    assert b"<dc:date>" not in a.read_bytes()


def test_html_is_the_page(alignment_profile_frame: pd.DataFrame, tmp_path: Path) -> None:
    path = write_output(tmp_path / "kaz.HTML", "alignment", lang="en",
                        **params(alignment_profile_frame))  # fmt: skip
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg " in html and "<script" not in html
    assert len(html.encode()) < 300_000


@pytest.mark.parametrize("name", ["kaz.jpg", "kaz", "kaz.svg.gz", "kaz.htm"])
def test_unknown_extension_is_one_line(name: str) -> None:
    with pytest.raises(UjymError) as err:
        check_output(name)
    message = str(err.value)
    assert "\n" not in message and ".png, .svg, .pdf or .html" in message


@pytest.mark.parametrize(
    "args",
    [
        ["plot-alignment", "KAZ", "--out", "{tmp}/kaz.jpg"],
        ["ideal", "--plot", "{tmp}/ideal.gif"],
        ["forecast", "csto-new-type", "--runs", "5", "--out", "{tmp}/f.txt"],
    ],
)
def test_commands_refuse_unknown_extensions(args: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "unknown file type" in lines[0], result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf", ".html"])
def test_plot_alignment_writes_each_type(
    real_unga: SimpleNamespace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
) -> None:
    """``ujym plot-alignment KAZ --out kaz.<type>`` on the real votes (read as the cache would)."""
    monkeypatch.setattr("ujym.pipeline.dyads.read_unga", lambda dataset=None: real_unga)
    out = tmp_path / f"kaz{suffix}"
    result = CliRunner().invoke(
        cli, ["plot-alignment", "KAZ", "--against", "RUS,USA,CHN,EU", "--years", "1992-2019",
              "--out", str(out), "--lang", "ru"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    if suffix == ".html":
        html = data.decode("utf-8")
        assert "<svg " in html and "<script" not in html and "Казахстан" in html
        assert "Robinson, David and Mine" in html  # the unvotes citation from the catalog
    else:
        assert data.startswith(SIGNATURES[suffix])
    if suffix == ".png":
        assert not_blank(data) > 10


def test_forecast_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "f.png"
    result = CliRunner().invoke(
        cli, ["forecast", "crdf-internal-crisis", "--runs", "20", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(SIGNATURES[".png"]) and not_blank(out.read_bytes()) > 10


def test_a_page_without_a_figure_refuses_images(small_casebook, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    brief = small_casebook.model_copy(update={"memberships": ()})
    with pytest.raises(UjymError, match="no figure"):
        write_output(tmp_path / "b.png", "brief", lang="en", casebook=brief)
