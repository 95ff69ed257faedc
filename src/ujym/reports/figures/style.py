r"""How every ujym figure looks and how it is written: matplotlib (Agg), static SVG, PNG or PDF.

A figure builder returns a :class:`Chart`: a matplotlib figure plus its text alternative and the
tooltips of its marks. :meth:`Chart.svg` gives the inline SVG a page embeds (no script, text kept
as text in the reader's language, ids prefixed so several charts share a page);
:meth:`Chart.to_bytes` gives a PNG, SVG or PDF file. Output is deterministic: the SVG hash salt is
fixed and no date is written, so the same input gives the same bytes (snapshots stay stable).
See docs/decisions/0005-charts-static-svg.md.

Examples
--------
>>> chart = line_chart_example()
>>> chart.to_bytes("svg")[:5] in (b"<?xml", b"<svg ")
True
>>> chart.to_bytes("png")[:4]
b'\x89PNG'
>>> "<script" in chart.svg("demo")
False
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ujym.core import Lang
from ujym.i18n import format_number, get_language, use_language

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Okabe & Ito (2008) colours, distinguishable with the common colour-vision deficiencies.
#: Yellow (#F0E442) is left out of lines: it cannot be read on white.
OKABE_ITO: Mapping[str, str] = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "bluish green": "#009E73",
    "reddish purple": "#CC79A7",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "black": "#000000",
    "yellow": "#F0E442",
}
LINE_COLOURS: tuple[str, ...] = tuple(c for name, c in OKABE_ITO.items() if name != "yellow")
GREY = "#8c8c8c"
FONTS = ("DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial")
"""Font families, first that exists wins; DejaVu Sans (shipped with matplotlib) covers Kazakh
Cyrillic (ә ғ қ ң ө ұ ү һ і)."""

FORMATS = ("png", "svg", "pdf")
PNG_DPI = 150
_METADATA: Mapping[str, Mapping[str, Any]] = {
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
    "png": {"Software": None},
}


def rc() -> dict[str, Any]:
    """The matplotlib settings of every ujym figure."""
    from cycler import cycler

    return {
        "svg.fonttype": "none",  # text stays text: selectable, searchable, translated
        "svg.hashsalt": "ujym",  # stable ids, so the same figure gives the same SVG
        "pdf.fonttype": 42,  # TrueType in PDFs, so Cyrillic text stays text there too
        "text.parse_math": False,  # a "$" in a label is a dollar, not TeX
        "font.family": "sans-serif",
        "font.sans-serif": list(FONTS),
        "font.size": 10,
        "axes.titlesize": 11,
        "axes.titlelocation": "left",
        "axes.labelsize": 10,
        "axes.prop_cycle": cycler(color=list(LINE_COLOURS)),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.axisbelow": True,
        "grid.color": "#dddddd",
        "grid.linewidth": 0.6,
        "legend.frameon": False,
        "legend.fontsize": 9,
        "lines.linewidth": 1.8,
        "lines.markersize": 4,
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "axes.unicode_minus": True,
    }


@contextmanager
def style() -> Iterator[None]:
    """Build (and export) figures inside this context: ujym's settings, nothing global changed."""
    import matplotlib

    with matplotlib.rc_context(rc()):  # type: ignore[arg-type]  # keys checked by matplotlib
        yield


def new_figure(width: float, height: float) -> Figure:
    """An empty figure of ``width`` × ``height`` inches on the Agg canvas, laid out so that no
    label is clipped (constrained layout). Call inside :func:`style`.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def fit(
    text: str,
    fig: Figure,
    *,
    size: float,
    share: float = 0.9,
    bold: bool = False,
    along: str = "width",
) -> str:
    """``text`` broken into lines that fit in ``share`` of the figure's width (or height, for a
    vertical label: ``along="height"``) at font ``size``, measured with the figure's renderer, so
    that a title or axis label never runs off the figure.
    """
    from matplotlib.font_manager import FontProperties

    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    props = FontProperties(size=size, weight="bold" if bold else "normal")
    room = (fig.bbox.height if along == "height" else fig.bbox.width) * share

    def width(s: str) -> float:
        w: float = renderer.get_text_width_height_descent(s, props, ismath=False)[0]
        return w

    lines: list[str] = []
    for word in text.split():
        if lines and width(f"{lines[-1]} {word}") <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines) or text


def number_formatter(digits: int = 1) -> Any:
    """A tick formatter writing numbers in the current language (``0,5`` in kk and ru)."""
    from matplotlib.ticker import FuncFormatter

    lang: Lang = get_language()

    def fmt(value: float, _pos: object = None) -> str:
        with use_language(lang):
            text = format_number(value, digits)
        return "\u2212" + text[1:] if text.startswith("-") else text  # a real minus sign

    return FuncFormatter(fmt)


def year_formatter() -> Any:
    """A tick formatter writing years as plain digits (never ``2 010``)."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos=None: f"{value:.0f}")


@dataclass(frozen=True, eq=False)
class Chart:
    """A figure with its text alternative (``alt``, read by screen readers) and the tooltips of
    its marks (artist gid → text, shown by the browser when pointing at the mark, no script).
    """

    figure: Figure
    alt: str
    tooltips: Mapping[str, str] = field(default_factory=dict)
    lang: Lang = field(default_factory=get_language)

    def to_bytes(self, fmt: str) -> bytes:
        """The figure as a ``png``, ``svg`` or ``pdf`` file."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown figure format {fmt!r}: use one of {FORMATS}")
        buf = io.BytesIO()
        with style(), use_language(self.lang):
            self.figure.savefig(
                buf,
                format=fmt,
                metadata=dict(_METADATA[fmt]),
                dpi=PNG_DPI if fmt == "png" else None,
            )
        return buf.getvalue()

    def svg(self, prefix: str) -> Markup:
        """The figure as an inline ``<svg>`` element for an HTML page; every id starts with
        ``prefix`` so that several charts can share one page.
        """
        return Markup(
            inline_svg(self.to_bytes("svg").decode("utf-8"), prefix, self.alt, self.tooltips)
        )


_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(xlink:href|href)="#([^"]+)"')
_URL = re.compile(r"url\(#([^)]+)\)")


_NUMBER = re.compile(r"-?\d+\.\d{2,}")
_GEOMETRY = re.compile(r'(\s(?:d|x|y|x1|x2|y1|y2|points|transform)=")([^"]*)"')
_PATH_COMMAND = re.compile(r" ?([MLCQZz]) ?")
_FONT = re.compile(r"font-family: ([^;\"]*)(?:; )?")


def _rounded(match: re.Match[str]) -> str:
    text = f"{float(match.group()):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def compact_svg(svg: str) -> str:
    r"""``svg`` with the same drawing in fewer bytes: coordinates rounded to a tenth of a point
    (1/720 inch, below what a screen shows), path data without its line breaks, no indentation
    between elements, no empty groups, and the labels' font family said once in the figure's
    style sheet instead of on every label.

    >>> compact_svg('<g>\n   <path d="M 1.234567 2 \nL 3.25 -0.04 \nz\n" x="7.999"/>\n</g>')
    '<g>\n<path d="M1.2 2L3.2 0z" x="8"/>\n</g>'
    """

    def geometry(match: re.Match[str]) -> str:
        value = _NUMBER.sub(_rounded, match.group(2))
        if match.group(1).strip() == 'd="':
            value = _PATH_COMMAND.sub(r"\1", " ".join(value.split()))
        return f'{match.group(1)}{value}"'

    text = re.sub(r">\n\s+<", ">\n<", _GEOMETRY.sub(geometry, svg))
    text = re.sub(r'<g id="[^"]*"/>\n?', "", text)  # empty groups (ticks without a mark)
    fonts = _FONT.search(text)
    if fonts and '<style type="text/css">*{' in text:  # one font rule for every label
        text = _FONT.sub("", text).replace('style=""', "")
        rule = f"text{{font-family:{fonts.group(1)}}}"
        text = text.replace('<style type="text/css">*{', f'<style type="text/css">{rule}*{{', 1)
    return text


def inline_svg(svg: str, prefix: str, alt: str, tooltips: Mapping[str, str]) -> str:
    """Matplotlib's SVG file as an element to embed: no XML prologue or metadata, ids prefixed,
    ``role="img"`` with ``alt`` as its label, a ``<title>`` in each group named in
    ``tooltips``, and the drawing compacted (:func:`compact_svg`).
    """
    text = svg[svg.index("<svg") :]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, count=1, flags=re.S)
    text = compact_svg(text)
    prefixed: Callable[[str], str] = lambda name: f"{prefix}-{name}"  # noqa: E731
    text = _ID.sub(lambda m: f'id="{prefixed(m[1])}"', text)
    text = _REF.sub(lambda m: f'{m[1]}="#{prefixed(m[2])}"', text)
    text = _URL.sub(lambda m: f"url(#{prefixed(m[1])})", text)
    for gid, tip in tooltips.items():
        text = text.replace(
            f'<g id="{prefixed(gid)}">', f'<g id="{prefixed(gid)}"><title>{escape(tip)}</title>', 1
        )
    text = _shared_styles(_without_unused_ids(text, {prefixed(g) for g in tooltips}), prefix)
    return text.replace(
        "<svg ", f'<svg role="img" aria-label="{escape(alt)}" class="figure" ', 1
    ).strip()


def _without_unused_ids(svg: str, keep: set[str]) -> str:
    """``svg`` without the ids of groups nothing points to (matplotlib names every group)."""
    used = keep | {m[2] for m in _REF.finditer(svg)} | {m[1] for m in _URL.finditer(svg)}
    return re.sub(r'<g id="([^"]+)">', lambda m: m[0] if m[1] in used else "<g>", svg)


def _shared_styles(svg: str, prefix: str) -> str:
    """``svg`` with each style written on several elements said once, as a class of the
    figure's style sheet (``prefix`` keeps the class names of several charts on a page apart).
    """
    counts: dict[str, int] = {}
    for style_value in re.findall(r' style="([^"]*)"', svg):
        counts[style_value] = counts.get(style_value, 0) + 1
    shared = [value for value, n in counts.items() if n > 1]
    if not shared or '<style type="text/css">' not in svg:
        return svg
    names = {value: f"{prefix}-s{i}" for i, value in enumerate(shared)}
    svg = re.sub(
        r' style="([^"]*)"',
        lambda m: f' class="{names[m[1]]}"' if m[1] in names else m[0],
        svg,
    )
    rules = "".join(f".{name}{{{value}}}" for value, name in names.items())
    return svg.replace('<style type="text/css">', f'<style type="text/css">{rules}', 1)


def line_chart_example() -> Chart:
    """A tiny chart (for the examples and tests of this module)."""
    with style():
        fig = new_figure(3, 2)
        ax = fig.add_subplot()
        ax.plot([1992, 2000, 2010], [0.2, 0.5, 0.4], marker="o", label="Қазақстан")
        ax.xaxis.set_major_formatter(year_formatter())
        ax.yaxis.set_major_formatter(number_formatter(1))
        ax.legend()
    return Chart(fig, "example")


__all__ = [
    "FONTS",
    "FORMATS",
    "GREY",
    "LINE_COLOURS",
    "OKABE_ITO",
    "Chart",
    "compact_svg",
    "fit",
    "inline_svg",
    "new_figure",
    "number_formatter",
    "rc",
    "style",
    "wrap",
    "year_formatter",
]
