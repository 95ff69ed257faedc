"""The web explorer (``ujym serve``): the casebook, the measures, the claim checks and the
forecasts as pages in kk, ru and en, each with its records as JSON and CSV.

An output layer beside the command line (docs/architecture.md, decision 0009): it parses a
request, calls the pipeline and the page builders of :mod:`ujym.reports`, and returns what they
give; it holds no analysis. Only the ``serve`` command imports it.
"""
