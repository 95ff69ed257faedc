"""Penn World Table 9.1 (Feenstra, Inklaar & Timmer 2015): GDP, population and prices.

``pwt91`` → table ``pwt``, one row per country and year (1950–2017), with the publisher's
column names plus the state key:

=====================  ===========================================================================
column                 meaning (PWT 9.1 user guide)
=====================  ===========================================================================
iso3                   ISO 3166-1 alpha-3 code (the publisher's ``countrycode``; the R package's
                       ``isocode``)
ccode                  COW code (ujym's crosswalk; null for the territories that are not states:
                       Aruba, Anguilla, Bermuda, Cayman Islands, Curaçao, Hong Kong, Macao,
                       Montserrat, Palestine, Sint Maarten, Turks and Caicos, British Virgin
                       Islands)
country, currency      the publisher's names
year                   year
rgdpe, rgdpo           real GDP at chained PPPs, expenditure side / output side, million 2011 US$
cgdpe, cgdpo           GDP at current PPPs, million 2011 US$
rgdpna                 real GDP at constant 2011 national prices, million 2011 US$
pop, emp               population, persons engaged, millions
avh, hc                average annual hours worked; human capital index
ccon, cda, cn, ck,     consumption, domestic absorption, capital stock (current PPPs), capital
ctfp, cwtfp, rconna,   services, TFP levels, and the national-accounts series (see the guide)
rdana, rnna, rkna,
rtfpna, rwtfpna
labsh, irr, delta      labour share, real internal rate of return, depreciation rate
xr                     exchange rate, national currency per US$
pl_*                   price levels (US 2011 = 1)
csh_*                  shares in CGDPo: c household consumption, i investment, g government,
                       x exports, m imports (negative), r residual trade and GDP statistical
                       discrepancy
i_cig, i_xm, i_xr,     how the figures were obtained (benchmark, interpolated, extrapolated, …)
i_outlier, i_irr
cor_exp, statcap       correlation of expenditure shares with the US; statistical capacity
=====================  ===========================================================================

ISO3 codes map to COW codes through ujym's crosswalk on the last day of the year, so ``DEU``
is West Germany (260) to 1989 and Germany (255) from 1990, and ``YEM`` North Yemen (678) to 1989
and Yemen (679) from 1990 (:func:`ujym.sources.codes.map_codes`). A code the crosswalk does not
know makes the import fail, naming it.

ujym reads the publisher's CSV export of the ``Data`` sheet of ``pwt91.xlsx`` and the R package
pwt9's table (``pwt9.1``, the Parquet copy in ``../shared/data``); the Excel and Stata files
themselves are not read.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl

from ujym.core.errors import DataFormatError
from ujym.i18n import _
from ujym.sources.codes import map_codes
from ujym.sources.published import (
    FileReader,
    has_columns,
    load_table,
    read_published,
    register_tables,
    require_columns,
    whole_keys,
)

DATASET = "pwt91"
NUMBERS: tuple[str, ...] = (
    "rgdpe", "rgdpo", "pop", "emp", "avh", "hc", "ccon", "cda", "cgdpe", "cgdpo", "cn", "ck",
    "ctfp", "cwtfp", "rgdpna", "rconna", "rdana", "rnna", "rkna", "rtfpna", "rwtfpna", "labsh",
    "irr", "delta", "xr", "pl_con", "pl_da", "pl_gdpo", "csh_c", "csh_i", "csh_g", "csh_x",
    "csh_m", "csh_r", "pl_c", "pl_i", "pl_g", "pl_x", "pl_m", "pl_n", "pl_k", "cor_exp",
    "statcap",
)  # fmt: skip
FLAGS: tuple[str, ...] = ("i_cig", "i_xm", "i_xr", "i_outlier", "i_irr")
COLUMNS: tuple[str, ...] = ("iso3", "ccode", "country", "currency", "year", *NUMBERS, *FLAGS)
RENAMES: dict[str, str] = {"countrycode": "iso3", "isocode": "iso3", "currency_unit": "currency"}
"""The publisher's (``countrycode``, ``currency_unit``) and the R package's (``isocode``) names."""

NOT_STATES: frozenset[str] = frozenset(
    {"ABW", "AIA", "BMU", "CUW", "CYM", "HKG", "MAC", "MSR", "PSE", "SXM", "TCA", "VGB"}
)
"""PWT 9.1 countries that are not states of the COW system (their ``ccode`` is null)."""

FILES = ("pwt91.csv", "pwt91.parquet", "pwt9.1.csv", "pwt9.1.parquet")


def read_pwt(path: Path | str) -> pl.DataFrame:
    """Penn World Table 9.1 (a CSV export of the publisher's Data sheet, or the R package's)."""
    return pwt_from(read_published(path, FILES), str(path))


def pwt_from(frame: pl.DataFrame, origin: str) -> pl.DataFrame:
    """The canonical ``pwt`` table from a frame in either layout (see the module docstring)."""
    frame = frame.rename({k: v for k, v in RENAMES.items() if k in frame.columns})
    require_columns(frame, ("iso3", "country", "year", "rgdpe", "rgdpo", "pop"), origin, "PWT 9.1")
    frame = whole_keys(frame, ("year",), origin)
    present = [c for c in (*NUMBERS, *FLAGS, "currency") if c in frame.columns]
    frame = frame.with_columns(
        pl.col("iso3").cast(pl.String).str.strip_chars().str.to_uppercase(),
        *(pl.col(c).cast(pl.Float64, strict=False) for c in NUMBERS if c in present),
        *(pl.col(c).cast(pl.String) for c in (*FLAGS, "currency", "country") if c in frame.columns),
    )
    missing = [c for c in (*NUMBERS, *FLAGS, "currency") if not has_columns(frame, (c,))]
    frame = frame.with_columns(
        pl.lit(None, dtype=pl.String if c in (*FLAGS, "currency") else pl.Float64).alias(c)
        for c in missing
    )
    dates = frame.select(pl.date("year", 12, 31)).to_series()
    states = frame.select(
        pl.when(pl.col("iso3").is_in(sorted(NOT_STATES))).then(None).otherwise(pl.col("iso3"))
    ).to_series()
    ccode, unknown = map_codes(states, "iso3", dates=dates)
    if unknown:
        raise DataFormatError(
            _("{origin}, column {column}: unknown ISO3 code(s) {codes}").format(
                origin=origin, column="countrycode", codes=", ".join(unknown[:8])
            ),
            _("add them to ujym/data/countries.csv (hist_codes) or to ujym.sources.pwt.NOT_STATES"),
        )
    out = frame.with_columns(ccode.alias("ccode")).select(COLUMNS)
    return out.unique(maintain_order=True).sort(["iso3", "year"])


def load_pwt() -> pd.DataFrame:
    """The cached ``pwt91`` table as pandas, with its provenance.

    >>> load_pwt().query("iso3 == 'KAZ' and year == 2013")["rgdpe"]  # doctest: +SKIP
    """
    return load_table(DATASET, "pwt")


READERS: dict[str, tuple[FileReader, str]] = {DATASET: (read_pwt, "pwt")}
IDENTIFYING: dict[str, set[str]] = {DATASET: {"year", "rgdpe", "rgdpo", "pop", "hc"}}
register_tables(READERS, IDENTIFYING)

__all__ = ["COLUMNS", "NOT_STATES", "NUMBERS", "READERS", "load_pwt", "pwt_from", "read_pwt"]
