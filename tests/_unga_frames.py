"""Canonical UNGA frames built from the unvotes Parquet copies, for tests only.

This is *not* ujym's importer (``ujym.sources.unga`` is): it reproduces the canonical layout
(``rcid Int32, ccode Int16, vote Int8`` and the roll-call table with year and issue flags) so the
vote-matrix and measure tests can run on real data before and independently of the importer.
States the tests name get their COW code; every other state gets a stable made-up code ≥ 1000
(values of the measures do not depend on the codes).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

ISSUES = ("me", "nu", "di", "hr", "co", "ec")

# ISO2 (as unvotes codes them) → COW ccode, for the states tests name
COW = {
    "US": 2,
    "CA": 20,
    "GB": 200,
    "FR": 220,
    "DE": 255,
    "IT": 325,
    "RU": 365,
    "BY": 370,
    "AM": 371,
    "GE": 372,
    "AZ": 373,
    "UA": 369,
    "KZ": 705,
    "KG": 703,
    "TJ": 702,
    "UZ": 704,
    "TM": 701,
    "CN": 710,
    "JP": 740,
    "IN": 750,
    "CU": 40,
    "PL": 290,
}
NAMES = {"Federal Republic of Germany": 260, "Yemen Arab Republic": 678, "Zanzibar": 511}


def canonical(shared: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(votes, roll_calls)`` in the canonical layout from ``unvotes_*.parquet``."""
    raw = pl.read_parquet(shared / "unvotes_votes.parquet").with_columns(
        pl.col("country", "country_code", "vote").cast(pl.String)
    )
    states = raw.select("country_code", "country").unique().sort("country_code", "country")
    codes = []
    for i, (iso2, name) in enumerate(states.iter_rows()):
        codes.append(COW.get(iso2) or NAMES.get(name) or 1000 + i)
    states = states.with_columns(pl.Series("ccode", codes, dtype=pl.Int16))
    votes = (
        raw.join(states, on=["country_code", "country"], how="left", nulls_equal=True)
        .select(
            pl.col("rcid").cast(pl.Int32),
            pl.col("ccode"),
            pl.col("vote").replace_strict({"yes": 1, "abstain": 2, "no": 3}).cast(pl.Int8),
        )
        .sort("rcid", "ccode")
    )
    issues = pl.read_parquet(shared / "unvotes_issues.parquet")
    flags = (
        issues.select("rcid", "short_name")
        .unique()
        .with_columns(pl.lit(True).alias("flag"))
        .pivot(on="short_name", index="rcid", values="flag")
    )
    rc = pl.read_parquet(shared / "unvotes_roll_calls.parquet")
    rc = (
        rc.join(flags, on="rcid", how="left")
        .with_columns(
            pl.col("rcid").cast(pl.Int32),
            pl.col("session").cast(pl.Int16),
            pl.col("date").dt.year().cast(pl.Int16).alias("year"),
            (pl.col("importantvote").fill_null(0) == 1).alias("importantvote"),
            *[
                (pl.col(c).fill_null(False) if c in flags.columns else pl.lit(False)).alias(c)
                for c in ISSUES
            ],
        )
        .select(
            "rcid", "session", "date", "year", "unres", "importantvote", "short", "descr", *ISSUES
        )
        .sort("rcid")
    )
    return votes, rc
