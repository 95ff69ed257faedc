"""ujym's figures, one module per kind, all static (matplotlib, Agg) — see
docs/decisions/0005-charts-static-svg.md.

- :mod:`~ujym.reports.figures.style`: settings, palette, :class:`~ujym.reports.figures.style.Chart`
  (inline SVG for pages; PNG, SVG or PDF files)
- :mod:`~ujym.reports.figures.alignment`: a state's alignment with its partners over time
- :mod:`~ujym.reports.figures.ideal`: ideal-point trajectories with bands, small multiples
- :mod:`~ujym.reports.figures.forecast`: a bargaining forecast path and its distribution
- :mod:`~ujym.reports.figures.memberships`: the memberships timeline of the brief

Builders take plain, already translated values and return a ``Chart``; none reads data or the
casebook itself.
"""

from ujym.reports.figures.style import Chart

__all__ = ["Chart"]
